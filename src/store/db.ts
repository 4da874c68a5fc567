// The SQLite store: one file under DATA_DIR, WAL journal, synchronous=FULL so a committed
// transaction is on disk before the bot acknowledges it, and versioned migrations recorded in
// schema_migrations. Every table family has its own small module next to this one; they all
// take the handle returned here and never read the clock themselves.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { log } from '../log.ts';
import Database from 'better-sqlite3';
import { LEDGER_MIGRATION } from '../ledger/migration.ts';
import { INBOX_MIGRATION } from './inbox.ts';
import { DELIVERY_MIGRATION } from './delivery.ts';
import { OUTBOX_MIGRATION } from './outbox.ts';
import { REPORTS_OVER_100_MIGRATION } from './reportsMigration.ts';
import { ITEMS_MIGRATION } from './items.ts';
import { LOOP_MIGRATION } from './loop.ts';
import { FILE_MODE, securePrivateDir } from './privacy.ts';
import { USERS_NAME_MIGRATION } from './usersMigration.ts';
import { EVIDENCE_MIGRATION } from './evidenceMigration.ts';

export type Db = Database.Database;

export const DB_FILE = 'duban.sqlite';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The one migration list. Append only: a released migration is never edited, a change is a
 * new entry with the next version. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, roles, bindings, reports, milestones, audit, processed messages',
    sql: `
      CREATE TABLE users (
        platform   TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        name       TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen  TEXT NOT NULL,
        PRIMARY KEY (platform, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX users_by_name ON users (platform, name);

      -- Roles granted in chat. Admins come only from config (ADMINS); leaders from config
      -- (LEADERS) or from here.
      CREATE TABLE roles (
        platform   TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        role       TEXT NOT NULL CHECK (role IN ('leader')),
        person     TEXT,
        granted_by TEXT NOT NULL,
        granted_at TEXT NOT NULL,
        PRIMARY KEY (platform, user_id, role)
      ) WITHOUT ROWID;

      -- Liaison bindings and binding requests: one row per request; at most one open
      -- (pending or active) row per user and unit.
      CREATE TABLE bindings (
        id           INTEGER PRIMARY KEY,
        platform     TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        unit         TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'removed')),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        chat_id      TEXT NOT NULL,
        decided_by   TEXT,
        decided_at   TEXT,
        note         TEXT
      );
      CREATE UNIQUE INDEX bindings_open ON bindings (platform, user_id, unit)
        WHERE status IN ('pending', 'active');
      CREATE INDEX bindings_by_unit ON bindings (unit, status);

      CREATE TABLE reports (
        id         INTEGER PRIMARY KEY,
        task_no    INTEGER NOT NULL CHECK (task_no > 0),
        platform   TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        user_name  TEXT NOT NULL,
        unit       TEXT NOT NULL,
        text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
        percent    REAL CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
        status     TEXT CHECK (status IS NULL OR status IN ('正常推进', '滞后', '已完成', '需协调')),
        chat_id    TEXT NOT NULL,
        message_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        edited_at  TEXT,
        revoked_at TEXT,
        revoked_by TEXT
      );
      CREATE INDEX reports_by_user ON reports (platform, user_id, created_at);
      -- Live reports by task: what the task-state rule reads (covering, so the table is not
      -- touched) and what /进展 28 lists.
      CREATE INDEX reports_live_state ON reports (task_no, created_at, percent, status)
        WHERE revoked_at IS NULL;

      CREATE TABLE milestones (
        id             INTEGER PRIMARY KEY,
        task_no        INTEGER NOT NULL CHECK (task_no > 0),
        due_date       TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        due_label      TEXT NOT NULL,
        text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 200),
        target_percent REAL CHECK (target_percent IS NULL OR (target_percent >= 0 AND target_percent <= 100)),
        unit           TEXT NOT NULL,
        platform       TEXT NOT NULL,
        user_id        TEXT NOT NULL,
        user_name      TEXT NOT NULL,
        chat_id        TEXT NOT NULL,
        message_id     TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT,
        deleted_at     TEXT
      );
      CREATE INDEX milestones_by_task ON milestones (task_no, due_date) WHERE deleted_at IS NULL;

      -- Append-only: the triggers below refuse every UPDATE and DELETE, so ids only grow (no
      -- AUTOINCREMENT needed, which would cost every write an extra page in sqlite_sequence).
      CREATE TABLE audit (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        platform   TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        user_name  TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        message_id TEXT NOT NULL,
        action     TEXT NOT NULL,
        entity     TEXT NOT NULL,
        entity_id  TEXT NOT NULL,
        before     TEXT,
        after      TEXT
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      -- Idempotency: a platform message id that wrote something is recorded in the same
      -- transaction as the write, with the reply that acknowledged it.
      CREATE TABLE processed_messages (
        platform   TEXT NOT NULL,
        message_id TEXT NOT NULL,
        at         TEXT NOT NULL,
        reply      TEXT NOT NULL,
        PRIMARY KEY (platform, message_id)
      ) WITHOUT ROWID;
    `,
  },
  OUTBOX_MIGRATION,
  LEDGER_MIGRATION,
  INBOX_MIGRATION,
  DELIVERY_MIGRATION,
  REPORTS_OVER_100_MIGRATION,
  ITEMS_MIGRATION,
  LOOP_MIGRATION,
  USERS_NAME_MIGRATION,
  EVIDENCE_MIGRATION,
];

