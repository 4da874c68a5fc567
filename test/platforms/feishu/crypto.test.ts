// The webhook crypto against the reference's test vectors, and against the SDK's own AESCipher.
import * as lark from '@larksuiteoapi/node-sdk';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptEvent, signature } from '../../../src/platforms/feishu/webhook.ts';
import { encrypt, sign } from '../../fakes/feishu/crypto.ts';

const VECTOR = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=';

describe('feishu webhook crypto', () => {
  it('decrypts the official test vector', () => {
    expect(createHash('sha256').update('test key').digest('hex')).toBe('fa2bdca424f01f01ffb48df93acc35d439c7fd331a1a7fba6ac2fd83aa9ab31a');
    expect(decryptEvent('test key', VECTOR)).toBe('hello world');
    expect(new lark.AESCipher('test key').decrypt(VECTOR)).toBe('hello world');
  });

  it('computes the reference signature vector over the raw body', () => {
    const body = `{"encrypt":"${VECTOR}"}`;
    const expected = '651c41e37268e4e00e77ccde1b4b9d16e624029b82bafa51660c3a382d4f0588';
    expect(signature('1700000000', 'nonce-abc', 'test key', Buffer.from(body))).toBe(expected);
    expect(sign('1700000000', 'nonce-abc', 'test key', body)).toBe(expected);
  });

  it('round-trips the fake event source encryption, including CJK', () => {
    const text = JSON.stringify({ text: '/进展 28 已开工 完成率30%' });
    const enc = encrypt('another key', text);
    expect(decryptEvent('another key', enc)).toBe(text);
    expect(new lark.AESCipher('another key').decrypt(enc)).toBe(text);
    expect(() => decryptEvent('wrong key', enc)).toThrow();
  });
});
