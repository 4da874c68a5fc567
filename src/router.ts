// One router for every platform: slash commands to their handlers, everything else is a
// question. A handler that throws never takes the bot down; the sender gets a short apology.
import { handleAsk } from '../handlers/ask.ts';
import { handleBind, handleDecide, handlePending, handleUnbind } from '../handlers/bind.ts';
import { handleHelp } from '../handlers/help.ts';
import { handleLagging } from '../handlers/lagging.ts';
import { handleMilestoneAdd, handleMilestoneDelete, handleMilestoneEdit, handleMilestoneList } from '../handlers/milestone.ts';
import { handleMine } from '../handlers/mine.ts';
import { handleView } from '../handlers/progress.ts';
import { handleEdit, handleReport } from '../handlers/report.ts';
import { handleLeader, handleWhoami } from '../handlers/roles.ts';
import { handleSummary } from '../handlers/summary.ts';
import { handleUndo } from '../handlers/undo.ts';
import { handleSubscribe } from '../handlers/subscribe.ts';
import { handlePushAddress } from '../handlers/webhook.ts';
import { maskKey, type WebhookStore } from './platforms/wecom/webhookStore.ts';
import { appendAudit } from './store/audit.ts';
import { userKey } from './store/users.ts';
import type { AnswerContext } from './answer/context.ts';
import { duplicateReply, makeCtx, Refusal, type Ctx } from './commands/context.ts';
import { parseCommand, type Command } from './commands/parse.ts';
import { log } from './log.ts';
import type { RoleConfig } from './progress/access.ts';
import { localYear } from './progress/time.ts';
import type { Db } from './store/db.ts';
import { processedReply } from './store/processed.ts';
import type { IncomingMessage, OutgoingReply } from './types.ts';

export interface RouterDeps {
  knowledge: AnswerContext;
  /** The progress store. Without it, commands that read or write progress say it is off. */
  db?: Db;
  /** Admins and leaders from config (ADMINS, LEADERS). */
  roles?: RoleConfig;
  /** The clock; read once per message. */
  now?: () => Date;
  /** WeCom group webhooks (/推送地址). */
  webhooks?: WebhookStore;
  /** Extra commands contributed by features outside the progress core (/看板). A Map: the key is
   * what the user typed, and a plain object would answer "/constructor" or "/toString" with
   * Object.prototype's functions. */
  extraCommands?: ReadonlyMap<string, ExtraCommand>;
}

export type ExtraCommand = (msg: IncomingMessage) => OutgoingReply | Promise<OutgoingReply>;

export const MAX_MESSAGE_CHARS = 2000;

export const QUOTED_COMMAND_REPLY = '引用的消息里的命令不会执行（引用的是别人说的话）。如需执行，请自己发送这条命令。';

const NO_ROLES: RoleConfig = { admins: new Set(), leaders: new Set() };

export function isCommand(text: string): boolean {
  return /^[/／]/.test(text.trim());
}

type StoreCommand = Exclude<Command, { kind: 'help' | 'invalid' | 'unknown' }>;

/** Commands that write: checked against processed_messages before anything else. */
const WRITES = new Set<Command['kind']>([
  'report', 'edit', 'undo', 'milestone-add', 'milestone-edit', 'milestone-delete',
  'bind', 'unbind', 'approve', 'reject', 'leader-grant', 'leader-revoke',
]);

function dispatch(ctx: Ctx, cmd: StoreCommand): OutgoingReply {
  switch (cmd.kind) {
    case 'report': return handleReport(ctx, cmd);
    case 'edit': return handleEdit(ctx, cmd);
    case 'undo': return handleUndo(ctx, cmd);
    case 'view': return handleView(ctx, cmd);
    case 'mine': return handleMine(ctx);
    case 'milestone-add': return handleMilestoneAdd(ctx, cmd);
    case 'milestone-list': return handleMilestoneList(ctx, cmd);
    case 'milestone-edit': return handleMilestoneEdit(ctx, cmd);
    case 'milestone-delete': return handleMilestoneDelete(ctx, cmd);
    case 'lagging': return handleLagging(ctx, cmd);
    case 'summary':
    case 'summary-of': return handleSummary(ctx, cmd);
    case 'bind': return handleBind(ctx, cmd);
    case 'unbind': return handleUnbind(ctx, cmd);
    case 'approve':
    case 'reject': return handleDecide(ctx, cmd);
    case 'pending': return handlePending(ctx);
    case 'whoami': return handleWhoami(ctx);
    case 'leader-list':
    case 'leader-grant':
    case 'leader-revoke': return handleLeader(ctx, cmd);
  }
}

const SUBSCRIBE = /^[/／]\s*(订阅|退订|subscribe|unsubscribe|dy|td)(?=\s|$)\s*([\s\S]*)$/i;
const PUSH_ADDRESS = /^[/／]\s*(推送地址|webhook)(?=\s|$)/i;

