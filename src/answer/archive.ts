// Questions about an archived year (issue 14): after `duban year 2027 …` the 2026 list and its
// reports live in DATA_DIR/archive (src/ledger/year.ts). "2026年第28项谁牵头" and "2026年28项进展"
// are answered from that year's task list and its store; "第28项" stays the current year's.
// The year is routed here before anything else (answer.ts) and the question, without its year,
// is answered by the same engine over the archived year's context — so every kind of question
// works for an old year as for the current one.
import type { AnswerContext } from './context.ts';
import type { Answer } from './types.ts';
import { askedYear } from './years.ts';

export interface YearArchives {
  /** the year the live store runs (the archived years are before it) */
  current: number;
  /** archived years, oldest first */
  years: readonly number[];
  /** the answer context of an archived year: its task list, a read-only view of its store */
  context(year: number): AnswerContext | undefined;
}

/** "去年" in the current year means the year before it when that year is archived; the bare
 * forms (2026年, 26年) are askedYear's. */
function yearOf(text: string, a: YearArchives): { year: number; span: RegExp } | undefined {
  if (/去年|上一年|上年/.test(text) && a.years.includes(a.current - 1)) return { year: a.current - 1, span: /去年|上一年|上年/ };
  const y = askedYear(text);
  if (y === undefined || y === a.current || !a.years.includes(y)) return undefined;
  // "2024年…" keeps meaning the work report (years.ts) unless that year itself was archived.
  const short = String(y).slice(2);
  return { year: y, span: new RegExp(`(?<![\\d.])(?:${y}|${short})\\s*年(?:度)?(?:的)?`) };
}

/** The answer from an archived year, or null when the question asks no archived year. `answer`
 * is the engine itself (passed in: this module is imported by it). */
export function archivedAnswer(question: string, ctx: AnswerContext, answer: (q: string, c: AnswerContext) => Answer): Answer | null {
  const a = ctx.archives;
  if (!a || !a.years.length) return null;
  const hit = yearOf(question, a);
  if (!hit) return null;
  const past = a.context(hit.year);
  if (!past) return null;
  const rest = question.replace(hit.span, ' ').replace(/\s+/g, ' ').trim();
  // The archived context carries no archives of its own: no second routing.
  const reply = answer(rest || question, past);
  const head = `【${hit.year}年（已归档，现行清单为${a.current}年）】`;
  return { ...reply, text: `${head}\n${reply.text}` };
}

