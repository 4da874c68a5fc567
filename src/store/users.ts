// Users, chat-granted roles and liaison bindings. A user is (platform, platform user id) with
// the display name last seen; the same person on two platforms is two users.
import type { Platform } from '../types.ts';
import { formatUserRef } from '../refs.ts';
import { prepared, type Db } from './db.ts';

export interface UserRef {
  platform: Platform;
  userId: string;
  name: string;
}

export interface UserRow extends UserRef {
  firstSeen: string;
  lastSeen: string;
}

/** "platform:userId", the form used in config (ADMINS, LEADERS) and in the audit log. */
export function userKey(u: { platform: string; userId: string }): string {
  return formatUserRef(u);
}

/** A stand-in name: what adapters put in userName when the platform gave no name (the id). */
export function isFallbackName(name: string, userId: string): boolean {
  return name.trim() === '' || name === userId;
}

/** Records the user and the display name last seen. last_seen is kept to the day: an unchanged
 * name on the same day writes nothing, which keeps every report commit a page smaller. A
 * stand-in name (the id, when a name lookup failed) never replaces a real name stored earlier. */
export function touchUser(db: Db, u: UserRef, at: string): void {
  prepared(db,
    `INSERT INTO users (platform, user_id, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, user_id) DO UPDATE SET
       name = CASE WHEN excluded.name IN ('', excluded.user_id) THEN users.name ELSE excluded.name END,
       last_seen = excluded.last_seen
     WHERE (users.name IS NOT excluded.name AND excluded.name NOT IN ('', excluded.user_id))
        OR substr(users.last_seen, 1, 10) <> substr(excluded.last_seen, 1, 10)`,
  ).run(u.platform, u.userId, u.name, at, at);
}

// ---- names from the platform ---------------------------------------------------------------
// Names the platform itself gave (a contact lookup, an @-mention) are kept with the time they
// were confirmed (name_at, src/store/usersMigration.ts), so they survive a restart and a lookup that fails
// later. Reports and milestones copy the sender's name when written; the copies written with
// the stand-in id are corrected when the real name becomes known (the audit log is history
// and keeps what was written).

/** Stores a name the platform gave for the user (inserting the user when only mentioned so
 * far) and puts it on their reports and milestones that carry the stand-in id. Writes nothing
 * when the name is unchanged and was confirmed the same day. */
export function rememberName(db: Db, platform: string, userId: string, name: string, at: string): void {
  if (isFallbackName(name, userId)) return;
  db.transaction(() => {
    const changed = prepared(db,
      `INSERT INTO users (platform, user_id, name, first_seen, last_seen, name_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (platform, user_id) DO UPDATE SET name = excluded.name, name_at = excluded.name_at
       WHERE users.name IS NOT excluded.name OR users.name_at IS NULL OR substr(users.name_at, 1, 10) <> substr(excluded.name_at, 1, 10)`,
    ).run(platform, userId, name, at, at, at).changes;
    if (!changed) return;
    prepared(db, 'UPDATE reports SET user_name = ? WHERE platform = ? AND user_id = ? AND user_name = user_id').run(name, platform, userId);
    prepared(db, 'UPDATE milestones SET user_name = ? WHERE platform = ? AND user_id = ? AND user_name = user_id').run(name, platform, userId);
  })();
}

/** The stored real name of a user and when the platform last confirmed it (undefined: only the
 * id is known). A name stored before migration 9 has no confirmation time: `at` is undefined. */
export function knownName(db: Db, platform: string, userId: string): { name: string; at?: string } | undefined {
  const row = prepared(db, 'SELECT name, name_at AS at FROM users WHERE platform = ? AND user_id = ?').get(platform, userId) as
    | { name: string; at: string | null }
    | undefined;
  if (!row || isFallbackName(row.name, userId)) return undefined;
  return row.at ? { name: row.name, at: row.at } : { name: row.name };
}

/** Users of a platform still shown by their id — in users, or as the name on a report or
 * milestone — most recently seen first: what a name backfill looks up. */
