// Webhook-mode throughput (issue 5 §9): signed, encrypted event in → the real SDK dispatcher and
// our adapter → reply recorded at the fake Open API, next to a bare node:http server answering
// the same requests in the same run. The events go to many chats and the adapter's rate limits
// are raised for the run: Feishu's own limits (5/s per chat, 50/s per app) would otherwise be
// what is measured. Target ≥ 25 % of the bare server's rate.
import { drive, startBareServer } from '../../bench/bare.ts';
import { createHttpServer } from '../../../src/http/server.ts';
import { setLogLevel } from '../../../src/log.ts';
import { createFeishuAdapter } from '../../../src/platforms/feishu/adapter.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { signedPost } from '../../fakes/feishu/crypto.ts';
import { atBot, ENCRYPT_KEY } from '../../fakes/feishu/events.ts';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { APP_ID, APP_SECRET, VERIFICATION_TOKEN } from '../../fakes/feishu/events.ts';

export async function benchFeishuWebhook(n = 2000, concurrency = 32): Promise<{ ours: number; bare: number; ratio: number }> {
  setLogLevel('error');
  // Feishu is another machine: its fake runs in its own process, off the bot's CPU.
  const child = fork(fileURLToPath(new URL('./fakeProcess.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  const baseUrl = await new Promise<string>((r) => child.once('message', (m: { baseUrl: string }) => r(m.baseUrl)));
  let seq = 0;
  const replies = () =>
    new Promise<number>((r) => {
      const id = ++seq;
      const on = (m: { count?: number; replies?: number }) => {
        if (m.count === id) (child.off('message', on), r(m.replies!));
      };
      child.on('message', on);
      child.send({ count: id });
    });
  const until = async (want: number) => {
    for (let i = 0; i < 6000 && (await replies()) < want; i++) await new Promise((r) => setTimeout(r, 10));
  };
  const prepare = (count: number, tag: string) => {
    const evs = Array.from({ length: count }, (_, i) => atBot('谁牵头第28项', { chatId: `oc_${tag}_${i}`, messageId: `om_${tag}_${i}` }));
    child.send({ observe: evs });
    return evs.map((ev) => signedPost(ENCRYPT_KEY, ev));
  };
  const bare = await startBareServer();
  const http = createHttpServer();
  const adapter = createFeishuAdapter({
    config: { appId: APP_ID, appSecret: APP_SECRET, mode: 'webhook', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: baseUrl },
    handle: async () => ({ text: '第28项由住建局牵头，牵头领导曹陶。' }),
    inbox: memoryInbox(),
    http,
    api: { perChatPerSecond: 1_000_000, perAppPerSecond: 1_000_000 },
  });
  await adapter.start();
  const port = await http.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/feishu/events`;

  await drive(prepare(300, 'wb').map((r) => ({ ...r, url: bare.url })), concurrency);
  await drive(prepare(300, 'w').map((r) => ({ ...r, url })), concurrency);
  await until(300);
  const bareSecs = await drive(prepare(n, 'b').map((r) => ({ ...r, url: bare.url })), concurrency);
  const reqs = prepare(n, 'r').map((r) => ({ ...r, url }));
  const t0 = performance.now();
  const ackSecs = await drive(reqs, concurrency);
  await until(300 + n);
  if (process.env.BENCH_DEBUG) console.log(`acks alone: ${(n / ackSecs).toFixed(0)}/s`);
  const oursSecs = (performance.now() - t0) / 1000;

  await adapter.stop();
  await http.close();
  child.kill();
  await bare.close();
  const ours = n / oursSecs;
  const bareRate = n / bareSecs;
  return { ours, bare: bareRate, ratio: ours / bareRate };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchFeishuWebhook();
  console.log(`feishu webhook e2e: ${r.ours.toFixed(0)} events/s   bare node:http ${r.bare.toFixed(0)} req/s   ratio ${(r.ratio * 100).toFixed(0)} %   target ≥ 25 %`);
}
