// Sentence-level quotes (issue 13, class 8). A passage is often a long paragraph; a snippet cut
// to a fixed width around the matched words can stop just before the figure the leader asked
// for. So a reply quotes whole sentences: the one that holds most of the question's content
// words (and a figure, when a figure is asked), plus its neighbour when that one alone is only a
// heading or lacks the asked-for figure.
import { bigrams, parseChineseNumber } from './text.ts';
import { withoutAsking } from './asking.ts';

/** Abbreviations leaders type that the documents' sentences spell out (the documents use 规上
 * and 外贸 themselves, so those stay). */
const SYNONYMS: [RegExp, string][] = [
  [/gdp/i, '地区生产总值'],
  [/财政收入/, '一般公共预算地方收入'],
  [/规上工业增加值/, '规模工业增加值'],
  [/固投/, '固定资产投资'],
  [/社消零|社零/, '社会消费品零售总额'],
  // "几年干完": everyday verbs of finishing; the documents write 完成.
  [/干完|搞完|弄完|做完|整完/, '完成'],
  // Short names of a plant and of housing types the documents spell out.
  [/抽蓄/, '抽水蓄能'],
  [/公租房/, '公共租赁住房'],
  [/保租房/, '保障性租赁住房'],
  // "禁垦陡坡地": the notice writes 禁止开垦.
  [/禁垦/, '禁止开垦'],
  // "划进/划到陡坡地范围": the notice writes 划定.
  [/(?<![规计策谋])划(?:进|入|到)/, '划定'],
  // Everyday words for legal action; the documents write 提起行政诉讼.
  [/打官司|起诉|告状|告了/, '诉讼'],
  // "来了多少支队伍": the documents count teams as N支…队.
  [/队伍/, '队'],
  // "多少度以上不能开垦": a ban is written 禁止 (不得) in the notices.
  [/不能|不准|不许|不让/, '禁止'],
  // "两家造纸厂": the documents speak of 造纸企业, never of a 厂.
  [/(?<=[\u4e00-\u9fa5]{2})厂(?![长区房小])/, '企业'],
  // "公示期几天": a notice's period of publication, 公示期 or 公告期.
  [/公示期/, '公告期'],
  // "什么时候前付清": paying off is 支付 in the documents.
  [/付清|结清|给付|付款/, '支付'],
  // "的房子": the documents write 房屋.
  [/房子/, '房屋'],
];

/** Words that say nothing about the subject: they occur in every passage. */
const FILLER = new Set(['多少', '什么', '哪些', '一下', '情况', '要求', '工作', '汨罗', '全市', '我市', '市里', '现在', '目前', '一共', '总共', '共计']);

/** The content terms of a question: bigrams of its Chinese runs and its number/ASCII words, with
 * the documents' wording appended for common abbreviations; years are dropped (they route the
 * question, they are not what it asks about). */
