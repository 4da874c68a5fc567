// The WeCom platform adapter: conversation through the AI bot (long connection or callback mode),
// proactive group messages through the group's webhook when one is bound (real @ via
// mentioned_list), else through the AI bot's aibot_send_msg as markdown with the names in bold
// (the AI bot cannot @; long-connection mode only — callback mode has no proactive channel).
import type { HttpServer } from '../../http/server.ts';
import { log } from '../../log.ts';
import type { IncomingFile } from '../../evidence/attach.ts';
import type { Inbox } from '../../store/inbox.ts';
import type { GroupMessage, MessageHandler, PlatformAdapter, SendResult } from '../types.ts';
import { createPipeline } from '../pipeline.ts';
import { registerCallback, type CallbackHandle } from './callback.ts';
import type { WecomConfig } from './config.ts';
import { WXBizMsgCrypt } from './crypto.ts';
import { acquireInstanceLock, type InstanceLock } from './lock.ts';
import { STREAM_MAX_BYTES } from './receive.ts';
import { botMarkdown, webhookText } from './render.ts';
import { splitByBytes } from './split.ts';
import type { DownloadOptions } from './media.ts';
import { WebhookClient, type WebhookClientOptions } from './webhook.ts';
import { maskKey, type WebhookStore } from './webhookStore.ts';
import { authFailedStatus } from './status.ts';
import { WsChannel, type WsChannelOptions } from './ws.ts';

export interface WecomAdapterDeps {
  config: WecomConfig;
  handle: MessageHandler;
  /** Durable inbox: messages are admitted here before the ack (src/store/inbox.ts). */
  inbox: Inbox;
  webhooks: WebhookStore;
  /** the bot's shared HTTP server; required in callback mode */
  http?: HttpServer;
  now?: () => Date;
  /** long-connection mode: lock file directory (one connection per bot); omitted = no lock */
  dataDir?: string;
  /** the bot's display name in WeCom, to strip "@名字" exactly (else the first @token goes);
   * defaults to WECOM_BOT_NAME */
  botName?: string;
  /** photos and files as 佐证材料 (src/evidence/attach.ts); without it they get MEDIA_REPLY */
  evidence?: (file: IncomingFile) => Promise<string>;
  /** media downloads (tests: a dispatcher; the URLs themselves come in the messages) */
  media?: DownloadOptions;
  /** alarms (long connection taken over, webhook key invalid): the composition root may page */
  onAlarm?: (reason: string) => void;
  /** tuning for tests */
  ws?: Partial<Pick<WsChannelOptions, 'heartbeatMs' | 'reconnectBaseMs' | 'placeholderAfterMs' | 'startTimeoutMs' | 'authTimeoutMs'>>;
  callback?: { replayWindowMs?: number; firstReplyWaitMs?: number; streamWindowMs?: number };
  webhook?: Partial<WebhookClientOptions>;
}

export interface WecomAdapter extends PlatformAdapter {
  /** the long-connection channel (ws mode) */
  readonly channel?: WsChannel;
  /** resolves when all in-flight conversations are answered */
  idle(): Promise<void>;
}

export const INVALID_WEBHOOK_ALERT = (masked: string) =>
  `⚠️ 本群绑定的推送地址（${masked}）已失效（企业微信返回 93000：地址无效或消息推送已被移出群）。提醒暂由本机器人发送，无法真正 @ 到人。请管理员在群设置中重新添加“消息推送”，并发送 /推送地址 <新地址> 重新绑定。`;

