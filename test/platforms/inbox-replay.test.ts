// The durable inbox through the real adapters, SDKs and HTTP code, against the local fakes, with
// the real router and store. A process that "dies" is an adapter whose handler never returns and
// which is abandoned (its HTTP server closed, never stopped); the next process is a new adapter
// with its own database connection and inbox on the same file, as after a restart.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { setLogLevel } from '../../src/log.ts';
import { createFeishuAdapter, UNSUPPORTED_REPLY, type FeishuAdapter } from '../../src/platforms/feishu/adapter.ts';
import type { MessageHandler } from '../../src/platforms/types.ts';
import { createWecomAdapter, type WecomAdapter } from '../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../src/platforms/wecom/config.ts';
import { memoryWebhookStore } from '../../src/platforms/wecom/webhookStore.ts';
import { route, type RouterDeps } from '../../src/router.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { MAX_ATTEMPTS, sqliteInbox } from '../../src/store/inbox.ts';
import type { IncomingMessage } from '../../src/types.ts';
import { signedPost } from '../fakes/feishu/crypto.ts';
import { atBot, ENCRYPT_KEY, messageEvent } from '../fakes/feishu/events.ts';
import { FakeFeishu, until } from '../fakes/feishu/server.ts';
import { FakeAibotServer } from '../fakes/wecom/aibotWsServer.ts';
import { CallbackDriver, textMessage } from '../fakes/wecom/callbackDriver.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom/webhookServer.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { configFor } from './feishu/harness.ts';
import { routerDeps } from '../helpers/router.ts';

setLogLevel('error');
const knowledge = knowledgeContext();
const never = new Promise<never>(() => undefined);

let dir: string;
let stderr: string[];
const cleanups: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  dir = tempDataDir();
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** One "process": its own connection, inbox and router on the shared DATA_DIR. */
function processOn(admins: string[]) {
  const db: Db = openDb(dir);
  const router: RouterDeps = routerDeps({ knowledge, db, roles: { admins: new Set(admins), leaders: new Set() } });
  const calls: IncomingMessage[] = [];
  let dies = false;
  const handle: MessageHandler = async (m) => {
    calls.push(m);
    const reply = await route(m, router);
    // the command has committed: the process dies before it replies or marks the event done
    if (dies) return never;
    return reply;
  };
  return { db, inbox: sqliteInbox(db), handle, calls, dieAfterCommand: () => (dies = true) };
}

