// Calendar dates as ISO strings (yyyy-mm-dd) in China time. Arithmetic goes through UTC
// midnight so no daylight-saving or host time zone can shift a day.

import { addDays, localDate } from '../progress/time.ts';

export type IsoDate = string;

/** One date arithmetic for the whole bot (the state rule's, cached). */
export { addDays };

/** The date in China (UTC+8, no daylight saving) at instant `now`. */
export function chinaDate(now: Date): IsoDate {
  return localDate(now);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(d: IsoDate): number {
  return new Date(`${d}T00:00:00Z`).getUTCDay();
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

export function lastDayOfMonth(year: number, month: number): IsoDate {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
