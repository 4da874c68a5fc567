// The Feishu platform adapter. Events (long connection or webhook) are stored in the durable
// inbox before they are acknowledged, then processed asynchronously: normalize, run through the
// router (`handle`) in per-chat order, reply with message.reply, mark done. Unfinished events
// are processed again at start-up (in arrival order, before new events). Card clicks become the
// equivalent `/进展` command and update the card in place within the 3 s budget.
import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import type { HttpServer } from '../../http/server.ts';
import { log } from '../../log.ts';
import type { Inbox } from '../../store/inbox.ts';
import { isFallbackName, type NameBook } from '../../store/users.ts';
import { APOLOGY, createPipeline, revived, stored, UNSUPPORTED_REPLY, within, type StoredMessage } from '../pipeline.ts';
import type { IncomingMessage, OutgoingReply } from '../../types.ts';
import type { GroupMessage, MessageHandler, PartProgress, PlatformAdapter, SendResult } from '../types.ts';
import { parseCommandAction, parseProgressAction, progressCard, progressCommand, renderMessage, type ProgressCardInput, type Rendered } from './cards.ts';
import { CODE_MISSING_SCOPE, FeishuApi, FeishuApiError, sdkLogger, TOKEN_INVALID_CODES, type FeishuApiOptions } from './client.ts';
import type { FeishuConfig } from './config.ts';
import { cardEventSchema, fileMessage, normalizeMessage, parseMessageEvent, type FeishuFileMessage, type FeishuMessageEvent } from './receive.ts';
import { TooBigError, type IncomingFile } from '../../evidence/attach.ts';
import { createWebhookHandler } from './webhook.ts';
import { startLongConnection, type LongConnection } from './ws.ts';

export const WEBHOOK_PATH = '/feishu/events';
/** Card callbacks must be answered within 3 s; leave room for the network. */
export const CARD_DEADLINE_MS = 2500;
export { UNSUPPORTED_REPLY };

export interface FeishuAdapterDeps {
  config: FeishuConfig;
  handle: MessageHandler;
  /** Durable inbox: events are admitted here before the ack (src/store/inbox.ts). */
  inbox: Inbox;
  http?: HttpServer;
  now?: () => Date;
  /** Tuning for tests: timeouts, limits, backoff. */
  api?: FeishuApiOptions;
  ws?: { pingTimeoutSec?: number; handshakeTimeoutMs?: number; readyWaitMs?: number };
  /** Where display names outlive the process: the users table (src/store/users.ts nameBook).
   * Without it names are kept in memory only. */
  nameBook?: NameBook;
  /** Display-name lookups (contact API): cache age and how long a message waits for one. */
  names?: { maxAgeMs?: number; timeoutMs?: number };
  /** Start-up retries (see status()); tests shorten them. */
  retry?: { baseMs?: number; maxMs?: number; authMs?: number };
  cardDeadlineMs?: number;
  /** Photos and files as 佐证材料 (src/evidence/attach.ts): the reply to send. Without it an
   * image or file gets the "text only" hint as before. */
  evidence?: (file: IncomingFile) => Promise<string>;
}

export interface FeishuAdapter extends PlatformAdapter {
  /** Posts a progress card (reminders): buttons 正常推进/滞后/已完成/需协调 and a note field. */
  sendProgressCard(chatId: string, card: ProgressCardInput, idempotencyKey: string): Promise<SendResult>;
  /** The SDK dispatcher both transports feed (exposed for tests and diagnostics). */
  readonly dispatcher: lark.EventDispatcher;
  readonly api: FeishuApi;
  botOpenId(): string | undefined;
  connectionStatus(): string;
  /** Resolves when every queued message has been processed. */
  idle(): Promise<void>;
  /** Processes the inbox's unfinished events (done by start(); exposed for tests). */
  replay(): number;
  /** Looks up the names of people still shown by their open_id (started once the app is
   * accepted; exposed for tests): resolves to how many were named. */
  backfillNames(): Promise<number>;
}

