// The state of many tasks at once, for /我的任务, /滞后 and /汇总: two indexed reads (live
// milestones, the live reports' state columns), then taskState per task.
import type { KeyTask } from '../../knowledge/types.ts';
import type { Db } from '../store/db.ts';
import { allMilestones, liveMilestones, type MilestoneRow } from '../store/milestones.ts';
import { closedAt } from '../store/loop.ts';
import { liveStateReports, revokedReports, type StateReportRow } from '../store/reports.ts';
import { judgeTask, type MilestoneJudgement, type TaskState } from './state.ts';

export interface TaskStatus {
  task: KeyTask;
  state: TaskState;
  latest: StateReportRow | undefined;
  milestones: BoardMilestone[];
  /** past due and not met (未达成), by due date */
  missed: BoardMilestone[];
  /** how each milestone stands (未到期 / 已达成 / 逾期完成 / 未达成), in the order of `milestones` */
  judged: MilestoneJudgement<BoardMilestone>[];
  /** the state rule's one-phrase reason (src/progress/state.ts) */
  reason: string;
  /** latest reported 完成率, and 序时进度 when there is one */
  percent: number | null;
  expected: number | null;
  reports: number;
  /** set when the item is closed (销号): the instant it was closed. A closed item is 已完成
   * whatever its reports say: the office decided it is done. */
  closedAt?: string;
}

/** A milestone from the documents (task text, 票决 project) or set with /节点. */
export type BoardMilestone = MilestoneRow & { from?: string };

/** The task's document milestones in the store's shape, so one rule and one display serve both.
 * They have no store id (negative ids) and name where they come from. */
export function documentMilestones(task: KeyTask): BoardMilestone[] {
  return (task.milestones ?? []).map((m, i) => ({
    id: -(i + 1), taskNo: task.no, dueDate: m.date, dueLabel: m.label, text: m.text, targetPercent: m.targetPercent ?? null,
    unit: task.leadUnits[0] ?? '', platform: 'console', userId: '', userName: '', chatId: '', messageId: '',
    createdAt: '', updatedAt: null, deletedAt: null, from: m.from,
  }));
}

/** `allReasons`: kept for callers; every task's milestones are judged now (the state needs
 * them all: 逾期完成 is kept on the record). `asOf` (ISO instant): the board as it stood then — reports and
 * milestones made later left out, ones withdrawn or deleted later still in (a preview of a past
 * day's digest). */
export function loadBoard(db: Db, tasks: readonly KeyTask[], today: string, _allReasons = false, asOf?: string): Map<number, TaskStatus> {
  const all = tasks.length > 20;
  const nos = tasks.map((t) => t.no);
  let ms = liveMilestones(db);
  let rs = liveStateReports(db, all ? undefined : nos);
  if (asOf !== undefined) {
    const at = Date.parse(asOf);
    const by = (created: string, gone: string | null) => Date.parse(created) <= at && (gone === null || Date.parse(gone) > at);
    ms = allMilestones(db).filter((m) => by(m.createdAt, m.deletedAt));
    const wanted = new Set(nos);
    rs = [...rs.filter((r) => by(r.createdAt, null)), ...revokedReports(db).filter((r) => wanted.has(r.taskNo) && by(r.createdAt, r.revokedAt))]
      .map(({ taskNo, createdAt, percent, status }) => ({ taskNo, createdAt, percent, status }))
      .sort((a, b) => a.taskNo - b.taskNo || Date.parse(a.createdAt) - Date.parse(b.createdAt));
  }
  const msBy = new Map<number, MilestoneRow[]>();
  for (const m of ms) (msBy.get(m.taskNo) ?? msBy.set(m.taskNo, []).get(m.taskNo)!).push(m);
  const rsBy = new Map<number, StateReportRow[]>();
  for (const r of rs) (rsBy.get(r.taskNo) ?? rsBy.set(r.taskNo, []).get(r.taskNo)!).push(r);
  const closed = closedAt(db, asOf);
  const out = new Map<number, TaskStatus>();
  for (const task of tasks) {
    const m = [...documentMilestones(task), ...(msBy.get(task.no) ?? [])].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const r = rsBy.get(task.no) ?? [];
    const closedOn = closed.get(task.no);
    // only the number: a ledger task's free-text 时间节点 is not a date the rule can read
    const v = judgeTask({ no: task.no }, m, r, today);
    out.set(task.no, {
      task,
      state: closedOn !== undefined ? '已完成' : v.state,
      latest: r[r.length - 1],
      milestones: m,
      missed: v.milestones.filter((j) => j.outcome === '未达成').map((j) => j.milestone),
      judged: v.milestones,
      reason: closedOn !== undefined ? '督查室已销号' : v.reason,
      percent: v.percent,
      expected: v.expected,
      reports: r.length,
      ...(closedOn !== undefined ? { closedAt: closedOn } : {}),
    });
  }
  return out;
}
