// The task_lists migration, in a module of its own (no runtime imports) so src/store/db.ts can
// append it to MIGRATIONS without an import cycle through src/ledger/store.ts.
import type { Migration } from '../store/db.ts';

/** Appended to MIGRATIONS in src/store/db.ts. The SQL is idempotent (IF NOT EXISTS) so
 * ensureLedgerSchema can run it on a database that predates the migration without recording
 * a version (which would make a lower, later-added version be skipped). */
export const LEDGER_MIGRATION: Migration = {
  version: 3,
  name: 'task_lists: imported task lists (ledger import), one active',
  sql: `
    CREATE TABLE IF NOT EXISTS task_lists (
      id          INTEGER PRIMARY KEY,
      imported_at TEXT NOT NULL,
      file_name   TEXT NOT NULL,
      sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
      task_count  INTEGER NOT NULL CHECK (task_count > 0),
      tasks       TEXT NOT NULL CHECK (json_valid(tasks)),
      summary     TEXT NOT NULL DEFAULT '',
      imported_by TEXT NOT NULL DEFAULT 'cli',
      active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
    );
    CREATE UNIQUE INDEX IF NOT EXISTS task_lists_one_active ON task_lists (active) WHERE active = 1;
  `,
};

