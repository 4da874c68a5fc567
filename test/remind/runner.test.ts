// The reminder run end to end on the real store: a simulated 2026 with bindings, subscriptions
// and reports made through chat, restarts, a two-day outage and failing sends.
import { describe, expect, it } from 'vitest';
import { runDigests } from '../../jobs/reminders.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { addDays } from '../../src/remind/dates.ts';
import { previewPlanner, runReminders, type Deliver, type RemindDeps } from '../../src/remind/runner.ts';
import type { GroupMessage } from '../../src/platforms/types.ts';
import { openDb } from '../../src/store/db.ts';
import { listOutbox } from '../../src/store/outbox.ts';
import { makeChat } from '../helpers/chat.ts';

const calendar = buildCalendar();
const kb = loadKnowledge();
const config = remindConfig({
  REMIND_DEFAULT_GROUP: 'feishu:oc_default',
  REMIND_LEADERS_GROUP: 'feishu:oc_leaders',
  REMIND_QUARTERLY: 'false',
});

interface Sent {
  day: string;
  group: string;
  msg: GroupMessage;
}

function recorder(failOn: Set<string> = new Set()) {
  const sent: Sent[] = [];
  const attempts = new Map<string, number>();
  let today = '';
  const deliver: Deliver = async (group, msg) => {
    const n = (attempts.get(msg.idempotencyKey) ?? 0) + 1;
    attempts.set(msg.idempotencyKey, n);
    if (failOn.has(today) && n === 1) return { ok: false, messageIds: [], retryable: true, error: '模拟网络故障' };
    sent.push({ day: today, group, msg });
    return { ok: true, messageIds: [`m${sent.length}`] };
  };
  return { sent, attempts, deliver, setDay: (d: string) => (today = d) };
}

