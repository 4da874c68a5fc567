// 销号 (docs/督办闭环.md):
//   /销号 28 情况说明       a lead unit's liaison asks to close the item; the office is @-ed.
//                          The office's own /销号 closes at once (as its /绑定 binds at once).
//   /批准 销号28            督查室: closed — it leaves the reminders and shows 已销号 with the date
//   /驳回 销号28 理由       督查室: sent back with the reason
//   /销号 28 撤销 [理由]    督查室 reopens a closed item; the requester (or the office) withdraws
//                          a pending request
import { audit, commitWrite, refuse, requireTask, type Ctx } from '../src/commands/context.ts';
import { ADMIN_ONLY } from '../src/commands/refusals.ts';
import type { CloseArgs, DecideCloseArgs } from '../src/loop/parse.ts';
import { actingUnit } from '../src/progress/access.ts';
import { clip } from '../src/progress/format.ts';
import { localDate, shortDate, shortDateTime } from '../src/progress/time.ts';
import { decideClosure, openClosure, pendingClosures, reopenClosure, requestClosure, type ClosureRow } from '../src/store/loop.ts';
import { userKey } from '../src/store/users.ts';
import type { OutgoingReply } from '../src/types.ts';
import { originOf } from './loop.ts';

function adminMentions(ctx: Ctx): string[] {
  const prefix = `${ctx.msg.platform}:`;
  return [...ctx.roles.admins].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

const day = (iso: string) => shortDate(localDate(iso));

function requesterMention(ctx: Ctx, c: ClosureRow): string[] {
  return c.platform === ctx.msg.platform && c.userId !== ctx.msg.userId ? [c.userId] : [];
}

export function handleClose(ctx: Ctx, a: CloseArgs): OutgoingReply {
  const task = requireTask(ctx, a.item.taskNo, (n) => `/销号 ${n} 已完成全部建设任务`);
  const isAdmin = ctx.actor.isAdmin;
  const unit = actingUnit(ctx.actor, task, ['lead']);
  if (a.kind === 'close-undo') return handleUndo(ctx, task.no, a.note, unit);
  if (!unit && !isAdmin) {
    const me = ctx.actor.units.length ? `你是${ctx.actor.units.join('、')}的联络员，` : '你还没有绑定牵头单位，';
    refuse(`${me}不能申请第${task.no}项销号：由牵头单位（${task.leadUnits.join('、')}）的联络员申请，督查室批准。`);
  }
  return commitWrite(ctx, () => {
    const open = openClosure(ctx.db, task.no);
    if (open?.status === 'closed') refuse(`第${task.no}项已于${day(open.decidedAt!)}销号。`);
    if (open?.status === 'pending') refuse(`第${task.no}项的销号申请#${open.id}（${open.unit} ${open.userName}，${shortDateTime(open.requestedAt)}）还在等待督查室批准。`);
    // The office closes at once; a liaison's request waits for it.
    const direct = isAdmin;
    const row = requestClosure(ctx.db, {
      taskNo: task.no, text: a.text, unit: unit ?? '督查室', status: direct ? 'closed' : 'pending', decidedBy: userKey(ctx.msg), ...originOf(ctx),
    });
    audit(ctx, { action: direct ? 'closure.close' : 'closure.request', entity: 'closure', entityId: row.id, before: null, after: row });
    if (direct) return { text: `第${task.no}项已销号（${day(ctx.at)}，${ctx.msg.userName}）：${clip(a.text, 60)}\n不再提醒；如需重新打开：/销号 ${task.no} 撤销 理由` };
    return {
      text: `已提交第${task.no}项销号申请#${row.id}（${unit}）：${clip(a.text, 60)}\n等待督查室审核：/批准 销号${task.no}，或 /驳回 销号${task.no} 理由`,
      mentions: adminMentions(ctx),
    };
  });
}

function handleUndo(ctx: Ctx, taskNo: number, note: string | null, unit: string | undefined): OutgoingReply {
  return commitWrite(ctx, () => {
    const open = openClosure(ctx.db, taskNo);
    if (!open) refuse(`第${taskNo}项没有销号，也没有待批的销号申请。`);
    if (open.status === 'closed') {
      if (!ctx.actor.isAdmin) refuse(`${ADMIN_ONLY('撤销销号')}第${taskNo}项于${day(open.decidedAt!)}销号。`);
      const after = reopenClosure(ctx.db, open.id, { key: userKey(ctx.msg), at: ctx.at }, note);
      audit(ctx, { action: 'closure.reopen', entity: 'closure', entityId: open.id, before: open, after });
      return { text: `已撤销第${taskNo}项的销号${note ? `（${note}）` : ''}，事项重新打开，恢复节点提醒。`, mentions: requesterMention(ctx, open) };
    }
    const own = open.platform === ctx.msg.platform && open.userId === ctx.msg.userId;
    if (!own && !ctx.actor.isAdmin && unit !== open.unit) refuse(`只有申请人（${open.userName}）、${open.unit}的联络员或督查室可以撤回销号申请#${open.id}。`);
    const after = decideClosure(ctx.db, open.id, 'withdrawn', { key: userKey(ctx.msg), name: ctx.msg.userName, at: ctx.at }, note);
    audit(ctx, { action: 'closure.withdraw', entity: 'closure', entityId: open.id, before: open, after });
    return { text: `已撤回第${taskNo}项的销号申请#${open.id}。` };
  });
}

/** Admin only (the router checks the spec's access). */
export function handleDecideClose(ctx: Ctx, a: DecideCloseArgs): OutgoingReply {
  const task = requireTask(ctx, a.item.taskNo, (n) => (a.kind === 'close-approve' ? `/批准 销号${n}` : `/驳回 销号${n} 理由`));
  return commitWrite(ctx, () => {
    const open = openClosure(ctx.db, task.no);
    if (open?.status === 'closed') refuse(`第${task.no}项已于${day(open.decidedAt!)}销号，不需要再${a.kind === 'close-approve' ? '批准' : '驳回'}。`);
    if (!open) refuse(`第${task.no}项没有待批的销号申请。发送 /待批 查看待批准的申请。`);
    const by = { key: userKey(ctx.msg), name: ctx.msg.userName, at: ctx.at };
    if (a.kind === 'close-approve') {
      const after = decideClosure(ctx.db, open.id, 'closed', by, null);
      audit(ctx, { action: 'closure.close', entity: 'closure', entityId: open.id, before: open, after });
      return {
        text: `已批准：第${task.no}项销号（${day(ctx.at)}，申请#${open.id}，${open.unit} ${open.userName}）。不再提醒；如需重新打开：/销号 ${task.no} 撤销 理由`,
        mentions: requesterMention(ctx, open),
      };
    }
    const after = decideClosure(ctx.db, open.id, 'returned', by, a.note);
    audit(ctx, { action: 'closure.return', entity: 'closure', entityId: open.id, before: open, after });
    return { text: `已退回第${task.no}项的销号申请#${open.id}（${open.unit} ${open.userName}）：${a.note}\n补充后可重新申请：/销号 ${task.no} 情况说明`, mentions: requesterMention(ctx, open) };
  });
}

/** The /待批 section of closure requests; empty when none waits. */
export function pendingClosureLines(ctx: Ctx): string[] {
  const rows = pendingClosures(ctx.db);
  if (!rows.length) return [];
  return [
    `待批准的销号申请${rows.length}个：`,
    ...rows.map((c) => `· 第${c.taskNo}项 #${c.id} ${c.unit} ${c.userName}，${shortDateTime(c.requestedAt)}：${clip(c.text, 40)}`),
    '批准：/批准 销号编号（如 /批准 销号28）；退回：/驳回 销号28 理由',
  ];
}
