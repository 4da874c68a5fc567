// Turns a typed question into what it refers to and what it asks. Pure; no lookups beyond
// the entity dictionaries of the context.
import { correctedText, findMentions, repairLookAlikes, repairNumberPrefix, repairPeople, type Mention } from '../../knowledge/lexicon.ts';
import type { AnswerContext } from './context.ts';
import { spellOutTopic } from './records.ts';
import { repairListNames, repairRoleVerbs, repairWords } from './words.ts';
import { spokenFigures } from './spokenFigures.ts';
import { AFTER_NUMBER, digitsForNumerals, foldWidth, HELD_ONLY } from './text.ts';
import { isWord } from './dictionary.ts';

export type ListKind = 'task' | 'livelihood' | 'voted' | 'indicator';

export interface NumberRef {
  list: ListKind;
  no: number;
  /** true when the question named the list ("民生实事第3项"), false for a bare "28项". */
  explicit: boolean;
}

export interface Query {
  raw: string;
  text: string; // folded, numerals as digits, homophone slips of names and 第 repaired
  /** every leader, unit and town named, with where it stands in text */
  mentions: Mention[];
  numbers: NumberRef[];
  people: string[];
  units: string[];
  towns: string[];
  asks: {
    lead: boolean; // 谁牵头 / 哪个单位负责
    co: boolean; // 配合
    count: boolean; // 几项 / 多少项
    quantity: boolean; // 多少 / 几个 (a target figure)
    when: boolean; // 什么时候 / 几月 / 节点
    list: boolean; // 哪些 / 有什么
  };
  /** The question with entities, numbers and question words removed: what it is about. */
  topic: string;
  /** The same, keeping town names: for when a town turns out to be part of the subject. */
  topicWithTowns: string;
}

export const LIST_WORDS: [RegExp, ListKind][] = [
  // "人大票决的", "人大代表票决": who votes is part of the list's name, no topic word.
  [/(?:市?人大代表|市?人大)?票决/, 'voted'],
  // "民生14项", "民生第3项": 民生 before an item number is the 民生实事 list.
  [/民生实事|民生项目|民生工程|(?<!惠)民生(?=\s*第?\s*\d)/, 'livelihood'],
  [/重点工作|重点任务|工作任务/, 'task'],
];

export const QUESTION_WORDS =
  // "下列哪个单位", "以下哪些": a pointer to the choices before the question word is part of the asking.
  /(?:下列|下面|以下|如下|上述|上面|这些|那些)(?=的?(?:哪|谁|什么|啥))|麻烦(?:你|您)?(?:帮我|帮忙)?|劳驾|帮忙|辛苦了?|谢谢|我想问(?:一下|下)?|想问(?:一下|下)?|问一下|问下|想知道|了解一下|查下|(?:归|由|是)?(?:哪位|哪个|哪一位)(?:市)?(?:领导|常务副市长|副市长|市长)|(?:几|多少)\s*[AＡ]级?(?![A-Za-z])|几星级?|(?:是|归|由)?(?:哪个|哪家|哪一个|什么|啥)(?:局|部门|口子)(?:在)?(?:管|负责|牵头|抓|主管)?|(?:压|摊)(?:在|到)|落到|(?:谁|哪个单位|哪个部门|哪个局|哪家单位|哪位领导|哪个领导)(?:的)?(?:头上|肩上|身上)|谁牵(?!头)|谁(?:来)?(?:挂帅|领衔|抓总)|归口(?:在|于)?|谁(?:在|来)?(?:管|抓|搞)|进展|进度|完成情况|推进情况|怎么样了|咋样了|如何了|哪一年|哪年|哪一天|哪天|哪个月|几月份|几号|涉及|有关的|有关|相关的|关于|方面的|方面|之类的|之类|这一块|这块|干什么|做什么|干啥|搞什么|抓什么|要干|啥时候|是啥|咋样|啥|咋|放在|放到|落在|安排在|分布在|分到|分在|分配到|分给|分解到|分了?(?=几|多少)|镇街|(?:哪几|几)(?:家|位|条|件|名|项)|定了|定的|定下|提到|涨到|涨了|提高到|提高了|调到|调整到|上调到|提了|当的|当了|当过|担任的|担任了|确定了|安排了|部署了|下达了|明确了|哪两|哪几|今年|全年|年度|目前|现在|那边|这边|那块|这块|手上|手里|名下|请问|一下|帮我|查查|查一下|看看|告诉我|是谁|是哪个|是哪家|归谁管|在管|在抓|在干|在做|在搞|管着|在负责|在牵头|要达到|达到|做到|达成|归谁|由谁|归哪个|归哪|哪个|哪些|哪家|哪位|谁|对吗|对不对|没错吧|没错吗|作为(?=牵头|配合|责任)|什么时候|什么|怎么样|怎么|如何|(?:几|多少)(?:例|栋楼?|辆)|(?:哪些|哪几|什么)(?=楼栋|栋楼)|楼栋|(?<=[几少])栋楼|百分之(?=多少|几)|多少项|多少个|多少|几个|几座|几所|几项|几|哪|吗|呢|吧|啊|呀|的|了|是|有|要|那项|这项|那条|这条|那一项|这一项|那一条|这一条|那个|这个|该项|情况|具体|内容|计划(?=新增|新建|建设|发放|完成|改造|投入|实施|开展|培训|做|建|发|招|引进|新)|负责|牵头|挂帅|领衔|抓总|主抓|配合|分管|领导|单位|任务|项目|工作|完成|目标/g;

