import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '../../../src/log.ts';
import fc from 'fast-check';
import { parseAnswer, WebhookClient } from '../../../src/platforms/wecom/webhook.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../../fakes/wecom/webhookServer.ts';

setLogLevel('error');

const KEY = '693a91f6-7a3c-4bc4-97a0-0ec2afa5aaa1';

/** A shared fake clock: the client's sleeps advance it instantly, the fake server reads it. */
function clock(start = 1_700_000_000_000) {
  const c = { t: start, sleeps: [] as number[] };
  return {
    c,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
}

let api: FakeWecomApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  vi.restoreAllMocks();
});

describe('WebhookClient against the fake webhook API', () => {
  it('sends text with a real @ (mentioned_list) and markdown with <@userid>', async () => {
    api = await startFakeWecomApi({ keys: [KEY] });
    const client = new WebhookClient({ base: api.base });
    expect(await client.sendText(KEY, '请于本周五前报送进展', ['zhangsan', 'lisi'])).toEqual({ ok: true, sent: 1, parts: 1 });
    expect(await client.sendMarkdown(KEY, '**节点提醒** <@wangwu> 请报送')).toMatchObject({ ok: true });
    expect(api.messages.map((m) => [m.msgtype, m.mentions])).toEqual([
      ['text', ['zhangsan', 'lisi']],
      ['markdown', ['wangwu']],
    ]);
  });

  it('splits text over 2,048 bytes and markdown over 4,096 bytes on line boundaries', async () => {
    api = await startFakeWecomApi({ keys: [KEY] });
    const client = new WebhookClient({ base: api.base });
    const lines = Array.from({ length: 120 }, (_, i) => `第${i + 1}项：住建局牵头，按时序进度推进中。`);
    const text = lines.join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(4096 * 1.5);
    const r = await client.sendText(KEY, text, ['zhangsan']);
    expect(r.ok).toBe(true);
    expect(r.parts).toBeGreaterThan(3);
    const texts = api.messages.filter((m) => m.msgtype === 'text');
    expect(texts.every((m) => Buffer.byteLength(m.content) <= 2048)).toBe(true);
    expect(texts.map((m) => m.content).join('\n')).toBe(text);
    expect(texts[0]!.mentions).toEqual(['zhangsan']);
    const md = await client.sendMarkdown(KEY, text);
    expect(md.ok).toBe(true);
    const mds = api.messages.filter((m) => m.msgtype === 'markdown');
    expect(mds.length).toBe(md.parts);
    expect(mds.every((m) => Buffer.byteLength(m.content) <= 4096)).toBe(true);
    expect(mds.map((m) => m.content).join('\n')).toBe(text);
    // one 3,000-byte line with no break is cut at character boundaries
    const long = '长'.repeat(1000);
    expect((await client.sendText(KEY, long)).ok).toBe(true);
    expect(api.messages.slice(-2).map((m) => m.content).join('')).toBe(long);
  });

  it('paces 25 messages to 20 per minute per key without ever hitting 45009', async () => {
    const ck = clock();
    api = await startFakeWecomApi({ keys: [KEY, 'other-key-0000000000001'], now: ck.now });
    const client = new WebhookClient({ base: api.base, now: ck.now, sleep: ck.sleep });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => client.sendText(KEY, `提醒 ${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(api.attempts.filter((a) => a.errcode === 45009)).toHaveLength(0);
    expect(api.messages.map((m) => m.content)).toEqual(Array.from({ length: 25 }, (_, i) => `提醒 ${i}`));
    const at = api.messages.map((m) => m.at);
    expect(at[20]! - at[0]!).toBeGreaterThanOrEqual(60_000);
    // another key is not held up by the first one's window
    expect((await client.sendText('other-key-0000000000001', 'x')).ok).toBe(true);
  });

  it('waits and retries on 45009 from WeCom (limit consumed elsewhere)', async () => {
    const ck = clock();
    api = await startFakeWecomApi({ keys: [KEY], now: ck.now, perMinute: 2 });
    const client = new WebhookClient({ base: api.base, now: ck.now, sleep: ck.sleep });
    const r = await Promise.all([1, 2, 3].map((i) => client.sendText(KEY, `m${i}`)));
    expect(r.every((x) => x.ok)).toBe(true);
    expect(api.attempts.map((a) => a.errcode)).toEqual([0, 0, 45009, 0]);
    expect(ck.c.sleeps).toContain(60_000);
  });

  it('reports 93000 (invalid key) as permanent, without retrying, and never logs the key', async () => {
    api = await startFakeWecomApi({ keys: [] });
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const client = new WebhookClient({ base: api.base });
    const r = await client.sendText(KEY, 'hi');
    expect(r.ok).toBe(false);
    expect(r.failure).toMatchObject({ errcode: 93000, retryable: false, invalidKey: true });
    expect(api.attempts).toHaveLength(1);
    const logged = spy.mock.calls.map((c) => String(c[0])).join('');
    expect(logged).toContain('93000');
    expect(logged).not.toContain(KEY);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });

  it('retries what WeCom refused (errcode -1, 5xx with an errcode) with backoff', async () => {
    const ck = clock();
    api = await startFakeWecomApi({ keys: [KEY] });
    api.faults.push('errcode-1', 'http500-errcode', 'errcode-1');
    const client = new WebhookClient({ base: api.base, sleep: ck.sleep, timeoutMs: 300 });
    expect((await client.sendText(KEY, 'a')).ok).toBe(true);
    expect(api.attempts.map((a) => a.errcode)).toEqual(['fault', 'fault', 'fault', 0]);
    expect(ck.c.sleeps).toHaveLength(3);
    expect(ck.c.sleeps[1]!).toBeGreaterThan(ck.c.sleeps[0]!);
    expect(api.messages).toHaveLength(1);
  });

  it('never retries a send WeCom may have taken: reset, timeout or bare 5xx after the request was written', async () => {
    const ck = clock();
    api = await startFakeWecomApi({ keys: [KEY] });
    const client = new WebhookClient({ base: api.base, sleep: ck.sleep, timeoutMs: 300 });
    for (const fault of ['reset', 'hang', 'http500', 'accept-reset', 'accept-hang'] as const) {
      const before = api.attempts.length;
      api.faults.push(fault);
      const r = await client.sendText(KEY, `x-${fault}`);
      expect(r.ok, fault).toBe(false);
      expect(r.failure, fault).toMatchObject({ uncertain: true, retryable: false, invalidKey: false });
      expect(api.attempts.length - before, fault).toBe(1);
    }
    expect(ck.c.sleeps).toEqual([]);
    // the two the platform did take were posted once each
    expect(api.messages.map((m) => m.content)).toEqual(['x-accept-reset', 'x-accept-hang']);
  });

  it('fails retryably when the server is down', async () => {
    const ck = clock();
    const client = new WebhookClient({ base: 'http://127.0.0.1:1', sleep: ck.sleep, maxAttempts: 2 });
    const r = await client.sendText(KEY, 'x');
    // connection refused: nothing was written, so it is safe to retry
    expect(r).toMatchObject({ ok: false, failure: { retryable: true, uncertain: false } });
    expect(r.failure!.error).not.toContain(KEY);
  });
});

describe('the webhook answer, validated', () => {
  it('reads errcode as a number or numeric string and errmsg as text; anything else is no WeCom answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 9_999_999 }), fc.boolean(), fc.string(), (code, asString, msg) => {
        expect(parseAnswer(JSON.stringify({ errcode: asString ? String(code) : code, errmsg: msg }))).toEqual({ errcode: code, errmsg: msg });
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.boolean(), fc.array(fc.integer()), fc.object(), fc.string().filter((s) => !/^\s*-?\d+\s*$/.test(s))), (bad) => {
        expect(parseAnswer(JSON.stringify({ errcode: bad, errmsg: 'x' }))).toBeUndefined();
      }),
    );
    expect(parseAnswer('<html>502 Bad Gateway</html>')).toBeUndefined();
    expect(parseAnswer('[1,2]')).toBeUndefined();
    expect(parseAnswer('{}')).toEqual({ errmsg: '' });
  });
});
