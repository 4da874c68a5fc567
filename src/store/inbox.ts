// The durable inbox. Platforms treat a 2xx (webhook/callback) or a returned handler (long
// connection) as "delivered" and will not push again, so an event the bot acknowledges must
// already be on disk: admit() writes it, with its dedupe mark, in one transaction, and the
// adapters call it before they return to the HTTP layer or the SDK. Processing marks it done;
// at start-up whatever is still pending is processed again. Writes stay exactly-once because
// the router's commands are idempotent per message id (processed_messages); the inbox only
// makes sure nothing acknowledged is forgotten.
//
// Only type imports from db.ts: db.ts lists this module's migration, and a runtime import back
// would be a cycle evaluated before MIGRATIONS exists.
import { log } from '../log.ts';
import type { Platform } from '../types.ts';
import type { Db, Migration } from './db.ts';

export const INBOX_MIGRATION: Migration = {
  version: 4,
  name: 'inbox: inbound events stored before their ack, replayed until done',
  sql: `
    -- One row per platform message (the key the router's idempotency uses: message_id for
    -- messages, event_id for card clicks). The payload is the normalised job, never a secret.
    -- id is the arrival order replay follows.
    CREATE TABLE inbox (
      id          INTEGER PRIMARY KEY,
      platform    TEXT NOT NULL,
      message_id  TEXT NOT NULL,
      event_id    TEXT NOT NULL,
      chat_id     TEXT NOT NULL,
      payload     TEXT NOT NULL CHECK (json_valid(payload)),
      state       TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
      attempts    INTEGER NOT NULL DEFAULT 0,
      received_at TEXT NOT NULL,
      done_at     TEXT,
      last_error  TEXT,
      UNIQUE (platform, message_id)
    );
    CREATE INDEX inbox_pending ON inbox (platform, id) WHERE state = 'pending';
    CREATE INDEX inbox_by_received ON inbox (received_at) WHERE state <> 'pending';
  `,
};

/** A crash while processing counts as an attempt too, so an event that kills the process
 * cannot restart-loop the bot: after this many it is marked failed. */
export const MAX_ATTEMPTS = 5;
/** Finished rows are kept this long (Feishu re-pushes for about 7 h), failed ones longer. */
export const DONE_TTL_MS = 24 * 3600_000;
export const FAILED_TTL_MS = 30 * 24 * 3600_000;

export interface InboxEvent {
  platform: Platform;
  /** the platform's delivery id (changes on a re-push) */
  eventId: string;
  /** the dedupe key: stable across re-pushes */
  messageId: string;
  chatId: string;
  payload: unknown;
}

export interface InboxEntry {
  platform: Platform;
  eventId: string;
  messageId: string;
  chatId: string;
  payload: unknown;
  attempts: number;
}

/** What admit() found:
 * - `new`: stored now, claimed by this process: process it;
 * - `resume`: stored earlier, never finished, not being processed here (a previous process
 *   died): claimed again, process it;
 * - `in-progress`: this process is processing it right now: nothing to do;
 * - `done` / `failed`: finished (or given up): a re-push to ignore. */
export type Admission = 'new' | 'resume' | 'in-progress' | 'done' | 'failed';

export interface Inbox {
  /** Stores the event durably (throws when it cannot: the caller must then not acknowledge). */
  admit(ev: InboxEvent): Admission;
  /** The handler threw: counts another attempt. False when the attempts are used up; the event
   * is then failed (with an error log line) and must not be tried again. */
  retry(platform: Platform, messageId: string, error: string): boolean;
  done(platform: Platform, messageId: string): void;
  /** Unfinished events of a platform in arrival order, each claimed with an attempt counted;
   * events out of attempts are marked failed instead of returned. */
  replay(platform: Platform): InboxEntry[];
  /** Counts by state (diagnostics, tests). */
  counts(platform?: Platform): { pending: number; done: number; failed: number };
}

export interface InboxOptions {
  now?: () => Date;
  maxAttempts?: number;
}

interface Row {
  id: number;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
}

/** The SQLite inbox. Claims ("being processed by this process") live in memory: one process
 * per data directory, and a process that died holds none. */
