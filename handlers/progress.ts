// /进展 28 — a task's latest reports and milestones, with its state.
import { refuse, requireItem, type Ctx } from '../src/commands/context.ts';
import { formatItemRef } from '../src/items/address.ts';
import { listName } from '../src/items/catalog.ts';
import { latestAmounts } from '../src/store/items.ts';
import type { Command } from '../src/commands/parse.ts';
import { viewRefusal } from '../src/commands/refusals.ts';
import { canView } from '../src/progress/access.ts';
import { loadBoard } from '../src/progress/board.ts';
import { clip, lagReason, milestoneLine } from '../src/progress/format.ts';
import { shortDate, shortDateTime, localDate } from '../src/progress/time.ts';
import { countLiveReports, latestReports } from '../src/store/reports.ts';
import type { OutgoingReply } from '../src/types.ts';

export const VIEW_REPORTS = 5;

export function handleView(ctx: Ctx, cmd: Extract<Command, { kind: 'view' }>): OutgoingReply {
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
  const why = s.state === '滞后' ? `，${lagReason(s)}` : '';
  lines.push(
    `状态：${s.state}${latest ? `（最近进展${shortDate(localDate(latest.createdAt))}${latest.percent !== null ? `，完成率${latest.percent}%` : ''}${why}）` : why ? `（${why.slice(1)}）` : ''}`,
  );
  if (reports.length) {
    lines.push(total > reports.length ? `最近进展（共${total}条，显示最近${reports.length}条）：` : '进展：');
    for (const r of reports) {
      const flags = [r.status, r.editedAt ? '已更正' : null].filter(Boolean).join('，');
      lines.push(`· #${r.id} ${shortDateTime(r.createdAt)} ${r.unit} ${r.userName}：${clip(r.text, 60)}${flags ? `〔${flags}〕` : ''}`);
    }
  } else lines.push('还没有进展。');
  if (s.milestones.length) {
    lines.push('节点：');
    const missed = new Set(s.missed.map((m) => m.id));
    for (const m of s.milestones) lines.push(`· ${milestoneLine(m, ctx.today, !missed.has(m.id))}`);
  } else lines.push('还没有节点。');
  const addr = formatItemRef(task.ref);
  lines.push(`填报：/进展 ${addr} 内容；设节点：/节点 ${addr} 6月底 内容`);
  return { text: lines.join('\n') };
}
