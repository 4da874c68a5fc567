// The Feishu platform adapter. Events (long connection or webhook) are acknowledged at once and
// processed asynchronously: dedupe on message_id (injected, persistent in the bot), normalize,
// run through the router (`handle`) in per-chat order, reply with message.reply. Card clicks
// become the equivalent `/进展` command and update the card in place within the 3 s budget.
import { createHash } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import type { HttpServer } from '../../http/server.ts';
import { log } from '../../log.ts';
import type { IncomingMessage, OutgoingReply } from '../../types.ts';
import type { EventDedupe, GroupMessage, MessageHandler, PartProgress, PlatformAdapter, SendResult } from '../types.ts';
import { parseProgressAction, progressCard, progressCommand, renderMessage, type ProgressCardInput, type Rendered } from './cards.ts';
import { FeishuApi, FeishuApiError, sdkLogger, type FeishuApiOptions } from './client.ts';
import type { FeishuConfig } from './config.ts';
import { normalizeMessage, type FeishuMessageEvent } from './receive.ts';
import { createWebhookHandler } from './webhook.ts';
import { startLongConnection, type LongConnection } from './ws.ts';

export const WEBHOOK_PATH = '/feishu/events';
/** Card callbacks must be answered within 3 s; leave room for the network. */
export const CARD_DEADLINE_MS = 2500;
const APOLOGY = '抱歉，处理这条消息时出错了，已记录。请稍后再试。';

export interface FeishuAdapterDeps {
  config: FeishuConfig;
  handle: MessageHandler;
  dedupe: EventDedupe;
  http?: HttpServer;
  now?: () => Date;
  /** Tuning for tests: timeouts, limits, backoff. */
  api?: FeishuApiOptions;
  ws?: { pingTimeoutSec?: number; handshakeTimeoutMs?: number };
  cardDeadlineMs?: number;
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
}

