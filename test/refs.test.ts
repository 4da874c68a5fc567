import { describe, expect, it } from 'vitest';
import { formatChatRef, parseChatRef, parseUserRef } from '../src/refs.ts';

describe('ChatRef / UserRef', () => {
  it('round-trips ids that contain colons and refuses unknown platforms or empty ids', () => {
    expect(parseChatRef('wecom:wr:abc')).toEqual({ platform: 'wecom', chatId: 'wr:abc' });
    expect(formatChatRef(parseChatRef('feishu:oc_1')!)).toBe('feishu:oc_1');
    expect(parseUserRef('console:admin')).toEqual({ platform: 'console', userId: 'admin' });
    for (const bad of ['slack:x', 'feishu:', ':x', 'feishu', '']) expect(parseChatRef(bad), bad).toBeUndefined();
  });
});
