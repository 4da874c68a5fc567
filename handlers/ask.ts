// Questions in plain language → answer engine. The knowledge context is built once and shared.
import { answer } from '../src/answer/answer.ts';
import type { AnswerContext } from '../src/answer/context.ts';
import { log } from '../src/log.ts';
import type { IncomingMessage, OutgoingReply } from '../src/types.ts';

export function handleAsk(msg: IncomingMessage, ctx: AnswerContext): OutgoingReply {
  const a = answer(msg.text, ctx);
  log.info('ask', { platform: msg.platform, chat: msg.chatId, found: a.found, chars: msg.text.length });
  return { text: a.text };
}
