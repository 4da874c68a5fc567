// Outbound: reminders with real mentions, escaping, uuid idempotency, token expiry, rate limits
// and the admin-facing errors — the real SDK Client against the fake Open API.
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../fakes/feishu/server.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const reminder = (over: Partial<Parameters<Harness['adapter']['sendToChat']>[0]> = {}) => ({
  chatId: 'oc_group1',
  text: '第28项 9月底前节点将到期，请更新进展。',
  mentions: [{ userId: 'ou_liaison1', name: '张三' }, { userId: 'ou_liaison2', name: '李四' }],
  idempotencyKey: 'reminder:28:2025-09-25',
  ...over,
});

describe('feishu sending', () => {
  it('posts a reminder as text with real <at user_id> mentions and the idempotency key as uuid', async () => {
    h = await harness('webhook');
    const r = await h.adapter.sendToChat(reminder());
    expect(r).toMatchObject({ ok: true });
    const m = h.fake.sent()[0]!;
    expect(m).toMatchObject({ kind: 'create', chatId: 'oc_group1', msgType: 'text', uuid: 'reminder:28:2025-09-25' });
    expect(m.content.text).toBe('<at user_id="ou_liaison1">张三</at> <at user_id="ou_liaison2">李四</at> 第28项 9月底前节点将到期，请更新进展。');
  });

  it('a card reminder (with title) uses <at id=…></at> in markdown', async () => {
    h = await harness('webhook');
    await h.adapter.sendToChat(reminder({ title: '节点提醒' }));
    const m = h.fake.sent()[0]!;
    expect(m.msgType).toBe('interactive');
    expect(m.content.schema).toBe('2.0');
    expect(m.content.config.update_multi).toBe(true);
    expect(m.content.body.elements[0].content).toContain('<at id=ou_liaison1></at> <at id=ou_liaison2></at>');
  });

  it('escapes user text so nobody can inject @所有人, in text and in cards', async () => {
    h = await harness('webhook');
    const evil = '进展 <at user_id="all">所有人</at> 看这里';
    await h.adapter.sendToChat(reminder({ text: evil, mentions: [{ userId: 'all', name: 'x' }], idempotencyKey: 'k1' }));
    await h.adapter.sendToChat(reminder({ text: evil, title: 't', mentions: [], idempotencyKey: 'k2' }));
    const [t, c] = h.fake.sent();
    expect(t!.content.text).not.toMatch(/<at/);
    expect(JSON.stringify(c!.content)).not.toMatch(/<at/);
  });

  it('a retried reminder with the same idempotency key is posted once', async () => {
    h = await harness('webhook');
    const a = await h.adapter.sendToChat(reminder());
    const b = await h.adapter.sendToChat(reminder());
    expect(a.messageIds).toEqual(b.messageIds);
    expect(h.fake.sent()).toHaveLength(1);
  });

  it('a long answer goes out as cards, split within the size limit', async () => {
    h = await harness('webhook');
    const long = Array.from({ length: 900 }, (_, i) => `${i + 1}. 某某单位牵头的重点任务第${i + 1}项，进展正常`).join('\n');
    const r = await h.adapter.sendToChat(reminder({ text: long, mentions: [], idempotencyKey: 'digest:w1' }));
    expect(r.ok).toBe(true);
    const sent = h.fake.sent();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((m) => m.msgType === 'interactive')).toBe(true);
    expect(new Set(sent.map((m) => m.uuid)).size).toBe(sent.length);
  });

  it('token revoked (99991663): evicts the cached token, fetches a new one and retries once', async () => {
    h = await harness('webhook');
    await h.adapter.sendToChat(reminder({ idempotencyKey: 'a' }));
    const before = h.fake.tokenRequests;
    h.fake.revokeTokens();
    const r = await h.adapter.sendToChat(reminder({ idempotencyKey: 'b' }));
    expect(r.ok).toBe(true);
    expect(h.fake.tokenRequests).toBe(before + 1);
    expect(h.fake.sent()).toHaveLength(2);
  });

  it('230020 (chat frequency limit): backs off and succeeds', async () => {
    h = await harness('webhook');
    h.fake.fail({ op: 'create', status: 400, code: 230020, times: 2 });
    const r = await h.adapter.sendToChat(reminder());
    expect(r.ok).toBe(true);
    expect(h.fake.sent()).toHaveLength(1);
  });

  it('HTTP 429 honours x-ogw-ratelimit-reset', async () => {
    h = await harness('webhook');
    h.fake.fail({ op: 'create', status: 429, code: 99991400, headers: { 'x-ogw-ratelimit-reset': '1' } });
    const t0 = Date.now();
    const r = await h.adapter.sendToChat(reminder());
    expect(r.ok).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('keeps a burst to one chat under 5/s so the platform never answers 230020', async () => {
    h = await harness('webhook');
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => h.adapter.sendToChat(reminder({ idempotencyKey: `burst-${i}`, mentions: [] }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.fake.sent()).toHaveLength(12);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect(h.logs().some((l) => l.includes('230020') || l.includes('throttled'))).toBe(false);
  });

  it('230002 (bot not in chat): not retried, clear admin message and log line', async () => {
    h = await harness('webhook');
    h.fake.botNotIn.add('oc_gone');
    const r = await h.adapter.sendToChat(reminder({ chatId: 'oc_gone' }));
    expect(r).toMatchObject({ ok: false, retryable: false });
    expect(r.error).toContain('机器人不在这个群里');
    expect(h.logs().some((l) => l.includes('bot is not in the chat (230002)'))).toBe(true);
  });

  it('99991672 (missing scope): names the scopes to enable', async () => {
    h = await harness('webhook');
    h.fake.fail({ op: 'create', status: 400, code: 99991672, extra: { permission_violations: [{ type: 'action_scope_required', subject: 'im:message:send_as_bot' }] } });
    const r = await h.adapter.sendToChat(reminder());
    expect(r.ok).toBe(false);
    expect(r.error).toContain('im:message:send_as_bot');
    expect(h.logs().some((l) => l.includes('missing scopes (99991672)'))).toBe(true);
  });

  it('never logs the app secret or the tenant token', async () => {
    h = await harness('webhook');
    h.fake.fail({ op: 'create', status: 400, code: 230001 });
    await h.adapter.sendToChat(reminder());
    const all = h.logs().join('\n');
    expect(all).not.toContain('fake-app-secret');
    expect(all).not.toMatch(/t-fake-\d/);
  });

  it('sends a progress card whose buttons cover the four statuses and a note field', async () => {
    h = await harness('webhook');
    const r = await h.adapter.sendProgressCard('oc_group1', { taskId: '28', title: '保障性住房', detail: '牵头单位：住建局', mentions: [{ userId: 'ou_l1' }] }, 'card:28:w1');
    expect(r.ok).toBe(true);
    const card = JSON.stringify(h.fake.sent()[0]!.content);
    for (const s of ['正常推进', '滞后', '已完成', '需协调']) expect(card).toContain(s);
    expect(card).toContain('"tag":"input"');
    expect(card).toContain('<at id=ou_l1></at>');
    await until(() => true);
  });
});