/** Commands of the reminder and platform features, handled before the progress parser. */
function featureCommand(msg: IncomingMessage, deps: RouterDeps, instant: Date): OutgoingReply | Promise<OutgoingReply> | undefined {
  const text = msg.text;
  const name = text.replace(/^[/／]\s*/, '').split(/\s/)[0] ?? '';
  const extra = deps.extraCommands?.get(name);
  if (extra) return extra(msg);
  const sub = text.match(SUBSCRIBE);
  if (sub) {
    if (!deps.db) return { text: '订阅需要数据库，当前没有打开。' };
    const on = !/^(退订|unsubscribe|td)$/i.test(sub[1]!);
    const ctx = makeCtx({ db: deps.db, roles: deps.roles ?? NO_ROLES, now: () => instant, tasks: deps.knowledge.kb.keyTasks }, msg);
    try {
      return handleSubscribe(ctx, sub[2] ?? '', on, deps.webhooks);
    } catch (err) {
      if (err instanceof Refusal) return { text: err.reply };
      throw err;
    }
  }
  if (PUSH_ADDRESS.test(text)) {
    const webhooks = deps.webhooks;
    if (!webhooks || !deps.db) return { text: '推送地址只用于企业微信群，当前没有启用企业微信。' };
    const db = deps.db;
    const before = webhooks.get(msg.chatId);
    const reply = handlePushAddress(
      { ...msg, text: text.replace(/^[/／]\s*webhook/i, '/推送地址') },
      { webhooks, isAdmin: (m) => (deps.roles ?? NO_ROLES).admins.has(userKey(m)), now: () => instant },
    );
    const after = webhooks.get(msg.chatId);
    if (before?.key !== after?.key)
      appendAudit(db, {
        at: instant.toISOString(), platform: msg.platform, userId: msg.userId, userName: msg.userName, chatId: msg.chatId,
        messageId: msg.messageId, action: after ? 'webhook.set' : 'webhook.remove', entity: 'webhook', entityId: msg.chatId,
        // The key is a secret: the audit keeps only its masked form.
        before: before ? maskKey(before.key) : null, after: after ? maskKey(after.key) : null,
      });
    return reply;
  }
  return undefined;
}

function runCommand(msg: IncomingMessage, deps: RouterDeps): OutgoingReply | Promise<OutgoingReply> {
  const now = deps.now ?? (() => new Date());
  const instant = now();
  const feature = featureCommand(msg, deps, instant);
  if (feature) return feature;
  const cmd = parseCommand(msg.text, { year: localYear(instant), mentionNames: msg.mentions?.map((m) => m.name) ?? [] });
  if (!cmd || cmd.kind === 'unknown') {
    const name = cmd?.kind === 'unknown' ? cmd.name : '';
    return { text: `不认识的命令“/${name}”。发送 /帮助 查看可用命令，或直接提问。` };
  }
  if (cmd.kind === 'help') return handleHelp();
  if (cmd.kind === 'invalid') return { text: cmd.reply };
  const db = deps.db;
  if (!db) return { text: '进展填报没有启用（没有打开数据库），现在只能提问。' };
  if (WRITES.has(cmd.kind)) {
    const prior = processedReply(db, msg.platform, msg.messageId);
    if (prior !== undefined) return duplicateReply(prior);
  }
  const ctx = makeCtx({ db, roles: deps.roles ?? NO_ROLES, now: () => instant, tasks: deps.knowledge.kb.keyTasks }, msg);
  try {
    const reply = dispatch(ctx, cmd);
    log.info('command', { platform: msg.platform, chat: msg.chatId, kind: cmd.kind });
    return reply;
  } catch (err) {
    if (err instanceof Refusal) {
      log.info('command refused', { platform: msg.platform, chat: msg.chatId, kind: cmd.kind });
      return { text: err.reply };
    }
    throw err;
  }
}

export async function route(msg: IncomingMessage, deps: RouterDeps): Promise<OutgoingReply> {
  try {
    const text = msg.text.trim();
    if (text.length > MAX_MESSAGE_CHARS) {
      log.warn('message too long', { platform: msg.platform, chat: msg.chatId, chars: text.length });
      const command = isCommand(text) ? `没有记录。进展每条限500字，例如：/进展 28 已开工建设120套，完成率30%` : '';
      return { text: `消息太长（${text.length}字），请精简到${MAX_MESSAGE_CHARS}字以内再发。${command}` };
    }
    if (isCommand(text)) {
      if (msg.textIsQuote) return { text: QUOTED_COMMAND_REPLY };
      return await runCommand({ ...msg, text }, deps);
    }
    return handleAsk({ ...msg, text }, deps.knowledge);
  } catch (err) {
    log.error('handler failed', { platform: msg.platform, chat: msg.chatId, err: String(err) });
    return { text: '抱歉，处理这条消息时出错了，已记录。请稍后再试。' };
  }
}
