// The real @wecom/aibot-node-sdk, driven through our adapter against a local fake of the
// long-connection endpoint (test/fakes/wecom/aibotWsServer.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '../../../src/log.ts';
import type { MessageHandler } from '../../../src/platforms/types.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { createWecomAdapter, type WecomAdapter, type WecomAdapterDeps } from '../../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../../src/platforms/wecom/config.ts';
import { acquireInstanceLock, InstanceLockedError, LOCK_FILE } from '../../../src/platforms/wecom/lock.ts';
import { memoryWebhookStore, type WebhookStore } from '../../../src/platforms/wecom/webhookStore.ts';
import type { IncomingMessage } from '../../../src/types.ts';
import { FakeAibotServer, until } from '../../fakes/wecom/aibotWsServer.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../../fakes/wecom/webhookServer.ts';
import { quietLog } from '../../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

let server: FakeAibotServer;
let api: FakeWecomApi;
let adapters: WecomAdapter[];
let dataDir: string;
let seen: IncomingMessage[];
let delayMs: number;
let reply: (m: IncomingMessage) => string;
let stderr: string[];

const handle: MessageHandler = async (msg) => {
  seen.push(msg);
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  return { text: reply(msg) };
};

function make(over: Partial<WecomAdapterDeps> = {}, secret = 'sec-ret'): WecomAdapter {
  const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: secret, WECOM_WS_URL: server.url, WECOM_WEBHOOK_BASE: api.base });
  const a = createWecomAdapter({
    config,
    handle,
    inbox: memoryInbox(),
    webhooks: memoryWebhookStore(),
    dataDir,
    ws: { heartbeatMs: 100, reconnectBaseMs: 20, placeholderAfterMs: 80, startTimeoutMs: 3000 },
    ...over,
  });
  adapters.push(a);
  return a;
}

const groupMsg = (text: string, msgid = `m${Math.random()}`) => ({
  msgid,
  aibotid: 'bot1',
  chatid: 'CHAT1',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  msgtype: 'text',
  text: { content: text },
});

