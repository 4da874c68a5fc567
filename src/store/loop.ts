// The supervision loop's records (issue 16): 催办 (chases), 批示 (leaders' instructions) and their
// 签收, and 销号 (closure requests, their decision and a reopening). Rows are only inserted or
// moved forward in their own lifecycle; every change is also in the audit log.
import { prepared, type Db } from './db.ts';

export const LOOP_MIGRATION = {
  version: 8,
  name: 'supervision loop: chases (催办), instructions (批示/签收), closures (销号), outbox buttons',
  sql: `
    -- One row per 催办 posted. day = the local date, for the once-per-item-per-day rule;
    -- units = JSON array of the lead units chased (for the counts in /汇总).
    CREATE TABLE chases (
      id         INTEGER PRIMARY KEY,
      task_no    INTEGER NOT NULL CHECK (task_no > 0),
      day        TEXT NOT NULL,
      text       TEXT NOT NULL CHECK (length(text) <= 200),
      units      TEXT NOT NULL,
      milestone  TEXT,
      repeat     INTEGER NOT NULL CHECK (repeat IN (0, 1)),
      platform   TEXT NOT NULL,
      user_id    TEXT NOT NULL,
      user_name  TEXT NOT NULL,
      chat_id    TEXT NOT NULL,
      message_id TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX chases_by_task ON chases (task_no, day);

    -- A leader's 批示 on an item; signed (签收) by a liaison of a lead unit.
    CREATE TABLE instructions (
      id          INTEGER PRIMARY KEY,
      task_no     INTEGER NOT NULL CHECK (task_no > 0),
      text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
      leader      TEXT NOT NULL,
      platform    TEXT NOT NULL,
      user_id     TEXT NOT NULL,
      user_name   TEXT NOT NULL,
      chat_id     TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      signed_at   TEXT,
      signed_by   TEXT,
      signed_name TEXT,
      signed_unit TEXT
    );
    CREATE INDEX instructions_by_task ON instructions (task_no, created_at);
    CREATE INDEX instructions_by_author ON instructions (platform, user_id, created_at);

    -- 销号: a lead unit asks (pending); the office closes it (closed) or sends it back
    -- (returned, with a reason); the requester may withdraw a pending one; the office may reopen
    -- a closed one (reopened_at). At most one pending or closed row per item.
    CREATE TABLE closures (
      id           INTEGER PRIMARY KEY,
      task_no      INTEGER NOT NULL CHECK (task_no > 0),
      status       TEXT NOT NULL CHECK (status IN ('pending', 'closed', 'returned', 'withdrawn', 'reopened')),
      text         TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
      unit         TEXT NOT NULL,
      platform     TEXT NOT NULL,
      user_id      TEXT NOT NULL,
      user_name    TEXT NOT NULL,
      chat_id      TEXT NOT NULL,
      message_id   TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      decided_by   TEXT,
      decided_name TEXT,
      decided_at   TEXT,
      note         TEXT,
      reopened_by  TEXT,
      reopened_at  TEXT,
      reopen_note  TEXT
    );
    CREATE UNIQUE INDEX closures_open ON closures (task_no) WHERE status IN ('pending', 'closed');

    -- Buttons a message offers (JSON [{label, command}], NULL for none): the 批示 post's 签收 on
    -- Feishu cards. Platforms without buttons leave them out; the text says what to type.
    ALTER TABLE outbox ADD COLUMN actions TEXT;
  `,
};

/** Who did it, from which chat and message: the same columns on every table here. */
export interface Origin {
  platform: string;
  userId: string;
  userName: string;
  chatId: string;
  messageId: string;
  at: string;
}

// ---- chases ----------------------------------------------------------------------------------

export interface ChaseRow {
  id: number;
  taskNo: number;
  day: string;
  text: string;
  units: string[];
  milestone: string | null;
  repeat: boolean;
  userName: string;
  createdAt: string;
}

const CHASE_COLS = `id, task_no AS taskNo, day, text, units, milestone, repeat, user_name AS userName, created_at AS createdAt`;

function chase(r: Record<string, unknown> | undefined): ChaseRow | undefined {
  return r ? { ...(r as unknown as ChaseRow), units: JSON.parse(r.units as string), repeat: r.repeat === 1 } : undefined;
}

