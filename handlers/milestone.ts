// /节点 28 6月底 完成主体结构   — a lead unit sets a milestone it owes (节点)
// /节点 28                      — list a task's milestones
// /节点 改 5 9月底 [新内容]      — edit; /节点 删 5 — delete (kept, marked deleted)
import { audit, commitWrite, refuse, requireItem, requireTask, type Ctx } from '../src/commands/context.ts';
import { formatItemRef } from '../src/items/address.ts';
import { labelOf } from '../src/items/catalog.ts';
import type { Command } from '../src/commands/parse.ts';
import { milestoneRefusal, viewRefusal } from '../src/commands/refusals.ts';
import { canView, MILESTONE_ROLES, writerUnit } from '../src/progress/access.ts';
import { loadBoard } from '../src/progress/board.ts';
import { milestoneLine } from '../src/progress/format.ts';
import { shortDate } from '../src/progress/time.ts';
import { deleteMilestone, getMilestone, insertMilestone, updateMilestone, type MilestoneRow } from '../src/store/milestones.ts';
import type { OutgoingReply } from '../src/types.ts';

function describe(m: MilestoneRow): string {
  const label = m.dueLabel && m.dueLabel !== shortDate(m.dueDate) ? `（${m.dueLabel}）` : '';
  const target = m.targetPercent !== null ? `，完成率目标${m.targetPercent}%` : '';
  return `${shortDate(m.dueDate)}${label} ${m.text}${target}`;
}

function pastWarning(ctx: Ctx, m: MilestoneRow): string {
  return m.dueDate < ctx.today ? `\n注意：${shortDate(m.dueDate)}已过，没有达标的进展时本项计为滞后。` : '';
}

/** The live milestone `id`, and the unit the sender may change it for. */
function ownedMilestone(ctx: Ctx, id: number): { m: MilestoneRow; unit: string } {
  const m = getMilestone(ctx.db, id);
  if (!m || m.deletedAt) refuse(`没有编号为#${id}的节点（可能已删除）。发送 /节点 任务编号 查看，例如：/节点 28`);
  const task = requireTask(ctx, m.taskNo, (n) => `/节点 ${n}`);
  const unit = writerUnit(ctx.actor, task, MILESTONE_ROLES) ?? refuse(milestoneRefusal(ctx, task));
  return { m, unit };
}

export function handleMilestoneAdd(ctx: Ctx, cmd: Extract<Command, { kind: 'milestone-add' }>): OutgoingReply {
  const { item: task } = requireItem(ctx, cmd, (n) => `/节点 ${n} 6月底 完成主体结构`);
  const unit = writerUnit(ctx.actor, task, MILESTONE_ROLES) ?? refuse(milestoneRefusal(ctx, task));
  return commitWrite(ctx, () => {
    const row = insertMilestone(ctx.db, {
      taskNo: task.no,
      dueDate: cmd.due.date,
      dueLabel: cmd.due.label,
      text: cmd.text,
      targetPercent: cmd.targetPercent,
      unit,
      platform: ctx.msg.platform,
      userId: ctx.msg.userId,
      userName: ctx.msg.userName,
      chatId: ctx.msg.chatId,
      messageId: ctx.msg.messageId,
      createdAt: ctx.at,
    });
    audit(ctx, { action: 'milestone.create', entity: 'milestone', entityId: row.id, before: null, after: row });
    return { text: `已设${task.label}节点 #${row.id}：${describe(row)}（${unit}）。发送 /节点 ${formatItemRef(task.ref)} 查看全部节点。${pastWarning(ctx, row)}` };
  });
}

export function handleMilestoneList(ctx: Ctx, cmd: Extract<Command, { kind: 'milestone-list' }>): OutgoingReply {
  const { item: task } = requireItem(ctx, cmd, (n) => `/节点 ${n}`);
  if (!canView(ctx.actor, task)) refuse(viewRefusal(ctx, `${task.label}的节点`));
  const s = loadBoard(ctx.db, [task], ctx.today, true).get(task.no)!;
  if (!s.milestones.length) {
    return { text: `${task.label}还没有节点。牵头单位（${task.leadUnits.join('、')}）的联络员可发送：/节点 ${formatItemRef(task.ref)} 6月底 完成主体结构` };
  }
  const judged = new Map(s.judged.map((j) => [j.milestone.id, j]));
  return {
    text: [
      `${task.label}节点（${s.milestones.length}个，状态：${s.state}）：`,
      ...s.milestones.map((m) => `· ${milestoneLine(m, ctx.today, judged.get(m.id) ?? null)}${m.targetPercent !== null ? `（目标${m.targetPercent}%）` : ''}`),
      `修改：/节点 改 编号 9月底 新内容；删除：/节点 删 编号`,
    ].join('\n'),
  };
}

export function handleMilestoneEdit(ctx: Ctx, cmd: Extract<Command, { kind: 'milestone-edit' }>): OutgoingReply {
  return commitWrite(ctx, () => {
    const { m: before } = ownedMilestone(ctx, cmd.id);
    const after = updateMilestone(
      ctx.db,
      before.id,
      {
        dueDate: cmd.due?.date ?? before.dueDate,
        dueLabel: cmd.due?.label ?? before.dueLabel,
        text: cmd.text ?? before.text,
        targetPercent: cmd.text !== null ? cmd.targetPercent : before.targetPercent,
      },
      ctx.at,
    );
    audit(ctx, { action: 'milestone.edit', entity: 'milestone', entityId: after.id, before, after });
    return { text: `已修改${labelOf(ctx.task(after.taskNo) ?? { no: after.taskNo })}节点 #${after.id}：${describe(after)}（原为：${describe(before)}）。${pastWarning(ctx, after)}` };
  });
}

export function handleMilestoneDelete(ctx: Ctx, cmd: Extract<Command, { kind: 'milestone-delete' }>): OutgoingReply {
  return commitWrite(ctx, () => {
    const { m: before } = ownedMilestone(ctx, cmd.id);
    const after = deleteMilestone(ctx.db, before.id, ctx.at);
    audit(ctx, { action: 'milestone.delete', entity: 'milestone', entityId: after.id, before, after });
    return { text: `已删除${labelOf(ctx.task(after.taskNo) ?? { no: after.taskNo })}节点 #${after.id}：${describe(before)}。记录保留在审计日志中。` };
  });
}
