// The year of a data directory, and the switch to the next one (docs/部署与运维.md 八、跨年).
//
// Reports and user-set milestones are keyed by task number only, and every list renumbers from
// 1, so 2026's reports on 第28项 would show under 2027's 第28项. Rather than teach every query a
// year, the switch MOVES them: the whole database is first copied (online backup API) to
// DATA_DIR/archive/<year>.sqlite, read-only, with the year's task list beside it as
// <year>-tasks.json; only after the copy is verified to hold every report are the live reports
// and milestones removed, in the same transaction that activates the new list. The live store
// then holds only the new year; the archive holds the old year whole (answerable through
// openArchive, read by the answer engine through src/ledger/archiveView.ts). Bindings, subscriptions, webhooks, roles, the
// audit log and the delivery records stay: they are about people and groups, not about tasks.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { KB_YEAR } from '../../knowledge/sources.ts';
import type { Db } from '../store/db.ts';
import { prepared, writeTx } from '../store/db.ts';
import { getMeta } from '../store/outbox.ts';
import { parseStoredTasks, type LedgerTask } from './store.ts';

/** meta key: the year of the task list this data directory runs (absent: KB_YEAR). */
export const YEAR_KEY = 'ledger_year';
export const ARCHIVE_DIR = 'archive';

export function dataYear(db: Db): number {
  const v = getMeta(db, YEAR_KEY);
  return v ? Number(v) : KB_YEAR;
}

export function setMeta(db: Db, key: string, value: string): void {
  prepared(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Reports and milestones: what would attach to the wrong task under another year's list. */
export function yearContent(db: Db): { reports: number; milestones: number } {
  const n = (sql: string) => (prepared(db, sql).get() as { n: number }).n;
  return { reports: n('SELECT COUNT(*) AS n FROM reports'), milestones: n('SELECT COUNT(*) AS n FROM milestones') };
}

export function archivePaths(dataDir: string, year: number): { db: string; tasks: string } {
  const dir = join(resolve(dataDir), ARCHIVE_DIR);
  return { db: join(dir, `${year}.sqlite`), tasks: join(dir, `${year}-tasks.json`) };
}

/** Years archived in this data directory, oldest first. */
export function archivedYears(dataDir: string): number[] {
  const dir = join(resolve(dataDir), ARCHIVE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^(20\d{2})\.sqlite$/.exec(f)?.[1])
    .filter((y): y is string => !!y)
    .map(Number)
    .sort((a, b) => a - b);
}

export interface ArchivedYear {
  year: number;
  /** the archived store, read-only: reports, milestones, audit of that year (same schema) */
  db: Db;
  /** that year's task list */
  tasks: LedgerTask[];
  close(): void;
}

/** For questions about an archived year ("2026年第28项…", src/ledger/archiveView.ts): the year's task list and a
 * read-only store to read its reports with the usual functions (latestReports…). Undefined when
 * the year was not archived here. The caller closes it. */
export function openArchive(dataDir: string, year: number): ArchivedYear | undefined {
  const p = archivePaths(dataDir, year);
  if (!existsSync(p.db) || !existsSync(p.tasks)) return undefined;
  const db = new Database(p.db, { readonly: true, fileMustExist: true });
  const tasks = parseStoredTasks(readFileSync(p.tasks, 'utf8'), `${year}年归档的清单`);
  return { year, db, tasks, close: () => db.close() };
}

/** Writes the year's task list beside its archived store, read-only like it. */
export function writeArchiveTasks(dataDir: string, year: number, tasks: readonly LedgerTask[]): string {
  const p = archivePaths(dataDir, year);
  mkdirSync(resolve(p.tasks, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(p.tasks, JSON.stringify(tasks), { mode: 0o400 });
  chmodSync(p.tasks, 0o400);
  return p.tasks;
}

/** Clears the old year from the live store and starts the new one; run inside the transaction
 * that activates the new list. remind_since becomes the later of today and 1 January: nothing
 * of the new list was missed before it became active. */
export function startYear(db: Db, year: number, today: string): { reports: number; milestones: number } {
  return writeTx(db, () => {
    const moved = yearContent(db);
    prepared(db, 'DELETE FROM reports').run();
    prepared(db, 'DELETE FROM milestones').run();
    // The lists' side tables go with the year (they sit in the archive copy): report ids start
    // again from 1, and an old amount must not attach to a new report.
    prepared(db, 'DELETE FROM report_amounts').run();
    prepared(db, 'DELETE FROM item_keys').run();
    setMeta(db, YEAR_KEY, String(year));
    const jan1 = `${year}-01-01`;
    setMeta(db, 'remind_since', today > jan1 ? today : jan1);
    return moved;
  });
}
