// Which notices fall on a given day. Pure: milestones, calendar, what counts as met and what
// was already recorded are all passed in.
//
// The ladder for one milestone due on T (only the latest missed milestone of a task is chased):
//  - reminder: before T, for each lead time L (default 7, 3, 1, 0 days) on the workday on or
//    before T−L; skipped once a report meets the milestone. Lead times that land on the same
//    workday make one reminder.
//  - overdue:  T passed and no report meets it → a notice to the unit's group on the first
//    workday after T, repeated weekly while it stays unmet;
//  - escalation: from the N-th workday after T (default 3) → to the leaders' group, naming the
//    lead leader, repeated weekly. Quarterly check-ins are not escalated.
// In catch-up mode (the live runner and its previews) anything scheduled on or before the day
// and not yet recorded is due now, once: after downtime a missed reminder of a milestone still
// ahead goes out once (the most urgent lead), a missed one of a past milestone becomes its
// overdue notice. A missed quarterly check-in is not repeated on a day the task's next check-in
// is reminded.
import { CalendarYearMissing, type WorkCalendar } from './calendar.ts';
import { addDays, daysBetween, type IsoDate } from './dates.ts';
import type { RemindMilestone } from './milestones.ts';

/** 'instruction': a leader's 批示 not yet signed (src/loop/remind.ts), chased like an overdue
 * notice: the first workday after it was given, then weekly. */
export type NoticeKind = 'reminder' | 'overdue' | 'escalation' | 'instruction';

export interface Notice {
  /** exactly-once key (without the group): rem:<m>:L7 / due:<m>:w0 / esc:<m>:w1 */
  key: string;
  /** further keys this notice settles (lead times merged into it) */
  covers: string[];
  kind: NoticeKind;
  milestone: RemindMilestone;
  lead?: number;
  /** the workday it was scheduled for (earlier than the run day when caught up) */
  scheduled: IsoDate;
}

export interface PlanOptions {
  leadDays: readonly number[];
  escalateAfterWorkdays: number;
  /** true: what is scheduled on or before the day and not yet recorded (the live run, and the
   * previews, which follow it); false: only what is scheduled for the day itself */
  catchUp: boolean;
  /** the day reminders were switched on: misses before it are history (shown by /滞后 and the
   * digest), not announced one by one when the bot is first installed mid-year */
  since?: IsoDate;
}

export interface PlanDeps {
  calendar: WorkCalendar;
  isMet(m: RemindMilestone, day: IsoDate): boolean;
  /** keys already recorded (any group); the runner checks per group as well */
  alreadySent(key: string): boolean;
  /** a milestone the calendar cannot place (its year has no data): skipped, reported here */
  onSkip?(m: RemindMilestone, reason: string): void;
}

function onOrAfterWorkday(cal: WorkCalendar, d: IsoDate): IsoDate {
  return cal.isWorkday(d) ? d : cal.nextWorkday(d);
}

/** The nth workday after d. */
function nthWorkdayAfter(cal: WorkCalendar, d: IsoDate, n: number): IsoDate {
  let x = d;
  for (let i = 0; i < n; i++) x = cal.nextWorkday(x);
  return x;
}

/** The latest weekly repeat of a ladder step starting on `first` that is due by `day`. */
export function weekly(cal: WorkCalendar, first: IsoDate, day: IsoDate): { week: number; date: IsoDate } | undefined {
  if (day < first) return undefined;
  let week = Math.floor(daysBetween(first, day) / 7);
  for (; week >= 0; week--) {
    const date = onOrAfterWorkday(cal, addDays(first, 7 * week));
    if (date <= day) return { week, date };
  }
  return undefined;
}

export function planDay(day: IsoDate, milestones: readonly RemindMilestone[], deps: PlanDeps, opts: PlanOptions): Notice[] {
  const cal = deps.calendar;
  if (!cal.isWorkday(day)) return [];
  const out: Notice[] = [];
  // Per task, the latest due date before today: older misses are not chased (see below).
  const latestPast = new Map<number, IsoDate>();
  for (const m of milestones)
    if (m.dueDate < day && (latestPast.get(m.taskNo) ?? '') < m.dueDate) latestPast.set(m.taskNo, m.dueDate);
  for (const m of milestones) {
    try {
      planMilestone(m);
    } catch (err) {
      // One milestone in a year without calendar data must not stop everyone's reminders.
      if (!(err instanceof CalendarYearMissing)) throw err;
      deps.onSkip?.(m, err.message);
    }
  }
  // A missed quarterly check-in is not repeated on a day the task's next check-in is reminded:
  // both ask for the same report. The reminder settles the repeat (covers it), so a catch-up
  // run the next day does not bring it back.
  const asking = new Map(out.filter((n) => n.kind === 'reminder' && n.milestone.source === 'quarter').map((n) => [n.milestone.taskNo, n]));
  return out.filter((n) => {
    const r = n.kind === 'overdue' && n.milestone.source === 'quarter' ? asking.get(n.milestone.taskNo) : undefined;
    if (r) r.covers.push(n.key, ...n.covers);
    return !r;
  });

  function planMilestone(m: RemindMilestone): void {
    if (m.dueDate >= day) {
      const due = opts.leadDays
        .map((lead) => ({ lead, date: cal.onOrBefore(addDays(m.dueDate, -lead)), key: `rem:${m.key}:L${lead}` }))
        .filter((x) => (opts.catchUp ? x.date <= day : x.date === day) && !deps.alreadySent(x.key));
      if (!due.length || deps.isMet(m, day)) return;
      // The most urgent lead time speaks for the others that fall due with it.
      due.sort((a, b) => a.lead - b.lead);
      const [first, ...rest] = due;
      out.push({ key: first!.key, covers: rest.map((r) => r.key), kind: 'reminder', milestone: m, lead: first!.lead, scheduled: first!.date });
      return;
    }
    if (deps.isMet(m, day)) return;
    if (opts.since && m.dueDate < opts.since) return;
    // Only a task's latest missed milestone is chased: once a later one has fallen due, it
    // speaks for the task (and the quarter check-ins do not pile up week after week).
    if ((latestPast.get(m.taskNo) ?? '') > m.dueDate) return;
    const overdue = weekly(cal, cal.nextWorkday(m.dueDate), day);
    if (overdue && (opts.catchUp || overdue.date === day)) {
      const key = `due:${m.key}:w${overdue.week}`;
      if (!deps.alreadySent(key)) out.push({ key, covers: [], kind: 'overdue', milestone: m, scheduled: overdue.date });
    }
    // A missed quarterly check-in is chased with the unit, not escalated to the leaders.
    if (m.source === 'quarter') return;
    const esc = weekly(cal, nthWorkdayAfter(cal, m.dueDate, opts.escalateAfterWorkdays), day);
    if (esc && (opts.catchUp || esc.date === day)) {
      const key = `esc:${m.key}:w${esc.week}`;
      if (!deps.alreadySent(key)) out.push({ key, covers: [], kind: 'escalation', milestone: m, scheduled: esc.date });
    }
  }
}
