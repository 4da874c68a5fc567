// The part both AI-bot transports share: body → IncomingMessage → router → reply markdown, with
// msgid dedupe and a handler that can never take the transport down.
import { log } from '../../log.ts';
import type { EventDedupe, MessageHandler } from '../types.ts';
import { normalize, type AibotBody } from './receive.ts';
import { replyMarkdown } from './render.ts';

export const UNSUPPORTED_REPLY = '暂时只能看懂文字消息，请直接输入问题或命令（/帮助 查看用法）。';
export const FAILED_REPLY = '抱歉，处理这条消息时出错了，请稍后再试。';
export const WELCOME_REPLY = '你好，我是督办助手。可以直接问“谁牵头第28项”，或发送 /帮助 查看命令。';

export type Turn =
  | { kind: 'duplicate' | 'ignored'; msgid?: string }
  | { kind: 'reply'; msgid: string; chatId: string; isDirect: boolean; answer: Promise<string> };

export interface ConversationDeps {
  handle: MessageHandler;
  dedupe: EventDedupe;
  botName?: string;
  now: () => Date;
}

/** Starts one turn. `answer` never rejects: a failing handler yields an apology. */
export function startTurn(body: AibotBody, deps: ConversationDeps): Turn {
  const n = normalize(body, { botName: deps.botName, now: deps.now });
  if (n.kind === 'invalid') {
    log.warn('wecom message ignored', { reason: n.reason });
    return { kind: 'ignored' };
  }
  const msgid = n.kind === 'message' ? n.msg.messageId : n.messageId;
  if (!deps.dedupe.firstSeen('wecom', msgid)) {
    log.info('wecom duplicate message skipped', { msgid });
    return { kind: 'duplicate', msgid };
  }
  if (n.kind === 'unsupported') {
    return { kind: 'reply', msgid, chatId: n.chatId, isDirect: body.chattype !== 'group', answer: Promise.resolve(UNSUPPORTED_REPLY) };
  }
  const { msg } = n;
  const answer = Promise.resolve()
    .then(() => deps.handle(msg))
    .then(replyMarkdown)
    .catch((err: unknown) => {
      log.error('wecom handler failed', { msgid, err: err instanceof Error ? err.message : String(err) });
      return FAILED_REPLY;
    });
  return { kind: 'reply', msgid, chatId: msg.chatId, isDirect: msg.isDirect, answer };
}
