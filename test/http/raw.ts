// A raw TCP client for the HTTP edge: sends bytes no HTTP library would send, and reports what
// came back (status lines) and how the connection ended.
import { connect } from 'node:net';

export interface Exchange {
  /** status codes of every response head received, in order */
  statuses: number[];
  /** everything received, latin1 */
  raw: string;
  /** the server closed the connection (FIN or reset) before we gave up waiting */
  closedByServer: boolean;
  /** socket error code seen, e.g. ECONNRESET or EPIPE while we were still writing */
  error?: string;
}

export interface ExchangeOptions {
  /** give up waiting for an answer after this long (default 5 s) */
  timeoutMs?: number;
  /** the bytes may not form a complete request: after this long without an answer, half-close
   * so the server sees end of input instead of waiting for its timeouts */
  endAfterMs?: number;
  /** after a partial response, wait this long for more before hanging up (default 30 ms) */
  quietMs?: number;
  /** after a complete response, wait this long for the server's close before hanging up
   * (default 3 ms; a test that asserts the close gives it time on a loaded machine) */
  closeWaitMs?: number;
}

export function statusesOf(raw: string): number[] {
  return [...raw.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((m) => Number(m[1]));
}

/** Whether `raw` holds no response head yet, ends inside a response, or ends after a complete
 * one (by its Content-Length; our server always sends one, 1xx have no body). */
function responsesState(raw: string): 'none' | 'partial' | 'complete' {
  let at = 0;
  let seen = false;
  for (;;) {
    const m = /^HTTP\/1\.[01] (\d{3}) [^\r\n]*\r\n((?:[^\r\n]*\r\n)*?)\r\n/.exec(raw.slice(at));
    if (!m) return !seen ? 'none' : at === raw.length ? 'complete' : 'partial';
    seen = true;
    const length = Number(/(?:^|\r\n)content-length: *(\d+)/i.exec(m[2]!)?.[1] ?? 0);
    at += m[0].length + (Number(m[1]) < 200 ? 0 : length);
    if (at > raw.length) return 'partial';
  }
}

/** Writes `parts` one after another (a part may be a large body), then waits for the answer. */
export function exchange(port: number, parts: (string | Buffer)[], opts: ExchangeOptions = {}): Promise<Exchange> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const quietMs = opts.quietMs ?? 30;
  const closeWaitMs = opts.closeWaitMs ?? 3;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let error: string | undefined;
    let done = false;
    let quiet: NodeJS.Timeout | undefined;
    let ender: NodeJS.Timeout | undefined;
    const raw = () => Buffer.concat(chunks).toString('latin1');
    const finish = (closedByServer: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(overall);
      clearTimeout(quiet);
      clearTimeout(ender);
      socket.destroy();
      const text = raw();
      resolve({ statuses: statusesOf(text), raw: text, closedByServer, ...(error ? { error } : {}) });
    };
    const overall = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (b: Buffer) => {
      chunks.push(b);
      clearTimeout(ender);
      // An answer has come: linger briefly for pipelined ones, barely when it is complete.
      const state = responsesState(raw());
      if (state !== 'none') {
        clearTimeout(quiet);
        quiet = setTimeout(() => finish(false), state === 'complete' ? closeWaitMs : quietMs);
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => finish(true));
    socket.once('connect', async () => {
      for (const p of parts) {
        if (done || socket.destroyed) return;
        if (!socket.write(p)) await new Promise((r) => { socket.once('drain', r); socket.once('close', r); });
      }
      if (opts.endAfterMs !== undefined) ender = setTimeout(() => socket.end(), opts.endAfterMs);
    });
  });
}

/** A minimal well-formed request, to check the server still answers. */
export async function probe(port: number, path = '/__probe'): Promise<number | undefined> {
  const r = await exchange(port, [`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`], { timeoutMs: 3000 });
  return r.statuses[0];
}
