// Single-flight delivery of outbox rows. A drainer (the daily job, the every-minute retry job,
// `duban remind --run`, in this process or another one on the same file) may send a row only
// after a conditional UPDATE moved it from 'pending' to 'sending' under its claimer id and a
// lease; every later write of that send is conditional on still holding the claim. Parts of a
// split message are recorded one by one as the platform accepts them, so a retry never resends
// an accepted part. The rules for what happens after an unknown outcome live in
// src/remind/delivery.ts; this module only stores.
import type { Db } from './db.ts';

export const DELIVERY_MIGRATION = {
  version: 5,
  name: 'outbox claims (sending, lease, claimer), uncertain sends, per-part progress',
  // SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same ids.
  // Renaming a parent table rewrites its children's REFERENCES (foreign_keys is on, and cannot
  // be switched off inside the migration's transaction), so reminder_log is rebuilt as well,
  // pointing at the new outbox, before the old one is dropped: no step leaves an orphan.
  sql: `
    ALTER TABLE outbox RENAME TO outbox_v4;
    CREATE TABLE outbox (
      id               INTEGER PRIMARY KEY,
      idem_key         TEXT NOT NULL UNIQUE,
      group_key        TEXT NOT NULL,
      kind             TEXT NOT NULL CHECK (kind IN ('remind', 'digest', 'alert')),
      text             TEXT NOT NULL,
      mentions         TEXT NOT NULL,
      tasks            TEXT NOT NULL,
      -- pending: waits for next_attempt_at; sending: claimed (claimed_by, lease_until);
      -- uncertain: a part may have reached a platform that cannot dedupe, not resent
      -- automatically (duban remind --pending); dead: failed for good.
      status           TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'uncertain', 'dead')),
      attempts         INTEGER NOT NULL DEFAULT 0,
      next_attempt_at  TEXT NOT NULL,
      created_at       TEXT NOT NULL,
      sent_at          TEXT,
      last_error       TEXT,
      message_ids      TEXT,
      claimed_by       TEXT,
      lease_until      TEXT,
      -- when the first attempt began: Feishu dedupes a uuid for one hour from then on
      first_attempt_at TEXT,
      -- the part handed to the platform and not yet recorded as accepted
      inflight_part    TEXT,
      -- first time an attempt ended without knowing whether the platform took the part
      maybe_landed_at  TEXT,
      CHECK ((status = 'sending') = (claimed_by IS NOT NULL AND lease_until IS NOT NULL))
    );
    INSERT INTO outbox (id, idem_key, group_key, kind, text, mentions, tasks, status, attempts, next_attempt_at,
                        created_at, sent_at, last_error, message_ids)
      SELECT id, idem_key, group_key, kind, text, mentions, tasks, status, attempts, next_attempt_at,
             created_at, sent_at, last_error, message_ids FROM outbox_v4;
    CREATE TABLE reminder_log_v5 (
      notice_key TEXT NOT NULL,
      group_key  TEXT NOT NULL,
      outbox_id  INTEGER NOT NULL REFERENCES outbox (id),
      run_date   TEXT NOT NULL,
      PRIMARY KEY (notice_key, group_key)
    ) WITHOUT ROWID;
    INSERT INTO reminder_log_v5 (notice_key, group_key, outbox_id, run_date)
      SELECT notice_key, group_key, outbox_id, run_date FROM reminder_log;
    DROP TABLE reminder_log;
    ALTER TABLE reminder_log_v5 RENAME TO reminder_log;
    CREATE INDEX reminder_log_by_key ON reminder_log (notice_key);
    DROP TABLE outbox_v4;
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at) WHERE status = 'pending';
    CREATE INDEX outbox_leases ON outbox (lease_until) WHERE status = 'sending';
    CREATE INDEX outbox_unsent ON outbox (status) WHERE status <> 'sent';

    -- One row per part the platform accepted (part ids are the adapter's: 'hook0', 'bot1', '0').
    CREATE TABLE outbox_parts (
      outbox_id  INTEGER NOT NULL REFERENCES outbox (id),
      part       TEXT NOT NULL,
      message_id TEXT NOT NULL,
      sent_at    TEXT NOT NULL,
      PRIMARY KEY (outbox_id, part)
    ) WITHOUT ROWID;
  `,
};

