// AI bot over the long connection, through the official @wecom/aibot-node-sdk (1.0.7).
// Why the SDK: its source holds up — configurable wsUrl (政务微信, tests), auth frame, heartbeat
// with missed-ack detection, exponential reconnect (1 s → 30 s cap), per-req_id reply queue that
// waits for each ack (5 s). What we change or add:
// - maxReconnectAttempts and maxAuthFailureAttempts = -1 (the defaults 10/5 give up for good,
//   which a daemon must not do); every auth failure is logged at error level.
// - disconnected_event (another connection for this bot took over): the SDK stops and does not
//   reconnect, by design (reconnecting would kick the other one, forever). We log it at error
//   level as an alarm and call onAlarm; the operator must find the other instance.
// - the SDK waits for the aibot_subscribe ack without a timeout (heartbeats only start after
//   auth), so a server that accepts the socket and never answers would hang it for good: we
//   watch for that and reconnect.
// - its console logger is replaced by ours (its debug lines carry message bodies: debug only).
// - one instance per data directory (lock.ts), the durable inbox (conversation.ts), the router,
//   stream replies. The SDK never acks a callback frame: WeCom counts it delivered once sent, and
//   re-sends the msgid only "因为网络等原因". So the inbox write happens synchronously inside the
//   SDK's 'message' listener; messages a crash left unfinished are answered after the next
//   authentication with aibot_send_msg (their frames' req_ids died with the old connection).
import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { randomBytes } from 'node:crypto';
import { log } from '../../log.ts';
import { within } from '../pipeline.ts';
import { replayTurns, startTurn, WELCOME_REPLY, type ConversationDeps } from './conversation.ts';
import { fitStream, STREAM_MAX_BYTES, type AibotBody } from './receive.ts';
import { truncateBytes } from './split.ts';

export interface WsChannelOptions extends ConversationDeps {
  botId: string;
  secret: string;
  wsUrl: string;
  /** answer with a placeholder frame when the router takes longer than this (default 1 s) */
  placeholderAfterMs?: number;
  placeholder?: string;
  heartbeatMs?: number;
  reconnectBaseMs?: number;
  /** how long start() waits for the first authentication before returning (keeps retrying) */
  startTimeoutMs?: number;
  /** reconnect when the subscribe ack does not come within this after the socket opened
   * (the SDK has no such timeout: a silent server would leave it hanging forever); default 15 s */
  authTimeoutMs?: number;
  onAlarm?: (reason: string) => void;
}

export type WsState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'auth-failed' | 'taken-over' | 'stopped';

/** The SDK's error for a refused aibot_subscribe: "Authentication failed: <errmsg> (code: N)". */
export function authRefusal(err: unknown): { errcode?: number; errmsg: string } | undefined {
  const m = err instanceof Error ? /^Authentication failed: (.*?)(?: \(code: (-?\d+)\))?$/.exec(err.message) : null;
  if (!m) return undefined;
  return { errmsg: m[1] ?? '', ...(m[2] !== undefined ? { errcode: Number(m[2]) } : {}) };
}

const sdkLogger = {
  debug: (m: string) => log.debug(`aibot-sdk: ${m}`),
  info: (m: string) => log.debug(`aibot-sdk: ${m}`),
  warn: (m: string, ...a: unknown[]) => log.warn(`aibot-sdk: ${m}`, a.length ? { detail: a.map(String).join(' ').slice(0, 300) } : undefined),
  // A refused login is reported once by WsChannel with the fix; the SDK's own line per retry is debug.
  error: (m: string, ...a: unknown[]) =>
    (/^Authentication failed/.test(m) ? log.debug : log.error)(`aibot-sdk: ${m}`, a.length ? { detail: a.map(String).join(' ').slice(0, 300) } : undefined),
};

function errText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'errcode' in err) {
    const f = err as { errcode?: number; errmsg?: string };
    return `errcode ${f.errcode}: ${f.errmsg ?? ''}`;
  }
  return String(err);
}

