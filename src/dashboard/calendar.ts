// The reminder calendar page. Planning 20 workdays runs the reminder planner over every task
// (≈ 6 s for a 10,000-task list): done on the request path it would stall the webhooks sharing
// this process, and one day's plan is already far above 50 ms, so slicing on the main thread
// cannot help. The planning therefore runs in a worker thread (calendarWorker.ts) with its own
// read-only connection to the same database file. The main thread only keeps the result, keyed
// by (store version, day, ten-minute slot, knowledge base):
//  - the current result is served at once;
//  - otherwise a computation is started (or joined) and the request waits for it without
//    blocking, up to waitMs; past that it gets the last calendar with a note that it is being
//    refreshed, or a "正在计算…" page that reloads itself (no script: a meta refresh).
// One computation at a time; requests for newer data while one runs coalesce into one next run.
// A database without a file (':memory:', tests) is planned inline as before.
import { Worker } from 'node:worker_threads';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { activeTaskList } from '../ledger/store.ts';
import { storeVersion } from '../ledger/status.ts';
import { log } from '../log.ts';
import { clip } from '../progress/format.ts';
import { shortDate, shortDateTime } from '../progress/time.ts';
import { CalendarYearMissing } from '../remind/calendar.ts';
import type { RemindConfig } from '../remind/config.ts';
import { addDays, weekday } from '../remind/dates.ts';
import { previewPlanner } from '../remind/runner.ts';
import type { Db } from '../store/db.ts';
import { esc, page } from './html.ts';
import type { PageCtx } from './pages.ts';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];
export const CALENDAR_DAYS = 28;
/** how long a calendar request waits (asynchronously) for a computation before it is answered
 * with the last calendar or the "正在计算…" page */
export const CALENDAR_WAIT_MS = 5000;
const REFRESH_SECONDS = 3;

/** The page's inputs: the dashboard's own context, less the request. */
export type CalendarInput = Pick<PageCtx, 'db' | 'kb' | 'calendar' | 'remindConfig' | 'now' | 'today'>;

const sub = (now: Date) => `截至${shortDateTime(now.toISOString())}　状态口径同 /汇总`;

/** The page, planned synchronously. Runs in the worker (or inline for an in-memory store). */
export function renderCalendar(input: CalendarInput): string {
  const { db, calendar: cal, remindConfig: config, now, today } = input;
  const kb = { ...input.kb, keyTasks: activeTaskList(db) ?? input.kb.keyTasks };
  // The live run's own rules (remind_since, reports as of each day, what was already sent).
  const plan = previewPlanner({ db, kb, calendar: cal, config, now: () => now });
  const days: string[] = [];
  let total = 0;
  for (let i = 0; i < CALENDAR_DAYS; i++) {
    const day = addDays(today, i);
    const label = `${shortDate(day)} 周${WEEK[weekday(day)]}`;
    let workday: boolean;
    try {
      workday = cal.isWorkday(day);
    } catch (err) {
      if (!(err instanceof CalendarYearMissing)) throw err;
      days.push(`<div class="day rest"><b>${esc(label)}</b> <span class="muted">${esc(err.message)}</span></div>`);
      continue;
    }
    if (!workday) {
      days.push(`<div class="day rest"><b>${esc(label)}</b> 休息日，不发提醒</div>`);
      continue;
    }
    const msgs = plan(day);
    total += msgs.length;
    const items = msgs
      .map((m) => {
        const kinds = [...new Set(m.notices.map((n) => ({ reminder: '节点提醒', overdue: '逾期提醒', escalation: '逾期督办', instruction: '批示未签收' })[n.kind]))].join('、');
        return `<details><summary>${esc(m.group)}：${esc(kinds)} ${m.tasks.length}项（${esc(clip(m.tasks.join('、'), 40))}）</summary><pre>${esc(m.text)}</pre></details>`;
      })
      .join('');
    days.push(`<div class="day" data-day="${day}"><b>${esc(label)}</b> ${msgs.length ? `${msgs.length}条消息` : '<span class="muted">无提醒</span>'}${items}</div>`);
  }
  const body = `<section><h2>未来4周的提醒（${total}条）</h2><p class="muted">按当前节点和进展预排；届时若已填报达标的进展，提醒会自动取消。提醒时间每天 ${esc(config.REMIND_TIME)}。</p>${days.join('')}</section>`;
  return page('提醒日历', sub(now), '/dashboard/calendar', body);
}

