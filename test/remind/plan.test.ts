// The planner over a simulated year: every lead time of every milestone exactly once, on the
// right workday, through holidays, 调休 and an outage.
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { addDays } from '../../src/remind/dates.ts';
import type { RemindMilestone } from '../../src/remind/milestones.ts';
import { planDay, type Notice } from '../../src/remind/plan.ts';

const cal = buildCalendar();
const LEADS = [7, 3, 1, 0];

function milestone(key: string, dueDate: string): RemindMilestone {
  return {
    key, source: 'set', taskNo: 28, itemLabel: '第28项', itemTitle: '建设保障性住房408套', dueDate, dueLabel: dueDate,
    text: '完成主体结构', targetPercent: null, leadUnits: ['住建局'], leaders: ['曹陶'],
  };
}

interface Sim {
  log: { day: string; notice: Notice }[];
  sent: Set<string>;
}

/** Runs the live planner once per day (skipping `down` days), recording what it sends. */
function simulate(ms: RemindMilestone[], opts: { down?: Set<string>; metOn?: Map<string, string> } = {}): Sim {
  const sent = new Set<string>();
  const log: Sim['log'] = [];
  for (let day = '2026-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
    if (opts.down?.has(day)) continue;
    const notices = planDay(day, ms, {
      calendar: cal,
      isMet: (m, d) => (opts.metOn?.get(m.key) ?? '9999') <= d,
      alreadySent: (k) => sent.has(k),
    }, { leadDays: LEADS, escalateAfterWorkdays: 3, catchUp: true });
    for (const n of notices) {
      for (const k of [n.key, ...n.covers]) {
        expect(sent.has(k), `${k} twice`).toBe(false);
        sent.add(k);
      }
      log.push({ day, notice: n });
    }
  }
  return { log, sent };
}

