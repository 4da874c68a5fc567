// duban remind: reminders from the operator's shell on the server.
//   --dry-run [--digest] [--at yyyy-mm-dd] [--json]  what the reminder run (or, with --digest,
//       the weekly digest run) would send on that day, without sending or recording anything (a
//       fresh clone works: no database is created). The preview follows the live run's rules:
//       remind_since, reports and milestones as of that day's run, what was sent before it.
//       --json prints one object per message: {"group","text","mentions":[{"userId","name"}],"tasks"}.
//   --run --at yyyy-mm-dd   a real run for today or a past day (an operator re-running a missed
//       day): the same outbox and exactly-once rules as the bot, through the platforms
//       configured in .env; notices already logged are not sent again; a future day is refused.
//   --pending [--json]      messages not (yet) delivered: pending, sending, uncertain, dead.
//   --resend ID / --mark-sent ID   the operator's decision on an uncertain or dead message.
// Running on the server's shell is what makes the caller an administrator here.
import { existsSync } from 'node:fs';
import { applyStateRule, loadConfig, type Config } from '../config.ts';
import { taskListService } from '../taskList.ts';
import { buildCalendar, CalendarYearMissing, loadOverride, type WorkCalendar } from '../remind/calendar.ts';
import { remindConfig } from '../remind/config.ts';
import { chinaDate, isIsoDate, type IsoDate } from '../remind/dates.ts';
import { isDigestDay, previewDigests } from '../remind/digest.ts';
import { previewPlanner } from '../remind/runner.ts';
import { dbPath, openDbFile } from '../store/db.ts';

const USAGE = `用法：
  duban remind --dry-run [--digest] [--at 2026-06-26] [--json]   预演某天要发的提醒或每周汇总（不发送、不记录）
  duban remind --run --at 2026-06-26                 正式补发某天（今天或以前）的提醒，已发过的不再发
  duban remind --pending [--json]                    列出还没有送达的提醒（待发送、无法确认、发送失败）
  duban remind --resend 编号                         把无法确认或失败的提醒重新排队发送
  duban remind --mark-sent 编号                      确认该提醒群里已经收到，不再发送`;
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

type Mode = 'dry-run' | 'run' | 'pending' | 'resend' | 'mark-sent';

export async function remindCommand(args: string[], env: Record<string, string | undefined>): Promise<number> {
  let at: string | undefined;
  let json = false;
  let mode: Mode | undefined;
  let id: string | undefined;
  const set = (m: Mode): boolean => {
    if (mode && mode !== m) return false;
    mode = m;
    return true;
  };
  let digest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let ok = true;
    if (a === '--json') json = true;
    else if (a === '--dry-run') ok = set('dry-run');
    else if (a === '--run') ok = set('run');
    else if (a === '--pending') ok = set('pending');
    else if (a === '--resend' || a === '--mark-sent') (ok = set(a.slice(2) as Mode)), (id = args[++i]);
    else if (a === '--digest') digest = true;
    else if (a === '--at' || a.startsWith('--at=')) at = a.includes('=') ? a.slice(5) : args[++i];
    else {
      process.stderr.write(`不认识的参数“${a}”。\n${USAGE}\n`);
      return 2;
    }
    if (!ok) {
      process.stderr.write(`--${mode} 不能和“${a}”一起用。\n${USAGE}\n`);
      return 2;
    }
  }
  if (!mode) {
    process.stderr.write(`请指定要做什么。\n${USAGE}\n`);
    return 2;
  }
  if (digest && mode !== 'dry-run') {
    process.stderr.write(`--digest 只能和 --dry-run 一起用（正式的每周汇总由定时任务发送）。\n${USAGE}\n`);
    return 2;
  }
  if (mode === 'pending') return pending(env, json);
  if (mode === 'resend' || mode === 'mark-sent') return decide(env, mode, id);
  const day = at ?? chinaDate(new Date());
  if (!isIsoDate(day)) {
    process.stderr.write(`日期“${day}”格式不对，应为 YYYY-MM-DD，如 2026-06-26。\n`);
    return 2;
  }
  const today = chinaDate(new Date());
  if (mode === 'run' && day > today) {
    process.stderr.write(`不能为将来的日期（${day}）正式发送提醒：今天是${today}。想先看看那天会发什么，请用 --dry-run --at ${day}。\n`);
    return 2;
  }
  const config = loadConfig(env);
  applyStateRule(env);
  const remind = remindConfig(env);
  const calendar = buildCalendar(loadOverride(remind.CALENDAR_FILE));
  try {
    calendar.assertCovers([Number(day.slice(0, 4))]);
  } catch (err) {
    if (err instanceof CalendarYearMissing) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (mode === 'run') return run(env, day, calendar);
  return dryRun(config, remind, calendar, day, json, digest);
}

