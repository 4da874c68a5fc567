// /进展 28 — a task's latest reports and milestones, with its state.
import { refuse, requireTask, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { viewRefusal } from '../src/commands/refusals.ts';
import { canView } from '../src/progress/access.ts';
import { loadBoard } from '../src/progress/board.ts';
import { clip, lagReason, milestoneLine } from '../src/progress/format.ts';
import { shortDate, shortDateTime, localDate } from '../src/progress/time.ts';
import { countLiveReports, latestReports } from '../src/store/reports.ts';
import type { OutgoingReply } from '../src/types.ts';
import { closedLabel } from '../src/loop/format.ts';
import { chasesOf, instructionsOf, openClosure } from '../src/store/loop.ts';

export const VIEW_REPORTS = 5;

export function handleView(ctx: Ctx, cmd: Extract<Command, { kind: 'view' }>): OutgoingReply {
  const task = requireTask(ctx, cmd.taskNo, (n) => `/进展 ${n}`);
  if (!canView(ctx.actor, task)) refuse(viewRefusal(ctx, `第${task.no}项的进展`));
  const s = loadBoard(ctx.db, [task], ctx.today, true).get(task.no)!;
  const reports = latestReports(ctx.db, task.no, VIEW_REPORTS);
  const total = countLiveReports(ctx.db, task.no);
  const lines = [
    `第${task.no}项 ${clip(task.target, 80)}`,
    `牵头领导：${task.leaders.join('、') || '—'}｜牵头单位：${task.leadUnits.join('、') || '—'}${task.coUnits.length ? `｜配合单位：${task.coUnits.join('、')}` : ''}`,
  ];
  const latest = reports[0];
  const why = s.state === '滞后' ? `，${lagReason(s)}` : s.closedAt ? `，${closedLabel(s.closedAt)}` : '';
  lines.push(
    `状态：${s.state}${latest ? `（最近进展${shortDate(localDate(latest.createdAt))}${latest.percent !== null ? `，完成率${latest.percent}%` : ''}${why}）` : why ? `（${why.slice(1)}）` : ''}`,
  );
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
    const missed = new Set(s.missed.map((m) => m.id));
    for (const m of s.milestones) lines.push(`· ${milestoneLine(m, ctx.today, !missed.has(m.id))}`);
  } else lines.push('还没有节点。');
  lines.push(`填报：/进展 ${task.no} 内容；设节点：/节点 ${task.no} 6月底 内容`);
  return { text: lines.join('\n') };
}

/** The supervision loop on the item: unsigned 批示, a pending 销号 request, the last 催办. */
function loopLines(ctx: Ctx, taskNo: number): string[] {
  const out: string[] = [];
  const open = instructionsOf(ctx.db, taskNo).filter((i) => !i.signedAt);
  if (open.length) out.push(`批示未签收${open.length}条：${open.map((i) => `${i.leader} ${shortDate(localDate(i.createdAt))}“${clip(i.text, 20)}”`).join('；')}（牵头单位 /签收 ${taskNo}）`);
  const c = openClosure(ctx.db, taskNo);
  if (c?.status === 'pending') out.push(`销号申请#${c.id}待批（${c.unit} ${c.userName}，${shortDateTime(c.requestedAt)}）`);
  const chases = chasesOf(ctx.db, taskNo);
  const last = chases[chases.length - 1];
  if (last) out.push(`催办${chases.length}次，最近${shortDateTime(last.createdAt)}（${last.userName}）`);
  return out;
}