const count = (db: Db, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
const reportsOf = (db: Db, messageId: string) => count(db, 'SELECT COUNT(*) AS n FROM reports WHERE message_id = ?', messageId);
const stateOf = (db: Db, platform: string, messageId: string) =>
  (db.prepare('SELECT state FROM inbox WHERE platform = ? AND message_id = ?').get(platform, messageId) as { state: string } | undefined)?.state;

describe('Feishu: durable inbox', () => {
  let fake: FakeFeishu;
  beforeEach(async () => {
    fake = await new FakeFeishu().start();
    fake.enforceChatLimit = false;
    cleanups.push(() => fake.stop());
  });

  async function feishuProcess(mode: 'webhook' | 'ws', p: ReturnType<typeof processOn>, handle: MessageHandler = p.handle) {
    const http = mode === 'webhook' ? createHttpServer() : undefined;
    const adapter: FeishuAdapter = createFeishuAdapter({
      config: configFor(fake, mode), handle, inbox: p.inbox, ...(http ? { http } : {}),
      api: { backoffMs: 50, maxWaitMs: 3000 }, ws: { pingTimeoutSec: 5, handshakeTimeoutMs: 3000 },
    });
    await adapter.start();
    const port = http ? await http.listen(0, '127.0.0.1') : 0;
    let dead = false;
    const kill = async () => {
      if (dead) return;
      dead = true;
      if (http) await http.close();
      // stop() closes the connection at once, then waits for the (hung) queues: do not wait
      else void adapter.stop().catch(() => undefined);
    };
    cleanups.push(kill);
    const deliver = async (ev: unknown) => {
      fake.observe(ev);
      if (mode === 'ws') return (await fake.push(ev)).code;
      const s = signedPost(ENCRYPT_KEY, ev);
      const r = await fetch(`http://127.0.0.1:${port}/feishu/events`, { method: 'POST', body: s.body, headers: s.headers });
      await r.arrayBuffer();
      return r.status;
    };
    return { adapter, deliver, kill, stop: async () => ((dead = true), await adapter.stop(), await http?.close()) };
  }
  const repush = <T extends { header: { event_id: string } }>(ev: T, tag: string): T => ({ ...ev, header: { ...ev.header, event_id: `${ev.header.event_id}-${tag}` } });
  const replies = (id: string) => fake.sent().filter((m) => m.kind === 'reply' && m.replyTo === id);

  for (const mode of ['webhook', 'ws'] as const) {
    it(`${mode}: start-up replay finishes acknowledged events in per-chat order, without writing a committed command twice`, async () => {
      const a = processOn(['feishu:ou_admin']);
      a.dieAfterCommand();
      const A = await feishuProcess(mode, a);
      const evs = [0, 1, 2, 3, 4, 5].map((i) => atBot(`/进展 ${i + 1} 第${i}次，完成率${10 * i}%`, { sender: 'ou_admin', chatId: `oc_c${i % 2}` }));
      for (const ev of evs) expect(await A.deliver(ev)).toBe(200);
      // the first of each chat committed its report; the rest wait behind it, unprocessed
      await until(() => a.calls.length === 2, 5000, 'the first command per chat');
      await A.kill();
      const ids = evs.map((e) => e.event.message.message_id);
      expect(ids.map((id) => reportsOf(a.db, id))).toEqual([1, 1, 0, 0, 0, 0]);

      const b = processOn(['feishu:ou_admin']);
      const B = await feishuProcess(mode, b);
      cleanups.push(() => B.stop());
      await B.adapter.idle();
      expect(ids.map((id) => reportsOf(b.db, id))).toEqual([1, 1, 1, 1, 1, 1]);
      expect(ids.map((id) => stateOf(b.db, 'feishu', id))).toEqual(Array(6).fill('done'));
      // arrival order within each chat
      expect(b.calls.filter((m) => m.chatId === 'oc_c0').map((m) => m.messageId)).toEqual([ids[0], ids[2], ids[4]]);
      expect(b.calls.filter((m) => m.chatId === 'oc_c1').map((m) => m.messageId)).toEqual([ids[1], ids[3], ids[5]]);
      // Every event answered once; the replayed committed command answers from its stored reply.
      expect(ids.map((id) => replies(id).length)).toEqual(Array(6).fill(1));
      expect(JSON.stringify(replies(ids[0]!)[0]!.content)).toContain('已经处理过');
      expect(replies(ids[0]!)[0]!.uuid).toBe(`r:${ids[0]}:0`);
    });
  }

  it('a re-push of an unfinished event is processed (once); a re-push of a done one is ignored', async () => {
    const b = processOn(['feishu:ou_admin']);
    const B = await feishuProcess('webhook', b);
    cleanups.push(() => B.stop());
    // A runs next to B and dies after acknowledging (its handler never starts the command)
    const a = processOn(['feishu:ou_admin']);
    const A = await feishuProcess('webhook', a, () => never);
    const ev = atBot('/进展 28 已开工', { sender: 'ou_admin' });
    const id = ev.event.message.message_id;
    expect(await A.deliver(ev)).toBe(200);
    await A.kill();
    expect(stateOf(b.db, 'feishu', id)).toBe('pending');
    expect(reportsOf(b.db, id)).toBe(0);

    expect(await B.deliver(repush(ev, 'r1'))).toBe(200);
    await B.adapter.idle();
    expect(reportsOf(b.db, id)).toBe(1);
    expect(stateOf(b.db, 'feishu', id)).toBe('done');
    expect(replies(id)).toHaveLength(1);

    // done: further re-pushes (here and after a restart) change nothing
    expect(await B.deliver(repush(ev, 'r2'))).toBe(200);
    await B.adapter.idle();
    const c = processOn(['feishu:ou_admin']);
    const C = await feishuProcess('webhook', c);
    cleanups.push(() => C.stop());
    expect(await C.deliver(repush(ev, 'r3'))).toBe(200);
    await C.adapter.idle();
    expect(b.calls).toHaveLength(1);
    expect(c.calls).toHaveLength(0);
    expect(reportsOf(c.db, id)).toBe(1);
    expect(replies(id)).toHaveLength(1);
  });

  it('a poison event (handler throws every time) is tried a bounded number of times, then failed with a log line', async () => {
    const p = processOn([]);
    let thrown = 0;
    const P = await feishuProcess('webhook', p, async () => {
      thrown++;
      throw new Error('poison');
    });
    cleanups.push(() => P.stop());
    const ev = atBot('谁牵头第28项');
    const id = ev.event.message.message_id;
    expect(await P.deliver(ev)).toBe(200);
    await until(() => stateOf(p.db, 'feishu', id) === 'failed', 10_000, 'failed');
    await P.adapter.idle();
    expect(thrown).toBe(MAX_ATTEMPTS);
    expect(stderr.some((l) => l.includes('inbox: event failed for good') && l.includes(id))).toBe(true);
    expect(replies(id).map((m) => m.content.text)).toEqual(['抱歉，处理这条消息时出错了，已记录。请稍后再试。']);
    // neither a re-push nor a restart brings it back
    expect(await P.deliver(repush(ev, 'again'))).toBe(200);
    await P.adapter.idle();
    const q = processOn([]);
    const Q = await feishuProcess('webhook', q);
    cleanups.push(() => Q.stop());
    await Q.adapter.idle();
    expect(thrown).toBe(MAX_ATTEMPTS);
    expect(q.calls).toHaveLength(0);
  });

  it('an event that keeps killing the process is given up after the bounded attempts (no restart loop)', async () => {
    const ev = atBot('谁牵头第1项');
    const id = ev.event.message.message_id;
    const runs: number[] = [];
    for (let run = 1; run <= MAX_ATTEMPTS + 1; run++) {
      const p = processOn([]);
      const P = await feishuProcess('webhook', p, async () => {
        runs.push(run);
        return never; // dies while processing it
      });
      if (run === 1) expect(await P.deliver(ev)).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      await P.kill();
    }
    expect(runs).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => i + 1));
    const db = openDb(dir);
    cleanups.push(() => void db.close());
    expect(stateOf(db, 'feishu', id)).toBe('failed');
    expect(stderr.some((l) => l.includes('inbox: event failed for good') && l.includes(id))).toBe(true);
  });

  it('does not acknowledge an event it could not store: 500, and Feishu re-pushes it', async () => {
    const p = processOn([]);
    const P = await feishuProcess('webhook', p);
    cleanups.push(() => P.stop());
    p.db.exec("CREATE TRIGGER no_inbox BEFORE INSERT ON inbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const ev = atBot('谁牵头第28项');
    expect(await P.deliver(ev)).toBe(500);
    p.db.exec('DROP TRIGGER no_inbox');
    expect(await P.deliver(repush(ev, 'later'))).toBe(200);
    await P.adapter.idle();
    expect(p.calls).toHaveLength(1);
  });

  it('image, file, sticker, card and audio messages to the bot get a short hint', async () => {
    const p = processOn([]);
    const P = await feishuProcess('webhook', p);
    cleanups.push(() => P.stop());
    const evs = ['image', 'file', 'sticker', 'interactive', 'audio'].map((t) =>
      messageEvent({ chatType: 'p2p', chatId: 'oc_dm', messageType: t, post: { image_key: 'img_x' } }),
    );
    for (const ev of evs) expect(await P.deliver(ev)).toBe(200);
    // an image in a group reaches the bot only with the all-messages scope, and is not for it
    expect(await P.deliver(messageEvent({ chatType: 'group', messageType: 'image', post: { image_key: 'img_y' } }))).toBe(200);
    await P.adapter.idle();
    expect(p.calls).toHaveLength(0);
    expect(evs.map((ev) => replies(ev.event.message.message_id).map((m) => m.content.text))).toEqual(Array(5).fill([UNSUPPORTED_REPLY]));
    expect(fake.sent()).toHaveLength(5);
  });
});

