// Full-text fallback over the passages of all documents (knowledge/parsers/passages.ts), used when
// a question is not answered by the structured tables. MiniSearch (BM25+) with a tokenizer that
// works for Chinese: MiniSearch's default splits on spaces/punctuation and would index whole
// Chinese sentences as single tokens.
//
// Default tokenizer: overlapping character bigrams of every CJK run (a run of one character is
// kept as a unigram) plus ASCII/number runs ("2024", "5.5%", "g4"). Measured against
// Intl.Segmenter words, bigrams+unigrams, segmenter+bigrams and jieba on
// test/fixtures/search-questions.json (knowledge/SEARCH-EVAL.md, test/bench/search-eval.ts):
// bigrams ranked best and separated on- from off-topic questions best, and the index needs no
// dictionary, so names no dictionary knows (夏阳, 巢毅山) are found and the index does not change
// with the ICU data of the Node build. Intl.Segmenter is used on queries only, to tell junction
// bigrams (see bigramQuery) from words.
//
// Queries: question words (什么/怎么/多少/哪些/吗/呢/的/了/是 …) are cut out before tokenizing;
// a few synonyms are appended (GDP → 地区生产总值).
//
// Scores: MiniSearch sums BM25 over the matched query terms and multiplies by their count, so a
// raw score grows roughly with the square of the query length. searchPassages reports
// score / n² (n = distinct query tokens that are not junction bigrams): the mean per-token BM25
// weighted by the squared share of the query that matched. Hits below MIN_SCORE are dropped, so
// an off-topic question ("今天天气怎么样") returns [].
import type MiniSearch from 'minisearch';
import { flatMiniSearch } from './flatIndex.ts';
import type { Passage } from './types.ts';

export type Tokenizer = (text: string) => string[];
export type TokenizerName = 'bigram' | 'bigram+unigram' | 'segmenter' | 'segmenter+bigram';

export interface SearchIndexOptions {
  tokenizer?: TokenizerName | Tokenizer;
  /** Field boosts; text is the passage body, section its heading path, title the (sub-)document title. */
  boost?: { text?: number; section?: number; title?: number };
  /** Minimum normalised score (see MIN_SCORE). */
  minScore?: number;
}

export interface SearchIndex {
  mini: MiniSearch<IndexedPassage>;
  passages: Map<string, Passage>;
  tokenize: Tokenizer;
  /** Tokenizer for questions (for bigram indexes it also marks junction bigrams, see bigramQuery). */
  tokenizeQuery: (query: string) => QueryTokens;
  boost: { text: number; section: number; title: number };
  minScore: number;
}

export interface SearchHit {
  passage: Passage;
  /** raw score / n² (n = distinct query tokens, junction bigrams not counted); comparable across
   * queries, ≥ the index's minScore. */
  score: number;
  /** ≤ SNIPPET_MAX chars of the passage around the best-matching region, … where cut. */
  snippet: string;
}

interface IndexedPassage {
  id: string;
  text: string;
  section: string;
  title: string;
}

/** Normalised-score threshold below which a hit is not returned, i.e. a hit needs a raw
 * MiniSearch score ≥ MIN_SCORE × n² (n = the query's distinct non-junction tokens). Tuned on
 * test/fixtures/search-questions.json with the bigram tokenizer: the lowest correct top-1 hit of an
 * on-topic question scores 3.60 ("两新指什么"), the highest off-topic top hits 2.78 ("火星基地建设进度"
 * → 建设进度) and 2.15 ("张三负责哪些任务"); 3.2 sits in the middle of that gap. A question whose
 * words do occur in the documents in another sense ("世界杯谁夺冠了" → the 龙舟世界杯 of the 2024
 * report) is not off-topic to a lexical index and is returned. */
export const MIN_SCORE = 3.2;
export const SNIPPET_MAX = 120;
const DEFAULT_BOOST = { text: 1, section: 0.5, title: 1 };

// ---------------------------------------------------------------- normalisation & tokenizers

/** Full-width ASCII → half-width, lower case; one output char per input char, so offsets in the
 * normalised text are offsets in the original (used for snippets). */
