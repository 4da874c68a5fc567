// The append-only audit log: who, when, platform, chat, platform message id, what, before and
// after. Rows are only ever inserted; triggers in the schema refuse UPDATE and DELETE.
import { prepared, type Db } from './db.ts';

export interface AuditEntry {
  at: string;
  platform: string;
  userId: string;
  userName: string;
  chatId: string;
  messageId: string;
  /** report.create, report.edit, report.revoke, milestone.create, milestone.edit,
   * milestone.delete, binding.request, binding.create, binding.approve, binding.reject,
   * binding.remove, role.grant, role.revoke, task.chase, instruction.create, instruction.sign,
   * closure.request, closure.close, closure.return, closure.withdraw, closure.reopen, evidence.attach */
  action: string;
  entity: 'report' | 'milestone' | 'binding' | 'role' | 'subscription' | 'webhook' | 'task' | 'chase' | 'instruction' | 'closure' | 'evidence';
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface AuditRow extends Omit<AuditEntry, 'before' | 'after'> {
  id: number;
  /** JSON text, or null */
  before: string | null;
  after: string | null;
}

export function appendAudit(db: Db, e: AuditEntry): number {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const info = prepared(db,
      `INSERT INTO audit (at, platform, user_id, user_name, chat_id, message_id, action, entity, entity_id, before, after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(e.at, e.platform, e.userId, e.userName, e.chatId, e.messageId, e.action, e.entity, e.entityId, json(e.before), json(e.after));
  return Number(info.lastInsertRowid);
}

/** The newest `limit` rows, returned oldest first (the order they happened). */
export function listAudit(db: Db, opts: { limit?: number } = {}): AuditRow[] {
  const limit = Math.max(1, Math.floor(opts.limit ?? 50));
  const rows = prepared(db,
      `SELECT id, at, platform, user_id AS userId, user_name AS userName, chat_id AS chatId, message_id AS messageId,
         action, entity, entity_id AS entityId, before, after
       FROM audit ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as AuditRow[];
  return rows.reverse();
}

export function countAudit(db: Db): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM audit').get() as { n: number }).n;
}
