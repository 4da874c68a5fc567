// Client of the group webhook (群机器人 / 消息推送): POST {base}/cgi-bin/webhook/send?key=KEY.
// - text (≤ 2,048 bytes) with mentioned_list (userids, "@all") for real @-notifications, or
//   markdown (≤ 4,096 bytes) with <@userid>; longer content is split on line boundaries.
// - 20 messages/min per key (DOC 99110): a per-key FIFO queue with a sliding 60-s window, so
//   bursts never reach WeCom's limit (a token bucket of 20 refilling continuously would let
//   more than 20 through in some 60-s window). A 45009 anyway → wait out the window, retry.
// - 93000 (key invalid / webhook removed from the group) and other errcodes are permanent and
//   reported (invalidKey marks 93000 so the caller alerts the admins).
// - The webhook has no idempotency key, so a retry is blind: only failures known to have happened
//   before WeCom could accept the message are retried here (connection refused or any error
//   before the request was fully written, errcode -1 / 45009 / 45033, HTTP 5xx carrying an
//   errcode). A reset, a timeout or a bare gateway 5xx after the request was written is
//   reported as `uncertain` at once and never retried by this client (issue 10, Build 3).
// The key is a secret: it appears only in the request URL, never in logs or errors (masked).
import { z } from 'zod';
import { getGlobalDispatcher, request, type Dispatcher } from 'undici';
import { log } from '../../log.ts';
import { splitByBytes } from './split.ts';
import { maskKey } from './webhookStore.ts';

/** WeCom's answer `{errcode, errmsg}`. errcode is a number; a gateway may hand it on as a numeric
 * string. Anything else (HTML from a proxy, an errcode of another type) is no WeCom answer. */
const answerSchema = z.looseObject({
  errcode: z.union([z.number(), z.string().regex(/^\s*-?\d+\s*$/).transform(Number)]).optional(),
  errmsg: z.unknown().optional().transform((v) => (v === undefined || v === null ? '' : String(v))),
});

export function parseAnswer(text: string): { errcode?: number; errmsg: string } | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = answerSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}

export const TEXT_MAX_BYTES = 2048;
export const MARKDOWN_MAX_BYTES = 4096;
export const PER_MINUTE = 20;

export const ERR_RATE_LIMIT = 45009;
export const ERR_INVALID_KEY = 93000;
/** errcodes that mean the webhook can no longer post into its group */
const DEAD_KEY = new Set([93000, 93004, 93008]);

export interface WebhookClientOptions {
  /** e.g. https://qyapi.weixin.qq.com (WECOM_WEBHOOK_BASE) */
  base: string;
  timeoutMs?: number;
  perMinute?: number;
  windowMs?: number;
  /** wait after a 45009 before retrying (WeCom blocks for the rest of the minute) */
  rateLimitWaitMs?: number;
  /** attempts per message for transient failures (network, 5xx, -1) */
  maxAttempts?: number;
  /** attempts per message when WeCom answers 45009 */
  maxRateLimitRetries?: number;
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type WebhookOutcome =
  | { ok: true; errcode: 0 }
  | {
      ok: false;
      errcode?: number;
      error: string;
      retryable: boolean;
      invalidKey: boolean;
      /** the request was written and no answer came back: WeCom may have posted it */
      uncertain: boolean;
    };

/** Per-part hooks of sendText / sendMarkdown (the outbox's part progress). */
export interface PartHooks {
  /** part already accepted earlier: not sent, counted as sent */
  skip?(index: number): boolean;
  /** right before the part's first HTTP attempt; false = stop (the caller lost the message) */
  before?(index: number): boolean;
  /** the part was accepted */
  sent?(index: number): void;
}

export interface WebhookSendResult {
  ok: boolean;
  /** parts delivered */
  sent: number;
  parts: number;
  failure?: Extract<WebhookOutcome, { ok: false }>;
}

export type WebhookPayload =
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
  | { msgtype: 'markdown'; markdown: { content: string } };

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class WebhookClient {
  private readonly o: Required<WebhookClientOptions>;
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly sentAt = new Map<string, number[]>();

  constructor(opts: WebhookClientOptions) {
    this.o = {
      timeoutMs: 10_000,
      perMinute: PER_MINUTE,
      windowMs: 60_000,
      rateLimitWaitMs: 60_000,
      maxAttempts: 4,
      maxRateLimitRetries: 3,
      backoffMs: 1000,
      now: Date.now,
      sleep: realSleep,
      ...opts,
      base: opts.base.replace(/\/+$/, ''),
    };
  }

  /** Text with real @ of `mentionedList` (userids). Split parts carry the mentions on the first. */
  sendText(key: string, content: string, mentionedList: string[] = [], hooks: PartHooks = {}): Promise<WebhookSendResult> {
    const parts = splitByBytes(content, TEXT_MAX_BYTES);
    return this.sendParts(
      key,
      parts.map((p, i): WebhookPayload => ({
        msgtype: 'text',
        text: i === 0 && mentionedList.length ? { content: p, mentioned_list: mentionedList } : { content: p },
      })),
      hooks,
    );
  }

  /** Markdown (v1 subset); `<@userid>` in the content @-s that member. */
  sendMarkdown(key: string, content: string, hooks: PartHooks = {}): Promise<WebhookSendResult> {
    const parts = splitByBytes(content, MARKDOWN_MAX_BYTES);
    return this.sendParts(key, parts.map((p): WebhookPayload => ({ msgtype: 'markdown', markdown: { content: p } })), hooks);
  }

  private async sendParts(key: string, payloads: WebhookPayload[], hooks: PartHooks): Promise<WebhookSendResult> {
    let sent = 0;
    for (const [i, p] of payloads.entries()) {
      if (hooks.skip?.(i)) {
        sent++;
        continue;
      }
      const r = await this.post(key, p, hooks.before && (() => hooks.before!(i)));
      if (!r.ok) return { ok: false, sent, parts: payloads.length, failure: r };
      hooks.sent?.(i);
      sent++;
    }
    return { ok: true, sent, parts: payloads.length };
  }

  /** One message through the key's queue: paced, retried, classified. `before` runs once, after
   * the queue and the pacing, right before the first HTTP attempt. */
  post(key: string, payload: WebhookPayload, before?: () => boolean): Promise<WebhookOutcome> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const run = prev.then(() => this.deliver(key, payload, before));
    const tail = run.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return run;
  }

