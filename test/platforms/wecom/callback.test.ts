import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/http/server.ts';
import type { MessageHandler } from '../../../src/platforms/types.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { createWecomAdapter, type WecomAdapter } from '../../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../../src/platforms/wecom/config.ts';
import { memoryWebhookStore } from '../../../src/platforms/wecom/webhookStore.ts';
import type { IncomingMessage } from '../../../src/types.ts';
import { CallbackDriver, refresh, textMessage } from '../../fakes/wecom/callbackDriver.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../../fakes/wecom/webhookServer.ts';

const TOKEN = 'QDG6eK';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

let http: HttpServer;
let adapter: WecomAdapter;
let driver: CallbackDriver;
let api: FakeWecomApi;
let seen: IncomingMessage[];
let delayMs = 0;
let stderr: string[];

// stands in for the router: records and answers
const handle: MessageHandler = async (msg) => {
  seen.push(msg);
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  return { text: `答：${msg.text}` };
};

async function setup(callback: { firstReplyWaitMs?: number; streamWindowMs?: number } = {}) {
  seen = [];
  api = await startFakeWecomApi();
  http = createHttpServer();
  const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: api.base });
  adapter = createWecomAdapter({ config, handle, inbox: memoryInbox(), webhooks: memoryWebhookStore(), http, callback });
  await adapter.start();
  const port = await http.listen(0, '127.0.0.1');
  driver = new CallbackDriver(`http://127.0.0.1:${port}/wecom/callback`, TOKEN, AES);
}

beforeEach(() => {
  delayMs = 0;
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
});
afterEach(async () => {
  await adapter.stop();
  await http.close();
  await api.close();
  vi.restoreAllMocks();
});

