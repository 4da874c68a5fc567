// Names, not ids (issue 14 item 5): the sender's display name comes from the contact API
// (through the real SDK, against the fake's GET /open-apis/contact/v3/users/:id) or from an
// earlier @-mention, is cached, and a failed lookup never holds a message back.
import { afterEach, describe, expect, it } from 'vitest';
import { atBot } from '../../fakes/feishu/events.ts';
import { until } from '../../fakes/feishu/server.ts';
import { harness, type Harness } from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());
const lookups = (id: string) => h.fake.requests.filter((r) => r.op === 'contact.user' && r.path.endsWith(id)).length;

describe('feishu display names', () => {
  it('resolves the sender through the contact API once, then from the cache', async () => {
    h = await harness('ws');
    h.fake.users.set('ou_alice', '张三');
    await h.fake.push(atBot('第28项进展', { sender: 'ou_alice' }));
    await h.fake.push(atBot('第29项进展', { sender: 'ou_alice' }));
    await until(() => h.received.length === 2, 5000, 'both handled');
    expect(h.received.map((m) => m.userName)).toEqual(['张三', '张三']);
    expect(lookups('ou_alice')).toBe(1);
  });

  it('takes names from @-mentions without a lookup', async () => {
    h = await harness('ws');
    h.fake.users.set('ou_alice', '张三');
    await h.fake.push(atBot('请 @_user_2 汇报', { sender: 'ou_alice', mentions: [{ openId: 'ou_dave', name: '李四' }] }));
    await until(() => h.received.length === 1);
    await h.fake.push(atBot('已完成', { sender: 'ou_dave' }));
    await until(() => h.received.length === 2);
    expect(h.received[1]!.userName).toBe('李四');
    expect(lookups('ou_dave')).toBe(0);
  });

  it('a refused lookup (no contact permission) falls back to the open_id and the message is still answered', async () => {
    h = await harness('ws');
    await h.fake.push(atBot('在吗', { sender: 'ou_bob' }));
    await until(() => h.fake.sent().length === 1, 5000, 'reply');
    expect(h.received[0]!.userName).toBe('ou_bob');
    expect(lookups('ou_bob')).toBe(1);
    expect(h.logs().join('')).toContain('user name lookup failed');
  });
});
