// The reminder run: plan the day, route, compose one message per group, record it with its
// notices (before sending), send, mark sent. Sending is ./delivery.ts: each row is claimed in
// the database first, so concurrent drains never send it twice. A failed send stays pending
// with a backoff and is retried by flushOutbox; it never blocks the other groups.
import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { log } from '../log.ts';
import type { GroupMessage, SendResult } from '../platforms/types.ts';
import { flushOutbox, type DeliveryOptions } from './delivery.ts';
import { meetsMilestone } from '../progress/state.ts';
import type { Db } from '../store/db.ts';
import { liveMilestones } from '../store/milestones.ts';
import { enqueue, initMeta, listSubscriptions, noticeLogged } from '../store/outbox.ts';
import { latestReports, liveStateReports, type StateReportRow } from '../store/reports.ts';
import { liaisonsOf } from '../store/users.ts';
import type { WorkCalendar } from './calendar.ts';
import { composeGroupMessage, type ComposedMessage, type LatestReport } from './compose.ts';
import type { RemindConfig } from './config.ts';
import { chinaDate, type IsoDate } from './dates.ts';
import { collectMilestones, type RemindMilestone } from './milestones.ts';
import { planDay, type Notice } from './plan.ts';
import { routeNotice } from './route.ts';

export type Deliver = (groupKey: string, msg: GroupMessage) => Promise<SendResult>;

export interface RemindDeps {
  db: Db;
  kb: KnowledgeBase;
  calendar: WorkCalendar;
  config: RemindConfig;
  now: () => Date;
  /** claim lease and claimer id (tests, other processes); defaults in ./delivery.ts */
  delivery?: DeliveryOptions;
}

export { backoffMs, flushOutbox, MAX_ATTEMPTS } from './delivery.ts';

export function milestonesFor(deps: RemindDeps, day: IsoDate): RemindMilestone[] {
  const set = liveMilestones(deps.db).map((m) => ({ id: m.id, taskNo: m.taskNo, dueDate: m.dueDate, dueLabel: m.dueLabel, text: m.text, targetPercent: m.targetPercent }));
  return collectMilestones(deps.kb, set, { year: Number(day.slice(0, 4)), quarterly: deps.config.REMIND_QUARTERLY });
}

/** A quarterly check-in is met by any report filed in that quarter; other milestones by the
 * task-state rule's meetsMilestone (src/progress/state.ts). */
export function isMetBy(reports: readonly StateReportRow[]) {
  // Each report's China date once: Intl formatting per check would dominate a busy year.
  const byTask = new Map<number, { r: StateReportRow; day: IsoDate }[]>();
  for (const r of reports) {
    const list = byTask.get(r.taskNo) ?? byTask.set(r.taskNo, []).get(r.taskNo)!;
    list.push({ r, day: chinaDate(new Date(r.createdAt)) });
  }
  return (m: RemindMilestone, day: IsoDate): boolean => {
    const rs = (byTask.get(m.taskNo) ?? []).filter((x) => x.day <= day);
    if (m.source === 'quarter') {
      const q = Math.ceil(Number(m.dueDate.slice(5, 7)) / 3);
      const start = `${m.dueDate.slice(0, 4)}-${String(q * 3 - 2).padStart(2, '0')}-01`;
      return rs.some((x) => x.day >= start);
    }
    return rs.some((x) => meetsMilestone({ taskNo: m.taskNo, dueDate: m.dueDate, targetPercent: m.targetPercent }, x.r));
  };
}

function platformOf(groupKey: string): string {
  return groupKey.slice(0, groupKey.indexOf(':'));
}

/** Plans and composes the messages of `day`. Reads only. */
export function planMessages(deps: RemindDeps, day: IsoDate, catchUp: boolean, since?: IsoDate): ComposedMessage[] {
  return planner(deps)(day, catchUp, since);
}

/** A planner over one read of the store (milestones, reports, subscriptions), for planning many
 * days at once (the dashboard's calendar). */
