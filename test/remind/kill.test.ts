// kill -9 of a sending process between the platform's accept and the database commit, and two
// sending processes at once. The senders are child processes (test/helpers/outbox-sender.ts)
// composed like the bot; the platform fakes run here, so the test knows the exact moment the
// platform took a part, and kills the sender before it can hear the answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDeliver, createAdapters } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { memoryInbox } from '../helpers/inbox.ts';
import { splitByBytes } from '../../src/platforms/wecom/split.ts';
import { flushOutbox } from '../../src/remind/delivery.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { listUnsent, requeue } from '../../src/store/delivery.ts';
import { enqueue, listOutbox } from '../../src/store/outbox.ts';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';
import { webhookEnv } from '../fakes/feishu/events.ts';
import { FakeFeishu } from '../fakes/feishu/server.ts';
import { startFakeWecomApi } from '../fakes/wecom/webhookServer.ts';

setLogLevel('error');
beforeEach(() => void vi.spyOn(process.stderr, 'write').mockImplementation(() => true));
afterEach(() => vi.restoreAllMocks());

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SENDER = fileURLToPath(new URL('../helpers/outbox-sender.ts', import.meta.url));
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const LEASE_MS = 1500;
const keyOf = (i: number) => `kill-key-${String(i).padStart(4, '0')}-0000-0000-000000000000`;
const textOf = (i: number, lines: number) => Array.from({ length: lines }, (_, l) => `第${l + 1}项（消息${i}）：住建局牵头，6月30日节点，剩余7天。`).join('\n');

function wecomEnv(base: string): Record<string, string> {
  return { WECOM_BOT_ID: 'bot', WECOM_MODE: 'callback', WECOM_TOKEN: 'tok', WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: base };
}
function feishuEnv(base: string): Record<string, string> {
  return webhookEnv(base);
}

function seed(dir: string, platform: 'wecom' | 'feishu', sizes: number[]): void {
  const db = openDb(dir);
  sizes.forEach((lines, i) => {
    if (platform === 'wecom') sqliteWebhookStore(db).set(`chat-${i}`, keyOf(i), 'admin', new Date());
    enqueue(db, { idemKey: `k${i}`, groupKey: `${platform}:chat-${i}`, kind: 'remind', text: textOf(i, lines), mentions: [], tasks: [], at: new Date(Date.now() - 1000).toISOString() }, []);
  });
  db.close();
}