describe('callback mode end to end (encrypted requests)', () => {
  it('answers URL verification with the bare echostr; a bad signature gets 403', async () => {
    await setup();
    const ok = await driver.verifyUrl('1616140317555161061');
    expect(ok).toMatchObject({ status: 200, body: '1616140317555161061' });
    expect((await driver.verifyUrl('123', { badSignature: true })).status).toBe(403);
  });

  it('answers a group message with a final encrypted stream, @机器人 stripped', async () => {
    await setup();
    const r = await driver.post(textMessage({ text: '@督办助手 谁牵头第28项', chatid: 'CHAT1', userid: 'lisi' }));
    expect(r.status).toBe(200);
    expect(r.plain).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: '答：谁牵头第28项' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ platform: 'wecom', chatId: 'CHAT1', isDirect: false, userId: 'lisi', text: '谁牵头第28项' });
  });

  it('direct chat uses from.userid as the chat; quote becomes context', async () => {
    await setup();
    await driver.post(textMessage({ text: '这个谁负责', userid: 'wangwu', quote: '自建桥梁9月底前完成30座' }));
    expect(seen[0]).toMatchObject({ chatId: 'wangwu', isDirect: true, text: '这个谁负责\n\n引用：自建桥梁9月底前完成30座' });
  });

  it('rejects a bad signature with 403 and logs it', async () => {
    await setup();
    const r = await driver.post(textMessage({ text: 'x', chatid: 'C' }), { badSignature: true });
    expect(r.status).toBe(403);
    expect(seen).toHaveLength(0);
    expect(stderr.join('')).toContain('wecom callback bad signature');
  });

  it('rejects a replay outside the time window', async () => {
    await setup();
    const r = await driver.post(textMessage({ text: 'x', chatid: 'C' }), { timestampOffsetMs: -10 * 60_000 });
    expect(r.status).toBe(403);
    expect(seen).toHaveLength(0);
    expect(stderr.join('')).toContain('replay window');
  });

  it('handles a redelivered msgid once and answers the retry with the same stream', async () => {
    await setup();
    const m = textMessage({ text: '@督办助手 曹陶分管哪些任务', chatid: 'C' });
    const a = await driver.post(m);
    const b = await driver.post(m);
    expect(seen).toHaveLength(1);
    expect(b.plain.stream.id).toBe(a.plain.stream.id);
    expect(b.plain.stream.content).toBe('答：曹陶分管哪些任务');
  });

  it('slow answers: placeholder first, then the content on a stream-refresh callback', async () => {
    await setup({ firstReplyWaitMs: 50 });
    delayMs = 300;
    const first = await driver.post(textMessage({ text: '@督办助手 慢问题', chatid: 'C' }));
    expect(first.plain.stream).toMatchObject({ finish: false, content: '正在查询，请稍候…' });
    const early = await driver.post(refresh(first.plain.stream.id));
    expect(early.plain.stream.finish).toBe(false);
    await adapter.idle();
    const done = await driver.post(refresh(first.plain.stream.id));
    expect(done.plain.stream).toEqual({ id: first.plain.stream.id, finish: true, content: '答：慢问题' });
  });

  it('late answers go once through response_url after the stream window closed', async () => {
    await setup({ firstReplyWaitMs: 20, streamWindowMs: 100 });
    delayMs = 400;
    api.responseCodes.add('RC1');
    const first = await driver.post(textMessage({ text: '@督办助手 很慢的问题', chatid: 'C', responseUrl: `${api.base}/cgi-bin/aibot/response?response_code=RC1` }));
    await new Promise((r) => setTimeout(r, 150));
    const closed = await driver.post(refresh(first.plain.stream.id));
    expect(closed.plain.stream.finish).toBe(true);
    await adapter.idle();
    expect(api.responses).toEqual([{ code: 'RC1', body: { msgtype: 'markdown', markdown: { content: '答：很慢的问题' } } }]);
  });

  it('welcomes enter_chat and ignores unsupported types with a hint', async () => {
    await setup();
    const w = await driver.post({ msgid: 'E1', aibotid: 'A', from: { userid: 'u' }, msgtype: 'event', create_time: 1, event: { eventtype: 'enter_chat' } });
    expect(w.plain).toMatchObject({ msgtype: 'text' });
    const img = await driver.post({ msgid: 'I1', aibotid: 'A', chattype: 'single', from: { userid: 'u' }, msgtype: 'image', image: { url: 'x' } });
    expect(img.plain.stream.content).toContain('文字消息');
    expect(seen).toHaveLength(0);
  });

  it('sendToChat: webhook when bound; without one, a clear non-retryable failure (no proactive channel)', async () => {
    await setup();
    const msg = { chatId: 'CHAT9', text: '请报送进展', mentions: [{ userId: 'zhangsan', name: '张三' }], idempotencyKey: 'k1' };
    const none = await adapter.sendToChat(msg);
    expect(none).toMatchObject({ ok: false, retryable: false });
    expect(none.error).toContain('推送地址');
    await adapter.stop();
    await http.close();
    const key = 'abcd1234-0000-4bc4-97a0-0ec2afa5wxyz';
    const webhooks = memoryWebhookStore();
    webhooks.set('CHAT9', key, 'admin', new Date());
    api.keys.add(key);
    http = createHttpServer();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: api.base });
    adapter = createWecomAdapter({ config, handle, inbox: memoryInbox(), webhooks, http });
    await adapter.start();
    expect(await adapter.sendToChat(msg)).toMatchObject({ ok: true });
    expect(api.messages[0]).toMatchObject({ msgtype: 'text', mentions: ['zhangsan'], content: '请报送进展' });
  });

  it('never logs the token or AES key', async () => {
    await setup();
    await driver.post(textMessage({ text: 'x', chatid: 'C' }), { badSignature: true });
    await driver.post(textMessage({ text: 'y', chatid: 'C' }));
    const out = stderr.join('');
    expect(out).not.toContain(AES);
    expect(out).not.toContain(TOKEN);
  });
});

describe('callback mode: per-chat order (the shared pipeline)', () => {
  it('a chat\'s second message reaches the router only after its first is answered; another chat does not wait', async () => {
    await setup({ firstReplyWaitMs: 50 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const blocking: MessageHandler = async (m) => {
      order.push(`start ${m.text}`);
      if (m.text === '一') await gate;
      order.push(`end ${m.text}`);
      return { text: `答：${m.text}` };
    };
    await adapter.stop();
    await http.close();
    http = createHttpServer();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: api.base });
    adapter = createWecomAdapter({ config, handle: blocking, inbox: memoryInbox(), webhooks: memoryWebhookStore(), http, callback: { firstReplyWaitMs: 50 } });
    await adapter.start();
    driver = new CallbackDriver(`http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/wecom/callback`, TOKEN, AES);

    await driver.post(textMessage({ text: '@督办助手 一', chatid: 'CHAT1', userid: 'zhangsan' }));
    await driver.post(textMessage({ text: '@督办助手 二', chatid: 'CHAT1', userid: 'zhangsan' }));
    const other = await driver.post(textMessage({ text: '@督办助手 三', chatid: 'CHAT2', userid: 'lisi' }));
    expect(other.plain.stream).toMatchObject({ finish: true, content: expect.stringContaining('答：三') });
    expect(order).toEqual(['start 一', 'start 三', 'end 三']);
    release();
    await adapter.idle();
    expect(order).toEqual(['start 一', 'start 三', 'end 三', 'end 一', 'start 二', 'end 二']);
  });
});
