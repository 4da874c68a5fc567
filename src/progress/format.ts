// Small pieces of reply text shared by the progress handlers.
import type { KeyTask } from '../../knowledge/types.ts';
import type { MilestoneRow } from '../store/milestones.ts';
import { isSupervised, labelOf } from '../items/catalog.ts';
import type { TaskStatus } from './board.ts';
import { TASK_STATES, type TaskState } from './state.ts';
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

/** The bulletin's wording: 42项达到时序进度（已完成2项、正常推进40项），5项滞后，22项未开始 */
export function bulletinLine(c: Record<TaskState, number>): string {
  const onTrack = c['已完成'] + c['正常推进'];
  return `${onTrack}项达到时序进度（已完成${c['已完成']}项、正常推进${c['正常推进']}项），${c['滞后']}项滞后，${c['未开始']}项未开始`;
}

export function milestoneLine(m: MilestoneRow & { from?: string }, today: string, met: boolean | null): string {
  const when = `${shortDate(m.dueDate)}${m.dueLabel && m.dueLabel !== shortDate(m.dueDate) ? `（${m.dueLabel}）` : ''}`;
  const state = m.dueDate >= today ? '未到期' : met ? '已达成' : '已过期未达成';
  // Document milestones have no id to edit: they name their source instead.
  const tag = m.id > 0 ? `#${m.id}` : `【${m.from ?? '文件'}】`;
  return `${tag} ${when} ${clip(m.text, 40)} — ${met === null ? '' : state}`.replace(/ — $/, '');
}

/** Why a task lags: the first missed milestone, or the liaison's own 滞后 report. */
export function lagReason(s: TaskStatus): string {
  const m = s.missed[0];
  if (m) return `节点${shortDate(m.dueDate)}“${clip(m.text, 16)}”未达成${s.missed.length > 1 ? `等${s.missed.length}个` : ''}`;
  if (s.latest?.status === '滞后') return '联络员报告滞后';
  return '';
}