/** How a question asks, not what about: 指什么, 设在哪, 从什么时候开始. */
const ASKING = /(?:几|多少)成(?=\s|$|[，,？?])|(?:怎么|如何|咋)(?:定|确定|规定|安排)的?|(?<=[\u4e00-\u9fa5])一次(?=\s|$)|百分之(?:多少|几)?|\d+\s*[#＃]?\s*(?:栋|幢|号楼|号|间|套|层|单元)(?:\s*\d+\s*[#＃]?)?|排(?:名|在)?第(?:几|多少)?(?:名|位)?(?=\s|$)|排名(?:第?(?:几|多少)(?:名|位)?)?(?=\s|$)|(?<=[\u4e00-\u9fa5])第几?(?:名|位)?(?=\s|$)|(?<=\s|^)(?:具体)?来?(?:做|干|搞|弄)(?=\s|$)|(?<=[\u4e00-\u9fa5])花了?(?=多少|几)|原因是什么|什么原因|原因|为什么|为啥|怎么回事|哪个文件|什么文件|哪份文件|文号|文件|全市|我市|本市|市里|汨罗市|一平方米|每平方米|平方米|每亩|每人|每户|每月|一(?:户|亩|吨)(?=[补给发奖多几\s]|$)|[一二三四1-4]季度|上半年|下半年|(?<=\d)月(?:底|末)?|(?:是|指|叫|在|设在|开始)(?=\s|$)|什么是|是什么意思|指什么|指的是|是指|含义|意思|啥是|什么叫|哪些事项|什么事项|事项|从什么时候|什么时候|哪一年|哪年|哪一天|哪天|哪个月|几月份|啥时候|多长时间|多久|在哪里|在哪儿|在哪|哪里|由谁|是谁|谁|开始|怎么样|怎么|如何|里面|提到|说了|讲了|能不能|可不可以|是不是|有没有|多少钱|多长|多大|多高|了吗|没有|一共|总共|共计|加起来|加在一起|合计|总数|到底|究竟|大概|大约|分别|各自|(?<=\s|^)(?:[日周月季年]|半年){2,}(?=\s|$)|\d+(?:\.\d+)?\s*(?:平方米|平米|平(?![方台安稳价衡]))|(?<=[\u4e00-\u9fa5])各(?=[\u4e00-\u9fa5]{0,2}了?(?:\s|$))|有啥|(?:找|问|联系)(?:谁|哪个|哪里|哪)?(?=\s|$)|会上|提出了?|指出了?|提了|(?<=\s|^)(?:推进|落实|在?抓)(?=\s|$)|在(?:推进?|搞|干|抓|弄|忙)(?=\s|$)|[那这][两几三四]?[个块项家座条片处间套栋]各?|(?<=[和、与及跟][\u4e00-\u9fa5]{1,8})[两三四五六七八九十][家个座所位名项](?=[\u4e00-\u9fa5])|当年(?!度)|当时|当初|那年|那时候?|(?:都)?(?:包括|包含)(?=\s|$)|额外|另外|(?:干|搞|弄|冲)到(?=\s|$)|钱?(?:一|每)平(?:方米?|米)?(?![方米])|去年|前年|上一年|(?:减少|减|降低|降|增加|增|提高|提升|压减|精简|优化)(?:到|至|为|成)(?=\s|$)|(?:来|去)?(?:参加|参与|参赛)(?=\s|$)|(?<=\s|^)(?:要|能|需)?(?:达到|做到|达成|冲刺到?|拼到)(?=\s|$)|[一二两三四五六七八九十几\d]\s*[个项条组]\s*(?:指标|数字|数据|目标|数)|(?<=\s|^)[两三四五六七八九十]\s*[家个座所位名]|(?:期间|那阵子|那段时间)(?<=[\u4e00-\u9fa5]{2}(?:期间|那阵子|那段时间))(?=[\u4e00-\u9fa5\s]|$)/g;

const CN_ORD = '一二三四五六七八九十';
/** "三到七级": a range of grades or classes, as the documents list them (三级、四级…七级). */
function expandRanges(text: string): string {
  return text.replace(/([一二三四五六七八九十])(?:到|至|~|-|—)([一二三四五六七八九十])(级|类|档|星|批|期|等)/g, (all, a: string, b: string, unit: string) => {
    const [i, j] = [CN_ORD.indexOf(a), CN_ORD.indexOf(b)];
    return i < j ? CN_ORD.slice(i, j + 1).split('').map((c) => `${c}${unit}`).join(' ') : all;
  });
}

export function contentTerms(text: string, spellOut = true): string[] {
  let t = expandRanges(text).replace(/(?:20)?\d\d年/g, ' ').replace(ASKING, ' ');
  if (spellOut) for (const [re, rep] of SYNONYMS) if (re.test(t)) t = `${t.replace(re, ' ')} ${rep}`;
  return [...new Set(bigrams(t))].filter((b) => b.length > 1 && !FILLER.has(b) && !/^\d+$/.test(b));
}

/** Sentences of a passage, kept with their end mark. A semicolon ends a sentence too: the
 * documents list figures as "A增长x%；B增长y%；…", and each clause is a statement of its own. */
export function sentences(text: string): string[] {
  return text
    .replace(/\*\*/g, '')
    .replace(/\^\[\d+\]/g, '')
    .split(/(?<=[。！？；;])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The question's content with how-it-asks words and years removed and abbreviations spelled
 * out, as runs of characters (for charCoverage). */
/** A title stands before or after a name (谢卫江书记, 书记谢卫江): a word of its own, not part of the
 * name's run. */
const TITLE_WORD = /(常务副市长|副市长|市长|副书记|书记|副主任|主任|副局长|局长|同志|部长|主席|副召集人|召集人|副组长|组长)/g;

function contentRuns(text: string, spellOut: boolean): string[] {
  let t = expandRanges(text).replace(/(?:20)?\d\d年/g, ' ').replace(ASKING, ' ').replace(TITLE_WORD, ' $1 ');
  if (spellOut) for (const [re, rep] of SYNONYMS) if (re.test(t)) t = `${t.replace(re, ' ')} ${rep}`;
  // "村BA": the documents write the character before a Latin word as a word of its own (村 + ba),
  // so no bigram joins it to what precedes it in the question (说村).
  t = t.toLowerCase().replace(/([\u4e00-\u9fff])(?=[a-z])/g, ' $1');
  return (t.match(/[\u4e00-\u9fff]{2,}|[a-z]+\d*|\d+[a-z]+/g) ?? []).filter((r) => !FILLER.has(r));
}

/** The bigrams of a text, remembered for the texts checked again and again (a record, a
 * passage, an entity's records): the grounding checks run on every hit of every question. */
const SETS = new Map<string, Set<string>>();
const SETS_MAX = 2048;

export function bigramSet(text: string): Set<string> {
  let set = SETS.get(text);
  if (set) return set;
  if (SETS.size >= SETS_MAX) SETS.clear();
  SETS.set(text, (set = new Set(bigrams(text))));
  return set;
}

/** Share of the question's content characters that a text holds as part of a shared bigram.
 * Counting characters rather than bigrams forgives the bigram that straddles two words
 * ("黄水清|任命" → 清任), which no passage could be expected to contain. */
export function charCoverage(question: string, text: string, spellOut = true): number {
  const runs = contentRuns(question, spellOut);
  // A measure word (比例, 金额) is held by a figure of its shape (75%, 8元), not only by the word.
  const have = bigramSet(withMeasures(question, text));
  let total = 0;
  let held = 0;
  for (const r of runs) {
    if (!/^[\u4e00-\u9fff]/.test(r)) {
      total += 1;
      if (have.has(r)) held += 1;
      continue;
    }
    const covered = new Array<boolean>(r.length).fill(false);
    for (let i = 0; i + 1 < r.length; i++) if (have.has(r.slice(i, i + 2))) covered[i] = covered[i + 1] = true;
    total += r.length;
    held += covered.filter(Boolean).length;
  }
  return total ? held / total : 1;
}

/** Whether the character at i of a run stands within two characters of its neighbour in the
 * text (危旧房 against 危旧住房: 房 two after 旧). */
function nearNeighbour(run: string, i: number, text: string): boolean {
  const c = run[i]!;
  const before = i > 0 ? run[i - 1]! : '';
  const after = i + 1 < run.length ? run[i + 1]! : '';
  for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
    const around = text.slice(Math.max(0, at - 3), at + 4);
    if ((before && around.slice(0, 3).includes(before)) || (after && around.slice(4).includes(after))) return true;
  }
  return false;
}

/** Prefixes that qualify a measure without naming a subject: 总面积, 总价款, 总投资. */
const MODIFIER_CHAR = /[总]/;

/** Whether an uncovered character of a run stands, in the text, next to both of its covered
 * neighbours' characters within the near window (or next to the one it has at a run's edge):
 * 补 of 补差额 in 补助差额, 求 of 求补 in 要求增加补助. Both sides must agree, so a character the text
 * has only elsewhere does not count. */
function nearBoth(run: string, i: number, text: string, covered: boolean[]): boolean {
  const c = run[i]!;
  const before = i > 0 ? run[i - 1]! : '';
  const after = i + 1 < run.length ? run[i + 1]! : '';
  if (!before && !after) return false;
  for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) {
    const ahead = text.slice(Math.max(0, at - 3), at);
    const behind = text.slice(at + 1, at + 4);
    const okBefore = !before || ahead.includes(before) || (i > 0 && !covered[i - 1]);
    const okAfter = !after || behind.includes(after) || (i + 1 < run.length && !covered[i + 1]);
    if (okBefore && okAfter && ((before && ahead.includes(before)) || (after && behind.includes(after)))) return true;
  }
  return false;
}

/** Characters that carry no subject of their own. */
const FUNCTION_CHAR = /[说讲写提点办建做搞开修改配种设每次位名条项件的地得了着过和与及跟或在对把被将从向给为是有要个等之其各该本此这那就都也还又并且而于以所可能会让使去来上下中内外前后里由按照看到当]/;

/** The longest run of the question's content characters that a text holds in no shared bigram:
 * a run of two or more is a whole word the text lacks ("机场" in 机场建设进度 against a passage on
 * 建设进度), which a share alone forgives when the rest matches. Single characters are forgiven
 * (a straddling bigram, a particle). */
export function longestGap(question: string, text: string, spellOut = true, loneInText = false): number {
  const have = bigramSet(withMeasures(question, text));
  let longest = 0;
  for (const r of contentRuns(question, spellOut)) {
    if (!/^[\u4e00-\u9fff]/.test(r)) {
      if (!have.has(r)) longest = Math.max(longest, 2);
      continue;
    }
    const covered = new Array<boolean>(r.length).fill(false);
    for (let i = 0; i + 1 < r.length; i++) if (have.has(r.slice(i, i + 2))) covered[i] = covered[i + 1] = true;
    // A lone uncovered function character (的, 和, 等) is a junction; a lone content character at
    // a word's edge (大学城 against 大学生, 航空港 against 航空) that the text never has is a word
    // the text lacks.
    // A character the text holds right beside the word's neighbour (补差额 against 补助差额, 要求 cut
    // to 求 by the question words) is an inserted or dropped character, not a missing word; so is
    // a measure prefix (总面积 against 面积).
    for (let i = 0; i < r.length; i++) if (!covered[i] && (MODIFIER_CHAR.test(r[i]!) || nearBoth(r, i, text, covered))) covered[i] = true;
    let run = 0;
    covered.forEach((c, i) => {
      run = c ? 0 : run + 1;
      const lone = run === 1 && covered[i + 1] !== false;
      // With loneInText (a short record), a lone verb the text has elsewhere (保障房建 →
      // 建设保障性住房) is forgiven too; a long passage has every common character somewhere, so
      // there it must stand next to its neighbour (危旧房 → 危旧住房), not anywhere.
      const near = lone && (nearNeighbour(r, i, text) || verbBefore(r, i, text) || verbAfter(r, i, text));
      longest = Math.max(longest, lone && (FUNCTION_CHAR.test(r[i]!) || near || (loneInText && text.includes(r[i]!))) ? 0 : run === 1 && lone ? 2 : run);
    });
  }
  return longest;
}

/** "签协议搬迁安置": a question puts the verb before its object, the documents after it (协议签订).
 * A lone first character of a run stands within a few characters after the run's next two. */
function verbAfter(run: string, i: number, text: string): boolean {
  if (i !== 0 || run.length < 3) return false;
  const object = run.slice(1, 3);
  for (let at = text.indexOf(object); at >= 0; at = text.indexOf(object, at + 1))
    if (text.slice(at + 2, at + 5).includes(run[0]!)) return true;
  return false;
}

/** "陡坡地划了多少": a question puts the verb after its object, the documents before it (划定禁止开垦
 * 陡坡地). A lone last character of a run stands within a few characters before the run's words. */
function verbBefore(run: string, i: number, text: string): boolean {
  if (i !== run.length - 1 || i < 2) return false;
  const object = run.slice(Math.max(0, i - 3), i);
  for (let at = text.indexOf(object); at >= 0; at = text.indexOf(object, at + 1)) {
    const before = text.slice(Math.max(0, at - 6), at);
    const k = before.lastIndexOf(run[i]!);
    // 关于, 对于: the character in a function word is no verb.
    if (k >= 0 && before[k + 1] !== '于') return true;
  }
  return false;
}

/** Whether a long term of the question appears in the text only in pieces that stand apart
 * (新能源汽车产业园 against …产业园新能源重卡等汽车…): a thing the text does not name. Half of each
 * term of six or more characters must appear in one piece. */
export function scattered(question: string, text: string, spellOut = true, heads = ''): boolean {
  // A run of ten or more characters is several words typed together (解危搬迁产权调换比例), not one
  // name: a piece of three in one place is enough there.
  // "地址和电话": two things asked joined by a conjunction are two runs, each held on its own.
  const runs = contentRuns(question, spellOut).flatMap((r) => r.split(/(?<=[\u4e00-\u9fff]{2})[和与及跟](?=[\u4e00-\u9fff]{2})/));
  return runs.some((r) => /^[\u4e00-\u9fff]/.test(r) && r.length >= 6 && longestCommon(r, text) < (r.length >= 10 ? 3 : r.length / 2) && !inOrder(r, text) && !(heads && headedRun(r, heads, text)) && !listedWords(r, text));
}

/** "招商签约开工投产": two-character words typed together, which one sentence of the text lists in
 * that order (招商…新签约项目20个以上、新开工15个以上、新投产12个以上). */
function listedWords(run: string, text: string): boolean {
  if (run.length % 2) return false;
  const words = run.match(/../g)!;
  return text.split(/[。；;！？]/).some((s) => {
    let at = 0;
    for (const w of words) {
      const i = s.indexOf(w, at);
      if (i < 0) return false;
      at = i + w.length;
    }
    return true;
  });
}

/** Whether a run is its headings' subject followed by the sentence's thing: 惠民生专班启动会 under
 * the heading 惠民生增福祉专班部署, in a sentence on its 启动会议. */
function headedRun(run: string, heads: string, text: string): boolean {
  const held = (piece: string, t: string) => t.includes(piece) || inOrder(piece, t);
  for (let k = 2; k + 2 <= run.length; k++) if (held(run.slice(0, k), heads) && held(run.slice(k), text)) return true;
  return false;
}

/** Whether a run's words stand in the text in the run's order, close together: 反诈拦截追回 in
 * "反诈资金拦截工作，累计拦截、追回" is the phrase spelled out; 新能源汽车产业园 in "产业园新能源重卡等
 * 汽车" is not (产业园 comes first). Pieces are the longest prefixes of two or more characters the
 * text holds; the whole must fit in a window of three times the run's length. */
function inOrder(run: string, text: string): boolean {
  const first = piece(run, 0, text, 0);
  if (!first) return false;
  for (let start = text.indexOf(first); start >= 0; start = text.indexOf(first, start + 1)) {
    let at = 0;
    let cursor = start;
    const limit = start + run.length * 3;
    while (at < run.length) {
      const p = piece(run, at, text, cursor);
      if (!p) break;
      const found = text.indexOf(p, cursor);
      if (found < 0 || found + p.length > limit) break;
      cursor = found + p.length;
      at += p.length;
    }
    if (at >= run.length - 1) return true;
  }
  return false;
}

/** The longest piece of run from `at` (two characters or more) that the text holds at or after `from`. */
function piece(run: string, at: number, text: string, from: number): string | undefined {
  for (let j = run.length; j >= at + 2; j--) if (text.indexOf(run.slice(at, j), from) >= 0) return run.slice(at, j);
  return undefined;
}

/** Length of the longest piece of a that occurs in b. */
function longestCommon(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = a.length; j > i + best; j--) if (b.includes(a.slice(i, j))) (best = j - i);
  return best;
}

