// The task-state rule. One rule, one function (judgeTask; taskState is its state alone):
// /进展, /我的任务, /滞后, /汇总, the digest, the dashboard, the export and the 专报 all read it
// through loadBoard, and docs/reporting.md states it as a table in the same words.
//
// The rule is a function of (item, milestones, reports, today, rule settings) only: no clock,
// no store. Its settings are process-wide (configureStateRule at start-up) so that every
// consumer reads one and the same state; tests pass them explicitly.
import type { ReportStatus } from '../store/reports.ts';
import { addDays, localDate, localMidnight, shortDate } from './time.ts';

export const TASK_STATES = ['已完成', '逾期完成', '正常推进', '滞后', '未开始'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** How one milestone stands on a day. 逾期完成: met, but only by a report filed after its due
 * date — kept as such for good, a later report never turns it into 已达成. */
export const MILESTONE_OUTCOMES = ['未到期', '已达成', '逾期完成', '未达成'] as const;
export type MilestoneOutcome = (typeof MILESTONE_OUTCOMES)[number];

/** A report counts toward a milestone when it was filed no earlier than this many days before
 * the milestone's due date (the month leading up to it, or any time after: after = late). */
export const MEET_WINDOW_DAYS = 30;

/** Highest 完成率 accepted (超额完成 is common; more than double is a typing error). */
export const MAX_PERCENT = 200;

export interface StateRule {
  /** 滞后 when the reported 完成率 is more than this many points behind 序时进度 */
  lagPoints: number;
}

export const DEFAULT_STATE_RULE: StateRule = { lagPoints: 15 };

let configured: StateRule = DEFAULT_STATE_RULE;

/** Set once at start-up from config (SCHEDULE_LAG_POINTS). */
export function configureStateRule(rule: Partial<StateRule>): void {
  configured = { ...DEFAULT_STATE_RULE, ...rule };
}

export function stateRule(): StateRule {
  return configured;
}

export interface StateItem {
  no: number;
  /** The item's own completion deadline (yyyy-mm-dd), e.g. an 开局八好 measure's 7月底前.
   * Default: 31 December of the year of its last milestone (or of `today`). */
  completeBy?: string;
  /** A numeric target (8 座桥): reports' `amount` then give the 完成率 when none is written. */
  targetAmount?: number | null;
}

export interface StateMilestone {
  taskNo: number;
  dueDate: string; // yyyy-mm-dd
  targetPercent: number | null;
  /** as written (6月底前, 三季度末), for the reason phrase */
  dueLabel?: string;
}

export interface StateReport {
  taskNo: number;
  /** ISO instant the report was filed */
  createdAt: string;
  /** an explicit 完成率 (0–200), never a percentage lifted from the text */
  percent: number | null;
  status: ReportStatus | null;
  /** an amount done toward the item's targetAmount (完成2个) */
  amount?: number | null;
}

export interface MilestoneJudgement<M extends StateMilestone = StateMilestone> {
  milestone: M;
  outcome: MilestoneOutcome;
  /** local date of the first report that met it (已达成 / 逾期完成) */
  metOn?: string;
}

export interface Verdict<M extends StateMilestone = StateMilestone> {
  state: TaskState;
  /** one short phrase the office can read out: 6月底节点未达成, 完成率30%，序时应达50% */
  reason: string;
  /** every milestone of the item, in the order given */
  milestones: MilestoneJudgement<M>[];
  /** the latest reported 完成率 (explicit, or amount / target), or null */
  percent: number | null;
  /** 序时进度 on `today` (0–100), or null when no 完成率 was reported */
  expected: number | null;
}

/** The first instant a report can count toward `m`: local midnight, MEET_WINDOW_DAYS before
 * the due date. */
function windowStart(m: StateMilestone): number {
  return localMidnight(addDays(m.dueDate, -MEET_WINDOW_DAYS));
}

function completion(r: StateReport, item: StateItem): number | null {
  if (r.percent !== null) return r.percent;
  const t = item.targetAmount;
  return r.amount != null && t != null && t > 0 ? (r.amount / t) * 100 : null;
}

function isDone(r: StateReport, item: StateItem): boolean {
  const p = completion(r, item);
  return r.status === '已完成' || (p !== null && p >= 100);
}

function meets(m: StateMilestone, from: number, r: StateReport, filedAt: number, item: StateItem): boolean {
  if (r.taskNo !== m.taskNo || filedAt < from || r.status === '滞后') return false;
  if (m.targetPercent === null || isDone(r, item)) return true;
  const p = completion(r, item);
  return p !== null && p >= m.targetPercent;
}

/** Whether report `r` counts toward milestone `m` (on time or late): filed on or after (due
 * date − MEET_WINDOW_DAYS) in local time, not self-declared 滞后, and — when the milestone has
 * a target percent — with a 完成率 at least that target, or status 已完成. Reminders stop
 * escalating a milestone once a report counts toward it. */
export function meetsMilestone(m: StateMilestone, r: StateReport, item: StateItem = { no: m.taskNo }): boolean {
  return meets(m, windowStart(m), r, Date.parse(r.createdAt), item);
}

/** How each milestone stands on `today`: 未到期 (due today or later, unless already met on
 * time), 已达成 (met by a report filed on or before its due date), 逾期完成 (first met by a
 * report filed after it), 未达成 (past due, met by none). */
export function judgeMilestones<M extends StateMilestone>(item: StateItem, milestones: readonly M[], reports: readonly StateReport[], today: string): MilestoneJudgement<M>[] {
  return judgeOn(item, milestones, filedOf(item, reports), today);
}

/** The item's reports with their instants, in time order (same-instant ones in a fixed order,
 * not the caller's, so a verdict depends on the reports alone). */
interface Filed {
  r: StateReport;
  at: number;
}

function filedOf(item: StateItem, reports: readonly StateReport[]): Filed[] {
  const xs: Filed[] = [];
  let sorted = true;
  for (const r of reports) {
    if (r.taskNo !== item.no) continue;
    const at = Date.parse(r.createdAt);
    if (xs.length && at <= xs[xs.length - 1]!.at) sorted = false;
    xs.push({ r, at });
  }
  // the store hands them over in order already: sort only when not
  if (!sorted) xs.sort((a, b) => a.at - b.at || tieKey(a.r).localeCompare(tieKey(b.r)));
  return xs;
}

function judgeOn<M extends StateMilestone>(item: StateItem, milestones: readonly M[], rs: readonly Filed[], today: string): MilestoneJudgement<M>[] {
  const out: MilestoneJudgement<M>[] = [];
  for (const m of milestones) {
    if (m.taskNo !== item.no) continue;
    const from = windowStart(m);
    // the first report in the window that meets it (rs is in time order)
    let lo = 0;
    let hi = rs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rs[mid]!.at < from) lo = mid + 1;
      else hi = mid;
    }
    let first: Filed | undefined;
    for (let i = lo; i < rs.length && !first; i++) if (meets(m, from, rs[i]!.r, rs[i]!.at, item)) first = rs[i];
    const day = first ? localDate(first.r.createdAt) : undefined;
    if (day && day <= m.dueDate) out.push({ milestone: m, outcome: m.dueDate >= today ? '未到期' : '已达成', metOn: day });
    else if (m.dueDate >= today) out.push({ milestone: m, outcome: '未到期' });
    else out.push(day ? { milestone: m, outcome: '逾期完成', metOn: day } : { milestone: m, outcome: '未达成' });
  }
  return out;
}

