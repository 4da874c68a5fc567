// The bot's one HTTP server (port PORT): platform callbacks and the dashboard register routes
// here. It listens on 0.0.0.0 and everything below runs before any signature check, so nothing a
// client sends may stop the process: targets the URL parser rejects get a 400, bytes the HTTP
// parser rejects get a 400 on the live socket, a body over MAX_BODY_BYTES gets a 413 before the
// rest is read, slow clients get a 408, and a handler that throws (or returns something that
// cannot be written) becomes a 500 with a log line. Log lines carry the path and sizes, never the
// query (dashboard links carry their signature there) nor the body.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { log } from '../log.ts';

export interface HttpRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse> | HttpResponse;

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  /** the request head must arrive within this (default 15 s) */
  headersTimeoutMs?: number;
  /** the whole request, head and body, must arrive within this (default 30 s) */
  requestTimeoutMs?: number;
  /** a routed request's body must arrive within this after its head (default 15 s) */
  bodyTimeoutMs?: number;
}

export interface HttpServer {
  route(method: string, path: string, handler: HttpHandler): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Path and query of a request target, or undefined when it is not one we can route. Never
 * throws: origin-form targets are appended to a fixed origin instead of being resolved as a
 * relative reference, so `//[` stays a path rather than becoming a host the parser rejects;
 * absolute-form targets (which RFC 9112 says a server must accept) are parsed inside a catch,
 * since a bad host or port there is the client's error, not ours. */
export function parseTarget(target: string): { path: string; query: URLSearchParams } | undefined {
  try {
    let url: URL | undefined;
    if (target.startsWith('/')) url = new URL(`http://localhost${target}`);
    else if (/^https?:\/\//i.test(target)) url = new URL(target);
    return url && { path: url.pathname, query: url.searchParams };
  } catch {
    return undefined;
  }
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const jsonError = (status: number, error: string, close = false): HttpResponse => ({
  status,
  headers: close ? { ...JSON_TYPE, connection: 'close' } : JSON_TYPE,
  body: JSON.stringify({ error }),
});

/** A whole response as bytes, for sockets that have no ServerResponse (parse errors, CONNECT). */
function rawResponse(status: number, reason: string, error: string): string {
  const body = JSON.stringify({ error });
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Ends a socket after its last bytes are flushed; a client that never reads cannot hold it. */
function closeSoon(socket: Duplex, last?: string): void {
  socket.on('error', () => undefined);
  if (socket.writable) socket.end(last ?? '', () => socket.destroy());
  else socket.destroy();
  setTimeout(() => socket.destroy(), 2000).unref();
}

/** The Content-Length the client declared; Node's parser has already refused malformed ones. */
function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  return v === undefined ? undefined : Number(v);
}

/** A body still on the wire that we are not going to read. */
function hasPendingBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || (declaredLength(req) ?? 0) > 0;
}

type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too large' | 'timeout' | 'aborted' };

function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (r: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      // Stop pulling bytes we will not use; the response closes the connection.
      if (!r.ok) req.pause();
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) return settle({ ok: false, reason: 'too large' });
      chunks.push(c);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), timeoutMs);
    req.on('data', onData);
    req.once('end', () => settle({ ok: true, body: Buffer.concat(chunks) }));
    req.once('error', () => settle({ ok: false, reason: 'aborted' }));
    req.once('close', () => settle({ ok: false, reason: 'aborted' }));
  });
}

/** Writes a response, or a 500 when the handler's response cannot be written (bad status or
 * header value); never throws. */
function send(res: ServerResponse, r: HttpResponse, path: string): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  try {
    const body = r.body ?? '';
    res.writeHead(r.status, { ...JSON_TYPE, 'content-length': String(Buffer.byteLength(body)), ...r.headers });
    res.end(body);
  } catch (err) {
    log.error('http response not writable', { path, err: err instanceof Error ? err.message : String(err) });
    if (res.headersSent) return void res.destroy();
    try {
      const fallback = jsonError(500, 'internal error');
      res.writeHead(fallback.status, fallback.headers);
      res.end(fallback.body);
    } catch {
      res.destroy();
    }
  }
}

