// One router for every platform: slash commands through the command registry, everything else
// is a question. Every command takes the same steps — size guard, lookup, services, parse,
// dedupe, permission, run (inside the write transaction when it writes), reply — and one
// boundary turns a refusal into its reply and any other throw into the one apology.
import { handleAsk } from '../handlers/ask.ts';
import type { AnswerContext } from './answer/context.ts';
import { defaultRegistry } from './commands/all.ts';
import { duplicateReply, makeCtx, Refusal, actorOf, type Ctx } from './commands/context.ts';
import { CONTROL, CONTROL_REPLY } from './commands/parse.ts';
import { renderHelp, type CommandRegistry } from './commands/registry.ts';
import { offReply, type Need, type RunCtx, type Services } from './commands/spec.ts';
import { log } from './log.ts';
import { canReadAll, type RoleConfig } from './progress/access.ts';
import { localYear } from './progress/time.ts';
import { writeTx, type Db } from './store/db.ts';
import { markProcessed, processedReply } from './store/processed.ts';
import { touchUser } from './store/users.ts';
import type { WebhookStore } from './platforms/wecom/webhookStore.ts';
import type { IncomingMessage, OutgoingReply } from './types.ts';
import type { ItemOptions } from './items/catalog.ts';
import { askContext } from './liveContext.ts';
import { accessOf } from './progress/liveView.ts';

export interface RouterDeps {
  /** The answer context of the active task list; a function when the list can change while the
   * bot runs (src/taskList.ts). */
  knowledge: AnswerContext | (() => AnswerContext);
  /** The progress store. Without it, commands that need it say it is off. */
  db?: Db;
  /** Admins and leaders from config (ADMINS, LEADERS). */
  roles: RoleConfig;
  /** The clock; read once per message. */
  now: () => Date;
  /** WeCom group webhooks (/推送地址); off without WeCom. */
  webhooks?: WebhookStore;
  /** Signed links (/看板, /导出); off without DASHBOARD_SECRET. */
  dashboard?: Services['dashboard'];
  /** Group posts of /催办 and /批示 (the outbox); off without it. */
  notify?: Services['notify'];
  /** The commands (defaultRegistry() in src/commands/all.ts for all of them). */
  commands: CommandRegistry;
  /** How list texts are read into milestones (汛期前 …; REMIND_FLOOD_SEASON_START). */
  itemOptions?: ItemOptions;
  /** The data directory: its archived years answer "2026年第28项…" after a year switch. */
  dataDir?: string;
}

export const MAX_MESSAGE_CHARS = 2000;

export const QUOTED_COMMAND_REPLY = '引用的消息里的命令不会执行（引用的是别人说的话）。如需执行，请自己发送这条命令。';

export const APOLOGY = '抱歉，处理这条消息时出错了，已记录。请稍后再试。';


export function isCommand(text: string): boolean {
  return /^[/／]/.test(text.trim());
}

function servicesOf(deps: RouterDeps): Services {
  const k = deps.knowledge;
  return {
    knowledge: typeof k === 'function' ? k : () => k,
    roles: deps.roles,
    now: deps.now,
    ...(deps.db ? { db: deps.db } : {}),
    ...(deps.itemOptions ? { itemOptions: deps.itemOptions } : {}),
    ...(deps.webhooks ? { webhooks: deps.webhooks } : {}),
    ...(deps.dashboard ? { dashboard: deps.dashboard } : {}),
    ...(deps.notify ? { notify: deps.notify } : {}),
  };
}

/** What the boundary needs to log a refusal. */
interface Trace {
  kind?: string;
}

