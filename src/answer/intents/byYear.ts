// Questions about another year than the ledger's (issue 13, class 7): "2024年GDP多少" → the 2024
// review of the work report, "25年固定资产投资目标" → its 2025 plan. The answer is the sentence of
// that section holding the asked-for words, or a plain "not found" — never the 2026 figure.
import type { Passage, SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, DOC_LABEL } from '../format.ts';
import { lacksQualifier } from '../measureQualifier.ts';
import { charCoverage, contentTerms, dropAskedUnits, longestGap, quote, sentences } from '../quote.ts';
import type { Answer } from '../types.ts';
import type { YearRoute } from '../years.ts';
import { signatureAnswer } from '../signature.ts';

/** Enough of the question's content terms for a sentence to answer it: all of one or two,
 * three in five. A looser match quotes a sentence about something else. */
export function enough(matched: number, n: number): boolean {
  return n > 0 && matched >= Math.ceil(n * 0.6);
}

const ASKS_FIGURE = /多少|几|增长|下降|比例|百分|率|目标|数/;

export interface YearPick {
  passage: Passage;
  text: string;
  matched: number;
}

/** The best sentence over a pool of passages, by how many content terms it holds; of sentences
 * holding as many, the one whose single clause (with a figure, when one is asked) holds the most:
 * "省级创新创业几家" is "5家企业获省级以上创新创业大赛奖", not "省级…新认定2家，创新创业服务机构…"
 * where the words fall in two clauses. */
export function bestSentence(pool: readonly Passage[], terms: readonly string[], wantsFigure: boolean): YearPick | undefined {
  let best: (YearPick & { clause: number }) | undefined;
  for (const p of pool) {
    const qt = quote(p.text, terms, { wantsFigure });
    if (!qt) continue;
    const matched = Math.round(qt.coverage * terms.length);
    const clause = clauseCoverage(qt.text, terms, wantsFigure);
    if (!best || matched > best.matched || (matched === best.matched && clause > best.clause)) best = { passage: p, text: qt.text, matched, clause };
  }
  return best && { passage: best.passage, text: best.text, matched: best.matched };
}

/** The largest share of the terms one clause of a text holds (a clause stating a figure, when
 * one is asked). */
function clauseCoverage(text: string, terms: readonly string[], wantsFigure: boolean): number {
  const parts = text.split(/[，,。；;：:]/).filter((c) => !wantsFigure || /\d/.test(c));
  return Math.max(0, ...parts.map((c) => terms.filter((t) => c.includes(t)).length));
}

/** A sentence outside the work report that names the year and holds the subject; the year in
 * the sentence itself keeps a figure of another year out. */
function namedYear(ctx: AnswerContext, year: number, topic: string, terms: readonly string[], wantsFigure: boolean): YearPick | undefined {
  const named = ctx.kb.passages.filter((p) => p.doc !== 'work-report' && p.text.replace(/\s/g, '').includes(`${year}年`));
  const other = bestSentence(named, terms, wantsFigure);
  return other && other.text.replace(/\s/g, '').includes(`${year}年`) && enough(other.matched, terms.length) && longestGap(topic, other.text) < 2 ? other : undefined;
}

function reply(pick: YearPick): Answer {
  const p = pick.passage;
  const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
  const where = [p.title, ...p.section].filter(Boolean).join(' › ');
  return { found: true, text: `${pick.text}\n来源：${DOC_LABEL[p.doc]} ${clip(where, 40)}`, refs: [ref] };
}

const PLAN_WORDS = /计划|目标|预期|安排|打算/g;
/** A result asked, not a target: 实际增长, 完成了, 实现了, 达到了. */
const RESULT_WORDS = /实际|完成了|实现了|达到了|增长了|做到了|完成情况|实绩/;

const COVERED = '文件中年度数字：2024年实绩和2025年目标见2024年政府工作报告，其余文件为2026年。';

/** A year-marked question answered from its year's text. `topic` is what the question asks
 * about (its residue: names, cues and question words removed). */
