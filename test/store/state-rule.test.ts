// The honest state rule of issue 15 (src/progress/state.ts): properties over generated
// histories, then the issue's own cases — at the rule, through chat, on the dashboard and in
// the export.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parseCommand } from '../../src/commands/all.ts';
import { judgeMilestones, judgeTask, MAX_PERCENT, scheduledPercent, type StateMilestone, type StateReport } from '../../src/progress/state.ts';
import { addDays } from '../../src/progress/time.ts';
import { exportWorkbook, SHEETS } from '../../src/ledger/export.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';
import { taskPage } from '../../src/dashboard/pages.ts';
import { CARD_ACTION_KIND, parseProgressAction, progressCommand } from '../../src/platforms/feishu/cards.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';

const T = { no: 28 };
const day0 = '2026-01-01';
const dayOf = (n: number) => addDays(day0, n);
/** a report filed at 10:00 local on day n of 2026 */
const rep = (n: number, o: Partial<StateReport> = {}): StateReport => ({ taskNo: 28, createdAt: `${dayOf(n)}T02:00:00.000Z`, percent: null, status: null, ...o });
const ms = (n: number, targetPercent: number | null = null, id = n): StateMilestone & { id: number; text: string } => ({
  taskNo: 28, dueDate: dayOf(n), targetPercent, id, text: `节点${id}`,
});

// ---- generators: a year's worth of reports and milestones of one task ----------------------
const status = fc.constantFrom(null, null, null, '正常推进', '滞后', '已完成', '需协调' as const);
const percent = fc.option(fc.integer({ min: 0, max: 200 }), { nil: null, freq: 2 });
const reportArb = fc.record({ day: fc.integer({ min: 0, max: 364 }), percent, status }).map(({ day, percent, status }) => rep(day, { percent, status }));
const reportsArb = fc.array(reportArb, { maxLength: 8 });
const milestonesArb = fc
  .uniqueArray(
    fc.record({ day: fc.integer({ min: 0, max: 364 }), target: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), text: fc.string({ unit: fc.constantFrom('完', '成', '主', '体', '结', '构', ' ', '1'), minLength: 1, maxLength: 60 }) }),
    { selector: (m) => m.day, maxLength: 4 },
  )
  .map((xs) => xs.map((x, i) => ({ ...ms(x.day, x.target, i + 1), text: x.text })));
const todayArb = fc.integer({ min: 0, max: 400 }).map(dayOf);

