// im.message.receive_v1 → IncomingMessage. Pure: no I/O, so every rule here is unit-tested.
// Groups: only when the bot itself is @-ed (mentions[].id.open_id equals the bot's open_id from
// bot/v3/info — never its display name). Direct chats: always. Text and post content.
import { z } from 'zod';
import type { IncomingMessage } from '../../types.ts';

export interface FeishuMention {
  key?: string;
  id?: { open_id?: string | null; user_id?: string | null; union_id?: string | null };
  name?: string;
  mentioned_type?: string;
}

/** The handler argument the SDK's EventDispatcher builds (header and event flattened). */
export interface FeishuMessageEvent {
  event_id?: string;
  create_time?: string;
  token?: string;
  sender?: { sender_id?: { open_id?: string; user_id?: string | null; union_id?: string }; sender_type?: string };
  message?: {
    message_id?: string;
    parent_id?: string;
    chat_id?: string;
    chat_type?: string;
    message_type?: string;
    content?: string;
    create_time?: string;
    mentions?: FeishuMention[];
  };
}

// The fields we read, typed as the published shape (docs/reference feishu.md §3.1, §1.5); loose
// objects because Feishu adds fields, and `user_id` is null without the user-ID scope.
const optStr = z.string().optional();
const idSchema = z.looseObject({ open_id: z.string().nullish(), user_id: z.string().nullish(), union_id: z.string().nullish() });
const mentionSchema = z.looseObject({ key: optStr, id: idSchema.optional(), name: optStr, mentioned_type: optStr });
export const messageEventSchema = z.looseObject({
  event_id: optStr,
  create_time: optStr,
  token: optStr,
  sender: z.looseObject({ sender_id: idSchema.optional(), sender_type: optStr }).optional(),
  message: z
    .looseObject({
      message_id: optStr,
      parent_id: optStr,
      chat_id: optStr,
      chat_type: optStr,
      message_type: optStr,
      content: optStr,
      create_time: optStr,
      mentions: z.array(mentionSchema).nullish(),
    })
    .optional(),
});

/** card.action.trigger as the SDK hands it over (header and event flattened). `action` is
 * parsed on its own by parseProgressAction; ids are under `context`, older payloads had them top-level. */
export const cardEventSchema = z.looseObject({
  event_id: optStr,
  open_message_id: optStr,
  open_chat_id: optStr,
  operator: z.looseObject({ open_id: optStr }).optional(),
  context: z.looseObject({ open_message_id: optStr, open_chat_id: optStr }).optional(),
  action: z.unknown().optional(),
});

/** The message event, or undefined when a field we read has the wrong type. */
export function parseMessageEvent(data: unknown): FeishuMessageEvent | undefined {
  const r = messageEventSchema.safeParse(data);
  return r.success ? (r.data as FeishuMessageEvent) : undefined;
}

export type Normalized =
  | { ok: true; msg: IncomingMessage }
  | { ok: false; reason: 'malformed' | 'not-user' | 'not-mentioned' | 'unsupported-type' | 'empty' };

interface PostNode {
  tag?: string;
  text?: string;
  href?: string;
  user_id?: string;
  user_name?: string;
}

/** Flattens post content (`{title, content: [[node]]}`, possibly under a locale key). */
export function postText(content: unknown, renderAt: (key: string, name?: string) => string): string {
  if (!content || typeof content !== 'object') return '';
  let post = content as { title?: string; content?: unknown };
  if (!Array.isArray(post.content)) {
    const locale = Object.values(content as Record<string, unknown>).find((v) => v && typeof v === 'object' && Array.isArray((v as { content?: unknown }).content));
    if (!locale) return '';
    post = locale as { title?: string; content?: unknown };
  }
  const lines = (post.content as unknown[]).map((para) =>
    Array.isArray(para)
      ? (para as PostNode[])
          .map((n) => {
            if (n.tag === 'text' || n.tag === 'a' || n.tag === 'code_block') return n.text ?? '';
            if (n.tag === 'at') return renderAt(n.user_id ?? '', n.user_name);
            if (n.tag === 'emotion') return '';
            return '';
          })
          .join('')
      : '',
  );
  return [post.title ?? '', ...lines].filter((l) => l.trim() !== '').join('\n');
}

