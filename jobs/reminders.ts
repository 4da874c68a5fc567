// The scheduled jobs: the daily reminder run (default 09:00 China time, every day — the
// planner itself skips rest days, so 调休 Saturdays are served), the weekly digest on the
// first workday of the configured weekday, and a retry loop for messages that failed to send.
import cron from 'node-cron';
import { log } from '../src/log.ts';
import { chinaDate } from '../src/remind/dates.ts';
import { composeDigests, isDigestDay } from '../src/remind/digest.ts';
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
  for (const d of composeDigests(deps.db, deps.kb.keyTasks, listSubscriptions(deps.db), deps.config.REMIND_DEFAULT_GROUP, day)) {
    const row = enqueue(
      deps.db,
      { idemKey: `digest:${day}:${d.group}`, groupKey: d.group, kind: 'digest', text: d.text, mentions: [], tasks: d.tasks, at: deps.now().toISOString() },
      [{ key: `digest:${day}`, runDate: day }],
    );
    if (row) queued++;
  }
  await flushOutbox(deps, deliver);
  return queued;
}

export async function dailyRun(deps: RemindDeps, deliver: Deliver): Promise<void> {
  try {
    await runReminders(deps, deliver);
    await runDigests(deps, deliver);
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
