// 督查专报 (issue 16 item 5): the model from data (pure), the model from a seeded store, the
// .docx (a zip holding word/document.xml with the headings and the facts), the CLI, and /专报
// through the router and the signed download link.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weeklyBulletin } from '../../src/bulletin/data.ts';
import { bulletinDocx } from '../../src/bulletin/docx.ts';
import { buildBulletin, bulletinText, weekOf, type BulletinInput, type BulletinItem } from '../../src/bulletin/model.ts';
import { cliBulletin, parseBulletinArgs } from '../../src/cli/bulletin.ts';
import { BULLETIN_PATH, makeDashboardLink, registerDashboard } from '../../src/dashboard/index.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { defaultRegistry } from '../../src/commands/all.ts';
import { route, type RouterDeps } from '../../src/router.ts';
import type { IncomingMessage } from '../../src/types.ts';
import { milestone, NOW, report, seed, TODAY, type Seeded } from '../ledger/seed.ts';
import { encodeItemNo } from '../../src/items/address.ts';
import { catalogOf } from '../../src/items/catalog.ts';
import { quietLog } from '../helpers/quietLog.ts';
import { bulletinMessage, runDigests } from '../../jobs/reminders.ts';
import type { Deliver } from '../../src/remind/runner.ts';

quietLog();

const item = (no: number, o: Partial<BulletinItem> = {}): BulletinItem => ({
  ref: `第${no}项`, title: `任务${no}的目标`, leadUnits: ['住建局'], leaders: ['曹陶'], state: '正常推进', reason: '已报进展，未报完成率', upcoming: [], ...o,
});
const at = (date: string, hh = '02') => `${date}T${hh}:00:00.000Z`;
const input = (o: Partial<BulletinInput> = {}): BulletinInput => ({
  from: '2026-06-20', to: '2026-06-26', issue: 26, office: '督查室', lists: [], reports: [], ...o,
});

/** The visible text of a .docx: word/document.xml without its tags. */
async function docText(buf: Buffer): Promise<{ xml: string; text: string; files: string[] }> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { xml, text: xml.replace(/<[^>]+>/g, ''), files: Object.keys(zip.files) };
}

