// Outgoing proactive messages (reminders, digests, alerts) and the exactly-once log of which
// notice went to which group. A message is written here, together with the notices it carries,
// before it is sent; it is claimed before sending and marked sent after the platform accepts it
// (./delivery.ts). A restart resends only what is still pending, with the same idempotency key.
import type { MessageAction } from '../platforms/types.ts';
import type { Db } from './db.ts';

export const OUTBOX_MIGRATION = {
  version: 2,
  name: 'subscriptions, outbox, reminder log, platform event dedupe, wecom webhooks',
  sql: `
    -- Platform events already taken (Feishu re-sends for ~7 h, WeCom retries): kept 24 h.
    CREATE TABLE platform_events (
      platform TEXT NOT NULL,
      event_id TEXT NOT NULL,
      at       TEXT NOT NULL,
      PRIMARY KEY (platform, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX platform_events_by_at ON platform_events (at);

    -- Small settings the bot keeps for itself, e.g. remind_since (the day reminders began).
    CREATE TABLE meta (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;

    -- WeCom group ↔ 消息推送 webhook key, set by an admin with /推送地址. The key is a secret.
    CREATE TABLE wecom_webhooks (
      chat_id TEXT PRIMARY KEY,
      key     TEXT NOT NULL,
      set_by  TEXT NOT NULL,
      set_at  TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Which group receives which reminders: scope 'all', 'unit:<单位>', 'leader:<姓名>' or
    -- 'leaders' (the leaders' group for escalations).
    CREATE TABLE subscriptions (
      group_key  TEXT NOT NULL,
      scope      TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (group_key, scope)
    ) WITHOUT ROWID;

    CREATE TABLE outbox (
      id              INTEGER PRIMARY KEY,
      idem_key        TEXT NOT NULL UNIQUE,
      group_key       TEXT NOT NULL,
      kind            TEXT NOT NULL CHECK (kind IN ('remind', 'digest', 'alert')),
      text            TEXT NOT NULL,
      mentions        TEXT NOT NULL,
      tasks           TEXT NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      created_at      TEXT NOT NULL,
      sent_at         TEXT,
      last_error      TEXT,
      message_ids     TEXT
    );
    CREATE INDEX outbox_due ON outbox (status, next_attempt_at) WHERE status = 'pending';

    CREATE TABLE reminder_log (
      notice_key TEXT NOT NULL,
      group_key  TEXT NOT NULL,
      outbox_id  INTEGER NOT NULL REFERENCES outbox (id),
      run_date   TEXT NOT NULL,
      PRIMARY KEY (notice_key, group_key)
    ) WITHOUT ROWID;
    CREATE INDEX reminder_log_by_key ON reminder_log (notice_key);
  `,
};

