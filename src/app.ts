// Composition root: config, knowledge, store, platforms, jobs. Everything the bot is made of is
// built here and nowhere else; the clock and the environment come in from outside.
import { startJobs, type Jobs } from '../jobs/reminders.ts';
import { effectiveEnv, loadConfig } from './config.ts';
import { createHttpServer, type HttpServer } from './http/server.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { buildContext } from './answer/context.ts';
import { actorOf } from './commands/context.ts';
import { handleDashboardCommand, handleExportCommand, registerDashboard } from './dashboard/index.ts';
import { knowledgeContext } from './knowledgeContext.ts';
import { activeTaskList } from './ledger/store.ts';
import { log } from './log.ts';
import { runConsole } from './platforms/console/console.ts';
import { createFeishuAdapter } from './platforms/feishu/adapter.ts';
import { parseFeishuConfig } from './platforms/feishu/config.ts';
import type { GroupMessage, PlatformAdapter, SendResult } from './platforms/types.ts';
import { createWecomAdapter } from './platforms/wecom/adapter.ts';
import { loadWecomConfig, wecomEnabled } from './platforms/wecom/config.ts';
import { canReadAll, parseUserList } from './progress/access.ts';
import { buildCalendar, loadOverride } from './remind/calendar.ts';
import { remindConfig } from './remind/config.ts';
import { chinaDate } from './remind/dates.ts';
import type { Deliver, RemindDeps } from './remind/runner.ts';
import { route, type RouterDeps } from './router.ts';
import { dbPath, openDb } from './store/db.ts';
import { sqliteInbox } from './store/inbox.ts';
import { sqliteWebhookStore } from './store/webhooks.ts';
import type { IncomingMessage, Platform } from './types.ts';

export type Env = Record<string, string | undefined>;

export interface Bot {
  router: RouterDeps;
  remind: RemindDeps;
  deliver: Deliver;
  adapters: PlatformAdapter[];
  http?: HttpServer;
  /** the port the HTTP server listens on, when one was needed */
  port?: number;
  jobs?: Jobs;
  stop(): Promise<void>;
}

export interface StartOptions {
  now?: () => Date;
  /** start the cron jobs (default true) */
  jobs?: boolean;
  /** where console-group reminders are printed */
  consoleOut?: NodeJS.WritableStream;
}

export function defaultEnv(): Env {
  return effectiveEnv();
}

/** Store, knowledge and calendar: what the CLI needs too. Throws on a calendar year missing. */
export function openCore(env: Env, now: () => Date = () => new Date()) {
  const config = loadConfig(env);
  const remind = remindConfig(env);
  const calendar = buildCalendar(loadOverride(remind.CALENDAR_FILE));
  const db = openDb(config.DATA_DIR, { now });
  // A task list imported from Excel (duban import) replaces the bundled key tasks.
  const active = activeTaskList(db);
  const knowledge = active ? buildContext({ ...loadKnowledge(), keyTasks: active }) : knowledgeContext();
  return { config, remind, knowledge, calendar, db };
}

