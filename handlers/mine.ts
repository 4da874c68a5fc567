// /我的任务 — the tasks of the sender's units (or, for a leader, the tasks they lead), each
// with its state.
import type { Ctx } from '../src/commands/context.ts';
import { unitRole } from '../src/progress/access.ts';
import { loadBoard, type TaskStatus } from '../src/progress/board.ts';
import { clip, countStates, countsLine, lagReason, taskTitle } from '../src/progress/format.ts';
import type { KeyTask } from '../knowledge/types.ts';
import type { OutgoingReply } from '../src/types.ts';
import { isTown } from '../src/progress/access.ts';
import { formatItemRef } from '../src/items/address.ts';
import type { SupervisedItem } from '../src/items/catalog.ts';
import { latestAmounts } from '../src/store/items.ts';

/** At most this many items of one list are named one per line; the rest are counted. */
const LIST_LINES = 8;

/** A town's own cells, in its words: 指标43 开展农村村民自建桥梁… 8座（已报2座）— 正常推进 */
function cellLine(s: TaskStatus, done: { amount: number } | undefined): string {
  const x = s.task as SupervisedItem;
  const q = x.quota!;
  const why = s.state === '滞后' ? `（${lagReason(s)}）` : '';
  return `· 指标${x.ref.kind === 'indicator' ? x.ref.no : ''} ${clip(x.title.replace(/^(开展|建设|实施|推进)/, '').replace(/[，,]共.*$/, ''), 14)} ${q.amount}${q.unit}（${done ? `已报${done.amount}${q.unit}` : '未报'}）— ${s.state}${why}`;
}

/** The unit's items of the other lists (民生实事, 开局八好 …, its cells when it is a town). */
function townCells(ctx: Ctx, unit: string): string[] {
  const cells = isTown(unit) ? ctx.items.ofKind('indicator').filter((x) => x.leadUnits[0] === unit) : [];
  if (!cells.length) return [];
  const board = loadBoard(ctx.db, cells, ctx.today);
  const amounts = latestAmounts(ctx.db);
  const reported = cells.filter((x) => amounts.has(x.no)).length;
  return [`${unit}：民生实事指标${cells.length}项（已报${reported}项）`, ...cells.map((x) => cellLine(board.get(x.no)!, amounts.get(x.no)))];
}

function otherLists(ctx: Ctx, unit: string): string[] {
  const mine = ctx.items.all.filter((x) => x.kind !== 'key' && x.kind !== 'indicator' && unitRole(x, unit) === 'lead');
  if (!mine.length) return [];
  const board = loadBoard(ctx.db, mine, ctx.today);
  const out: string[] = [];
  const lists: [string, SupervisedItem[]][] = [
    ['民生实事', mine.filter((x) => x.kind === 'livelihood')],
    ['开局八好', mine.filter((x) => x.kind === 'measure')],
    ['票决民生实事', mine.filter((x) => x.kind === 'voted')],
  ];
  for (const [name, xs] of lists) {
    if (!xs.length) continue;
    const st = xs.map((x) => board.get(x.no)!);
    // lagging first, so the ones that need attention are on the screen
    const shown = [...st].sort((a, b) => Number(b.state === '滞后') - Number(a.state === '滞后'));
    out.push(`${name}牵头 ${countsLine(countStates(st))}`, ...shown.slice(0, LIST_LINES).map(line));
    if (xs.length > LIST_LINES) out.push(`……另有${xs.length - LIST_LINES}项：/汇总 ${unit} 查看`);
  }
  return out;
}

function line(s: TaskStatus): string {
  // the reason where it tells something beyond the state word
  const why = s.state === '滞后' || s.state === '逾期完成' || s.judged.some((j) => j.outcome === '逾期完成') ? `（${lagReason(s)}）` : '';
  return `· ${taskTitle(s.task)} — ${s.state}${why}`;
}

export function handleMine(ctx: Ctx): OutgoingReply {
  const a = ctx.actor;
  const out: string[] = [];
  if (a.units.length) {
    const board = loadBoard(ctx.db, ctx.tasks, ctx.today);
    for (const unit of a.units) {
      const lead: KeyTask[] = [];
      const co: KeyTask[] = [];
      const collective: KeyTask[] = [];
      for (const t of ctx.tasks) {
        const r = unitRole(t, unit);
        if (r === 'lead') lead.push(t);
        else if (r === 'co') co.push(t);
        else if (r === 'co-collective') collective.push(t);
      }
      const st = (ts: KeyTask[]) => ts.map((t) => board.get(t.no)!);
      // a town's own numbers first: they are what only it can report
      out.push(...townCells(ctx, unit));
      out.push(`${unit}：牵头${lead.length}项，配合${co.length}项。`);
      if (lead.length) out.push(`牵头 ${countsLine(countStates(st(lead)))}`, ...st(lead).map(line));
      if (co.length) out.push(`配合 ${countsLine(countStates(st(co)))}`, ...st(co).map(line));
      if (collective.length) {
        out.push(`另有${collective.length}项的配合单位是“各镇政府、街道办”“市直各单位”等泛指，${unit}也可填报：第${collective.map((t) => t.no).join('、')}项。`);
      }
      out.push(...otherLists(ctx, unit));
    }
    const cell = a.units.map((u) => ctx.items.all.find((x) => x.kind === 'indicator' && x.leadUnits[0] === u)).find(Boolean);
    out.push(cell ? `填报：/进展 编号 内容，镇街指标写数量，如 /进展 ${formatItemRef(cell.ref)} 完成2${cell.quota!.unit === '%' ? '%' : cell.quota!.unit.replace(/\(.*\)$/, '')}；查看：/进展 编号` : '填报：/进展 编号 内容；查看：/进展 编号');
  }
  if (a.leader?.person) {
    const ts = ctx.tasks.filter((t) => t.leaders.includes(a.leader!.person!));
    const board = loadBoard(ctx.db, ts, ctx.today);
    out.push(`${a.leader.person}牵头 ${countsLine(countStates(board.values()))}`, ...[...board.values()].map(line));
    // the other lists the leader leads, counted (the lagging ones named)
    const others = ctx.items.all.filter((x) => x.kind !== 'key' && x.leaders.includes(a.leader!.person!));
    const ob = loadBoard(ctx.db, others, ctx.today);
    for (const [kind, name] of [['livelihood', '民生实事'], ['indicator', '民生实事指标（镇街）'], ['voted', '票决民生实事']] as const) {
      const st = others.filter((x) => x.kind === kind).map((x) => ob.get(x.no)!);
      if (!st.length) continue;
      out.push(`${name}牵头 ${countsLine(countStates(st))}`, ...st.filter((x) => x.state === '滞后').slice(0, LIST_LINES).map(line));
    }
  }
  if (out.length) return { text: out.join('\n') };
  if (a.leader || a.isAdmin) {
    return { text: `你${a.isAdmin ? '是督查室管理员' : '是领导'}，没有绑定单位。查看全部：/汇总、/汇总 单位、/滞后；查看某项：/进展 28。` };
  }
  return { text: '你还没有绑定单位。发送 /绑定 你的单位（如 /绑定 住建局）申请成为联络员，督查室批准后即可查看和填报本单位的任务。' };
}
