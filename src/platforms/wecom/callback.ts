// AI bot, callback mode (WECOM_MODE=callback) on the bot's shared HTTP server:
//   GET  /wecom/callback?msg_signature&timestamp&nonce&echostr → bare decrypted echostr (≤ 1 s)
//   POST /wecom/callback?msg_signature&timestamp&nonce  body {"encrypt": "…"}
// Every POST is signature-checked (403 + warn log when wrong), rejected outside a replay window
// around its timestamp (403), decrypted (receiveid "" for an enterprise AI bot) and answered
// with an encrypted JSON reply {encrypt, msgsignature, timestamp, nonce} (nonce echoed).
//
// Stream flow (DOC 100719/101031): a new message is answered with a stream frame. When the router
// answers within `firstReplyWaitMs` that frame is already final (finish:true); otherwise it is a
// placeholder and WeCom's stream-refresh callbacks ({msgtype:"stream", stream:{id}}) receive the
// full content as soon as it exists (content replaces, never appends). WeCom stops refreshing
// after 6 minutes; an answer ready after `streamWindowMs` goes out once through the message's
// response_url (valid 1 h, one call). WeCom retries a POST it got no answer to with the same
// msgid: the retry gets the same stream, the router sees the message once.
//
// Durability: a message is in the inbox before its POST is answered (startTurn), and marked
// done once a response carries its final answer (or response_url took it). A message left
// unfinished by a crash is answered after the restart through its stored response_url while
// that is still valid (1 h); later, it is processed and the answer is only logged as lost.
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { HttpRequest, HttpResponse, HttpServer } from '../../http/server.ts';
import { log } from '../../log.ts';
import { within } from '../pipeline.ts';
import { replayTurns, startTurn, WELCOME_REPLY, type ConversationDeps } from './conversation.ts';
import { WecomCryptoError, WXBizMsgCrypt } from './crypto.ts';
import { z } from 'zod';
import { fitStream, parseAibotBody, type AibotBody } from './receive.ts';

// The encrypted envelope (wecom.md §2: JSON variant `{"encrypt": …}`; some senders capitalise it).
const outerSchema = z.looseObject({ encrypt: z.string().optional(), Encrypt: z.string().optional() });

export const CALLBACK_PATH = '/wecom/callback';

export interface CallbackOptions extends ConversationDeps {
  crypto: WXBizMsgCrypt;
  /** accepted |now − timestamp| (default 5 min) */
  replayWindowMs?: number;
  /** how long a POST waits for the router before answering with a placeholder (default 1.5 s) */
  firstReplyWaitMs?: number;
  /** after this, streams are closed and late answers go through response_url (default 5.5 min) */
  streamWindowMs?: number;
  placeholder?: string;
  responseTimeoutMs?: number;
}

interface StreamState {
  id: string;
  msgid: string;
  startedAt: number;
  content: string;
  done: boolean;
  closed: boolean;
  responseUrl?: string;
  /** marks the message done in the inbox (idempotent) */
  finish(): void;
}

/** response_url accepts one call within an hour of the message. */
export const RESPONSE_URL_TTL_MS = 3600_000;

export interface CallbackHandle {
  /** resolves when every started turn has finished (tests, shutdown) */
  idle(): Promise<void>;
  stop(): void;
}

const text = (status: number, body: string): HttpResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });

