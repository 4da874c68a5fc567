// AI-bot message bodies (identical in the long connection and, decrypted, in callback mode) →
// IncomingMessage; reply content fitted into 20,480-byte streams (rendering: render.ts).
//
// Normalisation rules:
// - group = `chatid`, direct chat = `from.userid` (single chats carry no chatid); userName is the
//   userid (the AI bot is not told display names).
// - the `@机器人名` is stripped: the configured bot name (first occurrence) when known, else the
//   leading `@token` of a group message (group messages only reach the bot when they @ it, and WeCom puts
//   the literal "@BotName" where the user typed it, normally first).
// - `quote` (the user replied to / quoted another message): the quoted text is context, appended
//   to a question as a last paragraph `引用：<quoted text>` (≤ 500 chars). A command (text starting
//   with / or ／) is left exactly as typed so its arguments still parse. When the user sent only
//   the @ (empty text) the quoted text becomes the question, marked `textIsQuote` so the router
//   never runs it as a command (quoted text is somebody else's words).
// - `mixed` (图文混排): the text items joined by newlines; `voice`: WeCom's transcription.
// - other types (image, file, video) and events are not messages for the router.
import { z } from 'zod';
import type { IncomingMessage } from '../../types.ts';
import { splitByBytes, truncateBytes, utf8Bytes } from './split.ts';

export const STREAM_MAX_BYTES = 20_480;
export const QUOTE_MAX_CHARS = 500;

export interface AibotText {
  content?: string;
}
export interface AibotBody {
  msgid?: string;
  aibotid?: string;
  chatid?: string;
  chattype?: 'single' | 'group' | string;
  from?: { userid?: string; corpid?: string };
  response_url?: string;
  create_time?: number;
  msgtype?: string;
  text?: AibotText;
  voice?: { content?: string };
  mixed?: { msg_item?: { msgtype?: string; text?: AibotText }[] };
  quote?: AibotQuote;
  stream?: { id?: string };
  event?: { eventtype?: string; [k: string]: unknown };
  [k: string]: unknown;
}
export interface AibotQuote {
  msgtype?: string;
  text?: AibotText;
  voice?: { content?: string };
  mixed?: { msg_item?: { msgtype?: string; text?: AibotText }[] };
}

// The fields we read, typed as published (wecom.md §1.2: DOC 100719 接收消息, DOC 101027 events);
// loose objects: WeCom adds fields (aeskey, image urls, feedback…).
const optStr = z.string().optional();
const textSchema = z.looseObject({ content: optStr });
const mixedSchema = z.looseObject({ msg_item: z.array(z.looseObject({ msgtype: optStr, text: textSchema.optional() })).optional() });
const quoteSchema = z.looseObject({ msgtype: optStr, text: textSchema.optional(), voice: textSchema.optional(), mixed: mixedSchema.optional() });
export const aibotBodySchema = z.looseObject({
  msgid: optStr,
  aibotid: optStr,
  chatid: optStr,
  chattype: optStr,
  from: z.looseObject({ userid: optStr, corpid: optStr }).optional(),
  response_url: optStr,
  create_time: z.union([z.number(), z.string()]).optional(),
  msgtype: optStr,
  text: textSchema.optional(),
  voice: textSchema.optional(),
  mixed: mixedSchema.optional(),
  quote: quoteSchema.optional(),
  stream: z.looseObject({ id: optStr }).optional(),
  event: z.looseObject({ eventtype: optStr }).optional(),
});

/** The body, or undefined when it is not an object or a field we read has the wrong type. */
export function parseAibotBody(data: unknown): AibotBody | undefined {
  const r = aibotBodySchema.safeParse(data);
  return r.success ? (r.data as AibotBody) : undefined;
}

export type Normalized =
  | { kind: 'message'; msg: IncomingMessage }
  | { kind: 'unsupported'; msgtype: string; chatId: string; userId: string; messageId: string }
  | { kind: 'invalid'; reason: string };

// Signed does not mean well-formed: a field of the wrong type reads as no text, never a throw.
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

