// The year a question asks about (issue 13, class 7). The ledger documents are the 2026 ones;
// the 2024 government work report holds the only other years: its review (2024 results) and its
// plan (2025 targets). A figure of the wrong year is a wrong answer, so a year-marked question
// is sent to the section of its year, and a year no document covers is told so.
import { KB_YEAR } from '../../knowledge/sources.ts';

export type YearRoute =
  /** 2026 (今年, 26年, no year): the ledger documents, the usual path */
  | { kind: 'current' }
  /** a section of the work report: 2024年工作回顾 / 2025年工作安排 */
  | { kind: 'section'; year: number; section: string }
  /** a year the documents do not report on as such */
  | { kind: 'other'; year: number };

/** Relative years as a leader in the ledger's year means them. */
const RELATIVE: [RegExp, number][] = [
  [/前年/, -2],
  [/去年|上一年|上年/, -1],
  [/明年|下一年/, 1],
];

/** "2024年", "24年" (a two-digit year between 20 and 30, not a duration such as 有效期10年), or a
 * relative year. A year followed by a month is a date (2025年12月9日的常务会议), not a question
 * about that year's figures. */
export function askedYear(text: string): number | undefined {
  for (const m of text.matchAll(/(?<![\d.])(20\d\d|\d\d)\s*年(?!\s*\d{1,2}\s*月)/g)) {
    const raw = m[1]!;
    if (raw.length === 2 && (Number(raw) < 20 || Number(raw) > 30 || /几年|多少年|期/.test(text))) continue;
    return raw.length === 2 ? 2000 + Number(raw) : Number(raw);
  }
  for (const [re, d] of RELATIVE) if (re.test(text)) return KB_YEAR + d;
  return undefined;
}

/** Where a question of that year is answered. */
export function routeYear(year: number | undefined): YearRoute {
  if (year === undefined || year === KB_YEAR) return { kind: 'current' };
  if (year === 2024) return { kind: 'section', year, section: '2024年工作回顾' };
  if (year === 2025) return { kind: 'section', year, section: '2025年工作安排' };
  return { kind: 'other', year };
}

const YEAR_MARK = /(?:20)?\d\d\s*年(?!\s*\d{1,2}\s*月)|今年|去年|明年|前年|本年/;

/** "城镇新增就业今年目标多少，24年完成多少": clauses each naming its own year are two questions,
 * each answered from its year's document; a clause without a subject takes the first's. */
export function yearClauses(text: string): string[] | undefined {
  const clauses = text.split(/[，,；;。？?]|(?<=多少|几|怎样|如何)(?:和|跟|与|以及)/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2 || !clauses.every((c) => YEAR_MARK.test(c))) return undefined;
  const routes = clauses.map((c) => { const r = routeYear(askedYear(c)); return r.kind === 'current' ? 'current' : String(r.year); });
  if (new Set(routes).size < 2) return undefined;
  const subject = clauses[0]!.replace(YEAR_MARK, ' ').replace(/目标|计划|预期|完成|实际|实现|多少|几|是|了|呢|吗|的/g, ' ').replace(/\s+/g, '').replace(/[个人座家项套条所户台辆名次场]$/, '');
  if (subject.length < 2) return undefined;
  return clauses.map((c, i) => {
    if (i === 0) return c;
    const own = c.replace(YEAR_MARK, ' ').replace(/目标|计划|预期|完成|实际|实现|多少|几|是|了|呢|吗|的|那|又|呢/g, '').replace(/\s+/g, '');
    if (own.length >= 2) return c;
    const year = c.match(YEAR_MARK)![0];
    return `${year}${subject}${c.replace(year, '')}`;
  });
}
