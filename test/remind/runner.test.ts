// The reminder run end to end on the real store: a simulated 2026 with bindings, subscriptions
// and reports made through chat, restarts, a two-day outage and failing sends.
import { describe, expect, it } from 'vitest';
import { runDigests } from '../../jobs/reminders.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig, type RemindConfig } from '../../src/remind/config.ts';
import { addDays } from '../../src/remind/dates.ts';
import { previewDigests } from '../../src/remind/digest.ts';
import type { RemindMilestone } from '../../src/remind/milestones.ts';
import { milestonesFor, previewPlanner, runReminders, type Deliver, type RemindDeps } from '../../src/remind/runner.ts';
import type { GroupMessage } from '../../src/platforms/types.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { listOutbox } from '../../src/store/outbox.ts';
import { makeChat } from '../helpers/chat.ts';
import { realisticStore, REMIND_ENV } from '../helpers/remindStore.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

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
    // 45 %, not 30 % (issue 15): at the end of June 序时进度 is ≈ 49 %, and 30 % would now be 滞后
    await chat.say('张三', 'oc_zjj', '/进展 28 已开工建设120套，完成率45%');
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

// ---- One screen per group per day, measured over the year ----------------------------------

interface DayLength {
  day: string;
  lines: number;
  bytes: number;
  /** the most parts one group's reminder of the day was split into (0: no reminder) */
  parts: number;
}

function distribution(label: string, days: DayLength[]): string {
  const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * (xs.length - 1)))]!;
  const L = days.map((d) => d.lines);
  const B = days.map((d) => d.bytes);
  const busy = days.filter((d) => d.lines > 0).length;
  return `${label}: ${days.length} workdays (${busy} with a reminder), longest message part per day — lines min ${Math.min(...L)} / median ${q(L, 0.5)} / p90 ${q(L, 0.9)} / max ${Math.max(...L)}; bytes min ${Math.min(...B)} / median ${q(B, 0.5)} / p90 ${q(B, 0.9)} / max ${Math.max(...B)}; days over 40 lines ${L.filter((x) => x > 40).length}, over 4096 bytes ${B.filter((x) => x > 4096).length}; days a group's reminder took 2+ parts ${days.filter((d) => d.parts > 1).length} (${days.filter((d) => d.parts > 1).map((d) => `${d.day.slice(5)}: ${d.parts}`).join(', ') || '—'})`;
}

