// duban doctor: checks the set-up and says what to fix — configuration, data directory, the
// work calendar, the knowledge base, and each configured platform (Feishu: credentials,
// scopes, connectivity).
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { knowledgeContext } from '../knowledgeContext.ts';
import { doctorFeishu, type DoctorCheck } from '../platforms/feishu/doctor.ts';
import { parseFeishuConfig } from '../platforms/feishu/config.ts';
import { loadWecomConfig, wecomEnabled } from '../platforms/wecom/config.ts';
import { buildCalendar, loadOverride } from '../remind/calendar.ts';
import { remindConfig } from '../remind/config.ts';
import { calendarHowTo, provisionalYearsAhead } from '../remind/calendarAlert.ts';
import { chinaDate } from '../remind/dates.ts';
import { reminderTargetProblems } from '../remind/targets.ts';
import { dbPath, openDbFile } from '../store/db.ts';
import { listUnsent } from '../store/delivery.ts';
import { checkIntegrity } from '../store/guard.ts';

function attempt(check: string, fn: () => string): DoctorCheck {
  try {
    return { check, ok: true, detail: fn() };
  } catch (err) {
    return { check, ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

function calendarCheck(env: Record<string, string | undefined>): DoctorCheck {
  const check = '工作日历';
  try {
    const day = chinaDate(new Date());
    const year = Number(day.slice(0, 4));
    const cal = buildCalendar(loadOverride(remindConfig(env).CALENDAR_FILE));
    cal.assertCovers([year]);
    const official = [...cal.years].filter((y) => y >= year).join('、');
    const missing = provisionalYearsAhead(day, cal);
    if (!missing.length) return { check, ok: true, detail: `已有${official}年的节假日数据` };
    return { check, ok: true, warn: true, detail: `已有${official || '—'}年的节假日数据，缺少${missing.join('、')}年（暂按周一至周五）。\n${calendarHowTo(missing[0]!)}` };
  } catch (err) {
    return { check, ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

export async function doctorCommand(_args: string[], env: Record<string, string | undefined>): Promise<number> {
  const checks: DoctorCheck[] = [];
  checks.push(attempt('基本配置', () => (loadConfig(env), remindConfig(env), '配置格式正确')));
  checks.push(
    attempt('数据目录', () => {
      const dir = resolve(env.DATA_DIR ?? './data');
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      const mode = statSync(dir).mode & 0o777;
      if (mode & 0o077) throw new Error(`${dir} 其他用户可以读取（权限 ${mode.toString(8)}）：启动机器人会自动改为 700，或运行 chmod -R go-rwx ${dir}`);
      return `${dir} 可写，仅本用户可读`;
    }),
  );
  checks.push(attempt('数据库完整性', () => (checkIntegrity(env.DATA_DIR ?? './data').warnings.join('；') || '与上次检查点记录一致')));
  checks.push(calendarCheck(env));
  checks.push(attempt('知识库', () => `重点工作任务${knowledgeContext().kb.keyTasks.length}项，已建立索引`));
  if (env.FEISHU_APP_ID) {
    try {
      checks.push(...(await doctorFeishu(parseFeishuConfig(env))));
    } catch (err) {
      checks.push({ check: '飞书配置', ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }
  if (wecomEnabled(env)) checks.push(attempt('企业微信配置', () => (loadWecomConfig(env), '配置格式正确（连通性在启动时检查）')));
  if (!env.FEISHU_APP_ID && !wecomEnabled(env)) checks.push({ check: '平台', ok: true, detail: '未配置飞书或企业微信：npm start 将打开本地控制台' });
  checks.push(
    attempt('提醒接收群', () => {
      const remind = remindConfig(env);
      const platforms = [...(env.FEISHU_APP_ID ? ['feishu'] : []), ...(wecomEnabled(env) ? ['wecom'] : [])];
      const problems = reminderTargetProblems(remind, platforms);
      if (problems.length) throw new Error(problems.join(' '));
      return `没人订阅的提醒发到 ${remind.REMIND_DEFAULT_GROUP}，逾期督办发到 ${remind.REMIND_LEADERS_GROUP ?? remind.REMIND_DEFAULT_GROUP}`;
    }),
  );
  const file = dbPath(resolve(env.DATA_DIR ?? './data'));
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
  }
  for (const c of checks) process.stdout.write(`${c.ok ? (c.warn ? '⚠' : '✓') : '✗'} ${c.check}：${c.detail}\n`);
  const bad = checks.filter((c) => !c.ok).length;
  const soon = checks.filter((c) => c.ok && c.warn).length;
  process.stdout.write(bad ? `\n${bad}项需要处理。\n` : soon ? `\n可以运行，但有${soon}项需要尽快处理（⚠）。\n` : '\n全部正常。\n');
  return bad ? 1 : 0;
}