function textOf(b: { msgtype?: string; text?: AibotText; voice?: { content?: string }; mixed?: AibotBody['mixed'] }): string | undefined {
  switch (b.msgtype) {
    case 'text':
      return str(b.text?.content);
    case 'voice':
      return str(b.voice?.content);
    case 'mixed': {
      const items: unknown = b.mixed?.msg_item;
      return (Array.isArray(items) ? (items as { msgtype?: unknown; text?: { content?: unknown } }[]) : [])
        .filter((i) => i?.msgtype === 'text')
        .map((i) => str(i.text?.content))
        .join('\n');
    }
    default:
      return undefined;
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Removes the leading @BotName (and whitespace around it). */
export function stripBotMention(text: string, isGroup: boolean, botName?: string): string {
  const t = text.replace(/^[\s\u00a0\u2005]+/, '');
  if (botName) {
    // known name: the first "@BotName" wherever the user put it; nothing else is touched
    const re = new RegExp(`(^|[\\s\\u00a0\\u2005])@${escapeRe(botName)}(?:[\\s\\u00a0\\u2005]+|$)`);
    return t.replace(re, '$1').trim();
  }
  if (!isGroup) return t.trim();
  // unknown bot name: drop the first @token (WeCom separates a mention with a space or U+2005)
  return t.replace(/^@[^\s\u00a0\u2005]+(?:[\s\u00a0\u2005]+|$)/, '').trim();
}

export function normalize(data: unknown, opts: { botName?: string; now: () => Date }): Normalized {
  // Both transports end here (the long connection hands the SDK's frame body over unchecked).
  const body = parseAibotBody(data);
  if (!body) return { kind: 'invalid', reason: 'body does not match the AI-bot message shape' };
  const msgid = body.msgid;
  const userId = body.from?.userid;
  if (!msgid || !userId || !body.msgtype) return { kind: 'invalid', reason: 'missing msgid, from.userid or msgtype' };
  const isGroup = body.chattype === 'group';
  const chatId = isGroup ? str(body.chatid) : userId;
  if (!chatId) return { kind: 'invalid', reason: 'group message without chatid' };
  const raw = textOf(body);
  if (raw === undefined) return { kind: 'unsupported', msgtype: str(body.msgtype), chatId, userId, messageId: msgid };
  let text = stripBotMention(raw, isGroup, opts.botName);
  let textIsQuote = false;
  const quoted = body.quote && typeof body.quote === 'object' ? (textOf(body.quote) ?? '').trim() : '';
  if (quoted) {
    const q = [...quoted].length > QUOTE_MAX_CHARS ? [...quoted].slice(0, QUOTE_MAX_CHARS).join('') + '…' : quoted;
    if (!text) (text = q), (textIsQuote = true);
    else if (!/^[/／]/.test(text)) text = `${text}\n\n引用：${q}`;
  }
  return {
    kind: 'message',
    msg: {
      platform: 'wecom',
      messageId: msgid,
      chatId,
      isDirect: !isGroup,
      userId,
      userName: userId,
      text,
      receivedAt: opts.now(),
      ...(textIsQuote ? { textIsQuote } : {}),
    },
  };
}

const OVERFLOW_NOTE = '\n\n……（内容较长，其余部分见后续消息）';
const TRUNCATED_NOTE = '\n\n……（内容过长，已截断）';

/** Fits a reply into one stream (≤ 20,480 bytes). `first` is the stream content; `rest` are
 * further markdown messages (≤ 20,480 bytes each) for channels that can post them
 * (aibot_send_msg in long-connection mode). With `allowRest: false` the text is truncated with
 * a note instead (callback mode: one stream, one response_url). */
export function fitStream(text: string, allowRest: boolean, max = STREAM_MAX_BYTES): { first: string; rest: string[] } {
  if (utf8Bytes(text) <= max) return { first: text, rest: [] };
  if (!allowRest) {
    const head = splitByBytes(text, max - utf8Bytes(TRUNCATED_NOTE))[0] ?? '';
    return { first: head + TRUNCATED_NOTE, rest: [] };
  }
  const parts = splitByBytes(text, max - utf8Bytes(OVERFLOW_NOTE));
  const [first = '', ...rest] = parts;
  return { first: first + OVERFLOW_NOTE, rest: rest.map((p) => truncateBytes(p, max)) };
}