beforeEach(async () => {
  server = await FakeAibotServer.start();
  api = await startFakeWecomApi({ keys: ['5a1b2c3d-0000-4bc4-97a0-0ec2afa5a001'] });
  adapters = [];
  dataDir = mkdtempSync(join(tmpdir(), 'duban-wecom-'));
  seen = [];
  delayMs = 0;
  reply = (m) => `答：${m.text}`;
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
});
afterEach(async () => {
  for (const a of adapters) await a.stop();
  await server.close();
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('long connection through the official SDK', () => {
  it('subscribes, answers a group @-message with a final stream frame, heartbeats', async () => {
    const a = make();
    await a.start();
    expect(a.channel!.state).toBe('ready');
    expect(a.status!()).toBe('ready'); // what /healthz reports
    const req = server.push(groupMsg('@督办助手 谁牵头第28项'));
    await until(() => server.streams.get(req)!.finished, 3000, 'final frame');
    expect(server.streams.get(req)!.frames).toEqual([{ id: expect.any(String), finish: true, content: '答：谁牵头第28项' }]);
    expect(seen[0]).toMatchObject({ platform: 'wecom', chatId: 'CHAT1', userId: 'zhangsan', isDirect: false, text: '谁牵头第28项' });
    await until(() => server.pings >= 2, 3000, 'pings');
  });

  it('never logs the secret, even at debug level', async () => {
    setLogLevel('debug');
    try {
      const a = make();
      await a.start();
      const req = server.push(groupMsg('@督办助手 你好'));
      await until(() => server.streams.get(req)!.finished);
      await a.stop();
    } finally {
      setLogLevel('info');
    }
    expect(stderr.join('')).toContain('aibot-sdk');
    expect(stderr.join('')).not.toContain('sec-ret');
  });

  it('processes a duplicate delivery (same msgid) once', async () => {
    const a = make();
    await a.start();
    const body = groupMsg('@督办助手 重复', 'DUP1');
    const r1 = server.push(body);
    const r2 = server.push(body);
    await until(() => server.streams.get(r1)!.finished);
    await a.idle();
    expect(seen).toHaveLength(1);
    expect(server.streams.get(r2)!.frames).toHaveLength(0);
  });

  it('slow answers: placeholder frame, then the full content replacing it', async () => {
    const a = make();
    await a.start();
    delayMs = 250;
    const req = server.push(groupMsg('@督办助手 慢'));
    await until(() => server.streams.get(req)!.finished, 3000);
    const frames = server.streams.get(req)!.frames;
    expect(frames.map((f) => f.finish)).toEqual([false, true]);
    expect(frames[0]!.id).toBe(frames[1]!.id);
    expect(frames[1]!.content).toBe('答：慢');
  });

  it('splits an answer over 20,480 bytes: stream + aibot_send_msg follow-ups', async () => {
    const a = make();
    await a.start();
    reply = () => Array.from({ length: 900 }, (_, i) => `第${i}行：住建局牵头的任务进展正常`).join('\n');
    const req = server.push(groupMsg('@督办助手 全部'));
    await until(() => server.streams.get(req)!.finished);
    await a.idle();
    expect(server.errors).toEqual([]);
    expect(server.sent.length).toBeGreaterThan(0);
    expect(server.sent.every((s) => s.chatid === 'CHAT1' && Buffer.byteLength(s.content!) <= 20480)).toBe(true);
  });

  it('reconnects after the connection drops and keeps answering', async () => {
    const a = make();
    await a.start();
    server.dropConnection();
    await until(() => server.subscribes >= 2 && server.connected, 5000, 'resubscribe');
    await until(() => a.channel!.state === 'ready');
    const req = server.push(groupMsg('@督办助手 还在吗'));
    await until(() => server.streams.get(req)!.finished);
  });

  it('reconnects when heartbeat acks stop (dead connection)', async () => {
    const a = make();
    await a.start();
    server.dropPongs = true;
    await until(() => server.subscribes >= 2, 5000, 'reconnect after missed pongs');
    server.dropPongs = false;
    await until(() => a.channel!.state === 'ready');
  });

  it('reconnects when the server never acknowledges the subscribe (SDK has no auth timeout)', async () => {
    server.ignoreSubscribes = 1;
    const a = make({ ws: { reconnectBaseMs: 20, heartbeatMs: 100, authTimeoutMs: 200, startTimeoutMs: 3000 } });
    await a.start();
    expect(a.channel!.state).toBe('ready');
    expect(server.subscribes).toBe(2);
    expect(stderr.join('')).toContain('no subscribe ack');
    await new Promise((r) => setTimeout(r, 300));
    expect(server.subscribes).toBe(2); // no stray extra connection
    expect(a.channel!.state).toBe('ready');
  });

  it('treats disconnected_event (takeover by another connection) as an alarm and stops', async () => {
    const alarms: string[] = [];
    const a = make({ onAlarm: (r) => alarms.push(r) });
    await a.start();
    // another process connects with the same bot (no lock shared across machines)
    const { WSClient } = await import('@wecom/aibot-node-sdk');
    const other = new WSClient({ botId: 'bot1', secret: 'sec-ret', wsUrl: server.url, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    other.connect();
    await until(() => a.channel!.state === 'taken-over', 3000, 'takeover');
    expect(alarms[0]).toContain('disconnected_event');
    expect(a.status!()).toMatch(/^down: /);
    const errLine = stderr.map((l) => JSON.parse(l) as { level: string; msg: string }).find((l) => l.msg.includes('taken over'));
    expect(errLine?.level).toBe('error');
    await new Promise((r) => setTimeout(r, 200));
    expect(server.subscribes).toBe(2); // the kicked client did not fight back
    other.disconnect();
  });

  it('keeps retrying on auth failure, logging errors (no silent give-up)', async () => {
    const a = make({ ws: { reconnectBaseMs: 10, startTimeoutMs: 300, heartbeatMs: 100 } }, 'wrong');
    await a.start();
    await until(() => server.subscribes >= 6, 5000, 'more auth attempts than the SDK default 5');
    expect(stderr.join('')).toContain('Authentication failed');
    expect(stderr.join('')).not.toContain('wrong"');
  });

  it('welcomes enter_chat within the same connection', async () => {
    const a = make();
    await a.start();
    server.pushEvent('enter_chat');
    await until(() => server.welcomes.length === 1);
    expect(server.welcomes[0]).toMatchObject({ msgtype: 'text' });
  });

  it('a dropped ack (SDK 5-s ack timeout) is logged, not resent (no duplicate answer)', async () => {
    const a = make();
    await a.start();
    server.dropAcks = 1;
    const req = server.push(groupMsg('@督办助手 丢回执'));
    await until(() => server.streams.get(req)!.finished);
    await a.idle(); // waits out the SDK's fixed 5-s replyAckTimeout
    expect(stderr.join('')).toContain('wecom stream reply unconfirmed');
    expect(server.sent).toHaveLength(0);
    const next = server.push(groupMsg('@督办助手 之后'));
    await until(() => server.streams.get(next)!.finished);
  }, 15_000);

  it('falls back to a proactive message when WeCom refuses the stream (846608)', async () => {
    const a = make();
    await a.start();
    const req = server.push(groupMsg('@督办助手 过期'));
    server.streams.get(req)!.finished = true; // the fake now answers 846608
    await until(() => server.sent.length === 1, 3000);
    expect(server.sent[0]).toMatchObject({ chatid: 'CHAT1', content: '答：过期' });
  });
});

describe('one connection per bot: instance lock', () => {
  it('refuses a second instance against the same data directory', async () => {
    const a = make();
    await a.start();
    const b = make();
    await expect(b.start()).rejects.toBeInstanceOf(InstanceLockedError);
    expect(server.subscribes).toBe(1);
    await a.stop();
    await b.start();
    expect(b.channel!.state).toBe('ready');
  });

  it('takes over a stale lock whose pid is gone, and releases only its own', () => {
    writeFileSync(join(dataDir, LOCK_FILE), '999999999\nhost\n');
    const l = acquireInstanceLock(dataDir);
    expect(readFileSync(l.path, 'utf8').split('\n')[0]).toBe(String(process.pid));
    expect(() => acquireInstanceLock(dataDir)).toThrow(InstanceLockedError);
    l.release();
    acquireInstanceLock(dataDir).release();
  });
});

describe('sendToChat', () => {
  const KEY = '5a1b2c3d-0000-4bc4-97a0-0ec2afa5a001';
  const reminder = { chatId: 'CHAT1', title: '节点提醒', text: '第28项 9月底前应完成 30 座，请报送进展。', mentions: [{ userId: 'zhangsan', name: '张三' }, { userId: 'lisi', name: '李四' }], idempotencyKey: 'r1' };

  it('goes through the group webhook with real @ when one is bound, once per idempotency key', async () => {
    const webhooks: WebhookStore = memoryWebhookStore();
    webhooks.set('CHAT1', KEY, 'admin', new Date());
    const a = make({ webhooks });
    await a.start();
    const r = await a.sendToChat(reminder);
    expect(r).toMatchObject({ ok: true });
    expect(await a.sendToChat(reminder)).toEqual(r);
    expect(api.messages).toHaveLength(1);
    expect(api.messages[0]).toMatchObject({ msgtype: 'text', mentions: ['zhangsan', 'lisi'], content: '【节点提醒】\n' + reminder.text });
    expect(server.sent).toHaveLength(0);
  });

  it('without a webhook: aibot_send_msg markdown with names in bold', async () => {
    const a = make();
    await a.start();
    const r = await a.sendToChat(reminder);
    expect(r.ok).toBe(true);
    expect(server.sent).toHaveLength(1);
    expect(server.sent[0]!.content).toContain('**张三** **李四**');
    expect(server.sent[0]!.content).toContain('### 节点提醒');
  });

  it('invalid key (93000): alerts the group via the AI bot and still delivers the reminder', async () => {
    const webhooks = memoryWebhookStore();
    const bad = 'dead0000-0000-4bc4-97a0-0ec2afa5beef';
    webhooks.set('CHAT1', bad, 'admin', new Date());
    const alarms: string[] = [];
    const a = make({ webhooks, onAlarm: (x) => alarms.push(x) });
    await a.start();
    const r = await a.sendToChat(reminder);
    expect(r.ok).toBe(true);
    expect(r.error).toContain('93000');
    expect(server.sent.map((s) => s.content)).toEqual([expect.stringContaining('/推送地址'), expect.stringContaining('**张三**')]);
    expect(server.sent[0]!.content).toContain('dead…beef');
    expect(alarms).toHaveLength(1);
    expect(stderr.join('') + JSON.stringify(r) + alarms.join('')).not.toContain(bad);
    // next reminder skips the dead key without a second alert
    await a.sendToChat({ ...reminder, idempotencyKey: 'r2' });
    expect(server.sent).toHaveLength(3);
    expect(api.attempts).toHaveLength(1);
  });
});
