// China's official working calendar: weekends are rest days except 调休 make-up workdays, and
// statutory holidays are rest days. Data from the maintained chinese-days package, overridable
// by a local JSON file. The State Council publishes next year's schedule late in the year and the
// package follows later still, so a year after the newest one covered must not stop the bot: it
// is *provisional* (Monday–Friday), and everything computed on it says so. A year before the
// data is an error (nothing is reminded then).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { addDays, daysBetween, weekday, type IsoDate } from './dates.ts';

const require = createRequire(import.meta.url);

const overrideSchema = z.object({
  /** years this file fully describes (their holidays and make-up days are all listed here) */
  years: z.array(z.number().int()).default([]),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
export type CalendarOverride = z.infer<typeof overrideSchema>;

export class CalendarYearMissing extends Error {}

export interface WorkCalendar {
  /** years with official data (chinese-days or CALENDAR_FILE) */
  years: Set<number>;
  /** a year after the data, computed as Monday–Friday until its schedule is added */
  isProvisional(year: number): boolean;
  isWorkday(d: IsoDate): boolean;
  /** d itself if it is a workday, else the closest workday before it */
  onOrBefore(d: IsoDate): IsoDate;
  /** the first workday strictly after d */
  nextWorkday(d: IsoDate): IsoDate;
  /** workdays in (from, to]; negative when to < from */
  workdaysBetween(from: IsoDate, to: IsoDate): number;
  /** throws CalendarYearMissing naming the years before the data (provisional years pass) */
  assertCovers(years: Iterable<number>): void;
}

export function loadOverride(path: string | undefined): CalendarOverride | undefined {
  if (!path || !existsSync(path)) return undefined;
  const parsed = overrideSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`工作日历文件 ${path} 格式有误：${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export function buildCalendar(override?: CalendarOverride): WorkCalendar {
  const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
  const holidays = new Set(Object.keys(data.holidays));
  const workdays = new Set(Object.keys(data.workdays));
  const years = new Set([...holidays].map((d) => Number(d.slice(0, 4))));
  if (override) {
    for (const y of override.years) {
      years.add(y);
      for (const d of [...holidays]) if (d.startsWith(`${y}-`)) holidays.delete(d);
      for (const d of [...workdays]) if (d.startsWith(`${y}-`)) workdays.delete(d);
    }
    for (const d of override.holidays) (holidays.add(d), workdays.delete(d));
    for (const d of override.workdays) (workdays.add(d), holidays.delete(d));
  }
  const first = Math.min(...years);
  const isProvisional = (y: number) => y > first && !years.has(y);
  const check = (d: IsoDate) => {
    const y = Number(d.slice(0, 4));
    if (!years.has(y) && !isProvisional(y))
      throw new CalendarYearMissing(`工作日历缺少${y}年的数据：请在 CALENDAR_FILE 中补充${y}年的节假日和调休。`);
  };
  const isWorkday = (d: IsoDate) => {
    check(d);
    if (workdays.has(d)) return true;
    if (holidays.has(d)) return false;
    const w = weekday(d);
    return w !== 0 && w !== 6;
  };
  return {
    years,
    isProvisional,
    isWorkday,
    onOrBefore(d) {
      let x = d;
      while (!isWorkday(x)) x = addDays(x, -1);
      return x;
    },
    nextWorkday(d) {
      let x = addDays(d, 1);
      while (!isWorkday(x)) x = addDays(x, 1);
      return x;
    },
    workdaysBetween(from, to) {
      const sign = daysBetween(from, to) < 0 ? -1 : 1;
      const [a, b] = sign > 0 ? [from, to] : [to, from];
      let n = 0;
      for (let x = addDays(a, 1); x <= b; x = addDays(x, 1)) if (isWorkday(x)) n++;
      return sign * n;
    },
    assertCovers(ys) {
      const missing = [...new Set(ys)].filter((y) => !years.has(y) && !isProvisional(y)).sort();
      if (missing.length)
        throw new CalendarYearMissing(`工作日历缺少${missing.join('、')}年的数据：请在 CALENDAR_FILE 中补充这些年份的节假日和调休。`);
    },
  };
}
