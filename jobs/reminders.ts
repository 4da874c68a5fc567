// The scheduled jobs: the daily reminder run (default 09:00 China time, every day — the
// planner itself skips rest days, so 调休 Saturdays are served), the weekly digest on the
// first workday of the configured weekday, and a retry loop for messages that failed to send.
import cron from 'node-cron';
import { recordReminderRun } from '../src/http/health.ts';
import { log } from '../src/log.ts';
import { calendarAlert, calendarLog, provisionalYearsAhead } from '../src/remind/calendarAlert.ts';
import { addDays, chinaDate } from '../src/remind/dates.ts';
import { weeklyBulletin } from '../src/bulletin/data.ts';
import { bulletinText } from '../src/bulletin/model.ts';
import { composeDigests, digestNote, isDigestDay } from '../src/remind/digest.ts';
import { flushOutbox, runReminders, type Deliver, type RemindDeps } from '../src/remind/runner.ts';
import { enqueue, listSubscriptions } from '../src/store/outbox.ts';

export interface Jobs {
  stop(): void;
}

/** Records this week's digests (once per group and day) and sends what is due. */
export async function runDigests(deps: RemindDeps, deliver: Deliver): Promise<number> {
  const day = chinaDate(deps.now());
  if (!isDigestDay(day, deps.config.DIGEST_WEEKDAY, deps.calendar)) return 0;
  let queued = 0;
  for (const d of composeDigests(deps.db, deps.kb.keyTasks, listSubscriptions(deps.db), deps.config.REMIND_DEFAULT_GROUP, day, undefined, digestNote(deps.calendar, day))) {
    const row = enqueue(
      deps.db,
      { idemKey: `digest:${day}:${d.group}`, groupKey: d.group, kind: 'digest', text: d.text, mentions: [], tasks: d.tasks, at: deps.now().toISOString() },
      [{ key: `digest:${day}`, runDate: day }],
    );
    if (row) queued++;
  }
  const bulletin = bulletinMessage(deps, day);
  if (bulletin) {
    const row = enqueue(deps.db, { idemKey: `bulletin:${day}:${bulletin.group}`, groupKey: bulletin.group, kind: 'digest', text: bulletin.text, mentions: [], tasks: [], at: deps.now().toISOString() }, [
      { key: `bulletin:${day}`, runDate: day },
    ]);
    if (row) queued++;
  }
  await flushOutbox(deps, deliver);
  return queued;
}

/** With DIGEST_BULLETIN=true: the short 督查专报 of the seven days before the digest day, for the
 * leaders' group (REMIND_LEADERS_GROUP, else the 督查室's group). */
export function bulletinMessage(deps: Pick<RemindDeps, 'db' | 'kb' | 'config' | 'now'>, day: string): { group: string; text: string } | undefined {
  if (!deps.config.DIGEST_BULLETIN) return undefined;
  const group = deps.config.REMIND_LEADERS_GROUP?.trim() || deps.config.REMIND_DEFAULT_GROUP;
  return { group, text: bulletinText(weeklyBulletin({ db: deps.db, kb: deps.kb, to: addDays(day, -1), now: deps.now() })) };
}

/** A provisional calendar is logged every day and, once a year, told to the 督查室's group
 * (REMIND_DEFAULT_GROUP) with the steps to add the official schedule. */
export function checkCalendar(deps: RemindDeps): void {
  const day = chinaDate(deps.now());
  const years = provisionalYearsAhead(day, deps.calendar);
  if (!years.length) return;
  calendarLog(years, day)('work calendar is provisional (Monday-Friday)', { years, fix: 'CALENDAR_FILE or npm update chinese-days, see docs/calendar.md' });
  const alert = calendarAlert(day, deps.calendar);
  if (!alert || !deps.calendar.isWorkday(day)) return;
  const group = deps.config.REMIND_DEFAULT_GROUP;
  enqueue(
    deps.db,
    { idemKey: `${alert.key}:${group}`, groupKey: group, kind: 'alert', text: alert.text, mentions: [], tasks: [], at: deps.now().toISOString() },
    [{ key: alert.key, runDate: day }],
  );
}

export async function dailyRun(deps: RemindDeps, deliver: Deliver): Promise<void> {
  try {
    checkCalendar(deps);
    const run = await runReminders(deps, deliver);
    const digests = await runDigests(deps, deliver);
    recordReminderRun(deps.db, deps.now(), { ...run, digests });
  } catch (err) {
    log.error('reminder run failed', { err: err instanceof Error ? err.message : String(err) });
  }
}

export function startJobs(deps: RemindDeps, deliver: Deliver): Jobs {
  const [h, m] = deps.config.REMIND_TIME.split(':').map(Number) as [number, number];
  const daily = cron.schedule(`${m} ${h} * * *`, () => dailyRun(deps, deliver), { timezone: 'Asia/Shanghai', noOverlap: true, name: 'reminders' });
  // The retry job fires in the same tick as the daily job at REMIND_TIME, and runs while a
  // long start-up or daily flush is still sending: both drain the same outbox. That is safe only
  // because every row is claimed in the database before it is sent (src/remind/delivery.ts).
  const retry = cron.schedule('* * * * *', () => void flushOutbox(deps, deliver).catch((err) => log.error('outbox flush failed', { err: String(err) })), {
    timezone: 'Asia/Shanghai',
    noOverlap: true,
    name: 'outbox-retry',
  });
  // Started after today's run time (a restart, or downtime over 09:00): run now. Every notice
  // is recorded before it is sent, so this never repeats what already went out.
  const now = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(deps.now());
  if (now >= deps.config.REMIND_TIME) void dailyRun(deps, deliver);
  return {
    stop() {
      void daily.stop();
      void retry.stop();
    },
  };
}
