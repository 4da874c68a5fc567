// A local fake of the storage host behind AI-bot media URLs (ww-aibot-img-….cos.…myqcloud.com),
// following the published format (DOC 100719 结构体 图片/文件, DOC 101463 多媒体资源解密, SDK
// decryptFile / downloadFileRaw):
// - every published file gets its own signed URL, valid 5 minutes (then 403, as COS answers an
//   expired signature);
// - the body is the file ENCRYPTED with AES-256-CBC, IV = key[0..16), PKCS#7 padded to a multiple
//   of 32 bytes; the key is the per-URL `aeskey` (long connection: 32 random bytes, sent base64 in
//   the message) or the callback EncodingAESKey (callback mode);
// - files carry their name in Content-Disposition (RFC 5987 filename*), images none.
// Faults: 'tamper-last' (a byte of the last block flipped: the padding breaks), 'tamper-first'
// (the first block: the content no longer starts with its signature), 'chunked' (no
// Content-Length: the size shows only while reading).
// The encryption is written here on node:crypto, apart from the bot's code.
import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MediaFault = 'tamper-last' | 'tamper-first' | 'chunked';

interface Entry {
  cipher: Buffer;
  fileName?: string;
  expires: number;
  fault?: MediaFault;
}

export interface FakeMediaHost {
  base: string;
  /** GETs served, by path */
  downloads: string[];
  /** Encrypts and serves `plain`; returns the URL a message carries. */
  publish(plain: Uint8Array, o: { key: Buffer; fileName?: string; fault?: MediaFault }): string;
  close(): Promise<void>;
}

/** EncodingAESKey → the 32-byte key (base64 of 43 chars + "="). */
export const keyOfEncodingAesKey = (k: string): Buffer => Buffer.from(k + '=', 'base64');
/** A per-URL key as the long connection sends it: 32 random bytes, base64. */
export const newAeskey = (): { key: Buffer; aeskey: string } => {
  const key = randomBytes(32);
  return { key, aeskey: key.toString('base64') };
};

export function encryptMedia(plain: Uint8Array, key: Buffer): Buffer {
  const pad = 32 - (plain.byteLength % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]);
}

export async function startFakeMediaHost(opts: { now?: () => number } = {}): Promise<FakeMediaHost> {
  const now = opts.now ?? Date.now;
  const files = new Map<string, Entry>();
  const downloads: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    downloads.push(url.pathname);
    const e = files.get(url.pathname);
    if (req.method !== 'GET' || !e || url.searchParams.get('sign') === null) return void (res.writeHead(404), res.end());
    if (now() > e.expires) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      return void res.end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    }
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (e.fileName) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(e.fileName)}`;
    if (e.fault === 'chunked') {
      res.writeHead(200, headers);
      for (let i = 0; i < e.cipher.length; i += 4096) res.write(e.cipher.subarray(i, i + 4096));
      return void res.end();
    }
    res.writeHead(200, { ...headers, 'content-length': String(e.cipher.length) });
    res.end(e.cipher);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    downloads,
    publish(plain, o) {
      const cipher = encryptMedia(plain, o.key);
      if (o.fault === 'tamper-last') cipher[cipher.length - 1]! ^= 0x5a;
      if (o.fault === 'tamper-first') cipher[3]! ^= 0x5a;
      const path = `/BHoPdA3/${randomBytes(8).readBigUInt64BE()}`;
      files.set(path, { cipher, ...(o.fileName ? { fileName: o.fileName } : {}), expires: now() + 5 * 60_000, ...(o.fault ? { fault: o.fault } : {}) });
      return `${base}${path}?sign=q-sign-algorithm%3Dsha1%26q-signature%3D${randomBytes(10).toString('hex')}`;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let seq = 0;
/** An image or file message as the AI bot receives it (single chat only, DOC 100719). */
export function mediaMessage(p: { kind: 'image' | 'file'; url: string; aeskey?: string; userid?: string; msgid?: string; chatid?: string }) {
  const group = p.chatid !== undefined;
  return {
    msgid: p.msgid ?? `MEDIA${Date.now()}${seq++}`,
    aibotid: 'AIBOTID',
    ...(group ? { chatid: p.chatid } : {}),
    chattype: group ? 'group' : 'single',
    from: { userid: p.userid ?? 'zhangsan' },
    response_url: 'http://127.0.0.1:9/cgi-bin/aibot/response?response_code=none',
    msgtype: p.kind,
    [p.kind]: { url: p.url, ...(p.aeskey ? { aeskey: p.aeskey } : {}) },
  };
}
