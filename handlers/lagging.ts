// /滞后 [单位|领导|镇] — tasks behind schedule, with the reason (missed milestone or the
// liaison's own 滞后 report). Leaders and admins see all; a liaison sees its units' tasks.
import { refuse, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { viewRefusal } from '../src/commands/refusals.ts';
import { actingUnit, canReadAll, REPORT_ROLES, unitRole } from '../src/progress/access.ts';
import { loadBoard } from '../src/progress/board.ts';
import { clip, countStates, lagReason, taskTitle } from '../src/progress/format.ts';
import { resolveScope } from '../src/progress/scope.ts';
import { localDate, shortDate } from '../src/progress/time.ts';
import type { KeyTask } from '../knowledge/types.ts';
import type { OutgoingReply } from '../src/types.ts';
import { closedLine } from '../src/loop/format.ts';

export const MAX_LINES = 30;

export function handleLagging(ctx: Ctx, cmd: Extract<Command, { kind: 'lagging' }>): OutgoingReply {
  const a = ctx.actor;
  let tasks: readonly KeyTask[];
  let title: string;
  // the other lists' items in the same scope (民生实事, 镇街指标, 开局八好)
  let items = ctx.items.all.filter((x) => x.kind !== 'key');
  if (cmd.scope) {
    const scope = resolveScope(cmd.scope, ctx.tasks, ctx.units);
    if (!scope) refuse(`不认识“${clip(cmd.scope, 12)}”。可以写单位（住建局）、牵头领导（曹陶）或镇街（白水镇），也可以只发 /滞后。`);
    if (!canReadAll(a) && !(scope.kind !== 'leader' && a.units.includes(scope.name))) refuse(viewRefusal(ctx, `${scope.name}的滞后任务`));
    tasks = scope.tasks;
    title = `${scope.name}相关`;
    items = items.filter((x) => (scope.kind === 'leader' ? x.leaders.includes(scope.name) : unitRole(x, scope.name) === 'lead'));
  } else if (canReadAll(a)) {
    tasks = ctx.tasks;
    title = '';
  } else if (a.units.length) {
    tasks = ctx.tasks.filter((t) => actingUnit(a, t, REPORT_ROLES) !== undefined);
    title = `${a.units.join('、')}相关`;
    items = items.filter((x) => actingUnit(a, x, REPORT_ROLES) !== undefined);
  } else refuse(viewRefusal(ctx, '滞后任务'));
  const itemLag = [...loadBoard(ctx.db, items, ctx.today).values()].filter((s) => s.state === '滞后');
  const itemLines = itemLag.length
    ? [`其他清单滞后${itemLag.length}项：`, ...itemLag.slice(0, MAX_LINES).map((s) => `· ${taskTitle(s.task, 18)}｜${s.task.leadUnits.join('、') || '—'}｜${lagReason(s)}｜${s.latest ? `最近进展${shortDate(localDate(s.latest.createdAt))}` : '尚无进展'}`)]
    : [];
  const board = loadBoard(ctx.db, tasks, ctx.today);
  const lag = [...board.values()].filter((s) => s.state === '滞后');
  const when = `截至${shortDate(ctx.today)}`;
  // Closed items are 已完成 and never lag; they are named so nobody looks for them in vain.
  const closed = closedLine(board.values());
  if (!lag.length) {
    const c = countStates(board.values());
    const none = `${title}${itemLines.length ? '重点工作任务' : ''}没有滞后任务（${when}，共${tasks.length}项：已完成${c['已完成']}，${c['逾期完成'] ? `逾期完成${c['逾期完成']}，` : ''}正常推进${c['正常推进']}，未开始${c['未开始']}）。`;
    return { text: [none, ...itemLines, ...(closed ? [closed] : [])].join('\n') };
  }
  const lines = lag.slice(0, MAX_LINES).map((s) => {
    const last = s.latest ? `最近进展${shortDate(localDate(s.latest.createdAt))}` : '尚无进展';
    return `· ${taskTitle(s.task, 18)}｜${s.task.leadUnits.join('、')}｜${s.task.leaders.join('、')}｜${lagReason(s)}｜${last}`;
  });
  if (lag.length > MAX_LINES) lines.push(`……另有${lag.length - MAX_LINES}项，可按单位查看：/滞后 住建局`);
  return { text: [`${title}滞后任务${lag.length}项（${when}，共${tasks.length}项）：`, ...lines, ...itemLines, ...(closed ? [closed] : []), '查看详情：/进展 编号'].join('\n') };
}