export function createHttpServer(opts: HttpServerOptions = {}): HttpServer {
  const routes = new Map<string, HttpHandler>();
  const bodyTimeoutMs = opts.bodyTimeoutMs ?? 15_000;

  async function serve(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    const method = req.method ?? 'GET';
    const target = parseTarget(req.url ?? '');
    if (!target) {
      log.warn('http request target refused', { method, chars: (req.url ?? '').length });
      return send(res, jsonError(400, 'bad request target', hasPendingBody(req)), '');
    }
    const { path, query } = target;
    const declared = declaredLength(req);
    if (declared !== undefined && declared > MAX_BODY_BYTES) {
      log.warn('http body too large', { path, bytes: declared });
      return send(res, jsonError(413, 'body too large', true), path);
    }
    const handler = routes.get(`${method} ${path}`);
    if (!handler) {
      const known = [...routes.keys()].some((k) => k.endsWith(` ${path}`));
      // An unread body on a kept-alive connection would be drained without limit: close instead.
      return send(res, jsonError(known ? 405 : 404, known ? 'method not allowed' : 'not found', hasPendingBody(req)), path);
    }
    // Expect: 100-continue: invite the body only once we know we want it.
    if (expectsContinue) res.writeContinue();
    const body = await readBody(req, MAX_BODY_BYTES, bodyTimeoutMs);
    if (!body.ok) {
      if (body.reason === 'aborted') return void log.debug('http request aborted by the client', { path });
      log.warn(body.reason === 'timeout' ? 'http body too slow' : 'http body too large', { path, ...(body.reason === 'timeout' ? { ms: bodyTimeoutMs } : { limit: MAX_BODY_BYTES }) });
      return send(res, body.reason === 'timeout' ? jsonError(408, 'request timeout', true) : jsonError(413, 'body too large', true), path);
    }
    let response: HttpResponse;
    try {
      response = await handler({ method, path, query, headers: req.headers, body: body.body });
    } catch (err) {
      log.error('http handler failed', { path, err: String(err) });
      response = jsonError(500, 'internal error');
    }
    send(res, response, path);
  }

  // One boundary around everything a request can reach: whatever escapes becomes a 500.
  const onRequest = (req: IncomingMessage, res: ServerResponse, expectsContinue = false) => {
    const fail = (err: unknown) => {
      log.error('http request failed', { err: err instanceof Error ? err.message : String(err) });
      send(res, jsonError(500, 'internal error', true), '');
    };
    // Client resets surface here; they are not ours to crash on.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    try {
      serve(req, res, expectsContinue).catch(fail);
    } catch (err) {
      fail(err);
    }
  };

  const server: Server = createServer(
    {
      headersTimeout: opts.headersTimeoutMs ?? 15_000,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
      // Node checks both timeouts on this interval (default 30 s, coarser than the timeouts).
      connectionsCheckingInterval: Math.min(1000, opts.headersTimeoutMs ?? 1000),
    },
    onRequest,
  );

  // Bytes that are not HTTP, an oversized head, a slow client: answer on the live socket when no
  // response has started on it, then close. Node's default does this too, but with a listener
  // we also log it and answer with JSON like every other refusal.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const code = err.code ?? 'unknown';
    if (code === 'ECONNRESET' || code === 'EPIPE' || !socket.writable) return void socket.destroy();
    log.warn('http client error', { code });
    // _httpMessage is the response in flight on this socket, the check Node's own handler makes:
    // writing a second status line into a started response would corrupt it.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (inFlight?.headersSent) return closeSoon(socket);
    const [status, reason, error] =
      code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'headers too large']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', 'request timeout']
      : [400, 'Bad Request', 'bad request'];
    closeSoon(socket, rawResponse(status, reason, error));
  });

  // Without a listener Node drops CONNECT connections silently; say why instead.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => closeSoon(socket, rawResponse(405, 'Method Not Allowed', 'method not allowed')));

  // Without a listener Node sends 100 Continue at once, inviting bodies we are about to refuse.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => onRequest(req, res, true));

  return {
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          // A server error after start-up (e.g. EMFILE on accept) is logged, not thrown.
          server.on('error', (err) => log.error('http server error', { err: err.message }));
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