// ---- the worker ------------------------------------------------------------------------------

/** What the worker needs to rebuild the inputs on its side: it opens `dbFile` read-only and
 * builds the work calendar from remindConfig.CALENDAR_FILE, as openCore does (src/app.ts). */
export interface WorkerJob {
  id: number;
  dbFile: string;
  /** the knowledge base travels once per (identity, keyTasks stripped); later jobs name it only */
  kbId: string;
  kb?: KnowledgeBase;
  remindConfig: RemindConfig;
  nowMs: number;
  today: string;
}
export type WorkerReply = ({ id: number } & PageBytes) | { id: number; error: string };

/** A rendered page as UTF-8 bytes with the offsets just after `<head>` and `<main>`, where the
 * refreshing note goes. A 10,000-task calendar is tens of megabytes: as bytes it crosses from the
 * worker by transfer (no copy, no string to rebuild on the main thread) and is written to the
 * socket as is. */
export interface PageBytes {
  bytes: Uint8Array;
  headEnd: number;
  mainEnd: number;
}

export function pageBytes(html: string): PageBytes {
  const bytes = new TextEncoder().encode(html);
  const at = (tag: string) => {
    const i = html.indexOf(tag);
    return i < 0 ? 0 : Buffer.byteLength(html.slice(0, i + tag.length));
  };
  return { bytes, headEnd: at('<head>'), mainEnd: at('<main>') };
}

let worker: Worker | undefined;
let nextId = 1;
const kbIds = new WeakMap<KnowledgeBase, number>();
let nextKbId = 1;
/** the kbId the current worker holds */
let workerKb: string | undefined;
const waiting = new Map<number, { resolve: (page: PageBytes) => void; reject: (err: Error) => void }>();

function failAll(err: Error): void {
  for (const w of waiting.values()) w.reject(err);
  waiting.clear();
  worker = undefined;
  workerKb = undefined;
}

function getWorker(): Worker {
  if (worker) return worker;
  // A plain .mjs entry that loads the TypeScript worker through tsx, so the same file works
  // under `tsx src/main.ts`, vitest and the bench.
  const w = new Worker(new URL('./calendarWorker.mjs', import.meta.url));
  // the worker must never keep the process (CLI, tests) alive on its own
  w.unref();
  w.on('message', (m: WorkerReply) => {
    const p = waiting.get(m.id);
    if (!p) return;
    waiting.delete(m.id);
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m);
  });
  w.on('error', (err) => {
    log.error('calendar worker failed', { error: err.message });
    failAll(err);
  });
  w.on('exit', (code) => {
    if (worker === w) failAll(new Error(`提醒日历计算进程退出（${code}）`));
  });
  worker = w;
  return w;
}

function inWorker(job: Omit<WorkerJob, 'id' | 'kbId' | 'kb'>, kb: KnowledgeBase, taskListActive: boolean): Promise<PageBytes> {
  const id = nextId++;
  let n = kbIds.get(kb);
  if (n === undefined) kbIds.set(kb, (n = nextKbId++));
  const kbId = `${n}:${taskListActive ? 'stripped' : 'full'}`;
  const w = getWorker();
  // With an active list the worker reads it from the store itself: 10,000 tasks would otherwise
  // be copied to it with the knowledge base.
  const send = workerKb === kbId ? undefined : taskListActive ? { ...kb, keyTasks: [] } : kb;
  workerKb = kbId;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ ...job, id, kbId, kb: send } satisfies WorkerJob);
  });
}

/** Stops the worker (tests and shutdown); the next calendar request starts a new one. */
export async function stopCalendarWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  workerKb = undefined;
  if (w) await w.terminate();
}

// ---- the cache -------------------------------------------------------------------------------

