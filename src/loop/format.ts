// How closed (销号) items and 催办 counts read in /滞后, /汇总 and /进展.
import type { TaskStatus } from '../progress/board.ts';
import { localDate, shortDate } from '../progress/time.ts';

/** 已销号 3月5日 */
export function closedLabel(closedAt: string): string {
  return `已销号 ${shortDate(localDate(closedAt))}`;
}

/** "已销号2项：第28项（3月5日）、第29项（3月6日）", or undefined when none is closed. */
export function closedLine(xs: Iterable<TaskStatus>, max = 10): string | undefined {
  const closed = [...xs].filter((s) => s.closedAt !== undefined).sort((a, b) => a.task.no - b.task.no);
  if (!closed.length) return undefined;
  const named = closed.slice(0, max).map((s) => `第${s.task.no}项（${shortDate(localDate(s.closedAt!))}）`);
  return `已销号${closed.length}项：${named.join('、')}${closed.length > max ? '等' : ''}`;
}
