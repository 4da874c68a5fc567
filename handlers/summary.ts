// /汇总                — counts by state, in the bulletin's words ("…项达到时序进度，…项滞后")
// /汇总 单位|领导|镇    — one line per lead unit / leader / town
// /汇总 住建局|曹陶|白水镇 — one unit, leader or town, with its lagging tasks named
import { refuse, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { viewRefusal } from '../src/commands/refusals.ts';
import { canReadAll, unitRole } from '../src/progress/access.ts';
import { loadBoard, type TaskStatus } from '../src/progress/board.ts';
import { bulletinLine, clip, countStates, countsLine } from '../src/progress/format.ts';
import { ALL_TOWNS, leadersOf, leadUnitsOf, resolveScope, scopeOf, type Scope, type ScopeKind } from '../src/progress/scope.ts';
import { shortDate } from '../src/progress/time.ts';
import type { OutgoingReply } from '../src/types.ts';
import type { SupervisedItem } from '../src/items/catalog.ts';
import { latestAmounts } from '../src/store/items.ts';
import type { Ctx as C } from '../src/commands/context.ts';

const OTHER_LISTS: [SupervisedItem['kind'], string][] = [['livelihood', '民生实事'], ['indicator', '民生实事指标（镇街）'], ['measure', '开局八好'], ['voted', '票决民生实事']];

/** One line per other list: 民生实事45项：正常推进3项，未开始42项 */
function otherListLines(ctx: C, pick: (x: SupervisedItem) => boolean, prefix = ''): string[] {
  const items = ctx.items.all.filter((x) => x.kind !== 'key' && pick(x));
  if (!items.length) return [];
  const board = loadBoard(ctx.db, items, ctx.today);
  return OTHER_LISTS.flatMap(([kind, name]) => {
    const xs = items.filter((x) => x.kind === kind);
    return xs.length ? [`${prefix}${name}${countsLine(countStates(xs.map((x) => board.get(x.no)!)))}`] : [];
  });
}

const fmt = (n: number) => String(Math.round(n * 10000) / 10000);

/** A town's cells, target against reported: 指标43 农村村民自建桥梁… 目标8座，已报2座 */
function townCellLines(ctx: C, town: string): string[] {
  const cells = ctx.items.ofKind('indicator').filter((x) => x.leadUnits[0] === town);
  if (!cells.length) return [];
  const done = latestAmounts(ctx.db);
  return [
    `　　镇街指标${cells.length}项，已报${cells.filter((x) => done.has(x.no)).length}项：`,
    ...cells.map((x) => {
      const d = done.get(x.no);
      return `　　· 指标${x.ref.kind === 'indicator' ? x.ref.no : ''} ${clip(x.title, 12)} 目标${x.quota!.amount}${x.quota!.unit}，${d ? `已报${fmt(d.amount)}${x.quota!.unit}` : '未报'}`;
    }),
  ];
}

/** Per indicator over the towns: target sum against reported sum, and how many towns reported. */
function indicatorTotals(ctx: C): string[] {
  const done = latestAmounts(ctx.db);
  const by = new Map<number, SupervisedItem[]>();
  for (const x of ctx.items.ofKind('indicator')) if (x.ref.kind === 'indicator') (by.get(x.ref.no) ?? by.set(x.ref.no, []).get(x.ref.no)!).push(x);
  return [...by].map(([no, cells]) => {
    const q = cells[0]!.quota!;
    const rep = cells.filter((x) => done.has(x.no));
    // a rate (%) is not summed: each town holds its own level
    const total = q.unit === '%' ? '' : `目标${fmt(cells.reduce((s, x) => s + x.quota!.amount, 0))}${q.unit}，已报${fmt(rep.reduce((s, x) => s + done.get(x.no)!.amount, 0))}${q.unit}，`;
    return `· 指标${no} ${clip(cells[0]!.title, 12)} ${total}${rep.length}/${cells.length}个镇街已报`;
  });
}

import { closedLine } from '../src/loop/format.ts';
import { chaseCountsByUnit } from '../src/store/loop.ts';

/** "，已销号1项，催办3次" for a unit's row (催办 counted this year). */
function loopTail(lead: TaskStatus[], chases: number): string {
  const closed = lead.filter((s) => s.closedAt !== undefined).length;
  return `${closed ? `｜已销号${closed}项` : ''}${chases ? `｜催办${chases}次` : ''}`;
}

function scopeText(scope: Scope, board: Map<number, TaskStatus>, chases: Map<string, number>, ctx?: C): string[] {
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
  if (ctx && scope.kind === 'town') lines.push(...townCellLines(ctx, scope.name));
  if (ctx && scope.kind !== 'town') {
    const pick = scope.kind === 'leader' ? (x: SupervisedItem) => x.leaders.includes(scope.name) : (x: SupervisedItem) => x.kind !== 'indicator' && unitRole(x, scope.name) === 'lead';
    lines.push(...otherListLines(ctx, pick, '　　牵头'));
  }
  const closed = closedLine(scope.kind === 'unit' ? of(scope.lead) : all);
  if (closed) lines.push(`　　${closed}`);
  return lines;
}

const BY_WORD: Record<ScopeKind | 'indicator', string> = { unit: '牵头单位', leader: '牵头领导', town: '镇街', indicator: '指标' };

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
    return { text: [`${when}：`, ...scopes.flatMap((s) => scopeText(s, board, chases, ctx))].join('\n') };
  }
  if (cmd.kind === 'summary' && cmd.by === 'indicator') {
    if (!canReadAll(a)) refuse(viewRefusal(ctx, '按指标的汇总'));
    const lines = indicatorTotals(ctx);
    if (!lines.length) return { text: '当前清单没有分到镇街的指标。' };
    return { text: [`${when}，民生实事指标（各镇街目标合计与已报合计）：`, ...lines, '某镇逐项：/汇总 白塘镇'].join('\n') };
  }
  if (!canReadAll(a)) refuse(viewRefusal(ctx, `按${BY_WORD[cmd.by === 'all' ? 'unit' : cmd.by]}的汇总`));
  const board = loadBoard(ctx.db, ctx.tasks, ctx.today);
  const c = countStates(board.values());
  const head = `${when}，重点工作任务${ctx.tasks.length}项：${bulletinLine(c)}。`;
  if (cmd.by === 'all') {
    const others = otherListLines(ctx, () => true);
    const closed = closedLine(board.values());
    return { text: `${head}${closed ? `\n${closed}` : ''}\n${others.length ? `其他清单：\n${others.map((l) => `· ${l}`).join('\n')}\n` : ''}按单位：/汇总 单位；按领导：/汇总 领导；按镇街：/汇总 镇；滞后清单：/滞后` };
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
  // a town's own cells on its line: reported against what it owes
  const cellsOf = (town: string) => ctx.items.ofKind('indicator').filter((x) => x.leadUnits[0] === town);
  const done = cmd.by === 'town' ? latestAmounts(ctx.db) : new Map<number, { amount: number }>();
  const cellNote = (town: string) => {
    const cells = cellsOf(town);
    if (!cells.length) return '';
    const rep = cells.filter((x) => done.has(x.no));
    const full = rep.filter((x) => x.quota!.unit !== '%' && done.get(x.no)!.amount >= x.quota!.amount);
    return `｜镇街指标${cells.length}项，已报${rep.length}项${full.length ? `（${full.length}项达目标数）` : ''}`;
  };
  return { text: [head, `按${BY_WORD[cmd.by]}（${cmd.by === 'unit' ? '牵头任务' : cmd.by === 'town' ? '点名及“各镇”任务' : '牵头任务'}）：`, ...rows.map((r) => `· ${r.name} ${countsLine(r.counts)}${r.tail}${cmd.by === 'town' ? cellNote(r.name) : ''}`)].join('\n') };
}
