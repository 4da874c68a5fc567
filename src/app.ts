// Composition root: config, knowledge, store, platforms, jobs. Everything the bot is made of is
// built here and nowhere else; the clock and the environment come in from outside.
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startBackupJob } from '../jobs/backup.ts';
import { startJobs, type Jobs } from '../jobs/reminders.ts';
import { applyStateRule, effectiveEnv, loadConfig } from './config.ts';
import { registerHealth } from './http/health.ts';
import { createHttpServer, type HttpServer } from './http/server.ts';
import { registerDashboard } from './dashboard/index.ts';
import { configureLog, log } from './log.ts';
import { runConsole } from './platforms/console/console.ts';
import { createFeishuAdapter } from './platforms/feishu/adapter.ts';
import { parseFeishuConfig } from './platforms/feishu/config.ts';
import { attachEvidence, type IncomingFile } from './evidence/attach.ts';
import { evidenceMaxBytes } from './evidence/policy.ts';
import type { GroupMessage, MessageHandler, PlatformAdapter, SendResult } from './platforms/types.ts';
import type { WebhookStore } from './platforms/wecom/webhookStore.ts';
import { orphanSubscriptionProblem, reminderTargetProblems } from './remind/targets.ts';
import { createWecomAdapter } from './platforms/wecom/adapter.ts';
import { loadWecomConfig, wecomEnabled } from './platforms/wecom/config.ts';
import { parseUserList } from './progress/access.ts';
import { buildCalendar, loadOverride } from './remind/calendar.ts';
import { remindConfig } from './remind/config.ts';
import { chinaDate } from './remind/dates.ts';
import { flushOutbox, type Deliver, type RemindDeps } from './remind/runner.ts';
import { route, type RouterDeps } from './router.ts';
import { defaultRegistry } from './commands/all.ts';
import { taskListService } from './taskList.ts';
import { parseChatRef } from './refs.ts';
import { dbPath, openDb } from './store/db.ts';
import { listSubscriptions } from './store/outbox.ts';
import { backupDir, PID_FILE } from './store/backup.ts';
import { checkIntegrity, recordCheckpoint, startCheckpoints } from './store/guard.ts';
import { privateUmask } from './store/privacy.ts';
import { calendarLog, provisionalYearsAhead } from './remind/calendarAlert.ts';
import { sqliteInbox, type Inbox } from './store/inbox.ts';
import { sqliteWebhookStore } from './store/webhooks.ts';
import { nameBook, type NameBook } from './store/users.ts';
import type { Platform } from './types.ts';

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
  /** called as soon as the HTTP server listens, before the platforms start */
  onListening?: (port: number) => void;
}

export function defaultEnv(): Env {
  return effectiveEnv();
}

/** Checkpoint the WAL into the main file (and record the guard marker) this often. */
export const CHECKPOINT_MS = 60_000;

/** Store, knowledge and calendar: what the CLI needs too. With `guard`, a database that holds
 * less than its last recorded checkpoint is refused (src/store/guard.ts) before it is migrated. */
export function openCore(env: Env, now: () => Date = () => new Date(), opts: { guard?: boolean } = {}) {
  const config = loadConfig(env);
  // LOG_LEVEL from .env too (log.ts alone sees only the process environment). Only when set:
  // tests and embedders that chose a level keep it.
  configureLog(env);
  applyStateRule(env);
  const remind = remindConfig(env);
  const calendar = buildCalendar(loadOverride(remind.CALENDAR_FILE));
  if (opts.guard) for (const w of checkIntegrity(config.DATA_DIR).warnings) log.error('database may have lost recent data', { detail: w });
  const db = openDb(config.DATA_DIR, { now });
  // A task list imported from Excel (duban import) replaces the bundled key tasks; the service
  // notices a later import, so readers ask it per use rather than keep `knowledge`.
  const taskList = taskListService(db);
  return { config, remind, knowledge: taskList.knowledge(), taskList, calendar, db };
}