describe('the state rule, for every history', () => {
  it('a report filed after a milestone’s due date never makes it 已达成 (a miss stays on the record)', () => {
    fc.assert(
      fc.property(milestonesArb, reportsArb, fc.integer({ min: 1, max: 60 }), percent, status, todayArb, (mss, rs, after, p, st, today) => {
        for (const m of mss) {
          const before = judgeMilestones(T, [m], rs, today)[0]!;
          const lateDay = Number((Date.parse(m.dueDate) - Date.parse(day0)) / 86_400_000) + after;
          const withLate = [...rs, rep(lateDay, { percent: p, status: st })];
          const now = lateDay >= 0 && dayOf(lateDay) > today ? addDays(dayOf(lateDay), 1) : today;
          const j = judgeMilestones(T, [m], withLate, now)[0]!;
          if (before.outcome === '未达成' || before.outcome === '逾期完成') expect(j.outcome).not.toBe('已达成');
          if (j.outcome === '已达成') expect(judgeMilestones(T, [m], rs, now)[0]!.outcome).toBe('已达成');
        }
      }),
    );
  });

  it('is a function of (reports, milestones, date) only: order and other tasks’ entries change nothing', () => {
    fc.assert(
      fc.property(milestonesArb, reportsArb, todayArb, fc.integer({ min: 0, max: 1000 }), (mss, rs, today, seed) => {
        const shuffled = [...rs].map((r, i) => ({ r, k: (i * 7919 + seed) % 1009 })).sort((a, b) => a.k - b.k).map((x) => x.r);
        const noise = rs.map((r) => ({ ...r, taskNo: 27, status: '已完成' as const }));
        const a = judgeTask(T, mss, rs, today);
        const b = judgeTask(T, [...mss, { ...ms(10), taskNo: 27 }], [...noise, ...shuffled], today);
        expect(b).toEqual(a);
      }),
    );
  });

  it('always gives one short phrase as the reason', () => {
    fc.assert(
      fc.property(milestonesArb, reportsArb, todayArb, (mss, rs, today) => {
        const v = judgeTask(T, mss, rs, today);
        expect(v.reason.length).toBeGreaterThan(0);
        expect([...v.reason].length).toBeLessThanOrEqual(40);
        expect(v.reason).not.toMatch(/\n/);
      }),
    );
  });

  it('calls an item 滞后 by 序时进度 exactly when its 完成率 is more than the threshold behind', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 40 }), (d, p, wait, lagPoints) => {
        const today = dayOf(d + wait);
        const v = judgeTask(T, [], [rep(d, { percent: p })], today, { lagPoints });
        // The rule compares 序时进度 as judged (to 0.1 point), so a gap of 15.03 reads 15.0: not behind.
        const expected = Math.round(scheduledPercent(T, [], today, [rep(d, { percent: p })]) * 10) / 10;
        expect(v.state).toBe(expected - p > lagPoints ? '滞后' : '正常推进');
        if (v.state === '滞后') expect(v.reason).toMatch(/^完成率\d+(\.\d+)?%，序时应达\d+%$/);
      }),
    );
  });

  it('a higher threshold never makes more items 滞后', () => {
    fc.assert(
      fc.property(milestonesArb, reportsArb, todayArb, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), (mss, rs, today, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (judgeTask(T, mss, rs, today, { lagPoints: hi }).state === '滞后') expect(judgeTask(T, mss, rs, today, { lagPoints: lo }).state).toBe('滞后');
      }),
    );
  });

  it('序时进度 runs from 0 to 100 and never goes down when the targets do not', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 3 }), fc.integer({ min: 0, max: 363 }), (days, d) => {
        const sorted = [...days].sort((x, y) => x - y);
        const mss = sorted.map((day, i) => ms(day, Math.round(((i + 1) * 100) / (sorted.length + 1)), i + 1));
        const e0 = scheduledPercent(T, mss, dayOf(d));
        const e1 = scheduledPercent(T, mss, dayOf(d + 1));
        expect(e0).toBeGreaterThanOrEqual(0);
        expect(e1).toBeLessThanOrEqual(100);
        expect(e1).toBeGreaterThanOrEqual(e0 - 1e-9);
      }),
    );
  });
});

describe('完成率 from the text', () => {
  const body = (text: string) => {
    const c = parseCommand(`/进展 4 ${text}`, { year: 2026, mentionNames: [] });
    return c && c.kind === 'report' ? c : c;
  };

  it('only from an explicit 完成率 / 完成了 / 进度 N%, never a lone percentage', () => {
    const words = fc.constantFrom('投资增长', '同比增长', '覆盖率', '入住率', '占比', '税收增长', '');
    fc.assert(
      fc.property(words, fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9 }), (w, n, f) => {
        const c = body(`${w}${n}.${f}%，已开工`);
        expect(c).toMatchObject({ kind: 'report', percent: null });
      }),
    );
    expect(body('投资增长19.7%')).toMatchObject({ kind: 'report', percent: null, percentNote: expect.stringContaining('没有当作完成率') });
    for (const [text, p] of [['完成率30%', 30], ['完成了45%', 45], ['进度60%', 60], ['总进度 70%', 70], ['完成80%', 80]] as const) {
      expect(body(`主体施工，${text}`), text).toMatchObject({ kind: 'report', percent: p });
    }
  });

  it('refuses a 完成率 written in words, but not a sentence about it', () => {
    expect(body('完成率三十%')).toMatchObject({ kind: 'invalid', reply: expect.stringContaining('完成率要写数字（你写的是“三十%”）') });
    expect(body('完成率达到三成%')).toMatchObject({ kind: 'invalid' });
    expect(body('完成率较上月提高5%')).toMatchObject({ kind: 'report', percent: null });
    expect(body('完成率约30%')).toMatchObject({ kind: 'report', percent: 30 });
  });

  it('accepts 0–200 % (超额完成) and refuses more, naming the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        const c = body(`完成率${n}%`);
        if (n <= MAX_PERCENT) expect(c).toMatchObject({ kind: 'report', percent: n });
        else expect(c).toMatchObject({ kind: 'invalid', reply: expect.stringContaining('0%到200%之间') });
      }),
    );
  });
});

