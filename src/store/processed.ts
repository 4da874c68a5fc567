// Idempotency on (platform, message id): platforms redeliver. A message that wrote something is
// recorded in the same transaction as the write, together with the reply that acknowledged it.
import { prepared, type Db } from './db.ts';

export function processedReply(db: Db, platform: string, messageId: string): string | undefined {
  const row = prepared(db, 'SELECT reply FROM processed_messages WHERE platform = ? AND message_id = ?').get(platform, messageId) as
    | { reply: string }
    | undefined;
  return row?.reply;
}

/** Throws (SQLITE_CONSTRAINT_PRIMARYKEY) when the message was already recorded, which rolls
 * back the surrounding transaction. */
export function markProcessed(db: Db, platform: string, messageId: string, at: string, reply: string): void {
  prepared(db, 'INSERT INTO processed_messages (platform, message_id, at, reply) VALUES (?, ?, ?, ?)').run(platform, messageId, at, reply);
}
