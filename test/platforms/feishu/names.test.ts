// Names, not ids (issue 14 item 5): the sender's display name comes from the contact API
// (through the real SDK, against the fake's GET /open-apis/contact/v3/users/:id) or from an
// earlier @-mention, is cached, and a failed lookup never holds a message back.
import { afterEach, describe, expect, it } from 'vitest';
import { atBot } from '../../fakes/feishu/events.ts';
import { until } from '../../fakes/feishu/server.ts';
import { rmSync } from 'node:fs';
import { createFeishuAdapter } from '../../../src/platforms/feishu/adapter.ts';
import { appendAudit, listAudit } from '../../../src/store/audit.ts';
import { openDb, type Db } from '../../../src/store/db.ts';
import { insertMilestone } from '../../../src/store/milestones.ts';
import { insertReport } from '../../../src/store/reports.ts';
import { createBinding, getUser, liaisonsOf, nameBook, touchUser, unnamedUsers } from '../../../src/store/users.ts';
import { tempDataDir } from '../../helpers/chat.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { configFor, harness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());
const lookups = (id: string) => h.fake.requests.filter((r) => r.op === 'contact.user' && r.path.endsWith(id)).length;

describe('feishu display names', () => {
  it('resolves the sender through the contact API once, then from the cache', async () => {
    h = await harness('ws');
    h.fake.users.set('ou_alice', '张三');
    await h.fake.push(atBot('第28项进展', { sender: 'ou_alice' }));
    await h.fake.push(atBot('第29项进展', { sender: 'ou_alice' }));
    await until(() => h.received.length === 2, 5000, 'both handled');
    expect(h.received.map((m) => m.userName)).toEqual(['张三', '张三']);
    expect(lookups('ou_alice')).toBe(1);
  });

  it('takes names from @-mentions without a lookup', async () => {
    h = await harness('ws');
    h.fake.users.set('ou_alice', '张三');
    await h.fake.push(atBot('请 @_user_2 汇报', { sender: 'ou_alice', mentions: [{ openId: 'ou_dave', name: '李四' }] }));
    await until(() => h.received.length === 1);
    await h.fake.push(atBot('已完成', { sender: 'ou_dave' }));
    await until(() => h.received.length === 2);
    expect(h.received[1]!.userName).toBe('李四');
    expect(lookups('ou_dave')).toBe(0);
  });

  it('a refused lookup (no contact permission) falls back to the open_id and the message is still answered', async () => {
    h = await harness('ws');
    await h.fake.push(atBot('在吗', { sender: 'ou_bob' }));
    await until(() => h.fake.sent().length === 1, 5000, 'reply');
    expect(h.received[0]!.userName).toBe('ou_bob');
    expect(lookups('ou_bob')).toBe(1);
    expect(h.logs().join('')).toContain('user name lookup failed');
  });
});

// Names persisted in the users table (the name book): they outlive the process and a lookup
// that fails later, and people recorded by their open_id before are named by a backfill.
describe('feishu display names in the store', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  const store = () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const db = openDb(dir);
    dbs.push(db);
    return db;
  };
  afterEach(async () => {
    await h?.close();
    for (const db of dbs.splice(0)) db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const book = (db: Db) => nameBook(db, 'feishu', () => new Date());

  it('a name looked up before a restart is used after it, without asking the contact API again', async () => {
    const db = store();
    h = await harness('ws', { nameBook: book(db) });
    h.fake.users.set('ou_alice', '张三');
    await h.fake.push(atBot('第28项进展', { sender: 'ou_alice' }));
    await until(() => h.received.length === 1, 5000, 'handled');
    await h.close();
    expect(getUser(db, 'feishu', 'ou_alice')?.name).toBe('张三');

    // A new process; this fake refuses every lookup (the permission was withdrawn).
    h = await harness('ws', { nameBook: book(db) });
    await h.fake.push(atBot('第29项进展', { sender: 'ou_alice' }));
    await until(() => h.received.length === 1, 5000, 'handled after restart');
    expect(h.received[0]!.userName).toBe('张三');
    expect(lookups('ou_alice')).toBe(0);
  });

  it('a name from an @-mention is stored for someone who never wrote', async () => {
    const db = store();
    h = await harness('ws', { nameBook: book(db) });
    await h.fake.push(atBot('请 @_user_2 汇报', { sender: 'ou_alice', mentions: [{ openId: 'ou_dave', name: '李四' }] }));
    await until(() => h.received.length === 1);
    expect(getUser(db, 'feishu', 'ou_dave')?.name).toBe('李四');
  });

  it('the backfill names people recorded by their open_id: users, reports, milestones, liaisons; the audit keeps what was written', async () => {
    const db = store();
    const at = '2026-03-05T02:00:00.000Z';
    for (const id of ['ou_bob', 'ou_carol']) {
      touchUser(db, { platform: 'feishu', userId: id, name: id }, at);
      insertReport(db, { taskNo: 28, platform: 'feishu', userId: id, userName: id, unit: '住建局', text: '已开工', percent: 30, status: null, chatId: 'oc_group1', messageId: `m-${id}`, createdAt: at });
    }
    insertMilestone(db, { taskNo: 28, dueDate: '2026-06-30', dueLabel: '6月底', text: '完成主体', targetPercent: 50, unit: '住建局', platform: 'feishu', userId: 'ou_bob', userName: 'ou_bob', chatId: 'oc_group1', messageId: 'm-ms', createdAt: at });
    createBinding(db, { platform: 'feishu', userId: 'ou_bob', unit: '住建局', status: 'active', requestedBy: 'feishu:ou_admin', requestedAt: at, chatId: 'oc_group1', decidedBy: 'feishu:ou_admin' });
    appendAudit(db, { at, platform: 'feishu', userId: 'ou_bob', userName: 'ou_bob', chatId: 'oc_group1', messageId: 'm-ou_bob', action: 'report.create', entity: 'report', entityId: '1', before: null, after: null });

    h = await harness('ws', { nameBook: book(db) });
    // The backfill the start began finds nobody the fake knows yet; then 王五 is known to the
    // contact API (ou_carol stays outside the app's contact range: 41050) and a second runs.
    expect(await h.adapter.backfillNames()).toBe(0);
    h.fake.users.set('ou_bob', '王五');
    const again = createFeishuAdapter({ config: configFor(h.fake, 'ws'), handle: async () => ({ text: '' }), inbox: memoryInbox(), nameBook: book(db), api: { backoffMs: 50, maxWaitMs: 3000 } });
    expect(await again.backfillNames()).toBe(1);

    expect(getUser(db, 'feishu', 'ou_bob')?.name).toBe('王五');
    expect(getUser(db, 'feishu', 'ou_carol')?.name).toBe('ou_carol');
    const reports = db.prepare('SELECT user_id AS id, user_name AS name FROM reports ORDER BY id').all();
    expect(reports).toEqual([{ id: 'ou_bob', name: '王五' }, { id: 'ou_carol', name: 'ou_carol' }]);
    expect((db.prepare('SELECT user_name AS n FROM milestones').get() as { n: string }).n).toBe('王五');
    expect(liaisonsOf(db, ['住建局']).map((b) => b.name)).toEqual(['王五']);
    expect(listAudit(db, {}).map((a) => a.userName)).toEqual(['ou_bob']);
    // Only the one still unnamed is left for the next backfill.
    expect(unnamedUsers(db, 'feishu')).toEqual(['ou_carol']);
  });
});
