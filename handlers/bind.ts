// Liaison bindings. The flow (documented in docs/reporting.md):
//   /绑定 住建局            anyone: a request (#id) that an admin approves with /批准 id or
//                          declines with /驳回 id; an admin's own /绑定 takes effect at once
//   /绑定 @某人 住建局       admin: binds that person directly (approving a pending request)
//   /解绑 [住建局]           the sender's own binding or pending request
//   /解绑 @某人 住建局       admin
//   /待批                   admin: pending requests
import { audit, commitWrite, refuse, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { ADMIN_ONLY } from '../src/commands/refusals.ts';
import { resolveUnit, suggestUnits } from '../src/progress/access.ts';
import { shortDateTime } from '../src/progress/time.ts';
import {
  bindingsOfUser,
  createBinding,
  decideBinding,
  findUsers,
  getBinding,
  openBinding,
  pendingBindings,
  touchUser,
  userKey,
  type BindingRow,
  type UserRef,
} from '../src/store/users.ts';
import type { OutgoingReply, Platform } from '../src/types.ts';
import { parseUserRef } from '../src/refs.ts';


/** An @-mentioned person: the platform's mention list first (by display name), then a literal
 * "platform:userid", then users the bot has seen on this platform (by name or id). */
export function resolveTarget(ctx: Ctx, name: string): UserRef {
  const fold = (s: string) => s.normalize('NFKC').trim();
  const m = ctx.msg.mentions?.find((x) => fold(x.name) === fold(name) || x.userId === name);
  if (m) return { platform: ctx.msg.platform, userId: m.userId, name: m.name };
  const literal = parseUserRef(name);
  if (literal) {
    const { platform, userId } = literal;
    const known = findUsers(ctx.db, platform, userId)[0];
    return { platform, userId, name: known?.name ?? userId };
  }
  const found = findUsers(ctx.db, ctx.msg.platform, name);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) refuse(`有${found.length}位用户叫“${name}”。请在群里直接 @ 对方（从成员列表中选），不要手打名字。`);
  refuse(`找不到 @${name}。请在群里直接 @ 对方（从成员列表中选），或请对方先在群里发一条 /身份。`);
}

function unitOrRefuse(ctx: Ctx, raw: string, example: string): string {
  const unit = resolveUnit(raw, ctx.units);
  if (unit) return unit;
  const parts = raw.split(/[\s,，、;；]+/).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => resolveUnit(p, ctx.units))) refuse(`一次只能写一个单位，例如：${example}`);
  const sug = suggestUnits(raw, ctx.units);
  refuse(`不认识单位“${raw.slice(0, 20)}”。${sug.length ? `是不是：${sug.join('、')}？` : ''}请用任务清单中的单位简称，例如：${example}`);
}

function adminMentions(ctx: Ctx): string[] {
  const prefix = `${ctx.msg.platform}:`;
  return [...ctx.roles.admins].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
}

function mentionOf(ctx: Ctx, target: UserRef, self: boolean): string[] {
  return !self && target.platform === ctx.msg.platform ? [target.userId] : [];
}

const who = (b: Pick<BindingRow, 'name' | 'userId'>) => b.name ?? b.userId;

export function handleBind(ctx: Ctx, cmd: Extract<Command, { kind: 'bind' }>): OutgoingReply {
  const unit = unitOrRefuse(ctx, cmd.unit, '/绑定 住建局');
  const isAdmin = ctx.actor.isAdmin;
  if (cmd.targets.length && !isAdmin) refuse(`${ADMIN_ONLY('为他人绑定单位')}你可以为自己申请：/绑定 ${unit}`);
  return commitWrite(ctx, () => {
    const target: UserRef = cmd.targets.length
      ? resolveTarget(ctx, cmd.targets[0]!)
      : { platform: ctx.msg.platform, userId: ctx.msg.userId, name: ctx.msg.userName };
    const self = target.platform === ctx.msg.platform && target.userId === ctx.msg.userId;
    if (!self) touchUser(ctx.db, target, ctx.at);
    const open = openBinding(ctx.db, target.platform, target.userId, unit);
    const them = self ? '你' : target.name;
    if (open?.status === 'active') refuse(`${them}已经是${unit}的联络员了。`);
    if (isAdmin) {
      if (open) {
        const after = decideBinding(ctx.db, open.id, 'active', userKey(ctx.msg), ctx.at);
        audit(ctx, { action: 'binding.approve', entity: 'binding', entityId: open.id, before: open, after });
        return { text: `已批准申请#${open.id}：${target.name} 成为${unit}的联络员。`, mentions: mentionOf(ctx, target, self) };
      }
      const row = createBinding(ctx.db, {
        platform: target.platform,
        userId: target.userId,
        unit,
        status: 'active',
        requestedBy: userKey(ctx.msg),
        requestedAt: ctx.at,
        chatId: ctx.msg.chatId,
        decidedBy: userKey(ctx.msg),
      });
      audit(ctx, { action: 'binding.create', entity: 'binding', entityId: row.id, before: null, after: row });
      return {
        text: `已绑定（#${row.id}）：${target.name} 成为${unit}的联络员，可以填报${unit}牵头或配合的任务（/我的任务 查看）。`,
        mentions: mentionOf(ctx, target, self),
      };
    }
    if (open?.status === 'pending') refuse(`你申请成为${unit}联络员的申请#${open.id}（${shortDateTime(open.requestedAt)}）还在等待督查室批准。`);
    const row = createBinding(ctx.db, {
      platform: target.platform,
      userId: target.userId,
      unit,
      status: 'pending',
      requestedBy: userKey(ctx.msg),
      requestedAt: ctx.at,
      chatId: ctx.msg.chatId,
    });
    audit(ctx, { action: 'binding.request', entity: 'binding', entityId: row.id, before: null, after: row });
    return {
      text: `已提交申请#${row.id}：${ctx.msg.userName} 申请成为${unit}的联络员，等待督查室批准（管理员发送 /批准 ${row.id}，或 /驳回 ${row.id}）。`,
      mentions: adminMentions(ctx),
    };
  });
}

