// Everything the bot posts into WeCom is rendered here, from plain text (GroupMessage.text,
// OutgoingReply.text) that may carry user words: a report, a milestone, a unit or a name. The body
// is escaped first; the only @-mentions are then the ones the bot computed (GroupMessage.mentions
// from bindings, OutgoingReply.mentions), so a liaison typing "<@all>" into a report cannot make
// the reminder @ everyone.
//
// Escaping uses full-width look-alikes (＜ ＞ ［ ］) for what can mention or link: WeCom
// documents no escape for "<@userid>" in text and markdown, and full-width brackets are not
// syntax anywhere while reading the same on a phone.
import type { OutgoingReply } from '../../types.ts';
import type { GroupMessage } from '../types.ts';

/** WeCom userids: letters, digits and "_-@." starting with a letter or digit (so never "@all"). */
export function safeUserId(id: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/.test(id) ? id : undefined;
}

/** msgtype text (group webhook): only "<@userid>" is syntax there. */
export function escapeText(s: string): string {
  return s.replace(/</g, '＜').replace(/>/g, '＞');
}

/** Tags (<@id>, <font>), links and images lose their brackets; nothing else changes. For text
 * that is plain by contract but rendered as markdown, where emphasis would be cosmetic only. */
export function neutralizeMarkup(s: string): string {
  return escapeText(s).replace(/\[/g, '［').replace(/\]/g, '］');
}

/** Markdown (webhook markdown v1, AI-bot markdown) from plain text: markup neutralized, and
 * emphasis, code and headings backslash-escaped so the text reads as typed. */
export function escapeMarkdown(s: string): string {
  return neutralizeMarkup(s)
    .replace(/([\\`*_])/g, '\\$1')
    .replace(/^(\s*)#/gm, '$1\\#');
}

/** The group webhook's text message: escaped body, real @ only through mentioned_list. Links
 * are not live in text messages, but lose their brackets too: the same words read the same on
 * every path. */
// GroupMessage.text marks emphasis as **…** (Feishu cards render it). A webhook *text* message
// (the one type that can really @) shows markup literally, so the markers are dropped there and
// kept as bold in the AI bot's markdown. Emphasis is all they can do: no mention, no link.
const BOLD = /\*\*([^*\n]+?)\*\*/g;

export function webhookText(msg: GroupMessage): { content: string; mentionedList: string[] } {
  const text = msg.text.replace(BOLD, '$1');
  const body = msg.title ? `【${msg.title}】\n${text}` : text;
  const ids = msg.mentions.map((m) => safeUserId(m.userId)).filter((id): id is string => id !== undefined);
  return { content: neutralizeMarkup(body), mentionedList: [...new Set(ids)] };
}

/** The AI bot's proactive markdown: it cannot @, so the people are named in bold on top. */
export function botMarkdown(msg: GroupMessage): string {
  const names = msg.mentions.map((m) => `**${escapeMarkdown(m.name || m.userId)}**`).join(' ');
  const head = msg.title ? `### ${escapeMarkdown(msg.title)}\n` : '';
  return `${head}${names ? names + '\n' : ''}${escapeMarkdown(msg.text).replace(/\\\*\\\*([^*\n]+?)\\\*\\\*/g, '**$1**')}`;
}

/** Markdown for an AI-bot reply (stream or response_url). The AI bot cannot @ anyone;
 * reply.mentions (userids) are named in bold at the top when the text does not already name
 * them. The reply echoes user text (a report, a unit), so its markup is neutralized. */
export function replyMarkdown(reply: OutgoingReply): string {
  const missing = (reply.mentions ?? []).filter((m) => !reply.text.includes(m));
  const text = neutralizeMarkup(reply.text);
  return missing.length ? `${missing.map((m) => `**${escapeMarkdown(m)}**`).join(' ')}\n${text}` : text;
}
