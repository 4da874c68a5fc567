// Display names in the users table (issue 14 item 5): a stand-in name (the id, given when a
// lookup failed) never replaces a real one; a name the platform gives corrects the copies
// written with the stand-in; migration 9 backfills reports and milestones from users.
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, openDb, openDbFile, type Db } from '../../src/store/db.ts';
import { insertReport } from '../../src/store/reports.ts';
import { getUser, knownName, rememberName, touchUser, unnamedUsers } from '../../src/store/users.ts';
import { tempDataDir } from '../helpers/chat.ts';

const dirs: string[] = [];
const dbs: Db[] = [];
function fresh(): Db {
  const dir = tempDataDir();
  dirs.push(dir);
  const db = openDb(dir);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ID = 'ou_x';
const report = (db: Db, userName: string, n: number) =>
  insertReport(db, { taskNo: 28, platform: 'feishu', userId: ID, userName, unit: '住建局', text: '已开工', percent: null, status: null, chatId: 'oc_g', messageId: `m${n}`, createdAt: `2026-03-0${1 + (n % 9)}T02:00:00.000Z` });

describe('names in the users table', () => {
  it('the stored name is the last real name given, whatever stand-ins came between', () => {
    const db = openDbFile(':memory:');
    dbs.push(db);
    const name = fc.oneof(fc.constant(ID), fc.constant(''), fc.constantFrom('张三', '李四', '王五'));
    const step = fc.record({ name, remember: fc.boolean(), day: fc.integer({ min: 1, max: 9 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        db.exec('DELETE FROM users');
        for (const s of steps) {
          const at = `2026-03-0${s.day}T02:00:00.000Z`;
          if (s.remember) rememberName(db, 'feishu', ID, s.name, at);
          else touchUser(db, { platform: 'feishu', userId: ID, name: s.name }, at);
        }
        const real = steps.filter((s) => s.name !== ID && s.name !== '').map((s) => s.name);
        const row = getUser(db, 'feishu', ID);
        if (real.length) expect(row?.name).toBe(real.at(-1));
        else {
          // Only stand-ins: the row exists when a touch made it (rememberName ignores them).
          const touched = steps.find((s) => !s.remember);
          expect(row?.name).toBe(touched?.name);
          expect(knownName(db, 'feishu', ID)).toBeUndefined();
        }
      }),
    );
  });

  it('a remembered name replaces the stand-in on reports, never a real name written earlier', () => {
    const db = fresh();
    report(db, ID, 1);
    report(db, '张老三', 2); // the name the person had then
    touchUser(db, { platform: 'feishu', userId: ID, name: ID }, '2026-03-01T02:00:00.000Z');
    expect(unnamedUsers(db, 'feishu')).toEqual([ID]);
    rememberName(db, 'feishu', ID, '张三', '2026-03-05T02:00:00.000Z');
    const names = (db.prepare('SELECT user_name AS n FROM reports ORDER BY id').all() as { n: string }[]).map((r) => r.n);
    expect(names).toEqual(['张三', '张老三']);
    expect(knownName(db, 'feishu', ID)).toEqual({ name: '张三', at: '2026-03-05T02:00:00.000Z' });
    expect(unnamedUsers(db, 'feishu')).toEqual([]);
  });

  it('migration 9 puts the names users already hold on the reports written with the id', () => {
    const db = new Database(':memory:');
    dbs.push(db);
    migrate(db, MIGRATIONS.filter((m) => m.version < 8));
    touchUser(db, { platform: 'feishu', userId: ID, name: '张三' }, '2026-03-01T02:00:00.000Z');
    touchUser(db, { platform: 'feishu', userId: 'ou_y', name: 'ou_y' }, '2026-03-01T02:00:00.000Z');
    report(db, ID, 1);
    insertReport(db, { taskNo: 28, platform: 'feishu', userId: 'ou_y', userName: 'ou_y', unit: '住建局', text: '已开工', percent: null, status: null, chatId: 'oc_g', messageId: 'my', createdAt: '2026-03-01T02:00:00.000Z' });
    expect(migrate(db)).toBeGreaterThan(0);
    const rows = db.prepare('SELECT user_id AS id, user_name AS n FROM reports ORDER BY id').all();
    expect(rows).toEqual([{ id: ID, n: '张三' }, { id: 'ou_y', n: 'ou_y' }]);
    // A name stored before migration 9 has no confirmation time: the adapter asks again.
    expect(knownName(db, 'feishu', ID)).toEqual({ name: '张三' });
  });
});
