// The task-state rule. One rule, one function (taskState); /进展, /我的任务, /滞后 and /汇总 all
// call it, and docs/reporting.md states it in the same words.
import type { ReportStatus } from '../store/reports.ts';
import { addDays, localMidnight } from './time.ts';

export const TASK_STATES = ['已完成', '正常推进', '滞后', '未开始'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** A report counts toward a milestone when it was filed no earlier than this many days before
 * the milestone's due date (the month leading up to it, or any time after). */
export const MEET_WINDOW_DAYS = 30;

export interface StateMilestone {
  taskNo: number;
  dueDate: string; // yyyy-mm-dd
  targetPercent: number | null;
}

export interface StateReport {
  taskNo: number;
  /** ISO instant the report was filed */
  createdAt: string;
  percent: number | null;
  status: ReportStatus | null;
}

/** The first instant a report can count toward `m`: local midnight, MEET_WINDOW_DAYS before
 * the due date. */
function windowStart(m: StateMilestone): number {
  return localMidnight(addDays(m.dueDate, -MEET_WINDOW_DAYS));
}

function meets(m: StateMilestone, from: number, r: StateReport, filedAt: number): boolean {
  if (r.taskNo !== m.taskNo || filedAt < from || r.status === '滞后') return false;
  return m.targetPercent === null || r.status === '已完成' || (r.percent !== null && r.percent >= m.targetPercent);
}

/** Whether report `r` meets milestone `m`: filed on or after (due date − MEET_WINDOW_DAYS) in
 * local time, not self-declared 滞后, and — when the milestone has a target percent — with a
 * percent at least that target, or status 已完成. */
export function meetsMilestone(m: StateMilestone, r: StateReport): boolean {
  return meets(m, windowStart(m), r, Date.parse(r.createdAt));
}

/** Milestones of the task that are past due (due date before `today`) and met by no report. */
export function missedMilestones<M extends StateMilestone>(taskNo: number, milestones: readonly M[], reports: readonly StateReport[], today: string): M[] {
  const past = milestones.filter((m) => m.taskNo === taskNo && m.dueDate < today);
  if (past.length === 0) return [];
  const rs = reports.filter((r) => r.taskNo === taskNo);
  const filed = rs.map((r) => Date.parse(r.createdAt));
  return past.filter((m) => {
    const from = windowStart(m);
    return !rs.some((r, i) => meets(m, from, r, filed[i]!));
  });
}

/**
 * The state of one task on the local date `today` (yyyy-mm-dd). Only live (not revoked)
 * reports and live (not deleted) milestones are passed in; entries of other tasks are ignored.
 * The first rule that applies wins:
 *
 * 1. 已完成 — the latest report says 已完成, or its percent is 100.
 * 2. 滞后 — the latest report says 滞后; or a milestone is past due (its due date is before
 *    today) and no report meets it. A report meets a milestone when it was filed no earlier
 *    than 30 days before the due date (any time after counts too: catching up clears the lag),
 *    does not say 滞后, and, if the milestone names a target percent, reports at least that
 *    percent (or says 已完成).
 * 3. 正常推进 — there is at least one report.
 * 4. 未开始 — no report yet and nothing past due.
 *
 * 需协调 is a flag for the supervision office, not a state: such a report counts like one
 * without a status.
 */
export function taskState(
  task: { no: number },
  milestones: readonly StateMilestone[],
  reports: readonly StateReport[],
  today: string,
): TaskState {
  let latest: StateReport | undefined;
  for (const r of reports) if (r.taskNo === task.no && (!latest || r.createdAt >= latest.createdAt)) latest = r;
  if (latest && (latest.status === '已完成' || latest.percent === 100)) return '已完成';
  if (latest?.status === '滞后') return '滞后';
  if (missedMilestones(task.no, milestones, reports, today).length > 0) return '滞后';
  return latest ? '正常推进' : '未开始';
}
