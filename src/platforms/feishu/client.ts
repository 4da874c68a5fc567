// Outbound Open API calls through the official SDK Client, with what the SDK leaves out:
// an HTTP timeout, token eviction + one retry on 99991663/99991664 (the SDK caches a revoked
// token until restart), retry with backoff on 230020 and HTTP 429 (honouring
// x-ogw-ratelimit-reset), sliding-window limits per chat (5/s) and per app, and errors that say
// what an administrator has to fix (230002 bot not in chat, 99991672 missing scopes).
import * as lark from '@larksuiteoapi/node-sdk';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { log } from '../../log.ts';
import type { FeishuConfig } from './config.ts';
import { KeyedLimiter, RateLimiter } from './limiter.ts';

export const TOKEN_INVALID_CODES = new Set([99991663, 99991664, 99991661]);
export const CODE_RATE_LIMIT = 99991400;
export const CODE_CHAT_RATE_LIMIT = 230020;
export const CODE_BOT_NOT_IN_CHAT = 230002;
export const CODE_MISSING_SCOPE = 99991672;
export const CODE_CONTENT_TOO_LONG = 230025;

/** Admin-facing explanations (Chinese: the people fixing it read Chinese). */
export function adminHint(code: number | undefined, scopes?: string[]): string | undefined {
  switch (code) {
    case CODE_BOT_NOT_IN_CHAT:
      return '机器人不在这个群里（或已被移出）。请群主/管理员在群设置 → 群机器人 → 添加机器人，把本应用加进群。';
    case CODE_MISSING_SCOPE:
      return `应用缺少权限${scopes?.length ? `（${scopes.join('、')}）` : ''}。请在飞书开放平台 → 权限管理中开通，并创建版本发布后生效。`;
    case 230006:
      return '应用未启用机器人能力。请在开放平台 → 应用能力 → 添加“机器人”，并发布版本。';
    case 230013:
      return '接收人不在应用的可用范围内。请在开放平台 → 版本管理与发布中调整可用范围并发布。';
    case 230018:
    case 230035:
      return '群设置不允许机器人发言（可能已禁言）。请群管理员检查群设置。';
    case 230027:
      return '没有权限在该会话发消息（如外部群）。请检查应用权限与群类型。';
    case 99991663:
    case 99991664:
    case 99991661:
    case 10003:
    case 10014:
      return '访问凭证无效。请检查 FEISHU_APP_ID / FEISHU_APP_SECRET 是否正确、应用是否已停用。';
    default:
      return undefined;
  }
}

export class FeishuApiError extends Error {
  constructor(
    readonly op: string,
    readonly code: number | undefined,
    readonly msg: string,
    readonly httpStatus: number | undefined,
    readonly logId: string | undefined,
    readonly retryable: boolean,
    readonly scopes: string[] = [],
  ) {
    super(`feishu ${op} failed: ${code !== undefined ? `code ${code}` : `http ${httpStatus ?? 'error'}`} ${msg}`);
    this.name = 'FeishuApiError';
  }
  get hint(): string | undefined {
    return adminHint(this.code, this.scopes);
  }
}

/** Token cache handed to the SDK so we can evict the tenant token on 99991663 (the SDK never
 * does), and so two clients for the same app id never share the module-global cache. */
export class TokenCache {
  private readonly values = new Map<string, { value: unknown; expiresAt?: number }>();
  private k(key: string | symbol, ns?: string) {
    return `${ns ?? ''}/${key.toString()}`;
  }
  async get(key: string | symbol, options?: { namespace?: string }): Promise<unknown> {
    const e = this.values.get(this.k(key, options?.namespace));
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt <= Date.now()) return undefined;
    return e.value;
  }
  async set(key: string | symbol, value: unknown, expire?: number, options?: { namespace?: string }): Promise<boolean> {
    this.values.set(this.k(key, options?.namespace), expire ? { value, expiresAt: expire } : { value });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
}

/** The SDK wants an axios-like instance that resolves to the body (not the AxiosResponse). A
 * bare axios.create() breaks token fetching; the SDK's default has no timeout at all. */