export function handleUnbind(ctx: Ctx, cmd: Extract<Command, { kind: 'unbind' }>): OutgoingReply {
  if (cmd.targets.length && !ctx.actor.isAdmin) refuse(`${ADMIN_ONLY('解除他人的绑定')}你可以解除自己的：/解绑 单位名`);
  return commitWrite(ctx, () => {
    const target: UserRef = cmd.targets.length
      ? resolveTarget(ctx, cmd.targets[0]!)
      : { platform: ctx.msg.platform, userId: ctx.msg.userId, name: ctx.msg.userName };
    const self = target.platform === ctx.msg.platform && target.userId === ctx.msg.userId;
    const them = self ? '你' : target.name;
    let open: BindingRow | undefined;
    if (cmd.unit) {
      const unit = unitOrRefuse(ctx, cmd.unit, '/解绑 住建局');
      open = openBinding(ctx.db, target.platform, target.userId, unit);
      if (!open) refuse(`${them}不是${unit}的联络员，也没有待批准的申请。`);
    } else {
      const all = bindingsOfUser(ctx.db, target.platform, target.userId, ['active', 'pending']);
      if (all.length === 0) refuse(`${them}没有绑定任何单位。`);
      if (all.length > 1) refuse(`${them}绑定了多个单位（${all.map((b) => b.unit).join('、')}），请写明要解绑哪个，例如：/解绑 ${all[0]!.unit}`);
      open = all[0]!;
    }
    const after = decideBinding(ctx.db, open.id, 'removed', userKey(ctx.msg), ctx.at);
    audit(ctx, { action: 'binding.remove', entity: 'binding', entityId: open.id, before: open, after });
    const what = open.status === 'pending' ? `撤回了成为${open.unit}联络员的申请#${open.id}` : `不再是${open.unit}的联络员`;
    return { text: `${self ? '你' : target.name}${what}。已填报的进展保留不变。` };
  });
}

/** Admin only: checked by the router from the spec (src/commands/specs/approve.ts, reject.ts). */
export function handleDecide(ctx: Ctx, cmd: Extract<Command, { kind: 'approve' | 'reject' }>): OutgoingReply {
  const verb = cmd.kind === 'approve' ? '批准' : '驳回';
  return commitWrite(ctx, () => {
    const before = getBinding(ctx.db, cmd.id);
    if (!before) refuse(`没有编号为#${cmd.id}的申请。发送 /待批 查看待批准的申请。`);
    if (before.status !== 'pending') {
      const done = { active: '已经批准', rejected: '已经驳回', removed: '已经撤回或解除', pending: '' }[before.status];
      refuse(`申请#${cmd.id}${done}，不需要再${verb}。发送 /待批 查看待批准的申请。`);
    }
    const after = decideBinding(ctx.db, cmd.id, cmd.kind === 'approve' ? 'active' : 'rejected', userKey(ctx.msg), ctx.at, cmd.kind === 'reject' ? cmd.note : null);
    audit(ctx, { action: `binding.${cmd.kind}`, entity: 'binding', entityId: cmd.id, before, after });
    const mention = before.platform === ctx.msg.platform ? [before.userId] : [];
    if (cmd.kind === 'approve') {
      return { text: `已批准申请#${cmd.id}：${who(before)} 成为${before.unit}的联络员，可以填报${before.unit}牵头或配合的任务（/我的任务 查看）。`, mentions: mention };
    }
    return { text: `已驳回申请#${cmd.id}（${who(before)} → ${before.unit}）${cmd.note ? `：${cmd.note}` : '。'}`, mentions: mention };
  });
}

/** Admin only: checked by the router from the spec (src/commands/specs/pending.ts). */
export function handlePending(ctx: Ctx): OutgoingReply {
  const rows = pendingBindings(ctx.db);
  if (!rows.length) return { text: '没有待批准的绑定申请。' };
  return {
    text: [
      `待批准的绑定申请${rows.length}个：`,
      ...rows.map((b) => `· #${b.id} ${who(b)}（${b.platform}:${b.userId}）→ ${b.unit}，${shortDateTime(b.requestedAt)}`),
      '批准：/批准 编号；驳回：/驳回 编号 理由',
    ].join('\n'),
  };
}
