// Fact questions generated from the passages themselves, the way a leader asks: a few content words
// of a clause that states a figure, a date, a place or a doer (a subset, reordered), a colloquial
// asking word for that kind of fact, and the year words the clause's section calls for (ANSWERS.md,
// Years). Nothing here lists a question or an answer; every one is computed from the bundled
// passages with a seeded generator, so a run is reproducible.
import type { KnowledgeBase, Passage } from '../../knowledge/types.ts';
import { pick } from './phrases.ts';

export type FactKind = 'figure' | 'date' | 'place' | 'doer';

export interface FactQuestion {
  q: string;
  kind: FactKind;
  /** what the reply must quote: the clause's figure, date, place or doer as written */
  expect: string;
  /** the clause it was made from, for the failure listing */
  clause: string;
  passage: Passage;
  words: string[];
}

/** The documents whose prose states facts a leader asks after (the records answer the tables). */
const PROSE = (p: Passage) =>
  (p.doc === 'work-report' || p.doc === 'gazette' || p.doc === 'bulletin' || p.doc === 'livelihood') &&
  !['文头', '落款', '编辑部', '出席列席', '议题概览', '注释'].includes(p.section[0] ?? '') &&
  !/责任分解表|指标任务分解表|税额|汇总表/.test(p.section[0] ?? '') &&
  !/职务任免/.test(p.title) &&
  // a table row flattened to 列：值 is the records' business
  !/[：:]\s*\d+(?:\.\d+)?\s*(?:[；;]|$)/.test(p.text);

/** A figure with the unit that says what it counts (4885.46公顷, 14家, 5.5%). */
const FIGURE = /(?<![\d.．\-—~～年月第])(\d+(?:\.\d+)?)(万亩|万元|亿元|万人次|万人|万户|万平方米|万千瓦|万吨|公顷|平方米|平方公里|公里|千米|千瓦|亩|个|家|座|台|所|户|名|人次|人|辆|条|处|项|套|栋|件|场|次|元|%)/g;
const DATE = /(?<!\d)(\d{1,2}月\d{1,2}日)/g;
/** A doer named as doing: 由X负责/牵头, X牵头. */
const DOER = /由((?:市|县)?[\u4e00-\u9fa5]{1,10}?(?:局|委|办|中心|公司|集团|政府|街道|镇|所|队|院|部))(?:负责|牵头|承担|组织|实施)/;

/** How a leader asks after each shape of figure. */
function figureAsk(unit: string, clause: string, rnd: () => number): string {
  if (unit === '%') return pick(['多少', '百分之多少', '多少啊'], rnd);
  if (/元$/.test(unit)) return pick([...(/资金|投资|补助|奖补|补贴|费|价/.test(clause) ? ['多少钱', '花多少'] : []), `多少${unit}`, '是多少'], rnd);
  if (/亩|公顷|平方/.test(unit)) return pick([`多少${unit}`, '有多大', '面积多少', `几${unit}`], rnd);
  if (/^(个|家|座|台|所|户|名|人|辆|条|处|项|套|栋|件|场|次|人次)$/.test(unit)) return pick([`几${unit}`, `多少${unit}`, `有几${unit}`, `一共多少${unit}`], rnd);
  return pick([`多少${unit}`, '是多少', '有多少'], rnd);
}
/** The verb that says how a figure is stated (增长5.5%, 提高到92%): a leader asks with it. */
function verbBefore(clause: string, at: number): string {
  return clause.slice(Math.max(0, at - 4), at).match(/(增长|下降|提高到|提升到|达到|保持在|超过|不低于|控制在|减少|新增|完成)$/)?.[1] ?? '';
}
const ASK_DATE = ['啥时候', '什么时候', '哪天', '几月几号'];
const ASK_PLACE = ['在哪', '在哪里', '放在哪', '选在哪个镇'];
const ASK_DOER = ['谁负责', '哪个单位负责', '由谁来搞', '谁牵头'];

/** The year words the clause's section calls for: the 2024 review asked with 2024, the 2025 plan
 * with 2025 and a target word, the 2026 documents with none, 今年 or 2026. */
