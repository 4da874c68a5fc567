// A group chat for tests: say(user, chat, text) goes through the real router with a fresh
// SQLite file in a temp DATA_DIR and a clock the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { setLogLevel } from '../../src/log.ts';
import { route, type RouterDeps } from '../../src/router.ts';
import { defaultRegistry } from '../../src/commands/all.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import type { AuditRow } from '../../src/store/audit.ts';
import type { ReportRow } from '../../src/store/reports.ts';
import type { MilestoneRow } from '../../src/store/milestones.ts';
import type { IncomingMessage, OutgoingReply, Platform } from '../../src/types.ts';

export interface ChatOptions {
  /** display names of admins (督查室) */
  admins?: string[];
  /** display names of config leaders */
  leaders?: string[];
  /** ISO instant the clock starts at */
  start?: string;
}

export interface SayOptions {
  messageId?: string;
  mentions?: string[];
  platform?: Platform;
}

setLogLevel('warn');

/** Users are named in tests; their platform id is derived from the name. */
export const idOf = (name: string) => `id-${name}`;

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'duban-test-'));
}

export function makeChat(opts: ChatOptions = {}) {
  const dir = tempDataDir();
  const db: Db = openDb(dir);
  let now = new Date(opts.start ?? '2026-03-05T02:00:00Z'); // 3月5日 10:00 in 汨罗
  const key = (n: string) => `feishu:${idOf(n)}`;
  const deps: RouterDeps = {
    knowledge: knowledgeContext(),
    db,
    roles: { admins: new Set((opts.admins ?? []).map(key)), leaders: new Set((opts.leaders ?? []).map(key)) },
    now: () => now,
    commands: defaultRegistry(),
  };
  let seq = 0;
  let last: IncomingMessage | undefined;

  async function sayFull(user: string, chat: string, text: string, o: SayOptions = {}): Promise<OutgoingReply> {
    const msg: IncomingMessage = {
      platform: o.platform ?? 'feishu',
      messageId: o.messageId ?? `msg-${++seq}`,
      chatId: chat,
      isDirect: false,
      userId: idOf(user),
      userName: user,
      text,
      receivedAt: now,
      ...(o.mentions ? { mentions: o.mentions.map((n) => ({ userId: idOf(n), name: n })) } : {}),
    };
    last = msg;
    return route(msg, deps);
  }

  return {
    dir,
    db,
    deps,
    say: async (user: string, chat: string, text: string, o: SayOptions = {}) => (await sayFull(user, chat, text, o)).text,
    sayFull,
    lastMessage: () => last,
    /** moves the clock */
    at(iso: string) {
      now = new Date(iso);
    },
    advanceHours(h: number) {
      now = new Date(now.getTime() + h * 3600_000);
    },
    reports: (taskNo?: number) =>
      (taskNo === undefined
        ? db.prepare('SELECT id, task_no AS taskNo, user_name AS userName, unit, text, percent, status, message_id AS messageId, revoked_at AS revokedAt, edited_at AS editedAt FROM reports ORDER BY id').all()
        : db.prepare('SELECT id, task_no AS taskNo, user_name AS userName, unit, text, percent, status, message_id AS messageId, revoked_at AS revokedAt, edited_at AS editedAt FROM reports WHERE task_no = ? ORDER BY id').all(taskNo)) as Pick<
        ReportRow,
        'id' | 'taskNo' | 'userName' | 'unit' | 'text' | 'percent' | 'status' | 'messageId' | 'revokedAt' | 'editedAt'
      >[],
    milestones: () =>
      db.prepare('SELECT id, task_no AS taskNo, due_date AS dueDate, due_label AS dueLabel, text, target_percent AS targetPercent, unit, deleted_at AS deletedAt FROM milestones ORDER BY id').all() as Pick<
        MilestoneRow,
        'id' | 'taskNo' | 'dueDate' | 'dueLabel' | 'text' | 'targetPercent' | 'unit' | 'deletedAt'
      >[],
    bindings: () =>
      db.prepare('SELECT id, user_id AS userId, unit, status FROM bindings ORDER BY id').all() as { id: number; userId: string; unit: string; status: string }[],
    audit: () =>
      db.prepare('SELECT id, action, entity, entity_id AS entityId, user_name AS userName, chat_id AS chatId, message_id AS messageId, before, after FROM audit ORDER BY id').all() as Pick<
        AuditRow,
        'id' | 'action' | 'entity' | 'entityId' | 'userName' | 'chatId' | 'messageId' | 'before' | 'after'
      >[],
    count: (table: 'reports' | 'milestones' | 'bindings' | 'audit' | 'processed_messages' | 'roles' | 'users') =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Chat = ReturnType<typeof makeChat>;

/** Binds `who` to `unit` the way people do it: request, then an admin approves. */
export async function bindVia(chat: Chat, admin: string, who: string, unit: string): Promise<void> {
  const r = await chat.say(who, 'g', `/绑定 ${unit}`);
  const id = r.match(/申请#(\d+)/)?.[1];
  if (!id) throw new Error(`binding request failed: ${r}`);
  const ok = await chat.say(admin, 'g', `/批准 ${id}`);
  if (!ok.startsWith('已批准')) throw new Error(`approval failed: ${ok}`);
}
