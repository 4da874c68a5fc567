// WXBizMsgCrypt for the AI bot's callback mode (JSON variant), on node:crypto only.
//   signature = sha1(sort([token, timestamp, nonce, encrypt]).join(''))   (lowercase hex)
//   AESKey    = base64decode(EncodingAESKey + '=')  (32 bytes), IV = AESKey[0..16)
//   plaintext = random(16) + msg_len(4, big-endian) + msg + receiveid, PKCS#7-padded to 32 bytes
// Node's own unpadding assumes 16-byte blocks and throws on pads of 17..32, so padding is ours.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const BLOCK = 32;

/** Error codes of the official libraries (DOC 90307), so logs read the same. */
export const CryptoErrors = {
  ValidateSignature: -40001,
  Parse: -40002,
  IllegalAesKey: -40004,
  ValidateReceiveId: -40005,
  DecryptAes: -40007,
  IllegalBuffer: -40008,
} as const;

export class WecomCryptoError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'WecomCryptoError';
  }
}

export function decodeAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey))
    throw new WecomCryptoError(CryptoErrors.IllegalAesKey, 'EncodingAESKey must be 43 alphanumeric characters');
  const key = Buffer.from(encodingAesKey + '=', 'base64');
  if (key.length !== 32) throw new WecomCryptoError(CryptoErrors.IllegalAesKey, 'EncodingAESKey does not decode to 32 bytes');
  return key;
}

export function signature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

export function pkcs7Pad(buf: Buffer, block = BLOCK): Buffer {
  const pad = block - (buf.length % block);
  return Buffer.concat([buf, Buffer.alloc(pad, pad)]);
}

export function pkcs7Unpad(buf: Buffer, block = BLOCK): Buffer {
  if (buf.length === 0 || buf.length % block !== 0)
    throw new WecomCryptoError(CryptoErrors.IllegalBuffer, 'ciphertext is not a whole number of blocks');
  const pad = buf[buf.length - 1]!;
  if (pad < 1 || pad > block) throw new WecomCryptoError(CryptoErrors.IllegalBuffer, 'bad padding');
  for (let i = buf.length - pad; i < buf.length; i++)
    if (buf[i] !== pad) throw new WecomCryptoError(CryptoErrors.IllegalBuffer, 'bad padding');
  return buf.subarray(0, buf.length - pad);
}

export interface Decrypted {
  message: string;
  receiveId: string;
  random: Buffer;
}

export class WXBizMsgCrypt {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  /** receiveId: "" for an enterprise-internal AI bot (DOC 101033), the corpid for app callbacks. */
  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly receiveId: string,
  ) {
    if (!token) throw new WecomCryptoError(CryptoErrors.ValidateSignature, 'token is required');
    this.key = decodeAesKey(encodingAesKey);
    this.iv = this.key.subarray(0, 16);
  }

  sign(timestamp: string, nonce: string, encrypt: string): string {
    return signature(this.token, timestamp, nonce, encrypt);
  }

  /** Constant-time check of msg_signature; timestamp and nonce exactly as received. */
  verify(msgSignature: string, timestamp: string, nonce: string, encrypt: string): boolean {
    const want = Buffer.from(this.sign(timestamp, nonce, encrypt), 'utf8');
    const got = Buffer.from(msgSignature.toLowerCase(), 'utf8');
    return want.length === got.length && timingSafeEqual(want, got);
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    if (random.length !== 16) throw new WecomCryptoError(CryptoErrors.IllegalBuffer, 'random must be 16 bytes');
    const msg = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const plain = pkcs7Pad(Buffer.concat([random, len, msg, Buffer.from(this.receiveId, 'utf8')]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** Decrypts without checking the signature (verify first) and checks the receiveid. */
  decrypt(encrypt: string): Decrypted {
    // A literal space in a query value is a '+' a proxy failed to keep encoded.
    const raw = Buffer.from(encrypt.replace(/ /g, '+'), 'base64');
    if (raw.length === 0 || raw.length % BLOCK !== 0)
      throw new WecomCryptoError(CryptoErrors.DecryptAes, 'ciphertext length is not a multiple of 32');
    let padded: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
      decipher.setAutoPadding(false);
      padded = Buffer.concat([decipher.update(raw), decipher.final()]);
    } catch (err) {
      throw new WecomCryptoError(CryptoErrors.DecryptAes, `aes decrypt failed: ${String(err)}`);
    }
    const plain = pkcs7Unpad(padded);
    if (plain.length < 20) throw new WecomCryptoError(CryptoErrors.IllegalBuffer, 'plaintext too short');
    const len = plain.readUInt32BE(16);
    if (20 + len > plain.length) throw new WecomCryptoError(CryptoErrors.IllegalBuffer, 'msg_len out of range');
    const receiveId = plain.subarray(20 + len).toString('utf8');
    if (receiveId !== this.receiveId) throw new WecomCryptoError(CryptoErrors.ValidateReceiveId, 'receiveid mismatch');
    return { message: plain.subarray(20, 20 + len).toString('utf8'), receiveId, random: Buffer.from(plain.subarray(0, 16)) };
  }

  /** Verifies the signature, then decrypts. */
  open(msgSignature: string, timestamp: string, nonce: string, encrypt: string): Decrypted {
    if (!this.verify(msgSignature, timestamp, nonce, encrypt))
      throw new WecomCryptoError(CryptoErrors.ValidateSignature, 'signature mismatch');
    return this.decrypt(encrypt);
  }

  /** The encrypted JSON passive reply: {encrypt, msgsignature, timestamp, nonce}. */
  seal(message: string, timestamp: string, nonce: string, random?: Buffer): { encrypt: string; msgsignature: string; timestamp: string; nonce: string } {
    const encrypt = this.encrypt(message, random);
    return { encrypt, msgsignature: this.sign(timestamp, nonce, encrypt), timestamp, nonce };
  }
}
