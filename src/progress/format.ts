// Small pieces of reply text shared by the progress handlers.
import type { KeyTask } from '../../knowledge/types.ts';
import type { MilestoneRow } from '../store/milestones.ts';
import { isSupervised, labelOf } from '../items/catalog.ts';
import type { TaskStatus } from './board.ts';
import { milestoneName, TASK_STATES, type MilestoneJudgement, type TaskState } from './state.ts';
import { shortDate } from './time.ts';

export function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/** 第28项 建设保障性住房408套 */
export function taskTitle(task: KeyTask, max = 24): string {
  return `${labelOf(task)} ${clip((isSupervised(task) && task.kind !== 'key' ? task.title : task.target).replace(/[。；;，,]+$/, ''), max)}`;
}

export function countStates(xs: Iterable<TaskStatus>): Record<TaskState, number> {
  const c = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
  for (const x of xs) c[x.state]++;
  return c;
}

/** 7项：正常推进5项，滞后1项，未开始1项 (states with zero left out) */
export function countsLine(c: Record<TaskState, number>): string {
  const total = TASK_STATES.reduce((n, s) => n + c[s], 0);
  const parts = TASK_STATES.filter((s) => c[s] > 0).map((s) => `${s}${c[s]}项`);
  return `${total}项：${parts.join('，') || '无'}`;
}

/** The bulletin's wording: 42项达到时序进度（已完成2项、正常推进40项），5项滞后，22项未开始 —
 * plus "，1项逾期完成" when an item was completed after its deadline (not on schedule, not
 * behind any more: counted on its own so the miss stays visible). */
export function bulletinLine(c: Record<TaskState, number>): string {
  const onTrack = c['已完成'] + c['正常推进'];
  const late = c['逾期完成'] ? `，${c['逾期完成']}项逾期完成` : '';
  return `${onTrack}项达到时序进度（已完成${c['已完成']}项、正常推进${c['正常推进']}项）${late}，${c['滞后']}项滞后，${c['未开始']}项未开始`;
}

/** A milestone's standing as shown: 未到期, 已达成, 逾期完成（7月3日）, 已过期未达成. */
export function outcomeText(j: Pick<MilestoneJudgement, 'outcome' | 'metOn'>): string {
  if (j.outcome === '未达成') return '已过期未达成';
  if (j.outcome === '逾期完成') return `逾期完成${j.metOn ? `（${shortDate(j.metOn)}）` : ''}`;
  return j.outcome;
}

/** `met`: the rule's judgement of this milestone (boolean: the old met / not met, kept for
 * callers that only know that). */
export function milestoneLine(m: MilestoneRow & { from?: string }, today: string, met: boolean | null | MilestoneJudgement): string {
  const when = `${shortDate(m.dueDate)}${m.dueLabel && m.dueLabel !== shortDate(m.dueDate) ? `（${m.dueLabel}）` : ''}`;
  const state = typeof met === 'object' && met !== null ? outcomeText(met) : m.dueDate >= today ? '未到期' : met ? '已达成' : '已过期未达成';
  // Document milestones have no id to edit: they name their source instead.
  const tag = m.id > 0 ? `#${m.id}` : `【${m.from ?? '文件'}】`;
  return `${tag} ${when} ${clip(m.text, 40)} — ${met === null ? '' : state}`.replace(/ — $/, '');
}

/** Why a task is in its state: the state rule's one phrase (6月底节点未达成, 联络员自报滞后,
 * 完成率30%，序时应达50%). */
export function lagReason(s: TaskStatus): string {
  return s.reason;
}

/** 节点：已达成2个，逾期完成1个（6月底），未达成1个（9月底） — every past milestone's standing,
 * so a late or missed one stays on the record after the state has moved on. '' when none is
 * past due. */
export function milestoneTally(s: Pick<TaskStatus, 'judged'>): string {
  const by = (o: string) => s.judged.filter((j) => j.outcome === o);
  const names = (js: MilestoneJudgement[]) => `（${js.slice(0, 3).map((j) => milestoneName(j.milestone)).join('、')}${js.length > 3 ? '等' : ''}）`;
  const met = by('已达成');
  const late = by('逾期完成');
  const missed = by('未达成');
  const parts = [met.length ? `已达成${met.length}个` : '', late.length ? `逾期完成${late.length}个${names(late)}` : '', missed.length ? `未达成${missed.length}个${names(missed)}` : ''].filter(Boolean);
  return parts.length ? `节点：${parts.join('，')}` : '';
}

/** The reason and, when it adds something, the milestones' tally: one cell of the export. */
export function stateNote(s: Pick<TaskStatus, 'judged' | 'reason'>): string {
  const tally = milestoneTally(s);
  return tally ? `${s.reason}；${tally}` : s.reason;
}
