// The reminder run: plan the day, route, compose each group's message (more than one only when
// a day does not fit one screen), record it with its notices (before sending), send, mark sent.
// Sending is ./delivery.ts: each row is claimed in the database first, so concurrent drains never
// send it twice. A failed send stays pending with a backoff and is retried by flushOutbox; it
// never blocks the other groups.
import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { log } from '../log.ts';
import type { GroupMessage, SendResult } from '../platforms/types.ts';
import { flushOutbox, type DeliveryOptions } from './delivery.ts';
import { meetsMilestone } from '../progress/state.ts';
import type { Db } from '../store/db.ts';
import { allMilestones, liveMilestones, type MilestoneRow } from '../store/milestones.ts';
import { enqueue, getMeta, initMeta, listSubscriptions, noticeLogged, noticeRunDates } from '../store/outbox.ts';
import { latestLiveReportAt, latestReports, liveStateReports, revokedReports, type ReportRow, type StateReportRow } from '../store/reports.ts';
import { liaisonsOf } from '../store/users.ts';
import { allInstructions, closedAt } from '../store/loop.ts';
import { instructionNotices } from '../loop/remind.ts';
import type { WorkCalendar } from './calendar.ts';
import { PROVISIONAL_LINE } from './calendarAlert.ts';
import { composeGroupMessages, type ComposedMessage, type LatestReport, type Liaison } from './compose.ts';
import { runInstant, type RemindConfig } from './config.ts';
import { addDays, chinaDate, type IsoDate } from './dates.ts';
import { collectMilestones, type RemindMilestone, type SetMilestone } from './milestones.ts';
import { planDay, type Notice } from './plan.ts';
import { routeNotice } from './route.ts';
import { splitStoredKey } from '../refs.ts';

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

/** The milestones of `day`'s year. `set` defaults to the live /节点 milestones. */
export function milestonesFor(deps: RemindDeps, day: IsoDate, set: readonly SetMilestone[] = liveMilestones(deps.db).map(toSet)): RemindMilestone[] {
  return collectMilestones(deps.kb, set, {
    year: Number(day.slice(0, 4)),
    quarterly: deps.config.REMIND_QUARTERLY,
    items: { floodSeasonStart: deps.config.REMIND_FLOOD_SEASON_START ?? '04-01' },
  });
}

function toSet(m: MilestoneRow): SetMilestone {
  return { id: m.id, taskNo: m.taskNo, dueDate: m.dueDate, dueLabel: m.dueLabel, text: m.text, targetPercent: m.targetPercent };
}

/** A report as the reminders read it: filed at `at`, withdrawn at `gone` (ms; Infinity = live). */
interface SeenReport {
  r: StateReportRow;
  day: IsoDate;
  at: number;
  gone: number;
}

/** A quarterly check-in is met by any report filed in that quarter; other milestones by the
 * task-state rule's meetsMilestone (src/progress/state.ts). Only reports that existed at instant
 * `asOf` (ms) count: a preview of a past day must not see what was reported after it. */
export function isMetBy(reports: readonly StateReportRow[], revoked: readonly (StateReportRow & { revokedAt: string })[] = []) {
  // Each report's China date once: Intl formatting per check would dominate a busy year.
  const byTask = new Map<number, SeenReport[]>();
  const add = (r: StateReportRow, gone: number) => {
    const list = byTask.get(r.taskNo) ?? byTask.set(r.taskNo, []).get(r.taskNo)!;
    list.push({ r, day: chinaDate(new Date(r.createdAt)), at: Date.parse(r.createdAt), gone });
  };
  for (const r of reports) add(r, Infinity);
  for (const r of revoked) add(r, Date.parse(r.revokedAt));
  return (m: RemindMilestone, day: IsoDate, asOf = Infinity): boolean => {
    const rs = (byTask.get(m.taskNo) ?? []).filter((x) => x.day <= day && x.at <= asOf && x.gone > asOf);
    if (m.source === 'quarter') {
      const q = Math.ceil(Number(m.dueDate.slice(5, 7)) / 3);
      const start = `${m.dueDate.slice(0, 4)}-${String(q * 3 - 2).padStart(2, '0')}-01`;
      return rs.some((x) => x.day >= start);
    }
    return rs.some((x) => meetsMilestone({ taskNo: m.taskNo, dueDate: m.dueDate, targetPercent: m.targetPercent }, x.r));
  };
}

function platformOf(groupKey: string): string {
  return splitStoredKey(groupKey).platform;
}

/** What a run on a day sees. The live run: the present instant, the remind_since it keeps and
 * everything recorded. A preview of day D: D at REMIND_TIME, the remind_since the live run would
 * use on D, and what was recorded before D (see previewPlanner). */
export interface RunView {
  /** reports and /节点 milestones made after this instant do not exist yet */
  asOf: Date;
  /** the day reminders began (meta remind_since): misses before it are not announced */
  since: IsoDate;
  /** notice keys recorded before this run */
  sent(key: string): boolean;
}

/** Plans and composes the messages of `day` as `view` sees the store. Reads only. */
export function planMessages(deps: RemindDeps, day: IsoDate, view: RunView): ComposedMessage[] {
  return planner(deps)(day, view);
}

/** A planner over one read of the store (milestones, reports, subscriptions), for planning many
 * days at once (the dashboard's calendar). */