export function makeHttpInstance(timeoutMs: number): AxiosInstance {
  // Keep-alive: a reminder run or a busy group is many calls to one host; a new TCP (and TLS)
  // connection per call was most of the cost of a reply.
  const h = axios.create({
    timeout: timeoutMs,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  });
  h.interceptors.response.use((resp) => {
    if ((resp.config as unknown as Record<string, unknown>)['$return_headers']) return { data: resp.data, headers: resp.headers } as never;
    return resp.data;
  });
  return h;
}

const SECRETS = [/Bearer\s+[\w.\-]+/gi, /("?(?:app_?secret|AppSecret|tenant_access_token)"?\s*[:=]\s*)"?[^",}\s]+"?/gi];
function scrub(s: string): string {
  return SECRETS.reduce((acc, re) => acc.replace(re, (_m, p1?: string) => (typeof p1 === 'string' ? `${p1}***` : 'Bearer ***')), s);
}
function describe(arg: unknown): string {
  if (Array.isArray(arg)) return arg.map(describe).join(' ');
  if (arg instanceof Error) {
    const r = (arg as { response?: { status?: number; data?: { code?: number; msg?: string } } }).response;
    return r ? `${arg.message} (http ${r.status}, code ${r.data?.code ?? '?'}: ${r.data?.msg ?? ''})` : arg.message;
  }
  if (typeof arg === 'string') return arg;
  try {
    return JSON.stringify(arg)?.slice(0, 500) ?? String(arg);
  } catch {
    return String(arg);
  }
}

function hasResponse(a: unknown[]): boolean {
  return a.flat(3).some((x) => x instanceof Error && 'response' in x && !!(x as { response?: unknown }).response);
}

/** Routes SDK log lines into our JSON log, without request configs (they carry the token). */
export const sdkLogger = {
  // API errors are rethrown by the SDK and logged by FeishuApi.call with context; keep them at debug.
  error: (...a: unknown[]) => (hasResponse(a) ? log.debug : log.warn)('feishu sdk', { detail: scrub(a.map(describe).join(' ')) }),
  warn: (...a: unknown[]) => log.warn('feishu sdk', { detail: scrub(a.map(describe).join(' ')) }),
  info: (...a: unknown[]) => log.debug('feishu sdk', { detail: scrub(a.map(describe).join(' ')) }),
  debug: (...a: unknown[]) => log.debug('feishu sdk', { detail: scrub(a.map(describe).join(' ')) }),
  trace: () => undefined,
};

export interface FeishuApiOptions {
  timeoutMs?: number;
  perChatPerSecond?: number;
  perAppPerSecond?: number;
  /** Retries after the first attempt for rate limits and network errors. */
  maxRetries?: number;
  /** Base backoff for 230020 / network errors (doubles each try). */
  backoffMs?: number;
  /** Upper bound on how long we honour x-ogw-ratelimit-reset. */
  maxWaitMs?: number;
}

interface ApiBody {
  code?: number;
  msg?: string;
  data?: unknown;
  error?: { log_id?: string; permission_violations?: { subject?: string }[] };
  [k: string]: unknown;
}