export async function startBot(env: Env = defaultEnv(), opts: StartOptions = {}): Promise<Bot> {
  const now = opts.now ?? (() => new Date());
  const started = performance.now();
  const { config, remind, knowledge, calendar, db } = openCore(env, now);
  const year = Number(chinaDate(now()).slice(0, 4));
  calendar.assertCovers([year]);
  const roles = { admins: parseUserList(config.ADMINS, 'ADMINS'), leaders: parseUserList(config.LEADERS, 'LEADERS') };
  const webhooks = sqliteWebhookStore(db);
  const inbox = sqliteInbox(db, { now });
  const router: RouterDeps = { knowledge, db, roles, now, webhooks, extraCommands: {} };
  const handle = (m: Parameters<typeof route>[0]) => route(m, router);

  const adapters: PlatformAdapter[] = [];
  let http: HttpServer | undefined;
  const httpServer = () => (http ??= createHttpServer());
  if (config.DASHBOARD_SECRET) {
    const secret = config.DASHBOARD_SECRET;
    registerDashboard(httpServer(), {
      db, kb: () => knowledge.kb, calendar, remindConfig: remind, now, secret,
      adminToken: config.DASHBOARD_ADMIN_TOKEN, secureCookie: (config.PUBLIC_BASE_URL ?? '').startsWith('https:'),
    });
    const cmd = {
      isLeaderOrAdmin: (m: IncomingMessage) => canReadAll(actorOf(db, roles, m)),
      baseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
      secret,
      now,
    };
    router.extraCommands = { ...router.extraCommands, 看板: (m) => handleDashboardCommand(m, cmd), 导出: (m) => handleExportCommand(m, cmd) };
  }
  if (env.FEISHU_APP_ID) {
    const fc = parseFeishuConfig(env);
    adapters.push(createFeishuAdapter({ config: fc, handle, inbox, http: fc.mode === 'webhook' ? httpServer() : undefined, now }));
  }
  if (wecomEnabled(env)) {
    const wc = loadWecomConfig(env);
    adapters.push(
      createWecomAdapter({
        config: wc, handle, inbox, webhooks, now, dataDir: config.DATA_DIR,
        http: wc.mode === 'callback' ? httpServer() : undefined,
        onAlarm: (reason) => log.error('wecom alarm', { reason }),
      }),
    );
  }

  const out = opts.consoleOut ?? process.stdout;
  const byPlatform = new Map<Platform, PlatformAdapter>(adapters.map((a) => [a.platform, a]));
  const deliver: Deliver = async (groupKey: string, msg: GroupMessage): Promise<SendResult> => {
    const platform = groupKey.slice(0, groupKey.indexOf(':')) as Platform;
    if (platform === 'console') {
      const at = msg.mentions.length ? `\n（@${msg.mentions.map((m) => m.name).join(' @')}）` : '';
      out.write(`\n— 推送到 ${groupKey} —\n${msg.text}${at}\n`);
      return { ok: true, messageIds: [`console-${msg.idempotencyKey}`] };
    }
    const adapter = byPlatform.get(platform);
    if (!adapter) return { ok: false, messageIds: [], retryable: false, error: `平台 ${platform} 没有启用，无法发送到 ${groupKey}` };
    return adapter.sendToChat(msg);
  };

  for (const a of adapters) await a.start();
  let port: number | undefined;
  if (http) {
    port = await http.listen(config.PORT);
    log.info('http listening', { port });
  }
  const remindDeps: RemindDeps = { db, kb: knowledge.kb, calendar, config: remind, now };
  const defaultPlatform = remind.REMIND_DEFAULT_GROUP.split(':')[0] as Platform;
  if (defaultPlatform !== 'console' && !byPlatform.has(defaultPlatform))
    log.warn('default reminder group is on a platform that is not running', { group: remind.REMIND_DEFAULT_GROUP });
  const jobs = opts.jobs === false ? undefined : startJobs(remindDeps, deliver);
  log.info('bot ready', {
    ms: Math.round(performance.now() - started),
    store: dbPath(config.DATA_DIR),
    platforms: adapters.map((a) => a.platform),
    admins: roles.admins.size,
  });
  return {
    router, remind: remindDeps, deliver, adapters, http, port, jobs,
    async stop() {
      jobs?.stop();
      for (const a of adapters) await a.stop().catch((err) => log.warn('adapter stop failed', { err: String(err) }));
      await http?.close();
      db.close();
    },
  };
}

/** `npm start`: the platforms that have credentials; with none, the local console. */
export async function main(): Promise<void> {
  // A stray rejection in an SDK callback must not take the bot down for every group: log it.
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { err: err instanceof Error ? err.message : String(err) }));
  const bot = await startBot();
  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    void bot.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (bot.adapters.length === 0) {
    await runConsole(bot.router);
    await bot.stop();
  }
}

