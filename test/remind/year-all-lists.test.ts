// The year simulation over every list at once: all milestones the bot collects from the bundled
// documents (key tasks, 票决, 民生实事 sub-items, each town's indicator cells, 开局八好 measures) and
// the quarterly check-ins, run through the live planner once per day of 2026 with an outage in
// the summer. Every lead time of every milestone is settled exactly once, only on workdays, and a
// missed milestone is chased; no list is left out.
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.ts';
import { kindOfNo } from '../../src/items/address.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { addDays } from '../../src/remind/dates.ts';
import { collectMilestones } from '../../src/remind/milestones.ts';
import { planDay, type Notice } from '../../src/remind/plan.ts';

const kb = loadKnowledge();
const cal = buildCalendar();
const LEADS = [7, 3, 1, 0];

describe('a year of daily runs over every list', () => {
  const ms = collectMilestones(kb, [], { year: 2026, quarterly: true }).filter((m) => m.dueDate.startsWith('2026-'));
  // met two days late: each milestone is overdue for a while, then stops being reminded
  const metOn = new Map(ms.map((m) => [m.key, addDays(m.dueDate, 2)]));
  const down = new Set(['2026-07-20', '2026-07-21', '2026-07-22']);
  const sent = new Set<string>();
  const log: { day: string; n: Notice }[] = [];
  const twice: string[] = [];
  for (let day = '2026-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
    if (down.has(day)) continue;
    const notices = planDay(day, ms, { calendar: cal, isMet: (m, d) => (metOn.get(m.key) ?? '9999') <= d, alreadySent: (k) => sent.has(k) }, { leadDays: LEADS, escalateAfterWorkdays: 3, catchUp: true });
    for (const n of notices) {
      for (const k of [n.key, ...n.covers]) (sent.has(k) ? twice.push(`${day} ${k}`) : sent.add(k));
      log.push({ day, n });
    }
  }

  it('collects milestones of every list', () => {
    const kinds = new Set(ms.map((m) => kindOfNo(m.taskNo)));
    for (const k of ['key', 'livelihood', 'indicator', 'measure'] as const) expect(kinds.has(k), k).toBe(true);
    expect(ms.some((m) => m.source === 'voted')).toBe(true);
    expect(new Set(ms.map((m) => m.key)).size).toBe(ms.length);
  });

  it('settles every lead time of every milestone exactly once, only on workdays', () => {
    expect(twice).toEqual([]);
    const missing = ms.flatMap((m) => LEADS.filter((l) => !sent.has(`rem:${m.key}:L${l}`)).map((l) => `${m.key} L${l}`));
    expect(missing).toEqual([]);
    const offDays = log.filter(({ day }) => !cal.isWorkday(day)).map(({ day }) => day);
    expect(offDays).toEqual([]);
  });

  it('sends nothing for a milestone after it was met', () => {
    const late = log.filter(({ day, n }) => n.kind === 'reminder' && day > (metOn.get(n.milestone.key) ?? '9999'));
    expect(late.map(({ day, n }) => `${day} ${n.milestone.key}`)).toEqual([]);
  });
});
