// The bot as `npm start` builds it, its cron jobs live, the clock one moment before REMIND_TIME
// on 2026-06-23: the daily job and the every-minute retry job fire in the same tick. Each part
// of each reminder must reach the platform's HTTP API exactly once (issue 11, Build 1).
// Only Date is faked (and advances with real time): node-cron's real timers fire, the fakes and
// the SDKs do real HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBot, type Bot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { openDb } from '../../src/store/db.ts';
import { listOutbox } from '../../src/store/outbox.ts';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';
import { webhookEnv } from '../fakes/feishu/events.ts';
import { FakeFeishu, until } from '../fakes/feishu/server.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom/webhookServer.ts';

setLogLevel('error');

const KEY = '693a91f6-7a3c-4bc4-97a0-0ec2afa5aaa1';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

let bot: Bot | undefined;
let wecom: FakeWecomApi | undefined;
let feishu: FakeFeishu | undefined;
afterEach(async () => {
  await bot?.stop();
  await wecom?.close();
  await feishu?.stop();
  bot = wecom = feishu = undefined;
  vi.useRealTimers();
});

/** 2026-06-23 08:59:59.7 in 汨罗, advancing with real time. */
function clockBeforeNine(): void {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: new Date('2026-06-23T00:59:59.700Z') });
}

function dataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'duban-cron-')), 'data');
}

const settled = (dir: string) => {
  const db = openDb(dir);
  try {
    const rows = listOutbox(db, 1000);
    return rows.length > 0 && rows.every((r) => r.status !== 'pending' && r.status !== 'sending');
  } finally {
    db.close();
  }
};

describe('daily job and retry job firing in the same tick', () => {
  it('WeCom webhook: every part is posted once', { timeout: 30_000 }, async () => {
    wecom = await startFakeWecomApi({ keys: [KEY] });
    const dir = dataDir();
    const db = openDb(dir);
    sqliteWebhookStore(db).set('wr_default', KEY, 'admin', new Date('2026-06-01T00:00:00Z'));
    db.close();
    clockBeforeNine();
    bot = await startBot(
      {
        DATA_DIR: dir,
        PORT: '0',
        WECOM_BOT_ID: 'bot1',
        WECOM_MODE: 'callback',
        WECOM_TOKEN: 'tok',
        WECOM_ENCODING_AES_KEY: AES,
        WECOM_WEBHOOK_BASE: wecom.base,
        REMIND_DEFAULT_GROUP: 'wecom:wr_default',
        REMIND_TIME: '09:00',
      },
      { now: () => new Date() },
    );
    await until(() => wecom!.messages.length > 0, 5000, 'first reminder part');
    await until(() => settled(dir), 15_000, 'outbox settled');
    // let a straggling second drain finish its post, if there is one
    await new Promise((r) => setTimeout(r, 500));
    const contents = wecom.messages.map((m) => m.content);
    expect(contents.length).toBeGreaterThan(0);
    expect(contents.length, `parts posted ${contents.length}, distinct ${new Set(contents).size}`).toBe(new Set(contents).size);
    expect(wecom.attempts.length).toBe(contents.length);
    // the heading once, as the group reads it (issue 11: 【节点提醒】\n【节点提醒】6月23日…)
    for (const c of contents) {
      expect(c.split('\n')[0], c).toMatch(/^【节点提醒[^】]*】6月23日（周二）/);
      expect(c.split('\n').slice(1).some((l) => l.startsWith('【')), c).toBe(false);
    }
  });

  it('Feishu: every part is created by one HTTP request', { timeout: 30_000 }, async () => {
    feishu = await new FakeFeishu().start();
    const dir = dataDir();
    clockBeforeNine();
    bot = await startBot(
      {
        DATA_DIR: dir,
        PORT: '0',
        ...webhookEnv(feishu.baseUrl),
        REMIND_DEFAULT_GROUP: 'feishu:oc_group1',
        REMIND_TIME: '09:00',
      },
      { now: () => new Date() },
    );
    await until(() => feishu!.sent().length > 0, 5000, 'first reminder');
    await until(() => settled(dir), 15_000, 'outbox settled');
    await new Promise((r) => setTimeout(r, 500));
    const creates = feishu.requests.filter((r) => r.op === 'create').length;
    expect(feishu.sent().length).toBeGreaterThan(0);
    // The platform swallows a repeated uuid; the bot must not send it in the first place.
    expect(creates).toBe(feishu.sent().length);
  });
});
