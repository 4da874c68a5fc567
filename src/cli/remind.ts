// duban remind --dry-run [--digest] [--at yyyy-mm-dd] [--json]: what the reminder run (or, with
// --digest, the weekly digest run) would send on that day, without sending or recording anything
// (a fresh clone works: no database is created). The preview follows the live run's own rules:
// remind_since, reports and milestones as of that day's run, and what was already sent before it.
// --json prints one object per message: {"group","text","mentions":[{"userId","name"}],"tasks"}.
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { knowledgeContext } from '../knowledgeContext.ts';
import { activeTaskList } from '../ledger/store.ts';
import { buildCalendar, CalendarYearMissing, loadOverride } from '../remind/calendar.ts';
import { remindConfig } from '../remind/config.ts';
import { chinaDate, isIsoDate } from '../remind/dates.ts';
import { isDigestDay, previewDigests } from '../remind/digest.ts';
import { previewPlanner } from '../remind/runner.ts';
import { dbPath, openDbFile } from '../store/db.ts';

const USAGE = '用法：duban remind --dry-run [--digest] [--at 2026-06-26] [--json]';
const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export async function remindCommand(args: string[], env: Record<string, string | undefined>): Promise<number> {
  let at: string | undefined;
  let json = false;
  let dry = false;
  let digest = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--dry-run') dry = true;
    else if (a === '--digest') digest = true;
    else if (a === '--at' || a.startsWith('--at=')) at = a.includes('=') ? a.slice(5) : args[++i];
    else {
      process.stderr.write(`不认识的参数“${a}”。${USAGE}\n`);
      return 2;
    }
  }
  if (!dry) {
    process.stderr.write(`目前只支持预演（--dry-run）；正式发送由 npm start 的定时任务完成。${USAGE}\n`);
    return 2;
  }
  const day = at ?? chinaDate(new Date());
  if (!isIsoDate(day)) {
    process.stderr.write(`日期“${day}”格式不对，应为 YYYY-MM-DD，如 2026-06-26。\n`);
    return 2;
  }
  const config = loadConfig(env);
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
  const file = dbPath(config.DATA_DIR);
  // Without a database there is nothing bound or reported yet: plan against an empty one in
  // memory rather than create a file.
  const db = openDbFile(existsSync(file) ? file : ':memory:');
  try {
    // The task list the bot runs on: an imported one replaces the bundled key tasks (openCore).
    const base = knowledgeContext().kb;
    const kb = { ...base, keyTasks: activeTaskList(db) ?? base.keyTasks };
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