export function normalizeText(s: string): string {
  // Fast path (most text, all of it at index build): full-width forms and A–Z by regex, then
  // done if nothing else would change — a character that lowercases on its own also changes
  // when the whole string is lowercased. Anything else (Greek, astral letters…) goes the slow
  // way, which is the definition.
  let t = RE_FULL_WIDTH.test(s) ? s.replace(RE_FULL_WIDTH_G, halfWidth) : s;
  if (RE_UPPER_ASCII.test(t)) t = t.replace(RE_UPPER_ASCII_G, (m) => m.toLowerCase());
  if (t.toLowerCase() === t) return t;
  return normalizeSlow(s);
}

const RE_FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const RE_FULL_WIDTH_G = /[\uff01-\uff5e\u3000]/g;
const RE_UPPER_ASCII = /[A-Z]/;
const RE_UPPER_ASCII_G = /[A-Z]+/g;
const halfWidth = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** normalizeText by its definition, one character at a time. */
export function normalizeSlow(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0).toLowerCase();
    else if (c === 0x3000) out += ' ';
    else out += ch.length === 1 ? ch.toLowerCase() : ch;
  }
  return out;
}

const RE_CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:\.[0-9]+)?%?/g;
const isCjk = (s: string) => /^[\u3400-\u9fff\uf900-\ufaff]/.test(s);

