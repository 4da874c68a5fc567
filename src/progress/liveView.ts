// The store as the answer engine reads it (src/answer/liveView.ts, LiveView): the board by the one
// state rule (loadBoard → judgeTask, as /滞后 and /汇总), the latest report with its reporter,
// and the asker's rights (as /进展 applies them). Read-only: only SELECTs, on a store that may
// be opened read-only (the CLI's `ask`, an archived year).
// The store's module first: its migrations list imports the table modules (items.ts among them),
// so a table module must not be the first of the cycle to load.
import '../store/db.ts';
import type { LiveMilestone, LiveReport, LiveStatus, LiveView } from '../answer/liveView.ts';
import type { ItemCatalog, SupervisedItem } from '../items/catalog.ts';
import type { Db } from '../store/db.ts';
import { latestAmounts } from '../store/items.ts';
import { latestReports } from '../store/reports.ts';
import { actingUnit, REPORT_ROLES, type Actor } from './access.ts';
import { documentMilestones, loadBoard, type BoardMilestone, type TaskStatus } from './board.ts';
import { localDate } from './time.ts';

/** Who asks: everything (leaders, 督查室, the operator's CLI), or a liaison's units. */
export interface LiveAccess {
  all: boolean;
  units: readonly string[];
}

export const READ_ALL: LiveAccess = { all: true, units: [] };

/** The rights of a chat sender, as /进展 and /滞后 read them. */
export function accessOf(actor: Pick<Actor, 'isAdmin' | 'leader' | 'units'>): LiveAccess {
  return { all: actor.isAdmin || actor.leader !== null, units: actor.units };
}

export interface LiveViewOptions {
  /** undefined: no database here; replies say 暂无进展 */
  db: Db | undefined;
  catalog: ItemCatalog;
  /** the instant of the question (the injected clock) */
  now: Date;
  access: LiveAccess;
  /** the year the store runs (dataYear); an archived year's view is judged on its last day at most */
  year: number;
  archived?: boolean;
}

function milestoneOf(m: BoardMilestone): LiveMilestone {
  return { dueDate: m.dueDate, ...(m.dueLabel ? { label: m.dueLabel } : {}), text: m.text, ...(m.from ? { from: m.from } : {}) };
}

export function storeLiveView(o: LiveViewOptions): LiveView {
  const clock = localDate(o.now);
  const yearEnd = `${o.year}-12-31`;
  const today = o.archived && clock > yearEnd ? yearEnd : clock;
  const db = o.db;
  const canSee = (x: SupervisedItem) => o.access.all || actingUnit({ platform: 'console', userId: '', name: '', isAdmin: false, leader: null, units: [...o.access.units] }, x, REPORT_ROLES) !== undefined;
  let amounts: Map<number, { amount: number }> | undefined;
  return {
    today,
    year: o.year,
    stored: db !== undefined,
    catalog: o.catalog,
    readsAll: o.access.all,
    canSee,
    milestones: (x) => documentMilestones(x).map(milestoneOf),
    status(items) {
      const out = new Map<number, LiveStatus>();
      if (!db) return out;
      const board = loadBoard(db, items, today);
      for (const x of items) {
        const s: TaskStatus = board.get(x.no)!;
        const judged = new Map(s.judged.map((j) => [j.milestone, j]));
        let amount: number | undefined;
        if (x.quota) amount = (amounts ??= latestAmounts(db)).get(x.no)?.amount;
        const st: LiveStatus = {
          state: s.state,
          reason: s.reason,
          reports: s.reports,
          ...(amount !== undefined ? { amount } : {}),
          milestones: s.milestones.map((m) => {
            const j = judged.get(m);
            return { ...milestoneOf(m), ...(j ? { outcome: j.outcome, ...(j.metOn ? { metOn: j.metOn } : {}) } : {}) };
          }),
        };
        // The latest report's words and reporter are read only for the items a reply shows: a
        // board-wide question judges every item but names few (one query each was most of its time).
        if (s.reports) {
          let latest: LiveReport | undefined;
          Object.defineProperty(st, 'latest', {
            enumerable: true,
            get: () => {
              if (latest) return latest;
              const r = latestReports(db, x.no, 1)[0];
              return (latest = r && { at: r.createdAt, userName: r.userName, unit: r.unit, text: r.text });
            },
          });
        }
        out.set(x.no, st);
      }
      return out;
    },
  };
}
