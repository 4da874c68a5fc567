// The 签收 button on a 批示 post (Feishu cards): the outbox message with an action becomes a card
// with a button; a click is the command "/签收 28" run as the clicker, answered with a toast and
// a reply under the card that everyone sees; a redelivered click runs once; a crafted callback
// value cannot stand for any other command.
import { afterEach, describe, expect, it } from 'vitest';
import { cardAction, ENCRYPT_KEY } from '../../fakes/feishu/events.ts';
import { signedPost } from '../../fakes/feishu/crypto.ts';
import { until } from '../../fakes/feishu/server.ts';
import { COMMAND_ACTION_KIND, parseCommandAction, renderMessage } from '../../../src/platforms/feishu/cards.ts';
import { harness, post, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const click = (ev: unknown) => {
  h.fake.observe(ev);
  const p = signedPost(ENCRYPT_KEY, ev);
  return post(h.url, p.body, p.headers);
};

/** The callback values of every button in a rendered card. */
function buttonValues(card: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.tag === 'button') for (const b of (o.behaviors as { value: unknown }[]) ?? []) out.push(b.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('the 签收 button', () => {
  it('a post with an action is a card whose button stands for the command; short text without one stays text', () => {
    const parts = renderMessage('【领导批示】第28项\n曹陶批示：抓紧', { mentions: [{ userId: 'ou_zhang', name: '张三' }], actions: [{ label: '签收', command: '/签收 28' }] });
    expect(parts.map((p) => p.msgType)).toEqual(['interactive']);
    const values = buttonValues(JSON.parse(parts[0]!.content));
    expect(values).toEqual([{ kind: COMMAND_ACTION_KIND, command: '/签收 28' }]);
    expect(parseCommandAction({ value: values[0] })).toBe('/签收 28');
    expect(renderMessage('短消息').map((p) => p.msgType)).toEqual(['text']);
    // only the allowed commands become buttons, and only those are read back from a click
    expect(buttonValues(JSON.parse(renderMessage('x', { actions: [{ label: '撤销', command: '/销号 28 撤销' }] })[0]!.content))).toEqual([]);
    for (const command of ['/销号 28 撤销', '/签收 28 /批准 销号28', '/签收 -1', '/批准 销号28'])
      expect(parseCommandAction({ value: { kind: COMMAND_ACTION_KIND, command } }), command).toBeUndefined();
    expect(parseCommandAction({ value: JSON.stringify({ kind: COMMAND_ACTION_KIND, command: '/签收 7' }) })).toBe('/签收 7');
  });

  it('sendToChat renders the button', async () => {
    h = await harness('webhook');
    const r = await h.adapter.sendToChat({ chatId: 'oc_group1', text: '【领导批示】第28项', mentions: [], idempotencyKey: 'instruction:1:feishu:oc_group1', actions: [{ label: '签收', command: '/签收 28' }] });
    expect(r.ok).toBe(true);
    const created = h.fake.messages.filter((m) => m.kind === 'create');
    expect(created).toHaveLength(1);
    expect(buttonValues(created[0]!.content)).toEqual([{ kind: COMMAND_ACTION_KIND, command: '/签收 28' }]);
  });

  it('a click runs /签收 as the clicker, once; the reply goes under the card', async () => {
    h = await harness('webhook');
    h.setReply((m) => ({ text: `已签收第28项批示1条（${m.userId}）`, mentions: ['ou_cao'] }));
    const ev = cardAction({ value: { kind: COMMAND_ACTION_KIND, command: '/签收 28' }, operator: 'ou_zhang', messageId: 'om_ins1' });
    const r = await click(ev);
    expect(r.status).toBe(200);
    expect(r.json.toast).toMatchObject({ type: 'success', content: '已签收第28项批示1条（ou_zhang）' });
    expect(h.received).toHaveLength(1);
    expect(h.received[0]).toMatchObject({ text: '/签收 28', userId: 'ou_zhang', chatId: 'oc_group1', messageId: ev.header.event_id });
    await until(() => h.fake.messages.some((m) => m.kind === 'reply'), 5000, 'reply under the card');
    const reply = h.fake.messages.find((m) => m.kind === 'reply')!;
    expect(reply.replyTo).toBe('om_ins1');
    expect(reply.mentions).toEqual(['ou_cao']);
    const again = await click(ev);
    expect(again.json.toast.type).toBe('info');
    expect(h.received).toHaveLength(1);
  });

  it('a crafted value is refused and runs nothing', async () => {
    h = await harness('webhook');
    const r = await click(cardAction({ value: { kind: COMMAND_ACTION_KIND, command: '/销号 28 撤销' } }));
    expect(r.json.toast.type).toBe('warning');
    expect(h.received).toHaveLength(0);
  });
});