export interface ClaimState {
  id: number;
  groupKey: string;
  status: 'pending' | 'sending' | 'sent' | 'uncertain' | 'dead';
  attempts: number;
  claimedBy: string | null;
  leaseUntil: string | null;
  firstAttemptAt: string | null;
  inflightPart: string | null;
  maybeLandedAt: string | null;
}

const STATE = `SELECT id, group_key AS groupKey, status, attempts, claimed_by AS claimedBy, lease_until AS leaseUntil,
  first_attempt_at AS firstAttemptAt, inflight_part AS inflightPart, maybe_landed_at AS maybeLandedAt FROM outbox`;

export function claimState(db: Db, id: number): ClaimState | undefined {
  return db.prepare(`${STATE} WHERE id = ?`).get(id) as ClaimState | undefined;
}

/** The one gate: true for exactly one caller per due pending row, whatever the interleaving,
 * because the status test and the write are one statement under SQLite's write lock. */
export function claim(db: Db, id: number, claimer: string, at: string, leaseUntil: string): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox SET status = 'sending', claimed_by = ?, lease_until = ?, first_attempt_at = COALESCE(first_attempt_at, ?)
         WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?`,
      )
      .run(claimer, leaseUntil, at, id, at).changes === 1
  );
}

export function renewLease(db: Db, id: number, claimer: string, leaseUntil: string): boolean {
  return db.prepare("UPDATE outbox SET lease_until = ? WHERE id = ? AND status = 'sending' AND claimed_by = ?").run(leaseUntil, id, claimer).changes === 1;
}

/** Committed before a part is handed to the platform: a crash from here until acceptPart leaves
 * the part marked as possibly delivered. */
export function beginPart(db: Db, id: number, claimer: string, part: string, leaseUntil: string): boolean {
  return (
    db.prepare("UPDATE outbox SET inflight_part = ?, lease_until = ? WHERE id = ? AND status = 'sending' AND claimed_by = ?").run(part, leaseUntil, id, claimer)
      .changes === 1
  );
}

/** Records an accepted part. The part row is written even if the claim was lost meanwhile: the
 * platform did accept it, and whoever sends the row next must not send it again. */
export function acceptPart(db: Db, id: number, claimer: string, part: string, messageId: string, at: string, leaseUntil: string): boolean {
  return db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO outbox_parts (outbox_id, part, message_id, sent_at) VALUES (?, ?, ?, ?)').run(id, part, messageId, at);
    return (
      db
        .prepare("UPDATE outbox SET inflight_part = NULL, lease_until = ? WHERE id = ? AND status = 'sending' AND claimed_by = ?")
        .run(leaseUntil, id, claimer).changes === 1
    );
  })();
}

export function acceptedParts(db: Db, id: number): Map<string, string> {
  const rows = db.prepare('SELECT part, message_id AS messageId FROM outbox_parts WHERE outbox_id = ?').all(id) as { part: string; messageId: string }[];
  return new Map(rows.map((r) => [r.part, r.messageId]));
}

/** Every part went through. Also settles a row another drainer marked uncertain after our lease
 * ran out while we were still (slowly) sending: it did arrive. */
export function finishSent(db: Db, id: number, claimer: string, at: string, messageIds: string[]): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, message_ids = ?, claimed_by = NULL,
           lease_until = NULL, inflight_part = NULL
         WHERE id = ? AND ((status = 'sending' AND claimed_by = ?) OR status = 'uncertain')`,
      )
      .run(at, JSON.stringify(messageIds), id, claimer).changes === 1
  );
}

export type FailedTo =
  | { status: 'pending'; nextAttemptAt: string; maybeLanded: boolean }
  | { status: 'uncertain' }
  | { status: 'dead'; maybeLanded: boolean };

