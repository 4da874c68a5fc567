// Ledger export and dashboard overview on a year of data: 1,000 synthetic tasks (an imported
// list), 52 weekly reports each, a milestone per quarter. Figures printed, never asserted; each
// has a baseline measured in the same process (JSON.stringify of the same rows), so machine
// speed cancels out. Run alone: npx tsx test/bench/ledger-bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadKnowledge } from '../../knowledge/load.ts';
import { cookieValue, COOKIE_NAME } from '../../src/dashboard/auth.ts';
import { stopCalendarWorker } from '../../src/dashboard/calendar.ts';
import { dashboardHandler } from '../../src/dashboard/index.ts';
import type { HttpRequest } from '../../src/http/server.ts';
import { exportWorkbook } from '../../src/ledger/export.ts';
import { latestReport, ledgerView } from '../../src/ledger/status.ts';
import { loadBoard } from '../../src/progress/board.ts';
import { applyImport, ensureLedgerSchema, type LedgerTask } from '../../src/ledger/store.ts';
import { setLogLevel } from '../../src/log.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { openDb, writeTx } from '../../src/store/db.ts';
import { insertMilestone } from '../../src/store/milestones.ts';
import { insertReport } from '../../src/store/reports.ts';

const TASKS = 1000;
const WEEKS = 52;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time<T>(fn: () => T | Promise<T>, runs: number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function benchLedger(): Promise<void> {
  setLogLevel('warn');
  const dir = mkdtempSync(join(tmpdir(), 'duban-ledger-bench-'));
  const db = openDb(dir, { synchronous: 'NORMAL' });
  ensureLedgerSchema(db);
  try {
    const kb = loadKnowledge();
    const tasks: LedgerTask[] = Array.from({ length: TASKS }, (_, i) => {
      const src = kb.keyTasks[i % kb.keyTasks.length]!;
      return { ...src, no: i + 1, source: { ...src.source, locator: `合成 第${i + 2}行`, line: i + 2 } };
    });
    applyImport(db, tasks, { fileName: 'bench.xlsx', sha256: '0'.repeat(64), importedAt: '2026-01-05T00:00:00Z' });
    const seedStart = performance.now();
    writeTx(db, () => {
      for (const t of tasks) {
        for (let q = 1; q <= 4; q++)
          insertMilestone(db, {
            taskNo: t.no, dueDate: `2026-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}`, dueLabel: `${q * 3}月底`, text: `完成${q * 25}%`,
            targetPercent: q * 25, unit: t.leadUnits[0] ?? '督查室', platform: 'feishu', userId: 'u', userName: '联络员', chatId: 'g', messageId: `ms-${t.no}-${q}`, createdAt: '2026-01-05T00:00:00Z',
          });
        for (let w = 0; w < WEEKS; w++) {
          const at = new Date(Date.UTC(2026, 0, 5 + 7 * w, 2)).toISOString();
          const lag = t.no % 10 === 0 && w > 20;
          insertReport(db, {
            taskNo: t.no, platform: 'feishu', userId: `u${t.no}`, userName: '联络员', unit: t.leadUnits[0] ?? '督查室',
            text: `第${w + 1}周：按计划推进，完成阶段性工作`, percent: lag ? 20 : Math.min(99, Math.round((w + 1) * 1.9)), status: lag ? '滞后' : null,
            chatId: 'g', messageId: `m-${t.no}-${w}`, createdAt: at,
          });
        }
      }
    });
    const seedMs = performance.now() - seedStart;
    const today = '2026-12-28';
    const now = new Date('2026-12-28T02:00:00Z');

    // export vs. JSON.stringify of the same rows (task, state, next milestone, latest report)
    const exportMs = await time(() => exportWorkbook({ db, kb, today }), 3);
    const buf = await exportWorkbook({ db, kb, today });
    const lv = ledgerView(db, kb, tasks, today);
    const rows = tasks.map((t) => ({ ...t, state: lv.views.get(t.no)?.state, next: lv.views.get(t.no)?.next, latest: latestReport(db, t.no) }));
    const exportBase = await time(() => JSON.stringify(rows), 3);
    const boardMs = await time(() => loadBoard(db, tasks, today), 5);

    // overview: the handler's server time (the request never leaves the process)
    const secret = 'bench-secret-0123456789';
    // the calendar request waits for its worker here, so its time is the whole computation
    const handler = dashboardHandler({ db, kb, calendar: buildCalendar(), remindConfig: remindConfig({}), now: () => now, secret, calendarWaitMs: 600_000 });
    const exp = Math.floor(now.getTime() / 1000) + 3600;
    const req = (path: string): HttpRequest => ({ method: 'GET', path, query: new URLSearchParams(), headers: { cookie: `${COOKIE_NAME}=${cookieValue(secret, 'admin', exp)}` }, body: Buffer.alloc(0) });
    let n = 0;
    const write = () =>
      insertReport(db, { taskNo: 1, platform: 'feishu', userId: 'u1', userName: '联络员', unit: '发改局', text: '补报', percent: 50, status: null, chatId: 'g', messageId: `w-${n++}`, createdAt: '2026-12-28T01:00:00Z' });
    for (let i = 0; i < 3; i++) handler(req('/dashboard')); // warm-up
    const warmMs = await time(() => handler(req('/dashboard')), 20);
    const coldMs = await time(() => (write(), handler(req('/dashboard'))), 10);
    const size = String((await handler(req('/dashboard'))).body ?? '').length;
    const vrows = [...ledgerView(db, kb, tasks, today).views.values()].map((v) => ({ no: v.task.no, state: v.state, next: v.next, units: v.task.leadUnits }));
    const overviewBase = await time(() => JSON.stringify(vrows), 20);
    const unitsMs = await time(() => handler(req('/dashboard/units')), 10);
    write();
    const calendarCold = await time(() => handler(req('/dashboard/calendar')), 1);
    const calendarWarm = await time(() => handler(req('/dashboard/calendar')), 5);

    const f = (x: number) => `${x.toFixed(1)} ms`;
    console.log('duban bench — ledger export and dashboard');
    console.log(`data: ${TASKS} tasks, ${TASKS * WEEKS} reports, ${TASKS * 4} milestones (seeded in ${f(seedMs)})`);
    console.log(`export workbook:          ${f(exportMs)}  (${(buf.length / 1024).toFixed(0)} KiB)   target < 2000 ms`);
    console.log(`  baseline JSON.stringify of the same ${rows.length} rows: ${f(exportBase)}   ratio ${(exportMs / Math.max(0.01, exportBase)).toFixed(0)}×`);
    console.log(`  of which loadBoard (the /汇总 state rule over ${TASKS * WEEKS} reports): ${f(boardMs)}`);
    console.log(`dashboard overview, warm: ${f(warmMs)}  (${(size / 1024).toFixed(0)} KiB HTML)   target < 50 ms`);
    console.log(`dashboard overview, cold: ${f(coldMs)}  (first request after a write: recomputes every state)`);
    console.log(`  baseline JSON.stringify of the same rows: ${f(overviewBase)}   ratio warm ${(warmMs / Math.max(0.01, overviewBase)).toFixed(1)}×`);
    console.log(`dashboard by unit, warm:  ${f(unitsMs)}`);
    console.log(`reminder calendar (28 days, in its worker thread): cold ${f(calendarCold)} (incl. starting the worker), warm ${f(calendarWarm)}`);
  } finally {
    await stopCalendarWorker();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchLedger();