function yearWords(p: Passage, rnd: () => number): { pre: string; post: string } {
  const s = p.section[0] ?? '';
  if (p.doc === 'work-report' && s === '2024年工作回顾') return { pre: pick(['2024年', '24年', '2024年'], rnd), post: '' };
  if (p.doc === 'work-report' && s === '2025年工作安排') return { pre: pick(['2025年', '25年'], rnd), post: pick(['目标', '计划', ''], rnd) };
  if (p.doc === 'work-report') return { pre: '', post: '' };
  return { pre: pick(['', '', '今年', '2026年'], rnd), post: '' };
}

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /^[\u4e00-\u9fa5]{2,}$/;
/** Words that say how a thing is done or how much, never which thing (a leader does not type them). */
const GENERIC = /^(负责|牵头|以下|以内|超过|不超过|予以|按照|标准|有序|有力|稳步|我们|全市|我市|全年|累计|实现|完成|开展|推进|加快|加强|建设|工作|其中|以上|左右|分别|达到|共计|新增|增长|同比|提升|持续|进一步|着力|有效|积极|全面|深入|扎实|重点|相关|各类|全力|不断|确保|力争|实施|组织|项目|我们将|主要|一批|今年|年度|目前|已经|同时|以及|通过|进行|要求|坚持|围绕|聚焦|打造|强化|落实|推动|做好|抓好|工程|问题|情况|方面|有关)$/;

/** A passage's text cut into clauses, each with the sentence it stands in. */
function clauses(text: string): string[] {
  return text.split(/[。；;！!？?]/).flatMap((s) => s.split(/[，,：:]/)).map((c) => c.trim()).filter((c) => c.length >= 6);
}

/** The phrases of a clause a leader remembers it by: runs of consecutive whole Han words (up to six
 * characters, at least two), broken at generic words, single characters and anything not Han, so
 * that a compound (地区生产总值) is asked whole and never as scrambled halves. */
function contentWords(clause: string, drop: string): string[] {
  return [...new Set(phrasesAt(clause, drop).map((x) => x.text))];
}

interface Phrase { text: string; at: number }

/** The phrases with where they start in the clause (two asked together must not overlap). */
function phrasesAt(clause: string, drop: string): Phrase[] {
  const out: Phrase[] = [];
  let run: { t: string; at: number }[] = [];
  const flush = () => {
    // a long run is remembered by its head or its tail words, never cut inside a word
    const text = run.map((w) => w.t).join('');
    if (text.length >= 2 && text.length <= 6) out.push({ text, at: run[0]!.at });
    else if (text.length > 6) {
      let head = '';
      for (const w of run) if ((head + w.t).length <= 6) head += w.t; else break;
      let tail = '';
      for (const w of [...run].reverse()) if ((w.t + tail).length <= 6) tail = w.t + tail; else break;
      const end = run.at(-1)!.at + run.at(-1)!.t.length;
      if (head.length >= 2) out.push({ text: head, at: run[0]!.at });
      if (tail.length >= 2 && tail !== head) out.push({ text: tail, at: end - tail.length });
    }
    run = [];
  };
  const blank = drop ? clause.split(drop).join(' '.repeat(drop.length)) : clause;
  for (const w of WORDS.segment(blank)) {
    const t = w.segment;
    if (HAN.test(t) && !GENERIC.test(t) && !/[多少几谁哪啥]/.test(t)) run.push({ t, at: w.index });
    else flush();
  }
  flush();
  return out;
}

export interface Corpus {
  clauses: { text: string; passage: Passage }[];
  /** every passage's text with its headings, for "does any passage hold these words together" */
  texts: string[];
}

export function corpusOf(kb: KnowledgeBase): Corpus {
  const cs = kb.passages.flatMap((p) => clauses(p.text).map((text) => ({ text, passage: p })));
  return { clauses: cs, texts: kb.passages.map((p) => `${p.title} ${p.section.join(' ')} ${p.text}`) };
}

/** Whether a word set picks out one clause of the corpus (no other clause holds them all). */
function unique(words: string[], c: Corpus, own: string): boolean {
  return c.clauses.filter((x) => x.text !== own && words.every((w) => x.text.includes(w))).length === 0;
}

/** A subset of 1–2 of the phrases that only this clause holds together, reordered; none if no
 * such subset is found in a few tries. */
function pickWords(phrases: Phrase[], c: Corpus, own: string, rnd: () => number): string[] | undefined {
  const apart = (a: Phrase, b: Phrase) => a.at + a.text.length <= b.at || b.at + b.text.length <= a.at;
  for (let t = 0; t < 12; t++) {
    const a = pick(phrases, rnd);
    const rest = phrases.filter((b) => apart(a, b));
    const ws = rnd() < 0.5 || !rest.length ? [a.text] : [a.text, pick(rest, rnd).text];
    // a thing is named by a compound (旅游收入) or a word with another (水闸 加固), not two verbs
    const named = ws.length === 1 ? ws[0]!.length >= 4 : ws.some((w) => w.length >= 3);
    if (named && unique(ws, c, own)) return rnd() < 0.5 ? ws : ws.reverse();
  }
  return undefined;
}

/** Questions asked of each clause, each with its own phrases and asking. */
const VARIANTS = 3;