export function createWecomAdapter(deps: WecomAdapterDeps): WecomAdapter {
  const { config } = deps;
  const now = deps.now ?? (() => new Date());
  const webhook = new WebhookClient({ base: config.webhookBase, ...deps.webhook });
  const sent = new Map<string, SendResult>();
  const deadKeys = new Set<string>();
  const alarm = (reason: string) => deps.onAlarm?.(reason);
  let channel: WsChannel | undefined;
  let callback: CallbackHandle | undefined;
  let lock: InstanceLock | undefined;

  // Inbox, per-chat order, retries and the apology: the shared pipeline, for both AI-bot transports.
  const pipeline = createPipeline({ platform: 'wecom', handle: deps.handle, inbox: deps.inbox });
  const conversation = {
    pipeline, botName: deps.botName ?? config.botName, now,
    ...(deps.evidence ? { evidence: deps.evidence } : {}),
    ...(config.encodingAesKey ? { encodingAesKey: config.encodingAesKey } : {}),
    ...(deps.media ? { media: deps.media } : {}),
  };
  if (config.mode === 'ws') {
    if (!config.botSecret) throw new Error('WECOM_BOT_SECRET is required in ws mode');
    channel = new WsChannel({ ...conversation, ...deps.ws, botId: config.botId, secret: config.botSecret, wsUrl: config.wsUrl, onAlarm: alarm });
  }

  /** The AI bot's markdown, part by part. `prefix` names the parts for the outbox's progress
   * ('bot' for a whole message, 'botc' for the continuation after an invalid webhook). */
  async function viaBot(msg: GroupMessage, prefix = 'bot'): Promise<SendResult> {
    if (!channel) return { ok: false, messageIds: [], error: '本群未绑定推送地址，且回调模式下机器人不能主动发消息', retryable: false };
    const parts = splitByBytes(botMarkdown(msg), STREAM_MAX_BYTES);
    const ids: string[] = [];
    const progress = msg.progress;
    for (const [i, p] of parts.entries()) {
      const part = `${prefix}${i}`;
      const id = `${msg.idempotencyKey}#${part}`;
      if (progress?.accepted.has(part)) {
        ids.push(progress.accepted.get(part)!);
        continue;
      }
      if (progress && !progress.beforePart(part)) return { ok: false, messageIds: ids, error: 'sender no longer owns this message', retryable: false };
      const r = await channel.sendMarkdown(msg.chatId, p);
      if (!r.ok) return { ok: false, messageIds: ids, error: r.error, retryable: r.retryable, uncertain: r.uncertain };
      progress?.onAccepted(part, id);
      ids.push(id);
    }
    return { ok: true, messageIds: ids };
  }

  async function sendToChat(msg: GroupMessage): Promise<SendResult> {
    const done = sent.get(msg.idempotencyKey);
    if (done) return done;
    const binding = deps.webhooks.get(msg.chatId);
    const progress = msg.progress;
    const hookId = (i: number) => `${msg.idempotencyKey}#hook${i}`;
    const hooks = progress && {
      skip: (i: number) => progress.accepted.has(`hook${i}`),
      before: (i: number) => progress.beforePart(`hook${i}`),
      sent: (i: number) => progress.onAccepted(`hook${i}`, hookId(i)),
    };
    let result: SendResult;
    if (binding && !deadKeys.has(binding.key)) {
      // rendered here (escaped body, @ only of the computed mentions), never by WebhookClient
      const { content, mentionedList } = webhookText(msg);
      const r = await webhook.sendText(binding.key, content, mentionedList, hooks);
      const ids = Array.from({ length: r.sent }, (_, i) => hookId(i));
      if (r.ok) result = { ok: true, messageIds: ids };
      else if (r.failure?.invalidKey) {
        deadKeys.add(binding.key);
        const masked = maskKey(binding.key);
        log.error('wecom webhook key invalid; alerting the group', { chatId: msg.chatId, hook: masked, errcode: r.failure.errcode });
        alarm(`chat ${msg.chatId}: webhook ${masked} invalid (errcode ${r.failure.errcode})`);
        if (channel) {
          const a = await channel.sendMarkdown(msg.chatId, INVALID_WEBHOOK_ALERT(masked));
          if (!a.ok) log.warn('wecom admin alert failed', { chatId: msg.chatId, err: a.error });
        }
        const fb = r.sent ? await viaBot({ ...msg, text: '（续）' + msg.text }, 'botc') : await viaBot(msg);
        result = { ...fb, messageIds: [...ids, ...fb.messageIds], error: `webhook invalid (errcode ${r.failure.errcode})${fb.ok ? '; sent via the AI bot' : '; ' + fb.error}` };
      } else
        result = {
          ok: false,
          messageIds: ids,
          error: r.failure?.error ?? 'webhook send failed',
          retryable: r.failure?.retryable ?? true,
          uncertain: r.failure?.uncertain ?? false,
        };
    } else if (binding && progress && [...progress.accepted.keys()].some((k) => k.startsWith('hook'))) {
      // the key died after some webhook parts went out (an earlier attempt): the rest as before
      result = await viaBot({ ...msg, text: '（续）' + msg.text }, 'botc');
    } else result = await viaBot(msg);
    if (result.ok) sent.set(msg.idempotencyKey, result);
    if (sent.size > 5000) sent.delete(sent.keys().next().value!);
    return result;
  }

  return {
    platform: 'wecom',
    channel,
    async start() {
      if (config.mode === 'callback') {
        if (!deps.http) throw new Error('callback mode needs the shared HTTP server');
        if (!config.token || !config.encodingAesKey) throw new Error('callback mode needs WECOM_TOKEN and WECOM_ENCODING_AES_KEY');
        callback ??= registerCallback(deps.http, {
          ...conversation,
          ...deps.callback,
          crypto: new WXBizMsgCrypt(config.token, config.encodingAesKey, ''),
        });
        log.info('wecom callback mode ready', { path: '/wecom/callback' });
        return;
      }
      if (deps.dataDir) lock = acquireInstanceLock(deps.dataDir);
      try {
        await channel!.start();
      } catch (err) {
        lock?.release();
        throw err;
      }
    },
    async stop() {
      callback?.stop();
      await callback?.idle();
      await channel?.stop();
      lock?.release();
      lock = undefined;
    },
    sendToChat,
    /** For /healthz. The SDK retries the long connection forever (1 s → 30 s), so start-up
     * never fails on an outage. A refused login and a takeover need a person: both say so. */
    status() {
      if (config.mode === 'callback') return callback ? 'ready' : 'stopped';
      const s = channel!.state;
      if (s === 'auth-failed') return authFailedStatus(channel!.authFailure);
      return s === 'taken-over' ? 'down: 长连接被另一个连接接管' : s === 'idle' ? 'stopped' : s;
    },
    async idle() {
      await callback?.idle();
      await channel?.idle();
      await pipeline.idle();
    },
  };
}
