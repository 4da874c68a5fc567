// The store side of the supervised lists (src/items/): which address an item number stood for
// when it was first written, and the quantity a report gives for an item with a number to reach
// (a town's indicator cell: 白塘镇 8 座 → 已报 2 座). Reports and milestones of every kind live in
// the reports and milestones tables under the item's number (src/items/address.ts), so undo,
// edit, audit, idempotency and the state rule are the ones the key tasks have.
import type { Migration } from './db.ts';
import { prepared, type Db } from './db.ts';

/** Schema version 7 (idempotent SQL, like the ledger migration). No foreign key to reports on purpose: a later migration may rebuild the
 * reports table (renaming it would re-point or break a reference). */
export const ITEMS_MIGRATION: Migration = {
  version: 7,
  name: 'item_keys, report_amounts: every supervised list (民生实事, 镇街指标, 开局八好)',
  sql: `
    -- The address an item number was first written under (民生6.1, 指标43 白塘镇, 八好1.4): the
    -- record keeps its meaning even if a later data file numbers the list differently.
    CREATE TABLE IF NOT EXISTS item_keys (
      no        INTEGER PRIMARY KEY CHECK (no >= 1000000),
      address   TEXT NOT NULL UNIQUE,
      kind      TEXT NOT NULL CHECK (kind IN ('livelihood', 'voted', 'indicator', 'measure')),
      title     TEXT NOT NULL,
      first_at  TEXT NOT NULL
    );
    -- The quantity a report states for an item with a numeric quota (cumulative: the latest
    -- live report's amount is what the town has done so far).
    CREATE TABLE IF NOT EXISTS report_amounts (
      report_id INTEGER PRIMARY KEY,
      amount    REAL NOT NULL CHECK (amount >= 0 AND amount < 1e12),
      unit      TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 10)
    );
  `,
};

export function recordItemKey(db: Db, k: { no: number; address: string; kind: string; title: string }, at: string): void {
  prepared(db, 'INSERT OR IGNORE INTO item_keys (no, address, kind, title, first_at) VALUES (?, ?, ?, ?, ?)').run(k.no, k.address, k.kind, k.title, at);
}

export function setReportAmount(db: Db, reportId: number, amount: number, unit: string): void {
  prepared(db, 'INSERT INTO report_amounts (report_id, amount, unit) VALUES (?, ?, ?) ON CONFLICT (report_id) DO UPDATE SET amount = excluded.amount, unit = excluded.unit').run(reportId, amount, unit);
}

export function clearReportAmount(db: Db, reportId: number): void {
  prepared(db, 'DELETE FROM report_amounts WHERE report_id = ?').run(reportId);
}

export function reportAmount(db: Db, reportId: number): number | null {
  const r = prepared(db, 'SELECT amount FROM report_amounts WHERE report_id = ?').get(reportId) as { amount: number } | undefined;
  return r?.amount ?? null;
}

/** The latest live report's amount of each item that has one (item number → amount). */
export function latestAmounts(db: Db): Map<number, { amount: number; at: string }> {
  const rows = prepared(db, `SELECT r.task_no AS no, a.amount AS amount, r.created_at AS at FROM report_amounts a JOIN reports r ON r.id = a.report_id
    WHERE r.revoked_at IS NULL ORDER BY r.task_no, r.created_at, r.id`).all() as { no: number; amount: number; at: string }[];
  const out = new Map<number, { amount: number; at: string }>();
  for (const r of rows) out.set(r.no, { amount: r.amount, at: r.at });
  return out;
}
