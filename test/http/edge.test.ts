// The HTTP edge's guarantees, one regression each: request targets the URL parser rejects, bytes
// the HTTP parser rejects, oversized and slow bodies, handlers that throw. Every case is sent over
// a raw socket (an HTTP library would refuse to send most of them) and followed by a probe.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpServer, MAX_BODY_BYTES, parseTarget, type HttpServer } from '../../src/http/server.ts';
import { setLogLevel } from '../../src/log.ts';
import { exchange, probe } from './raw.ts';

setLogLevel('error');

const crashes: unknown[] = [];
const onCrash = (err: unknown) => crashes.push(err);
const logs: string[] = [];
beforeAll(() => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (logs.push(String(s)), true));
});
afterAll(() => {
  vi.restoreAllMocks();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

let http: HttpServer;
let port: number;
let calls: number;

async function start(opts: Parameters<typeof createHttpServer>[0] = {}) {
  calls = 0;
  http = createHttpServer(opts);
  http.route('POST', '/echo', (req) => {
    calls++;
    return { status: 200, body: JSON.stringify({ bytes: req.body.length }) };
  });
  http.route('GET', '/throws', () => {
    throw new Error('handler bug');
  });
  http.route('GET', '/rejects', () => Promise.reject(new Error('async handler bug')));
  http.route('GET', '/bad-status', () => ({ status: 1000 }));
  http.route('GET', '/bad-header', () => ({ status: 200, headers: { 'x-bad': '换行\r\nset-cookie: x=1' } }));
  http.route('GET', '/__probe', () => ({ status: 200, body: '{}' }));
  port = await http.listen(0, '127.0.0.1');
}

afterEach(async () => {
  await http.close();
  expect(crashes.splice(0)).toEqual([]);
});

const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
const bodyOf = (raw: string) => raw.slice(raw.indexOf('\r\n\r\n') + 4);

describe('request targets', () => {
  it('GET //[ is a path (404), not a crash', async () => {
    await start();
    const r = await exchange(port, [get('//[')]);
    expect(r.statuses).toEqual([404]);
    expect(JSON.parse(bodyOf(r.raw))).toEqual({ error: 'not found' });
    expect(await probe(port)).toBe(200);
  });

  it('an absolute-form target with a bad host or port gets a 400', async () => {
    await start();
    for (const target of ['http://a:99999/', 'http://[::1/echo', 'http://[/', 'http://a%zz/', '*']) {
      const r = await exchange(port, [get(target)]);
      expect(r.statuses, target).toEqual([400]);
      expect(JSON.parse(bodyOf(r.raw)), target).toEqual({ error: 'bad request target' });
    }
    expect(await probe(port)).toBe(200);
  });

  it('a good absolute-form target is routed by its path', async () => {
    await start();
    const r = await exchange(port, [get('http://example.gov.cn/__probe?x=1')]);
    expect(r.statuses).toEqual([200]);
  });

  it('parseTarget never throws, and keeps an origin-form path as a path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const t = parseTarget(s);
        if (s.startsWith('/') && t) expect(t.path.startsWith('/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(parseTarget('//evil.example/feishu/events')?.path).toBe('//evil.example/feishu/events');
    expect(parseTarget('/wecom/callback?nonce=1&timestamp=%')?.query.get('timestamp')).toBe('%');
    expect(parseTarget('http://a:99999/')).toBeUndefined();
  });
});

describe('bytes that are not HTTP', () => {
  it('get a 400 on the live socket, and the server keeps serving', async () => {
    await start();
    for (const bytes of ['GARBAGE\r\n\r\n', '\x00\x01\x02\r\n\r\n', 'GET /\x00 HTTP/1.1\r\n\r\n', 'GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n']) {
      // the close follows the 400 at once; a loaded CI machine may deliver it a few ms later
      const r = await exchange(port, [bytes], { closeWaitMs: 1000 });
      expect(r.statuses, JSON.stringify(bytes)).toEqual([400]);
      expect(r.closedByServer).toBe(true);
    }
    expect(await probe(port)).toBe(200);
  });

  it('an oversized head gets a 431', async () => {
    await start();
    const r = await exchange(port, [`GET /${'a'.repeat(40_000)} HTTP/1.1\r\nHost: a\r\n\r\n`]);
    expect(r.statuses).toEqual([431]);
  });

  it('CONNECT gets a 405 instead of a silent drop', async () => {
    await start();
    const r = await exchange(port, ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n']);
    expect(r.statuses).toEqual([405]);
  });
});

describe('body limits', () => {
  const head = (extra = '') => `POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${2 * 1024 * 1024}\r\n${extra}\r\n`;

  it('a declared 2 MiB body gets a 413 status line before any of it is sent', async () => {
    await start();
    // Only the head goes out: the answer must not wait for the body.
    const r = await exchange(port, [head()], { timeoutMs: 3000, closeWaitMs: 1000 });
    expect(r.statuses).toEqual([413]);
    expect(r.raw.toLowerCase()).toContain('connection: close');
    expect(r.closedByServer).toBe(true);
    expect(calls).toBe(0);
  });

  it('a client that keeps sending the 2 MiB body still reads the 413, not a reset', async () => {
    await start();
    const r = await exchange(port, [head(), Buffer.alloc(2 * 1024 * 1024, 0x61)], { timeoutMs: 5000 });
    expect(r.statuses).toEqual([413]);
    expect(calls).toBe(0);
  });

  it('Expect: 100-continue with an oversized body gets the 413 and no 100 Continue', async () => {
    await start();
    const r = await exchange(port, [head('Expect: 100-continue\r\n')]);
    expect(r.statuses).toEqual([413]);
  });

  it('a chunked body is cut at the limit with a 413', async () => {
    await start();
    const chunk = Buffer.alloc(64 * 1024, 0x62);
    const parts: (string | Buffer)[] = ['POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n'];
    for (let i = 0; i < 40; i++) parts.push(`${chunk.length.toString(16)}\r\n`, chunk, '\r\n');
    parts.push('0\r\n\r\n');
    const r = await exchange(port, parts, { timeoutMs: 5000 });
    expect(r.statuses).toEqual([413]);
    expect(calls).toBe(0);
  });

  it('a body at the limit is accepted', async () => {
    await start();
    const r = await exchange(port, [`POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: ${MAX_BODY_BYTES}\r\n\r\n`, Buffer.alloc(MAX_BODY_BYTES, 0x63)]);
    expect(r.statuses).toEqual([200]);
    expect(JSON.parse(bodyOf(r.raw))).toEqual({ bytes: MAX_BODY_BYTES });
  });
});

describe('timeouts', () => {
  it('a body that stops arriving gets a 408 after the body deadline', async () => {
    await start({ bodyTimeoutMs: 200 });
    const t = Date.now();
    const r = await exchange(port, ['POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc'], { timeoutMs: 5000 });
    expect(r.statuses).toEqual([408]);
    expect(Date.now() - t).toBeLessThan(3000);
    expect(calls).toBe(0);
  });

  it('a head that stops arriving gets a 408 after the headers timeout (slowloris)', async () => {
    await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const t = Date.now();
    const r = await exchange(port, ['GET /__probe HTTP/1.1\r\nHost: a\r\nX-Slow: 1'], { timeoutMs: 5000 });
    expect(r.statuses).toEqual([408]);
    expect(Date.now() - t).toBeLessThan(3000);
    expect(await probe(port)).toBe(200);
  });
});

describe('handlers that fail', () => {
  it('a throw, a rejection or an unwritable response becomes a 500; the server keeps serving', async () => {
    await start();
    for (const path of ['/throws', '/rejects', '/bad-status', '/bad-header']) {
      const r = await exchange(port, [get(path)]);
      expect(r.statuses, path).toEqual([500]);
      expect(r.raw).not.toContain('set-cookie');
      expect(logs.some((l) => l.includes('"level":"error"') && l.includes(`"path":"${path}"`)), path).toBe(true);
    }
    expect(await probe(port)).toBe(200);
  });
});
