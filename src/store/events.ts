// Persistent dedupe of platform events: Feishu re-sends an event for about 7 hours and WeCom
// retries callbacks, so "seen" must survive a restart. Entries older than a day are pruned.
import type { EventDedupe } from '../platforms/types.ts';
import type { Db } from './db.ts';

export const EVENT_TTL_MS = 24 * 3600_000;

export function sqliteDedupe(db: Db, now: () => Date = () => new Date()): EventDedupe {
  const insert = db.prepare('INSERT OR IGNORE INTO platform_events (platform, event_id, at) VALUES (?, ?, ?)');
  const prune = db.prepare('DELETE FROM platform_events WHERE at < ?');
  let lastPrune = 0;
  return {
    firstSeen(platform, eventId) {
      const t = now();
      if (t.getTime() - lastPrune > 600_000) {
        prune.run(new Date(t.getTime() - EVENT_TTL_MS).toISOString());
        lastPrune = t.getTime();
      }
      return insert.run(platform, eventId.slice(0, 200), t.toISOString()).changes > 0;
    },
  };
}
