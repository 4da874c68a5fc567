// Long-connection mode: the real, unmodified WSClient discovers the endpoint over HTTP and
// speaks protobuf frames with the fake gateway (test/fakes/feishu/pbbp2.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_ACTION_KIND } from '../../../src/platforms/feishu/cards.ts';
import { atBot, cardAction, messageEvent } from '../../fakes/feishu/events.ts';
import { until } from '../../fakes/feishu/server.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

describe('feishu long connection', () => {
  it('connects, answers pings, acks an @bot message at once and replies asynchronously', async () => {
    h = await harness('ws');
    expect(h.adapter.connectionStatus()).toBe('connected');
    expect(h.fake.requests.some((r) => r.op === 'endpoint')).toBe(true);
    h.setReply(async (m) => {
      await new Promise((r) => setTimeout(r, 300));
      return { text: `答：${m.text}` };
    });
    const t0 = Date.now();
    const ack = await h.fake.push(atBot('白水镇要建几个和美湘村'));
    expect(ack.code).toBe(200);
    expect(Date.now() - t0).toBeLessThan(250);
    await until(() => h.fake.sent().length === 1, 5000, 'reply');
    expect(h.fake.sent()[0]!.content.text).toBe('答：白水镇要建几个和美湘村');
    await until(() => h.fake.pings > 0, 3000, 'ping');
  });

  it('reassembles a fragmented event and dedupes a re-push of the same message', async () => {
    h = await harness('ws');
    const ev = atBot('/进展 28 已开工 完成率30%');
    await h.fake.push(ev, { fragments: 3 });
    await h.fake.push({ ...ev, header: { ...ev.header, event_id: 'repush' } });
    await until(() => h.fake.sent().length === 1);
    await h.adapter.idle();
    expect(h.received.map((m) => m.text)).toEqual(['/进展 28 已开工 完成率30%']);
  });

  it('p2p messages answered, group messages without @bot ignored', async () => {
    h = await harness('ws');
    await h.fake.push(messageEvent({ text: '闲聊' }));
    await h.fake.push(messageEvent({ chatType: 'p2p', chatId: 'oc_dm', text: '你好' }));
    await until(() => h.fake.sent().length === 1);
    expect(h.received.map((m) => m.text)).toEqual(['你好']);
  });

  it('a throwing handler never reaches the SDK: ack 200, apology replied', async () => {
    h = await harness('ws');
    h.setReply(() => {
      throw new Error('boom');
    });
    const ack = await h.fake.push(atBot('x'));
    expect(ack.code).toBe(200);
    await until(() => h.fake.sent().length === 1);
    expect(h.fake.sent()[0]!.content.text).toContain('抱歉');
  });

  it('card click over the socket: the ack carries the updated card', async () => {
    h = await harness('ws');
    h.setReply((m) => ({ text: `已记录 ${m.text}` }));
    const ack = await h.fake.push(cardAction({ value: { kind: CARD_ACTION_KIND, task: '12', status: '滞后', title: '道路' }, formValue: { note: '雨季停工' } }));
    expect(ack.code).toBe(200);
    const data = ack.data as { toast: { type: string }; card: { type: string; data: unknown } };
    expect(data.toast.type).toBe('success');
    expect(JSON.stringify(data.card.data)).toContain('已记录 /进展 12 滞后 雨季停工');
  });
});