/** Milestones of the task that are past due (due date before `today`) and met by no report. */
export function missedMilestones<M extends StateMilestone>(taskNo: number, milestones: readonly M[], reports: readonly StateReport[], today: string): M[] {
  return judgeMilestones({ no: taskNo }, milestones, reports, today)
    .filter((j) => j.outcome === '未达成')
    .map((j) => j.milestone);
}

const DAY_MS = 86_400_000;
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

/** The item's deadline: its own, else 31 December of its year — the year of its last
 * milestone, else of its first report, else of `today`. (Not simply today's year: a 2026 task
 * read on 2 January 2027 is past its year, not at the start of a new one.) */
function deadlineOf(item: StateItem, milestones: readonly StateMilestone[], today: string, firstFiled?: string): string {
  if (item.completeBy) return item.completeBy;
  let last = '';
  for (const m of milestones) if (m.taskNo === item.no && m.dueDate > last) last = m.dueDate;
  const year = last ? last.slice(0, 4) : firstFiled ? localDate(firstFiled).slice(0, 4) : today.slice(0, 4);
  return `${year}-12-31`;
}

/**
 * 序时进度 on `today`, 0–100: the 完成率 the item should have reached by the end of yesterday.
 * A straight line from 0 % at the start of the deadline's year through each milestone that
 * names a target percent (the milestone's span) to 100 % at the deadline; without such
 * milestones, the share of the year (or of the span to an earlier deadline) elapsed.
 */
export function scheduledPercent(item: StateItem, milestones: readonly StateMilestone[], today: string, reports: readonly StateReport[] = []): number {
  const first = filedOf(item, reports)[0];
  return scheduledOn(item, milestones, today, deadlineOf(item, milestones, today, first?.r.createdAt));
}

function scheduledOn(item: StateItem, milestones: readonly StateMilestone[], today: string, deadline: string): number {
  const start = `${Number(deadline.slice(0, 4)) - 1}-12-31`; // end of the day before 1 January
  const points: [string, number][] = [[start, 0]];
  const targets = milestones.filter((m) => m.taskNo === item.no && m.targetPercent !== null && m.dueDate > start).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  for (const m of targets) points.push([m.dueDate, m.targetPercent!]);
  if (deadline > points[points.length - 1]![0]) points.push([deadline, 100]);
  const t = addDays(today, -1);
  if (t <= points[0]![0]) return 0;
  for (let i = 1; i < points.length; i++) {
    const [d1, p1] = points[i]!;
    if (t <= d1) {
      const [d0, p0] = points[i - 1]!;
      return p0 + ((p1 - p0) * daysBetween(d0, t)) / daysBetween(d0, d1);
    }
  }
  return points[points.length - 1]![1];
}

