// /推送地址 — contributed to the command registry by the WeCom folder. Binds this group's 消息推送 (group webhook) to the AI bot's chat, so reminders can
// really @ the liaisons. Admin only; works in a group (the key is stored for msg.chatId).
//   /推送地址 <webhook 地址或 key>   bind or replace
//   /推送地址                        show the current binding (key masked: first 4 + last 4)
//   /推送地址 删除                   remove
// The key is a secret: it is never echoed back in full and never logged. Advise deleting the
// command message from the chat after binding (WeCom lets the sender recall it).
import { defineCommand } from '../../commands/spec.ts';
import { TZ_OFFSET_MINUTES } from '../../progress/time.ts';
import { appendAudit } from '../../store/audit.ts';
import type { IncomingMessage, OutgoingReply } from '../../types.ts';
import { maskKey, parseWebhookKey, type WebhookStore } from './webhookStore.ts';

export interface PushAddressDeps {
  webhooks: WebhookStore;
  isAdmin: (msg: IncomingMessage) => boolean;
  now: () => Date;
}

const USAGE =
  '用法：/推送地址 <消息推送的 webhook 地址>（在群设置 → 消息推送 中复制，形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…）；/推送地址 查看当前绑定；/推送地址 删除 解除绑定。';

/** yyyy-mm-dd hh:mm on China's clock (Asia/Shanghai, UTC+8), whatever zone the server runs in:
 * the admins reading it are in China, the server often runs in UTC. */
export function stamp(d: Date): string {
  return new Date(d.getTime() + TZ_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Argument after the command word; the router may pass the raw text. */
function argumentOf(text: string): string {
  return text.trim().replace(/^[/／]\s*推送地址/, '').trim();
}

export function handlePushAddress(msg: IncomingMessage, deps: PushAddressDeps): OutgoingReply {
  if (msg.platform !== 'wecom') return { text: '推送地址只用于企业微信群（消息推送 webhook）。' };
  if (!deps.isAdmin(msg)) return { text: '只有管理员可以设置推送地址。' };
  if (msg.isDirect) return { text: '请在要接收提醒的群里发送 /推送地址（推送地址按群绑定）。' };
  const arg = argumentOf(msg.text);
  const current = deps.webhooks.get(msg.chatId);
  if (!arg || arg === '查看') {
    if (!current) return { text: `本群还没有绑定推送地址，提醒将由机器人发送（名字加粗，不能真正 @ 到人）。\n${USAGE}` };
    return { text: `本群推送地址：${maskKey(current.key)}（${current.setBy} 于 ${stamp(current.setAt)} 设置）。提醒会通过它发送并 @ 联络员。` };
  }
  if (arg === '删除' || arg === '解除' || arg === '取消') {
    if (!current) return { text: '本群没有绑定推送地址，无需删除。' };
    deps.webhooks.remove(msg.chatId);
    return { text: `已删除本群推送地址（${maskKey(current.key)}）。之后的提醒由机器人发送，不能真正 @ 到人。` };
  }
  const key = parseWebhookKey(arg);
  if (!key)
    return {
      text: `没认出推送地址“${arg.length > 12 ? maskKey(arg) : arg}”。${USAGE}`,
    };
  deps.webhooks.set(msg.chatId, key, msg.userId, deps.now());
  const replaced = current && current.key !== key ? `（替换了原来的 ${maskKey(current.key)}）` : '';
  return {
    text: `已绑定本群推送地址：${maskKey(key)}${replaced}。节点提醒将通过它发送并 @ 联络员。推送地址等同密码，建议撤回刚才那条消息。`,
  };
}

/** The spec the router runs. Setting or removing the key, its (masked) audit row and the
 * processed-message row commit in one transaction (the router's write rule). */
export const pushAddressCmd = defineCommand<{ arg: string }>({
  id: 'push-address',
  names: ['推送地址', 'webhook'],
  match: 'word',
  help: { section: 'platform', order: 10, text: '企业微信群：/推送地址 <群机器人地址> — 让提醒能真正@到联络员' },
  doc: '企业微信群：督查室绑定群机器人（消息推送）地址，提醒才能真正 @ 到联络员；`/推送地址 删除` 解除',
  access: { who: 'admin', refusal: '只有管理员可以设置推送地址。' },
  writes: (a) => a.arg.trim() !== '' && a.arg.trim() !== '查看',
  needs: ['webhooks', 'db'],
  offReply: { webhooks: '推送地址只用于企业微信群，当前没有启用企业微信。', db: '推送地址只用于企业微信群，当前没有启用企业微信。' },
  platforms: { only: ['wecom'], refusal: '推送地址只用于企业微信群（消息推送 webhook）。' },
  parse: (rest) => ({ ok: true, args: { arg: rest.o } }),
  run: (c, a) => {
    const { msg, services, instant } = c;
    const webhooks = services.webhooks!;
    const before = webhooks.get(msg.chatId);
    const reply = handlePushAddress({ ...msg, text: `/推送地址 ${a.arg}` }, { webhooks, isAdmin: () => true, now: () => instant });
    const after = webhooks.get(msg.chatId);
    if (before?.key !== after?.key)
      appendAudit(services.db!, {
        at: instant.toISOString(), platform: msg.platform, userId: msg.userId, userName: msg.userName, chatId: msg.chatId,
        messageId: msg.messageId, action: after ? 'webhook.set' : 'webhook.remove', entity: 'webhook', entityId: msg.chatId,
        // The key is a secret: the audit keeps only its masked form.
        before: before ? maskKey(before.key) : null, after: after ? maskKey(after.key) : null,
      });
    return reply;
  },
});