/** node --import tsx, not npx: the pid we kill must be the sender itself. */
function sender(dir: string, env: Record<string, string>): { child: ChildProcess; exited: Promise<{ code: number | null; signal: string | null; out: string; err: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SENDER], {
    cwd: ROOT,
    env: { ...process.env, ...env, DATA_DIR: dir, LEASE_MS: String(LEASE_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((r) => child.on('exit', (code, signal) => r({ code, signal, out, err })));
  return { child, exited };
}

/** The bot after the crash: a drain in this process, composed the same way. */
function recoverer(db: Db, env: Record<string, string>) {
  const adapters = createAdapters(env, { handle: async () => ({ text: '' }), inbox: memoryInbox(), webhooks: sqliteWebhookStore(db), now: () => new Date(), dataDir: '', http: () => undefined });
  return () => flushOutbox({ db, now: () => new Date(), delivery: { leaseMs: LEASE_MS } }, makeDeliver(adapters, process.stdout));
}

describe('a sender killed with SIGKILL between the platform accepting a part and the commit', () => {
  it('WeCom: the part is not sent again automatically; the operator’s resend repeats that one part at most once', { timeout: 60_000 }, async () => {
    const fake = await startFakeWecomApi({ keys: [keyOf(0)] });
    const dir = mkdtempSync(join(tmpdir(), 'duban-kill-'));
    try {
      seed(dir, 'wecom', [80]);
      const parts = splitByBytes(`${textOf(0, 80)}`, 2048);
      expect(parts.length).toBeGreaterThanOrEqual(3);
      const s = sender(dir, wecomEnv(fake.base));
      // WeCom accepts part 2; the answer is held and the sender dies before it can commit.
      fake.onAccepted = () => {
        if (fake.messages.length === 2) {
          fake.faults.unshift('accept-hang');
          s.child.kill('SIGKILL');
        }
      };
      const end = await s.exited;
      expect(end.signal, end.err).toBe('SIGKILL');
      fake.onAccepted = undefined;
      expect(fake.messages.map((m) => m.content)).toEqual(parts.slice(0, 2));

      const db = openDb(dir);
      try {
        const drain = recoverer(db, wecomEnv(fake.base));
        // while the dead sender's lease runs, the row is left alone; after it, it is uncertain
        await drain();
        await new Promise((r) => setTimeout(r, LEASE_MS + 100));
        await drain();
        expect(listUnsent(db)).toMatchObject([{ status: 'uncertain', partsAccepted: 1, inflightPart: 'hook1' }]);
        await drain();
        expect(fake.messages).toHaveLength(2); // nothing resent automatically
        expect(requeue(db, listUnsent(db)[0]!.id, new Date().toISOString())).toBe(true);
        await drain();
        const counts = parts.map((p) => fake.messages.filter((m) => m.content === p).length);
        expect(counts).toEqual(parts.map((_, i) => (i === 1 ? 2 : 1))); // the documented at-most-one repeat
        expect(listOutbox(db).map((r) => r.status)).toEqual(['sent']);
      } finally {
        db.close();
      }
    } finally {
      await fake.close();
    }
  });

  it('Feishu: the next drain resends with the same uuid and Feishu keeps one message per part', { timeout: 60_000 }, async () => {
    const fake = await new FakeFeishu().start();
    const dir = mkdtempSync(join(tmpdir(), 'duban-kill-'));
    try {
      seed(dir, 'feishu', [500]);
      const s = sender(dir, feishuEnv(fake.baseUrl));
      // Feishu creates part 2; the sender dies before the answer is written.
      fake.onCreated = async () => {
        if (fake.sent().length === 2) {
          s.child.kill('SIGKILL');
          await s.exited;
        }
      };
      const end = await s.exited;
      expect(end.signal, end.err).toBe('SIGKILL');
      fake.onCreated = undefined;
      expect(fake.sent()).toHaveLength(2);

      const db = openDb(dir);
      try {
        const drain = recoverer(db, feishuEnv(fake.baseUrl));
        await new Promise((r) => setTimeout(r, LEASE_MS + 100));
        await drain(); // the expired claim becomes pending (same uuid is safe within the hour)
        await drain(); // … and is sent
        expect(listOutbox(db).map((r) => r.status)).toEqual(['sent']);
        const uuids = fake.sent().map((m) => m.uuid);
        expect(uuids.length).toBe(3);
        // the recovering drain asked for part 2 again (same uuid) and Feishu answered with the first message
        expect(fake.requests.filter((r) => r.op === 'create')).toHaveLength(4);
        expect(new Set(uuids).size).toBe(uuids.length); // no duplicate on Feishu
      } finally {
        db.close();
      }
    } finally {
      await fake.stop();
    }
  });
});

describe('two sending processes at once', () => {
  it('WeCom: each part of each message is posted once', { timeout: 60_000 }, async () => {
    const sizes = [40, 70, 10, 90, 25];
    const fake = await startFakeWecomApi({ keys: sizes.map((_, i) => keyOf(i)) });
    const dir = mkdtempSync(join(tmpdir(), 'duban-two-'));
    try {
      seed(dir, 'wecom', sizes);
      const a = sender(dir, wecomEnv(fake.base));
      const b = sender(dir, wecomEnv(fake.base));
      const [ea, eb] = await Promise.all([a.exited, b.exited]);
      expect([ea.code, eb.code], ea.err + eb.err).toEqual([0, 0]);
      const counts = [ea, eb].map((e) => JSON.parse(e.out.trim().split('\n').pop()!) as { sent: number; skipped: number });
      expect(counts[0]!.sent + counts[1]!.sent).toBe(sizes.length);
      sizes.forEach((lines, i) => {
        expect(fake.messages.filter((m) => m.key === keyOf(i)).map((m) => m.content)).toEqual(splitByBytes(`${textOf(i, lines)}`, 2048));
      });
    } finally {
      await fake.close();
    }
  });
});
