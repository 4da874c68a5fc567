// /进展 28 — a task's latest reports and milestones, with its state.
import { refuse, requireItem, type Ctx } from '../src/commands/context.ts';
import { formatItemRef } from '../src/items/address.ts';
import { listName, type SupervisedItem } from '../src/items/catalog.ts';
import { latestAmounts } from '../src/store/items.ts';
import type { Command } from '../src/commands/parse.ts';
import { viewRefusal } from '../src/commands/refusals.ts';
import { canView } from '../src/progress/access.ts';
import { loadBoard } from '../src/progress/board.ts';
import { clip, lagReason, milestoneLine } from '../src/progress/format.ts';
import { shortDate, shortDateTime, localDate } from '../src/progress/time.ts';
import { countLiveReports, latestReports } from '../src/store/reports.ts';
import type { OutgoingReply } from '../src/types.ts';
import { closedLabel } from '../src/loop/format.ts';
import { chasesOf, instructionsOf, isClosed, openClosure } from '../src/store/loop.ts';

export const VIEW_REPORTS = 5;

/** /进展 民生6 (a project of several sub-items) and /进展 指标43 (an indicator over the towns): the
 * parts the sender may see, each with its state (and, for cells, target and reported). */
function overview(ctx: Ctx, parts: readonly SupervisedItem[], head: string, example: string): OutgoingReply {
  const visible = parts.filter((x) => canView(ctx.actor, x));
  if (!visible.length) refuse(viewRefusal(ctx, `${head}的进展`));
  const board = loadBoard(ctx.db, visible, ctx.today);
  const done = latestAmounts(ctx.db);
  const lines = visible.map((x) => {
    const st = board.get(x.no)!;
    const q = x.quota ? `目标${x.quota.amount}${x.quota.unit}，${done.has(x.no) ? `已报${done.get(x.no)!.amount}${x.quota.unit}` : '未报'}｜` : '';
    const who = x.kind === 'indicator' ? '' : `｜${x.leadUnits.join('、')}`;
    return `· ${x.kind === 'indicator' ? x.leadUnits[0] : `${x.label} ${clip(x.title, 16)}`}${who}：${q}${st.state}${st.state === '滞后' ? `（${lagReason(st)}）` : ''}`;
  });
  return { text: [`${head}（${visible.length}项${visible.length < parts.length ? `，共${parts.length}项` : ''}）：`, ...lines, `查看一项：${example}`].join('\n') };
}

export function handleView(ctx: Ctx, cmd: Extract<Command, { kind: 'view' }>): OutgoingReply {
  const r = cmd.ref;
  if (r?.kind === 'livelihood' && r.item === null) {
    const p = ctx.items.kb.livelihood.find((x) => x.no === r.project);
    const parts = ctx.items.ofKind('livelihood').filter((x) => x.ref.kind === 'livelihood' && x.ref.project === r.project);
    if (p && parts.length > 1) return overview(ctx, parts, `民生实事第${p.no}项 ${p.name}`, `/进展 ${formatItemRef(parts[0]!.ref)}`);
  }
  if (r?.kind === 'indicator' && r.town === null) {
    const ind = ctx.items.kb.indicators.find((x) => x.no === r.no);
    const cells = ctx.items.ofKind('indicator').filter((x) => x.ref.kind === 'indicator' && x.ref.no === r.no);
    // a town liaison gets its own cell (the lookup below); the others the whole indicator
    const own = cells.filter((x) => ctx.actor.units.includes(x.leadUnits[0]!));
    if (ind && cells.length && own.length !== 1) return overview(ctx, cells, `指标${ind.no} ${clip(ind.text, 20)}（各镇街）`, `/进展 ${formatItemRef(cells[0]!.ref)}`);
  }
  const { item: task, via } = requireItem(ctx, cmd, (n) => `/进展 ${n}`);
  if (!canView(ctx.actor, task)) refuse(viewRefusal(ctx, `${task.label}的进展`));
  const s = loadBoard(ctx.db, [task], ctx.today, true).get(task.no)!;
  const reports = latestReports(ctx.db, task.no, VIEW_REPORTS);
  const total = countLiveReports(ctx.db, task.no);
  const lines = [
    ...(via ? [`${via}。`] : []),
    `${task.label} ${clip(task.target, 80)}`,
    ...(task.kind === 'key' ? [] : [`清单：${listName(task)}｜${task.locator}`]),
    `牵头领导：${task.leaders.join('、') || '—'}｜${task.kind === 'indicator' ? '填报镇街' : '牵头单位'}：${task.leadUnits.join('、') || '—'}${task.coUnits.length ? `｜${task.kind === 'indicator' ? '统筹单位' : '配合单位'}：${task.coUnits.join('、')}` : ''}`,
  ];
  if (task.quota) {
    const done = latestAmounts(ctx.db).get(task.no);
    lines.push(`目标：${task.quota.amount}${task.quota.unit}｜已报：${done ? `${done.amount}${task.quota.unit}（${shortDate(localDate(done.at))}）` : '未报'}`);
  }
  const latest = reports[0];
  const why = s.closedAt ? closedLabel(s.closedAt) : lagReason(s);
  lines.push(`状态：${s.state}（${latest ? `最近进展${shortDate(localDate(latest.createdAt))}，` : ''}${why}）`);
  lines.push(...loopLines(ctx, task.no));
  if (reports.length) {
    lines.push(total > reports.length ? `最近进展（共${total}条，显示最近${reports.length}条）：` : '进展：');
    for (const r of reports) {
      const flags = [r.status, r.editedAt ? '已更正' : null].filter(Boolean).join('，');
      lines.push(`· #${r.id} ${shortDateTime(r.createdAt)} ${r.unit} ${r.userName}：${clip(r.text, 60)}${flags ? `〔${flags}〕` : ''}`);
    }
  } else lines.push('还没有进展。');
  if (s.milestones.length) {
    lines.push('节点：');
    const judged = new Map(s.judged.map((j) => [j.milestone.id, j]));
    for (const m of s.milestones) lines.push(`· ${milestoneLine(m, ctx.today, judged.get(m.id) ?? null)}`);
  } else lines.push('还没有节点。');
  const addr = formatItemRef(task.ref);
  lines.push(`填报：/进展 ${addr} 内容；设节点：/节点 ${addr} 6月底 内容`);
  return { text: lines.join('\n') };
}

/** The supervision loop on the item: unsigned 批示, a pending 销号 request, the last 催办. */
function loopLines(ctx: Ctx, taskNo: number): string[] {
  const out: string[] = [];
  // a closed item's unsigned 批示 are not outstanding any more (nobody is chased for them)
  const open = isClosed(ctx.db, taskNo) ? [] : instructionsOf(ctx.db, taskNo).filter((i) => !i.signedAt);
  if (open.length) out.push(`批示未签收${open.length}条：${open.map((i) => `${i.leader} ${shortDate(localDate(i.createdAt))}“${clip(i.text, 20)}”`).join('；')}（牵头单位 /签收 ${taskNo}）`);
  const c = openClosure(ctx.db, taskNo);
  if (c?.status === 'pending') out.push(`销号申请#${c.id}待批（${c.unit} ${c.userName}，${shortDateTime(c.requestedAt)}）`);
  const chases = chasesOf(ctx.db, taskNo);
  const last = chases[chases.length - 1];
  if (last) out.push(`催办${chases.length}次，最近${shortDateTime(last.createdAt)}（${last.userName}）`);
  return out;
}
