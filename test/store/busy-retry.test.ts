// A moment of contention on the store must not cost an acknowledged report: the router rethrows a
// busy store, the inbox retries (bounded), and the report is stored once — not answered with an
// apology and marked done.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { attemptHandle } from '../../src/platforms/attempt.ts';
import { route, APOLOGY } from '../../src/router.ts';
import { openDb } from '../../src/store/db.ts';
import { sqliteInbox } from '../../src/store/inbox.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { routerDeps } from '../helpers/router.ts';

const dir = tempDataDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a busy store', () => {
  it('is retried through the inbox until the write lands, once', async () => {
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const db = openDb(dir, { busyTimeoutMs: 20 });
      const other = openDb(dir);
      const inbox = sqliteInbox(db);
      const deps = routerDeps({ knowledge: knowledgeContext(), db, roles: { admins: new Set(['feishu:admin']), leaders: new Set<string>() } });
      const msg = { platform: 'feishu' as const, messageId: 'om_busy', chatId: 'oc_1', isDirect: false, userId: 'admin', userName: '督查室', text: '/进展 28 已开工120套', receivedAt: new Date() };
      expect(inbox.admit({ platform: 'feishu', eventId: 'ev1', messageId: msg.messageId, chatId: msg.chatId, payload: msg })).toBe('new');
      // Another process holds the write lock for a while.
      other.prepare('BEGIN IMMEDIATE').run();
      setTimeout(() => other.prepare('COMMIT').run(), 350);
      const { reply, final } = await attemptHandle(inbox, (m) => route(m, deps), msg, APOLOGY);
      expect(final).toBe(true);
      expect(reply.text).toContain('已记录');
      expect((db.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n).toBe(1);
      other.close();
      db.close();
    } finally {
      quiet.mockRestore();
    }
  });
});