export function sqliteInbox(db: Db, opts: InboxOptions = {}): Inbox {
  const now = opts.now ?? (() => new Date());
  const max = opts.maxAttempts ?? MAX_ATTEMPTS;
  const claimed = new Set<string>();
  const key = (p: string, m: string) => `${p}\u0000${m}`;
  const st = {
    mark: db.prepare('INSERT OR IGNORE INTO platform_events (platform, event_id, at) VALUES (?, ?, ?)'),
    get: db.prepare('SELECT id, state, attempts FROM inbox WHERE platform = ? AND message_id = ?'),
    insert: db.prepare(
      `INSERT INTO inbox (platform, message_id, event_id, chat_id, payload, state, attempts, received_at)
       VALUES (?, ?, ?, ?, ?, 'pending', 1, ?)`,
    ),
    again: db.prepare("UPDATE inbox SET attempts = attempts + 1, event_id = ? WHERE id = ? AND state = 'pending'"),
    attempt: db.prepare("UPDATE inbox SET attempts = attempts + 1, last_error = COALESCE(?, last_error) WHERE id = ? AND state = 'pending'"),
    fail: db.prepare("UPDATE inbox SET state = 'failed', done_at = ?, last_error = ? WHERE id = ? AND state = 'pending'"),
    done: db.prepare("UPDATE inbox SET state = 'done', done_at = ? WHERE platform = ? AND message_id = ? AND state = 'pending'"),
    pending: db.prepare(
      "SELECT id, platform, message_id, event_id, chat_id, payload, attempts FROM inbox WHERE platform = ? AND state = 'pending' ORDER BY id",
    ),
    pruneEvents: db.prepare('DELETE FROM platform_events WHERE at < ?'),
    pruneDone: db.prepare("DELETE FROM inbox WHERE state = 'done' AND received_at < ?"),
    pruneFailed: db.prepare("DELETE FROM inbox WHERE state = 'failed' AND received_at < ?"),
    counts: db.prepare('SELECT state, COUNT(*) AS n FROM inbox WHERE (? IS NULL OR platform = ?) GROUP BY state'),
  };
  const tx = <T>(fn: () => T): T => db.transaction(fn).immediate();
  let lastPrune = 0;

  const giveUp = (platform: string, messageId: string, id: number, attempts: number, error: string) => {
    st.fail.run(now().toISOString(), error.slice(0, 500), id);
    log.error('inbox: event failed for good; not retried', { platform, messageId, attempts, error: error.slice(0, 200) });
  };

  function prune(t: Date): void {
    if (t.getTime() - lastPrune < 600_000) return;
    lastPrune = t.getTime();
    st.pruneEvents.run(new Date(t.getTime() - DONE_TTL_MS).toISOString());
    st.pruneDone.run(new Date(t.getTime() - DONE_TTL_MS).toISOString());
    st.pruneFailed.run(new Date(t.getTime() - FAILED_TTL_MS).toISOString());
  }

  return {
    admit(ev) {
      const k = key(ev.platform, ev.messageId);
      const messageId = ev.messageId.slice(0, 200);
      const t = now();
      return tx(() => {
        prune(t);
        st.mark.run(ev.platform, messageId, t.toISOString());
        const row = st.get.get(ev.platform, messageId) as Row | undefined;
        if (!row) {
          st.insert.run(ev.platform, messageId, ev.eventId.slice(0, 200), ev.chatId, JSON.stringify(ev.payload ?? null), t.toISOString());
          claimed.add(k);
          return 'new';
        }
        if (row.state !== 'pending') return row.state;
        if (claimed.has(k)) return 'in-progress';
        if (row.attempts >= max) {
          giveUp(ev.platform, messageId, row.id, row.attempts, 'attempts used up (crashed while processing?)');
          return 'failed';
        }
        st.again.run(ev.eventId.slice(0, 200), row.id);
        claimed.add(k);
        return 'resume';
      });
    },

    retry(platform, messageId, error) {
      return tx(() => {
        const row = st.get.get(platform, messageId) as Row | undefined;
        if (!row || row.state !== 'pending') return false;
        if (row.attempts >= max) {
          giveUp(platform, messageId, row.id, row.attempts, error);
          claimed.delete(key(platform, messageId));
          return false;
        }
        st.attempt.run(error.slice(0, 500), row.id);
        return true;
      });
    },

    done(platform, messageId) {
      st.done.run(now().toISOString(), platform, messageId);
      claimed.delete(key(platform, messageId));
    },

    replay(platform) {
      return tx(() => {
        const rows = st.pending.all(platform) as {
          id: number; platform: Platform; message_id: string; event_id: string; chat_id: string; payload: string; attempts: number;
        }[];
        const out: InboxEntry[] = [];
        for (const r of rows) {
          const k = key(r.platform, r.message_id);
          if (claimed.has(k)) continue;
          if (r.attempts >= max) {
            giveUp(r.platform, r.message_id, r.id, r.attempts, 'attempts used up (crashed while processing?)');
            continue;
          }
          st.attempt.run(null, r.id);
          claimed.add(k);
          out.push({
            platform: r.platform, eventId: r.event_id, messageId: r.message_id, chatId: r.chat_id,
            payload: JSON.parse(r.payload) as unknown, attempts: r.attempts + 1,
          });
        }
        return out;
      });
    },

    counts(platform) {
      const c = { pending: 0, done: 0, failed: 0 };
      for (const r of st.counts.all(platform ?? null, platform ?? null) as { state: keyof typeof c; n: number }[]) c[r.state] = r.n;
      return c;
    },
  };
}
