// The part both AI-bot transports share: body → IncomingMessage → the shared inbound pipeline
// (durable inbox, per-chat order, retries, the one apology; src/platforms/pipeline.ts) → reply
// markdown, with a handler that can never take the transport down.
//
// startTurn admits the message to the inbox synchronously, before it returns: the callback
// answers its HTTP request only afterwards, and on the long connection (where the SDK sends no
// ack at all: a frame counts as delivered once it was read) it runs inside the SDK's 'message'
// listener, before that returns. A transport calls `done()` once the answer was handed to WeCom;
// an event left unfinished is redone at start-up by replayTurns.
import { log } from '../../log.ts';
import { APOLOGY, revived, type Pipeline, type StoredMessage, UNSUPPORTED_REPLY } from '../pipeline.ts';
import { normalize, type AibotBody } from './receive.ts';
import { replyMarkdown } from './render.ts';

export { UNSUPPORTED_REPLY };
/** The one apology of every platform. */
export const FAILED_REPLY = APOLOGY;
/** Photos and files from WeCom are not yet taken as 佐证材料 (AI-bot media arrive encrypted; the
 * download and decryption are not built): say so instead of the generic text-only hint. */
export const MEDIA_REPLY = '企业微信暂不支持上传佐证材料（图片、文件），可在飞书补发；这里请发文字消息，如 /进展 28 已完成验收。';
const MEDIA_TYPES = new Set(['image', 'file', 'video']);
export const WELCOME_REPLY = '你好，我是督办助手。可以直接问“谁牵头第28项”，或发送 /帮助 查看命令。';

export type Turn =
  | { kind: 'duplicate' | 'ignored'; msgid?: string }
  | { kind: 'reply'; msgid: string; chatId: string; isDirect: boolean; answer: Promise<string>; done(): void };

export interface ConversationDeps {
  /** the adapter's pipeline (platform 'wecom'), shared by replay and new messages */
  pipeline: Pipeline;
  botName?: string;
  now: () => Date;
}

/** What the inbox keeps of a WeCom message. response_url (one call within 1 h) is kept so an
 * answer lost to a crash in callback mode can still be sent after the restart. */
type WecomJob =
  | { kind: 'message'; msg: StoredMessage; responseUrl?: string }
  | { kind: 'hint'; msgid: string; chatId: string; isDirect: boolean; receivedAt: string; responseUrl?: string; media?: boolean };

function answerOf(job: WecomJob, deps: ConversationDeps): Promise<string> {
  if (job.kind === 'hint') return Promise.resolve(job.media ? MEDIA_REPLY : UNSUPPORTED_REPLY);
  return deps.pipeline
    .answer(revived(job.msg))
    .then(({ reply }) => replyMarkdown(reply))
    .catch((err: unknown) => {
      log.error('wecom reply not rendered', { msgid: job.msg.messageId, err: err instanceof Error ? err.message : String(err) });
      return FAILED_REPLY;
    });
}

/** Starts one turn. `answer` never rejects: a failing handler yields an apology. Throws only
 * when the inbox cannot store the message (the caller must then not acknowledge it). */
export function startTurn(body: AibotBody, deps: ConversationDeps): Turn {
  const n = normalize(body, { botName: deps.botName, now: deps.now });
  if (n.kind === 'invalid') {
    log.warn('wecom message ignored', { reason: n.reason });
    return { kind: 'ignored' };
  }
  const responseUrl = typeof body.response_url === 'string' ? { responseUrl: body.response_url } : {};
  const job: WecomJob =
    n.kind === 'message'
      ? { kind: 'message', msg: { ...n.msg, receivedAt: n.msg.receivedAt.toISOString() }, ...responseUrl }
      : {
          kind: 'hint', msgid: n.messageId, chatId: n.chatId, isDirect: body.chattype !== 'group', receivedAt: deps.now().toISOString(), ...responseUrl,
          ...(n.kind === 'unsupported' && MEDIA_TYPES.has(n.msgtype) ? { media: true } : {}),
        };
  const msgid = n.kind === 'message' ? n.msg.messageId : n.messageId;
  const chatId = n.kind === 'message' ? n.msg.chatId : n.chatId;
  // Per-chat order: this message is answered after the chat's earlier ones.
  const { admitted, result } = deps.pipeline.submit({ eventId: msgid, messageId: msgid, chatId, payload: job }, () => answerOf(job, deps));
  if (!result) {
    log.info('wecom duplicate message skipped', { msgid, state: admitted });
    return { kind: 'duplicate', msgid };
  }
  if (admitted === 'resume') log.info('wecom re-push of an unfinished message; processing it', { msgid });
  return {
    kind: 'reply', msgid, chatId, isDirect: job.kind === 'message' ? job.msg.isDirect : job.isDirect,
    // answerOf never rejects; the queue's own failure (none expected) still yields the apology
    answer: result.catch(() => FAILED_REPLY),
    done: () => deps.pipeline.done(msgid),
  };
}

export interface ReplayTurn {
  msgid: string;
  chatId: string;
  receivedAt: Date;
  responseUrl?: string;
  /** the router's answer (queued in the chat's order when replayTurns was called) */
  answer(): Promise<string>;
  done(): void;
}

/** The messages an earlier run acknowledged and did not finish, in arrival order, claimed and
 * queued at once: each chat answers them before anything that arrives after. */
export function replayTurns(deps: ConversationDeps): ReplayTurn[] {
  return deps.pipeline.unfinished().map((e) => {
    const job = e.payload as WecomJob;
    const answer = deps.pipeline.enqueue(e.chatId, () => answerOf(job, deps)).catch(() => FAILED_REPLY);
    return {
      msgid: e.messageId,
      chatId: e.chatId,
      receivedAt: new Date(job.kind === 'message' ? job.msg.receivedAt : job.receivedAt),
      ...(job.responseUrl ? { responseUrl: job.responseUrl } : {}),
      answer: () => answer,
      done: () => deps.pipeline.done(e.messageId),
    };
  });
}