export interface SentMessage {
  messageId: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FeishuApi {
  readonly client: lark.Client;
  readonly http: AxiosInstance;
  readonly tokens = new TokenCache();
  private readonly perChat: KeyedLimiter;
  private readonly perApp: RateLimiter;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;

  constructor(
    readonly config: FeishuConfig,
    opts: FeishuApiOptions = {},
  ) {
    this.http = makeHttpInstance(opts.timeoutMs ?? 10_000);
    // 1.1 s windows: network jitter must not squeeze six of our sends into one of Feishu's seconds.
    this.perChat = new KeyedLimiter(opts.perChatPerSecond ?? 5, 1100);
    this.perApp = new RateLimiter(opts.perAppPerSecond ?? 40);
    this.maxRetries = opts.maxRetries ?? 3;
    this.backoffMs = opts.backoffMs ?? 1000;
    this.maxWaitMs = opts.maxWaitMs ?? 30_000;
    this.client = new lark.Client({
      appId: config.appId,
      appSecret: config.appSecret,
      appType: lark.AppType.SelfBuild,
      domain: config.domain,
      cache: this.tokens as unknown as lark.Cache,
      httpInstance: this.http as unknown as lark.HttpInstance,
      logger: sdkLogger,
      loggerLevel: lark.LoggerLevel.warn,
      source: 'duban',
    });
  }

  /** The bot's own identity: open_id is what @-detection compares against. */
  async botInfo(opts: { retries?: number } = {}): Promise<{ openId: string; name: string; activateStatus?: number }> {
    const body = await this.call('bot.info', undefined, () => this.client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }) as Promise<ApiBody>, opts.retries);
    const bot = body.bot as { open_id?: string; app_name?: string; activate_status?: number } | undefined;
    if (!bot?.open_id) throw new FeishuApiError('bot.info', body.code, 'no bot.open_id in response (is the bot capability enabled?)', 200, undefined, false);
    return { openId: bot.open_id, name: bot.app_name ?? '', ...(bot.activate_status !== undefined ? { activateStatus: bot.activate_status } : {}) };
  }

  /** A user's display name: contact:contact.base:readonly to call, field scope contact:user.base:readonly
   * for `name` (without it the call succeeds and the name is absent: undefined). */
  async userName(openId: string, opts: { quiet?: boolean } = {}): Promise<string | undefined> {
    const body = await this.call(
      'contact.user',
      undefined,
      () => this.client.request({ method: 'GET', url: `/open-apis/contact/v3/users/${encodeURIComponent(openId)}`, params: { user_id_type: 'open_id' } }) as Promise<ApiBody>,
      0,
      opts.quiet,
    );
    return (body.data as { user?: { name?: string } } | undefined)?.user?.name || undefined;
  }

  async sendToChat(chatId: string, msgType: 'text' | 'interactive' | 'post', content: string, uuid: string): Promise<SentMessage> {
    const body = await this.call('message.create', chatId, () =>
      this.client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: msgType, content, uuid },
      }) as Promise<ApiBody>,
    );
    return { messageId: (body.data as { message_id?: string } | undefined)?.message_id ?? '' };
  }

  async reply(messageId: string, chatId: string, msgType: 'text' | 'interactive' | 'post', content: string, uuid: string): Promise<SentMessage> {
    const body = await this.call('message.reply', chatId, () =>
      this.client.im.v1.message.reply({
        path: { message_id: messageId },
        data: { msg_type: msgType, content, uuid, reply_in_thread: false },
      }) as Promise<ApiBody>,
    );
    return { messageId: (body.data as { message_id?: string } | undefined)?.message_id ?? '' };
  }

  /** The bytes of an image or file in a message (GET /open-apis/im/v1/messages/:message_id/
   * resources/:file_key?type=image|file; needs im:message or im:message:readonly; the bot must be
   * in the chat). Read as a stream and cut off past `maxBytes`: `tooBig` instead of the bytes. */
  async downloadResource(messageId: string, fileKey: string, type: 'image' | 'file', maxBytes: number): Promise<{ bytes: Buffer } | { tooBig: true }> {
    const body = await this.call('message.resource', undefined, async () => {
      let res: { getReadableStream: () => NodeJS.ReadableStream; headers?: Record<string, unknown> };
      try {
        res = await this.client.im.v1.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type } });
      } catch (e) {
        // responseType is a stream, errors included: read the JSON body so call() sees the code
        // (token eviction, missing scope) instead of an opaque stream.
        const r = (e as { response?: { data?: unknown } }).response;
        if (r && r.data && typeof (r.data as NodeJS.ReadableStream).on === 'function') r.data = await jsonOf(r.data as NodeJS.ReadableStream);
        throw e;
      }
      const declared = Number(headerOf(res.headers, 'content-length'));
      const stream = res.getReadableStream() as NodeJS.ReadableStream & { destroy?: () => void };
      if (Number.isFinite(declared) && declared > maxBytes) {
        stream.destroy?.();
        return { code: 0, tooBig: true };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of stream) {
        const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
        size += b.length;
        if (size > maxBytes) {
          stream.destroy?.();
          return { code: 0, tooBig: true };
        }
        chunks.push(b);
      }
      return { code: 0, bytes: Buffer.concat(chunks) };
    });
    return body.tooBig ? { tooBig: true } : { bytes: body.bytes as Buffer };
  }

  /** Update a card in place (the card must have been sent with update_multi: true). */
  async patchCard(messageId: string, card: object): Promise<void> {
    await this.call('message.patch', `msg:${messageId}`, () =>
      this.client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }) as Promise<ApiBody>,
    );
  }

  /**
   * One logical call: limits, then attempts. Throws FeishuApiError for anything non-zero.
   * Every send carries a uuid, so retrying after a timeout never doubles a message.
   */
  async call(op: string, limitKey: string | undefined, fn: () => Promise<ApiBody>, maxRetries = this.maxRetries, /** the caller reports the error itself (doctor's probes) */ quiet = false): Promise<ApiBody> {
    let tokenRetried = false;
    for (let attempt = 0; ; attempt++) {
      if (limitKey) await this.perChat.take(limitKey);
      await this.perApp.take();
      let err: FeishuApiError;
      let waitMs: number | undefined;
      try {
        const body = await fn();
        if (body && (body.code === undefined || body.code === 0)) return body;
        err = toApiError(op, body, 200);
      } catch (e) {
        const r = (e as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> } }).response;
        if (r) {
          err = toApiError(op, (r.data ?? {}) as ApiBody, r.status);
          const reset = Number(headerOf(r.headers, 'x-ogw-ratelimit-reset'));
          if (r.status === 429 || err.code === CODE_RATE_LIMIT) waitMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : this.backoffMs;
        } else if (/tenant_access_token, code: (\d+)/.test(String((e as Error)?.message))) {
          // The SDK's token fetch got an answer and a refusal (10014 wrong secret, 10003 bad
          // app id): it throws a bare Error. Permanent — waiting will not fix the secret.
          const code = Number(/tenant_access_token, code: (\d+)/.exec(String((e as Error).message))![1]);
          err = new FeishuApiError(op, code, (e as Error).message, 200, undefined, false);
        } else {
          // Timeout, connection refused/reset: the request may or may not have landed.
          err = new FeishuApiError(op, undefined, e instanceof Error ? e.message : String(e), undefined, undefined, true);
        }
      }
      if (err.code !== undefined && TOKEN_INVALID_CODES.has(err.code) && !tokenRetried) {
        tokenRetried = true;
        this.tokens.clear();
        log.warn('feishu token rejected; evicted cached token, retrying once', { op, code: err.code, logId: err.logId });
        attempt--;
        continue;
      }
      const retryable = err.retryable || err.code === CODE_CHAT_RATE_LIMIT || waitMs !== undefined;
      if (!retryable || attempt >= maxRetries) {
        if (!quiet) logFailure(err, limitKey);
        throw err;
      }
      const delay = Math.min(this.maxWaitMs, waitMs ?? this.backoffMs * 2 ** attempt);
      log.warn('feishu call throttled or failed; retrying', { op, code: err.code, http: err.httpStatus, attempt: attempt + 1, delayMs: delay, logId: err.logId });
      await sleep(delay);
    }
  }
}

