// /订阅 — which reminders this group receives (admins set it, anyone may look):
//   /订阅                 list this group's subscriptions
//   /订阅 住建局          reminders and overdue notices of that lead unit
//   /订阅 全部            everything not claimed elsewhere too
//   /订阅 曹陶 | 领导      escalations naming that leader | every escalation (the leaders' group)
//   /退订 住建局 | /退订   drop one subscription | all of this group's
import { audit, commitWrite, refuse, type Ctx } from '../src/commands/context.ts';
import { resolveUnit, suggestUnits } from '../src/progress/access.ts';
import { leadersOf } from '../src/progress/scope.ts';
import { listSubscriptions, subscribe, unsubscribe } from '../src/store/outbox.ts';
import type { WebhookStore } from '../src/platforms/wecom/webhookStore.ts';
import type { OutgoingReply } from '../src/types.ts';
import { formatChatRef } from '../src/refs.ts';
import { formatUserRef } from '../src/refs.ts';

export function groupKeyOf(ctx: Pick<Ctx, 'msg'>): string {
  return formatChatRef(ctx.msg);
}

function scopeLabel(scope: string): string {
  if (scope === 'all') return '全部';
  if (scope === 'leaders') return '领导群（全部逾期督办）';
  const [kind, name] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1)];
  return kind === 'leader' ? `${name}（逾期督办）` : name;
}

/** What the user typed → a subscription scope, or a refusal naming what to type instead. */
export function parseScope(ctx: Ctx, raw: string): string {
  const s = raw.replace(/\s+/g, '');
  if (/^(全部|所有|all)$/i.test(s)) return 'all';
  if (/^(领导|领导群|leaders?)$/i.test(s)) return 'leaders';
  const leader = leadersOf(ctx.tasks).find((p) => p === s || `${p}副市长` === s || `${p}市长` === s);
  if (leader) return `leader:${leader}`;
  const unit = resolveUnit(s, ctx.units);
  if (unit) return `unit:${unit}`;
  const near = suggestUnits(s, ctx.units, 3);
  refuse(`不认识“${s.slice(0, 12)}”。请写牵头单位（如 住建局）、牵头领导（如 曹陶）、“全部”或“领导”。${near.length ? `是不是：${near.join('、')}？` : ''}`);
}

export function handleSubscriptions(ctx: Ctx, webhooks?: WebhookStore): OutgoingReply {
  const group = groupKeyOf(ctx);
  const subs = listSubscriptions(ctx.db, group);
  const lines = subs.length
    ? [`本群订阅的提醒：${subs.map((s) => scopeLabel(s.scope)).join('、')}。`]
    : ['本群还没有订阅提醒。管理员可发送：/订阅 住建局、/订阅 全部、/订阅 领导。'];
  // The id an operator needs for REMIND_DEFAULT_GROUP / REMIND_LEADERS_GROUP in .env.
  lines.push(`本群ID：${group}`);
  if (ctx.msg.platform === 'wecom') {
    lines.push(
      webhooks?.get(ctx.msg.chatId)
        ? '本群已设置推送地址：提醒通过群机器人发出，会真正@联络员。'
        : '本群没有推送地址：提醒由智能机器人发出，联络员名字加粗，不能真正@到人。管理员可发送 /推送地址 <群机器人地址> 设置。',
    );
  }
  return { text: lines.join('\n') };
}

/** Changing subscriptions is admin only: checked by the router (src/commands/specs/subscribe.ts). */
export function handleSubscribe(ctx: Ctx, arg: string, on: boolean, webhooks?: WebhookStore): OutgoingReply {
  if (!arg.trim() && on) return handleSubscriptions(ctx, webhooks);
  if (ctx.msg.isDirect) refuse('订阅是按群设置的，请在要接收提醒的群里发送。');
  const group = groupKeyOf(ctx);
  const scope = arg.trim() ? parseScope(ctx, arg) : null;
  return commitWrite(ctx, () => {
    const before = listSubscriptions(ctx.db, group).map((s) => s.scope);
    let changed: boolean;
    if (on) changed = subscribe(ctx.db, group, scope!, formatUserRef(ctx.msg), ctx.at);
    else changed = unsubscribe(ctx.db, group, scope) > 0;
    const after = listSubscriptions(ctx.db, group).map((s) => s.scope);
    if (changed) audit(ctx, { action: on ? 'subscription.add' : 'subscription.remove', entity: 'subscription', entityId: group, before, after });
    const now = after.length ? after.map(scopeLabel).join('、') : '无';
    if (on) return { text: changed ? `已订阅：${scopeLabel(scope!)}。本群现订阅：${now}。` : `本群已订阅${scopeLabel(scope!)}，无需重复。` };
    return { text: changed ? `已退订${scope ? scopeLabel(scope) : '全部订阅'}。本群现订阅：${now}。` : '本群没有这项订阅。' };
  });
}