const pct = (p: number) => `${Math.round(p * 10) / 10}%`;

/** 6月底 for a milestone due 2026-06-30 written 6月底前; the date itself when the label is not
 * a short date phrase (全年, 年内 → 12月31日). */
export function milestoneName(m: StateMilestone): string {
  const label = (m.dueLabel ?? '').replace(/前$/, '');
  return label && [...label].length <= 6 && /月|季度|半年/.test(label) ? label : shortDate(m.dueDate);
}

function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/** 节点3月31日“完成招标”未达成等3个: the first one by date, named by its text too (two
 * milestones can share a date). */
function several(js: readonly MilestoneJudgement[], what: string): string {
  const m = [...js].sort((a, b) => a.milestone.dueDate.localeCompare(b.milestone.dueDate))[0]!.milestone;
  const text = (m as { text?: string }).text;
  return `节点${shortDate(m.dueDate)}${text ? `“${clip(text, 16)}”` : ''}${what}${js.length > 1 ? `等${js.length}个` : ''}`;
}

/**
 * The state of one item on the local date `today` (yyyy-mm-dd), with its reason. Only live
 * (not revoked) reports and live (not deleted) milestones are passed in; entries of other items
 * are ignored. The first rule that applies wins (docs/reporting.md, 状态规则):
 *
 * 1. 已完成 / 逾期完成 — the latest report says 已完成, or its 完成率 is 100 % or more;
 *    逾期完成 when the completion (first report of that final run of completed reports) was
 *    filed after the item's deadline.
 * 2. 滞后 — the latest report says 滞后.
 * 3. 滞后 — a milestone is past due and no report meets it (未达成). A report filed after the
 *    due date that meets it makes it 逾期完成, never 已达成: the miss stays on the record.
 * 4. 滞后 — the latest reported 完成率 is more than rule.lagPoints behind 序时进度.
 * 5. 正常推进 — there is at least one report.
 * 6. 未开始 — no report yet and nothing past due.
 *
 * 需协调 is a flag for the supervision office, not a state: such a report counts like one
 * without a status.
 */
export function judgeTask<M extends StateMilestone>(
  item: StateItem,
  milestones: readonly M[],
  reports: readonly StateReport[],
  today: string,
  rule: StateRule = configured,
): Verdict<M> {
  const filed = filedOf(item, reports);
  const own = filed.map((x) => x.r);
  const latest = own[own.length - 1];
  const js = judgeOn(item, milestones, filed, today);
  let percent: number | null = null;
  for (const r of own) percent = completion(r, item) ?? percent;
  if (percent !== null) percent = Math.round(percent * 100) / 100;
  const deadline = deadlineOf(item, milestones, today, own[0]?.createdAt);
  const expected = percent === null ? null : Math.round(scheduledOn(item, milestones, today, deadline) * 10) / 10;
  const verdict = (state: TaskState, reason: string): Verdict<M> => ({ state, reason, milestones: js, percent, expected });
  const late = js.filter((j) => j.outcome === '逾期完成');

  if (latest && isDone(latest, item)) {
    let i = own.length - 1;
    while (i > 0 && isDone(own[i - 1]!, item)) i--;
    const doneOn = localDate(own[i]!.createdAt);
    if (doneOn > deadline) return verdict('逾期完成', `期限${shortDate(deadline)}，${shortDate(doneOn)}报完成`);
    // 超额 as the completing report says it (an older 120 % does not make a later 已完成 超额)
    const own100 = completion(latest, item);
    if (own100 !== null && own100 > 100) return verdict('已完成', `完成率${pct(own100)}，超额完成`);
    return verdict('已完成', late.length ? `已完成，${several(late, '曾逾期')}` : `${shortDate(doneOn)}报完成`);
  }
  if (latest?.status === '滞后') return verdict('滞后', '联络员报告滞后');
  const missed = js.filter((j) => j.outcome === '未达成');
  if (missed.length) return verdict('滞后', several(missed, '未达成'));
  if (percent !== null && expected !== null && expected - percent > rule.lagPoints) {
    return verdict('滞后', `完成率${pct(percent)}，序时应达${pct(Math.round(expected))}`);
  }
  if (!latest) return verdict('未开始', '尚未填报进展');
  if (late.length) return verdict('正常推进', several(late, '逾期完成'));
  if (percent !== null) return verdict('正常推进', `完成率${percentText(percent)}，序时${pct(Math.round(expected!))}`);
  return verdict('正常推进', '已报进展，未报完成率');
}

function tieKey(r: StateReport): string {
  return `${r.status ?? ''}|${r.percent ?? ''}|${r.amount ?? ''}`;
}

/** judgeTask's state alone. */
export function taskState(item: StateItem, milestones: readonly StateMilestone[], reports: readonly StateReport[], today: string, rule?: StateRule): TaskState {
  return judgeTask(item, milestones, reports, today, rule).state;
}

/** 完成率120%（超额） — how a reported 完成率 is shown everywhere. */
export function percentText(p: number): string {
  return p > 100 ? `${pct(p)}（超额）` : pct(p);
}