/** Share of the terms a piece of text contains. */
export function coverage(terms: readonly string[], text: string): number {
  if (!terms.length) return 0;
  const have = bigramSet(text);
  return terms.filter((t) => have.has(t)).length / terms.length;
}

const FIGURE = /\d/;
/** A list item's own number ("4.", "（4）") is no figure of what the sentence says. */
const ITEM_NO = /^\s*(?:\d{1,2}\s*[.．、]|[（(]\s*\d{1,2}\s*[)）])/;
const hasFigure = (s: string) => FIGURE.test(s.replace(ITEM_NO, ''));
/** A sentence this short, without a figure, is a run-in heading ("平台建设提速。"), not a statement. */
const HEADING_MAX = 16;
/** A quote longer than this is cut to the clauses around the matched words (a phone line). */
export const QUOTE_MAX = 240;

export interface Quote {
  text: string;
  /** share of the question's content terms the quote holds */
  coverage: number;
}

/** The sentence(s) of a passage that answer a question: best coverage of its terms, a figure
 * preferred when one is asked (wantsFigure), whole sentences only. `must` (a regex) keeps to
 * sentences that state the asked-for attribute ("设在", "起施行"). */
export function quote(text: string, terms: readonly string[], opts: { wantsFigure?: boolean; must?: RegExp; shape?: RegExp } = {}): Quote | undefined {
  const ss = sentences(text);
  let best = -1;
  let bestScore = -1;
  ss.forEach((s, i) => {
    if (opts.must && !opts.must.test(s)) return;
    const c = coverage(terms, s);
    // Coverage first; a figure breaks near-ties when a figure is asked for; earlier wins ties.
    // The asked-for shape (多少家 → "14家") says which of several figures is meant.
    const score = c + (opts.wantsFigure && hasFigure(s) ? 0.15 : 0) + (opts.shape?.test(s) ? 0.3 : 0);
    if (score > bestScore) (bestScore = score, best = i);
  });
  if (best < 0) return undefined;
  const picked = [ss[best]!];
  // "“三资”改革效益凸显。归集国有资产57处": the run-in heading before the sentence names what it
  // counts, when it holds asked words the sentence lacks.
  const prev = ss[best - 1];
  if (prev && prev.length <= HEADING_MAX && !hasFigure(prev) && terms.some((t) => prev.includes(t) && !picked[0]!.includes(t))) picked.unshift(prev);
  const next = ss[best + 1];
  const heading = picked[0]!.length <= HEADING_MAX && !hasFigure(picked[0]!);
  const needsNext = heading || (opts.wantsFigure && !hasFigure(picked[0]!) && next !== undefined && hasFigure(next)) || (opts.shape !== undefined && !opts.shape.test(picked[0]!) && next !== undefined && opts.shape.test(next));
  if (needsNext && next) picked.push(next);
  const joined = picked.join('');
  const listed = picked.length === 1 && opts.wantsFigure && !opts.must ? listClause(joined, terms) : undefined;
  if (listed) return { text: listed, coverage: coverage(terms, listed) };
  return { text: fit(joined, terms, opts.must ?? opts.shape), coverage: coverage(terms, joined) };
}

