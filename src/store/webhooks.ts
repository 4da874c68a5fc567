// SQLite-backed WeCom webhook store (see src/platforms/wecom/webhookStore.ts). The key is a
// secret: this module never logs.
import type { WebhookBinding, WebhookStore } from '../platforms/wecom/webhookStore.ts';
import type { Db } from './db.ts';

export function sqliteWebhookStore(db: Db): WebhookStore {
  const row = (r: { chatId: string; key: string; setBy: string; setAt: string } | undefined): WebhookBinding | undefined =>
    r && { chatId: r.chatId, key: r.key, setBy: r.setBy, setAt: new Date(r.setAt) };
  const SELECT = 'SELECT chat_id AS chatId, key, set_by AS setBy, set_at AS setAt FROM wecom_webhooks';
  return {
    get: (chatId) => row(db.prepare(`${SELECT} WHERE chat_id = ?`).get(chatId) as Parameters<typeof row>[0]),
    set: (chatId, key, setBy, at) =>
      void db
        .prepare('INSERT INTO wecom_webhooks (chat_id, key, set_by, set_at) VALUES (?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET key = excluded.key, set_by = excluded.set_by, set_at = excluded.set_at')
        .run(chatId, key, setBy, at.toISOString()),
    remove: (chatId) => void db.prepare('DELETE FROM wecom_webhooks WHERE chat_id = ?').run(chatId),
    list: () => (db.prepare(`${SELECT} ORDER BY chat_id`).all() as NonNullable<Parameters<typeof row>[0]>[]).map((r) => row(r)!),
  };
}