describe('the bulletin model (pure)', () => {
  const lists = [
    {
      name: '重点工作任务',
      items: [
        item(1, { state: '已完成', reason: '6月22日报完成', upcoming: [{ dueDate: '2026-06-30', dueLabel: '6月底', text: '不该列出：已完成' }] }),
        item(2, { state: '滞后', reason: '节点6月15日“完成招标”未达成', leadUnits: ['水利局'], leaders: ['吴艳平'] }),
        item(3, { state: '滞后', reason: '完成率30%，序时应达48%', upcoming: [{ dueDate: '2026-07-05', dueLabel: '7月5日', text: '完成主体结构' }] }),
        item(4, { upcoming: [{ dueDate: '2026-06-30', dueLabel: '6月底前', text: '完成设计审批' }, { dueDate: '2026-07-31', dueLabel: '7月底', text: '太远：两周以外' }] }),
        item(5, { state: '未开始', reason: '尚未填报进展' }),
      ],
    },
    { name: '民生实事', items: [item(6, { ref: '民生6', state: '逾期完成', reason: '期限6月15日，6月21日报完成' })] },
  ];
  const reports = [
    { list: '重点工作任务', ref: '第4项', unit: '住建局', createdAt: at('2026-06-21'), text: '设计已送审', percent: null, status: null },
    { list: '重点工作任务', ref: '第4项', unit: '住建局', createdAt: at('2026-06-24'), text: '设计审批中', percent: 40, status: null },
    { list: '重点工作任务', ref: '第1项', unit: '住建局', createdAt: at('2026-06-22'), text: '全部完工', percent: 100, status: '已完成' },
    { list: '重点工作任务', ref: '第3项', unit: '住建局', createdAt: at('2026-06-19'), text: '上周的，不在本期', percent: 30, status: null },
    { list: '重点工作任务', ref: '第99项', unit: '住建局', createdAt: at('2026-06-23'), text: '不在清单上', percent: null, status: null },
  ];
  const m = buildBulletin(input({ lists, reports }));

  it('【总体进展】 counts every list by state, in the bulletin’s words', () => {
    expect(m.counts).toEqual([
      { name: '重点工作任务', total: 5, counts: { 已完成: 1, 逾期完成: 0, 正常推进: 1, 滞后: 2, 未开始: 1 } },
      { name: '民生实事', total: 1, counts: { 已完成: 0, 逾期完成: 1, 正常推进: 0, 滞后: 0, 未开始: 0 } },
    ]);
    expect(m.overall[0]).toBe('重点工作任务5项：2项达到时序进度（已完成1项、正常推进1项），2项滞后，1项未开始。');
    expect(m.overall[1]).toBe('民生实事1项：0项达到时序进度（已完成0项、正常推进0项），1项逾期完成，0项滞后，0项未开始。');
    // the period's reports on listed items: 3 of the 5 (one is last week's, one names no item)
    expect(m.overall[2]).toBe('本期（6月20日至6月26日）收到进展3条，涉及2项。');
  });

  it('【工作进展】 the latest report of each item in the period, completions first', () => {
    expect(m.progress).toEqual([
      { lead: '第1项 任务1的目标（住建局）', text: '6月22日：全部完工，完成率100%。' },
      { lead: '第4项 任务4的目标（住建局）', text: '6月24日：设计审批中，完成率40%。' },
    ]);
  });

  it('【存在问题】 every lagging item with its reason, units and leaders, and the units with most', () => {
    expect(m.problems).toEqual([
      { lead: '第2项 任务2的目标（水利局，吴艳平）', text: '节点6月15日“完成招标”未达成。' },
      { lead: '第3项 任务3的目标（住建局，曹陶）', text: '完成率30%，序时应达48%。' },
    ]);
    expect(m.problemUnits).toBe('滞后任务较多的牵头单位：水利局1项、住建局1项。');
  });

  it('【下步工作】 the milestones of the next two weeks, by date, not of finished items', () => {
    expect(m.next).toEqual([
      { lead: '6月30日（6月底前）', text: '第4项 完成设计审批（住建局）。' },
      { lead: '7月5日', text: '第3项 完成主体结构（住建局）。' },
    ]);
  });

  it('caps each section and says how many were left out', () => {
    const many = Array.from({ length: 30 }, (_, i) => item(i + 1, { state: '滞后', reason: '联络员报告滞后' }));
    const capped = buildBulletin(input({ lists: [{ name: '重点工作任务', items: many }], limits: { problems: 5 } }));
    expect(capped.problems).toHaveLength(5);
    expect(capped.omitted.problems).toBe(25);
    expect(bulletinText(capped)).toContain('等30项');
  });

  it('the short message for the leaders’ group carries the same facts on one screen', () => {
    const t = bulletinText(m);
    expect(t.split('\n')[0]).toBe('【督查专报】第26期（6月20日至6月26日）');
    expect(t).toContain(m.overall[0]);
    expect(t).toContain('滞后：第2项（水利局）、第3项（住建局）。');
    expect(t).toContain('下步节点：6月30日（6月底前） 第4项 完成设计审批（住建局）');
    expect(t.split('\n').length).toBeLessThanOrEqual(8);
  });

  it('a week is the seven days ending on the day, numbered by the week of the year', () => {
    expect(weekOf('2026-06-26')).toEqual({ from: '2026-06-20', to: '2026-06-26', issue: 26 });
    expect(weekOf('2026-01-01')).toEqual({ from: '2025-12-26', to: '2026-01-01', issue: 1 });
  });
});

