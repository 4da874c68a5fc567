// Imported task lists (台账导入). Each import is one row of task_lists holding the whole list as
// JSON; exactly one row is active. The bot reads the active list instead of the bundled
// knowledge/data/key-tasks.json when there is one. Rows are never deleted: the history of
// imports stays, and re-activating an older list is one UPDATE pair.
import { z } from 'zod';
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';
import { prepared, writeTx, type Db } from '../store/db.ts';
import { LEDGER_MIGRATION } from './migration.ts';

export { LEDGER_MIGRATION } from './migration.ts';

/** Creates task_lists when missing (for a store whose MIGRATIONS do not include it yet). */
export function ensureLedgerSchema(db: Db): void {
  db.exec(LEDGER_MIGRATION.sql);
}

function hasTable(db: Db): boolean {
  return prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_lists'").get() !== undefined;
}

/** A task of an imported list: a KeyTask, plus the ledger's 时间节点 text when it had one. */
export interface LedgerTask extends KeyTask {
  deadline?: string;
}

export interface TaskListMeta {
  fileName: string;
  sha256: string;
  importedAt: string; // ISO instant
  importedBy?: string;
  summary?: string;
}

export interface TaskListRow {
  id: number;
  importedAt: string;
  fileName: string;
  sha256: string;
  taskCount: number;
  summary: string;
  importedBy: string;
  active: boolean;
}

// The stored list is our own JSON, but it outlives the code that wrote it (and `duban import`
// of an older build): checked once per import id, so a task never reaches the answer engine
// with a missing array or a number as text.
const strs = z.array(z.string());
export const ledgerTaskSchema = z.looseObject({
  no: z.number().int(),
  category: z.string(),
  subCategory: z.string(),
  target: z.string(),
  leaders: strs,
  leadUnits: strs,
  coUnits: strs,
  milestones: z.array(z.looseObject({ date: z.string(), label: z.string(), text: z.string(), from: z.string() })).optional(),
  source: z.looseObject({ doc: z.string(), title: z.string(), locator: z.string(), line: z.number() }),
  deadline: z.string().optional(),
});
const ledgerTasksSchema = z.array(ledgerTaskSchema);

/** The tasks of a stored list; throws a message naming the list and the first bad field. */
export function parseStoredTasks(json: string, what: string): LedgerTask[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`${what}：任务清单不是有效的 JSON，请重新导入`);
  }
  const r = ledgerTasksSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`${what}：任务清单格式不对（${i.path.join('.') || '整体'}：${i.message}），请重新导入`);
  }
  // `source.doc` is checked as text; the DocId union is the ingest's, not the wire's.
  return r.data as unknown as LedgerTask[];
}

const cache = new WeakMap<Db, { id: number; tasks: LedgerTask[] }>();

/** The active imported list, or undefined when none was imported (or the table is missing). */
export function activeTaskList(db: Db): LedgerTask[] | undefined {
  if (!hasTable(db)) return undefined;
  const head = prepared(db, 'SELECT id FROM task_lists WHERE active = 1').get() as { id: number } | undefined;
  if (!head) return undefined;
  const hit = cache.get(db);
  if (hit && hit.id === head.id) return hit.tasks;
  const row = prepared(db, 'SELECT tasks FROM task_lists WHERE id = ?').get(head.id) as { tasks: string };
  const tasks = parseStoredTasks(row.tasks, `导入的清单 #${head.id}`);
  cache.set(db, { id: head.id, tasks });
  return tasks;
}

/** The knowledge base with the active imported list in place of the bundled key tasks. */
export function withActiveTasks(kb: KnowledgeBase, db: Db): KnowledgeBase {
  const active = activeTaskList(db);
  return active ? { ...kb, keyTasks: active } : kb;
}

export function listTaskLists(db: Db): TaskListRow[] {
  if (!hasTable(db)) return [];
  return (
    prepared(db,
      `SELECT id, imported_at AS importedAt, file_name AS fileName, sha256, task_count AS taskCount, summary,
         imported_by AS importedBy, active FROM task_lists ORDER BY id`,
    ).all() as (Omit<TaskListRow, 'active'> & { active: number })[]
  ).map((r) => ({ ...r, active: r.active === 1 }));
}

/** Checks the list before it is stored: numbers positive, unique; every task with a target,
 * a leader and a lead unit. Throws with every problem named. */
export function validateTaskList(tasks: readonly LedgerTask[]): void {
  const problems: string[] = [];
  if (tasks.length === 0) problems.push('清单为空');
  const seen = new Set<number>();
  for (const t of tasks) {
    if (!Number.isInteger(t.no) || t.no <= 0) problems.push(`序号“${t.no}”不是正整数`);
    else if (seen.has(t.no)) problems.push(`序号${t.no}重复`);
    seen.add(t.no);
    if (!t.target) problems.push(`第${t.no}项缺少目标任务`);
    if (t.leadUnits.length === 0) problems.push(`第${t.no}项缺少牵头单位`);
    // The last line of defence against a spreadsheet value that was not text (see readCell in
    // import.ts): it would otherwise be answered, reminded and exported as "[object Object]".
    const texts: unknown[] = [t.category, t.subCategory, t.target, t.deadline ?? '', ...t.leaders, ...t.leadUnits, ...t.coUnits];
    if (texts.some((x) => typeof x !== 'string' || x.includes('[object '))) problems.push(`第${t.no}项有字段不是文字（如“[object Object]”）`);
  }
  if (problems.length) throw new Error(`清单无法保存：${problems.slice(0, 10).join('；')}${problems.length > 10 ? `等${problems.length}处` : ''}`);
}

/** Stores `tasks` as the active list in one transaction: the previous list is deactivated and
 * the new one inserted, or (on any error) nothing changes. Returns the new row id. */
export function applyImport(db: Db, tasks: readonly LedgerTask[], meta: TaskListMeta): number {
  ensureLedgerSchema(db);
  return writeTx(db, () => {
    prepared(db, 'UPDATE task_lists SET active = 0 WHERE active = 1').run();
    validateTaskList(tasks);
    const info = prepared(db,
      `INSERT INTO task_lists (imported_at, file_name, sha256, task_count, tasks, summary, imported_by, active)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    ).run(meta.importedAt, meta.fileName, meta.sha256, tasks.length, JSON.stringify(tasks), meta.summary ?? '', meta.importedBy ?? 'cli');
    return Number(info.lastInsertRowid);
  });
}