const OPERATOR_WORDS = /加起来|加在一起|加一起|加到一起|相加|总和|之和|合计|一共|总共|相差|相比|最多|最少|分别|各自/g;

/** "发改（国动办）": a unit written with its second name in brackets, as the tables write a cell, is
 * one holder — the bracketed name, the narrower one — not two units asked about. */
function bracketed(mentions: Mention[], text: string): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const [a, b] = [mentions[i]!, mentions[i + 1]];
    if (b && a.kind === 'unit' && b.kind === 'unit' && /^[(（]$/.test(text.slice(a.end, b.at)) && /^[)）]/.test(text.slice(b.end))) {
      out.push({ ...b, at: a.at, end: b.end + 1, written: text.slice(a.at, b.end + 1) });
      i++;
    } else out.push(a);
  }
  return out;
}

/** Words after "N项" that ask for the items of a list N long. */
/** "牵头任务超过10项的领导", "只牵头1项": a bound or a count before the figure, not item 10. */
const HELD_BOUND = new RegExp(`(?:超过|多于|大于|高于|不少于|至少|不低于|少于|低于|不到|不足|小于|不超过|${HELD_ONLY})\\s*$`);
const WHOLE_LIST_AFTER = /^\s*(?:项|个)?(?:重点)?(?:民生实事|任务|工作)?\s*(?:都|分别|具体|全部|各)?(?:是啥|是什么|是哪些|有哪些|有啥|有什么|包括|包含|哪些|啥|什么|列)/;

/** "资金监管", "特色农业与非遗": a weak short form of a unit (金监, 农业) that, with the characters
 * either side of it, is written as it is in the documents is part of their words, no unit named. */
function inDocumentWord(ctx: AnswerContext, m: Mention, text: string): boolean {
  if (m.kind !== 'unit' || !ctx.lexicon.entries.some((e) => e.weak && e.alias === m.alias && e.canon === m.canon)) return false;
  const around = text.slice(Math.max(0, m.at - 1), m.end + 1);
  if (around.length < m.end - m.at + 2 || !/^[\u4e00-\u9fa5]+$/.test(around)) return false;
  return ctx.kb.passages.some((p) => p.text.includes(around));
}

/** "湘商回归一共多少家": a two-character slip whose changed character makes an everyday word with its
 * neighbour outside it (一共, 一下) is that word, not a name heard in it (归一 → 归义街道 would
 * read a town into 回归一共). The names found as written are not slips and stay. */
function splitsEverydayWord(m: Mention, text: string): boolean {
  if (m.via !== 'pinyin' || m.end - m.at !== 2) return false;
  const [left, right] = [text[m.at - 1] ?? '', text[m.end] ?? ''];
  const changed = [0, 1].filter((i) => text[m.at + i] !== m.alias[i]);
  return changed.some((i) => (i === 0 ? left && isWord(left + text[m.at]!) : right && isWord(text[m.at + 1]! + right)));
}

