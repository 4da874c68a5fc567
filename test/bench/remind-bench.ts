// Planning one day's reminders for 1,000 tasks with 4 milestones each (target < 50 ms), against
// a baseline in the same process: one pass over the same milestones computing nothing but a
// date comparison.
import { buildCalendar } from '../../src/remind/calendar.ts';
import { addDays } from '../../src/remind/dates.ts';
import type { RemindMilestone } from '../../src/remind/milestones.ts';
import { planDay } from '../../src/remind/plan.ts';

export function benchRemind(): void {
  const calendar = buildCalendar();
  const ms: RemindMilestone[] = [];
  for (let t = 1; t <= 1000; t++)
    for (let q = 0; q < 4; q++) {
      const due = addDays('2026-03-10', q * 85 + (t % 20));
      ms.push({
        key: `set:${t}:${q}`, source: 'set', taskNo: t, itemLabel: `第${t}项`, itemTitle: '任务', dueDate: due, dueLabel: due,
        text: '节点', targetPercent: null, leadUnits: [`单位${t % 80}`], leaders: ['领导'],
      });
    }
  const met = new Set(ms.filter((_, i) => i % 3 === 0).map((m) => m.key));
  const sent = new Set<string>();
  const plan = (day: string) =>
    planDay(day, ms, { calendar, isMet: (m) => met.has(m.key), alreadySent: (k) => sent.has(k) }, { leadDays: [7, 3, 1, 0], escalateAfterWorkdays: 3, catchUp: true });
  const days = ['2026-04-01', '2026-06-26', '2026-09-30', '2026-12-01'];
  for (const d of days) plan(d); // warm-up
  const times: number[] = [];
  const base: number[] = [];
  let count = 0;
  for (let r = 0; r < 5; r++)
    for (const d of days) {
      let t = performance.now();
      count = plan(d).length;
      times.push(performance.now() - t);
      t = performance.now();
      let n = 0;
      for (const m of ms) if (m.dueDate >= d) n++;
      base.push(performance.now() - t + (n < 0 ? 1 : 0));
    }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`reminders: plan one day, 1,000 tasks × 4 milestones: median ${med(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms   target < 50 ms  (${count} notices on the last day)`);
  console.log(`  baseline pass over the milestones: median ${med(base).toFixed(3)} ms; ratio ${(med(times) / med(base)).toFixed(0)}×`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchRemind();