describe('reminder length over 2026', () => {
  it.each([
    ['unit groups on both platforms, a leaders group', true, REMIND_ENV.REMIND_DEFAULT_GROUP],
    ['no subscriptions: everything in the default group', false, REMIND_ENV.REMIND_DEFAULT_GROUP],
    // WeCom's webhook text holds 2,048 bytes (real @ needs text), half of Feishu's budget here
    ['no subscriptions: everything in a WeCom default group', false, 'wecom:wr_default'],
  ])('fits every message part in one screen: %s', async (label, subscriptions, defaultGroup) => {
    const { chat, fileReports } = await realisticStore({ subscriptions });
    const cfg = remindConfig({ ...REMIND_ENV, REMIND_DEFAULT_GROUP: defaultGroup }); // quarterly check-ins on, as by default
    const year = collectMilestonesOf(chat.db, cfg);
    const days: DayLength[] = [];
    const sent: { group: string; msg: GroupMessage }[] = [];
    const deliver: Deliver = async (group, msg) => (sent.push({ group, msg }), { ok: true, messageIds: [`m${sent.length}`] });
    for (let day = '2026-01-05'; day <= '2026-12-31'; day = addDays(day, 1)) {
      if (calendar.isWorkday(day)) {
        const from = sent.length;
        await runReminders({ db: chat.db, kb, calendar, config: cfg, now: () => new Date(`${day}T09:00:00+08:00`) }, deliver);
        const today = sent.slice(from);
        const reminders = today.filter((s) => /^【(节点提醒|逾期提醒|逾期督办)/.test(s.msg.text));
        const perGroup = new Map<string, number>();
        for (const s of reminders) perGroup.set(s.group, (perGroup.get(s.group) ?? 0) + 1);
        days.push({
          day,
          lines: Math.max(0, ...today.map((s) => s.msg.text.split('\n').length)),
          bytes: Math.max(0, ...today.map((s) => utf8(s.msg.text))),
          parts: Math.max(0, ...perGroup.values()),
        });
        // a group's parts of one day are numbered (1/n)…(n/n), n their count
        for (const [group, n] of perGroup)
          if (n > 1)
            expect(reminders.filter((s) => s.group === group).map((s) => s.msg.text.split('\n')[0]!.match(/（(\d+)\/(\d+)）$/)?.slice(1).join('/'))).toEqual(
              Array.from({ length: n }, (_, i) => `${i + 1}/${n}`),
            );
      }
      fileReports(day);
    }
    console.log(distribution(label, days));
    expect(days.length).toBeGreaterThan(240);
    expect(sent.length).toBeGreaterThan(80);
    for (const { group, msg } of sent) {
      const lines = msg.text.split('\n');
      expect(lines.length, msg.text).toBeLessThanOrEqual(40);
      expect(utf8(msg.text), msg.text).toBeLessThanOrEqual(group.startsWith('wecom:') ? 2048 : 4096);
      // the heading once, in the text: no title for the platform to print over it again
      expect(msg.title).toBeUndefined();
      expect(lines[0]).toMatch(/^【(节点提醒|逾期提醒|逾期督办)(、(逾期提醒|逾期督办))*】\d+月\d+日（周.）/);
      expect(lines.slice(1).some((l) => l.startsWith('【'))).toBe(false);
    }
    // Mentions are exactly the liaisons (on the group's platform) of the units whose items the
    // message carries.
    const rows = chat.db.prepare('SELECT o.idem_key AS idem, o.group_key AS grp, l.notice_key AS notice FROM outbox o JOIN reminder_log l ON l.outbox_id = o.id').all() as { idem: string; grp: string; notice: string }[];
    const units = new Map<string, Set<string>>();
    for (const r of rows) {
      const m = year.get(r.notice.replace(/^(rem|due|esc):/, '').replace(/:(L\d+|w\d+)$/, ''))!;
      expect(m, r.notice).toBeDefined();
      for (const u of m.leadUnits) (units.get(r.idem) ?? units.set(r.idem, new Set()).get(r.idem)!).add(u);
    }
    const liaisons = chat.db.prepare("SELECT b.platform, b.unit, u.name FROM bindings b JOIN users u ON u.platform = b.platform AND u.user_id = b.user_id WHERE b.status = 'active'").all() as { platform: string; unit: string; name: string }[];
    for (const { group, msg } of sent) {
      const want = liaisons.filter((l) => group.startsWith(`${l.platform}:`) && units.get(msg.idempotencyKey)!.has(l.unit)).map((l) => l.name);
      expect(msg.mentions.map((m) => m.name).sort(), msg.text).toEqual([...new Set(want)].sort());
    }
    expect(sent.some((s) => s.msg.mentions.length > 0)).toBe(true);
    chat.close();
  }, 120_000);
});