/** Clauses that go on about the figure before them: "，增长5.0%", "，同比下降0.2%". */
const CONTINUES = /^(?:同比|比上年|较上年)?(?:增长|下降|提高|减少|增加|占|达到?|居|排)/;

/** A sentence listing several figures, one per subject ("主要预期目标是：地区生产总值增长5%左右，…，
 * 社会消费品零售总额增长8%左右，…"), quoted by the clause of the subject asked (with its
 * continuations and the list's lead): the others are figures of other things. Only when exactly
 * one clause holds more of the terms than any other. */
function listClause(s: string, terms: readonly string[]): string | undefined {
  const colon = s.search(/[：:]/);
  const lead = colon > 0 && colon <= 20 ? s.slice(0, colon + 1) : '';
  // Only an enumeration its lead announces ("主要预期目标是："): elsewhere the clauses around a
  // figure (its year, its growth) belong to it.
  if (!lead) return undefined;
  const clauses = s.slice(lead.length).split(/(?<=[，,])/);
  if (clauses.filter((c) => FIGURE.test(c) && !CONTINUES.test(c)).length < 4) return undefined;
  const scores = clauses.map((c) => (CONTINUES.test(c) ? -1 : coverage(terms, c)));
  const top = Math.max(...scores);
  if (top <= 0 || scores.filter((x) => x === top).length > 1) return undefined;
  const at = scores.indexOf(top);
  let end = at + 1;
  while (end < clauses.length && CONTINUES.test(clauses[end]!)) end++;
  return `${lead}${at > 0 ? '…' : ''}${clauses.slice(at, end).join('').replace(/[，,]$/, '')}${end < clauses.length ? '…' : ''}`;
}

