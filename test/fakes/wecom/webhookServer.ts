// A local fake of WeCom's REST endpoints the bot calls, following the published wire format
// (/work/shared/reference/wecom.md §1.1, §1.2, §4): always HTTP 200 + {errcode, errmsg}.
// - POST /cgi-bin/webhook/send?key=K: unknown key → 93000; bad msgtype → 40008; text > 2,048
//   bytes or markdown > 4,096 bytes → 40058; empty content → 93017; more than 20 messages in
//   any 60-s window per key → 45009. Records accepted messages and who they @.
// - POST /cgi-bin/aibot/response?response_code=C: the one-shot response_url (second use → error).
// Faults can be queued: 'http500' (bare, like a gateway), 'http500-errcode' (5xx with errcode -1),
// 'errcode-1', 'hang' (never answers), 'reset' (drops the socket), and 'accept-reset' /
// 'accept-hang': the message is accepted and recorded like a normal send, then the socket is
// dropped / the answer never comes (the platform took it; the sender cannot know).
// `onAccepted` is called for every accepted message (tests use it to kill a sender right then).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedWebhookMessage {
  key: string;
  msgtype: string;
  content: string;
  /** mentioned_list entries plus <@userid> found in the content */
  mentions: string[];
  at: number;
}

export type Fault = 'http500' | 'http500-errcode' | 'errcode-1' | 'hang' | 'reset' | 'accept-reset' | 'accept-hang';

export interface FakeWecomApi {
  base: string;
  port: number;
  keys: Set<string>;
  messages: RecordedWebhookMessage[];
  responses: { code: string; body: unknown }[];
  /** every request seen on /webhook/send, including rejected ones, with the errcode answered */
  attempts: { key: string; errcode: number | 'fault' }[];
  faults: Fault[];
  responseCodes: Set<string>;
  onAccepted?: (m: RecordedWebhookMessage) => void;
  close(): Promise<void>;
}

export async function startFakeWecomApi(opts: { keys?: string[]; now?: () => number; perMinute?: number } = {}): Promise<FakeWecomApi> {
  const now = opts.now ?? Date.now;
  const perMinute = opts.perMinute ?? 20;
  const windows = new Map<string, number[]>();
  const hanging = new Set<ServerResponse>();
  const api: Omit<FakeWecomApi, 'base' | 'port' | 'close'> = {
    keys: new Set(opts.keys ?? []),
    messages: [],
    responses: [],
    attempts: [],
    faults: [],
    responseCodes: new Set(),
  };
  const reply = (res: ServerResponse, errcode: number, errmsg: string) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errcode, errmsg }));
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/cgi-bin/webhook/send') {
      const key = url.searchParams.get('key') ?? '';
      const next = api.faults[0];
      const fault = next === 'accept-reset' || next === 'accept-hang' ? undefined : api.faults.shift();
      if (fault) {
        api.attempts.push({ key, errcode: 'fault' });
        if (fault === 'hang') return void hanging.add(res);
        if (fault === 'reset') return void req.socket.destroy();
        if (fault === 'http500') return void (res.writeHead(500), res.end('oops'));
        if (fault === 'http500-errcode') return void (res.writeHead(500, { 'content-type': 'application/json' }), res.end(JSON.stringify({ errcode: -1, errmsg: 'system busy' })));
        return reply(res, -1, 'system busy');
      }
      const answer = (code: number, msg: string) => {
        api.attempts.push({ key, errcode: code });
        reply(res, code, msg);
      };
      if (!api.keys.has(key)) return answer(93000, 'invalid webhook url, hint: [fake]');
      let msg: { msgtype?: string; text?: { content?: string; mentioned_list?: string[] }; markdown?: { content?: string } };
      try {
        msg = JSON.parse(body) as typeof msg;
      } catch {
        return answer(40002, 'invalid json');
      }
      const t = now();
      const win = (windows.get(key) ?? []).filter((x) => t - x < 60_000);
      windows.set(key, win);
      if (win.length >= perMinute) return answer(45009, 'api freq out of limit');
      let content: string;
      let mentions: string[] = [];
      if (msg.msgtype === 'text') {
        content = msg.text?.content ?? '';
        if (Buffer.byteLength(content) > 2048) return answer(40058, 'text.content exceed max length 2048');
        mentions = [...(msg.text?.mentioned_list ?? [])];
      } else if (msg.msgtype === 'markdown' || msg.msgtype === 'markdown_v2') {
        content = msg.markdown?.content ?? '';
        if (Buffer.byteLength(content) > 4096) return answer(40058, 'markdown.content exceed max length 4096');
      } else return answer(40008, 'invalid message type');
      if (!content) return answer(93017, 'content is empty');
      if (msg.msgtype !== 'markdown_v2') for (const m of content.matchAll(/<@([^>\s]+)>/g)) mentions.push(m[1]!);
      win.push(t);
      const recorded = { key, msgtype: msg.msgtype, content, mentions, at: t };
      api.messages.push(recorded);
      api.onAccepted?.(recorded);
      const after = api.faults[0] === 'accept-reset' || api.faults[0] === 'accept-hang' ? api.faults.shift() : undefined;
      if (after) {
        api.attempts.push({ key, errcode: 'fault' });
        if (after === 'accept-hang') return void hanging.add(res);
        return void req.socket.destroy();
      }
      return answer(0, 'ok');
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/aibot/response') {
      const code = url.searchParams.get('response_code') ?? '';
      if (!api.responseCodes.has(code)) return reply(res, 40001, 'invalid response_code');
      api.responseCodes.delete(code);
      api.responses.push({ code, body: JSON.parse(body) });
      return reply(res, 0, 'ok');
    }
    res.writeHead(404);
    res.end();
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    ...api,
    base: `http://127.0.0.1:${port}`,
    port,
    get keys() {
      return api.keys;
    },
    get onAccepted() {
      return api.onAccepted;
    },
    set onAccepted(f: FakeWecomApi['onAccepted']) {
      api.onAccepted = f;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  } as FakeWecomApi;
}