/** Every milestone of 2026 by key, /节点 ones included (none is deleted in the simulation). */
function collectMilestonesOf(db: Db, cfg: RemindConfig): Map<string, RemindMilestone> {
  return new Map(milestonesFor({ db, kb, calendar, config: cfg, now: () => new Date() }, '2026-06-01').map((m) => [m.key, m]));
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

// ---- Previews tell the truth ----------------------------------------------------------------

describe('previews', () => {
  it('show exactly what the live run sends on that day: before it, after it, and for the days ahead', async () => {
    const { chat, fileReports } = await realisticStore();
    const cfg = remindConfig(REMIND_ENV);
    const deliver: Deliver = async () => ({ ok: true, messageIds: ['x'] });
    const deps = (at: string): RemindDeps => ({ db: chat.db, kb, calendar, config: cfg, now: () => new Date(at) });
    const shape = (ms: { group: string; text: string; mentions: unknown[]; tasks: string[] }[]) => ms.map((m) => ({ group: m.group, text: m.text, mentions: m.mentions, tasks: m.tasks }));
    const enqueuedOn = (day: string) =>
      shape(listOutbox(chat.db, 100_000).filter((r) => r.kind === 'remind' && chinaDateOf(r.createdAt) === day).reverse().map((r) => ({ ...r, group: r.groupKey })));
    // The bot is switched on on 03-02 (remind_since); down 06-24..06-25; a /节点 milestone set
    // and one deleted on the way; reports keep coming in at 10:00, after the day's run.
    const checked = ['2026-03-02', '2026-03-31', '2026-04-01', '2026-06-23', '2026-06-26', '2026-06-30', '2026-07-01', '2026-07-06', '2026-09-30'];
    const down = new Set(['2026-06-24', '2026-06-25']);
    const before = new Map<string, ReturnType<typeof shape>>();
    for (let day = '2026-03-02'; day <= '2026-10-16'; day = addDays(day, 1)) {
      if (day === '2026-05-11') {
        chat.at('2026-05-11T03:00:00Z');
        expect(await chat.say('张三', 'oc_zjj', '/节点 27 5月29日 完成项目招标')).toMatch(/5月29日/);
        expect(await chat.say('王五', 'oc_default', '/节点 7 6月5日 完成园区规划')).toMatch(/6月5日/);
      }
      if (day === '2026-05-25') {
        chat.at('2026-05-25T03:00:00Z');
        expect(await chat.say('王五', 'oc_default', '/节点 删 5')).toMatch(/已删除第7项节点 #5/);
      }
      if (calendar.isWorkday(day) && !down.has(day)) {
        if (checked.includes(day)) before.set(day, shape(previewPlanner(deps(`${day}T08:30:00+08:00`))(day)));
        await runReminders(deps(`${day}T09:00:00+08:00`), deliver);
        if (checked.includes(day)) expect(before.get(day), day).toEqual(enqueuedOn(day));
      }
      fileReports(day);
    }
    // Looking back from 10-16 the previews still show what went out then: later reports, later
    // milestones and later runs do not leak into them.
    const later = previewPlanner(deps('2026-10-16T15:00:00+08:00'));
    for (const day of checked) expect(shape(later(day)), day).toEqual(enqueuedOn(day));
    expect(checked.filter((d) => enqueuedOn(d).length > 0).length).toBeGreaterThanOrEqual(7);
    // A day before remind_since: what a first run on that day would send — nothing caught up
    // from before it (the run on 03-02 carried the misses of February as history too).
    const feb = shape(later('2026-02-27'));
    expect(feb.flatMap((m) => m.text.split('\n')).filter((l) => /已逾期|仍逾期/.test(l))).toEqual([]);
    // Ahead: today's preview of the next two weeks equals what the runs then send (nothing is
    // reported in between).
    const ahead = previewPlanner(deps('2026-10-16T17:00:00+08:00'));
    const planned = new Map<string, ReturnType<typeof shape>>();
    for (let day = '2026-10-19'; day <= '2026-10-30'; day = addDays(day, 1)) if (calendar.isWorkday(day)) planned.set(day, shape(ahead(day)));
    for (const [day, msgs] of planned) {
      await runReminders(deps(`${day}T09:00:00+08:00`), deliver);
      expect(msgs, day).toEqual(enqueuedOn(day));
    }
    expect([...planned.values()].some((m) => m.length > 0)).toBe(true);
    chat.close();
  }, 120_000);

  it('preview the weekly digest as the digest run would send it, also looking back', async () => {
    const { chat, fileReports } = await realisticStore();
    const cfg = remindConfig(REMIND_ENV);
    const deliver: Deliver = async () => ({ ok: true, messageIds: ['x'] });
    const tasks = kb.keyTasks;
    const digestsOn = (day: string) =>
      listOutbox(chat.db, 100_000).filter((r) => r.kind === 'digest' && chinaDateOf(r.createdAt) === day).reverse().map((r) => ({ group: r.groupKey, text: r.text, tasks: r.tasks }));
    const shape = (ds: { group: string; text: string; tasks: string[] }[]) => ds.map((d) => ({ group: d.group, text: d.text, tasks: d.tasks }));
    const mondays = ['2026-03-02', '2026-06-29', '2026-10-08']; // 10-08 (Thu): the week's first workday after National Day
    for (let day = '2026-03-02'; day <= '2026-10-16'; day = addDays(day, 1)) {
      if (mondays.includes(day)) {
        const preview = shape(previewDigests(chat.db, tasks, cfg, calendar, day));
        await runDigests({ db: chat.db, kb, calendar, config: cfg, now: () => new Date(`${day}T09:00:00+08:00`) }, deliver);
        expect(preview.length, day).toBeGreaterThan(0);
        expect(preview, day).toEqual(digestsOn(day));
      }
      fileReports(day);
    }
    for (const day of mondays) expect(shape(previewDigests(chat.db, tasks, cfg, calendar, day)), day).toEqual(digestsOn(day));
    expect(previewDigests(chat.db, tasks, cfg, calendar, '2026-06-30')).toEqual([]); // a Tuesday
    chat.close();
  }, 60_000);
});

function chinaDateOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}
