// /汇总                — counts by state, in the bulletin's words ("…项达到时序进度，…项滞后")
// /汇总 单位|领导|镇    — one line per lead unit / leader / town
// /汇总 住建局|曹陶|白水镇 — one unit, leader or town, with its lagging tasks named
import { refuse, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { viewRefusal } from '../src/commands/refusals.ts';
import { canReadAll } from '../src/progress/access.ts';
import { loadBoard, type TaskStatus } from '../src/progress/board.ts';
import { bulletinLine, clip, countStates, countsLine } from '../src/progress/format.ts';
import { ALL_TOWNS, leadersOf, leadUnitsOf, resolveScope, scopeOf, type Scope, type ScopeKind } from '../src/progress/scope.ts';
import { shortDate } from '../src/progress/time.ts';
import type { OutgoingReply } from '../src/types.ts';
import { closedLine } from '../src/loop/format.ts';
import { chaseCountsByUnit } from '../src/store/loop.ts';

/** "，已销号1项，催办3次" for a unit's row (催办 counted this year). */
function loopTail(lead: TaskStatus[], chases: number): string {
  const closed = lead.filter((s) => s.closedAt !== undefined).length;
  return `${closed ? `｜已销号${closed}项` : ''}${chases ? `｜催办${chases}次` : ''}`;
}

function scopeText(scope: Scope, board: Map<number, TaskStatus>, chases: Map<string, number>): string[] {
  const of = (ts: Scope['tasks']) => ts.map((t) => board.get(t.no)!);
  const all = of(scope.tasks);
  const lines: string[] = [];
  if (scope.kind === 'unit') {
    const lead = of(scope.lead);
    lines.push(`${scope.name}：牵头${countsLine(countStates(lead))}${loopTail(lead, chases.get(scope.name) ?? 0)}`);
    const co = all.length - lead.length;
    if (co > 0) lines.push(`　　配合${countsLine(countStates(all.filter((s) => !scope.lead.includes(s.task))))}`);
  } else {
    lines.push(`${scope.name}：${scope.kind === 'leader' ? '牵头' : '承担'}${countsLine(countStates(all))}`);
  }
  const lag = all.filter((s) => s.state === '滞后');
  if (lag.length) lines.push(`　　滞后：${lag.map((s) => `第${s.task.no}项`).join('、')}（/滞后 ${scope.name} 查看原因）`);
  const closed = closedLine(scope.kind === 'unit' ? of(scope.lead) : all);
  if (closed) lines.push(`　　${closed}`);
  return lines;
}

const BY_WORD: Record<ScopeKind, string> = { unit: '牵头单位', leader: '牵头领导', town: '镇街' };

export function handleSummary(ctx: Ctx, cmd: Extract<Command, { kind: 'summary' | 'summary-of' }>): OutgoingReply {
  const a = ctx.actor;
  const when = `截至${shortDate(ctx.today)}`;
  if (cmd.kind === 'summary-of' || (cmd.kind === 'summary' && cmd.by === 'all' && !canReadAll(a))) {
    let scopes: Scope[];
    if (cmd.kind === 'summary-of') {
      const scope = resolveScope(cmd.name, ctx.tasks, ctx.units);
      if (!scope) refuse(`不认识“${clip(cmd.name, 12)}”。可以写单位（住建局）、牵头领导（曹陶）或镇街（白水镇），或发 /汇总、/汇总 单位、/汇总 领导、/汇总 镇。`);
      if (!canReadAll(a) && !(scope.kind !== 'leader' && a.units.includes(scope.name))) refuse(viewRefusal(ctx, `${scope.name}的汇总`));
      scopes = [scope];
    } else {
      if (!a.units.length) refuse(viewRefusal(ctx, '汇总'));
      scopes = a.units.map((u) => scopeOf(ALL_TOWNS.includes(u) ? 'town' : 'unit', u, ctx.tasks));
    }
    const board = loadBoard(ctx.db, ctx.tasks, ctx.today);
    const chases = chaseCountsByUnit(ctx.db, `${ctx.year}-01-01`);
    return { text: [`${when}：`, ...scopes.flatMap((s) => scopeText(s, board, chases))].join('\n') };
  }
  if (!canReadAll(a)) refuse(viewRefusal(ctx, `按${BY_WORD[cmd.by === 'all' ? 'unit' : cmd.by]}的汇总`));
  const board = loadBoard(ctx.db, ctx.tasks, ctx.today);
  const c = countStates(board.values());
  const head = `${when}，重点工作任务${ctx.tasks.length}项：${bulletinLine(c)}。`;
  if (cmd.by === 'all') {
    const closed = closedLine(board.values());
    return { text: `${head}${closed ? `\n${closed}` : ''}\n按单位：/汇总 单位；按领导：/汇总 领导；按镇街：/汇总 镇；滞后清单：/滞后` };
  }
  const chases = cmd.by === 'unit' ? chaseCountsByUnit(ctx.db, `${ctx.year}-01-01`) : new Map<string, number>();
  const names = cmd.by === 'unit' ? leadUnitsOf(ctx.tasks) : cmd.by === 'leader' ? leadersOf(ctx.tasks) : [...ALL_TOWNS];
  const rows = names
    .map((name) => {
      const scope = scopeOf(cmd.by as ScopeKind, name, ctx.tasks);
      const counts = countStates((cmd.by === 'unit' ? scope.lead : scope.tasks).map((t) => board.get(t.no)!));
      return { name, counts, tail: cmd.by === 'unit' ? loopTail(scope.lead.map((t) => board.get(t.no)!), chases.get(name) ?? 0) : '' };
    })
    .filter((r) => Object.values(r.counts).some((n) => n > 0))
    .sort((x, y) => y.counts['滞后'] - x.counts['滞后'] || Object.values(y.counts).reduce((p, q) => p + q, 0) - Object.values(x.counts).reduce((p, q) => p + q, 0) || x.name.localeCompare(y.name, 'zh-Hans-CN'));
  return { text: [head, `按${BY_WORD[cmd.by]}（${cmd.by === 'unit' ? '牵头任务' : cmd.by === 'town' ? '点名及“各镇”任务' : '牵头任务'}）：`, ...rows.map((r) => `· ${r.name} ${countsLine(r.counts)}${r.tail}`)].join('\n') };
}
