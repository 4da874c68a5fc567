// "专报里省级和岳阳市级民生实事加起来多少项，滞后几项": a total asked of two parts the quoted text
// states one by one ("省级…30项，…5项滞后；岳阳市级…13项，…4项滞后") is added up and said, with its
// parts, so the reader does not have to.
import type { Passage, SourceRef } from '../../knowledge/types.ts';
import { DOC_LABEL } from './format.ts';
import type { Answer } from './types.ts';

/** How a question asks for a total. */
const ASKS_TOTAL = /加起来|加在一起|一共|合计|总共|共计|总数|共有多少|共多少/;
/** Two parts joined: 省级和岳阳市级, 省级、市级. */
const PARTS = /([\u4e00-\u9fa5]{2,4}?)(?:和|与|跟|及|加|、)([\u4e00-\u9fa5]{2,4}?)(?=重点|民生|项目|任务|的|加起来|一共|合计|总共|共)/;
const FIGURE = /(\d+(?:\.\d+)?)\s*(项|个|家|座|人|户|件|所|条|套|台|处|名)/g;

interface Stated { n: number; unit: string; after: string }

/** The figures of a clause, each with the words after it (达到或超时序进度, 滞后). */
function figures(clause: string): Stated[] {
  const out: Stated[] = [];
  for (const m of clause.matchAll(FIGURE)) out.push({ n: Number(m[1]), unit: m[2]!, after: clause.slice(m.index! + m[0].length, m.index! + m[0].length + 8).split(/[，,、\d]/)[0]! });
  return out;
}

/** The figure of a part's clause that the asked piece of the question means: the one whose
 * following words the piece names (滞后, 达到), else the first (the part's own count). */
function pick(stated: Stated[], piece: string, unit: string | undefined): Stated | undefined {
  const own = stated.filter((s) => !unit || s.unit === unit);
  const named = own.find((s) => {
    const words = s.after.replace(/[^\u4e00-\u9fa5]/g, '');
    for (let i = 0; i + 1 < words.length; i++) if (piece.includes(words.slice(i, i + 2))) return true;
    return false;
  });
  return named ?? own[0];
}

/** Whether a question asks a total of two parts (省级和岳阳市级…加起来). */
export function joinsParts(question: string): boolean {
  return ASKS_TOTAL.test(question) && PARTS.test(question);
}

export function withSums(question: string, a: Answer): Answer {
  if (!a.found || !ASKS_TOTAL.test(question)) return a;
  const parts = question.match(PARTS);
  if (!parts) return a;
  const body = a.text.split('\n').filter((l) => !l.startsWith('来源')).join('');
  // The regex may take words before the part (专报里省级): the longest end of it the text names.
  const longest = (cands: string[]) => cands.filter((c) => c.length >= 2 && body.includes(c)).sort((x, y) => y.length - x.length)[0];
  const g1 = parts[1]!;
  const g2 = parts[2]!;
  const left = longest([...g1].map((_, i) => g1.slice(i)));
  const right = longest([...g2].map((_, i) => g2.slice(0, i + 1)));
  if (!left || !right) return a;
  const clauses = body.split(/[；;。]/);
  // Each part's clause: the one that names it, the left part not inside the right one's name
  // (省级 within 岳阳市级 does not count: 市级 is not 省级).
  const clauseOf = (part: string, other: string) => clauses.find((c) => c.includes(part) && !(other.includes(part) && c.includes(other)) && figures(c).length > 0);
  const [cl, cr] = [clauseOf(left, right), clauseOf(right, left)];
  if (!cl || !cr || cl === cr) return a;
  const lines: string[] = [];
  // "加起来多少项，滞后几项": each asked piece on its own.
  for (const piece of question.split(/[，,；;？?]/).filter((x) => /多少|几/.test(x))) {
    const unit = piece.match(/(?:多少|几)\s*(项|个|家|座|人|户|件|所|条|套|台|处|名)/)?.[1];
    const [x, y] = [pick(figures(cl), piece, unit), pick(figures(cr), piece, unit)];
    if (!x || !y || x.unit !== y.unit) continue;
    // What the figures count, when the piece names it (滞后, 达到进度); else the parts' own count.
    const what = piece.match(/滞后|未达(?:时序)?进度|达到(?:或超)?(?:时序)?进度|达到|完成|超/)?.[0] ?? '';
    const round = (v: number) => Math.round(v * 100) / 100;
    lines.push(`${what}合计：${left}${x.n}${x.unit}＋${right}${y.n}${y.unit}＝${round(x.n + y.n)}${x.unit}。`);
  }
  if (!lines.length) return a;
  const text = a.text.split('\n');
  const at = text.findIndex((l) => l.startsWith('来源'));
  text.splice(at < 0 ? text.length : at, 0, ...lines);
  return { ...a, text: text.join('\n') };
}

/** "专报里省级和市级民生实事达到进度的一共多少项": the passage of the named documents that states each
 * part on its own (省级…；岳阳市级…) and holds the rest of the question's subject, quoted with the
 * total; null when no passage states the parts apart. */
export function sumAnswer(
  passages: readonly Passage[],
  question: string,
  docs: readonly string[],
  holds: (p: Passage) => boolean,
): Answer | null {
  if (!joinsParts(question) || !docs.length) return null;
  for (const p of passages) {
    if (!docs.includes(p.doc) || !/\d/.test(p.text) || !holds(p)) continue;
    const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    const base: Answer = { found: true, text: `${p.text}\n来源：${DOC_LABEL[p.doc]} ${[p.title, ...p.section].filter(Boolean).join(' › ').slice(0, 40)}`, refs: [ref] };
    const summed = withSums(question, base);
    if (summed !== base) return summed;
  }
  return null;
}
