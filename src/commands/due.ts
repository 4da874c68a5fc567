// Milestone dates as people write them: 6月底, 6月15日, 2026-06-30, 三季度末, 年底, 上半年 …
// Pure: the year comes from the caller (the clock's year) unless the text names one.
import { parseChineseNumber } from '../answer/text.ts';
import { daysInMonth } from '../progress/time.ts';

export type DueParse =
  | { ok: true; date: string; label: string; /** chars consumed from the input */ length: number }
  | { ok: false; reason: string };

const CN_SMALL = '[一二两三四五六七八九十]{1,3}';
const NUM = `(\\d{1,2}|${CN_SMALL})`;
const YEAR = '(?:(\\d{4})\\s*年\\s*)?';
const BEFORE = '(?:\\s*(?:之前|以前|前))?';

function num(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumber(s);
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const QUARTER_END: Record<number, [number, number]> = { 1: [3, 31], 2: [6, 30], 3: [9, 30], 4: [12, 31] };

type Rule = [RegExp, (m: RegExpMatchArray, year: number) => [number, number, number] | string];

const RULES: Rule[] = [
  // 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日
  [/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]],
  // 6月15日, 六月十五日
  [new RegExp(`^${YEAR}${NUM}\\s*月\\s*${NUM}\\s*(?:[日号]|(?=\\s|$))`), (m, y) => [m[1] ? Number(m[1]) : y, num(m[2]!), num(m[3]!)]],
  // 6月底, 6月末, 6月下旬 / 中旬 / 上旬, 6月中, 6月
  [
    new RegExp(`^${YEAR}${NUM}\\s*月\\s*(底|末|下旬|中旬|上旬|中)?`),
    (m, y) => {
      const year = m[1] ? Number(m[1]) : y;
      const month = num(m[2]!);
      if (!(month >= 1 && month <= 12)) return `没有${m[2]}月`;
      const day = { 上旬: 10, 中旬: 20, 中: 15 }[m[3] ?? ''] ?? daysInMonth(year, month);
      return [year, month, day];
    },
  ],
  // 三季度末, 第3季度, Q3
  [/^(?:(\d{4})\s*年\s*)?(?:第)?([1-4一二三四])\s*季度\s*(?:末|底)?|^[Qq]([1-4])\s*(?:末|底)?/, (m, y) => {
    const q = num(m[2] ?? m[3]!);
    const [mo, d] = QUARTER_END[q]!;
    return [m[1] ? Number(m[1]) : y, mo, d];
  }],
  [/^(\d{4})\s*年\s*中|^(?:(\d{4})\s*年\s*)?(?:上半年\s*(?:末|底)?|年中|半年)/, (m, y) => [Number(m[1] ?? m[2] ?? y), 6, 30]],
  [
    /^(\d{4})\s*年\s*(?:底|末|内)|^(?:(\d{4})\s*年\s*)?(?:下半年\s*(?:末|底)?|今?年\s*(?:底|末|内)|全年)/,
    (m, y) => [Number(m[1] ?? m[2] ?? y), 12, 31],
  ],
];

/** Reads a date at the start of `s` (already width-folded). null when `s` does not start with
 * a date; ok:false when it looks like one but is impossible (2月30日, 13月底). */
export function parseDue(s: string, year: number): DueParse | null {
  for (const [re, toDate] of RULES) {
    const m = s.match(re);
    if (!m) continue;
    const r = toDate(m, year);
    if (typeof r === 'string') return { ok: false, reason: r };
    const [y, mo, d] = r;
    if (!(y >= 2000 && y <= 2100)) return { ok: false, reason: `年份${y}不对` };
    if (!(mo >= 1 && mo <= 12)) return { ok: false, reason: `没有${mo}月` };
    if (!(d >= 1 && d <= daysInMonth(y, mo))) return { ok: false, reason: `${mo}月没有${d}日` };
    const tail = s.slice(m[0].length).match(new RegExp(`^${BEFORE}`));
    const length = m[0].length + (tail?.[0].length ?? 0);
    return { ok: true, date: iso(y, mo, d), label: s.slice(0, length).trim(), length };
  }
  return null;
}

export const DUE_EXAMPLES = '6月底、6月15日、2026-06-30、三季度末、上半年、年底';
