// What Feishu does to a webhook event when an Encrypt Key is set (open-platform docs "配置
// Encrypt Key" / "接收事件"): AES-256-CBC with key SHA-256(encryptKey), a random IV prefixed,
// base64; and X-Lark-Signature = hex(SHA-256(timestamp + nonce + encryptKey + rawBody)).
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

export function encrypt(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const c = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, c.update(plaintext, 'utf8'), c.final()]).toString('base64');
}

export function sign(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

export interface SignedPost {
  body: string;
  headers: Record<string, string>;
}

/** A webhook POST exactly as Feishu sends it: compact {"encrypt":…} plus signature headers. */
export function signedPost(encryptKey: string, envelope: unknown, opts: { timestamp?: number; nonce?: string } = {}): SignedPost {
  const body = JSON.stringify({ encrypt: encrypt(encryptKey, JSON.stringify(envelope)) });
  const ts = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': sign(ts, nonce, encryptKey, body),
    },
  };
}