export interface OutboxRow {
  id: number;
  idemKey: string;
  groupKey: string;
  kind: 'remind' | 'digest' | 'alert';
  text: string;
  mentions: { userId: string; name: string }[];
  tasks: string[];
  /** buttons (migration 7); [] for none */
  actions: MessageAction[];
  /** see DELIVERY_MIGRATION (src/store/delivery.ts) for the states */
  status: 'pending' | 'sending' | 'sent' | 'uncertain' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export interface NewOutbox {
  idemKey: string;
  groupKey: string;
  kind: OutboxRow['kind'];
  text: string;
  mentions: OutboxRow['mentions'];
  tasks: string[];
  actions?: MessageAction[];
  at: string;
}

const SELECT = `SELECT id, idem_key AS idemKey, group_key AS groupKey, kind, text, mentions, tasks, actions, status, attempts,
  next_attempt_at AS nextAttemptAt, created_at AS createdAt, sent_at AS sentAt, last_error AS lastError FROM outbox`;

function row(r: Record<string, unknown> | undefined): OutboxRow | undefined {
  if (!r) return undefined;
  return {
    ...(r as unknown as OutboxRow),
    mentions: JSON.parse(r.mentions as string),
    tasks: JSON.parse(r.tasks as string),
    actions: typeof r.actions === 'string' ? (JSON.parse(r.actions) as MessageAction[]) : [],
  };
}

/** Records a message and the notices it settles, in one transaction. Notices already logged for
 * this group are left out; returns undefined when nothing new remains to send. */
export function enqueue(db: Db, msg: NewOutbox, notices: { key: string; runDate: string }[]): OutboxRow | undefined {
  return db.transaction(() => {
    const logged = db.prepare('SELECT 1 FROM reminder_log WHERE notice_key = ? AND group_key = ?');
    const fresh = notices.filter((n) => !logged.get(n.key, msg.groupKey));
    if (notices.length && !fresh.length) return undefined;
    const existing = db.prepare(`${SELECT} WHERE idem_key = ?`).get(msg.idemKey) as Record<string, unknown> | undefined;
    if (existing) return row(existing);
    const info = db
      .prepare(
        `INSERT INTO outbox (idem_key, group_key, kind, text, mentions, tasks, actions, status, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(msg.idemKey, msg.groupKey, msg.kind, msg.text, JSON.stringify(msg.mentions), JSON.stringify(msg.tasks), msg.actions?.length ? JSON.stringify(msg.actions) : null, msg.at, msg.at);
    const id = Number(info.lastInsertRowid);
    const log = db.prepare('INSERT INTO reminder_log (notice_key, group_key, outbox_id, run_date) VALUES (?, ?, ?, ?)');
    for (const n of fresh) log.run(n.key, msg.groupKey, id, n.runDate);
    return row(db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown>);
  })();
}

export function noticeLogged(db: Db, key: string): boolean {
  return db.prepare('SELECT 1 FROM reminder_log WHERE notice_key = ? LIMIT 1').get(key) !== undefined;
}

/** Each recorded notice key with the first day it was recorded (a preview of day D dedupes
 * against what was recorded before D). */
export function noticeRunDates(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT notice_key AS key, MIN(run_date) AS day FROM reminder_log GROUP BY notice_key').all() as { key: string; day: string }[];
  return new Map(rows.map((r) => [r.key, r.day]));
}

export function dueOutbox(db: Db, at: string): OutboxRow[] {
  return (db.prepare(`${SELECT} WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id`).all(at) as Record<string, unknown>[]).map(
    (r) => row(r)!,
  );
}

// Sending, and every state change of a send, goes through the claim in ./delivery.ts.

export function getOutbox(db: Db, id: number): OutboxRow | undefined {
  return row(db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined);
}

export function listOutbox(db: Db, limit = 100): OutboxRow[] {
  return (db.prepare(`${SELECT} ORDER BY id DESC LIMIT ?`).all(limit) as Record<string, unknown>[]).map((r) => row(r)!);
}

// ---- subscriptions

export interface Subscription {
  groupKey: string;
  scope: string;
}

export function subscribe(db: Db, groupKey: string, scope: string, by: string, at: string): boolean {
  return db.prepare('INSERT OR IGNORE INTO subscriptions (group_key, scope, created_by, created_at) VALUES (?, ?, ?, ?)').run(groupKey, scope, by, at).changes > 0;
}

export function unsubscribe(db: Db, groupKey: string, scope: string | null): number {
  if (scope === null) return db.prepare('DELETE FROM subscriptions WHERE group_key = ?').run(groupKey).changes;
  return db.prepare('DELETE FROM subscriptions WHERE group_key = ? AND scope = ?').run(groupKey, scope).changes;
}

export function listSubscriptions(db: Db, groupKey?: string): Subscription[] {
  const sql = 'SELECT group_key AS groupKey, scope FROM subscriptions';
  return (groupKey ? db.prepare(`${sql} WHERE group_key = ? ORDER BY scope`).all(groupKey) : db.prepare(`${sql} ORDER BY group_key, scope`).all()) as Subscription[];
}

// ---- meta

export function getMeta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Sets the value unless one is there; returns the value in force. */
export function initMeta(db: Db, key: string, value: string): string {
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  return getMeta(db, key)!;
}