export function insertChase(db: Db, c: { taskNo: number; day: string; text: string; units: string[]; milestone: string | null; repeat: boolean } & Origin): ChaseRow {
  const info = prepared(db,
    `INSERT INTO chases (task_no, day, text, units, milestone, repeat, platform, user_id, user_name, chat_id, message_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.taskNo, c.day, c.text, JSON.stringify(c.units), c.milestone, c.repeat ? 1 : 0, c.platform, c.userId, c.userName, c.chatId, c.messageId, c.at);
  return chase(prepared(db, `SELECT ${CHASE_COLS} FROM chases WHERE id = ?`).get(Number(info.lastInsertRowid)) as Record<string, unknown>)!;
}

export function chasesOf(db: Db, taskNo: number, day?: string): ChaseRow[] {
  const rows = day === undefined
    ? prepared(db, `SELECT ${CHASE_COLS} FROM chases WHERE task_no = ? ORDER BY id`).all(taskNo)
    : prepared(db, `SELECT ${CHASE_COLS} FROM chases WHERE task_no = ? AND day = ? ORDER BY id`).all(taskNo, day);
  return (rows as Record<string, unknown>[]).map((r) => chase(r)!);
}

/** 催办 per lead unit since `fromDay` (inclusive): what /汇总 counts. */
export function chaseCountsByUnit(db: Db, fromDay: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of prepared(db, 'SELECT units FROM chases WHERE day >= ?').all(fromDay) as { units: string }[])
    for (const u of JSON.parse(r.units) as string[]) out.set(u, (out.get(u) ?? 0) + 1);
  return out;
}

// ---- instructions ----------------------------------------------------------------------------

export interface InstructionRow {
  id: number;
  taskNo: number;
  text: string;
  leader: string;
  platform: string;
  userId: string;
  userName: string;
  createdAt: string;
  signedAt: string | null;
  signedName: string | null;
  signedUnit: string | null;
}

const INS_COLS = `id, task_no AS taskNo, text, leader, platform, user_id AS userId, user_name AS userName, created_at AS createdAt,
  signed_at AS signedAt, signed_name AS signedName, signed_unit AS signedUnit`;

export function insertInstruction(db: Db, i: { taskNo: number; text: string; leader: string } & Origin): InstructionRow {
  const info = prepared(db,
    `INSERT INTO instructions (task_no, text, leader, platform, user_id, user_name, chat_id, message_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(i.taskNo, i.text, i.leader, i.platform, i.userId, i.userName, i.chatId, i.messageId, i.at);
  return prepared(db, `SELECT ${INS_COLS} FROM instructions WHERE id = ?`).get(Number(info.lastInsertRowid)) as InstructionRow;
}

export function instructionsOf(db: Db, taskNo: number): InstructionRow[] {
  return prepared(db, `SELECT ${INS_COLS} FROM instructions WHERE task_no = ? ORDER BY id`).all(taskNo) as InstructionRow[];
}

export function instructionsBy(db: Db, platform: string, userId: string, limit = 20): InstructionRow[] {
  return prepared(db, `SELECT ${INS_COLS} FROM instructions WHERE platform = ? AND user_id = ? ORDER BY id DESC LIMIT ?`).all(platform, userId, limit) as InstructionRow[];
}

export function recentInstructions(db: Db, limit = 20): InstructionRow[] {
  return prepared(db, `SELECT ${INS_COLS} FROM instructions ORDER BY id DESC LIMIT ?`).all(limit) as InstructionRow[];
}

/** Every instruction (the reminders pick the ones unsigned as of their instant). */
export function allInstructions(db: Db): InstructionRow[] {
  return prepared(db, `SELECT ${INS_COLS} FROM instructions ORDER BY id`).all() as InstructionRow[];
}

export function signInstructions(db: Db, ids: readonly number[], s: { by: string; name: string; unit: string; at: string }): void {
  const st = prepared(db, 'UPDATE instructions SET signed_at = ?, signed_by = ?, signed_name = ?, signed_unit = ? WHERE id = ? AND signed_at IS NULL');
  for (const id of ids) st.run(s.at, s.by, s.name, s.unit, id);
}

/** Unsigned instructions per item that is not closed: a closed (销号) item's instructions are no
 * longer outstanding (nobody is chased for them); they count again if the item is reopened. */
export function unsignedCounts(db: Db): Map<number, number> {
  const rows = prepared(db, `SELECT task_no AS taskNo, COUNT(*) AS n FROM instructions
    WHERE signed_at IS NULL AND task_no NOT IN (SELECT task_no FROM closures WHERE status = 'closed') GROUP BY task_no`).all() as { taskNo: number; n: number }[];
  return new Map(rows.map((r) => [r.taskNo, r.n]));
}

/** Whether the item is closed (a standing 销号) now. */
export function isClosed(db: Db, taskNo: number): boolean {
  return !!prepared(db, `SELECT 1 FROM closures WHERE task_no = ? AND status = 'closed' LIMIT 1`).get(taskNo);
}

// ---- closures --------------------------------------------------------------------------------

export type ClosureStatus = 'pending' | 'closed' | 'returned' | 'withdrawn' | 'reopened';

export interface ClosureRow {
  id: number;
  taskNo: number;
  status: ClosureStatus;
  text: string;
  unit: string;
  platform: string;
  userId: string;
  userName: string;
  requestedAt: string;
  decidedName: string | null;
  decidedAt: string | null;
  note: string | null;
  reopenedAt: string | null;
  reopenNote: string | null;
}

const CLOSURE_COLS = `id, task_no AS taskNo, status, text, unit, platform, user_id AS userId, user_name AS userName, requested_at AS requestedAt,
  decided_name AS decidedName, decided_at AS decidedAt, note, reopened_at AS reopenedAt, reopen_note AS reopenNote`;

export function getClosure(db: Db, id: number): ClosureRow | undefined {
  return prepared(db, `SELECT ${CLOSURE_COLS} FROM closures WHERE id = ?`).get(id) as ClosureRow | undefined;
}

/** The item's pending request or its standing closure. */
export function openClosure(db: Db, taskNo: number): ClosureRow | undefined {
  return prepared(db, `SELECT ${CLOSURE_COLS} FROM closures WHERE task_no = ? AND status IN ('pending', 'closed')`).get(taskNo) as ClosureRow | undefined;
}

export function closuresOf(db: Db, taskNo: number): ClosureRow[] {
  return prepared(db, `SELECT ${CLOSURE_COLS} FROM closures WHERE task_no = ? ORDER BY id`).all(taskNo) as ClosureRow[];
}

export function pendingClosures(db: Db): ClosureRow[] {
  return prepared(db, `SELECT ${CLOSURE_COLS} FROM closures WHERE status = 'pending' ORDER BY id`).all() as ClosureRow[];
}

export function requestClosure(db: Db, c: { taskNo: number; text: string; unit: string; status: 'pending' | 'closed'; decidedBy?: string } & Origin): ClosureRow {
  const decided = c.status === 'closed';
  const info = prepared(db,
    `INSERT INTO closures (task_no, status, text, unit, platform, user_id, user_name, chat_id, message_id, requested_at, decided_by, decided_name, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.taskNo, c.status, c.text, c.unit, c.platform, c.userId, c.userName, c.chatId, c.messageId, c.at, decided ? (c.decidedBy ?? null) : null, decided ? c.userName : null, decided ? c.at : null);
  return getClosure(db, Number(info.lastInsertRowid))!;
}

export function decideClosure(db: Db, id: number, status: 'closed' | 'returned' | 'withdrawn', by: { key: string; name: string; at: string }, note: string | null): ClosureRow {
  prepared(db, `UPDATE closures SET status = ?, decided_by = ?, decided_name = ?, decided_at = ?, note = ? WHERE id = ? AND status = 'pending'`).run(status, by.key, by.name, by.at, note, id);
  return getClosure(db, id)!;
}

export function reopenClosure(db: Db, id: number, by: { key: string; at: string }, note: string | null): ClosureRow {
  prepared(db, `UPDATE closures SET status = 'reopened', reopened_by = ?, reopened_at = ?, reopen_note = ? WHERE id = ? AND status = 'closed'`).run(by.key, by.at, note, id);
  return getClosure(db, id)!;
}

/** Item → the instant it was closed, for items closed at instant `asOf` (ISO; default: now,
 * i.e. every standing closure). A reopened closure counts for the instants between. */
export function closedAt(db: Db, asOf?: string): Map<number, string> {
  const rows = prepared(db, `SELECT task_no AS taskNo, decided_at AS at, reopened_at AS gone FROM closures WHERE status IN ('closed', 'reopened')`).all() as { taskNo: number; at: string; gone: string | null }[];
  const out = new Map<number, string>();
  for (const r of rows) {
    if (asOf === undefined ? r.gone === null : Date.parse(r.at) <= Date.parse(asOf) && (r.gone === null || Date.parse(r.gone) > Date.parse(asOf))) out.set(r.taskNo, r.at);
  }
  return out;
}
