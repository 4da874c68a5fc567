// The inbox's admission rules as a state machine, checked against a model over random
// sequences of deliveries, re-pushes, failures, completions, restarts and replays (fast-check).
// A "restart" is a new sqliteInbox on the same file: claims die with the process, rows do not.
import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDb, openDbFile } from '../../src/store/db.ts';
import { sqliteInbox, type Admission, type Inbox } from '../../src/store/inbox.ts';
import { tempDataDir } from '../helpers/chat.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Op =
  | { op: 'admit'; id: number }
  | { op: 'done'; id: number }
  | { op: 'retry'; id: number }
  | { op: 'restart' }
  | { op: 'replay' };

interface ModelRow {
  state: 'pending' | 'done' | 'failed';
  attempts: number;
  seq: number;
}

const MAX = 3;

describe('inbox admission rules', () => {
  it('matches the model: new once, re-push of unfinished resumes, of finished is ignored, attempts bounded', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let tried = 0;
    const op = fc.oneof(
      fc.record({ op: fc.constant('admit' as const), id: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ op: fc.constant('done' as const), id: fc.integer({ min: 0, max: 5 }) }),
      fc.record({ op: fc.constant('retry' as const), id: fc.integer({ min: 0, max: 5 }) }),
      fc.constant({ op: 'restart' as const }),
      fc.constant({ op: 'replay' as const }),
    );
    try {
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops: Op[]) => {
          tried++;
          // one connection across "restarts": what survives a process is exactly the rows
          const db = openDbFile(':memory:');
          let inbox: Inbox = sqliteInbox(db, { maxAttempts: MAX });
          const rows = new Map<number, ModelRow>();
          let claimed = new Set<number>();
          let seq = 0;
          const ev = (id: number) => ({ platform: 'feishu' as const, eventId: `e${seq}`, messageId: `m${id}`, chatId: `c${id % 2}`, payload: { id } });
          for (const o of ops) {
            if (o.op === 'admit') {
              const row = rows.get(o.id);
              let want: Admission;
              if (!row) {
                rows.set(o.id, { state: 'pending', attempts: 1, seq: seq++ });
                claimed.add(o.id);
                want = 'new';
              } else if (row.state !== 'pending') want = row.state;
              else if (claimed.has(o.id)) want = 'in-progress';
              else if (row.attempts >= MAX) {
                row.state = 'failed';
                want = 'failed';
              } else {
                row.attempts++;
                claimed.add(o.id);
                want = 'resume';
              }
              expect(inbox.admit(ev(o.id))).toBe(want);
            } else if (o.op === 'done') {
              // only the process holding the event finishes it
              if (!claimed.has(o.id)) continue;
              inbox.done('feishu', `m${o.id}`);
              rows.get(o.id)!.state = 'done';
              claimed.delete(o.id);
            } else if (o.op === 'retry') {
              if (!claimed.has(o.id)) continue;
              const row = rows.get(o.id)!;
              let want = false;
              if (row.attempts >= MAX) {
                row.state = 'failed';
                claimed.delete(o.id);
              } else {
                row.attempts++;
                want = true;
              }
              expect(inbox.retry('feishu', `m${o.id}`, 'boom')).toBe(want);
            } else if (o.op === 'restart') {
              inbox = sqliteInbox(db, { maxAttempts: MAX });
              claimed = new Set();
            } else {
              const want: number[] = [];
              for (const [id, row] of [...rows].sort((a, b) => a[1].seq - b[1].seq)) {
                if (row.state !== 'pending' || claimed.has(id)) continue;
                if (row.attempts >= MAX) row.state = 'failed';
                else {
                  row.attempts++;
                  claimed.add(id);
                  want.push(id);
                }
              }
              expect(inbox.replay('feishu').map((e) => (e.payload as { id: number }).id)).toEqual(want);
            }
          }
          const states = db.prepare('SELECT message_id AS m, state, attempts FROM inbox').all() as { m: string; state: string; attempts: number }[];
          expect(Object.fromEntries(states.map((s) => [s.m, [s.state, s.attempts]]))).toEqual(
            Object.fromEntries([...rows].map(([id, r]) => [`m${id}`, [r.state, r.attempts]])),
          );
          // every admission also left its dedupe mark
          expect((db.prepare('SELECT COUNT(*) AS n FROM platform_events').get() as { n: number }).n).toBe(rows.size);
          db.close();
        }),
        { numRuns: 300 },
      );
    } finally {
      spy.mockRestore();
    }
    expect(tried).toBeGreaterThanOrEqual(300);
  });

  it('logs a given-up event once, with its ids and no payload', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (lines.push(String(s)), true));
    try {
      const dir = tempDataDir();
      dirs.push(dir);
      const db = openDb(dir);
      const inbox = sqliteInbox(db, { maxAttempts: 2 });
      const ev = { platform: 'wecom' as const, eventId: 'e1', messageId: 'm1', chatId: 'c', payload: { text: '秘密文本' } };
      expect(inbox.admit(ev)).toBe('new');
      expect(inbox.retry('wecom', 'm1', 'Error: boom')).toBe(true);
      expect(inbox.retry('wecom', 'm1', 'Error: boom')).toBe(false);
      expect(inbox.admit(ev)).toBe('failed');
      expect(sqliteInbox(db).replay('wecom')).toEqual([]);
      const failed = lines.filter((l) => l.includes('inbox: event failed for good'));
      expect(failed).toHaveLength(1);
      expect(failed[0]).toContain('"messageId":"m1"');
      expect(failed[0]).not.toContain('秘密文本');
      db.close();
    } finally {
      spy.mockRestore();
    }
  });
});