export class WsChannel {
  readonly client: WSClient;
  state: WsState = 'idle';
  /** Set while WeCom refuses the login (wrong bot id or secret); cleared by a login. The SDK
   * keeps trying (1 s → 30 s): a secret fixed on the WeCom side heals without a restart. */
  authFailure: { errcode?: number; errmsg: string } | undefined;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly clearAuthTimer: () => void;
  private onAuthFailure: (() => void) | undefined;

  constructor(private readonly o: WsChannelOptions) {
    this.client = new WSClient({
      botId: o.botId,
      secret: o.secret,
      wsUrl: o.wsUrl,
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: -1,
      heartbeatInterval: o.heartbeatMs ?? 30_000,
      reconnectInterval: o.reconnectBaseMs ?? 1000,
      logger: sdkLogger,
    });
    const c = this.client;
    let authTimer: NodeJS.Timeout | undefined;
    c.on('connected', () => {
      clearTimeout(authTimer);
      authTimer = setTimeout(() => {
        if (this.state === 'ready' || this.state === 'stopped' || this.state === 'taken-over') return;
        log.warn('wecom long connection: no subscribe ack, reconnecting', { afterMs: o.authTimeoutMs ?? 15_000 });
        // Same path the SDK takes on missed heartbeats: kill the socket, its close handler
        // schedules the reconnect. (disconnect()+connect() would race: the old socket's late
        // close event nulls the new socket and schedules a second connection.)
        const mgr = (c as unknown as { wsManager?: { ws?: { terminate(): void } | null } }).wsManager;
        if (mgr?.ws) mgr.ws.terminate();
        else log.error('wecom long connection: cannot reach the SDK socket to reconnect');
      }, o.authTimeoutMs ?? 15_000);
    });
    this.clearAuthTimer = () => clearTimeout(authTimer);
    let replayed = false;
    c.on('authenticated', () => {
      clearTimeout(authTimer);
      this.authFailure = undefined;
      this.state = 'ready';
      log.info('wecom long connection ready', { botId: o.botId });
      if (!replayed) {
        replayed = true;
        this.track(this.replay().catch((err: unknown) => log.error('wecom replay failed', { err: errText(err) })));
      }
    });
    c.on('reconnecting', (attempt: number) => {
      // After a refused login the SDK reconnects too; that is not an outage: keep saying why.
      if (this.authFailure) return log.debug('wecom long connection: logging in again', { attempt });
      this.state = 'reconnecting';
      log.warn('wecom long connection reconnecting', { attempt });
    });
    c.on('error', (err: Error) => {
      const refused = authRefusal(err);
      if (!refused) return log.error('wecom long connection error', { err: err.message });
      clearTimeout(authTimer);
      const first = !this.authFailure;
      this.authFailure = refused;
      if (this.state !== 'stopped') this.state = 'auth-failed';
      // Once per run of refusals: the SDK retries every 30 s, and one clear line says what to fix.
      if (first) log.error('wecom refused the login: check WECOM_BOT_ID / WECOM_BOT_SECRET (admin console → 智能机器人 → API 模式 → 长连接); retrying', { ...refused, err: err.message });
      else log.debug('wecom login refused again', refused);
      this.onAuthFailure?.();
    });
    c.on('event.disconnected_event', () => {
      this.state = 'taken-over';
      const reason = '企业微信长连接被另一个连接接管（disconnected_event）：同一机器人只能有一个连接，本实例已停止接收消息。请检查是否有另一个督办助手或其他程序在使用同一 WECOM_BOT_ID。';
      log.error('wecom long connection taken over by another connection (alarm)', { botId: o.botId, reason });
      o.onAlarm?.(reason);
    });
    c.on('message', (frame: WsFrame<AibotBody>) => this.track(this.onMessage(frame)));
    c.on('event.enter_chat', (frame) =>
      this.track(c.replyWelcome(frame, { msgtype: 'text', text: { content: WELCOME_REPLY } }).catch((e: unknown) => log.warn('wecom welcome failed', { err: errText(e) }))),
    );
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Connects; resolves once authenticated, at the first refused login (waiting will not cure
   * it), or after startTimeoutMs (the SDK keeps retrying in the background either way). */
  start(): Promise<void> {
    this.state = 'connecting';
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.onAuthFailure = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        log.warn('wecom long connection not ready yet; retrying in the background');
        done();
      }, this.o.startTimeoutMs ?? 10_000);
      this.onAuthFailure = done;
      this.client.once('authenticated', done);
      this.client.connect();
    });
  }

  async stop(): Promise<void> {
    this.clearAuthTimer();
    if (this.state !== 'taken-over' && this.state !== 'idle') this.client.disconnect();
    this.state = 'stopped';
    await Promise.allSettled([...this.inflight]);
  }

  /** all message handling finished (tests) */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Proactive markdown into a group (chatid) or a single chat (userid): aibot_send_msg. */
  async sendMarkdown(chatId: string, content: string): Promise<{ ok: true } | { ok: false; error: string; retryable: boolean; uncertain: boolean }> {
    try {
      await this.client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: truncateBytes(content, STREAM_MAX_BYTES) } });
      return { ok: true };
    } catch (err) {
      const refused = !!(err && typeof err === 'object' && 'errcode' in err);
      // The SDK refuses up front when the socket is down; anything else (an ack timeout) came
      // after the frame went out, and aibot_send_msg has no idempotency key.
      const notSent = !refused && /not connected/i.test(errText(err));
      return { ok: false, error: errText(err), retryable: !refused && notSent, uncertain: !refused && !notSent };
    }
  }

  private async onMessage(frame: WsFrame<AibotBody>): Promise<void> {
    const body = frame.body;
    if (!body) return;
    let turn: ReturnType<typeof startTurn>;
    try {
      turn = startTurn(body, this.o);
    } catch (err) {
      log.error('wecom message not stored; it is lost unless WeCom re-sends it', { msgid: body.msgid, err: errText(err) });
      return;
    }
    if (turn.kind !== 'reply') return;
    const streamId = randomBytes(12).toString('hex');
    // Placeholder-then-answer: a quick answer goes out as one final frame; a slow one gets a
    // placeholder frame first so the user sees the bot is on it.
    const first = await within(turn.answer, this.o.placeholderAfterMs ?? 1000);
    if (first.late) {
      await this.client
        .replyStream(frame, streamId, this.o.placeholder ?? '正在查询，请稍候…', false)
        .catch((e: unknown) => log.warn('wecom placeholder frame failed', { msgid: turn.msgid, err: errText(e) }));
    }
    const answer = await turn.answer;
    const { first: head, rest } = fitStream(answer, true);
    try {
      await this.client.replyStream(frame, streamId, head, true);
    } catch (err) {
      if (err && typeof err === 'object' && 'errcode' in err) {
        // WeCom refused the frame (846608 stream expired, 846605 invalid req_id): the user has
        // not seen the answer, so post it proactively.
        log.warn('wecom stream reply refused, sending proactively', { msgid: turn.msgid, err: errText(err) });
        rest.unshift(head);
      } else {
        // ack timeout or connection lost: the frame may well have arrived; resending could
        // duplicate the answer, so log and stop here.
        log.warn('wecom stream reply unconfirmed', { msgid: turn.msgid, err: errText(err) });
        turn.done();
        return;
      }
    }
    turn.done();
    for (const part of rest) {
      const r = await this.sendMarkdown(turn.chatId, part);
      if (!r.ok) log.warn('wecom follow-up message failed', { msgid: turn.msgid, err: r.error });
    }
  }

  /** Answers what the last run acknowledged and did not finish, in arrival order, proactively
   * (aibot_send_msg; the SDK queues nothing while disconnected, so call it once authenticated). */
  async replay(): Promise<number> {
    const turns = replayTurns(this.o);
    if (turns.length) log.info('wecom: processing messages left unfinished by the last run', { count: turns.length });
    for (const t of turns) {
      const { first, rest } = fitStream(await t.answer(), true);
      for (const part of [first, ...rest]) {
        const r = await this.sendMarkdown(t.chatId, part);
        if (!r.ok) log.warn('wecom answer to a message from before the restart not sent', { msgid: t.msgid, err: r.error });
      }
      t.done();
    }
    return turns.length;
  }
}
