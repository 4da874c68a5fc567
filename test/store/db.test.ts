// The store: file under DATA_DIR, WAL + synchronous=FULL, migrations, the append-only audit log.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, countAudit, listAudit } from '../../src/store/audit.ts';
import { DB_FILE, migrate, MIGRATIONS, openDb, schemaVersion, writeTx, type Db } from '../../src/store/db.ts';
import { markProcessed, processedReply } from '../../src/store/processed.ts';
import { insertReport, liveStateReports, revokeReport } from '../../src/store/reports.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

const LATEST = Math.max(...MIGRATIONS.map((m) => m.version));
const dirs: string[] = [];
const dbs: Db[] = [];
function fresh(): { dir: string; db: Db } {
  const dir = tempDataDir();
  dirs.push(dir);
  const db = openDb(dir, { now: () => new Date('2026-03-05T00:00:00Z') });
  dbs.push(db);
  return { dir, db };
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entry = (n: number) => ({
  at: '2026-03-05T02:00:00.000Z', platform: 'feishu', userId: 'u', userName: '张三', chatId: 'g', messageId: `m${n}`,
  action: 'report.create', entity: 'report' as const, entityId: String(n), before: null, after: { n },
});

describe('openDb', () => {
  it('creates DATA_DIR/duban.sqlite in WAL mode with synchronous=FULL and a busy timeout', () => {
    const { dir, db } = fresh();
    expect(existsSync(join(dir, DB_FILE))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('records migrations once, and refuses a database newer than the code', () => {
    const { dir, db } = fresh();
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare('SELECT version, applied_at AS at FROM schema_migrations ORDER BY version').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, at: '2026-03-05T00:00:00.000Z' })),
    );
    expect(migrate(db)).toBe(0);
    db.close();
    const again = openDb(dir);
    dbs.push(again);
    expect(again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    again.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    again.close();
    expect(() => openDb(dir)).toThrow(new RegExp(`数据库版本（999）比程序（${LATEST}）新`));
  });

  it('applies a later migration on top, in order, each with its row', () => {
    const { db } = fresh();
    const extra = [...MIGRATIONS, { version: LATEST + 1, name: 'test column', sql: 'ALTER TABLE users ADD COLUMN extra TEXT' }];
    expect(migrate(db, extra)).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST + 1);
    expect(migrate(db, extra)).toBe(0);
  });

  it('a failing migration leaves no trace', () => {
    const { db } = fresh();
    const bad = [...MIGRATIONS, { version: LATEST + 1, name: 'bad', sql: 'CREATE TABLE t (x); SELECT * FROM nowhere' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
  });
});

describe('migration 5 (outbox claims)', () => {
  it('keeps every outbox row, its id and its reminder_log rows, and reminder_log still refers to outbox', () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const db = openDb(dir);
    dbs.push(db);
    // a database as version 3 left it
    db.exec("DELETE FROM schema_migrations WHERE version >= 5; DROP TABLE outbox_parts; DROP TABLE reminder_log; DROP TABLE outbox;");
    // and without the later migrations' tables, which are then applied after 5
    db.exec('DROP TABLE chases; DROP TABLE instructions; DROP TABLE closures;');
    db.exec('ALTER TABLE users DROP COLUMN name_at'); // migration 9, applied again below
    db.exec(MIGRATIONS.find((m) => m.version === 2)!.sql.split('CREATE TABLE outbox')[1]!.replace(/^/, 'CREATE TABLE outbox'));
    db.prepare(
      `INSERT INTO outbox (id, idem_key, group_key, kind, text, mentions, tasks, status, attempts, next_attempt_at, created_at, sent_at, last_error, message_ids)
       VALUES (7, 'k7', 'wecom:a', 'remind', 't', '[]', '[]', 'sent', 1, 'x', 'x', 'y', NULL, '["m"]'), (9, 'k9', 'feishu:b', 'digest', 't', '[]', '[]', 'pending', 2, 'x', 'x', NULL, 'e', NULL)`,
    ).run();
    db.prepare("INSERT INTO reminder_log VALUES ('n1', 'wecom:a', 7, '2026-06-23'), ('n2', 'feishu:b', 9, '2026-06-23')").run();
    // migration 5 and every later one (they are idempotent on a file that already has them)
    expect(migrate(db)).toBe(MIGRATIONS.filter((m) => m.version >= 5).length);
    expect(db.prepare('SELECT id, status, attempts, last_error AS e, claimed_by AS c FROM outbox ORDER BY id').all()).toEqual([
      { id: 7, status: 'sent', attempts: 1, e: null, c: null },
      { id: 9, status: 'pending', attempts: 2, e: 'e', c: null },
    ]);
    expect(db.prepare('SELECT notice_key AS k, outbox_id AS o FROM reminder_log ORDER BY k').all()).toEqual([{ k: 'n1', o: 7 }, { k: 'n2', o: 9 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("INSERT INTO reminder_log VALUES ('n3', 'x', 99, 'd')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE outbox SET status = 'sending' WHERE id = 9").run()).toThrow(/CHECK/); // no claim without claimer and lease
  });
});

describe('audit log', () => {
  it('is append-only: UPDATE and DELETE are refused by triggers', () => {
    const { db } = fresh();
    appendAudit(db, entry(1));
    appendAudit(db, entry(2));
    expect(() => db.prepare("UPDATE audit SET user_name = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE id = 1').run()).toThrow(/append-only/);
    expect(countAudit(db)).toBe(2);
  });

  it('lists the newest rows, oldest first, with before/after as JSON', () => {
    const { db } = fresh();
    for (let i = 1; i <= 5; i++) appendAudit(db, entry(i));
    const rows = listAudit(db, { limit: 2 });
    expect(rows.map((r) => r.id)).toEqual([4, 5]);
    expect(rows[1]).toMatchObject({ platform: 'feishu', userId: 'u', chatId: 'g', messageId: 'm5', before: null, after: '{"n":5}' });
  });
});

describe('processed messages and transactions', () => {
  it('a message id can be recorded once per platform', () => {
    const { db } = fresh();
    markProcessed(db, 'feishu', 'om_1', 'now', 'ok');
    expect(processedReply(db, 'feishu', 'om_1')).toBe('ok');
    expect(processedReply(db, 'wecom', 'om_1')).toBeUndefined();
    expect(() => markProcessed(db, 'feishu', 'om_1', 'now', 'again')).toThrow(/UNIQUE|PRIMARY KEY/);
    markProcessed(db, 'wecom', 'om_1', 'now', 'ok');
  });

  it('a throw inside writeTx rolls every statement back', () => {
    const { db } = fresh();
    expect(() =>
      writeTx(db, () => {
        appendAudit(db, entry(1));
        markProcessed(db, 'feishu', 'om_1', 'now', 'ok');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(countAudit(db)).toBe(0);
    expect(processedReply(db, 'feishu', 'om_1')).toBeUndefined();
  });

  it('state reads skip revoked reports', () => {
    const { db } = fresh();
    const base = { platform: 'feishu' as const, userId: 'u', userName: 'u', unit: '住建局', percent: null, status: null, chatId: 'g', messageId: 'm' };
    const a = insertReport(db, { ...base, taskNo: 28, text: 'a', createdAt: '2026-03-01T00:00:00Z' });
    insertReport(db, { ...base, taskNo: 28, text: 'b', createdAt: '2026-03-02T00:00:00Z', percent: 20 });
    insertReport(db, { ...base, taskNo: 27, text: 'c', createdAt: '2026-03-03T00:00:00Z' });
    revokeReport(db, a.id, 'feishu:u', '2026-03-02T00:00:00Z');
    expect(liveStateReports(db)).toEqual([
      { taskNo: 27, createdAt: '2026-03-03T00:00:00Z', percent: null, status: null },
      { taskNo: 28, createdAt: '2026-03-02T00:00:00Z', percent: 20, status: null },
    ]);
    expect(liveStateReports(db, [28])).toHaveLength(1);
  });
});