/** A very long sentence (a list of thirty units) is cut to the clauses that hold the matched
 * words, each clause whole, with … where something was left out. */
function fit(s: string, terms: readonly string[], must?: RegExp): string {
  if (s.length <= QUOTE_MAX) return s;
  const clauses = s.split(/(?<=[，,：:])/);
  // The clause stating the asked-for attribute is the one to keep, whatever else matches.
  const scores = clauses.map((c) => coverage(terms, c) + (must?.test(c) ? 2 : 0));
  let at = scores.indexOf(Math.max(...scores));
  let from = at;
  let to = at + 1;
  let len = clauses[at]!.length;
  // Grow the window both ways, the following clause first (figures follow their subject).
  while (true) {
    const after = to < clauses.length ? clauses[to]!.length : Infinity;
    const before = from > 0 ? clauses[from - 1]!.length : Infinity;
    if (len + Math.min(after, before) > QUOTE_MAX - 2) break;
    if (after <= QUOTE_MAX && to < clauses.length && (after <= before || from === 0)) (len += after, to++);
    else if (from > 0) (len += before, from--);
    else break;
  }
  at = from;
  const body = clauses.slice(at, to).join('');
  if (body.length <= QUOTE_MAX) return `${at > 0 ? '…' : ''}${body}${to < clauses.length ? '…' : ''}`;
  // One clause longer than a phone line (a list of thirteen projects joined by 、): the window
  // keeps the stated attribute or figure ("共13个项目按程序立项"), starting at a list boundary.
  const hit = must ? body.search(must) : -1;
  if (hit > QUOTE_MAX - 40) {
    // The list's opening (原则上同意A、) says what the list is; then the items up to the figure.
    const first = body.indexOf('、');
    const head = first > 0 && first <= 60 ? body.slice(0, first + 1) : '';
    const end = Math.min(body.length, hit + 60);
    let start = Math.max(head.length, end - (QUOTE_MAX - 4 - head.length));
    const sep = body.indexOf('、', start);
    if (sep >= 0 && sep < hit) start = sep + 1;
    return `${at > 0 ? '…' : ''}${head}…${body.slice(start, end)}${end < body.length || to < clauses.length ? '…' : ''}`;
  }
  return `${at > 0 ? '…' : ''}${body.slice(0, QUOTE_MAX - 2)}${to < clauses.length ? '…' : ''}`;
}