async function jsonOf(stream: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = Buffer.isBuffer(c) ? c : Buffer.from(c as string);
    if ((size += b.length) > 64 * 1024) break; // an error body is small; never buffer a file here
    chunks.push(b);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return {};
  }
}

function headerOf(headers: Record<string, unknown> | undefined, name: string): unknown {
  if (!headers) return undefined;
  const h = headers as { get?: (n: string) => unknown };
  if (typeof h.get === 'function') return h.get(name);
  return headers[name];
}

function toApiError(op: string, body: ApiBody, status: number | undefined): FeishuApiError {
  const code = typeof body.code === 'number' ? body.code : undefined;
  const scopes = (body.error?.permission_violations ?? []).map((v) => v.subject ?? '').filter(Boolean);
  const retryable = code === CODE_CHAT_RATE_LIMIT || code === CODE_RATE_LIMIT || status === 429 || (status !== undefined && status >= 500);
  return new FeishuApiError(op, code, String(body.msg ?? ''), status, body.error?.log_id, retryable, scopes);
}

function logFailure(err: FeishuApiError, key: string | undefined): void {
  const fields = { op: err.op, code: err.code, http: err.httpStatus, apiMsg: err.msg, logId: err.logId, chat: key };
  if (err.code === CODE_BOT_NOT_IN_CHAT) log.error('feishu: bot is not in the chat (230002); add the bot to the group', fields);
  else if (err.code === CODE_MISSING_SCOPE) log.error('feishu: app is missing scopes (99991672); enable them and publish a version', { ...fields, scopes: err.scopes });
  else log.error('feishu call failed', fields);
}
