// A local fake of the Feishu Open API and of the long-connection gateway, faithful enough that
// the real SDK runs against it unmodified (FEISHU_DOMAIN = fake.baseUrl). It answers errors the
// way production does (HTTP 400 + {code,msg,error:{log_id}}, 429 + x-ogw-ratelimit-reset),
// enforces uuid idempotency and the per-chat 5/s limit, and records every message.
import { createServer, type IncomingMessage as Req, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, headerOf, type Frame } from './pbbp2.ts';
import { APP_ID, APP_SECRET, BOT_OPEN_ID } from './events.ts';

export interface Recorded {
  kind: 'create' | 'reply' | 'patch';
  messageId: string;
  chatId: string;
  msgType: string;
  /** content parsed from its JSON string */
  content: any;
  uuid?: string;
  replyTo?: string;
  at: number;
  /** who the message really @-s, as the client would render it: <at user_id="…"> in text,
   * <at id=…> / <at user_id=…> / <at email=…> in card markdown ("all" = everyone) */
  mentions: string[];
}

/** Mention tags anywhere in the message's strings (the reference, §3.3). */
export function mentionsIn(content: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/<at\s+(?:user_id|id|open_id|email)\s*=\s*"?([^"\s>]+)"?[^>]*>/g)) out.push(m[1]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(content);
  return out;
}

export interface Fault {
  /** 'token' | 'bot.info' | 'create' | 'reply' | 'patch' | 'chats' | 'endpoint' */
  op: string;
  status: number;
  code: number;
  msg?: string;
  headers?: Record<string, string>;
  times?: number;
  extra?: Record<string, unknown>;
  /** never answer (the caller's timeout must end the wait); status/code are then unused */
  hang?: boolean;
}

export interface Ack {
  code: number;
  data?: unknown;
}

let logSeq = 0;

/** "Get a single user" (contact/v3/users/:user_id): any one of these lets the app call it. */
export const CONTACT_API_SCOPES = ['contact:contact.base:readonly', 'contact:contact:access_as_app', 'contact:contact:readonly', 'contact:contact:readonly_as_app'];
/** Field scope: without it the user comes back without `name`. */
export const CONTACT_NAME_SCOPE = 'contact:user.base:readonly';

export class FakeFeishu {
  baseUrl = '';
  readonly messages: Recorded[] = [];
  readonly requests: { method: string; path: string; op: string; auth?: string }[] = [];
  tokenRequests = 0;
  private tokenSeq = 0;
  private validTokens = new Set<string>();
  /** uuid → first message and when: Feishu succeeds a uuid at most once within one hour */
  private uuids = new Map<string, { messageId: string; at: number }>();
  uuidWindowMs = 3600_000;
  /** called when a message is created, before the answer is written (tests kill a sender then) */
  onCreated?: (m: Recorded) => void | Promise<void>;
  /** the next N created messages are recorded, then their connection is dropped unanswered */
  dropAfterCreate = 0;
  private faults: Fault[] = [];
  private chatSends = new Map<string, number[]>();
  private nextMsg = 1;
  /** chats the bot is NOT in (230002) */
  readonly botNotIn = new Set<string>();
  enforceChatLimit = true;
  /** open_id → name, for the contact API */
  readonly users = new Map<string, string>();
  /** Scopes the app was granted (a test deletes some). Only the contact API consults them:
   * any one of CONTACT_API_SCOPES to call it, CONTACT_NAME_SCOPE for the `name` field. */
  readonly scopes = new Set<string>([...CONTACT_API_SCOPES, CONTACT_NAME_SCOPE]);
  /** `${message_id}/${file_key}` → what GET …/messages/:message_id/resources/:file_key?type= serves */
  readonly resources = new Map<string, { type: 'image' | 'file'; bytes: Buffer; contentType?: string }>();
  private server: Server;
  private wss: WebSocketServer;
  readonly sockets: WebSocket[] = [];
  private pendingAcks = new Map<string, (a: Ack) => void>();
  readonly acks: { messageId: string; ack: Ack }[] = [];
  pings = 0;
  private wsSeq = 1;
  serviceId = 42;