export async function startBot(env: Env = defaultEnv(), opts: StartOptions = {}): Promise<Bot> {
  const now = opts.now ?? (() => new Date());
  const started = performance.now();
  const { config, remind, taskList, calendar, db } = openCore(env, now, { guard: true });
  // The schema and everything so far into the main file: a hand copy of duban.sqlite, or one
  // left without its WAL, is then never an empty database.
  recordCheckpoint(db, config.DATA_DIR, false, now);
  const checkpoints = startCheckpoints(db, config.DATA_DIR, CHECKPOINT_MS, now);
  const provisional = provisionalYearsAhead(chinaDate(now()), calendar);
  if (provisional.length) calendarLog(provisional, chinaDate(now()))('work calendar is provisional (Monday-Friday)', { years: provisional, fix: 'see docs/calendar.md' });
  const roles = { admins: parseUserList(config.ADMINS, 'ADMINS'), leaders: parseUserList(config.LEADERS, 'LEADERS') };
  const webhooks = sqliteWebhookStore(db);
  const inbox = sqliteInbox(db, { now });
  // /催办 and /批示 write their posts to the outbox in the command's transaction; the kick sends
  // them right after the commit (the every-minute retry job would within a minute anyway).
  let kickOutbox = () => {};
  const router: RouterDeps = {
    knowledge: () => taskList.knowledge(), db, roles, now, commands: defaultRegistry(),
    webhooks, dataDir: config.DATA_DIR,
    // 汛期前 in the lists reads the same date in chat as in the reminders
    itemOptions: { floodSeasonStart: remind.REMIND_FLOOD_SEASON_START },
    notify: { defaultGroup: remind.REMIND_DEFAULT_GROUP, kick: () => kickOutbox() },
    ...(config.DASHBOARD_SECRET ? { dashboard: { baseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`, secret: config.DASHBOARD_SECRET, now } } : {}),
  };
  const handle = (m: Parameters<typeof route>[0]) => route(m, router);

  const adapters: PlatformAdapter[] = [];
  let http: HttpServer | undefined;
  const httpServer = () => (http ??= createHttpServer());
  if (config.DASHBOARD_SECRET) {
    const secret = config.DASHBOARD_SECRET;
    registerDashboard(httpServer(), {
      db, kb: () => taskList.kb(), calendar, remindConfig: remind, now, secret,
      adminToken: config.DASHBOARD_ADMIN_TOKEN, dataDir: config.DATA_DIR, secureCookie: (config.PUBLIC_BASE_URL ?? '').startsWith('https:'),
    });
  }
  adapters.push(
    ...createAdapters(env, {
      handle, inbox, webhooks, now, dataDir: config.DATA_DIR, names: (p) => nameBook(db, p, now),
      evidence: (file) => attachEvidence({ db, dataDir: config.DATA_DIR, maxBytes: evidenceMaxBytes(env) }, file),
      http: (mode) => (mode === 'feishu' ? parseFeishuConfig(env).mode === 'webhook' : loadWecomConfig(env).mode === 'callback') ? httpServer() : undefined,
    }),
  );
  // Unclaimed reminders need a real group once a platform runs (src/remind/targets.ts).
  const problems = reminderTargetProblems(remind, adapters.map((a) => a.platform));
  if (adapters.length && problems.length) {
    checkpoints.stop();
    db.close();
    throw new Error(problems.join('\n'));
  }
  for (const p of problems) log.warn('reminder group', { problem: p });
  const orphans = orphanSubscriptionProblem(listSubscriptions(db), adapters.map((a) => a.platform));
  if (orphans) log.warn('reminder subscriptions', { problem: orphans });

  const deliver = makeDeliver(adapters, opts.consoleOut ?? process.stdout);

  let port: number | undefined;
  // The HTTP server runs in every mode, for /healthz at least. Where no platform needs it (long
  // connections, console), a busy port is logged, not fatal: chat and reminders go on.
  const needsHttp = http !== undefined;
  registerHealth(httpServer(), {
    db, adapters: () => adapters, now, startedAt: now(),
    provisionalYears: () => provisionalYearsAhead(chinaDate(now()), calendar),
  });
  // Listening before the platforms start: a platform that is slow or unreachable (each waits up
  // to its start timeout) must not keep /healthz and the dashboard dark meanwhile; /healthz shows
  // each platform's state as it comes up. Webhook routes answer 404 until their adapter is ready,
  // which makes the platform push again later.
  try {
    port = await httpServer().listen(config.PORT);
    log.info('http listening', { port });
    opts.onListening?.(port);
  } catch (err) {
    if (needsHttp) {
      checkpoints.stop();
      db.close();
      throw err;
    }
    log.error('http server not started (only /healthz is lost)', { port: config.PORT, err: err instanceof Error ? err.message : String(err) });
  }
  // Side by side: one platform's outage does not delay the other's start.
  const starts = await Promise.allSettled(adapters.map((a) => a.start()));
  const failed = starts.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const a of adapters) await a.stop().catch(() => undefined);
    await http?.close();
    checkpoints.stop();
    db.close();
    throw failed.reason;
  }
  // kb is read per run: a list imported while the bot runs is planned from the next run on.
  const remindDeps: RemindDeps = {
    db, calendar, config: remind, now,
    get kb() {
      return taskList.kb();
    },
  };
  // Kicks run one after another (a burst of commands is one drain after another, not many at
  // once), and stop() waits for the one in flight before closing the store.
  let kicked: Promise<unknown> = Promise.resolve();
  kickOutbox = () => {
    kicked = kicked
      .then(() => new Promise((r) => setImmediate(r)))
      .then(() => flushOutbox(remindDeps, deliver))
      .catch((err) => log.error('outbox flush failed', { err: String(err) }));
  };
  const jobs = opts.jobs === false ? undefined : startJobs(remindDeps, deliver);
  const backups = opts.jobs === false ? undefined : startBackupJob(db, { dir: backupDir(config.DATA_DIR, config.BACKUP_DIR), keep: config.BACKUP_KEEP, time: config.BACKUP_TIME }, now);
  // duban restore refuses while this process lives.
  const pidFile = join(config.DATA_DIR, PID_FILE);
  writeFileSync(pidFile, String(process.pid));
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
      backups?.stop();
      kickOutbox = () => {};
      await Promise.race([kicked, new Promise((r) => setTimeout(r, 5000).unref())]);
      checkpoints.stop();
      for (const a of adapters) await a.stop().catch((err) => log.warn('adapter stop failed', { err: String(err) }));
      await http?.close();
      try {
        recordCheckpoint(db, config.DATA_DIR, true, now);
      } catch (err) {
        log.warn('final checkpoint failed', { err: String(err) });
      }
      db.close();
      rmSync(pidFile, { force: true });
    },
  };
}

export interface AdapterDeps {
  handle: MessageHandler;
  inbox: Inbox;
  webhooks: WebhookStore;
  now: () => Date;
  dataDir: string;
  /** the shared HTTP server when that platform's mode needs one (webhook / callback) */
  http: (platform: 'feishu' | 'wecom') => HttpServer | undefined;
  /** where a platform keeps the display names it learns (the users table); memory without it */
  names?: (platform: Platform) => NameBook;
  /** photos and files attached to reports (佐证材料); without it they get the text-only hint */
  evidence?: (file: IncomingFile) => Promise<string>;
}

/** The adapters of the platforms that have credentials, not started. `duban remind --run`
 * builds them too and only sends with them: it never starts a long connection, which would
 * take over the running bot's (one connection per bot). */
export function createAdapters(env: Env, deps: AdapterDeps): PlatformAdapter[] {
  const adapters: PlatformAdapter[] = [];
  if (env.FEISHU_APP_ID) {
    const fc = parseFeishuConfig(env);
    adapters.push(createFeishuAdapter({ config: fc, handle: deps.handle, inbox: deps.inbox, http: deps.http('feishu'), now: deps.now, ...(deps.names ? { nameBook: deps.names('feishu') } : {}), ...(deps.evidence ? { evidence: deps.evidence } : {}) }));
  }
  if (wecomEnabled(env)) {
    const wc = loadWecomConfig(env);
    adapters.push(
      createWecomAdapter({
        config: wc, handle: deps.handle, inbox: deps.inbox, webhooks: deps.webhooks, now: deps.now, dataDir: deps.dataDir,
        http: deps.http('wecom'),
        ...(deps.evidence ? { evidence: deps.evidence } : {}),
        onAlarm: (reason) => log.error('wecom alarm', { reason }),
      }),
    );
  }
  return adapters;
}

/** Proactive messages to `platform:chatId` through the adapters. Console groups print, but only
 * when no platform runs: with platforms configured nobody reads that output, so such a message
 * fails (permanently, visible in `duban remind --pending`) instead of counting as sent. */
export function makeDeliver(adapters: readonly PlatformAdapter[], out: NodeJS.WritableStream): Deliver {
  const byPlatform = new Map<Platform, PlatformAdapter>(adapters.map((a) => [a.platform, a]));
  return async (groupKey: string, msg: GroupMessage): Promise<SendResult> => {
    const platform = parseChatRef(groupKey)?.platform;
    if (platform === 'console') {
      if (adapters.length)
        return { ok: false, messageIds: [], retryable: false, error: `${groupKey} 是本地控制台，已配置平台时无人接收；请把该提醒的群改为平台群` };
      const at = msg.mentions.length ? `\n（@${msg.mentions.map((m) => m.name).join(' @')}）` : '';
      out.write(`\n— 推送到 ${groupKey} —\n${msg.text}${at}\n`);
      return { ok: true, messageIds: [`console-${msg.idempotencyKey}`] };
    }
    const adapter = platform && byPlatform.get(platform);
    if (!adapter) return { ok: false, messageIds: [], retryable: false, error: `平台 ${platform} 没有启用，无法发送到 ${groupKey}` };
    return adapter.sendToChat(msg);
  };
}

/** `npm start`: the platforms that have credentials; with none, the local console. */
export async function main(): Promise<void> {
  privateUmask();
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

