// /进展 28 已开工建设120套，完成率30%  — record progress on a task.
// /更正 [28] 新内容                    — correct one's own last report (within 24 h).
import { audit, commitWrite, refuse, requireTask, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { reportRefusal } from '../src/commands/refusals.ts';
import { REPORT_ROLES, unitRole, writerUnit } from '../src/progress/access.ts';
import { loadBoard } from '../src/progress/board.ts';
import { percentText } from '../src/progress/state.ts';
import { shortDateTime } from '../src/progress/time.ts';
import { editReport, insertReport, lastOwnReport, type ReportRow } from '../src/store/reports.ts';
import type { OutgoingReply } from '../src/types.ts';

export const UNDO_WINDOW_MS = 24 * 3600_000;

export function reportFacts(r: Pick<ReportRow, 'percent' | 'status' | 'unit'>): string {
  return [
    `完成率：${r.percent === null ? '未填' : percentText(r.percent)}`,
    `状态：${r.status ?? '未注明'}`,
    `单位：${r.unit}`,
  ].join('｜');
}

function stateAfter(ctx: Ctx, taskNo: number): string {
  const s = loadBoard(ctx.db, [ctx.task(taskNo)!], ctx.today).get(taskNo);
  return s ? `第${taskNo}项当前：${s.state}（${s.reason}）。` : '';
}

function completionWarning(status: string | null): string {
  return status === '已完成' ? '\n注意：状态“已完成”表示整项任务已完成；如果不是，请发送 /更正 修改。' : '';
}

export function handleReport(ctx: Ctx, cmd: Extract<Command, { kind: 'report' }>): OutgoingReply {
  const task = requireTask(ctx, cmd.taskNo, (n) => `/进展 ${n} 已开工建设120套，完成率30%`);
  const unit = writerUnit(ctx.actor, task, REPORT_ROLES) ?? refuse(reportRefusal(ctx, task));
  return commitWrite(ctx, () => {
    const row = insertReport(ctx.db, {
      taskNo: task.no,
      platform: ctx.msg.platform,
      userId: ctx.msg.userId,
      userName: ctx.msg.userName,
      unit,
      text: cmd.text,
      percent: cmd.percent,
      status: cmd.status,
      chatId: ctx.msg.chatId,
      messageId: ctx.msg.messageId,
      createdAt: ctx.at,
    });
    audit(ctx, { action: 'report.create', entity: 'report', entityId: row.id, before: null, after: row });
    return {
      text: [
        `已记录第${task.no}项进展（#${row.id}）：`,
        cmd.text,
        `${reportFacts(row)}｜填报：${row.userName} ${shortDateTime(row.createdAt)}`,
        ...(cmd.percentNote ? [cmd.percentNote] : []),
        `${stateAfter(ctx, task.no)}24小时内可发送 /撤回 撤回，或 /更正 修改。${completionWarning(row.status)}`,
      ].join('\n'),
    };
  });
}

/** The sender's newest live report (on one task if given), refused when none or too old. */
export function ownRecentReport(ctx: Ctx, taskNo: number | null, verb: '撤回' | '更正'): ReportRow {
  if (taskNo !== null) requireTask(ctx, taskNo, (n) => `/${verb} ${n}`);
  const r = lastOwnReport(ctx.db, ctx.msg.platform, ctx.msg.userId, taskNo);
  const where = taskNo === null ? '' : `在第${taskNo}项`;
  if (!r) refuse(`你${where}没有可${verb}的进展（只能${verb}自己填报、且未撤回的进展）。`);
  // The right to amend is checked now, not when the report was filed: a liaison unbound since
  // (or an admin no longer in ADMINS) must not rewrite the record in the unit's name.
  const task = ctx.task(r.taskNo);
  const role = task ? unitRole(task, r.unit) : null;
  const stillBound = ctx.actor.units.includes(r.unit) && role !== null && REPORT_ROLES.includes(role);
  if (!ctx.actor.isAdmin && !stillBound) {
    const was = r.unit === '督查室' ? '督查室管理员' : `${r.unit}的联络员`;
    refuse(`你现在已不是${was}，不能${verb}第${r.taskNo}项的进展 #${r.id}。如需${verb}，请联系督查室。`);
  }
  if (Date.parse(ctx.at) - Date.parse(r.createdAt) > UNDO_WINDOW_MS) {
    refuse(
      `你${where}最近一条进展（第${r.taskNo}项 #${r.id}，${shortDateTime(r.createdAt)}）已超过24小时，不能${verb}。` +
        `请直接填报最新进展（/进展 ${r.taskNo} …），或联系督查室。`,
    );
  }
  return r;
}

export function handleEdit(ctx: Ctx, cmd: Extract<Command, { kind: 'edit' }>): OutgoingReply {
  return commitWrite(ctx, () => {
    const before = ownRecentReport(ctx, cmd.taskNo, '更正');
    const after = editReport(ctx.db, before.id, { text: cmd.text, percent: cmd.percent, status: cmd.status }, ctx.at);
    audit(ctx, { action: 'report.edit', entity: 'report', entityId: after.id, before, after });
    return {
      text: [
        `已更正第${after.taskNo}项进展（#${after.id}）：`,
        after.text,
        reportFacts(after),
        `原内容：${before.text}`,
        ...(cmd.percentNote ? [cmd.percentNote] : []),
        `${stateAfter(ctx, after.taskNo)}${completionWarning(after.status)}`,
      ].join('\n'),
    };
  });
}
