// /进展 28 已开工建设120套，完成率30%  — record progress on a task.
// /更正 [28] 新内容                    — correct one's own last report (within 24 h).
import { audit, commitWrite, refuse, requireItem, requireTask, type Ctx } from '../src/commands/context.ts';
import { formatItemRef, type ItemRef } from '../src/items/address.ts';
import { readAmount } from '../src/items/amount.ts';
import { labelOf, type SupervisedItem } from '../src/items/catalog.ts';
import { recordItemKey, reportAmount, setReportAmount, clearReportAmount } from '../src/store/items.ts';
import type { Command } from '../src/commands/parse.ts';
import { reportRefusal } from '../src/commands/refusals.ts';
import { reportRolesFor, unitRole, writerUnit } from '../src/progress/access.ts';
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
  const t = ctx.task(taskNo)!;
  const s = loadBoard(ctx.db, [t], ctx.today).get(taskNo);
  return s ? `${labelOf(t)}当前：${s.state}（${s.reason}）。` : '';
}

/** An item with a number to reach (a town's indicator cell): the amount the text states, and the
 * completion it means when the text gives no 完成率 of its own (a rate quota, in %, is a level to
 * hold, not a share done: no completion is derived from it). */
function quotaFacts(item: SupervisedItem, text: string, percent: number | null): { amount: number | null; percent: number | null } {
  const q = item.quota;
  if (!q) return { amount: null, percent };
  const a = readAmount(text, q.unit);
  if (a && 'error' in a) refuse(a.error);
  if (!a) refuse(`${item.label}要填累计完成数量（目标${q.amount}${q.unit}），没有记录。例如：/进展 ${formatItemRef(item.ref)} 完成2${q.unit === '%' ? '%' : q.unit.replace(/\(.*\)$/, '')}`);
  const derived = percent === null && q.unit !== '%' && q.amount > 0 ? Math.min(100, Math.round((a.amount / q.amount) * 10000) / 100) : percent;
  return { amount: a.amount, percent: derived };
}

function amountLine(item: SupervisedItem, amount: number | null): string[] {
  return item.quota && amount !== null ? [`已报：${amount}${item.quota.unit}（目标${item.quota.amount}${item.quota.unit}）`] : [];
}

/** The store keeps the address an item number was first written under (src/store/items.ts). */
function rememberItem(ctx: Ctx, item: SupervisedItem): void {
  if (item.kind !== 'key') recordItemKey(ctx.db, { no: item.no, address: formatItemRef(item.ref), kind: item.kind, title: item.title }, ctx.at);
}

function completionWarning(status: string | null): string {
  return status === '已完成' ? '\n注意：状态“已完成”表示整项任务已完成；如果不是，请发送 /更正 修改。' : '';
}

export function handleReport(ctx: Ctx, cmd: Extract<Command, { kind: 'report' }>): OutgoingReply {
  const { item: task, via } = requireItem(ctx, cmd, (n) => `/进展 ${n} 已开工建设120套，完成率30%`);
  const unit = writerUnit(ctx.actor, task, reportRolesFor(task)) ?? refuse(reportRefusal(ctx, task));
  const q = quotaFacts(task, cmd.text, cmd.percent);
  const label = labelOf(task);
  return commitWrite(ctx, () => {
    rememberItem(ctx, task);
    const row = insertReport(ctx.db, {
      taskNo: task.no,
      platform: ctx.msg.platform,
      userId: ctx.msg.userId,
      userName: ctx.msg.userName,
      unit,
      text: cmd.text,
      percent: q.percent,
      status: cmd.status,
      chatId: ctx.msg.chatId,
      messageId: ctx.msg.messageId,
      createdAt: ctx.at,
    });
    if (q.amount !== null) setReportAmount(ctx.db, row.id, q.amount, task.quota!.unit);
    const after = task.kind === 'key' ? row : { ...row, item: formatItemRef(task.ref), ...(q.amount !== null ? { amount: q.amount } : {}) };
    audit(ctx, { action: 'report.create', entity: 'report', entityId: row.id, before: null, after });
    return {
      text: [
        ...(via ? [`${via}。`] : []),
        `已记录${label}进展（#${row.id}）：`,
        cmd.text,
        ...amountLine(task, q.amount),
        `${reportFacts(row)}｜填报：${row.userName} ${shortDateTime(row.createdAt)}`,
        ...(cmd.percentNote ? [cmd.percentNote] : []),
        `${stateAfter(ctx, task.no)}24小时内可发送 /撤回 撤回，或 /更正 修改。${completionWarning(row.status)}`,
      ].join('\n'),
    };
  });
}