describe('the bulletin of a seeded store, and its .docx', () => {
  let s: Seeded;
  beforeAll(() => {
    s = seed();
  });
  afterAll(() => s.close());

  it('reads the week from the store with the state rule of /汇总', () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: TODAY, now: NOW });
    expect(m.period).toBe('6月19日至6月25日');
    expect(m.counts[0]!.total).toBe(69);
    // 28 finished on 6-20, 5 reported 滞后 on 6-18 (last week: not in 工作进展), 12 reported on 6-22
    expect(m.progress.map((e) => e.lead.split(' ')[0])).toEqual(['第28项', '第12项']);
    expect(m.progress[0]!.text).toBe('6月20日：408套全部完工，完成率100%。');
    const problems = new Map(m.problems.map((e) => [e.lead.split(' ')[0], e.text]));
    expect([...problems.keys()].sort()).toEqual(['第10项', '第19项', '第27项', '第54项', '第5项']);
    expect(problems.get('第5项')).toBe('联络员报告滞后。');
    expect(problems.get('第10项')).toMatch(/^节点5月31日“完成50%”未达成/);
    const units13 = s.kb.keyTasks.find((t) => t.no === 13)!.leadUnits.join('、');
    expect(m.next.find((e) => e.text.startsWith('第13项'))).toEqual({ lead: '6月28日（6月底）', text: `第13项 完成主体工程（${units13}）。` });
  });

  it('a past day sees the store as it stood then', () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: '2026-06-19', now: NOW });
    expect(m.progress.map((e) => e.lead.split(' ')[0])).toEqual(['第5项']);
    expect(m.counts[0]!.counts['已完成']).toBe(0); // 28 was finished on 6-20
  });

  it('is a Word document holding the four headings and the week’s facts', async () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: TODAY, now: NOW });
    const buf = await bulletinDocx(m);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const { xml, text, files } = await docText(buf);
    expect(files).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const heads = ['【总体进展】', '【工作进展】', '【存在问题】', '【下步工作】'].map((h) => text.indexOf(h));
    expect(heads.every((i) => i >= 0)).toBe(true);
    expect([...heads].sort((a, b) => a - b)).toEqual(heads);
    for (const fact of [m.title, m.issue, m.date, m.overall[0]!, '第28项', '408套全部完工', '联络员报告滞后', '6月28日（6月底）', m.next[0]!.text]) expect(text).toContain(fact);
    // laid out for print: A4, a table of counts, the state columns
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="1683[0-9]"/);
    expect(xml).toContain('<w:tbl>');
    expect(text).toContain('逾期完成');
  });
});

describe('the bulletin covers every supervised list', () => {
  let s: Seeded;
  beforeAll(() => {
    s = seed();
    report(s.db, encodeItemNo({ kind: 'livelihood', project: 6, item: 1 }), '2026-06-23T02:00:00Z', '资金未到位，开工推迟', 10, '滞后');
    report(s.db, encodeItemNo({ kind: 'indicator', no: 43, town: '白塘镇' }), '2026-06-24T02:00:00Z', '完成2座', null, '已完成');
    report(s.db, encodeItemNo({ kind: 'measure', plan: 1, measure: 4 }), '2026-06-24T03:00:00Z', '方案已印发', 40, '正常推进');
    milestone(s.db, encodeItemNo({ kind: 'measure', plan: 1, measure: 4 }), '2026-06-30', '完成首批签约', null);
  });
  afterAll(() => s.close());

  it('【总体进展】 counts each list by state, every item once; the week’s reports on any list count', () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: TODAY, now: NOW });
    const items = catalogOf(s.kb);
    expect(m.counts.map((c) => [c.name, c.total])).toEqual([
      ['重点工作任务', items.ofKind('key').length],
      ['民生实事', items.ofKind('livelihood').length],
      ['民生实事指标（镇街）', items.ofKind('indicator').length],
      ['开局八好', items.ofKind('measure').length],
    ]);
    for (const c of m.counts) expect(Object.values(c.counts).reduce((a, b) => a + b, 0), c.name).toBe(c.total);
    expect(m.counts[1]!.counts['滞后']).toBeGreaterThanOrEqual(1);
    expect(m.counts[2]!.counts['已完成']).toBeGreaterThanOrEqual(1);
    expect(m.overall.slice(0, 4).map((l) => l.split(/\d/)[0])).toEqual(['重点工作任务', '民生实事', '民生实事指标（镇街）', '开局八好']);
    // 28 and 12 from the seed, plus one report on each other list
    expect(m.overall[4]).toBe('本期（6月19日至6月25日）收到进展5条，涉及5项。');
  });

  it('【工作进展】【存在问题】【下步工作】 name the items of every list the way replies do', () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: TODAY, now: NOW });
    const leads = m.progress.map((e) => e.lead.split(' ')[0]);
    expect(leads).toEqual(expect.arrayContaining(['第28项', '第12项', '民生6.1', '指标43（白塘镇）', '八好1.4']));
    expect(m.progress.find((e) => e.lead.startsWith('指标43'))!.lead).toContain('（白塘镇）');
    const lag = m.problems.find((e) => e.lead.startsWith('民生6.1 '));
    expect(lag?.text).toBe('联络员报告滞后。');
    expect(m.next.find((e) => e.text.startsWith('八好1.4'))).toMatchObject({ lead: '6月30日（6月底）' });
    expect(m.next.find((e) => e.text.startsWith('八好1.4'))!.text).toContain('完成首批签约');
    // a finished town cell has no next step
    expect(m.next.some((e) => e.text.startsWith('指标43（白塘镇）'))).toBe(false);
  });

  it('【下步工作】 on a shared date keeps the lists’ order, so year-end measures never push the key tasks out', () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: '2026-12-24', now: new Date('2026-12-24T10:00:00Z') });
    const yearEnd = m.next.filter((e) => e.lead.startsWith('12月31日'));
    expect(yearEnd.length).toBeGreaterThan(0);
    const order = ['第', '民生', '指标', '八好'];
    const rank = (e: { text: string }) => order.findIndex((p) => e.text.startsWith(p));
    expect(yearEnd.map(rank)).toEqual([...yearEnd.map(rank)].sort((a, b) => a - b));
    expect(rank(yearEnd[0]!)).toBe(0);
    expect(m.next.every((e) => !e.text.includes('（）'))).toBe(true);
  });

    it('the .docx and the leaders’ message carry every list', async () => {
    const m = weeklyBulletin({ db: s.db, kb: s.kb, to: TODAY, now: NOW });
    const { text } = await docText(await bulletinDocx(m));
    for (const fact of ['民生实事指标（镇街）', '开局八好', '民生6.1', '资金未到位', '八好1.4']) expect(text).toContain(fact);
    const t = bulletinText(m);
    for (const line of m.overall) expect(t).toContain(line);
    expect(t).toContain('民生6.1（');
  });
});

