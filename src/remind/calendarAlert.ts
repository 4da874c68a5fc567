// What the bot says when it runs, or will soon run, on a provisional calendar: a log line every
// day, a short line in each reminder, and once per year an alert to the 督查室 with the steps to
// add the official schedule. From 12-01 the coming year counts, so the office has the month the
// State Council's notice usually arrives in to act.
import { log } from '../log.ts';
import type { WorkCalendar } from './calendar.ts';
import type { IsoDate } from './dates.ts';

export const PROVISIONAL_LINE = '注意：今年的节假日安排尚未导入，工作日暂按周一至周五计算';

/** The years, this one and from December the next, that are computed as Monday–Friday. */
export function provisionalYearsAhead(day: IsoDate, calendar: WorkCalendar): number[] {
  const y = Number(day.slice(0, 4));
  const ys = day.slice(5) >= '12-01' ? [y, y + 1] : [y];
  return ys.filter((x) => calendar.isProvisional(x));
}

/** An error while this year's reminders are computed on a guess; a warning while only next
 * year's schedule is still to come. */
export function calendarLog(years: number[], day: IsoDate): typeof log.error {
  return years.includes(Number(day.slice(0, 4))) ? log.error : log.warn;
}

export function calendarHowTo(year: number): string {
  return [
    `【工作日历】${year}年的法定节假日和调休安排还没有数据，机器人暂按周一至周五计算工作日，节假日当天可能照常提醒、调休上班日可能不提醒。`,
    `请在国务院办公厅公布${year}年放假安排后，任选一种办法补上：`,
    '1. 升级程序依赖：npm update chinese-days（新版已含当年数据时），重启机器人；',
    `2. 或新建一个 JSON 文件，在 .env 中写 CALENDAR_FILE=文件路径，重启机器人。格式：`,
    `{"years":[${year}],"holidays":["${year}-01-01","${year}-02-08"],"workdays":["${year}-02-20"]}`,
    'holidays 为放假日期，workdays 为调休上班的周末（日期仅为格式示例，以正式通知为准）。详见 docs/calendar.md。',
  ].join('\n');
}

/** The once-a-year alert for the 督查室, keyed so the outbox sends it once per group. */
export function calendarAlert(day: IsoDate, calendar: WorkCalendar): { key: string; year: number; text: string } | undefined {
  const year = provisionalYearsAhead(day, calendar)[0];
  if (year === undefined) return undefined;
  return { key: `calendar-provisional:${year}`, year, text: calendarHowTo(year) };
}
