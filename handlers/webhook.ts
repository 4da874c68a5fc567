// /推送地址 — binds this group's 消息推送 (group webhook) to the AI bot's chat, so reminders can
// really @ the liaisons. Admin only; works in a group (the key is stored for msg.chatId).
//   /推送地址 <webhook 地址或 key>   bind or replace
//   /推送地址                        show the current binding (key masked: first 4 + last 4)
//   /推送地址 删除                   remove
// The key is a secret: it is never echoed back in full and never logged. Advise deleting the
// command message from the chat after binding (WeCom lets the sender recall it).
import { maskKey, parseWebhookKey, type WebhookStore } from '../src/platforms/wecom/webhookStore.ts';
import type { IncomingMessage, OutgoingReply } from '../src/types.ts';

export interface PushAddressDeps {
  webhooks: WebhookStore;
  isAdmin: (msg: IncomingMessage) => boolean;
  now: () => Date;
}

const USAGE =
  '用法：/推送地址 <消息推送的 webhook 地址>（在群设置 → 消息推送 中复制，形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…）；/推送地址 查看当前绑定；/推送地址 删除 解除绑定。';

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
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
