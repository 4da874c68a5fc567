// npm run bench: an AI-bot media download (10 MB, AES-256-CBC, streamed under the size cap and
// decrypted) from the fake storage host, against a bare undici GET of the same bytes (no cap,
// no decryption) in the same process.
import { request } from 'undici';
import { fetchMedia } from '../../../src/platforms/wecom/media.ts';
import { newAeskey, startFakeMediaHost } from '../../fakes/wecom/mediaServer.ts';

export async function benchMedia(runs = 7): Promise<{ oursMs: number; bareMs: number; mb: number }> {
  const host = await startFakeMediaHost();
  const mb = 10;
  const plain = new Uint8Array(mb * 1024 * 1024).fill(7);
  plain.set([0xff, 0xd8, 0xff]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ours: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const k = newAeskey();
      const url = host.publish(plain, { key: k.key });
      let t0 = performance.now();
      await fetchMedia({ kind: 'image', url, aeskey: k.aeskey }, k.key, plain.length);
      ours.push(performance.now() - t0);
      t0 = performance.now();
      const res = await request(url);
      await res.body.arrayBuffer();
      bare.push(performance.now() - t0);
    }
  } finally {
    await host.close();
  }
  return { oursMs: median(ours), bareMs: median(bare), mb };
}
