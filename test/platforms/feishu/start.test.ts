// Resilient start (issue 14 item 4): a Feishu that cannot be reached, or that refuses the app,
// at start-up no longer takes the bot down. The real adapter (real SDK inside) is started
// against a closed port, then the fake comes up on that port.
import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../../src/app.ts';
import { createFeishuAdapter, type FeishuAdapter } from '../../../src/platforms/feishu/adapter.ts';
import { tempDataDir } from '../../helpers/chat.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { quietLog } from '../../helpers/quietLog.ts';
import { APP_ID, APP_SECRET, atBot } from '../../fakes/feishu/events.ts';
import { FakeFeishu, until } from '../../fakes/feishu/server.ts';
import { configFor } from './harness.ts';

const { logged } = quietLog();

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let fake: FakeFeishu | undefined;
let adapter: FeishuAdapter | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await adapter?.stop();
  await bot?.stop();
  await fake?.stop();
  fake = adapter = bot = undefined;
});

describe('feishu start-up', () => {
  it('returns while Feishu refuses connections, retries with backoff, and connects once it is up', async () => {
    const port = await closedPort();
    const received: string[] = [];
    fake = new FakeFeishu();
    adapter = createFeishuAdapter({
      config: { ...configFor(fake, 'ws'), domain: `http://127.0.0.1:${port}` },
      handle: async (m) => (received.push(m.text), { text: '好' }),
      inbox: memoryInbox(),
      api: { backoffMs: 20 },
      ws: { pingTimeoutSec: 5, handshakeTimeoutMs: 3000 },
      retry: { baseMs: 50, maxMs: 200 },
    });
    await adapter.start();
    expect(adapter.status!()).toBe('reconnecting');
    expect(logged.some((l) => l.level === 'warn' && /not reachable/.test(l.msg))).toBe(true);
    await fake.start(port);
    await until(() => adapter!.status!() === 'ready', 5000, 'connected after the fake came up');
    await fake.push(atBot('白水镇要建几个和美湘村'));
    await until(() => fake!.sent().length === 1, 5000, 'reply');
    expect(received).toHaveLength(1);
  });

  it('a wrong secret is reported as down with the reason, retried slowly, and heals when fixed', async () => {
    fake = await new FakeFeishu(APP_ID, 'another-secret').start();
    adapter = createFeishuAdapter({
      config: configFor(fake, 'ws'),
      handle: async () => ({ text: '好' }),
      inbox: memoryInbox(),
      ws: { pingTimeoutSec: 5, handshakeTimeoutMs: 3000 },
      retry: { baseMs: 20, maxMs: 20, authMs: 300 },
    });
    await adapter.start();
    expect(adapter.status!(), JSON.stringify(logged.slice(-3))).toMatch(/^down: /);
    expect(logged.some((l) => l.level === 'error' && /refused the app/.test(l.msg))).toBe(true);
    const tokenTries = fake.tokenRequests;
    await new Promise((r) => setTimeout(r, 150));
    // slow retry: not the 20 ms network backoff
    expect(fake.tokenRequests).toBe(tokenTries);
    fake.appSecret = APP_SECRET;
    await until(() => adapter!.status!() === 'ready', 5000, 'ready once the secret matches');
  });

  it('the bot starts with Feishu down; /healthz reports the state until the platform connects', async () => {
    const port = await closedPort();
    fake = new FakeFeishu();
    bot = await startBot(
      { DATA_DIR: tempDataDir(), PORT: '0', FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: APP_SECRET, FEISHU_DOMAIN: `http://127.0.0.1:${port}`, ADMINS: 'feishu:ou_admin', REMIND_DEFAULT_GROUP: 'feishu:oc_group1' },
      { jobs: false, consoleOut: new PassThrough() },
    );
    const health = async () => ((await (await fetch(`http://127.0.0.1:${bot!.port}/healthz`)).json()) as { platforms: Record<string, string> }).platforms.feishu;
    expect(await health()).toBe('reconnecting');
    await fake.start(port);
    // default backoff 1 s, 2 s, 4 s: up within a few seconds
    await until(() => bot!.adapters[0]!.status?.() === 'ready', 10_000, 'feishu ready');
    expect(await health()).toBe('ready');
  }, 15_000);
});