interface Job {
  key: string;
  kb: KnowledgeBase;
  input: CalendarInput;
  done: Promise<void>;
  resolve: () => void;
}

interface CalendarState {
  last?: { key: string; kb: KnowledgeBase; page: PageBytes };
  lastError?: { key: string; message: string };
  running?: Job;
  next?: Job;
}

const states = new WeakMap<Db, CalendarState>();

function fileOf(db: Db): string | undefined {
  return db.memory || !db.name ? undefined : db.name;
}

async function compute(input: CalendarInput): Promise<PageBytes> {
  const dbFile = fileOf(input.db);
  if (!dbFile) return pageBytes(renderCalendar(input));
  return inWorker({ dbFile, remindConfig: input.remindConfig, nowMs: input.now.getTime(), today: input.today }, input.kb, !!activeTaskList(input.db));
}

async function pump(st: CalendarState): Promise<void> {
  while (st.next) {
    const job = st.next;
    st.next = undefined;
    st.running = job;
    try {
      st.last = { key: job.key, kb: job.kb, page: await compute(job.input) };
      st.lastError = undefined;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.error('reminder calendar failed', { error: message });
      st.lastError = { key: job.key, message };
    } finally {
      st.running = undefined;
      job.resolve();
    }
  }
}

/** Starts (or joins) the computation of `key`; resolves when a result for it, or for a newer
 * key that superseded it, is stored. */
function want(st: CalendarState, key: string, input: CalendarInput): Promise<void> {
  const same = (j?: Job) => j && j.key === key && j.kb === input.kb;
  if (same(st.running)) return st.running!.done;
  if (st.next) {
    // coalesce: the queued run takes the newest inputs; its waiters get the newer result
    Object.assign(st.next, { key, kb: input.kb, input });
    return st.next.done;
  }
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  st.next = { key, kb: input.kb, input, done, resolve };
  if (!st.running) void pump(st);
  return done;
}

/** true while a calendar computation for this store is running or queued */
export function calendarBusy(db: Db): boolean {
  const st = states.get(db);
  return !!(st?.running || st?.next);
}

export interface CalendarPage {
  status: number;
  html: string | Buffer;
}

const asBuffer = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export async function calendarPage(input: CalendarInput, waitMs = CALENDAR_WAIT_MS): Promise<CalendarPage> {
  const key = `${storeVersion(input.db)}:${input.today}:${input.now.toISOString().slice(0, 15)}`;
  let st = states.get(input.db);
  if (!st) states.set(input.db, (st = {}));
  const current = () => st.last && st.last.key === key && st.last.kb === input.kb;
  if (current()) return { status: 200, html: asBuffer(st.last!.page.bytes) };
  const done = want(st, key, input);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
  clearTimeout(timer);
  if (current()) return { status: 200, html: asBuffer(st.last!.page.bytes) };
  if (st.lastError?.key === key)
    return { status: 500, html: page('提醒日历', sub(input.now), '/dashboard/calendar', `<section><h2 data-error>提醒日历暂时无法计算</h2><p>${esc(st.lastError.message)}</p><p class="muted">稍后刷新重试。</p></section>`) };
  const refresh = `<meta http-equiv="refresh" content="${REFRESH_SECONDS}">`;
  if (st.last && st.last.kb === input.kb) {
    const { bytes, headEnd, mainEnd } = st.last.page;
    const b = asBuffer(bytes);
    const note = '<section class="muted" data-refreshing>数据有更新，正在重新计算提醒日历…以下是上一次的计算结果，页面会自动刷新。</section>';
    return { status: 200, html: Buffer.concat([b.subarray(0, headEnd), Buffer.from(refresh), b.subarray(headEnd, mainEnd), Buffer.from(note), b.subarray(mainEnd)]) };
  }
  const body = `<section><h2 data-computing>正在计算…</h2><p class="muted">正在按当前节点和进展预排未来4周的提醒，任务多时需要一些时间。页面会自动刷新。</p></section>`;
  return { status: 200, html: page('提醒日历', sub(input.now), '/dashboard/calendar', body).replace('<head>', `<head>${refresh}`) };
}