export function planner(deps: RemindDeps): (day: IsoDate, catchUp: boolean, since?: IsoDate) => ComposedMessage[] {
  const { db, calendar, config } = deps;
  const byYear = new Map<string, RemindMilestone[]>();
  const isMet = isMetBy(liveStateReports(db));
  const subs = listSubscriptions(db);
  const latest = new Map<number, LatestReport | undefined>();
  const latestReport = (taskNo: number) => {
    if (!latest.has(taskNo)) {
      const r = latestReports(db, taskNo, 1)[0];
      latest.set(taskNo, r ? { date: chinaDate(new Date(r.createdAt)), text: r.text, percent: r.percent, status: r.status } : undefined);
    }
    return latest.get(taskNo);
  };
  const onSkip = (m: RemindMilestone, reason: string) => log.error('milestone skipped', { milestone: m.key, reason });
  return (day, catchUp, since) => {
    const year = day.slice(0, 4);
    const milestones = byYear.get(year) ?? byYear.set(year, milestonesFor(deps, day)).get(year)!;
    const notices = planDay(day, milestones, { calendar, isMet, alreadySent: (k) => noticeLogged(db, k), onSkip }, {
      leadDays: config.REMIND_LEAD_DAYS,
      escalateAfterWorkdays: config.REMIND_ESCALATE_WORKDAYS,
      catchUp,
      since,
    });
    const byGroup = new Map<string, Notice[]>();
    for (const n of notices)
      for (const g of routeNotice(n, subs, { defaultGroup: config.REMIND_DEFAULT_GROUP, leadersGroup: config.REMIND_LEADERS_GROUP }))
        byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
    for (const [g, ns] of byGroup) byGroup.set(g, mergeLadder(ns));
    return [...byGroup.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, ns]) =>
        composeGroupMessage(group, day, ns, {
          calendar,
          latestReport,
          liaisons: (unit, g) => liaisonsOf(db, [unit]).filter((b) => b.platform === platformOf(g)).map((b) => ({ userId: b.userId, name: b.name ?? b.userId })),
        }),
      );
  };
}

/** Where a group gets both the overdue notice and the escalation of one milestone, the
 * escalation (which names the leader) carries both. */
export function mergeLadder(ns: Notice[]): Notice[] {
  const esc = new Map(ns.filter((n) => n.kind === 'escalation').map((n) => [n.milestone.key, { ...n, covers: [...n.covers] }]));
  const out: Notice[] = [];
  for (const n of ns) {
    const e = esc.get(n.milestone.key);
    if (n.kind === 'overdue' && e) e.covers.push(n.key, ...n.covers);
    else if (n.kind !== 'escalation') out.push(n);
  }
  return [...out, ...esc.values()];
}

export function idemKey(day: IsoDate, m: ComposedMessage): string {
  const keys = m.notices.flatMap((n) => [n.key, ...n.covers]).sort().join('|');
  return createHash('sha256').update(`${day}\n${m.group}\n${keys}`).digest('hex').slice(0, 32);
}

/** The daily run: record today's messages, then send everything due. */
export async function runReminders(deps: RemindDeps, deliver: Deliver): Promise<{ day: IsoDate; queued: number; sent: number; failed: number }> {
  return runRemindersOn(deps, deliver, chinaDate(deps.now()));
}

/** The run of `day` (today, or a past day an operator re-runs with `duban remind --run --at`):
 * planned for that day, recorded and sent now (deps.now is the real clock: it stamps rows and
 * leases). Notices already logged for a group are not recorded again. */
export async function runRemindersOn(
  deps: RemindDeps,
  deliver: Deliver,
  day: IsoDate,
): Promise<{ day: IsoDate; queued: number; sent: number; failed: number; uncertain: number }> {
  deps.calendar.assertCovers([Number(day.slice(0, 4))]);
  const since = initMeta(deps.db, 'remind_since', day);
  let queued = 0;
  for (const m of planMessages(deps, day, true, since)) {
    const row = enqueue(
      deps.db,
      { idemKey: idemKey(day, m), groupKey: m.group, kind: 'remind', text: m.text, mentions: m.mentions, tasks: m.tasks, at: deps.now().toISOString() },
      m.notices.flatMap((n) => [n.key, ...n.covers].map((key) => ({ key, runDate: day }))),
    );
    if (row) queued++;
  }
  const { sent, failed, uncertain } = await flushOutbox(deps, deliver);
  log.info('reminders run', { day, queued, sent, failed, uncertain });
  return { day, queued, sent, failed, uncertain };
}