describe('完成率 from the Feishu card field', () => {
  const click = (percent: unknown, note = '') => progressCommand(parseProgressAction({ value: { kind: CARD_ACTION_KIND, task: '28', status: '正常推进' }, form_value: { note, percent } })!);
  const p = (text: string) => parseCommand(text, { year: 2026, mentionNames: [] });

  it('becomes 完成率N%, checked by the same parser as a typed one', () => {
    expect(click('30')).toBe('/进展 28 正常推进 完成率30%');
    expect(click(' 120％ ', '已开工')).toBe('/进展 28 正常推进 已开工 完成率120%');
    expect(click('')).toBe('/进展 28 正常推进');
    expect(p(click('45'))).toMatchObject({ kind: 'report', percent: 45, status: '正常推进' });
    expect(p(click('120'))).toMatchObject({ kind: 'report', percent: 120 });
    expect(p(click('250'))).toMatchObject({ kind: 'invalid', reply: expect.stringContaining('0%到200%之间') });
    expect(p(click('三十'))).toMatchObject({ kind: 'invalid', reply: expect.stringContaining('完成率要写数字') });
    expect(p(click('40', '完成率30%'))).toMatchObject({ kind: 'invalid', reply: expect.stringContaining('完成率写了2个') });
  });
});

describe('the issue’s cases at the rule', () => {
  it('over 100 % is 已完成, shown as 超额', () => {
    const v = judgeTask(T, [], [rep(100, { percent: 120 })], dayOf(101));
    expect(v).toMatchObject({ state: '已完成', reason: '完成率120%，超额完成' });
  });

  it('a task that missed six milestones and reported in December keeps every miss as 逾期完成', () => {
    const six = [30, 59, 90, 120, 151, 181].map((d, i) => ms(d, null, i + 1));
    const v = judgeTask(T, six, [rep(340)], dayOf(341));
    expect(v.milestones.map((j) => j.outcome)).toEqual(Array(6).fill('逾期完成'));
    expect(v.milestones.every((j) => j.metOn === dayOf(340))).toBe(true);
    expect(v.state).toBe('正常推进');
    expect(v.reason).toBe('节点1月31日“节点1”逾期完成等6个');
  });

  it('a task at 5.6 % in December is 滞后, not on schedule', () => {
    const v = judgeTask(T, [], [rep(340, { percent: 5.6 })], dayOf(345));
    expect(v.state).toBe('滞后');
    expect(v.reason).toBe(`完成率5.6%，序时应达${Math.round(scheduledPercent(T, [], dayOf(345)))}%`);
    expect(v.reason).toMatch(/序时应达9[0-9]%/);
  });

  it('序时 follows a milestone’s target over its span: 30 % on 5 May against 50 % by 30 June', () => {
    const june = { ...ms(180, 50), dueLabel: '6月底' };
    const v = judgeTask(T, [june], [rep(124, { percent: 30 })], dayOf(124));
    // 124 of 181 days toward 50 %: 34 %, 4 points behind — on schedule
    expect(v.expected).toBeCloseTo((124 / 181) * 50, 0);
    expect(v.state).toBe('正常推进');
    // a month later, still 30 %: 42 % due, behind by 12 — still inside 15 points; at 10 points it lags
    expect(judgeTask(T, [june], [rep(124, { percent: 30 })], dayOf(155)).state).toBe('正常推进');
    expect(judgeTask(T, [june], [rep(124, { percent: 30 })], dayOf(155), { lagPoints: 10 })).toMatchObject({ state: '滞后', reason: '完成率30%，序时应达43%' });
  });

  it('completed after its deadline is 逾期完成, and a missed node stays in the reason of 已完成', () => {
    expect(judgeTask({ no: 28, completeBy: dayOf(211) }, [], [rep(220, { status: '已完成' })], dayOf(221))).toMatchObject({ state: '逾期完成', reason: '期限7月31日，8月9日报完成' });
    expect(judgeTask(T, [ms(30)], [rep(59, { status: '已完成' })], dayOf(60))).toMatchObject({ state: '已完成', reason: '已完成，节点1月31日“节点30”曾逾期' });
  });

  it('a numeric target gives the 完成率 when none is written (8 座桥, 2 reported)', () => {
    const item = { no: 28, targetAmount: 8 };
    const v = judgeTask(item, [], [rep(150, { amount: 2 })], dayOf(180));
    expect(v.percent).toBe(25);
    expect(v.state).toBe('滞后');
    expect(judgeTask(item, [], [rep(150, { amount: 8 })], dayOf(180)).state).toBe('已完成');
  });
});

