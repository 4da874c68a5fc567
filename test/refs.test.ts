import { describe, expect, it } from 'vitest';
import { formatChatRef, parseChatRef, parseUserRef, splitStoredKey } from '../src/refs.ts';

describe('ChatRef / UserRef', () => {
  it('round-trips ids that contain colons and refuses unknown platforms or empty ids', () => {
    expect(parseChatRef('wecom:wr:abc')).toEqual({ platform: 'wecom', chatId: 'wr:abc' });
    expect(formatChatRef(parseChatRef('feishu:oc_1')!)).toBe('feishu:oc_1');
    expect(parseUserRef('console:admin')).toEqual({ platform: 'console', userId: 'admin' });
    for (const bad of ['slack:x', 'feishu:', ':x', 'feishu', '']) expect(parseChatRef(bad), bad).toBeUndefined();
  });
});

describe('splitStoredKey', () => {
  it('splits a stored key at its first colon, leaving colons in the id and unknown platforms as text', () => {
    expect(splitStoredKey('wecom:wr:a:b')).toEqual({ platform: 'wecom', id: 'wr:a:b' });
    expect(splitStoredKey('slack:C1')).toEqual({ platform: 'slack', id: 'C1' });
    expect(splitStoredKey('nocolon')).toEqual({ platform: '', id: 'nocolon' });
  });
});
