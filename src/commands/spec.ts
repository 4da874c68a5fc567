// A command, declared once: its names, its help line, who may run it, whether it writes, what
// services it needs, how its arguments are read and what it does. The router (src/router.ts)
// runs the same steps for every spec; nothing else needs to know a command exists.
import type { AnswerContext } from '../answer/context.ts';
import type { DashboardCommandDeps } from '../dashboard/index.ts';
import type { NotifyService } from '../loop/post.ts';
import type { WebhookStore } from '../platforms/wecom/webhookStore.ts';
import type { RoleConfig } from '../progress/access.ts';
import type { Db } from '../store/db.ts';
import type { IncomingMessage, OutgoingReply, Platform } from '../types.ts';
import type { Ctx } from './context.ts';
import type { Cursor, ParseOptions } from './parse.ts';
import type { ItemOptions } from '../items/catalog.ts';

/** What a command may need beyond the message. Optional ones are off until configured. */
export interface Services {
  knowledge: () => AnswerContext;
  roles: RoleConfig;
  now: () => Date;
  db?: Db;
  /** WeCom group webhooks (/推送地址) */
  webhooks?: WebhookStore;
  /** how list texts are read into milestones (汛期前 …) */
  itemOptions?: ItemOptions;
  /** signed dashboard and export links (/看板, /导出) */
  dashboard?: Omit<DashboardCommandDeps, 'isLeaderOrAdmin'>;
  /** posts to groups through the outbox (/催办, /批示) */
  notify?: NotifyService;
}

export type Need = 'db' | 'webhooks' | 'dashboard' | 'notify';

/** The setting that turns each optional service on, for the standard "未启用" reply. */
export const NEED_SETTING: Record<Need, string> = {
  db: 'DATA_DIR',
  webhooks: 'WECOM_BOT_ID',
  dashboard: 'DASHBOARD_SECRET',
  notify: 'REMIND_DEFAULT_GROUP',
};

export const offReply = (need: Need): string => `未启用：设置 ${NEED_SETTING[need]} 后可用。`;

/** Who may run a command; checked by the router before `run`, with the spec's refusal text. */
export type Access =
  | { who: 'anyone' }
  | { who: 'admin' | 'readAll'; refusal: string };

export const ANYONE: Access = { who: 'anyone' };

export type HelpSection = 'report' | 'view' | 'admin' | 'remind' | 'platform' | 'dashboard' | 'more';

export interface HelpLine {
  section: HelpSection;
  /** position inside the section */
  order: number;
  text: string;
}

/** What `run` gets. `progress()` is the progress core's context (actor, task lookups), built on
 * first use; only specs that need 'db' may call it. */
export interface RunCtx {
  msg: IncomingMessage;
  services: Services;
  /** this message's instant, read once from the clock */
  instant: Date;
  progress(): Ctx;
}

export type Parsed<A> = { ok: true; args: A } | { ok: false; reply: string };

export interface CommandSpec<A = unknown> {
  /** stable id: log lines, docs, tests */
  id: string;
  /** Chinese name first (the one /帮助 and the docs show), then pinyin initials and English */
  names: readonly string[];
  /** 'prefix' (default): arguments may follow without a space (/进展28). 'word': the name must
   * stand alone, so "/订阅住建局" is not /订阅. */
  match?: 'prefix' | 'word';
  /** one line of /帮助; a spec whose use is explained by a sibling's line may leave it out, but
   * its name must still appear in /帮助 (test/commands/registry.test.ts) */
  help?: HelpLine | readonly HelpLine[];
  /** the docs' command table (docs/reporting.md, generated): who uses it and what for */
  doc: string;
  access: Access | ((args: A) => Access);
  /** writes run inside one transaction with the processed-message row (exactly once) */
  writes: boolean | ((args: A) => boolean);
  needs?: readonly Need[];
  /** its writes put messages in the outbox: the router kicks the outbox after the commit */
  posts?: boolean;
  /** replaces the standard "未启用" line where the old wording must stay */
  offReply?: Partial<Record<Need, string>>;
  /** platforms where it means something, and what the others are told */
  platforms?: { only: readonly Platform[]; refusal: string };
  /** direct-chat-only (personal links) or group-only, checked before access */
  chat?: { only: 'direct' | 'group'; refusal: string };
  parse(rest: Cursor, opts: ParseOptions): Parsed<A>;
  /** A write must return synchronously: it runs inside a SQLite transaction. */
  run(c: RunCtx, args: A): OutgoingReply | Promise<OutgoingReply>;
}

/** Keeps the argument type between parse and run. */
export function defineCommand<A>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}

/** Specs of the core verbs: their parse yields a Command of src/commands/parse.ts, so an invalid
 * Command becomes the reply naming what to type instead. */
export function fromCommand<A>(c: A | { kind: 'invalid'; reply: string }): Parsed<A> {
  if (typeof c === 'object' && c !== null && (c as { kind?: string }).kind === 'invalid') return { ok: false, reply: (c as { reply: string }).reply };
  return { ok: true, args: c as A };
}

export const noArgs = (): Parsed<null> => ({ ok: true, args: null });
