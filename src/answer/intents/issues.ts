// "专报第3期什么时候出": an issue of a periodical the documents do not hold. The bundled documents
// are one issue each (专报第2期, 公报2026年第1期); a question about another issue is not answered by
// the one there, whose dates and items would read as if they were that issue's.
import type { DocId } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { parseChineseNumber } from '../text.ts';
import type { Answer } from '../types.ts';

const PERIODICALS: [RegExp, DocId, string][] = [
  [/专报|简报/, 'bulletin', '专报'],
  [/公报/, 'gazette', '公报'],
];

const ISSUES = new WeakMap<object, Map<DocId, Set<number>>>();

/** The issue numbers (第N期) each document's own passages name. */
function issuesOf(ctx: AnswerContext): Map<DocId, Set<number>> {
  let m = ISSUES.get(ctx.kb);
  if (m) return m;
  m = new Map();
  for (const p of ctx.kb.passages)
    for (const x of `${p.title} ${p.text}`.matchAll(/第(\d{1,3})期/g)) m.set(p.doc, (m.get(p.doc) ?? new Set()).add(Number(x[1])));
  ISSUES.set(ctx.kb, m);
  return m;
}

export function missingIssue(ctx: AnswerContext, text: string): Answer | null {
  for (const [re, doc, label] of PERIODICALS) {
    const m = text.match(new RegExp(`(?:${re.source})[^，。？?！!\\s]{0,8}?第\\s*(\\d{1,3}|[一二三四五六七八九十]{1,3})\\s*期`));
    if (!m) continue;
    const n = /\d/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
    const held = issuesOf(ctx).get(doc);
    if (!held?.size || held.has(n)) continue;
    return { found: false, text: `文件中的${label}只有第${[...held].sort((a, b) => a - b).join('、')}期，没有第${n}期的内容。`, refs: [] };
  }
  return null;
}
