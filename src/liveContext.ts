// The answer context of one question: the knowledge context of the active list, with a
// read-only view of the store (live questions) and the archived years (questions about an old
// year) layered over it. Built per question because it carries the asker's rights and the
// instant of the question; the knowledge context under it is shared (src/taskList.ts).
import { KB_YEAR } from '../knowledge/sources.ts';
import type { AnswerContext } from './answer/context.ts';
import { withLive } from './answer/liveView.ts';
import { catalogOf, type ItemCatalog, type ItemOptions } from './items/catalog.ts';
import { log } from './log.ts';
import { yearArchives } from './ledger/archiveView.ts';
import { dataYear } from './ledger/year.ts';
import { storeLiveView, type LiveAccess } from './progress/liveView.ts';
import type { Db } from './store/db.ts';

export interface AskContextOptions {
  /** the store; undefined: none here (answers say 暂无进展) */
  db: Db | undefined;
  now: Date;
  access: LiveAccess;
  /** the data directory, for its archived years */
  dataDir?: string;
  itemOptions?: ItemOptions;
}

function yearOf(db: Db | undefined, fallback: number): number {
  if (!db) return fallback;
  try {
    return dataYear(db);
  } catch {
    // a store without the meta table yet (older schema opened read-only)
    return fallback;
  }
}

export function askContext(base: AnswerContext, o: AskContextOptions): AnswerContext {
  let catalog: ItemCatalog;
  try {
    catalog = catalogOf(base.kb, o.itemOptions);
  } catch (err) {
    // lists the item addresses cannot number (a town outside the address table): the question is
    // still answered, from the documents
    log.warn('live view off: the lists cannot be numbered', { err: String(err) });
    return base;
  }
  const year = yearOf(o.db, KB_YEAR);
  const live = withLive(base, storeLiveView({ db: o.db, catalog, now: o.now, access: o.access, year }));
  const archives = o.dataDir ? yearArchives(o.dataDir, year, { access: o.access, now: o.now, ...(o.itemOptions ? { itemOptions: o.itemOptions } : {}) }) : undefined;
  return archives ? (Object.create(live, { archives: { value: archives, enumerable: true } }) as AnswerContext) : live;
}