export function yearAnswer(ctx: AnswerContext, route: YearRoute, topic: string, question: string, relative: boolean): Answer | null {
  if (route.kind === 'current') return null;
  // "2023年度…确认意见的函是发给谁的": the year is part of a document's title; whom it was sent to,
  // who issued it or when is that document's signature, not the year's figures.
  const signed = signatureAnswer(ctx, question);
  if (signed?.found) return signed;
  // 计划/目标 say which part of the report (the plan), not what the plan is about.
  // Nor do 实际/完成 (a result, not what the result is about).
  topic = topic.replace(PLAN_WORDS, ' ').replace(/实际|完成了?|实现了?|达到了?|实绩|情况/g, ' ').trim() || topic;
  // "多少件人大建议" leaves 件人大建议: the classifier belongs to the asking.
  topic = dropAskedUnits(topic, question);
  // "24年…报告里说": the report is where the section is, not a word its sentences hold.
  if (route.kind === 'section') topic = topic.replace(/(?:政府)?(?:工作)?报告/g, ' ');
  // "2024年省级创新创业几家": a level the reading takes apart (省级) still says which thing of the
  // year's text is asked (省级以上创新创业大赛, not 创新创业服务机构).
  const level = question.match(/国家级|省级|岳阳市级|市级/)?.[0];
  if (level && !topic.includes(level)) topic = `${level} ${topic}`;
  // "25年政府工作重点抓哪七个方面": the section's own parts, every one of them.
  if (route.kind === 'section') {
    const parts = partsAnswer(ctx, route.section, topic, question);
    if (parts) return parts;
  }
  const terms = contentTerms(topic);
  const wantsFigure = ASKS_FIGURE.test(question);
  // "2027年民生实事有几项": the lists are 2026's; another year's list is not in the documents.
  if (!terms.length) return route.kind === 'other' ? { found: false, text: `文件中没有${route.year}年的清单。${COVERED}`, refs: [] } : null;
  // 去年 asked in 2026 means 2025's results, which no document holds (only 2025's targets); the
  // nearest are 2024's, given under their own year so they are not taken for 2025's.
  if (relative && route.kind === 'section' && route.year === 2025 && !/目标|计划|预期|安排|打算/.test(question)) {
    // Some 2025 results are stated outside the report ("2025年，汨罗市对非外贸进出口额达…"):
    // a sentence naming the year answers before any refusal.
    const stated = namedYear(ctx, route.year, topic, terms, wantsFigure);
    if (stated) return reply(stated);
    const review = yearAnswer(ctx, { kind: 'section', year: 2024, section: '2024年工作回顾' }, topic, question, false);
    if (!review?.found) return { found: false, text: `文件中没有2025年的实绩。${COVERED}`, refs: [] };
    return { ...review, text: `文件中没有2025年的实绩；2024年政府工作报告所述2024年的情况：\n${review.text}` };
  }
  // "2025年GDP实际增长了多少": the report states 2025's targets, not its results; a target given
  // for a result would read as the result.
  const askedResult = route.kind === 'section' && route.year === 2025 && RESULT_WORDS.test(question) && !/计划|目标|预期|安排|打算/.test(question);
  const pool = askedResult ? [] :
    route.kind === 'section'
      ? ctx.kb.passages.filter((p) => p.doc === 'work-report' && p.section[0] === route.section)
      : ctx.kb.passages.filter((p) => p.text.replace(/\s/g, '').includes(`${route.year}年`));
  const pick = bestSentence(pool, terms, wantsFigure);
  // The sentence must hold every word of the subject (机场建设 is not answered by 市场建设),
  // unless it holds nearly all of it in the report's own spelling (城、乡居民 for 城镇居民).
  if (pick && enough(pick.matched, terms.length) && (pick.matched >= terms.length * 0.8 || longestGap(topic, pick.text) < 2) && !lacksQualifier(question, pick.text)) return reply(pick);
  // "人大建议和政协提案" against "人大代表建议…政协委员提案": an abbreviation drops characters from the
  // middle of a name, which breaks its bigrams (大建, 协提) but leaves its characters in order; a
  // sentence that holds nearly all of them and misses no word outright answers it.
  const abbreviated = abbreviatedSentence(pool, topic, terms, wantsFigure);
  if (abbreviated) return reply(abbreviated);
  // "2025年对非贸易增长多少": another document can state a figure of that year in a sentence that
  // names it (the bulletin: "2025年，汨罗市对非外贸进出口额达…").
  if (route.kind === 'section') {
    const other = namedYear(ctx, route.year, topic, terms, wantsFigure);
    if (other) return reply(other);
  }
  if (askedResult) return { found: false, text: `文件中没有2025年的实绩（2024年政府工作报告只有2025年的目标）。${COVERED}`, refs: [] };
  const where = route.kind === 'section' ? `2024年政府工作报告「${route.section}」` : `文件`;
  return { found: false, text: `没有在${where}中找到${route.kind === 'other' ? `${route.year}年的` : ''}“${clip(topic.replace(/\s+/g, ''), 16)}”。${COVERED}`, refs: [] };
}

