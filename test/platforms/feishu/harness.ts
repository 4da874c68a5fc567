// Test harness: the real adapter (real SDK inside) against the fake Open API; a recording
// `handle` stands in for the router.
import { vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/http/server.ts';
import { setLogLevel } from '../../../src/log.ts';
import type { MessageHandler } from '../../../src/platforms/types.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { createFeishuAdapter, type FeishuAdapter, type FeishuAdapterDeps } from '../../../src/platforms/feishu/adapter.ts';
import type { FeishuConfig } from '../../../src/platforms/feishu/config.ts';
import type { IncomingMessage, OutgoingReply } from '../../../src/types.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../../fakes/feishu/events.ts';
import { FakeFeishu } from '../../fakes/feishu/server.ts';

setLogLevel('warn');

export interface Harness {
  fake: FakeFeishu;
  adapter: FeishuAdapter;
  http?: HttpServer;
  url: string;
  received: IncomingMessage[];
  setReply(fn: (m: IncomingMessage) => Promise<OutgoingReply> | OutgoingReply): void;
  logs(): string[];
  close(): Promise<void>;
}

export function configFor(fake: FakeFeishu, mode: 'ws' | 'webhook'): FeishuConfig {
  return { appId: APP_ID, appSecret: APP_SECRET, mode, encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.baseUrl };
}

export async function harness(mode: 'ws' | 'webhook', extra: Partial<FeishuAdapterDeps> = {}): Promise<Harness> {
  const fake = await new FakeFeishu().start();
  const received: IncomingMessage[] = [];
  let reply: (m: IncomingMessage) => Promise<OutgoingReply> | OutgoingReply = (m) => ({ text: `收到：${m.text}` });
  const handle: MessageHandler = async (m) => {
    received.push(m);
    return reply(m);
  };
  const lines: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(String(chunk));
    return process.env.SHOW_LOGS ? orig(chunk as string, ...(rest as [])) : true;
  }) as typeof process.stderr.write);
  const http = mode === 'webhook' ? createHttpServer() : undefined;
  const adapter = createFeishuAdapter({
    config: configFor(fake, mode),
    handle,
    inbox: memoryInbox(),
    ...(http ? { http } : {}),
    api: { backoffMs: 50, maxWaitMs: 3000 },
    ws: { pingTimeoutSec: 5, handshakeTimeoutMs: 3000 },
    ...extra,
  });
  await adapter.start();
  const port = http ? await http.listen(0, '127.0.0.1') : 0;
  return {
    fake,
    adapter,
    ...(http ? { http } : {}),
    url: `http://127.0.0.1:${port}/feishu/events`,
    received,
    setReply: (fn) => (reply = fn),
    logs: () => lines,
    async close() {
      await adapter.stop();
      if (http) await http.close();
      await fake.stop();
      spy.mockRestore();
    },
  };
}

export async function post(url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const r = await fetch(url, { method: 'POST', body, headers });
  const text = await r.text();
  return { status: r.status, text, json: text ? (JSON.parse(text) as any) : undefined };
}