function bigrams(text: string, unigrams: boolean): string[] {
  const out: string[] = [];
  for (const m of normalizeText(text).matchAll(RE_CJK_RUN)) {
    const run = m[0];
    if (!isCjk(run)) {
      out.push(run);
      continue;
    }
    // The run is BMP characters only (RE_CJK_RUN), so code units are characters.
    if (run.length === 1 || unigrams) out.push(...run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

let segmenter: Intl.Segmenter | null = null;
function segmentWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(normalizeText(text))) {
    if (s.isWordLike) out.push(s.segment);
  }
  return out;
}

/** Bigrams of a query, and how many of them are not junction bigrams straddling two dictionary
 * words ("产值|完成" → "值完"). All bigrams are searched (a junction sometimes matches usefully),
 * but only the others count as the query's length when normalising the score, so a long question
 * is not judged poorly covered for bigrams no passage could contain. A boundary between two
 * single characters is not a junction: that is how the segmenter splits names it does not know
 * (夏|阳). */
function bigramQuery(text: string, unigrams: boolean): QueryTokens {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const norm = normalizeText(text);
  const wordLen: number[] = new Array(norm.length).fill(0); // length of the word covering each index
  const startsWord: boolean[] = new Array(norm.length).fill(false);
  for (const s of segmenter.segment(norm)) {
    startsWord[s.index] = true;
    for (let i = 0; i < s.segment.length; i++) wordLen[s.index + i] = s.segment.length;
  }
  const tokens: string[] = [];
  const junctions = new Set<string>();
  for (const m of norm.matchAll(RE_CJK_RUN)) {
    const run = m[0];
    if (!isCjk(run)) {
      tokens.push(run);
      continue;
    }
    if (run.length === 1 || unigrams) tokens.push(...run);
    for (let i = 0; i + 1 < run.length; i++) {
      const at = m.index + i + 1; // index of the second character
      const bg = run[i]! + run[i + 1]!;
      tokens.push(bg);
      if (startsWord[at] && ((wordLen[at - 1] ?? 0) >= 2 || (wordLen[at] ?? 0) >= 2)) junctions.add(bg);
    }
  }
  return { tokens, junctions };
}

interface QueryTokens {
  tokens: string[];
  /** Tokens not counted in the query length (see bigramQuery). */
  junctions: Set<string>;
}

export const TOKENIZERS: Record<TokenizerName, Tokenizer> = {
  bigram: (t) => bigrams(t, false),
  'bigram+unigram': (t) => bigrams(t, true),
  segmenter: segmentWords,
  'segmenter+bigram': (t) => [...segmentWords(t), ...bigrams(t, false)],
};

// ---------------------------------------------------------------- queries

/** Question words and particles removed from queries (longest first) so they neither dominate
 * the score nor form bigrams with content words ("什么是三高四新" → "三高四新"). */
export const QUERY_STOP_PHRASES = [
  // "增长百分之多少", "投资花了多少": the documents write 10%, 2723万元, never the asking's words.
  '百分之', '花了多少', '花多少',
  '什么时候', '什么样', '是什么', '为什么', '什么', '怎么样', '怎么办', '怎么', '怎样', '如何',
  '多少', '多大', '多久', '多长', '几个', '哪几个', '哪些', '哪个', '哪里', '哪儿', '哪', '是否',
  '有没有', '有哪些', '请问', '一下', '告诉我', '介绍', '说说', '讲讲', '具体', '能不能', '可不可以',
  '一共', '总共', '共计',
  // Colloquial asking words: how a leader asks, never what about (到底多少座, 会上提了啥要求).
  '到底', '究竟', '大概', '大约', '分别', '各自', '会上', '提出', '指出', '啥', '咋',
  '谁', '吗', '呢', '吧', '啊', '呀', '的', '了', '是', '几',
];
/** "一户补多少", "每平给多少": the unit a rate is asked per, written 元/户 or 元/m² in the documents,
 * whose bigrams (户补, 平给) no passage holds; and a verb of paying right after it. */
const RE_PER_UNIT = /(?:一|每)(?:户|亩|吨|人|平方米|平米|平)(?:补|给|发|奖|算)?/g;
const RE_POINTER = /[那这](?:两|几|三|四)?[个块项家座条片处间套栋宗](?:各(?=多少|几|是|有))?/g;
const STOP_TOKENS = new Set(['的', '了', '是', '吗', '呢', '啊', '吧', '呀', '和', '与', '在', '我', '你', '要', '都', '也', '就', '有']);

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Query words with a different wording in the documents. */
const QUERY_SYNONYMS: [RegExp, string][] = [
  [/gdp/i, '地区生产总值'],
  [/社消零|社零/, '社会消费品零售总额'],
  [/规上工业/, '规模以上工业'],
  [/打官司|起诉|告状|告了/, '诉讼'],
  [/禁垦/, '禁止开垦'],
  [/房子/, '房屋'],
  // "哪些楼栋", "几栋楼": the documents number buildings 第2栋 (栋 a unigram of its own).
  [/楼栋|栋楼|哪几栋|几栋/, ' 栋'],
];

/** The tokens searched for a question, and n, the query length used to normalise scores. */
export function analyzeQuery(index: Pick<SearchIndex, 'tokenizeQuery'>, query: string): { tokens: string[]; n: number } {
  let q = normalizeText(query);
  for (const [re, rep] of QUERY_SYNONYMS) if (re.test(q) && !q.includes(rep)) q += ` ${rep}`;
  // Questions have their numerals turned to digits (第二批 → 第2批); the documents write a batch,
  // a term or a round in Chinese numerals (第二批土地储备专项债券), so both forms are searched.
  for (const m of q.matchAll(/第(10|[1-9])(批|期|届|轮)/g)) q += ` 第${CN_DIGITS[Number(m[1])]}${m[2]}`;
  // "南侧西侧那两块各多少": a demonstrative with its classifier points back at what was named.
  q = q.replace(RE_POINTER, ' ').replace(RE_PER_UNIT, ' ');
  for (const w of QUERY_STOP_PHRASES) q = q.split(w).join(' ');
  const { tokens, junctions } = index.tokenizeQuery(q);
  const uniq = [...new Set(tokens)].filter((t) => !STOP_TOKENS.has(t));
  return { tokens: uniq, n: Math.max(1, uniq.filter((t) => !junctions.has(t)).length) };
}

export function queryTokens(index: Pick<SearchIndex, 'tokenizeQuery'>, query: string): string[] {
  return analyzeQuery(index, query).tokens;
}

// ---------------------------------------------------------------- index

export function buildSearchIndex(passages: Passage[], opts: SearchIndexOptions = {}): SearchIndex {
  const tok = opts.tokenizer ?? 'bigram';
  const tokenize = typeof tok === 'function' ? tok : TOKENIZERS[tok];
  const boost = { ...DEFAULT_BOOST, ...opts.boost };
  let headings: Map<string, string[]> | null = new Map();
  const remember = (text: string, tokens: string[]) => (headings?.set(text, tokens), tokens);
  const mini = flatMiniSearch<IndexedPassage>({
    fields: ['text', 'section', 'title'],
    // Titles and headings count once per token: they say what a passage is about, not how often.
    // Many passages share them: tokenized once each while building (search uses the other path).
    tokenize: (text, field) => (field === 'text' ? tokenize(text) : headings?.get(text) ?? remember(text, [...new Set(tokenize(text))])),
    processTerm: (term) => term,
    searchOptions: { boost, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  mini.addAll(
    passages.map((p) => ({ id: p.id, text: p.text, section: p.section.join(' '), title: p.title })),
  );
  const index: SearchIndex = {
    mini,
    passages: new Map(passages.map((p) => [p.id, p])),
    tokenize,
    tokenizeQuery:
      tok === 'bigram'
        ? (t) => bigramQuery(t, false)
        : tok === 'bigram+unigram'
          ? (t) => bigramQuery(t, true)
          : (t) => ({ tokens: tokenize(t), junctions: new Set<string>() }),
    boost,
    minScore: opts.minScore ?? MIN_SCORE,
  };
  headings = null; // built: no cache for whatever is tokenized later
  index.tokenizeQuery('预热'); // loads the ICU word dictionary now (~10 ms), not on the first question
  return index;
}

/** Best passages for a question, at most `limit`, [] when nothing scores MIN_SCORE. Passages
 * whose text is identical to a better one (the gazette reprints the key-tasks notice) are
 * skipped. */
export function searchPassages(index: SearchIndex, query: string, limit = 3): SearchHit[] {
  const { tokens, n } = analyzeQuery(index, query);
  if (!tokens.length) return [];
  const raw = index.mini.search(tokens.join(' '), {
    tokenize: () => tokens,
    processTerm: (t) => t,
  });
  const out: SearchHit[] = [];
  const seen = new Set<string>();
  for (const r of raw) {
    const score = r.score / (n * n);
    if (score < index.minScore || out.length >= limit) break;
    const passage = index.passages.get(r.id as string);
    if (!passage || seen.has(passage.text)) continue;
    seen.add(passage.text);
    // The snippet is made when read: most hits are looked at and dropped, and a snippet costs more
    // than the rest of the hit.
    let snippet: string | undefined;
    const terms = r.queryTerms;
    out.push({ passage, score, get snippet() { return (snippet ??= makeSnippet(passage.text, terms)); } });
  }
  return out;
}

// ---------------------------------------------------------------- snippets

/** Where a snippet around offset `at` should start: just after the sentence (or, failing that,
 * clause) boundary at most `reach` chars before it, else a few chars before it. */
function clauseStart(text: string, at: number, reach = 30): number {
  if (at <= 0) return 0;
  const from = Math.max(0, at - reach);
  const back = text.slice(from, at);
  const strong = Math.max(back.lastIndexOf('。'), back.lastIndexOf('；'), back.lastIndexOf('！'), back.lastIndexOf('？'));
  if (strong >= 0) return from + strong + 1;
  const weak = Math.max(back.lastIndexOf('，'), back.lastIndexOf('：'), back.lastIndexOf('、'));
  if (weak >= 0) return from + weak + 1;
  if (from === 0 && at <= reach) return 0;
  return at - 10;
}

/** The passage text trimmed to ≤ max chars around the region where most distinct query terms
 * occur (longer terms weigh more); … marks each cut. Starts at a sentence/clause boundary when
 * one is close before the region. */
export function makeSnippet(text: string, terms: string[], max = SNIPPET_MAX): string {
  if (text.length <= max) return text;
  const norm = normalizeText(text);
  const hits: { at: number; term: string }[] = [];
  for (const t of new Set(terms)) {
    if (!t) continue;
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) hits.push({ at: i, term: t });
  }
  const width = max - 2; // room for … on both sides
  let best = 0;
  let bestScore = -1;
  for (const h of hits) {
    const start = clauseStart(text, h.at);
    const seen = new Set<string>();
    let score = 0;
    for (const o of hits) {
      if (o.at >= start && o.at + o.term.length <= start + width) {
        score += seen.has(o.term) ? 0.1 : o.term.length;
        seen.add(o.term);
      }
    }
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  // Do not waste the window on a short tail: when the region is near the end, end the snippet at
  // the end of the text and start as early as that allows (at a boundary if one is close).
  if (best > 0 && text.length - best < max - 1) {
    const earliest = Math.max(0, text.length - (max - 1));
    const k = text.slice(earliest, best).search(/[。；！？，]/);
    best = earliest === 0 ? 0 : k >= 0 && k < 20 ? earliest + k + 1 : earliest;
  }
  const head = best > 0 ? '…' : '';
  let end = best + max - head.length;
  if (end >= text.length) {
    end = text.length;
    return head + text.slice(best, end);
  }
  end -= 1; // room for the trailing …
  return head + text.slice(best, end) + '…';
}
