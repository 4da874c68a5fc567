// AI-bot media (images and files a user sends the bot) → plain bytes. Published format (DOC 100719
// 接收消息, 结构体 图片/文件; DOC 101463 长连接 多媒体资源解密; SDK decryptFile):
//   body.image.url / body.file.url — a download URL valid 5 minutes; the bytes are ENCRYPTED:
//   AES-256-CBC, IV = key[0..16), PKCS#7 padded to a multiple of 32 bytes (not 16), nothing else
//   around the file (no random/length/receiveid framing as in message bodies).
//   The key: long connection — `aeskey` in the same struct (base64, one per URL);
//            callback mode — the callback EncodingAESKey (base64 + "=").
//   The file name, when any, is the download response's Content-Disposition (SDK downloadFileRaw).
// Images and files reach the bot in single chats only ("用户单聊中向智能机器人发送图片消息").
// CBC has no integrity check: a tampered download is caught by the padding check, or else by the
// content sniffing of src/evidence/policy.ts (garbage matches no allowed signature).
import { createDecipheriv } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { TooBigError } from '../../evidence/attach.ts';
import { BLOCK, decodeAesKey, pkcs7Unpad, WecomCryptoError } from './crypto.ts';

export interface WecomMedia {
  kind: 'image' | 'file';
  url: string;
  /** long connection only: the per-URL key (base64) */
  aeskey?: string;
}

/** The download decrypted to nothing sensible (wrong key, truncated or tampered bytes). */
export class MediaDecryptError extends Error {
  constructor(reason: string) {
    super(`wecom media not decryptable: ${reason}`);
    this.name = 'MediaDecryptError';
  }
}

export const DECRYPT_FAILED_REPLY = '文件解密失败（可能已损坏或链接已过期），未保存。请重新发送一次。';
export const DOWNLOAD_FAILED_REPLY = '文件没能下载保存，请稍后重发一次。';

const str = (x: unknown): string | undefined => (typeof x === 'string' && x ? x : undefined);

/** The media of an image or file message, or undefined (other types, or no URL). */
export function mediaOf(body: { msgtype?: unknown; [k: string]: unknown }): WecomMedia | undefined {
  const kind = body.msgtype;
  if (kind !== 'image' && kind !== 'file') return undefined;
  const m = body[kind] as { url?: unknown; aeskey?: unknown } | undefined;
  const url = str(m?.url)?.trim();
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  const aeskey = str(m?.aeskey);
  return { kind, url, ...(aeskey ? { aeskey } : {}) };
}

/** The images of a 图文混排 (mixed) message — the one way a photo reaches the bot in a group:
 * "@机器人 /进展 28 已完工" with the photos in the same message. */
export function mixedImagesOf(body: { msgtype?: unknown; mixed?: unknown }): WecomMedia[] {
  if (body.msgtype !== 'mixed') return [];
  const items: unknown = (body.mixed as { msg_item?: unknown } | undefined)?.msg_item;
  if (!Array.isArray(items)) return [];
  return items.flatMap((i: { msgtype?: unknown; image?: unknown }) => {
    const m = i && i.msgtype === 'image' ? mediaOf({ msgtype: 'image', image: i.image }) : undefined;
    return m ? [m] : [];
  });
}

/** The 32-byte key: the message's own aeskey when it has one, else the callback EncodingAESKey. */
export function mediaKey(aeskey: string | undefined, encodingAesKey: string | undefined): Buffer {
  if (aeskey) {
    const k = Buffer.from(aeskey.trim(), 'base64');
    if (k.length !== 32) throw new MediaDecryptError('aeskey does not decode to 32 bytes');
    return k;
  }
  if (!encodingAesKey) throw new MediaDecryptError('no aeskey in the message and no EncodingAESKey configured');
  return decodeAesKey(encodingAesKey);
}

export function decryptMedia(encrypted: Uint8Array, key: Buffer): Buffer {
  if (encrypted.byteLength === 0 || encrypted.byteLength % BLOCK !== 0) throw new MediaDecryptError('length is not a multiple of 32');
  try {
    const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    d.setAutoPadding(false);
    return pkcs7Unpad(Buffer.concat([d.update(encrypted), d.final()]));
  } catch (err) {
    throw new MediaDecryptError(err instanceof WecomCryptoError ? err.message : String(err));
  }
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
export function dispositionName(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (!h) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'[^']*')?"?([^";]+)"?/i.exec(h);
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(h);
  for (const v of [star?.[1], plain?.[1]]) {
    if (!v) continue;
    let name = v.trim();
    try {
      name = decodeURIComponent(name);
    } catch {
      /* keep it as sent */
    }
    // only the last path segment: a name is a label, never a path
    name = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f]/g, '').trim();
    if (name) return name;
  }
  return undefined;
}

export interface DownloadOptions {
  timeoutMs?: number;
  /** tests and proxies */
  dispatcher?: Dispatcher;
}

/**
 * GET the encrypted bytes, streamed and cut off once they cannot decrypt to ≤ maxBytes (the
 * padding adds at most 32 bytes), then decrypted. Throws TooBigError, MediaDecryptError, or a
 * plain Error for HTTP and network failures.
 */
export async function fetchMedia(media: WecomMedia, key: Buffer, maxBytes: number, o: DownloadOptions = {}): Promise<{ bytes: Buffer; fileName?: string }> {
  const cap = maxBytes + BLOCK;
  const res = await request(media.url, {
    method: 'GET',
    signal: AbortSignal.timeout(o.timeoutMs ?? 30_000),
    ...(o.dispatcher ? { dispatcher: o.dispatcher } : {}),
  });
  if (res.statusCode !== 200) {
    await res.body.dump().catch(() => undefined);
    throw new Error(`wecom media download: HTTP ${res.statusCode}`);
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap) {
    res.body.destroy();
    throw new TooBigError();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res.body) {
    const b = c as Buffer;
    size += b.length;
    if (size > cap) {
      res.body.destroy();
      throw new TooBigError();
    }
    chunks.push(b);
  }
  const bytes = decryptMedia(Buffer.concat(chunks), key);
  if (bytes.length > maxBytes) throw new TooBigError();
  const fileName = dispositionName(res.headers['content-disposition']);
  return { bytes, ...(fileName ? { fileName } : {}) };
}