export function planner(deps: RemindDeps): (day: IsoDate, view: RunView) => ComposedMessage[] {
  const { db, calendar, config } = deps;
  const byYear = new Map<string, RemindMilestone[]>();
  const revoked = revokedReports(db);
  const isMet = isMetBy(liveStateReports(db), revoked);
  const subs = listSubscriptions(db);
  // Deleted ones too: a view of an earlier instant still has them.
  const setRows = allMilestones(db).map((m) => ({ m, at: Date.parse(m.createdAt), gone: m.deletedAt ? Date.parse(m.deletedAt) : Infinity }));
  // The latest report as of a view's instant. A view of now or later (the live run, the
  // calendar's days ahead) sees the latest report there is: one read per task for all of them.
  const present = deps.now().getTime();
  const latest = new Map<string, LatestReport | undefined>();
  const latestReport = (taskNo: number, asOf: Date) => {
    const future = asOf.getTime() >= present;
    const k = future ? `${taskNo}` : `${taskNo}@${asOf.toISOString()}`;
    if (!latest.has(k)) {
      const at = asOf.toISOString();
      let r: ReportRow | undefined = future ? latestReports(db, taskNo, 1)[0] : latestLiveReportAt(db, taskNo, at);
      if (!future)
        for (const x of revoked)
          if (x.taskNo === taskNo && x.createdAt <= at && x.revokedAt > at && (!r || x.createdAt >= r.createdAt)) r = x;
      latest.set(k, r ? { date: chinaDate(new Date(r.createdAt)), text: r.text, percent: r.percent, status: r.status } : undefined);
    }
    return latest.get(k);
  };
  const liaisons = new Map<string, Liaison[]>();
  const liaisonsOn = (unit: string, g: string) => {
    const k = `${platformOf(g)}\n${unit}`;
    if (!liaisons.has(k))
      liaisons.set(k, liaisonsOf(db, [unit]).filter((b) => b.platform === platformOf(g)).map((b) => ({ userId: b.userId, name: b.name ?? b.userId })));
    return liaisons.get(k)!;
  };
  const onSkip = (m: RemindMilestone, reason: string) => log.error('milestone skipped', { milestone: m.key, reason });
  const instructions = allInstructions(db);
  const taskOf = new Map(deps.kb.keyTasks.map((t) => [t.no, t]));
  return (day, view) => {
    // A closed (销号) item leaves the reminders from the instant it was closed until reopened.
    const closed = new Set(closedAt(db, view.asOf.toISOString()).keys());
    const asOfMs = view.asOf.getTime();
    const set = setRows.filter((x) => x.at <= asOfMs && x.gone > asOfMs).map((x) => toSet(x.m));
    // The quarterly check-ins depend on which /节点 milestones exist, so the cache key names them.
    const key = `${day.slice(0, 4)}:${set.map((m) => m.id).join(',')}`;
    const milestones = byYear.get(key) ?? byYear.set(key, milestonesFor(deps, day, set)).get(key)!;
    const open = closed.size ? milestones.filter((m) => !closed.has(m.taskNo)) : milestones;
    const notices = planDay(day, open, { calendar, isMet: (m, d) => isMet(m, d, asOfMs), alreadySent: view.sent, onSkip }, {
      leadDays: config.REMIND_LEAD_DAYS,
      escalateAfterWorkdays: config.REMIND_ESCALATE_WORKDAYS,
      catchUp: true,
      since: view.since,
    });
    notices.push(...instructionNotices(day, instructions, { calendar, task: (no) => taskOf.get(no), closed, asOf: view.asOf, sent: view.sent }));
    const byGroup = new Map<string, Notice[]>();
    for (const n of notices)
      for (const g of routeNotice(n, subs, { defaultGroup: config.REMIND_DEFAULT_GROUP, leadersGroup: config.REMIND_LEADERS_GROUP }))
        byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
    return [...byGroup.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([group, ns]) =>
        composeGroupMessages(group, day, mergeLadder(ns), {
          calendar,
          latestReport: (no) => latestReport(no, view.asOf),
          liaisons: liaisonsOn,
          ...(config.listUrl ? { listUrl: config.listUrl } : {}),
          ...(calendar.isProvisional(Number(day.slice(0, 4))) ? { note: PROVISIONAL_LINE } : {}),
        }),
      );
  };
}

/**
 * Previews that tell the truth: what the live run would send on a day, with the live run's own
 * rules. Days are planned as the run on that day would see the store: reports and milestones as
 * of its instant, the remind_since the live run keeps (set on its first run: a day before it, or
 * a store where it was never set, plans as that first run), and the dedupe against what was
 * recorded before that day. A day after today also needs what the runs between would send: the
 * previewer plans those workdays first and counts their notices as recorded. Ask for days in
 * ascending order (the dashboard's calendar does).
 */
export function previewPlanner(deps: RemindDeps): (day: IsoDate) => ComposedMessage[] {
  const plan = planner(deps);
  const recorded = noticeRunDates(deps.db);
  const kept = getMeta(deps.db, 'remind_since');
  const today = chinaDate(deps.now());
  const chained = new Set<string>();
  let through = addDays(today, -1);
  const planOne = (day: IsoDate): ComposedMessage[] => {
    const start = kept ?? (day > today ? today : day);
    const view: RunView = {
      asOf: runInstant(day, deps.config),
      since: start <= day ? start : day,
      sent: (k) => chained.has(k) || (recorded.get(k) ?? '9999') < day,
    };
    const msgs = plan(day, view);
    if (day >= today) for (const m of msgs) for (const n of m.notices) for (const k of [n.key, ...n.covers]) chained.add(k);
    return msgs;
  };
  return (day) => {
    // The runs from today up to the day before: each sends what falls due on it.
    for (let d = addDays(through, 1); d < day; d = addDays(d, 1)) if (deps.calendar.isWorkday(d)) planOne(d);
    if (day > through) through = day;
    return deps.calendar.isWorkday(day) ? planOne(day) : [];
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
  const view: RunView = { asOf: deps.now(), since, sent: (k) => noticeLogged(deps.db, k) };
  for (const m of planMessages(deps, day, view)) {
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
