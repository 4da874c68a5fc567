// What every command handler gets: the message, the sender's roles, the store, the task list
// and the time of this message (read once from the injected clock). Plus the two rules every
// write follows: refusals are exceptions that roll back, and a write commits together with its
// audit row and its processed-message row before the reply is returned.
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';
import type { ItemRef } from '../items/address.ts';
import { catalogOf, lookupItem, type ItemCatalog, type ItemOptions, type SupervisedItem } from '../items/catalog.ts';
import { knownUnits, type Actor, type RoleConfig } from '../progress/access.ts';
import { localDate, localYear } from '../progress/time.ts';
import { appendAudit, type AuditEntry } from '../store/audit.ts';
import { writeTx, type Db } from '../store/db.ts';
import { markProcessed, processedReply } from '../store/processed.ts';
import { activeUnitsOf, getLeaderRole, touchUser, userKey } from '../store/users.ts';
import type { IncomingMessage, OutgoingReply } from '../types.ts';

export interface ProgressDeps {
  db: Db;
  roles: RoleConfig;
  now: () => Date;
  tasks: readonly KeyTask[];
  /** the knowledge base the tasks are from: its other lists become items (src/items/) */
  kb?: KnowledgeBase;
  itemOptions?: ItemOptions;
}

export interface Ctx extends ProgressDeps {
  msg: IncomingMessage;
  actor: Actor;
  /** this message's instant, ISO */
  at: string;
  /** local calendar date, yyyy-mm-dd */
  today: string;
  year: number;
  /** an item of any list by its store number (a key task by its own number) */
  task(no: number): SupervisedItem | undefined;
  /** every supervised list */
  items: ItemCatalog;
  units: ReadonlySet<string>;
}

/** A refusal or a validation failure: the reply to send, nothing written. Thrown inside a
 * write transaction it rolls the transaction back. */
export class Refusal extends Error {
  constructor(readonly reply: string) {
    super(reply);
  }
}

export function refuse(reply: string): never {
  throw new Refusal(reply);
}

const lookups = new WeakMap<readonly KeyTask[], { byNo: Map<number, KeyTask>; units: Set<string> }>();

function lookupsOf(tasks: readonly KeyTask[]) {
  let l = lookups.get(tasks);
  if (!l) {
    l = { byNo: new Map(tasks.map((t) => [t.no, t])), units: knownUnits(tasks) };
    lookups.set(tasks, l);
  }
  return l;
}

export function actorOf(db: Db, roles: RoleConfig, msg: IncomingMessage): Actor {
  const key = userKey(msg);
  const dbLeader = getLeaderRole(db, msg.platform, msg.userId);
  return {
    platform: msg.platform,
    userId: msg.userId,
    name: msg.userName,
    isAdmin: roles.admins.has(key),
    leader: dbLeader ? { person: dbLeader.person } : roles.leaders.has(key) ? { person: null } : null,
    units: activeUnitsOf(db, msg.platform, msg.userId),
  };
}

const bare = new WeakMap<readonly KeyTask[], KnowledgeBase>();

/** A knowledge base holding only these tasks, for callers that give no base. */
function tasksOnly(tasks: readonly KeyTask[]): KnowledgeBase {
  let kb = bare.get(tasks);
  if (!kb) {
    kb = { keyTasks: [...tasks], livelihood: [], indicators: [], voted: [], measures: [], passages: [], contradictions: [], directory: { people: [], units: [], towns: [] } };
    bare.set(tasks, kb);
  }
  return kb;
}

export function itemsOf(deps: Pick<ProgressDeps, 'tasks' | 'kb' | 'itemOptions'>): ItemCatalog {
  const kb = deps.kb && deps.kb.keyTasks === deps.tasks ? deps.kb : deps.kb ? { ...deps.kb, keyTasks: [...deps.tasks] } : tasksOnly(deps.tasks);
  return catalogOf(kb, deps.itemOptions);
}

const catalogUnits = new WeakMap<ItemCatalog, Set<string>>();

function unitsOf(items: ItemCatalog, keyUnits: ReadonlySet<string>): ReadonlySet<string> {
  let u = catalogUnits.get(items);
  if (!u) catalogUnits.set(items, (u = new Set([...keyUnits, ...knownUnits(items.all)])));
  return u;
}

export function makeCtx(deps: ProgressDeps, msg: IncomingMessage): Ctx {
  const now = deps.now();
  const l = lookupsOf(deps.tasks);
  const items = itemsOf(deps);
  return {
    ...deps,
    msg,
    actor: actorOf(deps.db, deps.roles, msg),
    at: now.toISOString(),
    today: localDate(now),
    year: localYear(now),
    task: (no) => items.byNo.get(no),
    items,
    // a liaison may bind to a unit any list names (开局八好 names units the key tasks do not)
    units: unitsOf(items, l.units),
  };
}

/** The item a command names: a list address through the catalog (a bad one refused with its
 * reply), a key task number as before. `via` says when the address stands for another item
 * (票决1 → 第54项). */
export function requireItem(ctx: Ctx, cmd: { taskNo: number; ref?: ItemRef }, example: (n: number) => string): { item: SupervisedItem; via?: string } {
  if (!cmd.ref) {
    requireTask(ctx, cmd.taskNo, example);
    return { item: ctx.task(cmd.taskNo)! };
  }
  const hit = lookupItem(ctx.items, cmd.ref, ctx.actor);
  if ('error' in hit) refuse(hit.error);
  return hit;
}

export function requireTask(ctx: Ctx, no: number, example: (n: number) => string): KeyTask {
  const t = ctx.task(no);
  if (t) return t;
  const nos = ctx.tasks.map((x) => x.no);
  const range = nos.length ? `第${Math.min(...nos)}–${Math.max(...nos)}项` : '暂无任务';
  refuse(`没有第${no}项。重点工作任务共${nos.length}项（${range}），请检查编号，例如：${example(28)}`);
}

export function duplicateReply(prior: string): OutgoingReply {
  return { text: `这条消息已经处理过（平台重复投递），已记录的内容不会重复写入。上次的回复：\n${prior}` };
}

/** Runs `work` in one immediate transaction that also records the sender in users and the
 * message in processed_messages; returns only after the commit. A message id seen before gets
 * the already-recorded reply and writes nothing. */
export function commitWrite(ctx: Ctx, work: () => OutgoingReply): OutgoingReply {
  const { db, msg } = ctx;
  return writeTx(db, () => {
    const prior = processedReply(db, msg.platform, msg.messageId);
    if (prior !== undefined) return duplicateReply(prior);
    touchUser(db, { platform: msg.platform, userId: msg.userId, name: msg.userName }, ctx.at);
    const reply = work();
    markProcessed(db, msg.platform, msg.messageId, ctx.at, reply.text);
    return reply;
  });
}

export function audit(
  ctx: Ctx,
  e: Pick<AuditEntry, 'action' | 'entity' | 'before' | 'after'> & { entityId: string | number },
): void {
  const { msg } = ctx;
  appendAudit(ctx.db, {
    at: ctx.at,
    platform: msg.platform,
    userId: msg.userId,
    userName: msg.userName,
    chatId: msg.chatId,
    messageId: msg.messageId,
    action: e.action,
    entity: e.entity,
    entityId: String(e.entityId),
    before: e.before,
    after: e.after,
  });
}
