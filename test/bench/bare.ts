// The baseline both platform benchmarks compare against: a bare node:http server that reads
// the body and answers a fixed JSON, in the same process and run.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