export function unnamedUsers(db: Db, platform: string, limit = 500): string[] {
  const rows = prepared(db,
    `SELECT user_id AS id, MAX(seen) AS seen FROM (
       SELECT user_id, last_seen AS seen FROM users WHERE platform = ? AND name IN ('', user_id)
       UNION ALL SELECT user_id, created_at FROM reports WHERE platform = ? AND user_name = user_id
       UNION ALL SELECT user_id, created_at FROM milestones WHERE platform = ? AND user_name = user_id
     ) WHERE user_id <> '' GROUP BY user_id ORDER BY seen DESC LIMIT ?`,
  ).all(platform, platform, platform, limit) as { id: string }[];
  return rows.map((r) => r.id);
}

/** The users table as one platform's name book (what an adapter keeps names in). */
export interface NameBook {
  get(userId: string): { name: string; at?: Date } | undefined;
  put(userId: string, name: string): void;
  unnamed(limit?: number): string[];
}

export function nameBook(db: Db, platform: Platform, now: () => Date): NameBook {
  return {
    get(userId) {
      const k = knownName(db, platform, userId);
      return k && (k.at ? { name: k.name, at: new Date(k.at) } : { name: k.name });
    },
    put: (userId, name) => rememberName(db, platform, userId, name, now().toISOString()),
    unnamed: (limit) => unnamedUsers(db, platform, limit),
  };
}

const USER_COLS = 'platform, user_id AS userId, name, first_seen AS firstSeen, last_seen AS lastSeen';

export function getUser(db: Db, platform: string, userId: string): UserRow | undefined {
  return prepared(db, `SELECT ${USER_COLS} FROM users WHERE platform = ? AND user_id = ?`).get(platform, userId) as
    | UserRow
    | undefined;
}

/** Users on a platform whose display name or user id is exactly `nameOrId`. */
export function findUsers(db: Db, platform: string, nameOrId: string): UserRow[] {
  return prepared(db, `SELECT ${USER_COLS} FROM users WHERE platform = ? AND (name = ? OR user_id = ?) ORDER BY last_seen DESC`)
    .all(platform, nameOrId, nameOrId) as UserRow[];
}

// ---- roles ---------------------------------------------------------------------------------

export interface LeaderRow {
  platform: Platform;
  userId: string;
  name: string | null;
  person: string | null;
  grantedBy: string;
  grantedAt: string;
}

export function getLeaderRole(db: Db, platform: string, userId: string): LeaderRow | undefined {
  return prepared(db,
      `SELECT r.platform, r.user_id AS userId, u.name, r.person, r.granted_by AS grantedBy, r.granted_at AS grantedAt
       FROM roles r LEFT JOIN users u ON u.platform = r.platform AND u.user_id = r.user_id
       WHERE r.platform = ? AND r.user_id = ? AND r.role = 'leader'`,
    )
    .get(platform, userId) as LeaderRow | undefined;
}

export function listLeaders(db: Db): LeaderRow[] {
  return prepared(db,
      `SELECT r.platform, r.user_id AS userId, u.name, r.person, r.granted_by AS grantedBy, r.granted_at AS grantedAt
       FROM roles r LEFT JOIN users u ON u.platform = r.platform AND u.user_id = r.user_id
       WHERE r.role = 'leader' ORDER BY r.granted_at`,
    )
    .all() as LeaderRow[];
}

export function setLeader(db: Db, platform: string, userId: string, person: string | null, by: string, at: string): void {
  prepared(db,
    `INSERT INTO roles (platform, user_id, role, person, granted_by, granted_at) VALUES (?, ?, 'leader', ?, ?, ?)
     ON CONFLICT (platform, user_id, role) DO UPDATE SET person = excluded.person,
       granted_by = excluded.granted_by, granted_at = excluded.granted_at`,
  ).run(platform, userId, person, by, at);
}

export function removeLeader(db: Db, platform: string, userId: string): boolean {
  return prepared(db, `DELETE FROM roles WHERE platform = ? AND user_id = ? AND role = 'leader'`).run(platform, userId).changes > 0;
}

