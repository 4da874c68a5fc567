// The bot's one HTTP server (port PORT): platform callbacks and, later, the dashboard register
// routes here. Bodies are read with a size cap; a handler that throws becomes a 500 with a log
// line, never a crash.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export interface HttpServer {
  route(method: string, path: string, handler: HttpHandler): void;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export function createHttpServer(): HttpServer {
  const routes = new Map<string, HttpHandler>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes.get(`${req.method} ${url.pathname}`);
    const send = (r: HttpResponse) => {
      if (res.headersSent) return;
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', ...r.headers });
      res.end(r.body ?? '');
    };
    if (!handler) {
      const known = [...routes.keys()].some((k) => k.endsWith(` ${url.pathname}`));
      return send({ status: known ? 405 : 404, body: JSON.stringify({ error: known ? 'method not allowed' : 'not found' }) });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        tooBig = true;
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('close', () => {
      if (tooBig) {
        log.warn('http body too large', { path: url.pathname, bytes: size });
        send({ status: 413, body: JSON.stringify({ error: 'body too large' }) });
      }
    });
    req.on('end', () => {
      if (tooBig) return;
      const request: HttpRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      Promise.resolve()
        .then(() => handler(request))
        .then(send, (err: unknown) => {
          log.error('http handler failed', { path: url.pathname, err: String(err) });
          send({ status: 500, body: JSON.stringify({ error: 'internal error' }) });
        });
    });
  });
  return {
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