function dryRun(config: Config, remind: ReturnType<typeof remindConfig>, calendar: WorkCalendar, day: IsoDate, json: boolean, digest: boolean): number {
  const file = dbPath(config.DATA_DIR);
  // Without a database there is nothing bound or reported yet: plan against an empty one in
  // memory rather than create a file.
  const db = openDbFile(existsSync(file) ? file : ':memory:');
  try {
    // The task list the bot runs on: an imported one replaces the bundled key tasks (openCore).
    const kb = taskListService(db).kb();
    const messages = digest
      ? previewDigests(db, kb.keyTasks, remind, calendar, day).map((d) => ({ ...d, mentions: [] as { userId: string; name: string }[] }))
      : previewPlanner({ db, kb, calendar, config: remind, now: () => new Date() })(day);
    if (json) {
      for (const m of messages) process.stdout.write(JSON.stringify({ group: m.group, text: m.text, mentions: m.mentions, tasks: m.tasks }) + '\n');
      return 0;
    }
    if (!calendar.isWorkday(day)) {
      process.stdout.write(`${day} 不是工作日，不发送提醒（提醒提前到前一个工作日发出）。\n`);
      return 0;
    }
    if (!messages.length)
      process.stdout.write(
        digest && !isDigestDay(day, remind.DIGEST_WEEKDAY, calendar)
          ? `${day} 不发每周汇总（每${WEEKDAYS[remind.DIGEST_WEEKDAY]}发送，遇节假日顺延到当周第一个工作日）。\n`
          : `${day} 没有需要发送的${digest ? '汇总' : '提醒'}。\n`,
      );
    for (const m of messages) process.stdout.write(`— 发往 ${m.group}（${m.tasks.length}项）—\n${m.text}\n\n`);
    return 0;
  } finally {
    db.close();
  }
}

/** A real run of `day`, composed like the bot (src/app.ts): the same adapters and deliver, never
 * started (starting a long connection would take over the running bot's). Sends go through the
 * webhook / Open API; a group the CLI cannot reach without a connection (WeCom without a bound
 * webhook) stays pending and the running bot's retry job sends it. */
async function run(env: Record<string, string | undefined>, day: IsoDate, calendar: WorkCalendar): Promise<number> {
  const [{ createAdapters, makeDeliver, openCore }, { runRemindersOn }, { sqliteInbox }, { openDbFile }, { sqliteWebhookStore }, { reminderTargetProblems }] = await Promise.all([
    import('../app.ts'),
    import('../remind/runner.ts'),
    import('../store/inbox.ts'),
    import('../store/db.ts'),
    import('../store/webhooks.ts'),
    import('../remind/targets.ts'),
  ]);
  const now = () => new Date();
  const { config, remind, knowledge, db } = openCore(env, now);
  try {
    const adapters = createAdapters(env, {
      // Nothing is received here: the adapters are only used to send.
      handle: async () => ({ text: '' }),
      // the running bot's inbox is its own: nothing here may claim or replay its events
      inbox: sqliteInbox(openDbFile(':memory:')),
      webhooks: sqliteWebhookStore(db),
      now,
      dataDir: config.DATA_DIR,
      http: () => undefined,
    });
    const problems = reminderTargetProblems(remind, adapters.map((a) => a.platform));
    if (adapters.length && problems.length) {
      process.stderr.write(`${problems.join('\n')}\n`);
      return 1;
    }
    if (!calendar.isWorkday(day)) {
      process.stdout.write(`${day} 不是工作日，不发送提醒（提醒提前到前一个工作日发出）。\n`);
      return 0;
    }
    const r = await runRemindersOn({ db, kb: knowledge.kb, calendar, config: remind, now }, makeDeliver(adapters, process.stdout), day);
    process.stdout.write(
      `${day} 的提醒：新记录${r.queued}条${r.queued ? '' : '（当天的提醒都已发过或没有提醒）'}。` +
        `本次发送成功${r.sent}条，失败${r.failed}条，无法确认${r.uncertain}条。\n`,
    );
    if (r.failed || r.uncertain) process.stdout.write('未送达的提醒见 duban remind --pending（失败的会按 1、2、4…分钟自动重试）。\n');
    return r.failed || r.uncertain ? 1 : 0;
  } finally {
    db.close();
  }
}

/** What an outbox row is, for the operator. The loop's posts (催办, 批示) and the calendar notice
 * share the kind 'alert': the kind decides nothing in sending (dedupe is the idempotency key,
 * retries and the uncertain rule are the same for every row, rate limits are per group), so the
 * label comes from the key's prefix instead of a kind of their own, which would mean rebuilding
 * the outbox table (its CHECK) and its two child tables for a name. */