// ---- bindings ------------------------------------------------------------------------------

export type BindingStatus = 'pending' | 'active' | 'rejected' | 'removed';

export interface BindingRow {
  id: number;
  platform: Platform;
  userId: string;
  /** display name from users, when known */
  name: string | null;
  unit: string;
  status: BindingStatus;
  requestedBy: string;
  requestedAt: string;
  chatId: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

const BINDING_SELECT = `SELECT b.id, b.platform, b.user_id AS userId, u.name, b.unit, b.status,
  b.requested_by AS requestedBy, b.requested_at AS requestedAt, b.chat_id AS chatId,
  b.decided_by AS decidedBy, b.decided_at AS decidedAt, b.note
  FROM bindings b LEFT JOIN users u ON u.platform = b.platform AND u.user_id = b.user_id`;

export function getBinding(db: Db, id: number): BindingRow | undefined {
  return prepared(db, `${BINDING_SELECT} WHERE b.id = ?`).get(id) as BindingRow | undefined;
}

/** The pending or active row of (user, unit), if any. */
export function openBinding(db: Db, platform: string, userId: string, unit: string): BindingRow | undefined {
  return prepared(db, `${BINDING_SELECT} WHERE b.platform = ? AND b.user_id = ? AND b.unit = ? AND b.status IN ('pending', 'active')`)
    .get(platform, userId, unit) as BindingRow | undefined;
}

export function bindingsOfUser(db: Db, platform: string, userId: string, statuses: BindingStatus[] = ['active']): BindingRow[] {
  const marks = statuses.map(() => '?').join(', ');
  return prepared(db, `${BINDING_SELECT} WHERE b.platform = ? AND b.user_id = ? AND b.status IN (${marks}) ORDER BY b.id`)
    .all(platform, userId, ...statuses) as BindingRow[];
}

export function activeUnitsOf(db: Db, platform: string, userId: string): string[] {
  return bindingsOfUser(db, platform, userId).map((b) => b.unit);
}

/** Active liaisons of the given units, in binding order. */
export function liaisonsOf(db: Db, units: readonly string[]): BindingRow[] {
  if (units.length === 0) return [];
  const marks = units.map(() => '?').join(', ');
  return prepared(db, `${BINDING_SELECT} WHERE b.status = 'active' AND b.unit IN (${marks}) ORDER BY b.id`)
    .all(...units) as BindingRow[];
}

export function pendingBindings(db: Db): BindingRow[] {
  return prepared(db, `${BINDING_SELECT} WHERE b.status = 'pending' ORDER BY b.id`).all() as BindingRow[];
}

export interface NewBinding {
  platform: Platform;
  userId: string;
  unit: string;
  status: 'pending' | 'active';
  requestedBy: string;
  requestedAt: string;
  chatId: string;
  /** set when an admin binds directly */
  decidedBy?: string;
}

export function createBinding(db: Db, b: NewBinding): BindingRow {
  const info = prepared(db,
      `INSERT INTO bindings (platform, user_id, unit, status, requested_by, requested_at, chat_id, decided_by, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      b.platform,
      b.userId,
      b.unit,
      b.status,
      b.requestedBy,
      b.requestedAt,
      b.chatId,
      b.decidedBy ?? null,
      b.decidedBy ? b.requestedAt : null,
    );
  return getBinding(db, Number(info.lastInsertRowid))!;
}

export function decideBinding(db: Db, id: number, status: Exclude<BindingStatus, 'pending'>, by: string, at: string, note: string | null = null): BindingRow {
  prepared(db, `UPDATE bindings SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?`).run(status, by, at, note, id);
  return getBinding(db, id)!;
}

/** The user of a platform seen most recently, if any (doctor checks a name lookup on them). */
export function recentUser(db: Db, platform: string): string | undefined {
  const row = prepared(db, 'SELECT user_id AS id FROM users WHERE platform = ? ORDER BY last_seen DESC LIMIT 1').get(platform) as { id: string } | undefined;
  return row?.id;
}
