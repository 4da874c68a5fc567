// Calendar dates as ISO strings (yyyy-mm-dd) in China time. Arithmetic goes through UTC
// midnight so no daylight-saving or host time zone can shift a day.

export type IsoDate = string;

import { localDate } from '../progress/time.ts';

/** The date in China (UTC+8, no daylight saving) at instant `now`. */
export function chinaDate(now: Date): IsoDate {
  return localDate(now);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const t = Date.parse(`${d}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
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

export function quarterEnd(d: IsoDate): IsoDate {
  const y = Number(d.slice(0, 4));
  const q = Math.ceil(Number(d.slice(5, 7)) / 3);
  return lastDayOfMonth(y, q * 3);
}