describe('duban bulletin', () => {
  const io = (now = NOW) => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (x: string) => out.push(x), err: (x: string) => err.push(x), now: () => now, kb: () => s.kb } };
  };
  let s: Seeded;
  beforeAll(() => {
    s = seed();
  });
  afterAll(() => s.close());

  it('writes the week’s .docx and says what is in it', async () => {
    const file = join(s.dir, '专报.docx');
    const { out, err, io: x } = io();
    expect(await cliBulletin(['--week', '--out', file], { DATA_DIR: s.dir }, x)).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('')).toMatch(/^已生成督查专报：.*专报\.docx（第26期，6月19日至6月25日，进展2项，滞后5项，下步节点\d+个）/);
    expect((await docText(readFileSync(file))).text).toContain('408套全部完工');
  });

  it('refuses bad arguments in Chinese and writes nothing', async () => {
    for (const [args, re] of [
      [[], /请写 --week/],
      [['--week', '--at', '2026-02-30'], /日期“2026-02-30”不对/],
      [['--week', '--out', 'x.pdf'], /应以 \.docx 结尾/],
      [['--week', '--at'], /--at 后面要写日期/],
      [['--month'], /不认识的参数“--month”/],
    ] as const) {
      const { err, io: x } = io();
      expect(await cliBulletin([...args], { DATA_DIR: s.dir }, x), args.join(' ')).toBe(2);
      expect(err.join('')).toMatch(re);
    }
    const { err, io: x } = io();
    expect(await cliBulletin(['--week', '--at', '2026-07-01'], { DATA_DIR: s.dir }, x)).toBe(2);
    expect(err.join('')).toContain('不能为将来的日期');
    expect(parseBulletinArgs(['--week', '--at=2026-06-01', '--out=a.docx'])).toEqual({ at: '2026-06-01', out: 'a.docx' });
  });
});

