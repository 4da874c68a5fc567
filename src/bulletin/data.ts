// The store's week for the 督查专报: the board as it stood at the end of day `to` (the same
// state rule and reads as /汇总), the reports of the seven days, the milestones ahead. Reads only.
// Every list the bot supervises is in it, each counted on its own: the key tasks, the 民生实事
// sub-items, the town cells of their indicators and the 开局八好 measures (票决 projects are
// reported under their key tasks).
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';
import type { ItemKind } from '../items/address.ts';
import { catalogOf, labelOf, type SupervisedItem } from '../items/catalog.ts';
import { activeTaskList } from '../ledger/store.ts';
import { loadBoard } from '../progress/board.ts';
import { addDays, localMidnight } from '../progress/time.ts';
import type { Db } from '../store/db.ts';
import { reportsBetween } from '../store/reports.ts';
import { buildBulletin, weekOf, type BulletinInput, type BulletinItem, type BulletinModel } from './model.ts';

export const KEY_TASK_LIST = '重点工作任务';
/** The lists of the bulletin, in its order, with the names the export's summary uses. */
export const BULLETIN_LISTS: readonly { kind: ItemKind; name: string }[] = [
  { kind: 'key', name: KEY_TASK_LIST },
  { kind: 'livelihood', name: '民生实事' },
  { kind: 'indicator', name: '民生实事指标（镇街）' },
  { kind: 'measure', name: '开局八好' },
];
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
  const catalog = catalogOf({ ...kb, keyTasks: [...tasks] });
  const week = weekOf(to);
  const endOfDay = new Date(localMidnight(addDays(to, 1)) - 1);
  const asOf = endOfDay < deps.now ? endOfDay.toISOString() : undefined;
  const listed = BULLETIN_LISTS.map((l) => ({ ...l, xs: catalog.ofKind(l.kind) })).filter((l) => l.xs.length);
  const all = listed.flatMap((l) => l.xs);
  const board = loadBoard(db, all, to, false, asOf);
  const item = (x: SupervisedItem): BulletinItem => {
    const s = board.get(x.no)!;
    return {
      ref: labelOf(x),
      // a key task is named by its target, as before; other items by their short title
      title: (x.kind === 'key' ? x.target : x.title || x.target).replace(/[。；;，,]+$/, ''),
      leadUnits: x.leadUnits,
      leaders: x.leaders,
      state: s.state,
      reason: s.reason,
      upcoming: s.milestones.filter((m) => m.dueDate > to).map((m) => ({ dueDate: m.dueDate, dueLabel: m.dueLabel, text: m.text })),
    };
  };
  const lists = listed.map((l) => ({ name: l.name, items: l.xs.map(item) }));
  const listOf = new Map(listed.flatMap((l) => l.xs.map((x) => [x.no, { list: l.name, ref: labelOf(x) }] as const)));
  const reports = reportsBetween(db, new Date(localMidnight(week.from)).toISOString(), (asOf ?? deps.now.toISOString())).flatMap((r) => {
    const at = listOf.get(r.taskNo);
    return at ? [{ ...at, unit: r.unit, createdAt: r.createdAt, text: r.text, percent: r.percent, status: r.status }] : [];
  });
  return { ...week, office: deps.office ?? DEFAULT_OFFICE, lists, reports };
}

export function weeklyBulletin(deps: BulletinDeps): BulletinModel {
  return buildBulletin(bulletinInput(deps));
}