describe('WeCom: durable inbox', () => {
  const TOKEN = 'QDG6eK';
  const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
  let api: FakeWecomApi;
  beforeEach(async () => {
    api = await startFakeWecomApi();
    cleanups.push(() => api.close());
  });

  async function callbackProcess(p: ReturnType<typeof processOn>, handle: MessageHandler = p.handle) {
    const http: HttpServer = createHttpServer();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: api.base });
    const adapter: WecomAdapter = createWecomAdapter({ config, handle, inbox: p.inbox, webhooks: memoryWebhookStore(), http, callback: { firstReplyWaitMs: 1000 } });
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    let dead = false;
    const kill = async () => {
      if (!dead) (dead = true), await http.close();
    };
    cleanups.push(kill);
    return { adapter, driver: new CallbackDriver(`http://127.0.0.1:${port}/wecom/callback`, TOKEN, AES), kill, stop: async () => ((dead = true), await adapter.stop(), await http.close()) };
  }

  it('callback: a re-push of an unfinished message is processed and answered in its stream; of a done one, ignored', async () => {
    const b = processOn(['wecom:zhangsan']);
    const B = await callbackProcess(b);
    cleanups.push(() => B.stop());
    const a = processOn(['wecom:zhangsan']);
    const A = await callbackProcess(a, () => never);
    const m = textMessage({ text: '@督办助手 /进展 28 已开工建设', chatid: 'CHAT1', userid: 'zhangsan' });
    const first = await A.driver.post(m);
    expect(first.status).toBe(200);
    expect(first.plain.stream.finish).toBe(false); // placeholder: acknowledged, not answered
    await A.kill();
    expect(stateOf(b.db, 'wecom', m.msgid)).toBe('pending');

    const again = await B.driver.post(m);
    expect(again.plain.stream).toMatchObject({ finish: true });
    expect(again.plain.stream.content).toContain('已记录');
    expect(reportsOf(b.db, m.msgid)).toBe(1);
    expect(stateOf(b.db, 'wecom', m.msgid)).toBe('done');

    const c = processOn(['wecom:zhangsan']);
    const C = await callbackProcess(c);
    cleanups.push(() => C.stop());
    const third = await C.driver.post(m);
    expect(third).toMatchObject({ status: 200, raw: '' });
    expect(c.calls).toHaveLength(0);
    expect(reportsOf(c.db, m.msgid)).toBe(1);
  });

  it('callback: start-up replay finishes acknowledged messages, answering through response_url while it is valid, never writing twice', async () => {
    const a = processOn(['wecom:zhangsan']);
    a.dieAfterCommand();
    const A = await callbackProcess(a);
    api.responseCodes.add('RC1');
    api.responseCodes.add('RC2');
    const url = (c: string) => `${api.base}/cgi-bin/aibot/response?response_code=${c}`;
    const m1 = textMessage({ text: '@督办助手 /进展 28 已开工建设120套', chatid: 'CHAT1', userid: 'zhangsan', responseUrl: url('RC1') });
    // Another chat: a chat's messages run in arrival order, so a second one in CHAT1 would wait
    // behind the one whose process "dies" and never commit before the restart.
    const m2 = textMessage({ text: '@督办助手 /进展 29 已完成招标', chatid: 'CHAT2', userid: 'zhangsan', responseUrl: url('RC2') });
    expect((await A.driver.post(m1)).status).toBe(200);
    expect((await A.driver.post(m2)).status).toBe(200);
    await A.kill();
    expect([reportsOf(a.db, m1.msgid), reportsOf(a.db, m2.msgid)]).toEqual([1, 1]); // committed, unanswered

    const b = processOn(['wecom:zhangsan']);
    const B = await callbackProcess(b);
    cleanups.push(() => B.stop());
    await B.adapter.idle();
    expect([reportsOf(b.db, m1.msgid), reportsOf(b.db, m2.msgid)]).toEqual([1, 1]);
    expect([stateOf(b.db, 'wecom', m1.msgid), stateOf(b.db, 'wecom', m2.msgid)]).toEqual(['done', 'done']);
    expect(api.responses.map((r) => r.code)).toEqual(['RC1', 'RC2']);
    expect(JSON.stringify(api.responses[0]!.body)).toContain('已经处理过');
  });

  it('long connection: start-up replay answers with aibot_send_msg once authenticated; a re-push of a done message is ignored', async () => {
    const server = await FakeAibotServer.start();
    cleanups.push(() => server.close());
    const wsProcess = async (p: ReturnType<typeof processOn>, handle: MessageHandler = p.handle) => {
      const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: 'sec-ret', WECOM_WS_URL: server.url, WECOM_WEBHOOK_BASE: api.base });
      const adapter = createWecomAdapter({
        config, handle, inbox: p.inbox, webhooks: memoryWebhookStore(),
        ws: { heartbeatMs: 100, reconnectBaseMs: 20, placeholderAfterMs: 80, startTimeoutMs: 3000 },
      });
      await adapter.start();
      return adapter;
    };
    const a = processOn(['wecom:zhangsan']);
    a.dieAfterCommand();
    const A = await wsProcess(a);
    const body = { msgid: 'WSM1', aibotid: 'bot1', chatid: 'CHAT1', chattype: 'group', from: { userid: 'zhangsan' }, msgtype: 'text', text: { content: '@督办助手 /进展 28 已开工' } };
    server.push(body);
    await until(() => a.calls.length === 1, 5000, 'the command');
    await until(() => reportsOf(a.db, 'WSM1') === 1, 5000, 'the commit');
    // the process dies: its socket goes (the SDK is told to stop; nothing more is answered)
    A.channel!.client.disconnect();

    const b = processOn(['wecom:zhangsan']);
    const B = await wsProcess(b);
    cleanups.push(() => B.stop());
    await until(() => stateOf(b.db, 'wecom', 'WSM1') === 'done', 5000, 'replay');
    expect(reportsOf(b.db, 'WSM1')).toBe(1);
    expect(server.sent.filter((s) => s.chatid === 'CHAT1')).toHaveLength(1);
    expect(server.sent[0]!.content).toContain('已经处理过');

    server.push(body);
    await new Promise((r) => setTimeout(r, 200));
    await B.idle();
    expect(b.calls).toHaveLength(1); // the replay only
    expect(reportsOf(b.db, 'WSM1')).toBe(1);
  });
});
