// Unsigned 批示 in the daily reminder: an instruction not signed by the next workday after it
// was given is listed in the lead units' reminder (one line, @ their liaisons), then weekly while
// it stays unsigned — the overdue ladder's rhythm. Pure: rows, calendar and what was already
// recorded come in. A closed (销号) item's instructions are not chased.
import type { KeyTask } from '../../knowledge/types.ts';
import type { WorkCalendar } from '../remind/calendar.ts';
import { chinaDate, type IsoDate } from '../remind/dates.ts';
import { weekly, type Notice } from '../remind/plan.ts';
import type { InstructionRow } from '../store/loop.ts';

export function instructionNotices(
  day: IsoDate,
  rows: readonly Pick<InstructionRow, 'id' | 'taskNo' | 'text' | 'leader' | 'createdAt' | 'signedAt'>[],
  deps: { calendar: WorkCalendar; task(no: number): KeyTask | undefined; closed: ReadonlySet<number>; asOf: Date; sent(key: string): boolean },
): Notice[] {
  const cal = deps.calendar;
  if (!cal.isWorkday(day)) return [];
  const asOf = deps.asOf.getTime();
  const out: Notice[] = [];
  for (const i of rows) {
    // as the run of that instant sees it: given already, not signed yet
    if (Date.parse(i.createdAt) > asOf || (i.signedAt !== null && Date.parse(i.signedAt) <= asOf)) continue;
    const task = deps.task(i.taskNo);
    if (!task || deps.closed.has(i.taskNo)) continue;
    const given = chinaDate(new Date(i.createdAt));
    const step = weekly(cal, cal.nextWorkday(given), day);
    if (!step) continue;
    const key = `ins:${i.id}:w${step.week}`;
    if (deps.sent(key)) continue;
    out.push({
      key,
      covers: [],
      kind: 'instruction',
      scheduled: step.date,
      milestone: {
        key: `ins:${i.id}`,
        source: 'instruction',
        taskNo: task.no,
        itemLabel: `第${task.no}项`,
        itemTitle: task.target,
        dueDate: given,
        dueLabel: '',
        text: i.text,
        targetPercent: null,
        leadUnits: task.leadUnits,
        leaders: [i.leader],
      },
    });
  }
  return out;
}