/** Ends a failed attempt. 'uncertain' keeps inflight_part (which part may have arrived). */
export function finishFailed(db: Db, id: number, claimer: string, error: string, at: string, to: FailedTo): boolean {
  const landed = to.status === 'uncertain' || to.maybeLanded ? at : null;
  return (
    db
      .prepare(
        `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, claimed_by = NULL, lease_until = NULL,
           next_attempt_at = COALESCE(?, next_attempt_at),
           inflight_part = CASE WHEN ? = 'uncertain' THEN inflight_part ELSE NULL END,
           maybe_landed_at = COALESCE(maybe_landed_at, ?)
         WHERE id = ? AND status = 'sending' AND claimed_by = ?`,
      )
      .run(to.status, error.slice(0, 500), to.status === 'pending' ? to.nextAttemptAt : null, to.status, landed, id, claimer).changes === 1
  );
}

/** Claims whose lease ran out: their sender crashed (or hung) somewhere in the send. */
export function expiredClaims(db: Db, at: string): ClaimState[] {
  return db.prepare(`${STATE} WHERE status = 'sending' AND lease_until <= ? ORDER BY id`).all(at) as ClaimState[];
}

/** Takes an expired claim away from its (dead) owner: conditional on the same owner and the
 * lease still expired, so two recovering drainers cannot both act on it, and a sender that
 * renewed in time keeps it. */
export function releaseExpired(db: Db, c: ClaimState, at: string, to: 'pending' | 'uncertain', error: string): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, claimed_by = NULL, lease_until = NULL,
           next_attempt_at = CASE WHEN ? = 'pending' THEN ? ELSE next_attempt_at END,
           inflight_part = CASE WHEN ? = 'uncertain' THEN inflight_part ELSE NULL END,
           maybe_landed_at = CASE WHEN inflight_part IS NOT NULL THEN COALESCE(maybe_landed_at, ?) ELSE maybe_landed_at END
         WHERE id = ? AND status = 'sending' AND claimed_by = ? AND lease_until <= ?`,
      )
      .run(to, error.slice(0, 500), to, at, to, at, c.id, c.claimedBy, at).changes === 1
  );
}

// ---- for the operator (duban remind --pending / --resend / --mark-sent)

export interface UnsentRow {
  id: number;
  idemKey: string;
  groupKey: string;
  kind: string;
  status: 'pending' | 'sending' | 'uncertain' | 'dead';
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  inflightPart: string | null;
  partsAccepted: number;
}

export function listUnsent(db: Db): UnsentRow[] {
  return db
    .prepare(
      `SELECT o.id, o.idem_key AS idemKey, o.group_key AS groupKey, o.kind, o.status, o.created_at AS createdAt, o.attempts,
         o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError, o.inflight_part AS inflightPart,
         (SELECT COUNT(*) FROM outbox_parts p WHERE p.outbox_id = o.id) AS partsAccepted
       FROM outbox o WHERE o.status <> 'sent' ORDER BY o.id`,
    )
    .all() as UnsentRow[];
}

/** The operator decided to send an uncertain or dead row again (accepting that the one part
 * whose fate is unknown may arrive twice). Accepted parts stay recorded and are skipped. The
 * Feishu uuid window restarts: the operator has taken the decision the bot would not. */
export function requeue(db: Db, id: number, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox SET status = 'pending', next_attempt_at = ?, attempts = 0, inflight_part = NULL,
           maybe_landed_at = NULL, first_attempt_at = NULL,
           last_error = '操作员重新排队（' || COALESCE(last_error, '') || '）'
         WHERE id = ? AND status IN ('uncertain', 'dead')`,
      )
      .run(at, id).changes === 1
  );
}

/** The operator saw the message arrive (e.g. an uncertain send that did land). */
export function markSentByOperator(db: Db, id: number, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox SET status = 'sent', sent_at = ?, inflight_part = NULL,
           last_error = '操作员确认已送达（' || COALESCE(last_error, '') || '）'
         WHERE id = ? AND status IN ('uncertain', 'dead', 'pending')`,
      )
      .run(at, id).changes === 1
  );
}
