// HTTP callback mode: POST /feishu/events on the bot's HTTP server. We do what the SDK's
// adapters do not: verify X-Lark-Signature over the *raw* body (the SDK hashes JSON.stringify of
// the parsed body and silently answers 200 on failure), reject stale timestamps (the SDK has no
// replay window), compare the verification token ourselves (the SDK stores it but never checks
// it for events), answer the url_verification challenge (off by default in adaptDefault), and
// answer card callbacks before the platform's 3 s deadline, whatever the handler does.
//
// Responses: bad JSON 400; bad signature or token 401; stale/future timestamp 401 — none of
// those come from Feishu, and a 4xx shows up in the developer console's event log if our clock
// or key is wrong. Everything authentic gets 200 (with the handler's result, e.g. a card) once
// the handler has stored it; a handler that throws (the event could not be stored) gets 500.
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import { z } from 'zod';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../http/server.ts';
import { log } from '../../log.ts';
import { within } from '../pipeline.ts';

export const REPLAY_WINDOW_MS = 5 * 60_000;
/** Feishu waits 3 s; answer a little earlier so the network has time. */
export const RESPONSE_DEADLINE_MS = 2500;

export function decryptEvent(encryptKey: string, encrypt: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const raw = Buffer.from(encrypt, 'base64');
  if (raw.length < 32 || raw.length % 16 !== 0) throw new Error('bad ciphertext length');
  const decipher = createDecipheriv('aes-256-cbc', key, raw.subarray(0, 16));
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

export function signature(timestamp: string, nonce: string, encryptKey: string, rawBody: Buffer | string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey).update(rawBody).digest('hex');
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const json = (status: number, body: unknown): HttpResponse => ({ status, body: JSON.stringify(body ?? {}) });

export interface WebhookOptions {
  encryptKey: string;
  verificationToken: string;
  dispatcher: Pick<EventDispatcher, 'invoke'>;
  now?: () => Date;
  replayWindowMs?: number;
  deadlineMs?: number;
}

// The envelope fields we read (feishu.md §2.1–2.3); loose because Feishu adds fields, and the
// event itself is checked by its handler (receive.ts).
const outerSchema = z.looseObject({ encrypt: z.unknown().optional(), type: z.unknown().optional() });
const envelopeSchema = z.looseObject({
  type: z.string().optional(),
  token: z.string().optional(),
  challenge: z.string().optional(),
  schema: z.string().optional(),
  header: z
    .looseObject({ event_id: z.string().optional(), event_type: z.string().optional(), token: z.string().optional(), create_time: z.string().optional() })
    .optional(),
  event: z.looseObject({}).optional(),
});
type Envelope = z.infer<typeof envelopeSchema>;

export function createWebhookHandler(opts: WebhookOptions): HttpHandler {
  const now = opts.now ?? (() => new Date());
  const windowMs = opts.replayWindowMs ?? REPLAY_WINDOW_MS;
  const deadline = opts.deadlineMs ?? RESPONSE_DEADLINE_MS;
  return async (req) => {
    let outer: z.infer<typeof outerSchema>;
    try {
      outer = outerSchema.parse(JSON.parse(req.body.toString('utf8')));
    } catch {
      log.warn('feishu webhook: body is not JSON', { bytes: req.body.length });
      return json(400, { error: 'bad json' });
    }
    let envelope: Envelope;
    if (typeof outer.encrypt === 'string') {
      let plain: unknown;
      try {
        plain = JSON.parse(decryptEvent(opts.encryptKey, outer.encrypt));
      } catch {
        log.warn('feishu webhook: cannot decrypt (wrong FEISHU_ENCRYPT_KEY?)');
        return json(400, { error: 'cannot decrypt' });
      }
      // Decrypted JSON that is not an envelope (null, a number, a header that is a string)
      // would throw on the first field read.
      const e = envelopeSchema.safeParse(plain);
      if (!e.success) {
        log.warn('feishu webhook: decrypted event is not a schema 2.0 envelope', { issues: e.error.issues.length });
        return json(400, { error: 'cannot decrypt' });
      }
      envelope = e.data;
    } else {
      // Encrypt Key is mandatory in webhook mode (config.ts): plaintext events are forged or misconfigured.
      if (outer.type !== 'url_verification') {
        log.warn('feishu webhook: plaintext event refused (enable the Encrypt Key on the open platform)');
        return json(401, { error: 'encryption required' });
      }
      const e = envelopeSchema.safeParse(outer);
      if (!e.success) {
        log.warn('feishu webhook: malformed url_verification');
        return json(400, { error: 'bad json' });
      }
      envelope = e.data;
    }

    // URL verification: comes without signature headers; the token proves it is our app.
    if (envelope.type === 'url_verification') {
      if (envelope.token !== opts.verificationToken) {
        log.warn('feishu webhook: url_verification with wrong token');
        return json(401, { error: 'bad token' });
      }
      return json(200, { challenge: envelope.challenge });
    }

    const ts = header(req, 'x-lark-request-timestamp');
    const nonce = header(req, 'x-lark-request-nonce');
    const sig = header(req, 'x-lark-signature');
    if (!ts || !nonce || !sig || !safeEqualHex(signature(ts, nonce, opts.encryptKey, req.body), sig.toLowerCase())) {
      log.warn('feishu webhook: signature check failed; event dropped', { hasHeaders: !!(ts && nonce && sig) });
      return json(401, { error: 'bad signature' });
    }
    const age = now().getTime() - Number(ts) * 1000;
    if (!Number.isFinite(age) || Math.abs(age) > windowMs) {
      log.warn('feishu webhook: stale or future timestamp; possible replay, event dropped', { ageSeconds: Math.round(age / 1000) });
      return json(401, { error: 'stale timestamp' });
    }
    const hdr = envelope.header;
    const token = hdr?.token ?? envelope.token;
    if (token !== opts.verificationToken) {
      log.warn('feishu webhook: verification token mismatch; event dropped', { eventType: hdr?.event_type });
      return json(401, { error: 'bad token' });
    }

    // Already verified: the dispatcher must not re-check (needCheck:false); headers live on the
    // prototype like the SDK's own adapters do, so they never enter JSON.
    const data = Object.assign(Object.create({ headers: req.headers }) as object, envelope);
    const work = opts.dispatcher.invoke(data, { needCheck: false }).then(
      (r) => ({ ok: true as const, r }),
      (err: unknown) => {
        log.error('feishu webhook: handler failed', { eventType: hdr?.event_type, err: String(err) });
        return { ok: false as const };
      },
    );
    // A 200 tells Feishu the event is ours for good, so it waits for the handler, which returns
    // once the event is in the inbox (src/store/inbox.ts). Only card callbacks, whose answer is
    // the handler's result, get the deadline: they have their own fallback (a later patch).
    let result: Awaited<typeof work> | 'late';
    if (hdr?.event_type === 'card.action.trigger') {
      const r = await within(work, deadline);
      result = r.late ? 'late' : r.value;
    } else result = await work;
    if (result === 'late') {
      log.warn('feishu webhook: handler slower than the deadline; acknowledged without result', { eventType: hdr?.event_type, eventId: hdr?.event_id });
      return json(200, {});
    }
    // Not stored: no 2xx, so Feishu pushes the event again (15 s, 5 min, 1 h, 6 h).
    if (!result.ok) return json(500, { error: 'not stored' });
    return json(200, typeof result.r === 'string' ? {} : result.r);
  };
}
