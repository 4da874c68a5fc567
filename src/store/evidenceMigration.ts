// Migration 10 (evidence), apart from evidence.ts: db.ts lists it, and evidence.ts imports db.ts
// at run time, so the migration lives where only a type import points back. Idempotent SQL (IF
// NOT EXISTS): a database that got the table from a pre-release build migrates cleanly.
import type { Migration } from './db.ts';

export const EVIDENCE_MIGRATION: Migration = {
  version: 10,
  name: 'evidence: files (by sha256) linked to reports',
  sql: `
    CREATE TABLE IF NOT EXISTS evidence (
      id         INTEGER PRIMARY KEY,
      report_id  INTEGER NOT NULL REFERENCES reports (id),
      task_no    INTEGER NOT NULL CHECK (task_no > 0),
      platform   TEXT NOT NULL,
      user_id    TEXT NOT NULL,
      chat_id    TEXT NOT NULL,
      message_id TEXT NOT NULL,
      sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
      ext        TEXT NOT NULL CHECK (ext IN ('jpg', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx')),
      name       TEXT NOT NULL,
      size       INTEGER NOT NULL CHECK (size > 0),
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX IF NOT EXISTS evidence_by_message ON evidence (platform, message_id);
    CREATE INDEX IF NOT EXISTS evidence_by_report ON evidence (report_id);
    CREATE INDEX IF NOT EXISTS evidence_by_task ON evidence (task_no);
  `,
};

