// duban doctor: checks the set-up and says what to fix — configuration (each bad setting once),
// admins, reminder groups, dashboard links, data directory, the work calendar, the knowledge
// base, the last backup, and each configured platform (Feishu: credentials, scopes,
// connectivity; WeCom: see src/platforms/wecom/doctor.ts for what is probed and why not more).
// Each finding is one Chinese line with the fix; ✗ = would fail (exit 1), ⚠ = act soon.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, type Config } from '../config.ts';
import { readOnlyTaskList } from '../taskList.ts';
import { doctorFeishu, type DoctorCheck } from '../platforms/feishu/doctor.ts';
import { parseFeishuConfig } from '../platforms/feishu/config.ts';
import { loadWecomConfig, wecomEnabled } from '../platforms/wecom/config.ts';
import { doctorWecom } from '../platforms/wecom/doctor.ts';
import { runningPlatformStates } from '../http/health.ts';
import { parseUserList } from '../progress/access.ts';
import { buildCalendar, loadOverride } from '../remind/calendar.ts';
import { remindConfig, type RemindConfig } from '../remind/config.ts';
import { calendarHowTo, provisionalYearsAhead } from '../remind/calendarAlert.ts';
import { chinaDate } from '../remind/dates.ts';
import { orphanSubscriptionProblem, reminderTargetProblems } from '../remind/targets.ts';
import { dbPath, openDbFile } from '../store/db.ts';
import { listUnsent } from '../store/delivery.ts';
import { listSubscriptions } from '../store/outbox.ts';
import { backupDir, newestBackup, runningBot } from '../store/backup.ts';
import { checkIntegrity, countRows } from '../store/guard.ts';
import { parseUserRef } from '../refs.ts';
import { recentUser } from '../store/users.ts';

/** A Feishu user the bot has met, read-only from the store (none on a fresh install). */
function knownFeishuUser(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const db = openDbFile(file, { readonly: true });
    try {
      return recentUser(db, 'feishu');
    } finally {
      db.close();
    }
  } catch {
    return undefined; // an unreadable database is reported by its own check
  }
}

