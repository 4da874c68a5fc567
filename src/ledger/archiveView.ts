// The archived years of a data directory as the answer engine reads them (src/answer/archive.ts):
// each year's task list (archive/<year>-tasks.json) over the bundled documents, and a read-only
// view of its store (archive/<year>.sqlite) judged by the same state rule, on the year's last
// day at most. Opened on the first question about that year and kept for the process: an archive
// never changes (it is written once, read-only, by `duban year`).
import { loadKnowledge } from '../../knowledge/load.ts';
import { buildContext, type AnswerContext } from '../answer/context.ts';
import type { YearArchives } from '../answer/archive.ts';
import { withLive } from '../answer/liveView.ts';
import { catalogOf, type ItemOptions } from '../items/catalog.ts';
import { storeLiveView, type LiveAccess } from '../progress/liveView.ts';
import { archivedYears, openArchive, type ArchivedYear } from './year.ts';

interface Opened {
  archive: ArchivedYear;
  ctx: AnswerContext;
}

const opened = new Map<string, Opened | null>();

function open(dataDir: string, year: number): Opened | null {
  const key = `${dataDir}\u0000${year}`;
  let o = opened.get(key);
  if (o === undefined) {
    const archive = openArchive(dataDir, year);
    o = archive ? { archive, ctx: buildContext({ ...loadKnowledge(), keyTasks: archive.tasks }) } : null;
    opened.set(key, o);
  }
  return o;
}

/** The archives of `dataDir` for one question: the asker's rights apply to old reports too. */
export function yearArchives(dataDir: string, current: number, o: { access: LiveAccess; now: Date; itemOptions?: ItemOptions }): YearArchives | undefined {
  const years = archivedYears(dataDir).filter((y) => y !== current);
  if (!years.length) return undefined;
  return {
    current,
    years,
    context(year) {
      const a = open(dataDir, year);
      if (!a) return undefined;
      const catalog = catalogOf(a.ctx.kb, o.itemOptions);
      return withLive(a.ctx, storeLiveView({ db: a.archive.db, catalog, now: o.now, access: o.access, year, archived: true }));
    },
  };
}

/** Closes every archive opened (tests that delete their data directory). */
export function closeArchives(): void {
  for (const o of opened.values()) o?.archive.close();
  opened.clear();
}
