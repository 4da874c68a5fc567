// Its own module without imports: db.ts reads it while building the migration list, and
// reports.ts imports db.ts.
/** 完成率 up to 200 % (超额完成, issue 15): SQLite cannot change a CHECK in place, so the table
 * is rebuilt with the same ids and rows. Nothing references reports by foreign key; a later
 * table that does must come after this migration. */
export const REPORTS_OVER_100_MIGRATION = {
  version: 6,
  name: 'reports: 完成率 0–200 (超额完成)',
  sql: `
    CREATE TABLE reports_v6 (
      id         INTEGER PRIMARY KEY,
      task_no    INTEGER NOT NULL CHECK (task_no > 0),
      platform   TEXT NOT NULL,
      user_id    TEXT NOT NULL,
      user_name  TEXT NOT NULL,
      unit       TEXT NOT NULL,
      text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      percent    REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 200)),
      status     TEXT CHECK (status IS NULL OR status IN ('正常推进', '滞后', '已完成', '需协调')),
      chat_id    TEXT NOT NULL,
      message_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      edited_at  TEXT,
      revoked_at TEXT,
      revoked_by TEXT
    );
    INSERT INTO reports_v6 SELECT id, task_no, platform, user_id, user_name, unit, text, percent, status, chat_id,
      message_id, created_at, edited_at, revoked_at, revoked_by FROM reports;
    DROP TABLE reports;
    ALTER TABLE reports_v6 RENAME TO reports;
    CREATE INDEX reports_by_user ON reports (platform, user_id, created_at);
    CREATE INDEX reports_live_state ON reports (task_no, created_at, percent, status)
      WHERE revoked_at IS NULL;
  `,
};