export interface OpenOptions {
  /** FULL (default): a commit survives power loss. NORMAL is offered for the benchmark only. */
  synchronous?: 'FULL' | 'NORMAL';
  busyTimeoutMs?: number;
  readonly?: boolean;
  /** Clock for schema_migrations.applied_at. */
  now?: () => Date;
}

export function dbPath(dataDir: string): string {
  return join(resolve(dataDir), DB_FILE);
}

/** Opens (creating if needed) DATA_DIR/duban.sqlite and brings its schema up to date. */
export function openDb(dataDir: string, opts: OpenOptions = {}): Db {
  if (!opts.readonly) securePrivateDir(dataDir);
  return openDbFile(dbPath(dataDir), opts);
}

export function openDbFile(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  // Before the WAL exists: SQLite gives the -wal and -shm files the main file's mode.
  if (!opts.readonly && file !== ':memory:') chmodSync(file, FILE_MODE);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    backupBeforeMigration(db, file, opts.now?.() ?? new Date());
    migrate(db, MIGRATIONS, opts.now);
  }
  return db;
}

/** An upgrade's rollback point: before migrating a database that has data, a copy goes to
 * backups/ next to it (VACUUM INTO: synchronous, consistent, nothing else runs yet). */
function backupBeforeMigration(db: Db, file: string, now: Date): string | undefined {
  const current = schemaVersion(db);
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  if (file === ':memory:' || current === 0 || current >= latest) return undefined;
  const dir = join(dirname(resolve(file)), 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const china = new Date(now.getTime() + 8 * 3600_000).toISOString();
  const target = join(dir, `duban-${china.slice(0, 10).replaceAll('-', '')}-${china.slice(11, 19).replaceAll(':', '')}-pre-v${latest}.sqlite`);
  rmSync(target, { force: true });
  db.prepare('VACUUM INTO ?').run(target);
  chmodSync(target, FILE_MODE);
  log.info('backup before migration', { file: target, from: current, to: latest });
  return target;
}

export function schemaVersion(db: Db): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies every migration newer than the file's version, each in its own transaction together
 * with its schema_migrations row. Returns how many were applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, at: () => Date = () => new Date()): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = schemaVersion(db);
  const latest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > latest) {
    throw new Error(`数据库版本（${current}）比程序（${latest}）新：请升级程序后再启动。`);
  }
  let applied = 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        at().toISOString(),
      );
    }).immediate();
    applied++;
  }
  return applied;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection and reused: the store modules call this
 * instead of db.prepare on every call. */
export function prepared(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}

/** Runs fn in one BEGIN IMMEDIATE transaction (the write lock is taken up front, so two
 * processes never deadlock upgrading a read lock). Commits when fn returns, rolls back if it
 * throws. With synchronous=FULL, the data is on disk when this returns. */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
