// Calendar helpers in the county's time zone. China has one zone (UTC+8) and no daylight
// saving, so a fixed offset is exact and independent of the server's TZ setting.
export const TZ_OFFSET_MINUTES = 8 * 60;

function shifted(d: Date): Date {
  return new Date(d.getTime() + TZ_OFFSET_MINUTES * 60_000);
}

/** Local calendar date, yyyy-mm-dd. */
export function localDate(d: Date | string): string {
  if (typeof d === 'string') return cached(d, () => shifted(new Date(d)).toISOString().slice(0, 10));
  return shifted(d).toISOString().slice(0, 10);
}

export function localYear(d: Date): number {
  return shifted(d).getUTCFullYear();
}

/** The instant (ms since epoch) local midnight begins on `date` (yyyy-mm-dd). */
export function localMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - TZ_OFFSET_MINUTES * 60_000;
}

/** yyyy-mm-dd plus n days. */
// The state rule asks these of every (milestone, report) pair; calendar dates and report
// instants repeat, so each answer is computed once (bounded caches).
const memo = new Map<string, string>();
function cached(key: string, compute: () => string): string {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size > 200_000) memo.clear();
    v = compute();
    memo.set(key, v);
  }
  return v;
}

export function addDays(date: string, n: number): string {
  return cached(`${date}|${n}`, () => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10));
}

/** 2026-03-05 → 3月5日 */
export function shortDate(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** An ISO instant → 3月5日 10:20 (local). */
export function shortDateTime(iso: string): string {
  const s = shifted(new Date(iso)).toISOString();
  return `${shortDate(s.slice(0, 10))} ${s.slice(11, 16)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