export function registerCallback(http: HttpServer, o: CallbackOptions): CallbackHandle {
  const replayWindowMs = o.replayWindowMs ?? 5 * 60_000;
  const firstReplyWaitMs = o.firstReplyWaitMs ?? 1500;
  const streamWindowMs = o.streamWindowMs ?? 5.5 * 60_000;
  const placeholder = o.placeholder ?? '正在查询，请稍候…';
  const streams = new Map<string, StreamState>();
  const byMsgid = new Map<string, StreamState>();
  const pending = new Set<Promise<unknown>>();
  let stopped = false;

  const prune = () => {
    const t = o.now().getTime();
    for (const [id, s] of streams)
      if (t - s.startedAt > 2 * streamWindowMs) {
        streams.delete(id);
        byMsgid.delete(s.msgid);
      }
  };

  const params = (req: HttpRequest) => ({
    sig: req.query.get('msg_signature') ?? '',
    ts: req.query.get('timestamp') ?? '',
    nonce: req.query.get('nonce') ?? '',
  });

  const seal = (plain: unknown, nonce: string): HttpResponse =>
    text(200, JSON.stringify(o.crypto.seal(JSON.stringify(plain), String(Math.floor(o.now().getTime() / 1000)), nonce)));

  const streamFrame = (s: StreamState) => ({ msgtype: 'stream', stream: { id: s.id, finish: s.done || s.closed, content: s.content } });

  http.route('GET', CALLBACK_PATH, (req) => {
    const { sig, ts, nonce } = params(req);
    const echostr = req.query.get('echostr') ?? '';
    if (!sig || !ts || !nonce || !echostr) return text(400, 'missing parameters');
    try {
      return text(200, o.crypto.open(sig, ts, nonce, echostr).message);
    } catch (err) {
      log.warn('wecom callback verification rejected', { err: err instanceof WecomCryptoError ? err.code : String(err) });
      return text(403, 'forbidden');
    }
  });

  http.route('POST', CALLBACK_PATH, async (req) => {
    const { sig, ts, nonce } = params(req);
    let encrypted: string | undefined;
    try {
      const b = outerSchema.safeParse(JSON.parse(req.body.toString('utf8')));
      encrypted = b.success ? (b.data.encrypt ?? b.data.Encrypt) : undefined;
    } catch {
      encrypted = undefined;
    }
    if (!sig || !ts || !nonce || !encrypted) {
      log.warn('wecom callback malformed', { hasSignature: Boolean(sig), hasBody: Boolean(encrypted) });
      return text(400, 'bad request');
    }
    if (!o.crypto.verify(sig, ts, nonce, encrypted)) {
      log.warn('wecom callback bad signature', { timestamp: ts });
      return text(403, 'forbidden');
    }
    const sent = Number(ts) * 1000;
    if (!/^\d+$/.test(ts) || Math.abs(o.now().getTime() - sent) > replayWindowMs) {
      log.warn('wecom callback outside replay window', { timestamp: ts });
      return text(403, 'forbidden');
    }
    let body: AibotBody;
    try {
      // Signed JSON that is not a message body (null, a number, a msgid that is a number) would
      // throw on the first field read, or be stored with a wrong type.
      const parsed = parseAibotBody(JSON.parse(o.crypto.decrypt(encrypted).message));
      if (!parsed) throw new SyntaxError('not an AI-bot body');
      body = parsed;
    } catch (err) {
      log.warn('wecom callback undecryptable', { err: err instanceof WecomCryptoError ? err.code : 'json' });
      return text(400, 'bad request');
    }
    prune();

    if (body.msgtype === 'stream') {
      const s = streams.get(body.stream?.id ?? '');
      if (!s) return seal({ msgtype: 'stream', stream: { id: body.stream?.id ?? '', finish: true, content: '' } }, nonce);
      if (!s.done && o.now().getTime() - s.startedAt > streamWindowMs) {
        s.closed = true;
        s.content = '这个问题处理时间较长，结果稍后单独发送。';
      }
      if (s.done) s.finish();
      return seal(streamFrame(s), nonce);
    }

    if (body.msgtype === 'event') {
      if (body.event?.eventtype === 'enter_chat') return seal({ msgtype: 'text', text: { content: WELCOME_REPLY } }, nonce);
      log.info('wecom event', { eventtype: body.event?.eventtype });
      return text(200, '');
    }

    const again = body.msgid ? byMsgid.get(body.msgid) : undefined;
    if (again) {
      if (again.done) again.finish();
      return seal(streamFrame(again), nonce);
    }

    const turn = startTurn(body, o);
    if (turn.kind !== 'reply') return text(200, '');
    const s: StreamState = {
      id: randomBytes(12).toString('hex'),
      msgid: turn.msgid,
      startedAt: o.now().getTime(),
      content: placeholder,
      done: false,
      closed: false,
      responseUrl: typeof body.response_url === 'string' ? body.response_url : undefined,
      finish: turn.done,
    };
    streams.set(s.id, s);
    byMsgid.set(s.msgid, s);
    const finished = turn.answer.then(async (answer) => {
      const content = fitStream(answer, false).first;
      if (!s.closed) {
        s.content = content;
        s.done = true;
        return;
      }
      if (!stopped) await respondLate(s.msgid, s.responseUrl, content);
      s.finish();
    });
    pending.add(finished);
    void finished.finally(() => pending.delete(finished));
    // Placeholder-then-answer: within the wait the frame is already final, else a placeholder
    // and the stream refreshes fetch the answer.
    await within(finished, firstReplyWaitMs);
    if (s.done) s.finish();
    return seal(streamFrame(s), nonce);
  });

  async function respondLate(msgid: string, responseUrl: string | undefined, content: string): Promise<void> {
    if (!responseUrl) {
      log.warn('wecom late answer dropped: no response_url', { msgid });
      return;
    }
    try {
      const res = await request(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
        signal: AbortSignal.timeout(o.responseTimeoutMs ?? 10_000),
      });
      const r = (await res.body.json()) as { errcode?: number; errmsg?: string };
      if (r.errcode !== 0) log.warn('wecom response_url rejected', { msgid, errcode: r.errcode, errmsg: r.errmsg });
      else log.info('wecom late answer sent via response_url', { msgid });
    } catch (err) {
      log.warn('wecom response_url failed', { msgid, err: err instanceof Error ? err.name : String(err) });
    }
  }

  // Messages the last run acknowledged and did not answer: processed in arrival order, answered
  // through response_url (the POST they came with is gone).
  const replay = replayTurns(o);
  if (replay.length) {
    log.info('wecom: processing messages left unfinished by the last run', { count: replay.length });
    const run = (async () => {
      for (const t of replay) {
        const content = fitStream(await t.answer(), false).first;
        if (t.responseUrl && o.now().getTime() - t.receivedAt.getTime() < RESPONSE_URL_TTL_MS && !stopped) await respondLate(t.msgid, t.responseUrl, content);
        else log.warn('wecom: answer to a message from before the restart not sent (response_url expired)', { msgid: t.msgid });
        t.done();
      }
    })().catch((err: unknown) => log.error('wecom replay failed', { err: String(err) }));
    pending.add(run);
    void run.finally(() => pending.delete(run));
  }

  return {
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
    stop() {
      stopped = true;
    },
  };
}