/** Counters whose ordinal names one particular batch, session or round (第二批, 第13届, 第51次). */
const ORDINAL = /第\s*([0-9]{1,3}|[一二三四五六七八九十百]{1,4})\s*(批|期|届|轮|次)/g;

function ordinals(text: string): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const m of text.replace(/\s+/g, '').matchAll(ORDINAL)) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
    if (Number.isNaN(n)) continue;
    const set = out.get(m[2]!) ?? new Set<number>();
    out.set(m[2]!, set.add(n));
  }
  return out;
}

/** Whether a text names another batch, session or round than the question asks about: 第三批 asked,
 * only 第二批 written. A text that names none of that counter does not clash. */
export function ordinalClash(question: string, text: string): boolean {
  const asked = ordinals(question);
  if (!asked.size) return false;
  const have = ordinals(text);
  for (const [counter, nums] of asked) {
    const there = have.get(counter);
    if (there && ![...nums].some((n) => there.has(n))) return true;
  }
  return false;
}

/** Places the documents name besides their own city: the prefecture, the province, neighbours. */
const PLACE = /(汨罗|岳阳|湖南|长沙|株洲|湘潭|武汉|平江|临湘|华容|湘阴|君山|屈原)(?:市|省|县|区)?/g;

/** Whether a text speaks of another place's thing than the one the question names:
 * - "汨罗市委书记" against "岳阳市委书记": every occurrence of the word after the question's place
 *   stands after another place;
 * - "岳阳市GDP目标" against "…地区生产总值…，完成岳阳市下达目标": a question that opens with a
 *   place other than the city's own is answered only where that place is followed closely by the
 *   subject. */
