// A local fake of the AI bot's long-connection endpoint (wss://openws.work.weixin.qq.com),
// following the frame grammar in /work/shared/reference/wecom.md §1.2 and the SDK source:
// frames {cmd, headers:{req_id}, body}; acks {headers:{req_id}, errcode, errmsg} without cmd.
// - aibot_subscribe {bot_id, secret} first; a wrong secret → errcode 40014-ish ack (the SDK
//   then closes); anything before auth → error ack.
// - ping → ack (or silence when dropPongs).
// - aibot_respond_msg: req_id must be one we pushed (846605); stream content replaces, ≤ 20,480
//   bytes (40058), nothing after finish:true (846608); acked with the same req_id unless
//   dropAcks > 0.
// - aibot_send_msg: markdown / template_card only (text → 40008); recorded.
// - a second subscribe for the same bot: disconnected_event to the old socket, then close it.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface Frame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: any;
}

export interface StreamRecord {
  reqId: string;
  frames: { id: string; finish: boolean; content: string }[];
  finished: boolean;
}

export class FakeAibotServer {
  readonly url: string;
  subscribes = 0;
  pings = 0;
  dropPongs = false;
  dropAcks = 0;
  /** subscribe frames to swallow without any answer (a hung server) */
  ignoreSubscribes = 0;
  readonly streams = new Map<string, StreamRecord>();
  readonly sent: { chatid: string; msgtype: string; content?: string }[] = [];
  readonly welcomes: unknown[] = [];
  readonly errors: { cmd?: string; errcode: number }[] = [];
  private current?: WebSocket;
  private readonly authed = new Set<WebSocket>();

  private constructor(
    private readonly wss: WebSocketServer,
    readonly botId: string,
    readonly secret: string,
  ) {
    this.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    wss.on('connection', (ws) => {
      ws.on('message', (data) => this.onFrame(ws, JSON.parse(String(data)) as Frame));
      ws.on('close', () => {
        this.authed.delete(ws);
        if (this.current === ws) this.current = undefined;
      });
    });
  }

  static async start(botId = 'bot1', secret = 'sec-ret'): Promise<FakeAibotServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    return new FakeAibotServer(wss, botId, secret);
  }

  get connected(): boolean {
    return this.current !== undefined;
  }

  private ack(ws: WebSocket, reqId: string, errcode = 0, errmsg = 'ok', cmd?: string, body?: unknown) {
    if (errcode) this.errors.push({ cmd, errcode });
    ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg, ...(body ? { body } : {}) }));
  }

  private onFrame(ws: WebSocket, f: Frame) {
    const reqId = f.headers?.req_id ?? '';
    if (f.cmd === 'aibot_subscribe') {
      this.subscribes++;
      if (this.ignoreSubscribes > 0) return void this.ignoreSubscribes--;
      if (f.body?.bot_id !== this.botId || f.body?.secret !== this.secret) return this.ack(ws, reqId, 40014, 'invalid secret', f.cmd);
      const old = this.current;
      if (old && old !== ws) {
        old.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: this.newReqId() }, body: { msgid: this.newReqId(), create_time: Date.now(), aibotid: this.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } } }));
        setTimeout(() => old.close(), 20);
      }
      this.current = ws;
      this.authed.add(ws);
      return this.ack(ws, reqId);
    }
    if (!this.authed.has(ws)) return this.ack(ws, reqId, 40001, 'not subscribed', f.cmd);
    if (f.cmd === 'ping') {
      this.pings++;
      if (!this.dropPongs) this.ack(ws, reqId);
      return;
    }
    if (f.cmd === 'aibot_respond_msg') {
      const s = this.streams.get(reqId);
      if (!s) return this.ack(ws, reqId, 846605, 'invalid req_id', f.cmd);
      if (s.finished) return this.ack(ws, reqId, 846608, 'stream message update expired', f.cmd);
      const st = f.body?.stream ?? {};
      if (Buffer.byteLength(String(st.content ?? '')) > 20480) return this.ack(ws, reqId, 40058, 'content exceed max length', f.cmd);
      s.frames.push({ id: st.id, finish: Boolean(st.finish), content: String(st.content ?? '') });
      if (st.finish) s.finished = true;
      if (this.dropAcks > 0) return void this.dropAcks--;
      return this.ack(ws, reqId);
    }
    if (f.cmd === 'aibot_respond_welcome_msg') {
      this.welcomes.push(f.body);
      return this.ack(ws, reqId);
    }
    if (f.cmd === 'aibot_send_msg') {
      const b = f.body ?? {};
      if (b.msgtype !== 'markdown' && b.msgtype !== 'template_card') return this.ack(ws, reqId, 40008, 'invalid message type', f.cmd);
      this.sent.push({ chatid: b.chatid, msgtype: b.msgtype, content: b.markdown?.content });
      return this.ack(ws, reqId);
    }
    this.ack(ws, reqId, 40008, 'unknown cmd', f.cmd);
  }

  private newReqId(): string {
    return randomBytes(8).toString('hex');
  }

  /** Delivers a message to the current connection; returns its req_id. */
  push(body: Record<string, unknown>, reqId = this.newReqId()): string {
    if (!this.current) throw new Error('no connection');
    if (!this.streams.has(reqId)) this.streams.set(reqId, { reqId, frames: [], finished: false });
    this.current.send(JSON.stringify({ cmd: 'aibot_msg_callback', headers: { req_id: reqId }, body }));
    return reqId;
  }

  pushEvent(eventtype: string, extra: Record<string, unknown> = {}): string {
    if (!this.current) throw new Error('no connection');
    const reqId = this.newReqId();
    this.current.send(JSON.stringify({ cmd: 'aibot_event_callback', headers: { req_id: reqId }, body: { msgid: reqId, aibotid: this.botId, from: { userid: 'u1' }, msgtype: 'event', create_time: Date.now(), event: { eventtype }, ...extra } }));
    return reqId;
  }

  /** Abruptly drops the current connection (network failure). */
  dropConnection(): void {
    this.current?.terminate();
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }
}

export async function until(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
