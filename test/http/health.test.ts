// /healthz answers in every mode (here: console, no platform) and tells the truth about the store.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { dailyRun } from '../../jobs/reminders.ts';
import { startBot, type Bot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

setLogLevel('error');
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

describe('GET /healthz', () => {
  it('is up with no platform configured, reports a writable store and the last reminder run', async () => {
    const now = () => new Date('2026-06-23T09:00:00+08:00');
    bot = await startBot({ DATA_DIR: tempDataDir(), PORT: '0' }, { jobs: false, now, consoleOut: new PassThrough() });
    const get = async () => {
      const r = await fetch(`http://127.0.0.1:${bot!.port}/healthz`);
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    let h = await get();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ ok: true, database: 'ok', platforms: {}, lastReminderRun: null });
    await dailyRun(bot.remind, bot.deliver);
    h = await get();
    expect(h.body.lastReminderRun).toMatchObject({ at: now().toISOString(), day: '2026-06-23' });
  });

  it('says 503 when the database cannot take a write', async () => {
    bot = await startBot({ DATA_DIR: tempDataDir(), PORT: '0' }, { jobs: false });
    // A transaction left open on the handle: the probe cannot take the write lock.
    const lock = bot.remind.db;
    lock.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect(r.status).toBe(503);
      expect(((await r.json()) as { ok: boolean }).ok).toBe(false);
    } finally {
      lock.prepare('ROLLBACK').run();
    }
  });
});