describe('/专报 and its download link', () => {
  const SECRET = 'test-secret-0123456789abcdef';
  let s: Seeded;
  let http: HttpServer;
  let base: string;
  let deps: RouterDeps;
  beforeAll(async () => {
    s = seed();
    http = createHttpServer();
    registerDashboard(http, { db: s.db, kb: () => s.kb, calendar: buildCalendar(), remindConfig: remindConfig({}), now: () => NOW, secret: SECRET });
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    deps = {
      knowledge: knowledgeContext(),
      db: s.db,
      roles: { admins: new Set(['feishu:office']), leaders: new Set(['feishu:mayor']) },
      now: () => NOW,
      commands: defaultRegistry(),
      dashboard: { baseUrl: base, secret: SECRET, now: () => NOW },
    };
  });
  afterAll(async () => {
    await http.close();
    s.close();
  });
  let seq = 0;
  const say = async (userId: string, text: string, isDirect = true) => {
    const msg: IncomingMessage = { platform: 'feishu', messageId: `b-${++seq}`, chatId: isDirect ? `dm-${userId}` : 'group', isDirect, userId, userName: userId, text, receivedAt: NOW };
    return (await route(msg, deps)).text;
  };

  it('gives the 督查室 a 30-minute link in a direct chat, and refuses others and groups', async () => {
    const r = await say('office', '/专报');
    expect(r).toMatch(/30分钟内有效/);
    expect(r).toContain(`${base}${BULLETIN_PATH}?`);
    expect(await say('mayor', '/专报')).toContain('督查专报只对督查室开放');
    expect(await say('someone', '/专报')).toContain('督查专报只对督查室开放');
    expect(await say('office', '/专报', false)).toContain('请私聊我发送 /专报');
  });

  it('the link downloads the .docx; a dashboard link or an export link does not', async () => {
    const link = (await say('office', '/专报')).match(/https?:\/\/\S+/)![0];
    const hop = await fetch(link, { redirect: 'manual' });
    expect(hop.status).toBe(303);
    const cookie = hop.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${base}${BULLETIN_PATH}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('督查专报-2026-06-25.docx'));
    const { text } = await docText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('【存在问题】');
    // the bulletin session opens no page, and a page link downloads no bulletin
    expect((await fetch(`${base}/dashboard`, { headers: { cookie } })).status).toBe(403);
    const page = makeDashboardLink(base, 'feishu:office', 3600, SECRET, NOW).replace('/dashboard?', `${BULLETIN_PATH}?`);
    const wrong = await fetch(page, { redirect: 'manual' });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('/专报');
  });
});

describe('the short 专报 on the digest day', () => {
  let s: Seeded;
  beforeAll(() => {
    s = seed();
  });
  afterAll(() => s.close());

  it('is off by default; with DIGEST_BULLETIN=true the leaders’ group gets last week’s, once', async () => {
    const monday = new Date('2026-06-29T01:00:00Z'); // Monday 09:00 in 汨罗, the digest day
    const base = { db: s.db, kb: s.kb, calendar: buildCalendar(), now: () => monday };
    expect(bulletinMessage({ ...base, config: remindConfig({}) }, '2026-06-29')).toBeUndefined();
    const config = remindConfig({ DIGEST_BULLETIN: 'true', REMIND_DEFAULT_GROUP: 'feishu:oc_office', REMIND_LEADERS_GROUP: 'feishu:oc_leaders' });
    const sent: { group: string; text: string }[] = [];
    const deliver: Deliver = async (group, msg) => {
      sent.push({ group, text: msg.text });
      return { ok: true, messageIds: [`m${sent.length}`] };
    };
    await runDigests({ ...base, config }, deliver);
    const b = sent.filter((x) => x.text.startsWith('【督查专报】'));
    expect(b).toHaveLength(1);
    expect(b[0]!.group).toBe('feishu:oc_leaders');
    // the seven days before Monday, as buildBulletin words them
    expect(b[0]!.text).toBe(bulletinText(weeklyBulletin({ db: s.db, kb: s.kb, to: '2026-06-28', now: monday })));
    expect(b[0]!.text).toContain('（6月22日至6月28日）');
    expect(b[0]!.text).toContain('第5项');
    await runDigests({ ...base, config }, deliver);
    expect(sent.filter((x) => x.text.startsWith('【督查专报】'))).toHaveLength(1); // once per day
    // a Tuesday is not the digest day
    expect(await runDigests({ ...base, config, now: () => new Date('2026-06-30T01:00:00Z') }, deliver)).toBe(0);
  });
});
