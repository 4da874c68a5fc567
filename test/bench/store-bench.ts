// npm run bench (store part): durable report writes per second, and /汇总 latency over a year
// of synthetic reports. Figures are printed, never asserted. Each figure comes with a baseline
// measured in the same process on the same disk (raw fsync rate; a full scan of the reports
// table), so machine speed cancels out of the ratios.
//   npx tsx test/bench/store-bench.ts [--quick]
import { closeSync, fdatasyncSync, fsyncSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { setLogLevel } from '../../src/log.ts';
import { route, type RouterDeps } from '../../src/router.ts';
import { appendAudit } from '../../src/store/audit.ts';
import { openDb, writeTx, type Db } from '../../src/store/db.ts';
import { markProcessed } from '../../src/store/processed.ts';
import { insertReport } from '../../src/store/reports.ts';
import type { IncomingMessage } from '../../src/types.ts';
import { routerDeps } from '../helpers/router.ts';

setLogLevel('error');
const QUICK = process.argv.includes('--quick');
const WRITE_SECONDS = QUICK ? 0.5 : 2;

const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'duban-bench-'));
const dirs: Db[] = [];
function freshDb(sync: 'FULL' | 'NORMAL' = 'FULL'): Db {
  const db = openDb(mkdtempSync(join(root, 'db-')), { synchronous: sync });
  dirs.push(db);
  return db;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(2)} ms`;
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Runs fn repeatedly for `seconds`, returns operations per second. */
function rate(seconds: number, fn: (i: number) => void): number {
  const t0 = performance.now();
  let i = 0;
  while (performance.now() - t0 < seconds * 1000) fn(i++);
  return i / ((performance.now() - t0) / 1000);
}

// ---- baseline: how many durable 4 KB writes per second this disk does --------------------------------
// Overwrites one block and fdatasync()s it, as SQLite does with a WAL that has reached its
// steady size: an upper bound for one-commit-per-write, whatever the database does.
function syncRate(seconds: number): number {
  const f = join(root, 'fsync-probe');
  const fd = openSync(f, 'w');
  const block = Buffer.alloc(4096, 1);
  writeSync(fd, block, 0, block.length, 0);
  fsyncSync(fd);
  const r = rate(seconds, () => {
    writeSync(fd, block, 0, block.length, 0);
    fdatasyncSync(fd);
  });
  closeSync(fd);
  unlinkSync(f);
  return r;
}

// ---- the rows one /进展 writes: report + audit + processed message, one transaction ---------------
const at = '2026-03-05T02:00:00.000Z';
function writeOne(db: Db, i: number): void {
  const row = insertReport(db, {
    taskNo: (i % 69) + 1, platform: 'feishu', userId: `u${i % 100}`, userName: `联络员${i % 100}`, unit: '住建局',
    text: `第${i}次填报：已开工建设120套，完成率30%`, percent: 30, status: null, chatId: 'g', messageId: `m${i}`, createdAt: at,
  });
  appendAudit(db, {
    at, platform: 'feishu', userId: row.userId, userName: row.userName, chatId: 'g', messageId: row.messageId,
    action: 'report.create', entity: 'report', entityId: String(row.id), before: null, after: row,
  });
  markProcessed(db, 'feishu', row.messageId, at, '已记录');
}

function perWriteTx(db: Db): number {
  return rate(WRITE_SECONDS, (i) => writeTx(db, () => writeOne(db, i)));
}

function groupCommit(db: Db, batch: number): number {
  let n = 0;
  const perBatch = rate(WRITE_SECONDS, () => {
    writeTx(db, () => {
      for (let k = 0; k < batch; k++) writeOne(db, n++);
    });
  });
  return perBatch * batch;
}

// ---- the full chat path: parse, permission, write, state, reply ---------------------------------------
const knowledge = knowledgeContext();
const tasks = knowledge.kb.keyTasks;
function deps(db: Db, now: Date): RouterDeps {
  return routerDeps({ knowledge, db, roles: { admins: new Set(['feishu:admin']), leaders: new Set(['feishu:boss']) }, now: () => now });
}
const msg = (userId: string, messageId: string, text: string, now: Date): IncomingMessage => ({
  platform: 'feishu', messageId, chatId: 'g', isDirect: false, userId, userName: userId, text, receivedAt: now,
});

async function routeRate(db: Db): Promise<number> {
  const d = deps(db, new Date(at));
  const t0 = performance.now();
  let i = 0;
  while (performance.now() - t0 < WRITE_SECONDS * 1000) {
    const r = await route(msg('admin', `r${i}`, `/进展 ${(i % 69) + 1} 第${i}次填报，完成率30%`, new Date(at)), d);
    if (!r.text.startsWith('已记录')) throw new Error(r.text);
    i++;
  }
  return i / ((performance.now() - t0) / 1000);
}

// ---- a year of reports: 100 units × 52 weeks, quarterly milestones on every task -----------------------
function seedYear(db: Db, units: number, weeks: number): number {
  const start = Date.parse('2026-01-05T02:00:00Z');
  let n = 0;
  writeTx(db, () => {
    const ins = db.prepare(
      `INSERT INTO reports (task_no, platform, user_id, user_name, unit, text, percent, status, chat_id, message_id, created_at)
       VALUES (?, 'feishu', ?, ?, ?, ?, ?, ?, 'g', ?, ?)`,
    );
    for (let w = 0; w < weeks; w++) {
      for (let u = 0; u < units; u++) {
        const taskNo = (u % tasks.length) + 1;
        const percent = Math.min(100, Math.round(((w + 1) / weeks) * 100 * (0.7 + (u % 7) * 0.05)));
        const status = u % 13 === 0 && w > 30 ? '滞后' : null;
        const created = new Date(start + w * 7 * 86_400_000 + u * 60_000).toISOString();
        ins.run(taskNo, `u${u}`, `联络员${u}`, `单位${u}`, `第${w + 1}周进展：完成率${percent}%`, percent, status, `y${w}-${u}`, created);
        n++;
      }
    }
    const ms = db.prepare(
      `INSERT INTO milestones (task_no, due_date, due_label, text, target_percent, unit, platform, user_id, user_name, chat_id, message_id, created_at)
       VALUES (?, ?, ?, ?, ?, '住建局', 'feishu', 'u', 'u', 'g', 'm', ?)`,
    );
    for (const t of tasks) {
      for (const [q, due] of [[1, '2026-03-31'], [2, '2026-06-30'], [3, '2026-09-30'], [4, '2026-12-31']] as const) {
        ms.run(t.no, due, `${q}季度末`, `第${q}季度目标`, q * 25 - (t.no % 5 === 0 ? 0 : 10), '2026-01-05T00:00:00Z');
      }
    }
  });
  return n;
}

async function latency(db: Db, text: string, user: string, rounds: number): Promise<number[]> {
  const now = new Date('2027-01-04T02:00:00Z'); // the year is over: every milestone is past due
  const d = deps(db, now);
  const out: number[] = [];
  for (let i = 0; i < rounds + 5; i++) {
    const t0 = performance.now();
    const r = await route(msg(user, `q${i}`, text, now), d);
    const dt = performance.now() - t0;
    if (/只有|不认识|出错/.test(r.text)) throw new Error(r.text);
    if (i >= 5) out.push(dt); // first five warm the JIT and the page cache
  }
  return out;
}

function scanBaseline(db: Db, rounds: number): number[] {
  const stmt = db.prepare('SELECT * FROM reports');
  const out: number[] = [];
  for (let i = 0; i < rounds + 5; i++) {
    const t0 = performance.now();
    stmt.all();
    if (i >= 5) out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  console.log('duban bench — progress store (better-sqlite3, WAL)');
  console.log(`data dir: ${root}${QUICK ? '   (--quick)' : ''}`);

  const fsyncs = syncRate(WRITE_SECONDS);
  console.log(`baseline: 4 KB overwrite + fdatasync on this disk ${fmt(fsyncs)} /s   (the ceiling for one commit per write)`);

  const full = perWriteTx(freshDb('FULL'));
  console.log(`report writes, own transaction, synchronous=FULL ${fmt(full)} /s   target ≥ 5,000 durable/s   (${(full / fsyncs).toFixed(2)}× the baseline)`);
  const viaRoute = await routeRate(freshDb('FULL'));
  console.log(`  … through route() (parse, permission, write, state, reply) ${fmt(viaRoute)} /s`);
  const normal = perWriteTx(freshDb('NORMAL'));
  console.log(`  for comparison, synchronous=NORMAL (survives kill -9, not power loss) ${fmt(normal)} /s`);
  for (const batch of [10, 100]) {
    console.log(`group commit: ${batch} reports per transaction, FULL  ${fmt(groupCommit(freshDb('FULL'), batch))} /s`);
  }

  const rounds = QUICK ? 20 : 100;
  for (const [units, weeks] of QUICK ? [[100, 52]] : [[100, 52], [1000, 52]]) {
    const db = freshDb('FULL');
    const t0 = performance.now();
    const n = seedYear(db, units!, weeks!);
    const seedMs = performance.now() - t0;
    console.log(`\na year of reports: ${units} units × ${weeks} weeks = ${fmt(n)} reports, ${tasks.length * 4} milestones (seeded in ${Math.round(seedMs)} ms)`);
    const base = scanBaseline(db, rounds);
    console.log(`  baseline SELECT * FROM reports:  p50 ${ms(pct(base, 50))}  p99 ${ms(pct(base, 99))}`);
    for (const [text, user] of [['/汇总', 'boss'], ['/汇总 单位', 'boss'], ['/滞后', 'boss'], ['/进展 28', 'boss']] as const) {
      const lat = await latency(db, text, user, rounds);
      console.log(
        `  ${text.padEnd(8, '　')} p50 ${ms(pct(lat, 50))}  p99 ${ms(pct(lat, 99))}  (${(pct(lat, 50) / pct(base, 50)).toFixed(2)}× baseline p50)`,
      );
    }
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const db of dirs) if (db.open) db.close();
    rmSync(root, { recursive: true, force: true });
  });
