// The per-task picture the ledger export and the dashboard share: the task state (the same
// rule and the same reads as /汇总, via loadBoard), the next milestone among those the rule
// counts (the documents' — task-text deadlines, linked 票决 milestones, an imported ledger's
// 时间节点 — and those set with /节点), and the colour a leader sees: red 滞后, yellow 临近节点,
// green 正常.
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';
import { loadBoard, type TaskStatus } from '../progress/board.ts';
import { countStates } from '../progress/format.ts';
import { addDays, shortDate } from '../progress/time.ts';
import { percentText, type TaskState } from '../progress/state.ts';
import { baseUnit } from '../progress/access.ts';
import { ALL_TOWNS, scopeOf, type ScopeKind } from '../progress/scope.ts';
import { prepared, type Db } from '../store/db.ts';
import { latestReports, type ReportRow } from '../store/reports.ts';
import type { LedgerTask } from './store.ts';

/** A milestone due within this many days (today included) makes a task 临近节点. */
export const NEAR_DAYS = 7;

export type Tone = 'red' | 'yellow' | 'green' | 'none';

export interface NextMilestone {
  dueDate: string;
  dueLabel: string;
  text: string;
  /** 任务原文 / 票决第1项 / 台账时间节点 / 节点#12（住建局） */
  from: string;
  /** the board's id: positive for milestones set with /节点, negative for the documents' */
  id: number;
}

export interface TaskView {
  task: LedgerTask;
  status: TaskStatus;
  state: TaskState;
  next: NextMilestone | undefined;
  near: boolean;
  tone: Tone;
}

export interface LedgerView {
  today: string;
  tasks: LedgerTask[];
  views: Map<number, TaskView>;
  /** groupCounts, computed once per view */
  groups?: Partial<Record<ScopeKind, GroupCount[]>>;
}

export function toneOf(state: TaskState, near: boolean): Tone {
  if (state === '滞后') return 'red';
  if (state === '已完成' || state === '逾期完成') return 'green';
  if (near) return 'yellow';
  return state === '正常推进' ? 'green' : 'none';
}

export const TONE_LABEL: Record<Tone, string> = { red: '滞后', yellow: '临近节点', green: '正常', none: '未开始' };

/** Every milestone of a task the state rule counts (the documents' and those set with /节点),
 * by date, in the ledger's shape. */
export function taskMilestones(status: TaskStatus): NextMilestone[] {
  return status.milestones.map((m) => ({
    dueDate: m.dueDate,
    dueLabel: m.dueLabel,
    text: m.text,
    from: (m as { from?: string }).from ?? (m.id > 0 ? `节点#${m.id}（${m.unit}）` : '文件'),
    id: m.id,
  }));
}

export function ledgerView(db: Db, _kb: KnowledgeBase, tasks: readonly LedgerTask[], today: string): LedgerView {
  const board = loadBoard(db, tasks as KeyTask[], today);
  const horizon = addDays(today, NEAR_DAYS);
  const views = new Map<number, TaskView>();
  for (const task of tasks) {
    const status = board.get(task.no)!;
    const next = taskMilestones(status).find((m) => m.dueDate >= today);
    const near = next !== undefined && next.dueDate <= horizon && status.state !== '已完成' && status.state !== '逾期完成';
    views.set(task.no, { task, status, state: status.state, next, near, tone: toneOf(status.state, near) });
  }
  return { today, tasks: [...tasks], views };
}

export function countViews(vs: Iterable<TaskView>): Record<TaskState, number> {
  return countStates([...vs].map((v) => v.status));
}

/** 6月30日（6月底前）完成… */
export function nextLine(n: NextMilestone | undefined, today: string): string {
  if (!n) return '';
  const days = Math.round((Date.parse(`${n.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const left = days === 0 ? '今天到期' : `还剩${days}天`;
  return `${shortDate(n.dueDate)}${n.dueLabel && n.dueLabel !== shortDate(n.dueDate) ? `（${n.dueLabel}）` : ''} ${n.text}（${left}）`;
}

export function latestReport(db: Db, taskNo: number): ReportRow | undefined {
  return latestReports(db, taskNo, 1)[0];
}

export function reportText(r: ReportRow | undefined): string {
  if (!r) return '';
  const extra = [r.percent !== null ? `完成${percentText(r.percent)}` : '', r.status ?? ''].filter(Boolean).join('，');
  return `${r.text}${extra ? `（${extra}）` : ''}`;
}

/** Changes whenever anything is committed to the store: by this connection (total_changes())
 * or by another one, e.g. the CLI importing a list (PRAGMA data_version). Both are O(1). */
export function storeVersion(db: Db): string {
  const other = db.pragma('data_version', { simple: true }) as number;
  const own = (prepared(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
  return `${other}:${own}`;
}

const views = new WeakMap<Db, Map<string, { key: string; deps: readonly unknown[]; view: LedgerView }>>();

/** A view reused until the store or the day changes, or one of `deps` (compared by identity) is
 * replaced; one entry per slot, so the key tasks and the other lists do not evict each other. The
 * dashboard's pages read them on every request, and loadBoard over a year of reports is the
 * expensive part. */
export function cachedView(db: Db, slot: string, deps: readonly unknown[], today: string, build: () => LedgerView): LedgerView {
  const key = `${storeVersion(db)}:${today}`;
  const slots = views.get(db) ?? views.set(db, new Map()).get(db)!;
  const hit = slots.get(slot);
  if (hit && hit.key === key && hit.deps.length === deps.length && hit.deps.every((d, i) => d === deps[i])) return hit.view;
  const view = build();
  slots.set(slot, { key, deps, view });
  return view;
}

export interface GroupCount {
  name: string;
  views: TaskView[];
  counts: ReturnType<typeof countViews>;
}

/** One row per lead unit / leader / town: units count the tasks they lead, towns the tasks
 * that name them or every town (the /汇总 rule); sorted by 滞后, then size. */
export function groupCounts(lv: LedgerView, kind: ScopeKind): GroupCount[] {
  const memo = (lv.groups ??= {});
  return (memo[kind] ??= computeGroups(lv, kind));
}

function computeGroups(lv: LedgerView, kind: ScopeKind): GroupCount[] {
  const by = new Map<string, TaskView[]>();
  const add = (name: string, v: TaskView) => {
    const xs = by.get(name) ?? by.set(name, []).get(name)!;
    if (xs[xs.length - 1] !== v) xs.push(v);
  };
  if (kind === 'town') {
    for (const name of ALL_TOWNS) for (const t of scopeOf('town', name, lv.tasks).tasks) add(name, lv.views.get(t.no)!);
  } else {
    // one pass instead of scopeOf per name: the same sets (lead units by baseUnit, leaders)
    for (const t of lv.tasks) {
      const v = lv.views.get(t.no)!;
      for (const name of kind === 'unit' ? [...new Set(t.leadUnits.map(baseUnit))] : t.leaders) add(name, v);
    }
  }
  return [...by.entries()]
    .map(([name, views]) => ({ name, views, counts: countViews(views) }))
    .filter((g) => g.views.length > 0)
    .sort((a, b) => b.counts['滞后'] - a.counts['滞后'] || b.views.length - a.views.length || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

