// The part both AI-bot transports share: body → IncomingMessage → the shared inbound pipeline
// (durable inbox, per-chat order, retries, the one apology; src/platforms/pipeline.ts) → reply
// markdown, with a handler that can never take the transport down.
//
// startTurn admits the message to the inbox synchronously, before it returns: the callback
// answers its HTTP request only afterwards, and on the long connection (where the SDK sends no
// ack at all: a frame counts as delivered once it was read) it runs inside the SDK's 'message'
// listener, before that returns. A transport calls `done()` once the answer was handed to WeCom;
// an event left unfinished is redone at start-up by replayTurns.
import type { IncomingFile } from '../../evidence/attach.ts';
import { log } from '../../log.ts';
import { APOLOGY, revived, type Pipeline, type StoredMessage, UNSUPPORTED_REPLY } from '../pipeline.ts';
import { DECRYPT_FAILED_REPLY, DOWNLOAD_FAILED_REPLY, fetchMedia, MediaDecryptError, mediaKey, mediaOf, mixedImagesOf, type DownloadOptions, type WecomMedia } from './media.ts';
import { NO_REPORT_REPLY } from '../../evidence/policy.ts';
import { normalize, type AibotBody } from './receive.ts';
import { replyMarkdown } from './render.ts';

export { UNSUPPORTED_REPLY };
/** The one apology of every platform. */
export const FAILED_REPLY = APOLOGY;
/** Photos and files when the bot runs without an evidence store (no 佐证材料 to keep them in):
 * say so instead of the generic text-only hint. */
export const MEDIA_REPLY = '这里暂不保存图片、文件；请发文字消息，如 /进展 28 已完成验收。';
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
  /** photos and files as 佐证材料 (src/evidence/attach.ts); without it they get MEDIA_REPLY */
  evidence?: (file: IncomingFile) => Promise<string>;
  /** callback mode: the EncodingAESKey, which also encrypts media (the long connection sends a
   * key per URL instead) */
  encodingAesKey?: string;
  media?: DownloadOptions;
}

/** What the inbox keeps of a WeCom message. response_url (one call within 1 h) is kept so an
 * answer lost to a crash in callback mode can still be sent after the restart. A media job (and
 * a message's `images`, from a 图文混排) keeps the URL and, on the long connection, its per-URL
 * aeskey: both are useless after the URL's 5 minutes, and a replay within them needs them. */
type WecomJob =
  | { kind: 'message'; msg: StoredMessage; responseUrl?: string; images?: WecomMedia[] }
  | { kind: 'media'; msgid: string; chatId: string; userId: string; isDirect: boolean; receivedAt: string; responseUrl?: string; media: WecomMedia }
  | { kind: 'hint'; msgid: string; chatId: string; isDirect: boolean; receivedAt: string; responseUrl?: string; media?: boolean };

interface MediaFile {
  msgid: string;
  chatId: string;
  userId: string;
  isDirect: boolean;
  at: Date;
  media: WecomMedia;
}

/** One photo or file → the evidence path: its reply ('' for a stranger's photo in a group), or
 * the reply saying why it was not saved. */
async function saveMedia(f: MediaFile, deps: ConversationDeps): Promise<string> {
  if (!deps.evidence) return MEDIA_REPLY;
  try {
    return await deps.evidence({
      platform: 'wecom', chatId: f.chatId, userId: f.userId, messageId: f.msgid, kind: f.media.kind, isDirect: f.isDirect, at: f.at,
      download: (maxBytes) => fetchMedia(f.media, mediaKey(f.media.aeskey, deps.encodingAesKey), maxBytes, deps.media),
    });
  } catch (err) {
    const decrypt = err instanceof MediaDecryptError;
    log.error('wecom: evidence not saved', { msgid: f.msgid, err: err instanceof Error ? err.message : String(err) });
    return decrypt ? DECRYPT_FAILED_REPLY : DOWNLOAD_FAILED_REPLY;
  }
}

/** A photo or file message. The answer is final even when the download failed: a replay would
 * fail the same way (the URL lives 5 minutes). */
async function mediaAnswer(job: Extract<WecomJob, { kind: 'media' }>, deps: ConversationDeps): Promise<string> {
  const r = await saveMedia({ ...job, at: new Date(job.receivedAt) }, deps);
  // '' = a stranger's photo in a group; WeCom needs some answer to its stream, so the same hint
  return r || UNSUPPORTED_REPLY;
}

/** The photos of a 图文混排 message, after its text was answered (so a /进展 in the same message
 * is the report they attach to). Each is its own evidence row (`<msgid>#<i>`); the reply gets
 * the last count and any refusal, never the "send /进展 first" hint (the text was the point). */
async function imagesNote(job: Extract<WecomJob, { kind: 'message' }>, deps: ConversationDeps): Promise<string> {
  const m = job.msg;
  const notes: string[] = [];
  let attached = '';
  let noReport = false;
  for (const [i, media] of (job.images ?? []).entries()) {
    const r = await saveMedia({ msgid: `${m.messageId}#${i}`, chatId: m.chatId, userId: m.userId, isDirect: m.isDirect, at: deps.now(), media }, deps);
    if (r.startsWith('已附')) attached = r;
    else if (r === NO_REPORT_REPLY) noReport = true;
    else if (r && r !== MEDIA_REPLY && !notes.includes(r)) notes.push(r);
  }
  const note = [attached, ...notes].filter(Boolean).join('\n');
  // photos with nothing typed (only the @, or a quote): the photos were the point, say why not
  return note || (isPhotosOnly(job) && noReport ? NO_REPORT_REPLY : '');
}

/** A 图文混排 whose own words are empty (the @ alone, or a quoted message standing in for them):
 * nothing for the router, only photos. */
const isPhotosOnly = (job: Extract<WecomJob, { kind: 'message' }>) => !!job.images?.length && (!job.msg.text.trim() || !!job.msg.textIsQuote);

function answerOf(job: WecomJob, deps: ConversationDeps): Promise<string> {
  if (job.kind === 'hint') return Promise.resolve(job.media ? MEDIA_REPLY : UNSUPPORTED_REPLY);
  if (job.kind === 'media') return mediaAnswer(job, deps);
  if (isPhotosOnly(job)) return imagesNote(job, deps).then((note) => note || UNSUPPORTED_REPLY);
  return deps.pipeline
    .answer(revived(job.msg))
    .then(async ({ reply }) => {
      const text = replyMarkdown(reply);
      const note = job.images?.length ? await imagesNote(job, deps) : '';
      return note ? `${text}\n\n${note}` : text;
    })
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
  const media = n.kind === 'unsupported' && deps.evidence ? mediaOf(body) : undefined;
  const images = n.kind === 'message' && deps.evidence ? mixedImagesOf(body) : [];
  const job: WecomJob =
    n.kind === 'message'
      ? { kind: 'message', msg: { ...n.msg, receivedAt: n.msg.receivedAt.toISOString() }, ...responseUrl, ...(images.length ? { images } : {}) }
      : media && n.kind === 'unsupported'
      ? { kind: 'media', msgid: n.messageId, chatId: n.chatId, userId: n.userId, isDirect: body.chattype !== 'group', receivedAt: deps.now().toISOString(), ...responseUrl, media }
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