export function normalizeMessage(data: unknown, botOpenId: string, receivedAt: Date): Normalized {
  const ev = parseMessageEvent(data);
  if (!ev) return { ok: false, reason: 'malformed' };
  const m = ev.message;
  if (!m?.message_id || !m.chat_id) return { ok: false, reason: 'malformed' };
  if (ev.sender?.sender_type && ev.sender.sender_type !== 'user') return { ok: false, reason: 'not-user' };
  const isDirect = m.chat_type === 'p2p';
  const mentions = m.mentions ?? [];
  const botMention = mentions.filter((x) => x.id?.open_id === botOpenId);
  if (!isDirect && botMention.length === 0) return { ok: false, reason: 'not-mentioned' };
  const botKeys = new Set(botMention.map((x) => x.key).filter((k): k is string => !!k));
  const byKey = new Map(mentions.filter((x) => x.key).map((x) => [x.key!, x]));
  const renderAt = (key: string, name?: string): string => {
    if (botKeys.has(key)) return '';
    if (key === '@_all' || key === 'all') return '@所有人';
    const who = byKey.get(key);
    return `@${who?.name ?? name ?? ''}`;
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(m.content ?? '{}');
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  let text: string;
  if (m.message_type === 'text') {
    const raw = String((parsed as { text?: unknown }).text ?? '');
    // Placeholders are @_user_N (and @_all); replace longest keys first so @_user_1 never eats @_user_10.
    text = raw.replace(/@_user_\d+|@_all/g, (k) => (byKey.has(k) || k === '@_all' ? renderAt(k) : k));
  } else if (m.message_type === 'post') {
    text = postText(parsed, renderAt);
  } else {
    return { ok: false, reason: 'unsupported-type' };
  }
  text = text.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').trim();
  if (!text) return { ok: false, reason: 'empty' };
  const others = mentions
    .filter((x) => x.id?.open_id && x.id.open_id !== botOpenId && x.key !== '@_all')
    .map((x) => ({ userId: x.id!.open_id!, name: x.name ?? '' }));
  const userId = ev.sender?.sender_id?.open_id ?? '';
  return {
    ok: true,
    msg: {
      platform: 'feishu',
      messageId: m.message_id,
      chatId: m.chat_id,
      isDirect,
      userId,
      // The event carries no sender name; contact lookup needs an extra scope. The open_id is a
      // stable stand-in that the router's user table can later map to a name.
      userName: userId,
      text,
      receivedAt,
      ...(others.length ? { mentions: others } : {}),
    },
  };
}

/** An image or file message: what is needed to fetch it (message resources) and to link it. */
export interface FeishuFileMessage {
  messageId: string;
  chatId: string;
  userId: string;
  isDirect: boolean;
  kind: 'image' | 'file';
  /** image_key or file_key */
  key: string;
  fileName?: string;
  /** parent_id: the message this one replies to */
  replyTo?: string;
}

const imageContent = z.looseObject({ image_key: z.string().min(1) });
const fileContent = z.looseObject({ file_key: z.string().min(1), file_name: z.string().optional() });

/** image/file messages from a user, or undefined (any other type, malformed, a bot). No @ is
 * required in a group: a photo cannot carry one, and the bot receives group messages without
 * an @ only when the app was given that permission (im:message.group_msg). */
export function fileMessage(data: unknown): FeishuFileMessage | undefined {
  const ev = parseMessageEvent(data);
  const m = ev?.message;
  if (!m?.message_id || !m.chat_id || (m.message_type !== 'image' && m.message_type !== 'file')) return undefined;
  if (ev?.sender?.sender_type && ev.sender.sender_type !== 'user') return undefined;
  const userId = ev?.sender?.sender_id?.open_id;
  if (!userId) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(m.content ?? '{}');
  } catch {
    return undefined;
  }
  const base = { messageId: m.message_id, chatId: m.chat_id, userId, isDirect: m.chat_type === 'p2p', ...(m.parent_id ? { replyTo: m.parent_id } : {}) };
  if (m.message_type === 'image') {
    const c = imageContent.safeParse(parsed);
    return c.success ? { ...base, kind: 'image', key: c.data.image_key } : undefined;
  }
  const c = fileContent.safeParse(parsed);
  return c.success ? { ...base, kind: 'file', key: c.data.file_key, ...(c.data.file_name ? { fileName: c.data.file_name } : {}) } : undefined;
}
