// Callback-mode throughput (issue 6 §8): encrypted message in → router stand-in → encrypted
// stream reply out, through the real HTTP server and adapter, next to a bare node:http server
// that reads the body and answers a fixed JSON, in the same run. Target ≥ 25 % of bare.
// Run alone: npx tsx test/platforms/wecom/callbackBench.ts ; or import benchCallback() from
// test/bench/bench.ts. Requests are prepared (encrypted, signed) before timing starts.
import * as wx from '@wecom/crypto';
import { drive, startBareServer } from '../../bench/bare.ts';
import { createHttpServer } from '../../../src/http/server.ts';
import { setLogLevel } from '../../../src/log.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { createWecomAdapter } from '../../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../../src/platforms/wecom/config.ts';
import { memoryWebhookStore } from '../../../src/platforms/wecom/webhookStore.ts';
import { textMessage } from '../../fakes/wecom/callbackDriver.ts';

const TOKEN = 'QDG6eK';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

export async function benchCallback(n = 4000, concurrency = 32): Promise<{ ours: number; bare: number; ratio: number }> {
  setLogLevel('error');
  const ts = String(Math.floor(Date.now() / 1000));
  const prepare = (count: number, tag: string) =>
    Array.from({ length: count }, (_, i) => {
      const encrypt = wx.encrypt(AES, JSON.stringify(textMessage({ text: '@督办助手 谁牵头第28项', chatid: 'C', msgid: `${tag}-${i}` })), '');
      const nonce = String(100000 + i);
      const query = new URLSearchParams({ msg_signature: wx.getSignature(TOKEN, ts, nonce, encrypt), timestamp: ts, nonce }).toString();
      return { query, body: JSON.stringify({ encrypt }) };
    });
  const at = (base: string, reqs: { query: string; body: string }[]) => reqs.map((r) => ({ url: `${base}?${r.query}`, body: r.body }));
  const rate = async (base: string, reqs: { query: string; body: string }[]) => reqs.length / (await drive(at(base, reqs), concurrency));

  const bare = await startBareServer();

  const http = createHttpServer();
  const config = loadWecomConfig({ WECOM_BOT_ID: 'bench', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES });
  const adapter = createWecomAdapter({
    config,
    handle: async () => ({ text: '第28项由住建局牵头，牵头领导曹陶。' }),
    inbox: memoryInbox(),
    webhooks: memoryWebhookStore(),
    http,
  });
  await adapter.start();
  const port = await http.listen(0, '127.0.0.1');

  const ourUrl = `http://127.0.0.1:${port}/wecom/callback`;
  await rate(bare.url, prepare(500, 'warm-bare'));
  await rate(ourUrl, prepare(500, 'warm'));
  const bareRate = await rate(bare.url, prepare(n, 'bare'));
  const ours = await rate(ourUrl, prepare(n, 'run'));

  await adapter.stop();
  await http.close();
  await bare.close();
  return { ours, bare: bareRate, ratio: ours / bareRate };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchCallback();
  console.log(`wecom callback e2e:   ${r.ours.toFixed(0)} msg/s   bare node:http ${r.bare.toFixed(0)} req/s   ratio ${(r.ratio * 100).toFixed(0)} %   target ≥ 25 %`);
}
