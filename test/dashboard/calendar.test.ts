// The reminder calendar is planned in a worker thread: same page as planning it inline, fresh
// after a write by this connection, never blocking a concurrent request, and answered with
// "正在计算…" or the last calendar while a computation runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieValue, COOKIE_NAME } from '../../src/dashboard/auth.ts';
import { calendarBusy, calendarPage, renderCalendar, stopCalendarWorker, type CalendarInput } from '../../src/dashboard/calendar.ts';
import { dashboardHandler } from '../../src/dashboard/index.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { applyImport, type LedgerTask } from '../../src/ledger/store.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { milestone, NOW, seed, TODAY, type Seeded } from '../ledger/seed.ts';

const SECRET = 'test-secret-0123456789abcdef';
const calendar = buildCalendar();
const config = remindConfig({});
const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
};
const dayHtml = (html: string, day: string) => new RegExp(`data-day="${day}">([\\s\\S]*?)</div>`).exec(html)?.[1] ?? '';

// the page as text (the calendar arrives as bytes)
const page = async (i: CalendarInput, waitMs: number) => {
  const r = await calendarPage(i, waitMs);
  return { status: r.status, html: r.html.toString() };
};

let s: Seeded;
const input = (): CalendarInput => ({ db: s.db, kb: s.kb, calendar, remindConfig: config, now: NOW, today: TODAY });

beforeAll(() => {
  s = seed();
});
afterAll(async () => {
  await stopCalendarWorker();
  s.close();
});

describe('reminder calendar off the event loop', () => {
  it('the worker produces the page the planner gives inline, and sees writes of this connection', async () => {
    const inline = renderCalendar(input());
    const viaWorker = await page(input(), 60_000);
    expect(viaWorker.status).toBe(200);
    expect(viaWorker.html).toBe(inline);
    expect(inline).toMatch(/未来4周的提醒（\d+条）/);
    expect(dayHtml(inline, '2026-07-07')).toContain('无提醒');
    // a milestone on Tuesday 14 July: its 7-day reminder falls on Tuesday 7 July
    milestone(s.db, 60, '2026-07-14', '完成验收', null);
    const after = await page(input(), 60_000);
    expect(dayHtml(after.html, '2026-07-07')).toContain('第60项');
    expect(after.html).toBe(renderCalendar(input()));
  }, 60_000);

  it('answers "正在计算…" (reloading itself) or the last calendar while it computes', async () => {
    milestone(s.db, 61, '2026-07-16', '完成招标', null);
    const first = await page(input(), 0);
    // the previous calendar, marked as being refreshed
    expect(first.html).toContain('data-refreshing');
    expect(first.html).toContain('<meta http-equiv="refresh"');
    expect(dayHtml(first.html, '2026-07-09')).toContain('无提醒');
    await until(() => !calendarBusy(s.db));
    const fresh = await page(input(), 0);
    expect(fresh.html).not.toContain('data-refreshing');
    expect(dayHtml(fresh.html, '2026-07-09')).toContain('第61项');
    // a store never planned before: nothing to show yet
    const other = seed();
    try {
      const r = await page({ ...input(), db: other.db }, 0);
      expect(r.html).toContain('data-computing');
      expect(r.html).toContain('正在计算…');
      await until(() => !calendarBusy(other.db));
      expect((await page({ ...input(), db: other.db }, 0)).html).toMatch(/未来4周的提醒（\d+条）/);
    } finally {
      other.close();
    }
  }, 60_000);

  it('a cheap request on the same server is answered while a large calendar is computed', async () => {
    // 3,000 tasks: planning them takes the worker far longer than one probe round trip
    const tasks: LedgerTask[] = Array.from({ length: 3000 }, (_, i) => {
      const src = s.kb.keyTasks[i % s.kb.keyTasks.length]!;
      return { ...src, no: i + 1 };
    });
    applyImport(s.db, tasks, { fileName: 'big.xlsx', sha256: '0'.repeat(64), importedAt: '2026-06-01T00:00:00Z' });
    const http: HttpServer = createHttpServer();
    const handler = dashboardHandler({ db: s.db, kb: () => s.kb, calendar, remindConfig: config, now: () => NOW, secret: SECRET, calendarWaitMs: 120_000 });
    http.route('GET', '/dashboard/calendar', handler);
    http.route('GET', '/probe', () => ({ status: 200, body: 'ok' }));
    const port = await http.listen(0, '127.0.0.1');
    try {
      const cookie = `${COOKIE_NAME}=${cookieValue(SECRET, 'admin', Math.floor(NOW.getTime() / 1000) + 3600)}`;
      let calendarAnswered = false;
      const cal = fetch(`http://127.0.0.1:${port}/dashboard/calendar`, { headers: { cookie } }).then(async (r) => {
        calendarAnswered = true;
        return { status: r.status, html: await r.text() };
      });
      await until(() => calendarBusy(s.db));
      const probe = await fetch(`http://127.0.0.1:${port}/probe`);
      expect(await probe.text()).toBe('ok');
      // the probe came back while the calendar was still being planned
      expect(calendarBusy(s.db)).toBe(true);
      expect(calendarAnswered).toBe(false);
      const r = await cal;
      expect(r.status).toBe(200);
      expect(r.html).toMatch(/未来4周的提醒（\d+条）/);
    } finally {
      await http.close();
    }
  }, 120_000);
});
