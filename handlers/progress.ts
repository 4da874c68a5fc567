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
  const why = lagReason(s);
  lines.push(`状态：${s.state}（${latest ? `最近进展${shortDate(localDate(latest.createdAt))}，` : ''}${why}）`);
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
  lines.push(`填报：/进展 ${task.no} 内容；设节点：/节点 ${task.no} 6月底 内容`);
  return { text: lines.join('\n') };
}