/** The sender's newest live report (on one task if given), refused when none or too old. */
export function ownRecentReport(ctx: Ctx, asked: number | null, verb: '撤回' | '更正', ref?: ItemRef): ReportRow {
  let taskNo = asked;
  if (asked !== null && ref) taskNo = requireItem(ctx, { taskNo: asked, ref }, (n) => `/${verb} ${n}`).item.no;
  else if (asked !== null) requireTask(ctx, asked, (n) => `/${verb} ${n}`);
  const r = lastOwnReport(ctx.db, ctx.msg.platform, ctx.msg.userId, taskNo);
  const where = taskNo === null ? '' : `在${labelOf(ctx.task(taskNo) ?? { no: taskNo })}`;
  if (!r) refuse(`你${where}没有可${verb}的进展（只能${verb}自己填报、且未撤回的进展）。`);
  // The right to amend is checked now, not when the report was filed: a liaison unbound since
  // (or an admin no longer in ADMINS) must not rewrite the record in the unit's name.
  const task = ctx.task(r.taskNo);
  const role = task ? unitRole(task, r.unit) : null;
  const stillBound = ctx.actor.units.includes(r.unit) && role !== null && reportRolesFor({ no: r.taskNo }).includes(role);
  const label = labelOf(task ?? { no: r.taskNo });
  if (!ctx.actor.isAdmin && !stillBound) {
    const was = r.unit === '督查室' ? '督查室管理员' : `${r.unit}的联络员`;
    refuse(`你现在已不是${was}，不能${verb}${label}的进展 #${r.id}。如需${verb}，请联系督查室。`);
  }
  if (Date.parse(ctx.at) - Date.parse(r.createdAt) > UNDO_WINDOW_MS) {
    refuse(
      `你${where}最近一条进展（${label} #${r.id}，${shortDateTime(r.createdAt)}）已超过24小时，不能${verb}。` +
        `请直接填报最新进展（/进展 ${task ? formatItemRef(task.ref) : r.taskNo} …），或联系督查室。`,
    );
  }
  return r;
}

export function handleEdit(ctx: Ctx, cmd: Extract<Command, { kind: 'edit' }>): OutgoingReply {
  return commitWrite(ctx, () => {
    const before = ownRecentReport(ctx, cmd.taskNo, '更正', cmd.ref);
    const item = ctx.task(before.taskNo);
    const q = item ? quotaFacts(item, cmd.text, cmd.percent) : { amount: null, percent: cmd.percent };
    const amountBefore = item?.quota ? reportAmount(ctx.db, before.id) : null;
    const after = editReport(ctx.db, before.id, { text: cmd.text, percent: q.percent, status: cmd.status }, ctx.at);
    if (q.amount !== null) setReportAmount(ctx.db, after.id, q.amount, item!.quota!.unit);
    else if (amountBefore !== null) clearReportAmount(ctx.db, after.id);
    const withAmount = <T extends object>(r: T, amount: number | null) => (item?.quota ? { ...r, amount } : r);
    audit(ctx, { action: 'report.edit', entity: 'report', entityId: after.id, before: withAmount(before, amountBefore), after: withAmount(after, q.amount) });
    return {
      text: [
        `已更正${labelOf(item ?? { no: after.taskNo })}进展（#${after.id}）：`,
        after.text,
        ...(item ? amountLine(item, q.amount) : []),
        reportFacts(after),
        `原内容：${before.text}`,
        ...(cmd.percentNote ? [cmd.percentNote] : []),
        `${stateAfter(ctx, after.taskNo)}${completionWarning(after.status)}`,
      ].join('\n'),
    };
  });
}
