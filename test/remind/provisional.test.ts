// The bot keeps running into a year the holiday data does not have yet: it starts, computes
// workdays Monday–Friday, says so, and tells the 督查室 once how to add the official schedule.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCalendar, runDigests } from '../../jobs/reminders.ts';
import { previewDigests } from '../../src/remind/digest.ts';
import { startBot, type Bot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { calendarAlert, PROVISIONAL_LINE } from '../../src/remind/calendarAlert.ts';
import { route } from '../../src/router.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { flushOutbox, runReminders } from '../../src/remind/runner.ts';
import type { GroupMessage } from '../../src/platforms/types.ts';
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

describe('a year without holiday data', () => {
  it('alerts from 12-01 of the year before, not earlier, and names the year and the file format', () => {
    const cal = buildCalendar();
    expect(calendarAlert('2026-11-30', cal)).toBeUndefined();
    const a = calendarAlert('2026-12-01', cal)!;
    expect(a.year).toBe(2027);
    expect(a.text).toContain('CALENDAR_FILE');
    expect(a.text).toContain('"years":[2027]');
    // Once the file describes the year, nothing more is said.
    expect(calendarAlert('2026-12-01', buildCalendar({ years: [2027], holidays: [], workdays: [] }))).toBeUndefined();
  });

  it('the bot starts on 2027-01-04 and tells the default group exactly once, however often the day runs', async () => {
    let clock = new Date('2027-01-04T09:00:00+08:00');
    bot = await startBot({ DATA_DIR: tempDataDir(), PORT: '0', REMIND_DEFAULT_GROUP: 'console:ducha' }, { jobs: false, now: () => clock, consoleOut: new PassThrough() });
    const sent: { group: string; msg: GroupMessage }[] = [];
    const deliver = async (group: string, msg: GroupMessage) => (sent.push({ group, msg }), { ok: true, messageIds: ['x'] });
    for (let i = 0; i < 3; i++) {
      checkCalendar(bot.remind);
      // two drains at once, as the daily and the retry job at 09:00: the claim keeps it to one send
      await Promise.all([flushOutbox(bot.remind, deliver), flushOutbox(bot.remind, deliver)]);
    }
    clock = new Date('2027-01-05T09:00:00+08:00');
    checkCalendar(bot.remind);
    await flushOutbox(bot.remind, deliver);
    const alerts = sent.filter((s) => s.msg.text.includes('【工作日历】2027年'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.group).toBe('console:ducha');
    expect(bot.remind.calendar.isWorkday('2027-01-04')).toBe(true);
  });

  it('reminds on the provisional calendar and says so in one line', async () => {
    const clock = new Date('2027-01-04T09:00:00+08:00');
    bot = await startBot(
      { DATA_DIR: tempDataDir(), PORT: '0', REMIND_DEFAULT_GROUP: 'console:ducha', ADMINS: 'console:admin' },
      { jobs: false, now: () => clock, consoleOut: new PassThrough() },
    );
    const reply = await route(
      { platform: 'console', messageId: 'm1', chatId: 'c', isDirect: true, userId: 'admin', userName: '督查室', text: '/节点 28 2027-01-05 完成主体结构', receivedAt: clock },
      bot.router,
    );
    expect(reply.text).toMatch(/已/);
    const sent: GroupMessage[] = [];
    await runReminders(bot.remind, async (_g, msg) => (sent.push(msg), { ok: true, messageIds: ['x'] }));
    const reminder = sent.find((m) => m.text.includes('第28项'));
    expect(reminder?.text).toContain(PROVISIONAL_LINE);
  });

  it('the weekly digest on a provisional year carries the same line, live and in the preview', async () => {
    const clock = new Date('2027-01-04T09:00:00+08:00'); // a Monday, the default digest day
    bot = await startBot(
      { DATA_DIR: tempDataDir(), PORT: '0', REMIND_DEFAULT_GROUP: 'console:ducha', ADMINS: 'console:admin' },
      { jobs: false, now: () => clock, consoleOut: new PassThrough() },
    );
    const sent: GroupMessage[] = [];
    await runDigests(bot.remind, async (_g, msg) => (sent.push(msg), { ok: true, messageIds: ['x'] }));
    const digest = sent.find((m) => m.text.startsWith('【每周汇总】'));
    expect(digest?.text.split('\n').at(-1)).toBe(PROVISIONAL_LINE);
    const preview = previewDigests(bot.remind.db, bot.remind.kb.keyTasks, bot.remind.config, bot.remind.calendar, '2027-01-04');
    expect(preview.map((d) => d.text)).toContain(digest!.text);
    // a year with holiday data has no such line
    const known = previewDigests(bot.remind.db, bot.remind.kb.keyTasks, bot.remind.config, bot.remind.calendar, '2026-06-29');
    expect(known.length).toBeGreaterThan(0);
    expect(known.every((d) => !d.text.includes(PROVISIONAL_LINE))).toBe(true);
  });
});