export function placeClash(question: string, text: string): boolean {
  const flat = text.replace(/\s+/g, '');
  for (const m of question.matchAll(PLACE)) {
    const word = question.slice(m.index! + m[0].length).match(/^[\u4e00-\u9fff]{2,3}/)?.[0];
    if (!word) continue;
    const key = word.slice(0, 2);
    const at = [...flat.matchAll(new RegExp(key, 'g'))].map((x) => x.index!);
    if (!at.length) continue;
    const before = (i: number) => flat.slice(Math.max(0, i - 4), i).match(/(汨罗|岳阳|湖南|长沙|株洲|湘潭|武汉|平江|临湘|华容|湘阴|君山|屈原)(?:市|省|县|区)?$/)?.[1];
    if (at.every((i) => { const b = before(i); return b !== undefined && b !== m[1]; })) return true;
  }
  const owner = question.match(/^(岳阳|湖南|全省)(?:市|省)?(?![级直])/)?.[1];
  if (owner) {
    // What is asked of the place, without when and how (今年, 目标): "岳阳市下达目标" is the city's
    // target set by the prefecture, not the prefecture's.
    const terms = contentTerms(question.replace(PLACE, ' ').replace(/全省|今年|本年|明年|目标|计划|预期|任务|要求|下达|多少|几/g, ' '));
    if (!terms.length) return false;
    const near = [...flat.matchAll(new RegExp(owner, 'g'))].some((x) => coverage(terms, flat.slice(x.index! + owner.length, x.index! + owner.length + 10)) > 0);
    return !near;
  }
  return false;
}

const NUM = '\\d[\\d.]*\\s*';
const MONEY = new RegExp(`${NUM}(?:万|亿)?元`);
const RATIO = new RegExp(`${NUM}[%％]|\\d\\s*[:：]\\s*\\d`);
const AREA = new RegExp(`${NUM}(?:万)?(?:平方米|平方公里|m²|㎡|亩|公顷)`);

/** Measure words a question asks by and the figure shape that states each: 比例 is stated as 1:1.15
 * or 30%, 面积 as …平方米, 资金 as …万元. */
const MEASURES: [RegExp, RegExp][] = [
  // 几成 (定价的几成) asks a share, stated as a percentage (定价的60%).
  [/比例|比率|占比|百分比|百分之|(?:几|多少)成/, RATIO],
  // "增长多少", "完成率多少": a rate, stated as 900% (同比激增900%), not by the word.
  [/增长|增速|增幅|同比|(?:完成|增长|达标|覆盖|优良|参保|利用|收集|达成|合格)率/, RATIO],
  [/面积/, AREA],
  [/坡度|角度|度数/, new RegExp(`${NUM}(?:°|度)`)],
  // "参保人数": a head count, stated as 47万人.
  [/人数/, new RegExp(`${NUM}(?:万)?人(?![民员口])`)],
  // "调度频次怎么定的": how often, stated as 月调度、季通报 or 每月…
  [/频次|频率|多久一次|多长时间一次/, /[日周月季年](?:调度|通报|评估|报送|督查|会商|考核|通报)|每(?:日|周|月|季度?|年|半年)/],
  [/多少钱|金额|资金|价款|费用|补贴|奖补|奖励|投资|投入|价格|多少万|花了?(?:多少|几)/, MONEY],
];

/** Classifiers a count or amount is asked with: 多少家, 几座, 多少平方米. */
const CLASSIFIER = /(?:几|多少)\s*(万|亿)?\s*(平方米|平方公里|平方|平米|公顷|公里|千米|家|座|个|所|户|张|台|处|套|条|名|人|次|亩|项|辆|栋|间|床|天|吨|米|元|级|批|期|轮|场|支|块|株|只|度|件|箱)/;

/** The figure shape a question asks for, if it names one: "多少家" → a number followed by 家,
 * "比例多少" → a ratio or a percentage. */