/** The sentence of the pool that holds the most of the topic's characters (at least 80%, no
 * word missing), for a topic the documents spell out longer than the question does. */
function abbreviatedSentence(pool: readonly Passage[], topic: string, terms: readonly string[], wantsFigure: boolean): YearPick | undefined {
  let best: { p: Passage; s: string; c: number } | undefined;
  for (const p of pool)
    for (const s of sentences(p.text)) {
      if (wantsFigure && !/\d/.test(s)) continue;
      const c = charCoverage(topic, s);
      if (c >= 0.8 && (!best || c > best.c) && longestGap(topic, s) < 2) best = { p, s, c };
    }
  if (!best) return undefined;
  const qt = quote(best.s, terms, { wantsFigure });
  return { passage: best.p, text: qt?.text ?? best.s, matched: terms.length };
}

/** How a question asks for a section's parts: 哪七个方面, 几个方面, 哪几件大事, 重点有哪些. */
const ASKS_PARTS = /哪\s*[几两三四五六七八九十]*\s*(?:个|大|件|项)?\s*(?:方面|板块|大事|行动|部分)|几\s*(?:个|大|件|项)\s*(?:方面|板块|大事|行动|部分)|(?:重点|主要)(?:工作|任务)?(?:有|是|抓)?(?:哪些|什么|啥|哪几)/;
/** Words that name no subject of their own when a section's parts are asked. */
const GENERIC_PARTS = /政府工作|政府|工作|重点|主要|抓|干|做|搞|方面|板块|大事|行动|部分|安排|回顾|报告|哪|几|个|件|项|大|有|是|些|什么|啥|[一二两三四五六七八九十]/g;
const CN_NO = '一二三四五六七八九十';

function partsAnswer(ctx: AnswerContext, section: string, topic: string, question: string): Answer | null {
  if (!ASKS_PARTS.test(question) || topic.replace(GENERIC_PARTS, '').replace(/\s/g, '').length >= 2) return null;
  const heads = new Map<number, { text: string; p: Passage }>();
  for (const p of ctx.kb.passages) {
    if (p.doc !== 'work-report' || p.section[0] !== section) continue;
    const m = (p.section[1] ?? p.text).match(/^\s*[（(]([一二三四五六七八九十])[)）]\s*([^。；]{2,40})/);
    if (!m) continue;
    const n = CN_NO.indexOf(m[1]!) + 1;
    if (!heads.has(n)) heads.set(n, { text: `（${m[1]}）${m[2]!}`, p });
  }
  if (heads.size < 2) return null;
  const list = [...heads.entries()].sort((a, b) => a[0] - b[0]);
  const first = list[0]![1].p;
  const ref: SourceRef = { doc: first.doc, title: first.title, locator: section, line: first.line };
  return { found: true, text: [`${section}共${list.length}个方面：`, ...list.map(([, h]) => `· ${h.text}`), `来源：${DOC_LABEL[first.doc]} ${section}`].join('\n'), refs: [ref] };
}
