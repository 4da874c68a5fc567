// "桥梁整治到底是90座还是80座", "附件2的桥梁数跟附件1对得上吗", "外贸要做到多少，几个文件一样不": a
// question that asks whether the documents agree is answered by the curated disagreement itself
// (knowledge/contradictions.json): every value with its source, not one figure and a note.
import type { Contradiction, SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { DOC_LABEL, sourceText } from '../format.ts';
import { contentTerms, coverage } from '../quote.ts';
import type { Answer } from '../types.ts';

/** How a leader asks whether documents agree: 对得上吗, 一样不, 到底是A还是B, 哪个为准. */
export const ASKS_CLASH =
  /对得上|对不上|对不对得上|一样不|一样吗|一不一样|是不是一样|不一样|一致吗|一致不|是否一致|一不一致|不一致|矛盾|打架|冲突|有出入|出入|哪个(?:对|准|为准)|以哪个为准|\d(?![\d.]*\s*(?:月|日|号|季度|年))\S{0,3}还是\S{0,4}\d(?![\d.]*\s*(?:月|日|号|季度|年))|(?:几|两|三|各)个?(?:文件|方案|文件里)(?:都)?(?:写的)?(?:一样|一致|相同|不同)|文件(?:之间|里)?(?:写的)?(?:都)?(?:一样|一致|相同|不同)|\d(?![\d.]*\s*(?:月|日|号|季度|年))[^，。？?\d]{0,4}[，,\s]*(?:对吗|对不对|是吗|是不是|没错吧|没错吗|准吗|准不准)/;

/** Words of the asking and of where to look, not of the subject. */
const NOT_SUBJECT =
  /对吗|对不对(?!得)|是吗|是不是|没错吧|没错吗|准吗|准不准|对得上|对不上|对不对得上|一样不|一样吗|一不一样|是不是一样|不一样|一致吗|一致不|是否一致|一不一致|不一致|矛盾|打架|冲突|有出入|出入|哪个(?:对|准|为准)|以哪个为准|还是|到底|究竟|几个文件|两个文件|各个?文件|文件|方案|通知|专报|公报|附件\s*\d*|里面|里|写的|写了|写|说的|说|跟|和|与|同|是|的|吗|不|呢|多少|几|要做到|要达到|做到|达到|今年|数量|数字|数目|总数|数(?=[跟和与同对一是写\s]|$)|目标|“?开局八好”?|民生实事|重点任务|票决|分解表|表格|表|\d{1,2}\s*月(?:底|末|份)?前?|年底|月底|全年|各镇街?|加起来|加在一起|合计|任务|\d+(?:\.\d+)?\s*[\u4e00-\u9fa5]?/g;

/** "开局八好里说老旧电梯几台", "民生实事表里机插机抛多少万亩": a figure asked of one document's side
 * of a known disagreement; the reply gives that side and names the other (ANSWERS.md). */
const POINTED = /“?开局八好”?|民生实事(?:表|通知|附件)|票决表|分解表|附件\s*[1-9一二三]|任务表/;
const ASKS_FIGURE = /多少|几|是啥|写的啥|怎么写/;

/** What a contradiction is about, for matching a question: its topic, the records it names and
 * its values. */
function aboutText(ctx: AnswerContext, c: Contradiction): string {
  const records = c.keys.map((k) => (k.startsWith('topic:') ? k.slice(6) : ctx.records.get(k)?.text ?? '')).join(' ');
  return `${c.topic} ${records} ${c.values.map((v) => v.value).join(' ')}`;
}

/** Share of the question's subject terms a contradiction holds, for the best-matching one. */
function bestClash(ctx: AnswerContext, question: string, least = 0.6): Contradiction | undefined {
  const terms = contentTerms(question.replace(NOT_SUBJECT, ' '));
  if (!terms.length) return undefined;
  // "省级民生实事到底10项还是30项": of disagreements about the same words (省级), the one whose
  // values state the figures asked is meant.
  const figures = [...question.matchAll(/\d+(?:\.\d+)?\s*[\u4e00-\u9fa5%]/g)].map((m) => m[0].replace(/\s/g, ''));
  let best: { c: Contradiction; score: number; said: number } | undefined;
  for (const c of ctx.kb.contradictions) {
    // A record's reprint (the gazette's copy of the key-task table) is a typo, not a disagreement
    // about a subject.
    if (c.keys.every((k) => k.startsWith('reprint:'))) continue;
    const score = coverage(terms, aboutText(ctx, c));
    const values = c.values.map((v) => v.value).join(' ');
    const said = figures.filter((f) => values.includes(f)).length;
    if (score > (best?.score ?? 0) || (best && score === best.score && said > best.said)) best = { c, score, said };
  }
  return best && best.score >= least ? best.c : undefined;
}

const SHORT: Record<string, string> = {
  'key-tasks': '重点任务表',
  livelihood: '民生实事通知',
  gazette: '公报',
  bulletin: '专报',
  'work-report': '工作报告',
};

/** "第32项和专报一致吗", "民生实事第14项对得上吗": the record a question names by its number. */
function numbered(ctx: AnswerContext, question: string): Contradiction | undefined {
  const m = question.match(/(民生实事|票决)?\s*第\s*(\d{1,2})\s*(项|个指标)/);
  if (!m) return undefined;
  const key = m[3] === '个指标' ? `indicator:${m[2]}` : m[1] === '民生实事' ? `livelihood:${m[2]}` : m[1] === '票决' ? `voted:${m[2]}` : `task:${m[2]}`;
  return ctx.kb.contradictions.find((c) => c.keys.includes(key));
}

export function contradictionAnswer(ctx: AnswerContext, question: string): Answer | null {
  const clash = ASKS_CLASH.test(question);
  // A task asked by its number gets the key-task figure (with the note), not the disagreement.
  const pointed = !clash && POINTED.test(question) && ASKS_FIGURE.test(question) && !/第\s*\d|加起来|一共|总共|合计|滞后/.test(question);
  if (!clash && !pointed) return null;
  const c = clash ? numbered(ctx, question) ?? bestClash(ctx, question) : bestClash(ctx, question, 0.75);
  if (!c) return null;
  const refs: SourceRef[] = c.values.map((v) => v.source);
  const lines = [
    `⚠ 文件不一致（${c.topic}）：`,
    ...c.values.map((v) => `· ${SHORT[v.source.doc] ?? DOC_LABEL[v.source.doc]} ${v.source.locator}：${v.value}`),
    c.note,
    sourceText(refs),
  ];
  return { found: true, text: lines.filter(Boolean).join('\n'), refs };
}