export function askedShape(question: string): RegExp | undefined {
  const per = perUnit(question);
  if (per) return per;
  // "哪几条路", "哪几个镇": which ones, a list asked, not a count.
  const c = question.replace(/哪(?=几)/g, '哪 ').match(/(?<!哪 )(?:几|多少)/) ? question.replace(/哪几/g, '').match(CLASSIFIER) : null;
  if (c) {
    if (c[2] === '元') return MONEY;
    if (/平方|平米|公顷|亩/.test(c[2]!)) return AREA;
    if (c[2] === '度') return new RegExp(`${NUM}(?:°|度)`);
    // "公示期几天": days are written 30日 as often as 30天 (not a date: no 月 before it).
    if (c[2] === '天') return new RegExp(`(?<!月\\s*)${NUM}(?:天|日)(?![\\d])`);
    return new RegExp(`${NUM}(?:万|亿)?${c[2]}`);
  }
  return MEASURES.find(([ask]) => ask.test(question))?.[1];
}

const PER_UNIT: [RegExp, string][] = [
  [/每平方米|每平米|每平|一平方米|一平米|一平(?![方米])|每㎡|每m²/, '(?:m²|㎡|平方米|平米)'],
  [/每户|一户/, '户'],
  [/每人|一个人|每个人/, '人'],
  [/每亩|一亩/, '亩'],
  [/每吨|一吨/, '吨'],
  [/每座|一座/, '座'],
];

/** "每平方米补偿多少钱": a rate per unit, stated as 200元/m² or 每平方米…元. */
export function perUnit(question: string): RegExp | undefined {
  const hit = PER_UNIT.find(([ask]) => ask.test(question));
  if (!hit) return undefined;
  return new RegExp(`\\d[\\d.]*\\s*(?:万)?元\\s*[/／]\\s*${hit[1]}|每${hit[1]}[^。；]{0,12}?\\d[\\d.]*\\s*(?:万)?元`);
}

/** The text with the measure words of the question it states by figure shape appended: a
 * passage reading "按合法建筑面积1:1.15进行产权调换" states the 比例 asked for without the word. */
export function withMeasures(question: string, text: string): string {
  const words = MEASURES.filter(([ask, shape]) => ask.test(question) && shape.test(text)).map(([ask]) => question.match(ask)![0]);
  return words.length ? `${text} ${words.join(' ')}` : text;
}

const UNIT_RUN = /^(?:万|亿)?(?:平方米|平方公里|平方|平米|公顷|公里|千米|家|座|个|所|户|张|台|处|套|条|名|人|次|亩|项|辆|栋|间|床|天|吨|米|元|级|度|钱|块|只|场|支|件|箱)(?:以上|以下|左右|之内|以内|多)?(?:来|去)?(?:看|到|参加|参与|观看)?$/;

/** A topic without the words left over from how a figure is asked: "多少度以上" leaves 度以上, "多少辆"
 * leaves 辆 as words of their own, which no passage has as such. */
export function dropAskedUnits(topic: string, question = ''): string {
  topic = withoutAsking(topic, question);
  const flat = question.replace(/\s+/g, '');
  // "归集了多少处国有资产" leaves 处国有资产: the classifier asked by belongs to the asking.
  const bare = (w: string) => (w.length >= 2 && UNIT_CHAR.test(w[0]!) && new RegExp(`(?:多少|几|哪[两几三四五]?)${w}`).test(flat) ? w.slice(1) : w);
  // "投资花了多少" leaves 投资花: spending is how an amount is asked, the documents write 投资…万元.
  const spent = (w: string) => (/花了?(?:多少|几)/.test(flat) ? w.replace(/(?<=[\u4e00-\u9fa5])花了?$/, '') : w);
  // "总规模批了多少": granting is how a figure is asked too (批了, 拨了, 核定了), the documents state it.
  const verb = flat.match(/(批|拨|核定|下达)了?(?:多少|几)/)?.[1];
  const granted = (w: string) => (verb ? w.replace(new RegExp(`(?<=[\u4e00-\u9fa5]{2})(?:${verb}|${verb[0]})了?$`), '') : w);
  // "最高能拿多少", "能奖多少钱", "每户补多少": getting money is how a resident asks an amount (拿,
  // 领, 得, 奖, 补, 给, 发, with the modal before it); the documents state the rate (200元/m²).
  const got = flat.match(/(?:最高|最多|一共)?(?:能|可以|可)?(?:拿|领|得|奖|补|给|发|到手)(?:到|了)?(?=多少|几)/)?.[0];
  const received = (w: string) => (got && w.length > got.length && w.endsWith(got) ? w.slice(0, -got.length) : w);
  const kept = topic.split(/\s+/).map(spent).map(granted).map(received).filter((w) => w && !UNIT_RUN.test(w)).map(bare);
  return kept.length ? kept.join(' ') : topic;
}

const UNIT_CHAR = /[家座个所户张台处套条名次亩项辆栋间床天吨支场块件钱箱]/;