/** What is left of a question asking for a whole project's parts ("包括哪几项", "有哪些内容"). */
const WHOLE_PROJECT = /包括|包含|含|内容|具体|有|都|分别|子项|小项|几|项|个|哪|些|方面|事/g;

/** "弱有所扶包括哪几项": a 民生实事 project named by its own name, and nothing asked of it but
 * its parts, is that project (民生实事第7项); a subject besides the name stays a topic search. */
function namedProject(ctx: AnswerContext, text: string, strip: (t: string) => string): number | undefined {
  const squeezed = text.replace(/\s+/g, '');
  const named = ctx.kb.livelihood.filter((p) => p.name.length >= 4 && squeezed.includes(p.name));
  if (named.length !== 1) return undefined;
  const rest = strip(squeezed.replace(named[0]!.name, ' ')).replace(WHOLE_PROJECT, '').replace(/\s+/g, '');
  return rest ? undefined : named[0]!.no;
}

/** "省级岳阳市级创新平台": the two levels run together are the pair the documents write as
 * 省、岳阳市级 (新认定省、岳阳市级创新平台). Not where the 民生实事 list is named: there the two
 * halves are its 省级 and 岳阳市级 parts (understand.ts). */
function pairedLevels(text: string): string {
  if (LIST_WORDS.some(([re, kind]) => kind === 'livelihood' && re.test(text))) return text;
  return text.replace(/省级?(?:和|与|、|及)?(?:岳阳)?市级/g, '省、岳阳市级');
}