/** Questions for each fact-bearing clause of the prose passages (figure, date, doer, place). */
export function factQuestions(kb: KnowledgeBase, towns: string[], rnd: () => number): FactQuestion[] {
  const c = corpusOf(kb);
  const out: FactQuestion[] = [];
  for (const { text: clause, passage } of c.clauses) {
    if (!PROSE(passage)) continue;
    const figs = [...clause.matchAll(FIGURE)];
    const dates = [...clause.matchAll(DATE)];
    const doer = clause.match(DOER);
    const place = towns.find((t) => new RegExp(`(?:在|于|落户|位于|坐落于|选址)(?:汨罗市)?${t}`).test(clause));
    let kind: FactKind;
    let expect: string;
    let ask: string;
    if (figs.length === 1 && !dates.length) [kind, expect, ask] = ['figure', figs[0]![0], `${verbBefore(clause, figs[0]!.index!)}${figureAsk(figs[0]![2]!, clause, rnd)}`];
    else if (dates.length === 1 && !figs.length) [kind, expect, ask] = ['date', dates[0]![1]!, pick(ASK_DATE, rnd)];
    else if (doer) [kind, expect, ask] = ['doer', doer[1]!, pick(ASK_DOER, rnd)];
    else if (place) [kind, expect, ask] = ['place', place, pick(ASK_PLACE, rnd)];
    else continue;
    // the verb the asking repeats (增长多少) is not asked twice
    const verb = kind === 'figure' ? verbBefore(clause, figs[0]!.index!) : '';
    const phrases = phrasesAt(verb ? clause.replace(verb, ' '.repeat(verb.length)) : clause, expect);
    if (!phrases.length) continue;
    for (let v = 0; v < VARIANTS; v++) {
      const ws = pickWords(phrases, c, clause, rnd);
      if (!ws) continue;
      const y = yearWords(passage, rnd);
      const again = v === 0 ? ask : kind === 'figure' ? `${verb}${figureAsk(figs[0]![2]!, clause, rnd)}` : pick(kind === 'date' ? ASK_DATE : kind === 'doer' ? ASK_DOER : ASK_PLACE, rnd);
      const q = `${y.pre}${ws.join('')}${y.post}${again}`;
      if (!out.some((o) => o.q === q)) out.push({ q, kind, expect, clause, passage, words: ws });
    }
  }
  return out;
}

/** Near misses: one of a question's words swapped for a content word of another document part
 * such that no passage holds the new set together; the fact asked is then not in the documents. */
export function nearMisses(qs: FactQuestion[], c: Corpus, rnd: () => number): { q: string; from: FactQuestion; swapped: string }[] {
  // a subject is swapped for a subject: phrases of three characters or more
  const pool = [...new Set(c.clauses.flatMap((x) => contentWords(x.text, '')))].filter((w) => w.length >= 3);
  const out: { q: string; from: FactQuestion; swapped: string }[] = [];
  for (const f of qs) {
    for (let t = 0; t < 8; t++) {
      const i = Math.floor(rnd() * f.words.length);
      const w = pick(pool, rnd);
      const ws = f.words.map((x, j) => (j === i ? w : x));
      if (f.words.includes(w) || c.texts.some((x) => ws.every((y) => x.includes(y)))) continue;
      out.push({ q: f.q.replace(f.words.join(''), ws.join('')), from: f, swapped: w });
      break;
    }
  }
  return out;
}

/** The same phrases asked of a year whose documents do not state this clause: a 2024 result asked
 * as a 2025 target, a 2025 target asked as a 2024 result, a 2026 figure asked of 2024. Only when
 * the figure is written nowhere but in the clause's own passage (another passage may state it of
 * the other year too). */
export function otherYear(f: FactQuestion, kb: KnowledgeBase): { q: string; from: FactQuestion } | undefined {
  if (f.kind !== 'figure' || kb.passages.some((p) => p !== f.passage && p.text.includes(f.expect))) return undefined;
  const s = f.passage.section[0] ?? '';
  const body = f.q.replace(/^(?:20)?2[456]年|^今年/, '').replace(/目标|计划/, '');
  if (f.passage.doc === 'work-report' && s === '2024年工作回顾') return { q: `2025年${body.replace(/(?=(?:增长|下降|提高到|达到|保持在)?(?:多少|几|是多少|有多大|面积))/, '目标')}`, from: f };
  if (f.passage.doc === 'work-report' && s === '2025年工作安排') return { q: `2024年${body}`, from: f };
  if (f.passage.doc !== 'work-report' && !/20(?:2[345])年/.test(f.clause)) return { q: `2024年${body}`, from: f };
  return undefined;
}
