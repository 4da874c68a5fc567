// One router for every platform: slash commands to their handlers, everything else is a
// question. A handler that throws never takes the bot down; the sender gets a short apology.
import { handleAsk } from '../handlers/ask.ts';
import { handleHelp } from '../handlers/help.ts';
import type { AnswerContext } from './answer/context.ts';
import { log } from './log.ts';
import type { IncomingMessage, OutgoingReply } from './types.ts';

export interface RouterDeps {
  knowledge: AnswerContext;
}

export const MAX_MESSAGE_CHARS = 2000;

export function isCommand(text: string): boolean {
  return /^[/／]/.test(text.trim());
}

export async function route(msg: IncomingMessage, deps: RouterDeps): Promise<OutgoingReply> {
  try {
    const text = msg.text.trim();
    if (text.length > MAX_MESSAGE_CHARS) {
      log.warn('message too long', { platform: msg.platform, chat: msg.chatId, chars: text.length });
      return { text: `消息太长（${text.length}字），请精简到${MAX_MESSAGE_CHARS}字以内再发。` };
    }
    if (isCommand(text)) {
      const name = text.slice(1).split(/\s+/)[0] ?? '';
      if (/^(帮助|help|h|\?)$/i.test(name)) return handleHelp();
      return { text: `不认识的命令“/${name.slice(0, 20)}”。发送 /帮助 查看可用命令，或直接提问。` };
    }
    return handleAsk({ ...msg, text }, deps.knowledge);
  } catch (err) {
    log.error('handler failed', { platform: msg.platform, chat: msg.chatId, err: String(err) });
    return { text: '抱歉，处理这条消息时出错了，已记录。请稍后再试。' };
  }
}
