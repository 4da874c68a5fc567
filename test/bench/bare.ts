// The baseline both platform benchmarks compare against: a bare node:http server that reads
// the body and answers a fixed JSON, in the same process and run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

export async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const bare = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, bytes: Buffer.concat(chunks).length }));
    });
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => bare.close(() => r())),
  };
}

export interface BenchRequest {
  /** full URL of this request (query string included) */
  url: string;
  body: string;
  headers?: Record<string, string>;
}

/** POSTs every request with `concurrency` connections; returns the seconds it took. Any
 * non-200 or empty answer aborts the run (a benchmark of errors measures nothing). */
export async function drive(reqs: BenchRequest[], concurrency: number): Promise<number> {
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++]!;
        const res = await request(r.url, { method: 'POST', body: r.body, headers: r.headers, dispatcher: agent });
        const text = await res.body.text();
        if (res.statusCode !== 200 || !text) throw new Error(`bad response ${res.statusCode}`);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  await agent.close();
  return secs;
}
