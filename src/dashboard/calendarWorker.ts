// The reminder calendar's worker thread: plans the calendar page for each job it is sent, over
// its own read-only connection to the bot's database file (see calendar.ts for why).
import { parentPort } from 'node:worker_threads';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { buildCalendar, loadOverride, type WorkCalendar } from '../remind/calendar.ts';
import { openDbFile, type Db } from '../store/db.ts';
import { pageBytes, renderCalendar, type WorkerJob, type WorkerReply } from './calendar.ts';

if (!parentPort) throw new Error('calendarWorker.ts runs only as a worker thread');
const port = parentPort;

const dbs = new Map<string, Db>();
const calendars = new Map<string, WorkCalendar>();
let kb: { id: string; kb: KnowledgeBase } | undefined;

port.on('message', (job: WorkerJob) => {
  try {
    let db = dbs.get(job.dbFile);
    if (!db) dbs.set(job.dbFile, (db = openDbFile(job.dbFile, { readonly: true })));
    const calFile = job.remindConfig.CALENDAR_FILE ?? '';
    let calendar = calendars.get(calFile);
    if (!calendar) calendars.set(calFile, (calendar = buildCalendar(loadOverride(calFile || undefined))));
    if (job.kb) kb = { id: job.kbId, kb: job.kb };
    if (kb?.id !== job.kbId) throw new Error('提醒日历计算进程缺少知识库数据');
    const page = pageBytes(renderCalendar({ db, kb: kb.kb, calendar, remindConfig: job.remindConfig, now: new Date(job.nowMs), today: job.today }));
    // transferred, not copied: the main thread gets the bytes without work of its own
    port.postMessage({ id: job.id, ...page } satisfies WorkerReply, [page.bytes.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies WorkerReply);
  }
});