export function parseQuery(question: string, ctx: AnswerContext): Query {
  // "@督办助手 曹陶牵头哪些": an @-mention of the bot (or anyone) is no part of the question.
  const folded = pairedLevels(spokenFigures(digitsForNumerals(repairNumberPrefix(repairLookAlikes(foldWidth(question).replace(/@[^\s@]+\s*/g, ' ').trim())))));
  const named = findMentions(ctx.lexicon, folded);
  // Slipped topic words (充电装 → 充电桩) are written as the records write them; names stay as
  // matched. A repaired word can complete a name, so names are looked up again.
  // Operator words ("相加", "之和") say how to combine, and are no slip of a topic word either.
  const ops = [...folded.matchAll(OPERATOR_WORDS)].map((m) => ({ at: m.index!, end: m.index! + m[0].length }));
  const inName = (i: number) => named.some((m) => i >= m.at && i < m.end) || ops.some((m) => i >= m.at && i < m.end);
  // A town named asks the per-town table: of two slipped readings, the one its rows write.
  const townRows = named.some((m) => m.kind === 'town') ? (piece: string) => ctx.kb.indicators.some((i) => i.towns && i.text.includes(piece)) : undefined;
  const repaired = repairListNames(repairRoleVerbs(repairWords(folded, ctx.words, inName, townRows), ctx.words, inName), ctx.words, inName);
  const mentions = bracketed(repaired === folded ? named : findMentions(ctx.lexicon, repaired), repaired).filter((m) => !inDocumentWord(ctx, m, repaired) && !splitsEverydayWord(m, repaired));
  const text = repairPeople(ctx.lexicon, correctedText(repaired, mentions), (w) => (w.length === 2 ? ctx.words.pairs : ctx.words.seen).has(w));
  const numbers: NumberRef[] = [];
  let listHint: ListKind | undefined;
  for (const [re, kind] of LIST_WORDS) if (re.test(text)) { listHint = kind; break; }

  const at = new Map<number, number>();
  const push = (list: ListKind, no: number, explicit: boolean) => {
    if (!numbers.some((n) => n.list === list && n.no === no)) numbers.push({ list, no, explicit });
  };
  for (const m of text.matchAll(/第?(\d{1,3})个(?:民生)?指标|指标(?:第)?(\d{1,3})/g))
    push('indicator', Number(m[1] ?? m[2]), true);
  const numberPatterns = [
    // 第51次会议, 第2期, 第十三届 are not item numbers.
    /第(\d{1,3})(?:项|条|号)?(?![\d次届期批年月日季周天名位轮座个家所台章节款亿万%.])/g,
    // "桥梁任务9座": a figure in a measure word after 任务 is an amount, not item 9.
    /(?:任务|序号|编号|事项)\s*(?:为|是)?\s*(\d{1,3})(?![\d.%]|\s*(?:座|所|户|台|处|人|家|名|场|张|亩|套|公里|支|辆|床|万|亿|元|个(?!任务)))/g,
    // "第28个任务": a count word in place of 项.
    /第(\d{1,3})个(?=任务|重点任务|事项|项目)/g,
    // 汨政人〔2026〕5号 is a document number, not item 5.
    new RegExp(`(?<![\\d.几哪每多这那一两%a-zA-Z〕])(\\d{1,3})\\s*(?:项|号)(?=$|${AFTER_NUMBER})`, 'g'),
    /^\s*(\d{1,3})\s*(?:呢|吗|啊|呀)?\s*[?？]?\s*$/g,
    // "28、29、30项分别谁负责": numbers joined before one 项 are each an item.
    /(?<![\d.第])(\d{1,3})(?=\s*(?:[、，,和及跟与]\s*\d{1,3}\s*)+[项号](?:$|[^\d]))/g,
    // "No.53", "NO 53", "#53": the English and symbol ways of writing an item's number.
    // "6栋05# 07#": a # after a number closes that number (a room, a building), it opens no item.
    /(?<![A-Za-z])(?:No|NO|no|Nº|(?<!\d\s*)#)\s*\.?\s*(\d{1,3})(?![\d.%#])/g,
    // "民生实事3谁负责", "票决2": a list's name followed by a bare number names its item.
    /(?:民生实事|民生项目|(?<!惠)民生|票决(?:项目)?)\s*(\d{1,3})(?![\d.%年月日季万亿个座户台人所家条名])/g,
  ];
  // "专报里的突出问题第四条": in a question about a document, 第N条/点 is that document's Nth
  // point, not key task N.
  const aboutDocument = /专报|简报|工作报告|公报|方案|纪要|通知|突出问题|特色亮点|问题/.test(text);
  // "哪个镇桥梁排第二", "前三名": a rank by value among towns or holders, not an item's number.
  const ranking = /哪个镇|哪些镇|哪几个镇|镇街|乡镇|街道|哪个领导|哪个单位|最多|最少|最高|最低|排名|名次/.test(text);
  for (const re of numberPatterns)
    for (const m of text.matchAll(re)) {
      if (ranking && /(?:排在?|倒数|名列)$/.test(text.slice(0, m.index!))) continue;
      // "牵头任务超过10项的领导", "5项以上的单位": a bound on a count, not item 10.
      if (!m[0].startsWith('第') && (HELD_BOUND.test(text.slice(0, m.index! + m[0].indexOf(m[1]!))) || /^\s*(?:及)?(?:以上|以下)/.test(text.slice(m.index! + m[0].length)))) continue;
      // "哪个街道桥梁任务是0": a town's figure asked, not an item's number.
      if (ranking && /^(?:任务|事项)/.test(m[0])) continue;
      if (/个(?:民生)?指标/.test(text.slice(m.index, m.index + m[0].length + 4))) continue;
      if (aboutDocument && /[条点]/.test(m[0].slice(-1) + (text[m.index! + m[0].length] ?? '')) && !/任务|民生实事|票决/.test(text)) continue;
      const no = Number(m[1]);
      // "民生实事18项都是啥", "重点任务69项分别是什么": the whole list's length, then a word
      // asking for its items, is the list itself, not its last item.
      const list = listHint ?? 'task';
      const total = list === 'livelihood' ? ctx.kb.livelihood.length : list === 'voted' ? ctx.kb.voted.length : list === 'task' ? ctx.kb.keyTasks.length : 0;
      if (no === total && !m[0].startsWith('第') && WHOLE_LIST_AFTER.test(text.slice(m.index! + m[0].length))) continue;
      // "省级民生实事30项里几项滞后": a list's length as a document counts it, then where to look
      // in it; no item of that number exists.
      // "聚力惠民生7项任务有哪些": a category of the key-task table and its size is the category.
      const before = text.slice(0, m.index!).replace(/\s+/g, '');
      if (!m[0].startsWith('第') && ctx.kb.keyTasks.some((t) => t.category.length >= 4 && before.endsWith(t.category) && ctx.kb.keyTasks.filter((x) => x.category === t.category).length === no)) continue;
      const within = /^\s*(?:项|个)?(?:里面|里头|当中|之中|里|中)/.test(text.slice(m.index! + m[0].length));
      if (within && !m[0].startsWith('第') && (no > total || /^\s*(?:项|个)?(?:里面|里头|当中|之中|里|中)(?:有)?(?:几项|多少项|哪几项|哪些项|几个项目)/.test(text.slice(m.index! + m[0].length))) && total > 0) continue;
      push(list, no, listHint !== undefined);
      at.set(no, Math.min(at.get(no) ?? Infinity, m.index!));
    }
  // "28、29、30项": the items in the order the question names them.
  numbers.sort((x, y) => (x.list === y.list ? (at.get(x.no) ?? 0) - (at.get(y.no) ?? 0) : 0));

  // "33项吴侃跟谁一起牵头", "54项一共几个牵头领导", "12号住建局配合吗": a question that opens with
  // N项 and goes on with a name or a word about that item's cells names item N, not N things.
  if (!numbers.length) {
    // "28谁", "54几个领导": a bare number opening the question, then who or how many of its cells.
    const bare = text.match(/^\s*(\d{1,3})(?![\d.%])\s*(?=谁|几个(?:领导|单位|配合|牵头)|几位|几家|哪个单位|哪些单位|配合单位|牵头单位|牵头领导|是谁)/);
    if (bare) push(listHint ?? 'task', Number(bare[1]), listHint !== undefined);
    const lead = bare ? null : text.match(/^\s*第?(\d{1,3})\s*[项号](?:任务|重点任务)?(?:的|里|中|里面|当中)?/);
    if (lead) {
      const after = lead.index! + lead[0].length;
      const rest = text.slice(after);
      const named = mentions.some((m) => m.at === after && (m.kind === 'leader' || m.kind === 'unit'));
      if (named || /^(?:一共|总共|共有|共|有几|有多少|都|到底|现在|目前|这|那|还有|除了|跟|和|与|(?:[一二两三四五六七八九十几\d]+\s*[个位家])?(?:牵头|负责|配合|领导|市领导|单位|部门))/.test(rest))
        push(listHint ?? 'task', Number(lead[1]), listHint !== undefined);
    }
  }

  // "38项十年禁渔那条", "12号城区学校扩容的": a bare N项 followed by the words of item N's own
  // record names that item (the record's words are the evidence), not a count of N things.
  if (!numbers.length)
    for (const m of text.matchAll(/(?<![\d.几哪每多这那一两%a-zA-Z〕第])(\d{1,3})\s*[项号]([\u4e00-\u9fa5]{2,8})/g)) {
      const no = Number(m[1]);
      const own = listHint === 'livelihood' ? ctx.kb.livelihood.find((p) => p.no === no)?.name : listHint === 'voted' ? ctx.kb.voted.find((v) => v.no === no)?.name : ctx.kb.keyTasks.find((t) => t.no === no)?.target;
      if (!own) continue;
      const words = m[2]!.replace(/那条|这条|那项|这项|那个|这个|的.*$/, '');
      const hits = new Set<string>();
      for (let i = 0; i + 2 <= words.length; i++) if (own.includes(words.slice(i, i + 2))) hits.add(words.slice(i, i + 2));
      if (hits.size >= 2) push(listHint ?? 'task', no, listHint !== undefined);
    }

  const of = (kind: Mention['kind']) => [...new Set(mentions.filter((m) => m.kind === kind).map((m) => m.canon))];
  const people = of('leader');
  const units = of('unit');
  const towns = of('town');

  const asks = {
    lead: /谁|牵头|负责|哪个单位|哪家单位|哪些单位|责任单位|主抓|分管/.test(text),
    co: /配合|协同|参与|相关责任单位|协助/.test(text),
    count: /几项|多少项|几个任务|多少个任务|几件|多少件|几条|总共|一共|共有|数量/.test(text),
    quantity: /多少|几[个座所户张台处家套条名人次亩万]|几$|目标|任务数|指标/.test(text),
    when: /什么时候|啥时候|何时|几时|几月|哪个月|哪天|日期|时间|节点|期限|截止|之前|前要|月底|年底|进度/.test(text),
    list: /哪些|有什么|有哪些|列出|清单|都有|分别/.test(text),
  };

  // A person the documents name is a subject of its own ("许强任什么" is about 许强, not 许强任).
  const persons = ctx.lexicon.people.filter((p) => text.includes(p));
  const strip = (s: string, kinds: Mention['kind'][]) => {
    let out = s;
    for (const p of persons) out = out.replace(new RegExp(`${p}(?:（女）)?(?:同志)?(?:任|担任|当|是)?`, 'g'), ` ${p} `);
    for (const m of mentions) if (kinds.includes(m.kind)) out = out.slice(0, m.at) + ' '.repeat(m.end - m.at) + out.slice(m.end);
    return out
      // "和养老有关": the 和 joins the subject to 有关, it is not part of it.
      .replace(/[和跟与同](?=[\u4e00-\u9fa5]{1,10}(?:有关|相关))/g, ' ')
      // Item numbers and dates go; 5G, 第51次 (a meeting), 第2期 (an issue) stay in the subject.
      .replace(/(?<![A-Za-z])(?:No|NO|no|Nº|(?<!\d\s*)#)\s*\.?\s*\d{1,3}(?![\d#])|(?:序号|编号)(?:为|是)?\s*\d{1,3}/g, ' ')
      .replace(/排在?(?=第\d)|第\d{1,3}个(?=任务|重点任务|事项|项目)/g, ' ')
      .replace(/(?<![\d.第])\d{1,3}\s*[、，,和及跟与](?=\s*\d{1,3}\s*(?:[、，,和及跟与]\s*\d{1,3}\s*)*[项号])/g, ' ')
      // "三个小区腾空搬迁": how many things the record names one by one (龙舟动力小区、印刷厂小区、
      // 肉联厂小区), not words it holds.
      .replace(/(?<![\u4e00-\u9fa5\d])(?:这|那)?[两三四五六七八九]个(?=[\u4e00-\u9fa5]{2})(?!指标|街道|镇|乡|单位|部门|局|领导|副?市长|地方)/g, ' ')
      // "出生缺陷筛查那块三个指标": how many figures are asked, not a subject.
      .replace(/(?:那块|这块)?(?:[一二两三四五六七八九十]|几|\d{1,2})个(?:民生)?指标/g, ' ')
      .replace(/第\d{1,3}\s*(项|号|条|个指标)?(?![\d次届期])|\d{1,3}\s*(项|号|个指标)(?:里面|里头|当中|之中|里|中)?|^\s*\d{1,3}\s*$/g, ' ')
      .replace(/\d{1,2}月(底|末|份|中旬|上旬|下旬|\d{1,2}日)?前?|年底前?|年内|上半年|下半年/g, ' ')
      .replace(/(?:民生实事|(?:市?人大代表|市?人大)?票决|重点工作|重点任务)(?:里面|里头|当中|里|中)?/g, ' ')
      .replace(QUESTION_WORDS, ' ')
      // "加起来多少": how to combine the figures, not what they are about.
      .replace(/加起来|加在一起|加一起|加到一起|合起来|相加|之和|总和|一共|总共|共计/g, ' ')
      .replace(/[?？!！。，,、：:；;“”"'（）()\[\]【】《》]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  };
  // A single leftover character (多少个 → 个) names nothing.
  // A single character with a documents' spelling (桥 → 桥梁) does name a subject.
  const meaningful = (t: string) => (t.replace(/\s/g, '').length >= 2 ? t : spellOutTopic(t).trim().length >= 2 ? spellOutTopic(t).trim() : '');
  const topic = meaningful(strip(text, ['leader', 'unit', 'town']));
  const topicWithTowns = meaningful(strip(text, ['leader', 'unit']));
  if (!numbers.length && !mentions.length) {
    const project = namedProject(ctx, text, (t) => strip(t, ['leader', 'unit', 'town']));
    if (project) push('livelihood', project, true);
  }
  return { raw: question, text, mentions, numbers, people, units, towns, asks, topic, topicWithTowns };
}
