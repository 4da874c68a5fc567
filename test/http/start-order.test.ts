// Start order (issue 14): the HTTP server listens before the platforms start, so /healthz and the
// dashboard answer while a platform is slow or unreachable, and tell its state; a WeCom that
// refuses the login (wrong secret) is shown as an auth failure in /healthz, the log and doctor,
// not as "reconnecting".
import { createServer, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/app.ts';
import { runningPlatformStates } from '../../src/http/health.ts';
import { loadWecomConfig } from '../../src/platforms/wecom/config.ts';
import { doctorWecom } from '../../src/platforms/wecom/doctor.ts';
import { setLogLevel } from '../../src/log.ts';
import { FakeAibotServer } from '../fakes/wecom/aibotWsServer.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

const { logged } = quietLog();
setLogLevel('info');

let fake: FakeAibotServer;
let bot: Bot | undefined;
beforeAll(async () => {
  fake = await FakeAibotServer.start('bot1', 'sec-ret');
});
afterAll(async () => {
  await fake.close();
  setLogLevel('warn');
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** A port nobody listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const wecomEnv = (over: Record<string, string>) => ({
  DATA_DIR: tempDataDir(),
  PORT: '0',
  ADMINS: 'wecom:zhangsan',
  REMIND_DEFAULT_GROUP: 'wecom:wr_office',
  WECOM_BOT_ID: 'bot1',
  WECOM_BOT_SECRET: 'sec-ret',
  WECOM_WS_URL: fake.url,
  ...over,
});

/** doctor's WeCom checks as `duban doctor` runs them beside a bot: pid file found, /healthz read. */
const doctorOf = (env: Record<string, string>, port: number) =>
  doctorWecom(loadWecomConfig({ ...env, WECOM_WEBHOOK_BASE: `http://127.0.0.1:${port}` }), {
    runningPid: 4242,
    runningStatus: async () => (await runningPlatformStates(port))?.wecom,
  });

const health = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { platforms: Record<string, string> };

describe('start order', () => {
  it('/healthz answers before a WeCom that refuses connections has started, and shows it connecting', async () => {
    let listening: (port: number) => void = () => undefined;
    const port = new Promise<number>((r) => (listening = r));
    let started = false;
    const starting = startBot(wecomEnv({ WECOM_WS_URL: `ws://127.0.0.1:${await closedPort()}` }), { jobs: false, onListening: listening }).then((b) => {
      started = true;
      return b;
    });
    const h = await health(await port);
    expect(started).toBe(false);
    expect(['connecting', 'reconnecting']).toContain(h.platforms.wecom);
    bot = await starting; // the start gives up waiting (the SDK keeps retrying) and the bot runs
    expect(['connecting', 'reconnecting']).toContain((await health(bot.port!)).platforms.wecom);
  });

  it('/healthz answers while Feishu accepts connections and never answers, and shows it connecting', async () => {
    // A black hole: TCP accepted, no HTTP answer (the API client gives up after its 10 s timeout).
    const held: Socket[] = [];
    const hole = createServer((sock) => void held.push(sock));
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', () => r()));
    try {
      let listening: (port: number) => void = () => undefined;
      const port = new Promise<number>((r) => (listening = r));
      let started = false;
      const env = {
        DATA_DIR: tempDataDir(), PORT: '0', ADMINS: 'feishu:ou_admin', REMIND_DEFAULT_GROUP: 'feishu:oc_office',
        FEISHU_APP_ID: 'cli_a1b2c3d4e5f6a7b8', FEISHU_APP_SECRET: 'secret', FEISHU_DOMAIN: `http://127.0.0.1:${(hole.address() as { port: number }).port}`,
      };
      const starting = startBot(env, { jobs: false, onListening: listening }).then((b) => ((started = true), b));
      const h = await health(await port);
      expect(started).toBe(false);
      expect(h.platforms.feishu).toBe('connecting');
      bot = await starting;
      expect((await health(bot.port!)).platforms.feishu).toBe('reconnecting');
    } finally {
      for (const s of held) s.destroy();
      await new Promise((r) => hole.close(r));
    }
  });

  it('a wrong WeCom secret is an auth failure in /healthz, one clear error line, and doctor', async () => {
    const env = wecomEnv({ WECOM_BOT_SECRET: 'wrong' });
    logged.length = 0;
    bot = await startBot(env, { jobs: false });
    const state = (await health(bot.port!)).platforms.wecom!;
    expect(state).toMatch(/^down: 认证失败/);
    expect(state).toContain('40014');
    expect(state).toContain('WECOM_BOT_SECRET');
    const refusals = logged.filter((l) => l.level === 'error' && l.msg.startsWith('wecom refused the login'));
    expect(refusals).toHaveLength(1);
    expect(logged.some((l) => l.level === 'warn' && l.msg === 'wecom long connection reconnecting')).toBe(false);

    // doctor must not log in beside the running bot; it reads the bot's own state instead.
    // (The pid file names this test process, which runningBot does not count as another bot.)
    const cred = (await doctorOf(env, bot.port!)).find((c) => c.check === '企业微信机器人凭据')!;
    expect(cred.ok).toBe(false);
    expect(cred.detail).toMatch(/登录被拒绝.*40014.*WECOM_BOT_SECRET/);
  });

  it('with the right secret /healthz says ready and doctor says the running bot is logged in', async () => {
    const env = wecomEnv({});
    bot = await startBot(env, { jobs: false });
    expect((await health(bot.port!)).platforms.wecom).toBe('ready');
    const cred = (await doctorOf(env, bot.port!)).find((c) => c.check === '企业微信机器人凭据')!;
    expect(cred).toMatchObject({ ok: true, detail: expect.stringContaining('已登录') });
  });
});