describe('planDay over 2026', () => {
  const dues = ['2026-02-27', '2026-03-31', '2026-05-06', '2026-06-30', '2026-09-30', '2026-10-08', '2026-10-17', '2026-12-31'];
  const ms = dues.map((d, i) => milestone(`m${i}`, d));
  const met = new Map(ms.map((m) => [m.key, addDays(m.dueDate, 1)] as [string, string]));

  it('settles every lead time of every milestone exactly once, only on workdays', () => {
    const sim = simulate(ms, { metOn: met });
    for (const m of ms) for (const l of LEADS) expect(sim.sent.has(`rem:${m.key}:L${l}`), `${m.key} L${l}`).toBe(true);
    for (const { day } of sim.log) expect(cal.isWorkday(day), day).toBe(true);
  });

  it('sends each lead time on the workday on or before its nominal day', () => {
    const sim = simulate(ms, { metOn: met });
    for (const { day, notice } of sim.log.filter((x) => x.notice.kind === 'reminder'))
      expect(day).toBe(cal.onOrBefore(addDays(notice.milestone.dueDate, -notice.lead!)));
  });

  it('merges the lead times the National Day holiday pushes onto one day', () => {
    const sim = simulate([milestone('nd', '2026-10-08')], { metOn: new Map([['nd', '2026-10-09']]) });
    const days = sim.log.map((x) => `${x.day} L${x.notice.lead}+${x.notice.covers.length}`);
    // 7, 3 and 1 days before fall in 10-01..10-07: all on 09-30, as one reminder; L0 on 10-08.
    expect(days).toEqual(['2026-09-30 L1+2', '2026-10-08 L0+0']);
  });

  it('uses a 调休 Saturday as the workday it is', () => {
    const sim = simulate([milestone('sat', '2026-10-17')], { metOn: new Map([['sat', '2026-10-18']]) });
    expect(sim.log.map((x) => x.day)).toContain('2026-10-10');
  });

  it('after a two-day outage sends the missed reminder once, late, then carries on', () => {
    const down = new Set(['2026-06-24', '2026-06-25']);
    const sim = simulate([milestone('out', '2026-06-29')], { down, metOn: new Map([['out', '2026-06-30']]) });
    // L7 06-22; L3 06-26 (Fri, due Mon); L1 06-26; L0 06-29.
    expect(sim.log.map((x) => `${x.day} L${x.notice.lead}`)).toEqual(['2026-06-22 L7', '2026-06-26 L1', '2026-06-29 L0']);
    const late = simulate([milestone('late', '2026-06-26')], { down, metOn: new Map([['late', '2026-06-27']]) });
    // L7 06-19 is 端午 → 06-18; L3 06-23; L1 (06-25) is missed and caught up on 06-26 with L0.
    expect(late.log.map((x) => `${x.day} L${x.notice.lead}+${x.notice.covers.length}`)).toEqual([
      '2026-06-18 L7+0', '2026-06-23 L3+0', '2026-06-26 L0+1',
    ]);
  });

  it('turns a missed milestone into an overdue notice, escalates after 3 workdays, repeats weekly', () => {
    const sim = simulate([milestone('od', '2026-03-31')], { metOn: new Map([['od', '2026-04-20']]) });
    const after = sim.log.filter((x) => x.notice.kind !== 'reminder').map((x) => `${x.day} ${x.notice.kind}`);
    // 04-01 first workday after; 3rd workday after is 04-03 (清明 04-04..06); weekly after that.
    expect(after).toEqual([
      '2026-04-01 overdue', '2026-04-03 escalation', '2026-04-08 overdue', '2026-04-10 escalation',
      '2026-04-15 overdue', '2026-04-17 escalation',
    ]);
  });

  it('does not repeat a missed quarterly check-in on the days the next one is reminded', () => {
    const q = (n: number, due: string): RemindMilestone => ({ ...milestone(`quarter:28:2026-Q${n}`, due), source: 'quarter' });
    const sim = simulate([q(2, '2026-06-30'), q(3, '2026-09-30')]);
    const sept = sim.log.filter((x) => x.day >= '2026-09-14' && x.day <= '2026-10-09').map((x) => `${x.day} ${x.notice.key.replace('quarter:28:2026-', '')}`);
    // Q2's weekly repeats stop when Q3's reminders start (09-23, the 7-day lead); the reminder
    // settles the repeat due that day, so no catch-up run brings it back the next day.
    expect(sept).toEqual([
      '2026-09-16 due:Q2:w11', '2026-09-23 rem:Q3:L7', '2026-09-24 rem:Q3:L3', '2026-09-29 rem:Q3:L1', '2026-09-30 rem:Q3:L0', '2026-10-08 due:Q3:w0',
    ]);
    expect(sim.log.find((x) => x.notice.key === 'rem:quarter:28:2026-Q3:L7')!.notice.covers).toEqual(['due:quarter:28:2026-Q2:w12']);
  });

  it('stops reminding once a report meets the milestone', () => {
    const sim = simulate([milestone('early', '2026-06-30')], { metOn: new Map([['early', '2026-06-24']]) });
    expect(sim.log.map((x) => x.day)).toEqual(['2026-06-23']);
  });

  it('skips a milestone in a year the calendar does not know, without stopping the others', () => {
    const skipped: string[] = [];
    const notices = planDay('2026-06-26', [milestone('far', '2003-01-10'), milestone('d', '2026-06-29')], {
      calendar: cal, isMet: () => false, alreadySent: () => false, onSkip: (m) => skipped.push(m.key),
    }, { leadDays: LEADS, escalateAfterWorkdays: 3, catchUp: false });
    expect(skipped).toEqual(['far']);
    expect(notices.map((n) => n.milestone.key)).toEqual(['d']);
  });

  it('in dry-run mode shows only what is scheduled for that very day', () => {
    const notices = planDay('2026-06-26', [milestone('d', '2026-06-29'), milestone('e', '2026-07-20')], {
      calendar: cal, isMet: () => false, alreadySent: () => false,
    }, { leadDays: LEADS, escalateAfterWorkdays: 3, catchUp: false });
    expect(notices.map((n) => `${n.milestone.key} L${n.lead}+${n.covers.length}`)).toEqual(['d L1+1']);
  });
});
