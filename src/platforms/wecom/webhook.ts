// Client of the group webhook (群机器人 / 消息推送): POST {base}/cgi-bin/webhook/send?key=KEY.
// - text (≤ 2,048 bytes) with mentioned_list (userids, "@all") for real @-notifications, or
//   markdown (≤ 4,096 bytes) with <@userid>; longer content is split on line boundaries.
// - 20 messages/min per key (DOC 99110): a per-key FIFO queue with a sliding 60-s window, so
//   bursts never reach WeCom's limit (a token bucket of 20 refilling continuously would let
//   more than 20 through in some 60-s window). A 45009 anyway → wait out the window, retry.
// - 93000 (key invalid / webhook removed from the group) and other errcodes are permanent and
//   reported (invalidKey marks 93000 so the caller alerts the admins); network errors, timeouts,
//   HTTP 5xx and errcode -1 are retried with exponential backoff.
// The key is a secret: it appears only in the request URL, never in logs or errors (masked).
import { request } from 'undici';
import { log } from '../../log.ts';
import { splitByBytes } from './split.ts';
import { maskKey } from './webhookStore.ts';

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
  | { ok: false; errcode?: number; error: string; retryable: boolean; invalidKey: boolean };

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
  sendText(key: string, content: string, mentionedList: string[] = []): Promise<WebhookSendResult> {
    const parts = splitByBytes(content, TEXT_MAX_BYTES);
    return this.sendParts(
      key,
      parts.map((p, i): WebhookPayload => ({
        msgtype: 'text',
        text: i === 0 && mentionedList.length ? { content: p, mentioned_list: mentionedList } : { content: p },
      })),
    );
  }

  /** Markdown (v1 subset); `<@userid>` in the content @-s that member. */
  sendMarkdown(key: string, content: string): Promise<WebhookSendResult> {
    const parts = splitByBytes(content, MARKDOWN_MAX_BYTES);
    return this.sendParts(key, parts.map((p): WebhookPayload => ({ msgtype: 'markdown', markdown: { content: p } })));
  }

  private async sendParts(key: string, payloads: WebhookPayload[]): Promise<WebhookSendResult> {
    let sent = 0;
    for (const p of payloads) {
      const r = await this.post(key, p);
      if (!r.ok) return { ok: false, sent, parts: payloads.length, failure: r };
      sent++;
    }
    return { ok: true, sent, parts: payloads.length };
  }

  /** One message through the key's queue: paced, retried, classified. */
  post(key: string, payload: WebhookPayload): Promise<WebhookOutcome> {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const run = prev.then(() => this.deliver(key, payload));
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

  private async deliver(key: string, payload: WebhookPayload): Promise<WebhookOutcome> {
    const hook = maskKey(key);
    let attempts = 0;
    let rateLimited = 0;
    for (;;) {
      await this.pace(key);
      attempts++;
      const r = await this.once(key, payload);
      if (r.ok) return r;
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
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.o.timeoutMs),
      });
      const text = await res.body.text();
      if (res.statusCode >= 500) return { ok: false, error: `HTTP ${res.statusCode}`, retryable: true, invalidKey: false };
      let body: { errcode?: unknown; errmsg?: unknown };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return { ok: false, error: `HTTP ${res.statusCode}, not JSON`, retryable: res.statusCode >= 500, invalidKey: false };
      }
      const errcode = typeof body.errcode === 'number' ? body.errcode : Number(body.errcode);
      if (errcode === 0) return { ok: true, errcode: 0 };
      const errmsg = scrub(String(body.errmsg ?? ''));
      return {
        ok: false,
        errcode,
        error: `errcode ${errcode}: ${errmsg}`,
        retryable: errcode === -1 || errcode === ERR_RATE_LIMIT || errcode === 45033,
        invalidKey: DEAD_KEY.has(errcode),
      };
    } catch (err) {
      const e = err as { name?: string; code?: string; message?: string };
      const what = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : (e.code ?? e.name ?? 'network error');
      return { ok: false, error: scrub(`${what}: ${e.message ?? String(err)}`), retryable: true, invalidKey: false };
    }
  }
}
