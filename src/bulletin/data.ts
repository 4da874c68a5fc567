// The store's week for the 督查专报: the board as it stood at the end of day `to` (the same
// state rule and reads as /汇总), the reports of the seven days, the milestones ahead. Reads only.
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';
import { activeTaskList } from '../ledger/store.ts';
import { loadBoard } from '../progress/board.ts';
import { addDays, localMidnight } from '../progress/time.ts';
import type { Db } from '../store/db.ts';
import { reportsBetween } from '../store/reports.ts';
import { buildBulletin, weekOf, type BulletinInput, type BulletinItem, type BulletinModel } from './model.ts';

export const KEY_TASK_LIST = '重点工作任务';
export const DEFAULT_OFFICE = '汨罗市人民政府督查室';

export interface BulletinDeps {
  db: Db;
  kb: KnowledgeBase;
  /** the last day covered (local yyyy-mm-dd) */
  to: string;
  /** the present instant: a bulletin of today sees everything so far */
  now: Date;
  office?: string;
}

/** What buildBulletin needs, read from the store. A past `to` sees the board as it stood at the
 * end of that day (reports and milestones made later left out). */
export function bulletinInput(deps: BulletinDeps): BulletinInput {
  const { db, kb, to } = deps;
  const tasks: readonly KeyTask[] = activeTaskList(db) ?? kb.keyTasks;
  const week = weekOf(to);
  const endOfDay = new Date(localMidnight(addDays(to, 1)) - 1);
  const asOf = endOfDay < deps.now ? endOfDay.toISOString() : undefined;
  const board = loadBoard(db, tasks, to, false, asOf);
  const items: BulletinItem[] = tasks.map((t) => {
    const s = board.get(t.no)!;
    return {
      ref: `第${t.no}项`,
      title: t.target.replace(/[。；;，,]+$/, ''),
      leadUnits: t.leadUnits,
      leaders: t.leaders,
      state: s.state,
      reason: s.reason,
      upcoming: s.milestones.filter((m) => m.dueDate > to).map((m) => ({ dueDate: m.dueDate, dueLabel: m.dueLabel, text: m.text })),
    };
  });
  const known = new Set(tasks.map((t) => t.no));
  const reports = reportsBetween(db, new Date(localMidnight(week.from)).toISOString(), (asOf ?? deps.now.toISOString()))
    .filter((r) => known.has(r.taskNo))
    .map((r) => ({ list: KEY_TASK_LIST, ref: `第${r.taskNo}项`, unit: r.unit, createdAt: r.createdAt, text: r.text, percent: r.percent, status: r.status }));
  return { ...week, office: deps.office ?? DEFAULT_OFFICE, lists: [{ name: KEY_TASK_LIST, items }], reports };
}

export function weeklyBulletin(deps: BulletinDeps): BulletinModel {
  return buildBulletin(bulletinInput(deps));
}