function attempt(check: string, fn: () => string): DoctorCheck {
  try {
    return { check, ok: true, detail: fn() };
  } catch (err) {
    return { check, ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

function calendarCheck(calendarFile: string | undefined, now: Date): DoctorCheck {
  const check = '工作日历';
  try {
    const day = chinaDate(now);
    const year = Number(day.slice(0, 4));
    const cal = buildCalendar(loadOverride(calendarFile));
    cal.assertCovers([year]);
    const official = [...cal.years].filter((y) => y >= year).join('、');
    const missing = provisionalYearsAhead(day, cal);
    if (!missing.length) return { check, ok: true, detail: `已有${official}年的节假日数据` };
    // This year missing: the bot is reminding on the guess right now (logged as an error daily).
    const state = missing[0] === year ? `今年（${year}年）没有节假日数据，提醒正按周一至周五暂算` : `缺少${missing.join('、')}年（暂按周一至周五）`;
    return { check, ok: true, warn: true, detail: `${official ? `已有${official}年的节假日数据，` : ''}${state}。\n${calendarHowTo(missing[0]!)}` };
  } catch (err) {
    return { check, ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

const PLATFORM_NAME: Record<string, string> = { feishu: '飞书', wecom: '企业微信', console: '本地控制台' };

/** ADMINS / LEADERS: the form the bot requires at start-up, and (for admins) someone at all on a
 * configured platform — without an admin nobody can /订阅 groups or approve /绑定. */
function peopleCheck(config: Config, platforms: readonly string[]): DoctorCheck[] {
  const out: DoctorCheck[] = [];
  let admins: Set<string>;
  try {
    admins = parseUserList(config.ADMINS, 'ADMINS');
    parseUserList(config.LEADERS, 'LEADERS');
  } catch (err) {
    const msg = (err instanceof Error ? err.message : String(err)).replace(/^配置有误：/, '');
    return [{ check: '管理员', ok: false, detail: `${msg}，机器人不会启动。` }];
  }
  const onPlatforms = [...admins].filter((a) => platforms.includes(parseUserRef(a)?.platform ?? ''));
  if (!admins.size)
    out.push({
      check: '管理员',
      ok: !platforms.length,
      warn: !platforms.length,
      detail: '没有配置 ADMINS：没人能 /订阅 群、批准 /绑定。请在 .env 写 ADMINS=平台:用户ID（如 wecom:zhangsan），用户ID 可在群里发 /身份 查看',
    });
  else if (platforms.length && !onPlatforms.length)
    out.push({
      check: '管理员',
      ok: false,
      detail: `ADMINS（${[...admins].join('、')}）里没有${platforms.map((p) => PLATFORM_NAME[p]).join('、')}的用户：请加上已配置平台的用户，如 ${platforms[0]}:用户ID`,
    });
  else out.push({ check: '管理员', ok: true, detail: `${admins.size}人：${[...admins].join('、')}` });
  return out;
}

/** /看板 and /导出 links and the reminders' list link are built on PUBLIC_BASE_URL. */
function dashboardCheck(config: Config): DoctorCheck | undefined {
  const check = '领导看板';
  if (!config.DASHBOARD_SECRET) return undefined;
  if (!config.PUBLIC_BASE_URL)
    return { check, ok: false, detail: `配置了 DASHBOARD_SECRET 但没有 PUBLIC_BASE_URL：/看板 的链接会指向 http://localhost:${config.PORT}，手机打不开。请填大家能访问的地址，如 PUBLIC_BASE_URL=https://duban.example.gov.cn` };
  const host = new URL(config.PUBLIC_BASE_URL).hostname;
  if (/^(localhost|127\.|0\.0\.0\.0|\[::1\])/.test(host))
    return { check, ok: true, warn: true, detail: `PUBLIC_BASE_URL=${config.PUBLIC_BASE_URL} 只有本机能打开：请改为手机能访问的地址` };
  return { check, ok: true, detail: `链接指向 ${config.PUBLIC_BASE_URL}` };
}

const BACKUP_MAX_AGE_MS = 2 * 24 * 3600_000;

/** The newest backup in BACKUP_DIR: none while the store holds data, or older than two days
 * (the daily backup is not running: bot stopped, disk full, BACKUP_DIR not writable). */
function backupCheck(env: Record<string, string | undefined>, dataDir: string, file: string, now: Date): DoctorCheck {
  const check = '备份';
  const dir = backupDir(dataDir, env.BACKUP_DIR?.trim() || undefined);
  const newest = newestBackup(dir);
  if (!newest) {
    let rows = 0;
    if (existsSync(file)) {
      const db = openDbFile(file, { readonly: true });
      try {
        const c = countRows(db);
        rows = (c.reports ?? 0) + (c.milestones ?? 0) + (c.bindings ?? 0);
      } finally {
        db.close();
      }
    }
    if (!rows) return { check, ok: true, detail: `还没有数据，也没有备份（${dir}）` };
    return { check, ok: true, warn: true, detail: `${dir} 里没有备份，而数据库已有数据：运行 duban backup，并确认机器人在运行（每天 ${env.BACKUP_TIME ?? '02:30'} 自动备份）` };
  }
  const hours = Math.floor((now.getTime() - newest.mtime.getTime()) / 3600_000);
  const age = hours >= 48 ? `${Math.floor(hours / 24)}天前` : `${hours}小时前`;
  if (now.getTime() - newest.mtime.getTime() > BACKUP_MAX_AGE_MS)
    return { check, ok: true, warn: true, detail: `最近的备份是${age}的 ${newest.file}：自动备份没有在运行，请检查机器人是否在运行、${dir} 是否可写、磁盘是否已满，并先运行 duban backup` };
  return { check, ok: true, detail: `最近的备份：${age}（${newest.file}）` };
}

export async function doctorCommand(
  args: string[],
  env: Record<string, string | undefined>,
  out: (s: string) => void = (s) => void process.stdout.write(s),
  now: () => Date = () => new Date(),
): Promise<number> {
  const checks: DoctorCheck[] = [];
  const platforms = [...(env.FEISHU_APP_ID ? ['feishu'] : []), ...(wecomEnabled(env) ? ['wecom'] : [])];
  // Parsed once: a bad setting is one finding, not one per check that reads it.
  let config: Config | undefined;
  let remind: RemindConfig | undefined;
  const problems: string[] = [];
  try {
    config = loadConfig(env);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  try {
    remind = remindConfig(env);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  checks.push(problems.length ? { check: '基本配置', ok: false, detail: problems.join('；') } : { check: '基本配置', ok: true, detail: '配置格式正确' });
  if (config) checks.push(...peopleCheck(config, platforms));
  const dataDir = resolve(env.DATA_DIR ?? './data');
  checks.push(
    attempt('数据目录', () => {
      const dir = dataDir;
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 }); // as the bot creates it (privateUmask)
      accessSync(dir, constants.W_OK);
      const mode = statSync(dir).mode & 0o777;
      if (mode & 0o077) throw new Error(`${dir} 其他用户可以读取（权限 ${mode.toString(8)}）：启动机器人会自动改为 700，或运行 chmod -R go-rwx ${dir}`);
      return `${dir} 可写，仅本用户可读`;
    }),
  );
  checks.push(attempt('数据库完整性', () => (checkIntegrity(dataDir).warnings.join('；') || '与上次检查点记录一致')));
  checks.push(calendarCheck(env.CALENDAR_FILE?.trim() || undefined, now()));
  checks.push(
    attempt('知识库', () => {
      // The list the bot answers and reminds with: an imported one when there is one.
      const list = readOnlyTaskList(env.DATA_DIR ?? './data');
      return `重点工作任务${list.tasks().length}项（${list.importedId() === null ? '内置清单' : '导入的清单'}），已建立索引`;
    }),
  );
  if (env.FEISHU_APP_ID) {
    try {
      checks.push(...(await doctorFeishu(parseFeishuConfig(env), fetch, 10_000, knownFeishuUser(dbPath(dataDir)))));
    } catch (err) {
      checks.push({ check: '飞书配置', ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }
  if (wecomEnabled(env)) {
    try {
      const wecom = loadWecomConfig(env);
      checks.push({ check: '企业微信配置', ok: true, detail: `配置格式正确（${wecom.mode === 'ws' ? '长连接' : '回调'}模式）` });
      const port = config?.PORT ?? 8080;
      checks.push(
        ...(await doctorWecom(wecom, {
          login: args.includes('--wecom-login'),
          runningPid: runningBot(dataDir),
          runningStatus: async () => (await runningPlatformStates(port))?.wecom,
        })),
      );
    } catch (err) {
      checks.push({ check: '企业微信配置', ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }
  if (!platforms.length) checks.push({ check: '平台', ok: true, detail: '未配置飞书或企业微信：npm start 将打开本地控制台' });
  if (remind) {
    const problems = reminderTargetProblems(remind, platforms);
    checks.push(
      problems.length
        ? { check: '提醒接收群', ok: false, detail: problems.join(' ') }
        : { check: '提醒接收群', ok: true, detail: `没人订阅的提醒发到 ${remind.REMIND_DEFAULT_GROUP}，逾期督办发到 ${remind.REMIND_LEADERS_GROUP ?? remind.REMIND_DEFAULT_GROUP}` },
    );
  }
  if (config) {
    const dash = dashboardCheck(config);
    if (dash) checks.push(dash);
  }
  const file = dbPath(dataDir);
  checks.push(backupCheckSafe(env, dataDir, file, now()));
  if (existsSync(file)) {
    checks.push(
      attempt('提醒送达', () => {
        const db = openDbFile(file);
        try {
          const rows = listUnsent(db);
          const stuck = rows.filter((r) => r.status === 'uncertain' || r.status === 'dead');
          if (stuck.length)
            throw new Error(`${stuck.length}条提醒没有送达或无法确认是否送达（${stuck.map((r) => `#${r.id}`).slice(0, 10).join('、')}）：运行 duban remind --pending 查看并处理`);
          return rows.length ? `${rows.length}条待发送（会自动重试）` : '所有提醒都已送达';
        } finally {
          db.close();
        }
      }),
    );
    checks.push(subscriptionCheck(file, platforms));
  }
  for (const c of checks) out(`${c.ok ? (c.warn ? '⚠' : '✓') : '✗'} ${c.check}：${c.detail}\n`);
  const bad = checks.filter((c) => !c.ok).length;
  const soon = checks.filter((c) => c.ok && c.warn).length;
  out(bad ? `\n${bad}项需要处理。\n` : soon ? `\n可以运行，但有${soon}项需要尽快处理（⚠）。\n` : '\n全部正常。\n');
  return bad ? 1 : 0;
}

/** A warning, not a failure: the bot runs, only those groups' reminders end dead. */
function subscriptionCheck(file: string, platforms: readonly string[]): DoctorCheck {
  const check = '提醒订阅';
  try {
    const db = openDbFile(file);
    try {
      const subs = listSubscriptions(db);
      const problem = orphanSubscriptionProblem(subs, platforms.length ? platforms : ['console']);
      if (problem) return { check, ok: true, warn: true, detail: problem };
      return { check, ok: true, detail: subs.length ? `${new Set(subs.map((x) => x.groupKey)).size}个群订阅了提醒，所在平台都已配置` : '还没有群订阅（提醒都发到默认群）' };
    } finally {
      db.close();
    }
  } catch (err) {
    return { check, ok: false, detail: `读取订阅失败：${err instanceof Error ? err.message : String(err)}` };
  }
}

function backupCheckSafe(env: Record<string, string | undefined>, dataDir: string, file: string, now: Date): DoctorCheck {
  try {
    return backupCheck(env, dataDir, file, now);
  } catch (err) {
    return { check: '备份', ok: false, detail: `检查备份失败：${err instanceof Error ? err.message : String(err)}` };
  }
}
