// Plays WeCom's side of AI-bot callback mode against our HTTP server: encrypts and signs with
// the official-ish @wecom/crypto (an implementation independent of ours), decrypts and checks the
// signature of the replies. receiveid is "" (enterprise-internal AI bot, DOC 101033).
import * as wx from '@wecom/crypto';
import { randomBytes } from 'node:crypto';

export interface DriverReply {
  status: number;
  raw: string;
  /** decrypted JSON reply, when the body was an encrypted reply */
  plain?: any;
}

export class CallbackDriver {
  constructor(
    readonly url: string,
    readonly token: string,
    readonly aesKey: string,
    readonly now: () => number = Date.now,
  ) {}

  ts(offsetMs = 0): string {
    return String(Math.floor((this.now() + offsetMs) / 1000));
  }

  async verifyUrl(echo: string, opts: { badSignature?: boolean } = {}): Promise<{ status: number; body: string; ms: number }> {
    const timestamp = this.ts();
    const nonce = String(randomBytes(4).readUInt32BE());
    const echostr = wx.encrypt(this.aesKey, echo, '');
    let sig = wx.getSignature(this.token, timestamp, nonce, echostr);
    if (opts.badSignature) sig = sig.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const q = new URLSearchParams({ msg_signature: sig, timestamp, nonce, echostr });
    const t0 = performance.now();
    const res = await fetch(`${this.url}?${q}`);
    return { status: res.status, body: await res.text(), ms: performance.now() - t0 };
  }

  async post(body: unknown, opts: { badSignature?: boolean; timestampOffsetMs?: number } = {}): Promise<DriverReply> {
    const timestamp = this.ts(opts.timestampOffsetMs);
    const nonce = String(randomBytes(4).readUInt32BE());
    const encrypt = wx.encrypt(this.aesKey, JSON.stringify(body), '');
    let sig = wx.getSignature(this.token, timestamp, nonce, encrypt);
    if (opts.badSignature) sig = wx.getSignature(this.token + 'x', timestamp, nonce, encrypt);
    const q = new URLSearchParams({ msg_signature: sig, timestamp, nonce });
    const res = await fetch(`${this.url}?${q}`, { method: 'POST', body: JSON.stringify({ encrypt }) });
    const raw = await res.text();
    if (res.status !== 200 || !raw) return { status: res.status, raw };
    const r = JSON.parse(raw) as { encrypt: string; msgsignature: string; timestamp: string; nonce: string };
    if (r.nonce !== nonce) throw new Error('reply nonce differs from the request nonce');
    if (wx.getSignature(this.token, r.timestamp, r.nonce, r.encrypt) !== r.msgsignature) throw new Error('reply signature invalid');
    const d = wx.decrypt(this.aesKey, r.encrypt);
    if (d.id !== '') throw new Error('reply receiveid is not ""');
    return { status: res.status, raw, plain: JSON.parse(d.message) };
  }
}

let seq = 0;
export function textMessage(p: { text: string; chatid?: string; userid?: string; msgid?: string; responseUrl?: string; quote?: string }) {
  const group = p.chatid !== undefined;
  return {
    msgid: p.msgid ?? `MSG${Date.now()}${seq++}`,
    aibotid: 'AIBOTID',
    ...(group ? { chatid: p.chatid } : {}),
    chattype: group ? 'group' : 'single',
    from: { userid: p.userid ?? 'zhangsan' },
    response_url: p.responseUrl ?? 'http://127.0.0.1:9/cgi-bin/aibot/response?response_code=none',
    msgtype: 'text',
    text: { content: p.text },
    ...(p.quote ? { quote: { msgtype: 'text', text: { content: p.quote } } } : {}),
  };
}

export const refresh = (streamId: string) => ({
  msgid: `REFRESH${Date.now()}${seq++}`,
  aibotid: 'AIBOTID',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  msgtype: 'stream',
  stream: { id: streamId },
});