export function outboxLabel(kind: string, idemKey: string): string {
  if (kind === 'digest') return idemKey.startsWith('bulletin:') ? '简版专报' : '每周汇总';
  if (kind === 'remind') return '节点提醒';
  if (idemKey.startsWith('chase:')) return '催办';
  if (idemKey.startsWith('instruction:')) return '批示';
  if (idemKey.startsWith('calendar-provisional:')) return '工作日历提示';
  return kind;
}

const STATUS: Record<string, string> = { pending: '待发送', sending: '发送中', uncertain: '无法确认', dead: '发送失败' };

function chinaTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${chinaDate(d)} ${new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d)}`;
}

async function pending(env: Record<string, string | undefined>, json: boolean): Promise<number> {
  const file = dbPath(loadConfig(env).DATA_DIR);
  if (!existsSync(file)) {
    if (!json) process.stdout.write(`还没有数据库（${file}），没有待发的提醒。\n`);
    return 0;
  }
  const { listUnsent } = await import('../store/delivery.ts');
  const db = openDbFile(file);
  try {
    const rows = listUnsent(db);
    if (json) {
      for (const r of rows)
        process.stdout.write(
          JSON.stringify({ id: r.id, status: r.status, group: r.groupKey, kind: r.kind, label: outboxLabel(r.kind, r.idemKey), createdAt: r.createdAt, attempts: r.attempts, nextAttemptAt: r.nextAttemptAt, lastError: r.lastError, partsAccepted: r.partsAccepted }) + '\n',
        );
      return 0;
    }
    if (!rows.length) {
      process.stdout.write('所有提醒都已送达。\n');
      return 0;
    }
    for (const r of rows) {
      const next = r.status === 'pending' ? `，下次 ${chinaTime(r.nextAttemptAt)}` : '';
      const parts = r.partsAccepted ? `，已送达${r.partsAccepted}段` : '';
      process.stdout.write(
        `#${r.id} ${STATUS[r.status] ?? r.status} ${r.groupKey} ${outboxLabel(r.kind, r.idemKey)} ` +
          `创建于 ${chinaTime(r.createdAt)}，尝试${r.attempts}次${parts}${next}${r.lastError ? `；最近错误：${r.lastError}` : ''}\n`,
      );
    }
    if (rows.some((r) => r.status === 'uncertain' || r.status === 'dead'))
      process.stdout.write(
        '\n“无法确认”的提醒不会自动重发（企业微信没有去重手段，重发可能让群里收到两遍）。请到群里看一眼：\n' +
          '  已经收到 → duban remind --mark-sent 编号\n' +
          '  没有收到 → duban remind --resend 编号（已送达的分段不会重发，只有无法确认的那一段可能重复一次）\n',
      );
    return 0;
  } finally {
    db.close();
  }
}

async function decide(env: Record<string, string | undefined>, mode: 'resend' | 'mark-sent', id: string | undefined): Promise<number> {
  if (!id || !/^\d+$/.test(id)) {
    process.stderr.write(`请写提醒的编号（duban remind --pending 列表里 # 后面的数字），如 --${mode} 12。\n`);
    return 2;
  }
  const file = dbPath(loadConfig(env).DATA_DIR);
  if (!existsSync(file)) {
    process.stderr.write(`还没有数据库（${file}）。\n`);
    return 1;
  }
  const { getOutbox } = await import('../store/outbox.ts');
  const { markSentByOperator, requeue } = await import('../store/delivery.ts');
  const db = openDbFile(file);
  try {
    const row = getOutbox(db, Number(id));
    if (!row) {
      process.stderr.write(`没有编号为 ${id} 的提醒。\n`);
      return 1;
    }
    const at = new Date().toISOString();
    if (mode === 'resend') {
      if (!requeue(db, row.id, at)) {
        process.stderr.write(`#${id} 现在是“${STATUS[row.status] ?? '已送达'}”，只有“无法确认”或“发送失败”的提醒可以重新排队。\n`);
        return 1;
      }
      process.stdout.write(`#${id} 已重新排队：运行中的机器人会在一分钟内发送（已送达的分段不会重发）。\n`);
      return 0;
    }
    if (!markSentByOperator(db, row.id, at)) {
      process.stderr.write(`#${id} 现在是“${STATUS[row.status] ?? '已送达'}”，不能标记为已送达。\n`);
      return 1;
    }
    process.stdout.write(`#${id} 已标记为已送达，不会再发送。\n`);
    return 0;
  } finally {
    db.close();
  }
}