async function runCommand(msg: IncomingMessage, deps: RouterDeps, trace: Trace): Promise<OutgoingReply> {
  const registry = deps.commands;
  const services = servicesOf(deps);
  const instant = services.now();
  const found = registry.lookup(msg.text);
  if (!found?.hit) return { text: `不认识的命令“/${found?.name ?? ''}”。发送 /帮助 查看可用命令，或直接提问。` };
  const { spec } = found;
  trace.kind = spec.id;
  if (CONTROL.test(found.text)) return { text: CONTROL_REPLY };
  if (spec.id === 'help') return { text: renderHelp(registry) };
  const off = (spec.needs ?? []).find((n: Need) => services[n] === undefined);
  if (off) return { text: spec.offReply?.[off] ?? offReply(off) };

  const parsed = spec.parse(found.rest, { year: localYear(instant), mentionNames: msg.mentions?.map((m) => m.name) ?? [] });
  if (!parsed.ok) return { text: parsed.reply };
  const args: unknown = parsed.args;
  trace.kind = (args as { kind?: string } | null)?.kind ?? spec.id;
  const writes = typeof spec.writes === 'function' ? spec.writes(args) : spec.writes;
  const db = services.db;
  if (writes && !db) return { text: offReply('db') };
  // A redelivered write answers with what was recorded, before anything is checked again: the
  // sender's rights may have changed since.
  if (writes) {
    const prior = processedReply(db!, msg.platform, msg.messageId);
    if (prior !== undefined) return duplicateReply(prior);
  }
  if (spec.platforms && !spec.platforms.only.includes(msg.platform)) return { text: spec.platforms.refusal };
  if (spec.chat && (spec.chat.only === 'direct') !== msg.isDirect) return { text: spec.chat.refusal };
  const access = typeof spec.access === 'function' ? spec.access(args) : spec.access;
  if (access.who !== 'anyone') {
    if (!db) return { text: offReply('db') };
    const actor = actorOf(db, services.roles, msg);
    const ok = access.who === 'admin' ? actor.isAdmin : canReadAll(actor);
    if (!ok) throw new Refusal(access.refusal);
  }

  let ctx: Ctx | undefined;
  const c: RunCtx = {
    msg,
    services,
    instant,
    progress: () => (ctx ??= makeCtx({ db: db!, roles: services.roles, now: () => instant, tasks: services.knowledge().kb.keyTasks, kb: services.knowledge().kb, ...(services.itemOptions ? { itemOptions: services.itemOptions } : {}) }, msg)),
  };
  const reply = writes
    ? writeTx(db!, () => {
        const prior = processedReply(db!, msg.platform, msg.messageId);
        if (prior !== undefined) return duplicateReply(prior);
        const r = spec.run(c, args);
        if (r instanceof Promise) throw new Error(`command ${spec.id}: a write must return synchronously`);
        // Handlers of the progress core record both themselves (commitWrite, nested here as a
        // savepoint); for any other write the router does, so every write is exactly-once.
        if (processedReply(db!, msg.platform, msg.messageId) === undefined) {
          touchUser(db!, { platform: msg.platform, userId: msg.userId, name: msg.userName }, instant.toISOString());
          markProcessed(db!, msg.platform, msg.messageId, instant.toISOString(), r.text);
        }
        return r;
      })
    : await spec.run(c, args);
  // After the commit: the rows it wrote are visible to the drainer, and a rollback left none.
  if (writes && spec.posts) services.notify?.kick();
  log.info('command', { platform: msg.platform, chat: msg.chatId, kind: trace.kind });
  return reply;
}

export async function route(msg: IncomingMessage, deps: RouterDeps): Promise<OutgoingReply> {
  const trace: Trace = {};
  try {
    const text = msg.text.trim();
    if (text.length > MAX_MESSAGE_CHARS) {
      log.warn('message too long', { platform: msg.platform, chat: msg.chatId, chars: text.length });
      const command = isCommand(text) ? `没有记录。进展每条限500字，例如：/进展 28 已开工建设120套，完成率30%` : '';
      return { text: `消息太长（${text.length}字），请精简到${MAX_MESSAGE_CHARS}字以内再发。${command}` };
    }
    if (isCommand(text)) {
      if (msg.textIsQuote) return { text: QUOTED_COMMAND_REPLY };
      return await runCommand({ ...msg, text }, deps, trace);
    }
    const k = deps.knowledge;
    const base = typeof k === 'function' ? k() : k;
    // Live questions read the store as this sender may (/进展's rights), at this message's instant.
    const ctx = deps.db
      ? askContext(base, { db: deps.db, now: deps.now(), access: accessOf(actorOf(deps.db, deps.roles, msg)), ...(deps.dataDir ? { dataDir: deps.dataDir } : {}), ...(deps.itemOptions ? { itemOptions: deps.itemOptions } : {}) })
      : base;
    return handleAsk({ ...msg, text }, ctx);
  } catch (err) {
    if (err instanceof Refusal) {
      log.info('command refused', { platform: msg.platform, chat: msg.chatId, kind: trace.kind });
      return { text: err.reply };
    }
    // A store that is busy, locked or failing is worth another attempt: rethrown, the adapter's
    // inbox retries it (bounded) instead of marking the event done with an apology — a report
    // acknowledged to the platform must not be lost to a moment of contention.
    if (isTransientStoreError(err)) throw err;
    log.error('handler failed', { platform: msg.platform, chat: msg.chatId, err: String(err) });
    return { text: APOLOGY };
  }
}

const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|NOMEM)/;

export function isTransientStoreError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}
