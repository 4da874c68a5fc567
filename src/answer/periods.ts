// Periods of the ledger's year a question asks about (issue 13, class 9): a quarter, a half, a
// month or the year end. Milestones are dated (ISO), so a period is a closed date range.
import { KB_YEAR } from '../../knowledge/sources.ts';

export interface Period {
  /** as a reply names it: 二季度 / 下半年 / 6月 */
  label: string;
  from: string; // ISO, inclusive
  to: string; // ISO, inclusive
  /** "6月底和9月底": only these months of the range */
  months?: number[];
  /** where the question says it */
  at: number;
  end: number;
}

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const Q_NAME = ['', '一', '二', '三', '四'];

const iso = (m: number, d: number) => `${KB_YEAR}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (m: number) => new Date(Date.UTC(KB_YEAR, m, 0)).getUTCDate();
const months = (a: number, b: number) => ({ from: iso(a, 1), to: iso(b, lastDay(b)) });

/** Longest forms first; a span is read once. */
const FORMS: [RegExp, (m: RegExpMatchArray) => Omit<Period, 'at' | 'end'> | undefined][] = [
  [/前([一二三1-3])(?:个)?季度/, (m) => ({ label: `前${Q_NAME[QUARTER[m[1]!]!]}季度`, ...months(1, QUARTER[m[1]!]! * 3) })],
  [/(?:第)?([一二三四1-4])季度(?:末|底)?|[Qq]([1-4])/, (m) => {
    const q = QUARTER[(m[1] ?? m[2])!]!;
    return { label: `${Q_NAME[q]}季度`, ...months(q * 3 - 2, q * 3) };
  }],
  // "4到6月", "7-9月": a span of months.
  [/(?<!\d)(1[0-2]|[1-9])\s*(?:月份?)?\s*(?:到|至|-|—|~|－)\s*(1[0-2]|[1-9])\s*月/, (m) => {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a < b ? { label: `${a}–${b}月`, ...months(a, b) } : undefined;
  }],
  [/上半年/, () => ({ label: '上半年', ...months(1, 6) })],
  [/下半年/, () => ({ label: '下半年', ...months(7, 12) })],
  // "6月底和9月底", "3、6月": two months asked together, each of them (not the months between).
  [/(?<!\d)(1[0-2]|[1-9])月?(?:份|底|末)?(?:前)?\s*(?:和|、|及|与|跟|以及|还有)\s*(1[0-2]|[1-9])月(?:份|底|末)?(?:前|之前|以前)?/, (m) => {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return a < b ? { label: `${a}月和${b}月`, ...months(a, b), months: [a, b] } : undefined;
  }],
  [/(?<!\d)(1[0-2]|[1-9])月(?:份|底|末|中旬|上旬|下旬)?(?:前|之前|以前)?(?!\d{1,2}日)/, (m) => {
    const n = Number(m[1]);
    return { label: `${n}月`, ...months(n, n) };
  }],
  [/年底前?|年末|年内/, () => ({ label: '年底', ...months(12, 12) })],
];

/** The period a question names, if any. */
export function askedPeriod(text: string): Period | undefined {
  for (const [re, make] of FORMS) {
    const m = text.match(re);
    if (!m) continue;
    const p = make(m);
    if (p) return { ...p, at: m.index!, end: m.index! + m[0].length };
  }
  return undefined;
}

export const inPeriod = (p: Pick<Period, 'from' | 'to' | 'months'>, date: string) =>
  date >= p.from && date <= p.to && (!p.months || p.months.includes(Number(date.slice(5, 7))));

/** "6月底前", "7月底前完成", "年内", "每季度" in a sentence: its date, when one month (or the year
 * end) is named. "每季度" repeats and is no deadline. */
export function sentenceDate(s: string): { date: string; label: string } | undefined {
  if (/每(?:个)?(?:季度|月)/.test(s)) return undefined;
  const m = s.match(/(?<![\d年])(1[0-2]|[1-9])月(?:底|末)?(?:前|之前)/);
  if (m) return { date: iso(Number(m[1]), lastDay(Number(m[1]))), label: m[0] };
  return undefined;
}