describe('the issue’s cases through chat, the dashboard and the export', () => {
  let chat: Chat;
  afterEach(() => chat?.close());

  it('/进展 4 投资增长19.7% stores no 完成率; 完成率120% is stored and shown as 超额', async () => {
    chat = makeChat({ admins: ['王主任'], start: '2026-03-05T02:00:00Z' });
    await bindVia(chat, '王主任', '张三', '住建局');
    const r = await chat.say('王主任', 'g', '/进展 4 投资增长19.7%');
    expect(r).toContain('完成率：未填');
    expect(r).toContain('文中的百分数（19.7%）没有当作完成率');
    expect(chat.reports(4)[0]!.percent).toBeNull();
    const over = await chat.say('张三', 'g', '/进展 28 全部完工，完成率120%');
    expect(over).toContain('完成率：120%（超额）');
    expect(over).toContain('第28项当前：已完成（完成率120%，超额完成）');
    expect(chat.reports(28)[0]!.percent).toBe(120);
  });

  it('a December report does not erase a June miss: /进展 28, /节点 28 and the export keep 逾期完成', async () => {
    chat = makeChat({ admins: ['王主任'], start: '2026-03-05T02:00:00Z' });
    await bindVia(chat, '王主任', '张三', '住建局');
    await chat.say('张三', 'g', '/节点 28 6月底 完成主体结构');
    chat.at('2026-07-02T02:00:00Z');
    expect(await chat.say('王主任', 'g', '/滞后 住建局')).toContain('节点6月30日“完成主体结构”未达成');
    chat.at('2026-12-10T02:00:00Z');
    await chat.say('张三', 'g', '/进展 28 主体结构完成');
    const view = await chat.say('王主任', 'g', '/进展 28');
    expect(view).toContain('完成主体结构 — 逾期完成（12月10日）');
    expect(view).toContain('节点6月30日“完成主体结构”逾期完成');
    expect(await chat.say('王主任', 'g', '/节点 28')).toContain('逾期完成（12月10日）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportWorkbook({ db: chat.db, kb: loadKnowledge(), today: '2026-12-11' })) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEETS.keyTasks)!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    let row: ExcelJS.Row | undefined;
    ws.eachRow((r) => {
      if (r.getCell(1).value === 28) row = r;
    });
    expect(String(row!.getCell(header.indexOf('状态说明') + 1).value)).toContain('逾期完成1个（6月底）');
    const page = taskPage({
      db: chat.db, kb: loadKnowledge(), calendar: buildCalendar(), remindConfig: remindConfig({}), now: new Date('2026-12-11T02:00:00Z'), today: '2026-12-11',
      query: new URLSearchParams('no=28'),
    });
    expect(String(page.html)).toMatch(/<tr class="tone-yellow">.*完成主体结构.*<td data-outcome>逾期完成（12月10日）<\/td>/);
    expect(String(page.html)).toContain('<td data-tally>逾期完成1个（6月底）</td>');
  });
});