describe('reminder runs over 2026 on the store', () => {
  it('sends every reminder once, on the right workday, through restarts, an outage and failed sends', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-01-05T01:00:00Z' });
    // Routing and a bound liaison, set up the way people do it: in chat.
    expect(await chat.say('督查室', 'oc_zjj', '/订阅 住建局')).toContain('已订阅');
    expect(await chat.say('督查室', 'oc_zjj', '/绑定 @张三 住建局', { mentions: ['张三'] })).toMatch(/张三/);
    expect(await chat.say('张三', 'oc_zjj', '/节点 28 6月底 完成主体结构')).toMatch(/6月30日|06-30|6月底/);
    expect(await chat.say('张三', 'oc_zjj', '/节点 28 10月8日 完成竣工验收')).toMatch(/10月8日|10-08/);
    const dir = chat.dir;
    chat.db.close();

    const rec = recorder(new Set(['2026-06-22']));
    const down = new Set(['2026-06-24', '2026-06-25']);
    let db = openDb(dir);
    let runs = 0;
    for (let day = '2026-01-05'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (down.has(day)) continue;
      if (++runs % 40 === 0) (db.close(), (db = openDb(dir))); // a restart now and then
      rec.setDay(day);
      const at = new Date(`${day}T09:00:00+08:00`);
      const deps: RemindDeps = { db, kb, calendar, config, now: () => at };
      await runReminders(deps, rec.deliver);
      // The minute-by-minute retry loop, compressed: a later run the same day.
      const later = new Date(`${day}T09:05:00+08:00`);
      await runReminders({ ...deps, now: () => later }, rec.deliver);
    }
    const rows = listOutbox(db, 10_000);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    // Each message reached its group exactly once, however often it was attempted.
    const keys = rec.sent.map((s) => s.msg.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rec.attempts.size).toBe(rows.length);

    // Each (milestone, lead time, group) is logged once, by the primary key; check the days.
    const log = db.prepare('SELECT notice_key AS key, group_key AS grp, run_date AS day FROM reminder_log').all() as { key: string; grp: string; day: string }[];
    const byKey = new Map(log.filter((l) => l.grp === 'feishu:oc_zjj').map((l) => [l.key, l.day]));
    const ms = db.prepare('SELECT id FROM milestones ORDER BY id').all() as { id: number }[];
    const [june, oct] = ms.map((m) => `set:${m.id}`);
    // 06-30 (Tue): L7 06-23, L3 06-27 Sat → 06-26, L1 06-29, L0 06-30.
    expect([7, 3, 1, 0].map((l) => byKey.get(`rem:${june}:L${l}`))).toEqual(['2026-06-23', '2026-06-26', '2026-06-29', '2026-06-30']);
    // 10-08: 7, 3 and 1 days before fall in the National Day holiday → 09-30, one message.
    expect([7, 3, 1, 0].map((l) => byKey.get(`rem:${oct}:L${l}`))).toEqual(['2026-09-30', '2026-09-30', '2026-09-30', '2026-10-08']);
    const sept30 = rec.sent.filter((s) => s.day === '2026-09-30' && s.group === 'feishu:oc_zjj');
    expect(sept30).toHaveLength(1);
    expect(sept30[0]!.msg.text.match(/完成竣工验收/g)).toHaveLength(1);

    // The liaison is @-mentioned in the unit's group.
    const junMsg = rec.sent.find((s) => s.day === '2026-06-23' && s.group === 'feishu:oc_zjj')!;
    expect(junMsg.msg.mentions.map((m) => m.name)).toContain('张三');
    expect(junMsg.msg.text).toContain('第28项');
    // A failed send on 06-22 went out later the same day, once.
    expect(rec.sent.filter((s) => s.day === '2026-06-22').length).toBeGreaterThan(0);

    // Milestones of the voted projects reach the default group (no subscription for 农业农村局).
    const votedKey = log.find((l) => l.key.startsWith('rem:voted:1:') && l.grp === 'feishu:oc_default');
    expect(votedKey).toBeDefined();
    db.close();
  });

  it('escalates a missed milestone to the leaders group after 3 workdays, and stops once it is met', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-03-02T01:00:00Z' });
    await chat.say('督查室', 'oc_zjj', '/订阅 住建局');
    await chat.say('督查室', 'oc_zjj', '/绑定 @张三 住建局', { mentions: ['张三'] });
    await chat.say('张三', 'oc_zjj', '/节点 28 3月底 完成选址');
    const rec = recorder();
    const deps = (day: string): RemindDeps => ({ db: chat.db, kb, calendar, config, now: () => new Date(`${day}T09:00:00+08:00`) });
    for (let day = '2026-03-02'; day <= '2026-04-24'; day = addDays(day, 1)) {
      if (day === '2026-04-20') {
        chat.at('2026-04-20T02:00:00Z');
        expect(await chat.say('张三', 'oc_zjj', '/进展 28 已完成选址，完成率10%')).toContain('第28项');
      }
      rec.setDay(day);
      await runReminders(deps(day), rec.deliver);
    }
    const kinds = rec.sent
      // New notices name the milestone; weekly repeats are one line naming the task.
      .filter((s) => s.msg.text.includes('第28项'))
      .map((s) => `${s.day} ${s.group.replace('feishu:', '')} ${s.msg.text.split('\n')[0]!.replace(/】.*/, '】')}`);
    expect(kinds).toEqual([
      '2026-03-24 oc_zjj 【节点提醒】',
      '2026-03-27 oc_zjj 【节点提醒】',
      '2026-03-30 oc_zjj 【节点提醒】',
      '2026-03-31 oc_zjj 【节点提醒】',
      '2026-04-01 oc_zjj 【逾期提醒】',
      '2026-04-03 oc_leaders 【逾期督办】',
      '2026-04-08 oc_zjj 【逾期提醒】',
      '2026-04-10 oc_leaders 【逾期督办】',
      '2026-04-15 oc_zjj 【逾期提醒】',
      '2026-04-17 oc_leaders 【逾期督办】',
    ]);
    const esc = rec.sent.find((s) => s.day === '2026-04-03')!;
    expect(esc.msg.text).toContain('牵头领导：曹陶');
    chat.db.close();
  });

  it('plans a dry run without writing, and the weekly digest speaks the bulletin', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-06-01T01:00:00Z' });
    await chat.say('督查室', 'oc_zjj', '/绑定 @张三 住建局', { mentions: ['张三'] });
    await chat.say('张三', 'oc_zjj', '/进展 28 已开工建设120套，完成率30%');
    const deps: RemindDeps = { db: chat.db, kb, calendar, config: remindConfig({}), now: () => new Date('2026-06-29T01:00:00Z') };
    const before = listOutbox(chat.db).length;
    const msgs = previewPlanner(deps)('2026-06-26');
    expect(msgs.length).toBeGreaterThan(0);
    expect(listOutbox(chat.db).length).toBe(before);
    const rec = recorder();
    rec.setDay('2026-06-29');
    expect(await runDigests(deps, rec.deliver)).toBe(1);
    expect(await runDigests(deps, rec.deliver)).toBe(0); // once per day and group
    const digest = rec.sent[0]!.msg.text;
    expect(digest).toMatch(/【每周汇总】截至6月29日，全部重点工作任务69项：\d+项达到时序进度/);
    expect(digest).toContain('正常推进1项');
    // Tuesday is not the digest day.
    expect(await runDigests({ ...deps, now: () => new Date('2026-06-30T01:00:00Z') }, rec.deliver)).toBe(0);
    chat.db.close();
  });
});