/** A refusal that waiting will not cure (wrong secret, long connection not enabled). */
class PermanentError extends Error {}

/** Feishu's uuid is at most 50 chars; longer keys are hashed (stable). */
export function uuidFor(key: string): string {
  return key.length <= 50 ? key : `h${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** What the inbox stores for an event: the normalised job, enough to redo it after a crash. */
type FeishuJob =
  | { kind: 'message'; msg: StoredMessage }
  | { kind: 'hint'; messageId: string; chatId: string }
  | { kind: 'file'; file: FeishuFileMessage; receivedAt: string }
  | { kind: 'card'; msg: StoredMessage; taskId: string; title: string; cardMessageId: string }
  // a button that stands for a command (签收 on a 批示 post): the reply goes under that card
  | { kind: 'command'; msg: StoredMessage; cardMessageId: string };


interface CardEvent {
  event_id?: string;
  operator?: { open_id?: string };
  action?: unknown;
  context?: { open_message_id?: string; open_chat_id?: string };
  open_message_id?: string;
  open_chat_id?: string;
}

export function createFeishuAdapter(deps: FeishuAdapterDeps): FeishuAdapter {
  const { config, handle, inbox } = deps;
  const now = deps.now ?? (() => new Date());
  const api = new FeishuApi(config, deps.api);
  const cardDeadline = deps.cardDeadlineMs ?? CARD_DEADLINE_MS;
  let botOpenId: string | undefined;
  let conn: LongConnection | undefined;
  // Inbox, per-chat order, retries and the apology: the shared pipeline. The sender's display
  // name is put on each message just before the router sees it.
  const pipeline = createPipeline({ platform: 'feishu', handle, inbox, prepare: (m) => withName(m) });

  async function deliver(parts: Rendered[], send: (p: Rendered, i: number) => Promise<{ messageId: string }>, progress?: PartProgress): Promise<SendResult> {
    const ids: string[] = [];
    for (const [i, p] of parts.entries()) {
      const part = String(i);
      const done = progress?.accepted.get(part);
      if (done !== undefined) {
        ids.push(done);
        continue;
      }
      if (progress && !progress.beforePart(part)) return { ok: false, messageIds: ids, error: 'sender no longer owns this message', retryable: false };
      try {
        const id = (await send(p, i)).messageId;
        progress?.onAccepted(part, id);
        ids.push(id);
      } catch (err) {
        // No answer at all (timeout, reset) or a bare 5xx: Feishu may have created the message.
        // The uuid makes a retry safe within its hour; the outbox decides (src/remind/delivery.ts).
        if (err instanceof FeishuApiError) {
          const uncertain = err.httpStatus === undefined || (err.httpStatus >= 500 && err.code === undefined);
          return { ok: false, messageIds: ids, error: err.hint ?? err.message, retryable: err.retryable, uncertain };
        }
        return { ok: false, messageIds: ids, error: String(err), retryable: true, uncertain: true };
      }
    }
    return { ok: true, messageIds: ids };
  }

  async function sendReply(messageId: string, chatId: string, reply: OutgoingReply, key: string = messageId): Promise<void> {
    if (!reply.text.trim()) return;
    const parts = renderMessage(reply.text, { mentions: (reply.mentions ?? []).map((userId) => ({ userId })) });
    // The uuid is derived from the message id (or, under a card, the click's event id), so a
    // reply re-sent after a crash (replay) is not doubled when the first one did get out: Feishu
    // accepts a uuid once per hour.
    const res = await deliver(parts, (p, i) => api.reply(messageId, chatId, p.msgType, p.content, uuidFor(`r:${key}:${i}`)));
    if (!res.ok) log.error('feishu: reply not delivered', { chat: chatId, messageId, error: res.error });
  }

  // Display names: events carry the sender's open_id only. Names come from @-mentions where a
  // message has them, else from the contact API (GET /open-apis/contact/v3/users/:id; see
  // docs/feishu.md for the permissions). They are kept in memory and in the users table (the
  // name book), so a restart or a later failed lookup still shows the name; the contact API is
  // asked again once a name is older than names.maxAgeMs. A lookup never blocks a message for
  // long nor fails it: on error or timeout the last known name, else the open_id, is used.
  const names = new Map<string, { name: string; at: number }>();
  const book = deps.nameBook;
  const nameMaxAge = deps.names?.maxAgeMs ?? 24 * 3600_000;
  const nameTimeout = deps.names?.timeoutMs ?? 2000;
  function learnName(userId: string, name: string): void {
    if (!userId || isFallbackName(name, userId)) return;
    names.set(userId, { name, at: now().getTime() });
    try {
      book?.put(userId, name);
    } catch (err) {
      log.warn('feishu: display name not stored', { user: userId, err: String(err) });
    }
  }
  function storedName(userId: string): { name: string; at: number } | undefined {
    const mem = names.get(userId);
    if (mem) return mem;
    try {
      const s = book?.get(userId);
      if (!s) return undefined;
      // A name stored before its confirmation time was kept counts as stale: asked again.
      const e = { name: s.name, at: s.at?.getTime() ?? 0 };
      names.set(userId, e);
      return e;
    } catch (err) {
      log.warn('feishu: display name not read from the store', { user: userId, err: String(err) });
      return undefined;
    }
  }
  async function withName(msg: IncomingMessage): Promise<IncomingMessage> {
    if (!msg.userId || !isFallbackName(msg.userName, msg.userId)) return msg;
    const known = storedName(msg.userId);
    if (known && now().getTime() - known.at < nameMaxAge) return { ...msg, userName: known.name };
    try {
      const r = await within(api.userName(msg.userId), nameTimeout);
      const name = r.late ? undefined : r.value;
      if (name) {
        learnName(msg.userId, name);
        return { ...msg, userName: name };
      }
    } catch (err) {
      const hint = err instanceof FeishuApiError ? err.hint : undefined;
      log.warn('feishu: user name lookup failed; using the last known name or the open_id (needs contact:contact.base:readonly and contact:user.base:readonly)', { user: msg.userId, err: String(err), ...(hint ? { hint } : {}) });
    }
    return known ? { ...msg, userName: known.name } : msg;
  }

  // Backfill: people recorded before their name was known (reports, /身份, reminders and the
  // dashboard showed ou_…) are looked up once the app is accepted, one at a time (the contact
  // API allows 50/s; this is a background chore). A missing permission stops it with one line.
  let backfill: Promise<number> | undefined;
  let halted = false;
  function backfillNames(): Promise<number> {
    return (backfill ??= (async () => {
      let ids: string[];
      try {
        ids = book?.unnamed(500) ?? [];
      } catch (err) {
        log.warn('feishu: name backfill could not read the store', { err: String(err) });
        return 0;
      }
      let named = 0;
      for (const id of ids) {
        if (halted) break;
        try {
          const name = await api.userName(id);
          if (name) {
            learnName(id, name);
            named++;
          }
        } catch (err) {
          if (err instanceof FeishuApiError && (err.code === CODE_MISSING_SCOPE || TOKEN_INVALID_CODES.has(err.code ?? 0))) {
            log.warn('feishu: name backfill stopped: the contact API is not permitted (see docs/feishu.md)', { err: err.message, ...(err.hint ? { hint: err.hint } : {}) });
            break;
          }
          // One user outside the app's contact range (41050) or gone: the others still count.
          log.debug('feishu: name backfill skipped a user', { user: id, err: String(err) });
        }
      }
      if (ids.length) log.info('feishu: names looked up for people shown by their open_id', { users: ids.length, named });
      return named;
    })());
  }

  /** One inbox job: handled, answered, then marked done (a crash before the mark replays it). */
  async function runJob(job: FeishuJob): Promise<OutgoingReply> {
    if (job.kind === 'file') return runFile(job);
    if (job.kind === 'hint') {
      await sendReply(job.messageId, job.chatId, { text: UNSUPPORTED_REPLY });
      pipeline.done(job.messageId);
      return { text: UNSUPPORTED_REPLY };
    }
    const { reply, final, msg } = await pipeline.answer(revived(job.msg));
    if (job.kind === 'message') await sendReply(msg.messageId, msg.chatId, reply);
    // everyone in the group sees who signed, under the card that asked for it
    if (job.kind === 'command' && job.cardMessageId) await sendReply(job.cardMessageId, msg.chatId, reply, msg.messageId);
    if (final) pipeline.done(msg.messageId);
    return reply;
  }

  /** A photo or file: linked to the sender's /进展 as evidence. The answer is final even when
   * the download failed (the reply says so): a replay would fail the same way. */
  async function runFile(job: Extract<FeishuJob, { kind: 'file' }>): Promise<OutgoingReply> {
    const f = job.file;
    let text: string;
    try {
      if (!deps.evidence) throw new Error('no evidence store'); // a job stored by a build that had one
      text = await deps.evidence({
        platform: 'feishu',
        chatId: f.chatId,
        userId: f.userId,
        messageId: f.messageId,
        ...(f.replyTo ? { replyTo: f.replyTo } : {}),
        ...(f.fileName ? { fileName: f.fileName } : {}),
        kind: f.kind,
        isDirect: f.isDirect,
        at: new Date(job.receivedAt),
        download: async (maxBytes) => {
          const r = await api.downloadResource(f.messageId, f.key, f.kind, maxBytes);
          if ('tooBig' in r) throw new TooBigError();
          return r.bytes;
        },
      });
    } catch (err) {
      const hint = err instanceof FeishuApiError ? err.hint : undefined;
      log.error('feishu: evidence not saved', { messageId: f.messageId, err: String(err), ...(hint ? { hint } : {}) });
      text = '文件没能下载保存，请稍后重发一次。';
    }
    await sendReply(f.messageId, f.chatId, { text });
    pipeline.done(f.messageId);
    return { text };
  }

  const cardFor = (job: Extract<FeishuJob, { kind: 'card' }>, reply: OutgoingReply) =>
    progressCard({ taskId: job.taskId, title: job.title, result: { text: reply.text, by: { userId: job.msg.userId }, ok: true } });

  /** A card job replayed at start-up: nobody waits for the callback any more, so the result goes
   * onto the card by a patch. */
  async function runCardLater(job: Extract<FeishuJob, { kind: 'card' }>): Promise<void> {
    const reply = await runJob(job);
    if (job.cardMessageId) await api.patchCard(job.cardMessageId, cardFor(job, reply)).catch((err: unknown) => log.error('feishu: delayed card update failed', { eventId: job.msg.messageId, err: String(err) }));
  }

  /** im.message.receive_v1: returns at once (the ack waits for us), after the inbox holds the
   * event. Throws only when the event cannot be stored: the SDK then acks 500 on the long
   * connection and the webhook answers 500, so Feishu pushes it again. */
  function onMessage(data: FeishuMessageEvent): void {
    const id = data.message?.message_id;
    if (!id) return log.warn('feishu: message event without message_id', { eventId: data.event_id });
    if (!botOpenId) return log.warn('feishu: message before bot identity is known; dropped', { messageId: id });
    let job: FeishuJob;
    try {
      const file = deps.evidence ? fileMessage(data) : undefined;
      const n = normalizeMessage(data, botOpenId, now());
      if (file) job = { kind: 'file', file, receivedAt: now().toISOString() };
      else if (n.ok) {
        for (const m of n.msg.mentions ?? []) learnName(m.userId, m.name);
        job = { kind: 'message', msg: stored(n.msg) };
      }
      else if (n.reason === 'unsupported-type') job = { kind: 'hint', messageId: id, chatId: data.message!.chat_id! };
      else return log.debug('feishu: message ignored', { messageId: id, reason: n.reason });
    } catch (err) {
      return log.error('feishu: message event failed', { messageId: id, err: String(err) });
    }
    const chatId = job.kind === 'hint' ? job.chatId : job.kind === 'file' ? job.file.chatId : job.msg.chatId;
    const { admitted, result } = pipeline.submit({ eventId: data.event_id ?? id, messageId: id, chatId, payload: job }, () => runJob(job));
    if (result) {
      if (admitted === 'resume') log.info('feishu: re-push of an unfinished event; processing it', { messageId: id });
      void result.catch(() => undefined);
    } else if (admitted === 'in-progress') log.info('feishu: re-push of an event being processed; ignored', { messageId: id });
    else log.info('feishu: duplicate delivery ignored', { messageId: id, state: admitted });
  }

  /** card.action.trigger: the click is the command; the card is redrawn with the reply. */
  async function onCardAction(data: CardEvent): Promise<object> {
    try {
      const eventId = data.event_id ?? '';
      const messageId = data.context?.open_message_id ?? data.open_message_id ?? '';
      const chatId = data.context?.open_chat_id ?? data.open_chat_id ?? '';
      const userId = data.operator?.open_id ?? '';
      const action = parseProgressAction(data.action);
      const command = action ? undefined : parseCommandAction(data.action);
      if ((!action && !command) || !eventId || !chatId || !userId) {
        log.warn('feishu: card action not understood', { eventId, hasAction: !!action || !!command });
        return { toast: { type: 'warning', content: '无法识别的操作' } };
      }
      if (!action) return onCommandButton(eventId, messageId, chatId, userId, command!);
      const msg: IncomingMessage = {
        platform: 'feishu',
        messageId: eventId,
        chatId,
        isDirect: false,
        userId,
        userName: userId,
        text: progressCommand(action),
        receivedAt: now(),
      };
      const job = { kind: 'card' as const, msg: stored(msg), taskId: action.taskId, title: action.title, cardMessageId: messageId };
      const { result: work } = pipeline.submit({ eventId, messageId: eventId, chatId, payload: job }, () => runJob(job));
      if (!work) return { toast: { type: 'info', content: '已收到，正在处理' } };
      const first = await within(work, cardDeadline);
      if (!first.late) {
        return { toast: { type: 'success', content: first.value.text.split('\n')[0]!.slice(0, 60) }, card: { type: 'raw', data: cardFor(job, first.value) } };
      }
      log.warn('feishu: card action slower than the callback deadline; updating the card later', { eventId });
      void work
        .then((reply) => (messageId ? api.patchCard(messageId, cardFor(job, reply)) : undefined))
        .catch((err: unknown) => log.error('feishu: delayed card update failed', { eventId, err: String(err) }));
      return { toast: { type: 'info', content: '已收到，正在处理…' } };
    } catch (err) {
      log.error('feishu: card action failed', { err: String(err) });
      return { toast: { type: 'error', content: APOLOGY } };
    }
  }

  /** A button standing for a command: run as the clicker typed it; the toast says how it went,
   * the reply goes under the card (the card itself stays as it was for the others). */
  async function onCommandButton(eventId: string, cardMessageId: string, chatId: string, userId: string, command: string): Promise<object> {
    const msg: IncomingMessage = { platform: 'feishu', messageId: eventId, chatId, isDirect: false, userId, userName: userId, text: command, receivedAt: now() };
    const job = { kind: 'command' as const, msg: stored(msg), cardMessageId };
    const { result: work } = pipeline.submit({ eventId, messageId: eventId, chatId, payload: job }, () => runJob(job));
    if (!work) return { toast: { type: 'info', content: '已收到，正在处理' } };
    const answered = await within(work, cardDeadline);
    if (answered.late) return { toast: { type: 'info', content: '已收到，正在处理…' } };
    const first = answered.value;
    return { toast: { type: first.text.startsWith('已') ? 'success' : 'warning', content: first.text.split('\n')[0]!.slice(0, 60) } };
  }

  /** Unfinished events of an earlier run, queued in arrival order before anything new. */
  function replay(): number {
    const entries = pipeline.unfinished();
    for (const e of entries) {
      const job = e.payload as FeishuJob;
      void pipeline.enqueue(e.chatId, async () => void (job.kind === 'card' ? await runCardLater(job) : await runJob(job))).catch(() => undefined);
    }
    if (entries.length) log.info('feishu: processing events left unfinished by the last run', { count: entries.length });
    return entries.length;
  }

  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger, loggerLevel: lark.LoggerLevel.warn }).register({
    'im.message.receive_v1': (d: unknown) => {
      // Checked before anything reads it: a field of the wrong type is dropped with a log line
      // (acked, so Feishu does not push the same junk again), never thrown.
      const ev = parseMessageEvent(d);
      if (!ev) return log.warn('feishu: message event with malformed fields; dropped');
      return onMessage(ev);
    },
    'im.message.message_read_v1': () => undefined,
    'im.chat.member.bot.added_v1': (d: { chat_id?: string; name?: string }) => {
      log.info('feishu: bot added to chat', { chat: d.chat_id, name: d.name });
      return undefined;
    },
    'im.chat.member.bot.deleted_v1': (d: { chat_id?: string }) => {
      log.warn('feishu: bot removed from chat; reminders to it will fail with 230002', { chat: d.chat_id });
      return undefined;
    },
  } as never);
  dispatcher.register<{ 'card.action.trigger': (d: unknown) => Promise<object> }>({
    'card.action.trigger': (d) => {
      const ev = cardEventSchema.safeParse(d);
      if (!ev.success) {
        log.warn('feishu: card action with malformed fields; refused');
        return Promise.resolve({ toast: { type: 'warning', content: '无法识别的操作' } });
      }
      return onCardAction(ev.data as CardEvent);
    },
  });

  // Start-up and its retries. States for /healthz: connecting (first attempt), ready,
  // reconnecting (network or server trouble: retried with backoff retry.baseMs → retry.maxMs),
  // down: <reason> (a permanent refusal such as a wrong secret: logged as an error and retried
  // only every retry.authMs — a fixed secret or a published app then heals without a restart,
  // and the rest of the bot keeps running instead of exiting).
  const retry = { baseMs: deps.retry?.baseMs ?? 1000, maxMs: deps.retry?.maxMs ?? 60_000, authMs: deps.retry?.authMs ?? 300_000 };
  let state = 'stopped';
  let stopped = true;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let webhookRegistered = false;

  function status(): string {
    if (state === 'ready' && conn) {
      // The SDK reconnects on its own after a drop; report what it is doing.
      const s = conn.status().state;
      return s === 'connected' ? 'ready' : s === 'failed' ? 'down: 长连接失败' : 'reconnecting';
    }
    return state;
  }

  async function attempt(): Promise<void> {
    if (stopped) return;
    try {
      await connect();
      failures = 0;
      state = 'ready';
      void backfillNames();
      if (stopped) conn?.close();
    } catch (err) {
      conn?.close();
      conn = undefined;
      if (stopped) return;
      failures++;
      const permanent = err instanceof FeishuApiError ? !err.retryable : err instanceof PermanentError;
      const hint = err instanceof FeishuApiError ? err.hint : undefined;
      const reason = `${err instanceof Error ? err.message : String(err)}${hint ? `。${hint}` : ''}`;
      const delay = permanent ? retry.authMs : Math.min(retry.maxMs, retry.baseMs * 2 ** (failures - 1));
      if (permanent) {
        state = `down: ${reason}`;
        log.error('feishu refused the app (check FEISHU_APP_ID / FEISHU_APP_SECRET and that the app is published); retrying slowly', { reason, retryInMs: delay });
      } else {
        state = 'reconnecting';
        log.warn('feishu not reachable; retrying in the background', { reason, attempt: failures, retryInMs: delay });
      }
      retryTimer = setTimeout(() => void attempt(), delay);
      retryTimer.unref?.();
    }
  }

  /** One attempt: the bot identity (needed for @-detection), the unfinished events, then the
   * transport. Throws when it did not come up. */
  async function connect(): Promise<void> {
    if (!botOpenId) {
      // One HTTP try per attempt: the backoff is ours, not the API client's.
      const bot = await api.botInfo({ retries: 0 });
      botOpenId = bot.openId;
      log.info('feishu bot identity', { openId: bot.openId, name: bot.name });
      replay();
    }
    if (config.mode === 'webhook') {
      if (!deps.http) throw new PermanentError('飞书 webhook 模式需要 HTTP 服务（PORT）');
      // Registered only once the identity is known: until then Feishu gets a 404 and pushes the
      // event again later, rather than a 200 for an event we would have to drop.
      if (!webhookRegistered) {
        deps.http.route(
          'POST',
          WEBHOOK_PATH,
          createWebhookHandler({ encryptKey: config.encryptKey ?? '', verificationToken: config.verificationToken ?? '', dispatcher, now }),
        );
        webhookRegistered = true;
      }
      log.info('feishu webhook ready', { path: WEBHOOK_PATH });
      return;
    }
    state = failures ? 'reconnecting' : 'connecting';
    conn = startLongConnection({ config, dispatcher, httpInstance: api.http, ...deps.ws });
    // Fatal errors (bad secret, long connection not enabled) reject; a network outage does not:
    // the SDK keeps reconnecting, so after a while we stop waiting and let the bot run.
    const waited = await within(conn.ready, deps.ws?.readyWaitMs ?? 20_000).catch((err: unknown) => {
      throw new PermanentError(err instanceof Error ? err.message : String(err));
    });
    if (waited.late) log.warn('feishu long connection not up yet; continuing, the SDK keeps retrying');
  }

  return {
    platform: 'feishu',
    dispatcher,
    api,
    botOpenId: () => botOpenId,
    connectionStatus: () => (conn ? conn.status().state : config.mode === 'webhook' ? 'webhook' : 'stopped'),
    status,

    async start() {
      // Only the first attempt is awaited: a Feishu that cannot be reached must not keep the
      // HTTP server, the dashboard and the reminders from starting (issue 14). Later attempts
      // run in the background with backoff.
      stopped = false;
      halted = false;
      // /healthz listens before the platforms start: say what this one is doing from the first call.
      state = 'connecting';
      await attempt();
    },

    async stop() {
      stopped = true;
      halted = true;
      clearTimeout(retryTimer);
      conn?.close();
      conn = undefined;
      state = 'stopped';
      await pipeline.drain(5000);
    },

    async sendToChat(m: GroupMessage) {
      const parts = renderMessage(m.text, { mentions: m.mentions, ...(m.title ? { title: m.title } : {}), ...(m.actions?.length ? { actions: m.actions } : {}) });
      const res = await deliver(
        parts,
        (p, i) => api.sendToChat(m.chatId, p.msgType, p.content, uuidFor(parts.length > 1 ? `${m.idempotencyKey}#${i}` : m.idempotencyKey)),
        m.progress,
      );
      if (!res.ok) log.error('feishu: group message not delivered', { chat: m.chatId, ref: m.idempotencyKey, error: res.error });
      return res;
    },

    async sendProgressCard(chatId, card, idempotencyKey) {
      return deliver([{ msgType: 'interactive', content: JSON.stringify(progressCard(card)) }], (p) =>
        api.sendToChat(chatId, p.msgType, p.content, uuidFor(idempotencyKey)),
      );
    },

    idle: () => pipeline.idle(),

    replay,
    backfillNames,
  };
}