  private async pace(key: string): Promise<void> {
    for (;;) {
      const now = this.o.now();
      const times = (this.sentAt.get(key) ?? []).filter((t) => now - t < this.o.windowMs);
      this.sentAt.set(key, times);
      if (times.length < this.o.perMinute) {
        times.push(now);
        return;
      }
      await this.o.sleep(times[0]! + this.o.windowMs - now + 1);
    }
  }

  private async deliver(key: string, payload: WebhookPayload, before?: () => boolean): Promise<WebhookOutcome> {
    const hook = maskKey(key);
    let attempts = 0;
    let rateLimited = 0;
    for (;;) {
      await this.pace(key);
      if (attempts === 0 && rateLimited === 0 && before && !before())
        return { ok: false, error: 'sender no longer owns this message', retryable: false, invalidKey: false, uncertain: false };
      attempts++;
      const r = await this.once(key, payload);
      if (r.ok) return r;
      if (r.uncertain) {
        log.warn('wecom webhook send outcome unknown; not retrying (no idempotency key)', { hook, err: r.error });
        return r;
      }
      if (r.errcode === ERR_RATE_LIMIT && rateLimited < this.o.maxRateLimitRetries) {
        rateLimited++;
        attempts--;
        log.warn('wecom webhook rate limited, waiting', { hook, waitMs: this.o.rateLimitWaitMs });
        // WeCom counts this minute as used up: so do we
        this.sentAt.set(key, Array.from({ length: this.o.perMinute }, () => this.o.now()));
        await this.o.sleep(this.o.rateLimitWaitMs);
        continue;
      }
      if (r.retryable && r.errcode !== ERR_RATE_LIMIT && attempts < this.o.maxAttempts) {
        const wait = this.o.backoffMs * 2 ** (attempts - 1) * (0.8 + Math.random() * 0.4);
        log.warn('wecom webhook send failed, retrying', { hook, attempt: attempts, err: r.error });
        await this.o.sleep(wait);
        continue;
      }
      log[r.invalidKey ? 'error' : 'warn']('wecom webhook send failed', { hook, errcode: r.errcode, err: r.error, attempts });
      return r;
    }
  }

  private async once(key: string, payload: WebhookPayload): Promise<WebhookOutcome> {
    const url = `${this.o.base}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
    const scrub = (s: string) => s.split(key).join(maskKey(key));
    const written = writtenTracker();
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.o.timeoutMs),
        dispatcher: written.dispatcher,
      });
      const body = parseAnswer(await res.body.text());
      const errcode = body?.errcode ?? NaN;
      if (Number.isNaN(errcode)) {
        // No WeCom answer in the body. A 4xx is a refusal by whatever answered; a 5xx or a 2xx
        // without errcode comes from a gateway that may have forwarded the message.
        const refused = res.statusCode >= 400 && res.statusCode < 500;
        return { ok: false, error: `HTTP ${res.statusCode}, no errcode`, retryable: false, invalidKey: false, uncertain: !refused };
      }
      if (errcode === 0 && res.statusCode < 300) return { ok: true, errcode: 0 };
      const errmsg = scrub(body?.errmsg ?? '');
      return {
        ok: false,
        errcode,
        error: `${res.statusCode >= 500 ? `HTTP ${res.statusCode} ` : ''}errcode ${errcode}: ${errmsg}`,
        retryable: errcode === -1 || errcode === ERR_RATE_LIMIT || errcode === 45033 || res.statusCode >= 500,
        invalidKey: DEAD_KEY.has(errcode),
        uncertain: false,
      };
    } catch (err) {
      const e = err as { name?: string; code?: string; message?: string };
      const what = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : (e.code ?? e.name ?? 'network error');
      // Before the whole request was written WeCom cannot have taken it; after, it may have.
      const uncertain = written.done();
      return { ok: false, error: scrub(`${what}${uncertain ? ' after the request was sent' : ''}: ${e.message ?? String(err)}`), retryable: !uncertain, invalidKey: false, uncertain };
    }
  }
}

/** A dispatcher that notes when undici has handed the whole request (headers and body) to the
 * socket (its documented onRequestSent handler callback), around the global dispatcher. */
function writtenTracker(base: Dispatcher = getGlobalDispatcher()): { dispatcher: Dispatcher; done(): boolean } {
  let written = false;
  const dispatcher = {
    dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) {
      const h = handler as unknown as Record<string | symbol, unknown>;
      const wrapped = new Proxy(h, {
        get(target, prop) {
          if (prop === 'onRequestSent')
            return () => {
              written = true;
              return (target.onRequestSent as (() => unknown) | undefined)?.call(target);
            };
          const v = target[prop];
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
        has: (target, prop) => prop === 'onRequestSent' || prop in target,
      });
      return base.dispatch(opts, wrapped as unknown as Dispatcher.DispatchHandler);
    },
  };
  return { dispatcher: dispatcher as unknown as Dispatcher, done: () => written };
}