  constructor(
    readonly appId = APP_ID,
    /** mutable: a test "fixes the secret" on the platform side */
    public appSecret = APP_SECRET,
  ) {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/ws' });
    this.wss.on('connection', (ws) => this.onSocket(ws));
  }

  /** `port`: a fixed one, for a bot that was started while nothing listened there. */
  async start(port = 0): Promise<this> {
    await new Promise<void>((r) => this.server.listen(port, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Make the next `times` calls of `op` fail like production would. */
  fail(f: Fault): void {
    this.faults.push({ times: 1, ...f });
  }

  /** Message id → chat id of messages users sent (events), so replies land in the right chat. */
  private readonly userMessages = new Map<string, string>();
  /** Call with every event envelope the test delivers (push() does it itself). */
  observe(envelope: any): void {
    const m = envelope?.event?.message;
    if (m?.message_id && m.chat_id) this.userMessages.set(m.message_id, m.chat_id);
    const c = envelope?.event?.context;
    if (c?.open_message_id && c.open_chat_id) this.userMessages.set(c.open_message_id, c.open_chat_id);
  }

  /** Revoke every issued token: the next API call with a cached token gets 99991663. */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  sent(chatId?: string): Recorded[] {
    return this.messages.filter((m) => m.kind !== 'patch' && (!chatId || m.chatId === chatId));
  }

  private takeFault(op: string): Fault | undefined {
    const i = this.faults.findIndex((f) => f.op === op);
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (--f.times! <= 0) this.faults.splice(i, 1);
    return f;
  }

  private async onRequest(req: Req, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, any>) : {};
    const url = new URL(req.url ?? '/', this.baseUrl);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(payload));
    };
    const error = (status: number, code: number, msg: string, headers?: Record<string, string>, extra: Record<string, unknown> = {}) =>
      send(status, { code, msg, error: { log_id: `log-${++logSeq}`, ...extra } }, headers);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const op =
      path === '/open-apis/auth/v3/tenant_access_token/internal' ? 'token'
      : path === '/open-apis/bot/v3/info' ? 'bot.info'
      : path === '/open-apis/im/v1/messages' && method === 'POST' ? 'create'
      : /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/.test(path) ? 'reply'
      : /^\/open-apis\/im\/v1\/messages\/[^/]+$/.test(path) && method === 'PATCH' ? 'patch'
      : path === '/open-apis/im/v1/chats' ? 'chats'
      : path === '/callback/ws/endpoint' ? 'endpoint'
      : /^\/open-apis\/contact\/v3\/users\/[^/]+$/.test(path) && method === 'GET' ? 'contact.user'
      : /^\/open-apis\/im\/v1\/messages\/[^/]+\/resources\/[^/]+$/.test(path) && method === 'GET' ? 'resource'
      : 'unknown';
    this.requests.push({ method, path, op, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
    const fault = this.takeFault(op);

    if (op === 'token') {
      this.tokenRequests++;
      if (fault) return error(fault.status, fault.code, fault.msg ?? 'fault');
      if (body.app_id !== this.appId || body.app_secret !== this.appSecret) return send(200, { code: 10014, msg: 'app secret invalid' });
      const t = `t-fake-${++this.tokenSeq}`;
      this.validTokens.add(t);
      return send(200, { code: 0, msg: 'ok', tenant_access_token: t, expire: 7200 });
    }
    if (op === 'endpoint') {
      if (fault) return send(200, { code: fault.code, msg: fault.msg ?? 'fault' });
      if (body.AppID !== this.appId || body.AppSecret !== this.appSecret) return send(200, { code: 514, msg: 'auth failed' });
      const port = (this.server.address() as AddressInfo).port;
      return send(200, {
        code: 0,
        msg: 'ok',
        data: {
          URL: `ws://127.0.0.1:${port}/ws?fpid=1&device_id=dev1&service_id=${this.serviceId}`,
          ClientConfig: { PingInterval: 1, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 },
        },
      });
    }
    if (op === 'unknown') return error(404, 404, 'not found');

    const auth = req.headers.authorization?.replace(/^Bearer /, '');
    if (!auth || !this.validTokens.has(auth)) return error(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    if (fault?.hang) return; // left open until stop() closes every connection
    if (fault) return error(fault.status, fault.code, fault.msg ?? 'fault', fault.headers, fault.extra);

    if (op === 'bot.info') return send(200, { code: 0, msg: 'ok', bot: { open_id: BOT_OPEN_ID, app_name: '督办助手', activate_status: 2, ip_white_list: [] } });
    if (op === 'contact.user') {
      // GET /open-apis/contact/v3/users/:user_id?user_id_type=open_id → data.user (contact:user.base:readonly)
      // The gateway checks the API scope before the user: 99991672 with the body of the
      // platform's "how to fix the 99991672 error" page (permission_violations, helps).
      if (!CONTACT_API_SCOPES.some((s) => this.scopes.has(s))) {
        return error(400, 99991672, `Access denied. One of the following scopes is required: [${CONTACT_API_SCOPES.join(', ')}].应用未获取所需的权限：[${CONTACT_API_SCOPES.join(', ')}]`, undefined, {
          message: 'Refer to the documentation to fix the error: https://open.feishu.cn/document/uAjLw4CM/ugTN1YjL4UTN24CO1UjN/trouble-shooting/how-to-fix-the-99991672-error',
          permission_violations: CONTACT_API_SCOPES.map((subject) => ({ type: 'action_scope_required', subject })),
          helps: [{ url: `https://open.feishu.cn/app/${this.appId}/auth?q=${CONTACT_API_SCOPES.join(',')}&op_from=openapi`, description: 'Learn more about scopes and how to add them' }],
        });
      }
      const id = decodeURIComponent(path.split('/').pop()!);
      const name = url.searchParams.get('user_id_type') === 'open_id' ? this.users.get(id) : undefined;
      if (name === undefined) return error(400, 41050, 'no user authority error');
      const fields = this.scopes.has(CONTACT_NAME_SCOPE) ? { name, en_name: '' } : {};
      return send(200, { code: 0, msg: 'success', data: { user: { open_id: id, ...fields } } });
    }
    if (op === 'resource') {
      // The file key must belong to that message and the type must be image or file (the
      // documented query parameter); error codes here are stand-ins, the JSON shape is real.
      const [, , , , , messageId, , fileKey] = path.split('/');
      const type = url.searchParams.get('type');
      if (type !== 'image' && type !== 'file') return error(400, 234001, 'Invalid request param: type');
      const r = this.resources.get(`${decodeURIComponent(messageId!)}/${decodeURIComponent(fileKey!)}`);
      if (!r || r.type !== type) return error(400, 234003, 'File not in msg.');
      res.writeHead(200, { 'content-type': r.contentType ?? 'application/octet-stream', 'content-length': String(r.bytes.length) });
      return void res.end(r.bytes);
    }
    if (op === 'chats') return send(200, { code: 0, msg: 'success', data: { items: [{ chat_id: 'oc_group1', name: '督办群' }], has_more: false } });

    if (op === 'create' || op === 'reply' || op === 'patch') {
      if (typeof body.content !== 'string') return error(400, 230001, 'content must be a JSON string');
      let content: any;
      try {
        content = JSON.parse(body.content);
      } catch {
        return error(400, 230001, 'content is not JSON');
      }
      const bytes = Buffer.byteLength(raw);
      const msgType: string = op === 'patch' ? 'interactive' : body.msg_type;
      if ((msgType === 'text' && bytes > 150 * 1024) || (msgType !== 'text' && bytes > 30 * 1024)) return error(400, 230025, 'message content too long');
      if (msgType === 'interactive' && content.schema === '2.0' && content.config?.update_multi === false) return error(400, 230099, 'update_multi must be true');
      const target = path.split('/')[5] ?? '';
      const replyTo = op === 'reply' ? target : undefined;
      const original = op === 'create' ? undefined : this.messages.find((m) => m.messageId === target);
      const chatId = op === 'create' ? String(body.receive_id) : original?.chatId ?? this.userMessages.get(target) ?? 'oc_unknown';
      if (op === 'create' && url.searchParams.get('receive_id_type') !== 'chat_id') return error(400, 230001, 'receive_id_type');
      if (this.botNotIn.has(chatId)) return error(400, 230002, 'Bot/User can NOT be out of the chat.');
      const seen = body.uuid ? this.uuids.get(body.uuid) : undefined;
      if (seen && Date.now() - seen.at < this.uuidWindowMs) {
        // Same uuid within an hour: succeeds at most once; the first message is returned.
        return send(200, { code: 0, msg: 'success', data: { message_id: seen.messageId, chat_id: chatId } });
      }
      if (op !== 'patch' && this.enforceChatLimit) {
        const now = Date.now();
        const recent = (this.chatSends.get(chatId) ?? []).filter((t) => now - t < 1000);
        if (recent.length >= 5) return error(400, 230020, 'This operation triggers the frequency limit.');
        recent.push(now);
        this.chatSends.set(chatId, recent);
      }
      const messageId = op === 'patch' ? target : `om_fake${this.nextMsg++}`;
      const recorded: Recorded = { kind: op, messageId, chatId, msgType, content, mentions: mentionsIn(content), ...(body.uuid ? { uuid: body.uuid } : {}), ...(replyTo ? { replyTo } : {}), at: Date.now() };
      this.messages.push(recorded);
      if (body.uuid) this.uuids.set(body.uuid, { messageId, at: Date.now() });
      if (this.onCreated) await this.onCreated(recorded);
      if (op === 'create' && this.dropAfterCreate > 0) {
        this.dropAfterCreate--;
        return void req.socket.destroy();
      }
      return send(200, { code: 0, msg: 'success', data: op === 'patch' ? {} : { message_id: messageId, chat_id: chatId, msg_type: msgType } });
    }
  }

  // --- long connection -------------------------------------------------------------------------

  private onSocket(ws: WebSocket): void {
    this.sockets.push(ws);
    ws.on('message', (data: Buffer) => {
      const f = decodeFrame(data);
      const type = headerOf(f, 'type');
      if (f.method === 0 && type === 'ping') {
        this.pings++;
        const pong: Frame = {
          SeqID: 0,
          LogID: 0,
          service: f.service,
          method: 0,
          headers: [{ key: 'type', value: 'pong' }],
          payload: new TextEncoder().encode(JSON.stringify({ PingInterval: 1, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 })),
        };
        ws.send(encodeFrame(pong));
        return;
      }
      if (f.method === 1) {
        const id = headerOf(f, 'message_id') ?? '';
        const ack = JSON.parse(new TextDecoder().decode(f.payload)) as { code: number; data?: string };
        const decoded: Ack = { code: ack.code, ...(ack.data ? { data: JSON.parse(Buffer.from(ack.data, 'base64').toString('utf8')) } : {}) };
        this.acks.push({ messageId: id, ack: decoded });
        this.pendingAcks.get(id)?.(decoded);
        this.pendingAcks.delete(id);
      }
    });
  }

  async waitForSocket(timeoutMs = 5000): Promise<WebSocket> {
    const start = Date.now();
    for (;;) {
      const open = this.sockets.find((s) => s.readyState === 1);
      if (open) return open;
      if (Date.now() - start > timeoutMs) throw new Error('no WS client connected');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Pushes an event over the long connection (optionally in fragments) and resolves with the ack. */
  async push(envelope: unknown, opts: { fragments?: number; frameMessageId?: string; timeoutMs?: number } = {}): Promise<Ack> {
    const ws = await this.waitForSocket();
    this.observe(envelope);
    const id = opts.frameMessageId ?? `ws-msg-${this.wsSeq++}`;
    const bytes = new TextEncoder().encode(JSON.stringify(envelope));
    const n = opts.fragments ?? 1;
    const size = Math.ceil(bytes.length / n);
    const acked = new Promise<Ack>((resolve, reject) => {
      this.pendingAcks.set(id, resolve);
      setTimeout(() => reject(new Error(`no ack for ${id}`)), opts.timeoutMs ?? 5000).unref();
    });
    for (let i = 0; i < n; i++) {
      const frame: Frame = {
        SeqID: this.wsSeq++,
        LogID: 1,
        service: this.serviceId,
        method: 1,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: id },
          { key: 'sum', value: String(n) },
          { key: 'seq', value: String(i) },
          { key: 'trace_id', value: `trace-${id}` },
        ],
        payload: bytes.subarray(i * size, (i + 1) * size),
      };
      ws.send(encodeFrame(frame));
    }
    return acked;
  }
}

/** Polls until `pred` holds (for asynchronous processing after an ack). */
export async function until(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