/** Feishu's uuid is at most 50 chars; longer keys are hashed (stable). */
export function uuidFor(key: string): string {
  return key.length <= 50 ? key : `h${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

interface CardEvent {
  event_id?: string;
  operator?: { open_id?: string };
  action?: unknown;
  context?: { open_message_id?: string; open_chat_id?: string };
  open_message_id?: string;
  open_chat_id?: string;
}

export function createFeishuAdapter(deps: FeishuAdapterDeps): FeishuAdapter {
  const { config, handle, dedupe } = deps;
  const now = deps.now ?? (() => new Date());
  const api = new FeishuApi(config, deps.api);
  const cardDeadline = deps.cardDeadlineMs ?? CARD_DEADLINE_MS;
  let botOpenId: string | undefined;
  let conn: LongConnection | undefined;
  const queues = new Map<string, Promise<unknown>>();

  /** Runs jobs of one chat strictly in arrival order; returns this job's result. */
  function enqueue<T>(chatId: string, job: () => Promise<T>): Promise<T> {
    const prev = queues.get(chatId) ?? Promise.resolve();
    const result = prev.then(job);
    const tail = result.catch((err: unknown) => log.error('feishu job failed', { chat: chatId, err: String(err) }));
    queues.set(chatId, tail);
    void tail.then(() => {
      if (queues.get(chatId) === tail) queues.delete(chatId);
    });
    return result;
  }

  async function safeHandle(msg: IncomingMessage): Promise<OutgoingReply> {
    try {
      return await handle(msg);
    } catch (err) {
      log.error('feishu: handler threw', { chat: msg.chatId, messageId: msg.messageId, err: String(err) });
      return { text: APOLOGY };
    }
  }

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

  async function processMessage(msg: IncomingMessage): Promise<void> {
    const reply = await safeHandle(msg);
    if (!reply.text.trim()) return;
    const parts = renderMessage(reply.text, { mentions: (reply.mentions ?? []).map((userId) => ({ userId })) });
    const res = await deliver(parts, (p, i) => api.reply(msg.messageId, msg.chatId, p.msgType, p.content, uuidFor(`r:${msg.messageId}:${i}`)));
    if (!res.ok) log.error('feishu: reply not delivered', { chat: msg.chatId, messageId: msg.messageId, error: res.error });
  }

  /** im.message.receive_v1: never throws, returns at once (the ack waits for us). */
  function onMessage(data: FeishuMessageEvent): void {
    try {
      const id = data.message?.message_id;
      if (!id) return log.warn('feishu: message event without message_id', { eventId: data.event_id });
      if (!botOpenId) return log.warn('feishu: message before bot identity is known; dropped', { messageId: id });
      if (!dedupe.firstSeen('feishu', id)) return log.info('feishu: duplicate delivery ignored', { messageId: id });
      const n = normalizeMessage(data, botOpenId, now());
      if (!n.ok) return log.debug('feishu: message ignored', { messageId: id, reason: n.reason });
      void enqueue(n.msg.chatId, () => processMessage(n.msg)).catch(() => undefined);
    } catch (err) {
      log.error('feishu: message event failed', { err: String(err) });
    }
  }

  /** card.action.trigger: the click is the command; the card is redrawn with the reply. */
  async function onCardAction(data: CardEvent): Promise<object> {
    try {
      const eventId = data.event_id ?? '';
      const messageId = data.context?.open_message_id ?? data.open_message_id ?? '';
      const chatId = data.context?.open_chat_id ?? data.open_chat_id ?? '';
      const userId = data.operator?.open_id ?? '';
      const action = parseProgressAction(data.action);
      if (!action || !eventId || !chatId || !userId) {
        log.warn('feishu: card action not understood', { eventId, hasAction: !!action });
        return { toast: { type: 'warning', content: '无法识别的操作' } };
      }
      if (!dedupe.firstSeen('feishu', eventId)) return { toast: { type: 'info', content: '已收到，正在处理' } };
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
      const cardFor = (reply: OutgoingReply) =>
        progressCard({ taskId: action.taskId, title: action.title, result: { text: reply.text, by: { userId }, ok: true } });
      const work = enqueue(chatId, () => safeHandle(msg));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), cardDeadline)));
      const first = await Promise.race([work, late]);
      clearTimeout(timer);
      if (first !== 'late') {
        return { toast: { type: 'success', content: first.text.split('\n')[0]!.slice(0, 60) }, card: { type: 'raw', data: cardFor(first) } };
      }
      log.warn('feishu: card action slower than the callback deadline; updating the card later', { eventId });
      void work
        .then((reply) => (messageId ? api.patchCard(messageId, cardFor(reply)) : undefined))
        .catch((err: unknown) => log.error('feishu: delayed card update failed', { eventId, err: String(err) }));
      return { toast: { type: 'info', content: '已收到，正在处理…' } };
    } catch (err) {
      log.error('feishu: card action failed', { err: String(err) });
      return { toast: { type: 'error', content: APOLOGY } };
    }
  }

  const dispatcher = new lark.EventDispatcher({ logger: sdkLogger, loggerLevel: lark.LoggerLevel.warn }).register({
    'im.message.receive_v1': (d: unknown) => onMessage(d as FeishuMessageEvent),
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
    'card.action.trigger': (d) => onCardAction(d as CardEvent),
  });

  return {
    platform: 'feishu',
    dispatcher,
    api,
    botOpenId: () => botOpenId,
    connectionStatus: () => (conn ? conn.status().state : config.mode === 'webhook' ? 'webhook' : 'stopped'),

    async start() {
      try {
        const bot = await api.botInfo();
        botOpenId = bot.openId;
        log.info('feishu bot identity', { openId: bot.openId, name: bot.name });
      } catch (err) {
        const hint = err instanceof FeishuApiError ? err.hint : undefined;
        throw new Error(`飞书启动失败：无法获取机器人信息（${err instanceof Error ? err.message : String(err)}）${hint ? `。${hint}` : ''}`);
      }
      if (config.mode === 'webhook') {
        if (!deps.http) throw new Error('飞书 webhook 模式需要 HTTP 服务（PORT）');
        deps.http.route(
          'POST',
          WEBHOOK_PATH,
          createWebhookHandler({ encryptKey: config.encryptKey ?? '', verificationToken: config.verificationToken ?? '', dispatcher, now }),
        );
        log.info('feishu webhook ready', { path: WEBHOOK_PATH });
        return;
      }
      conn = startLongConnection({ config, dispatcher, httpInstance: api.http, ...deps.ws });
      // Fatal errors (bad secret, long connection not enabled) reject; a network outage does not:
      // the SDK keeps reconnecting, so after a while we stop waiting and let the bot run.
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([conn.ready.then(() => 'ready'), new Promise((r) => (timer = setTimeout(() => r('slow'), 20_000)))]);
      clearTimeout(timer);
      if (waited === 'slow') log.warn('feishu long connection not up after 20 s; continuing, the SDK keeps retrying');
    },

    async stop() {
      conn?.close();
      conn = undefined;
      const pending = Promise.allSettled([...queues.values()]);
      await Promise.race([pending, new Promise((r) => setTimeout(r, 5000).unref())]);
    },

    async sendToChat(m: GroupMessage) {
      const parts = renderMessage(m.text, { mentions: m.mentions, ...(m.title ? { title: m.title } : {}) });
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

    async idle() {
      while (queues.size) await Promise.allSettled([...queues.values()]);
    },
  };
}
