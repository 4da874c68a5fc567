// Webhook mode end to end: signed, encrypted posts into the bot's HTTP server → the real SDK
// dispatcher → our adapter → replies at the fake Open API.
import { afterEach, describe, expect, it } from 'vitest';
import { atBot, cardAction, ENCRYPT_KEY, envelope, messageEvent, VERIFICATION_TOKEN } from '../../fakes/feishu/events.ts';
import { encrypt, signedPost } from '../../fakes/feishu/crypto.ts';
import { until } from '../../fakes/feishu/server.ts';
import { CARD_ACTION_KIND } from '../../../src/platforms/feishu/cards.ts';
import { harness, post, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const deliver = (ev: unknown, opts?: { timestamp?: number; nonce?: string }) => {
  h.fake.observe(ev);
  const p = signedPost(ENCRYPT_KEY, ev, opts);
  return post(h.url, p.body, p.headers);
};

describe('feishu webhook mode', () => {
  it('answers the url_verification challenge (encrypted and plaintext), refusing a wrong token', async () => {
    h = await harness('webhook');
    const challenge = { challenge: 'abc-123', token: VERIFICATION_TOKEN, type: 'url_verification' };
    const enc = await post(h.url, JSON.stringify({ encrypt: encrypt(ENCRYPT_KEY, JSON.stringify(challenge)) }));
    expect(enc).toMatchObject({ status: 200, json: { challenge: 'abc-123' } });
    const plain = await post(h.url, JSON.stringify(challenge));
    expect(plain.json).toEqual({ challenge: 'abc-123' });
    const wrong = await post(h.url, JSON.stringify({ ...challenge, token: 'nope' }));
    expect(wrong.status).toBe(401);
  });

  it('replies to an @bot group message via message.reply, with the placeholder stripped', async () => {
    h = await harness('webhook');
    const ev = atBot('谁牵头第28项');
    const r = await deliver(ev);
    expect(r.status).toBe(200);
    await until(() => h.fake.sent().length === 1, 5000, 'reply');
    expect(h.received[0]).toMatchObject({ platform: 'feishu', text: '谁牵头第28项', chatId: 'oc_group1', isDirect: false, userId: 'ou_alice' });
    const m = h.fake.sent()[0]!;
    expect(m).toMatchObject({ kind: 'reply', replyTo: ev.event.message.message_id, msgType: 'text' });
    expect(m.content.text).toBe('收到：谁牵头第28项');
    expect(m.uuid).toBe(`r:${ev.event.message.message_id}:0`);
  });

  it('ignores a group message that does not @ the bot (even one that @s another bot by the same name)', async () => {
    h = await harness('webhook');
    await deliver(messageEvent({ text: '大家好' }));
    await deliver(messageEvent({ text: '@_user_1 你好', mentions: [{ openId: 'ou_otherbot', name: '督办助手', bot: true }] }));
    await deliver(atBot('在吗'));
    await until(() => h.fake.sent().length === 1);
    await h.adapter.idle();
    expect(h.received.map((m) => m.text)).toEqual(['在吗']);
  });

  it('answers direct chats without a mention', async () => {
    h = await harness('webhook');
    await deliver(messageEvent({ chatType: 'p2p', chatId: 'oc_p2p', text: '/我的任务' }));
    await until(() => h.fake.sent().length === 1);
    expect(h.received[0]).toMatchObject({ isDirect: true, text: '/我的任务' });
  });

  it('rejects a forged signature with 401 and a log line, and never runs the handler', async () => {
    h = await harness('webhook');
    const p = signedPost(ENCRYPT_KEY, atBot('hi'));
    const r = await post(h.url, p.body, { ...p.headers, 'x-lark-signature': 'f'.repeat(64) });
    expect(r.status).toBe(401);
    const noHeaders = await post(h.url, p.body);
    expect(noHeaders.status).toBe(401);
    const wrongKey = signedPost('some other key', atBot('hi'));
    expect((await post(h.url, wrongKey.body, wrongKey.headers)).status).toBe(400);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.received).toHaveLength(0);
    expect(h.logs().some((l) => l.includes('signature check failed'))).toBe(true);
  });

  it('rejects a replayed event whose signed timestamp is outside the 5-minute window', async () => {
    h = await harness('webhook');
    const stale = await deliver(atBot('old'), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    const future = await deliver(atBot('future'), { timestamp: Math.floor(Date.now() / 1000) + 600 });
    expect(future.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.received).toHaveLength(0);
    expect(h.logs().some((l) => l.includes('stale or future timestamp'))).toBe(true);
  });

  it('rejects a signed event carrying the wrong verification token, and plaintext events', async () => {
    h = await harness('webhook');
    const ev = envelope('im.message.receive_v1', atBot('x').event, { token: 'forged' });
    expect((await deliver(ev)).status).toBe(401);
    expect((await post(h.url, JSON.stringify(atBot('plain')))).status).toBe(401);
    expect((await post(h.url, 'not json')).status).toBe(400);
  });

  it('processes a message delivered twice (new event_id, same message_id) once', async () => {
    h = await harness('webhook');
    const ev = atBot('/进展 28 已开工');
    const again = { ...ev, header: { ...ev.header, event_id: 'another-event-id' } };
    expect((await deliver(ev)).status).toBe(200);
    expect((await deliver(again)).status).toBe(200);
    expect((await deliver(ev)).status).toBe(200);
    await until(() => h.fake.sent().length >= 1);
    await h.adapter.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.received).toHaveLength(1);
    expect(h.fake.sent()).toHaveLength(1);
  });

  it('acknowledges at once while a slow handler runs, and keeps per-chat order', async () => {
    h = await harness('webhook');
    h.setReply(async (m) => {
      if (m.text === '第一') await new Promise((r) => setTimeout(r, 600));
      return { text: `答${m.text}` };
    });
    const t0 = Date.now();
    await deliver(atBot('第一'));
    await deliver(atBot('第二'));
    await deliver(atBot('别的群', { chatId: 'oc_group2' }));
    expect(Date.now() - t0).toBeLessThan(500);
    await until(() => h.fake.sent().length === 3);
    expect(h.fake.sent('oc_group1').map((m) => m.content.text)).toEqual(['答第一', '答第二']);
    // The other chat was not held up behind the slow one.
    const g2 = h.fake.sent('oc_group2')[0]!;
    expect(g2.at).toBeLessThan(h.fake.sent('oc_group1')[0]!.at);
  });

  it('survives a handler that throws: apology sent, later messages still answered', async () => {
    h = await harness('webhook');
    h.setReply((m) => {
      if (m.text === 'boom') throw new Error('kaboom');
      return { text: 'ok' };
    });
    expect((await deliver(atBot('boom'))).status).toBe(200);
    await deliver(atBot('next'));
    await until(() => h.fake.sent().length === 2);
    expect(h.fake.sent().map((m) => m.content.text)).toEqual(['抱歉，处理这条消息时出错了，已记录。请稍后再试。', 'ok']);
  });

  it('turns a card click into the /进展 command and returns the updated card within the deadline', async () => {
    h = await harness('webhook');
    h.setReply((m) => ({ text: `已记录：${m.text}` }));
    const ev = cardAction({ value: { kind: CARD_ACTION_KIND, task: '28', status: '需协调', title: '保障性住房' }, formValue: { note: '资金未到位' } });
    const r = await deliver(ev);
    expect(r.status).toBe(200);
    expect(h.received[0]).toMatchObject({ messageId: ev.header.event_id, text: '/进展 28 需协调 资金未到位', chatId: 'oc_group1', userId: 'ou_alice' });
    expect(r.json.toast.type).toBe('success');
    expect(r.json.card.type).toBe('raw');
    expect(JSON.stringify(r.json.card.data)).toContain('已记录：/进展 28 需协调 资金未到位');
    // Redelivery of the same callback is idempotent.
    const again = await deliver(ev);
    expect(again.json.toast.type).toBe('info');
    expect(h.received).toHaveLength(1);
  });

  it('a slow card click answers with a toast before the deadline and patches the card later', async () => {
    h = await harness('webhook', { cardDeadlineMs: 300 });
    h.setReply(async () => {
      await new Promise((r) => setTimeout(r, 800));
      return { text: '已记录（慢）' };
    });
    const t0 = Date.now();
    const r = await deliver(cardAction({ value: { kind: CARD_ACTION_KIND, task: '7', status: '已完成' }, messageId: 'om_card7' }));
    expect(Date.now() - t0).toBeLessThan(700);
    expect(r.json.toast.type).toBe('info');
    await until(() => h.fake.messages.some((m) => m.kind === 'patch'), 5000, 'patch');
    const patch = h.fake.messages.find((m) => m.kind === 'patch')!;
    expect(patch.messageId).toBe('om_card7');
    expect(JSON.stringify(patch.content)).toContain('已记录（慢）');
  });
});
