// Answers from the documents' full text: the passage that holds the question's content words
// (and the figure of the asked shape), quoted by its sentences, routed by the year asked.
import { lacksQualifier } from './measureQualifier.ts';
import type { DocId, SourceRef } from '../../knowledge/types.ts';
import { KB_YEAR } from '../../knowledge/sources.ts';
import type { AnswerContext } from './context.ts';
import { clip, DOC_LABEL, LIST_ALL } from './format.ts';
import type { PassageHit } from './passages.ts';
import type { Query } from './query.ts';
import { askedYear } from './years.ts';
import { itemSentence, leadSentence } from './intents/attribute.ts';
import { signatureAnswer } from './signature.ts';
import { appointeeAnswer } from './appointee.ts';
import { joinsParts } from './sums.ts';
import type { Answer } from './types.ts';
import { noticeLead } from './noticeLead.ts';
import { ASKS_WHO, measureLeadLine, measureOf, mirroredTaskLine } from './measureLead.ts';
import { QUOTE_MAX, askedShape, coverage, perUnit, dropAskedUnits, contentTerms, withMeasures, placeClash, quote, sentences, ordinalClash, charCoverage, bigramSet, longestGap, scattered } from './quote.ts';

/** Documents a question names ("专报里…", "政府工作报告…"): the reply comes from them. */
const DOC_NAMES: [RegExp, DocId][] = [
  [/专报|简报/, 'bulletin'],
  [/政府工作报告|工作报告/, 'work-report'],
  [/公报|常务会议|会议纪要|批复|任免/, 'gazette'],
];

export function namedDocs(text: string): DocId[] {
  return DOC_NAMES.filter(([re]) => re.test(text)).map(([, d]) => d);
}

/** "总量多少亿", "多少万元": an amount asked by its magnitude is stated with it (486.43亿元), not by
 * a figure of a name (PM2.5) or a share. A classifier after it (多少万亩) is another shape. */
const ASKS_MAGNITUDE = /(?:几|多少)\s*(?:万|亿)(?:元)?(?![\u4e00-\u9fa5]*?(?:平方|平米|公顷|公里|千米|家|座|个|所|户|张|台|处|套|条|名|人|次|亩|项|辆|栋|间|床|天|吨|米|件|千瓦|伏|册|头))/;
const MAGNITUDE_IN = /\d\s*(?:万|亿)/;

export function passageAnswer(ctx: AnswerContext, q: Query, topic = q.topic): Answer | null {
  // A question that is only question words ("谁牵头") names nothing to look for.
  if (topic.replace(/[\s\d]/g, '').length < 2) return null;
  const signed = signatureAnswer(ctx, q.text);
  if (signed) return signed;
  const appointed = appointeeAnswer(ctx, q.text);
  if (appointed) return appointed;
  const docs = namedDocs(q.text);
  // 2024 and 2025 figures live in the 2024 government work report (its review and its plan).
  if (!docs.length && [...q.text.matchAll(/(20\d\d)年/g)].some((m) => m[1] === '2024' || m[1] === '2025')) docs.push('work-report');
  // The passage index drops question words itself and weighs the whole phrasing ("第51次",
  // "完成月度目标"), so it gets the question, not the stripped topic; the topic is the fallback.
  // "向佳任什么职", "刘波调哪去了": appointment notices read "向佳同志任…", so ask for that.
  const post = q.text.match(/^([\u4e00-\u9fa5]{2,3}?)(?:同志)?(?:现在|这次|此次|本次|这回|最近|刚刚?|新)?(?:调任|担任|兼任|升任|改任|转任|任命|任|是|当|调|去|干)(?:了|的|为|成)?(?:什么|啥|哪|何)/);
  if (post && /职|务|位|哪|干|调任|担任|兼任|升任|改任|转任|任命|任(?:的|了)?(?:什么|啥)/.test(q.text)) {
    const name = post[1]!;
    const hit = ctx.passages.search(`${name}同志`, 3, ['gazette']).find((h) => h.passage.text.includes(name));
    if (hit) return passageReply(hit);
    // Asked about a post and the name is nowhere in the documents: say so, do not offer
    // someone else's appointment.
    if (!ctx.passages.search(name, 5).some((h) => h.passage.text.includes(name))) return null;
  }
  // With a document named, its name and "提到" say where to look, not what.
  // "哪个副市长负责": the title asked for is no search word (it would rank appointment notices first).
  const text = (docs.length ? q.text.replace(DOC_WORDS, ' ') : q.text).replace(/(?:哪位|哪个|哪一位)(?:市)?(?:领导|副?市长)/g, ' ');
  // 今年/26年, or a target asked with no year: the 2026 documents. The work report's review and plan
  // state 2024's results and 2025's targets, a figure of the wrong year (ANSWERS.md, Years).
  const current = !docs.includes('work-report') && asksCurrentYear(q.text);
  // The year routes the question; as a search word ("26") it only lowers every passage's score.
  // "第52次常务会议立项了几个项目": the passages of another meeting or batch are dropped before the
  // pool is cut, so that the named one's passages are looked at.
  const ordinal = /第\s*\d{1,3}\s*(?:批|期|届|轮|次)/.test(q.text);
  // A figure of a particular shape (多少个, 几家) is looked for a little deeper: the passage stating
  // it often ranks below others on the same subject that state none.
  const shape = askedShape(q.text);
  const pool = shape ? PASSAGE_POOL * 2 : PASSAGE_POOL;
  const search = (t: string, n = pool) => current || ordinal
    ? ctx.passages.search(current ? t.replace(OWN_YEAR, ' ') : t, n + 12, docs)
      .filter((h) => !(current && otherYearSection(h.passage)) && !(ordinal && ordinalClash(q.text, `${headsOf(h.passage)} ${h.passage.text}`)))
      .slice(0, n)
    : ctx.passages.search(t, n, docs);
  const first = search(text);
  const found = first.length ? first : search(topic);
  // "突出问题第四条": the documents number their points 一是/二是 or （一）; the passage that
  // opens with the asked ordinal comes first.
  const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const ordRaw = q.text.match(/第\s*([一二三四五六七八九十]|10|[1-9])\s*(?:条|点|个问题|方面)/)?.[1];
  const ord = ordRaw === undefined ? undefined : /\d/.test(ordRaw) ? CN[Number(ordRaw)] : ordRaw;
  const opens = (h: PassageHit) => ord !== undefined && new RegExp(`^\\s*(?:${ord}是|（${ord}）|${ord}、)`).test(h.passage.text);
  const ordQuery = `${ord}是 ${topic.replace(DOC_WORDS, ' ').split(/\s+/).filter((w) => w.length > 1).join(' ')}`;
  const ranked = ord ? [...ctx.passages.search(ordQuery, 12, docs).filter(opens), ...found] : found;
  const hits = current ? ranked.filter((h) => !otherYearSection(h.passage)) : ranked;
  // A lexical hit can share only its commonest words with the question: unless the passage
  // (with its headings) holds enough of the question's content words, it answers something else.
  // The best-ranked passage that does is the answer (注：…市级… ranks above the bulletin's
  // "岳阳市级…4项滞后" for 岳阳市级民生实事滞后几项).
  const stated = statedFigures(q.text);
  const about = dropAskedUnits(docs.length ? topic.replace(DOC_WORDS, ' ') : topic, q.text);
  const terms = contentTerms(about);
  const wantsFigure = WANTS_FIGURE.test(q.text);
  const asked = askedYear(q.text);
  const yearAsked = asked !== undefined && asked !== KB_YEAR ? asked : undefined;
  const magnitude = ASKS_MAGNITUDE.test(q.text);
  // A sentence (with its passage's headings) that holds the subject: the one a long passage is quoted by.
  const holds = (p: PassageHit['passage'], s: string) => grounded(about, withMeasures(q.text, `${headsOf(p)} ${s}`), headsOf(p));
  const fits = (h: PassageHit) => {
    const p = h.passage;
    // The question's own words or their spelled-out form (GDP → 地区生产总值), whichever matches;
    // a measure word the passage states by a figure's shape (比例 as 1:1.15) counts as held.
    const heads = headsOf(p);
    const whole = withMeasures(q.text, `${heads} ${p.text}`);
    if (!grounded(about, whole, heads) || ordinalClash(q.text, whole) || placeClash(q.text, whole)) return false;
    // "408套保障性住房建在哪": a figure the question names its subject by is part of the subject; a
    // passage without it (申报保障性租赁住房64套) speaks of something else.
    if (stated.some((n) => !whole.replace(/\s+/g, '').includes(n))) return false;
    if (lacksQualifier(q.text, whole)) return false;
    // "去年…": another year than the ledger's is answered only by a passage of that year.
    if (yearAsked !== undefined && !ofYear(p, yearAsked)) return false;
    // A long passage is quoted by its best sentences: those (with the headings) must hold the
    // subject, not words scattered over the paragraph (人工智能…产业园 ≠ 人工智能产业园).
    if (p.text.length > QUOTE_WHOLE && !grounded(about, withMeasures(q.text, `${heads} ${groundedQuote(p, unheaded(terms, heads), { wantsFigure, shape }, holds)?.text ?? ''}`), heads)) return false;
    // "海绵城市建设几个": a count or an amount asked of a passage that states none is not answered.
    // The figure must stand in a sentence that holds the subject, not anywhere in the passage.
    if (!ASKS_AMOUNT.test(q.text)) return true;
    // "省级和岳阳市级…加起来多少项": two parts asked together are stated in neighbouring sentences.
    const said = sentences(p.text);
    // "80 m²以上的，按4000元/户计发": a clause opening with a figure is the next tier of the one
    // before it, whose subject it leaves out; it is read together with that one.
    // "“三资”改革效益凸显。归集国有资产57处": a run-in heading says what the next sentence counts.
    const spans = joinsParts(q.text) ? [...said, ...said.slice(1).map((s, i) => `${said[i]}${s}`)] : [...said, ...said.slice(1).flatMap((s, i) => (/^\d/.test(s) || runInHeading(said[i]!) ? [`${said[i]}${s}`] : []))];
    // "(4)对确实无经济能力…": an item's number is no figure of the subject.
    return spans.some((s) => FIGURE_IN.test(s.replace(ENUMERATOR, '')) && (!magnitude || MAGNITUDE_IN.test(s)) && grounded(about, withMeasures(q.text, `${heads} ${s}`), heads));
  };
  // "造纸企业退出涉及多少家": of the passages that hold the subject, the one stating a figure of
  // the asked-for shape (14家), not the first with any figure (4个县市区).
  const shaped = (h: PassageHit) => shape !== undefined && tiered(h.passage.text).some((s) => shape.test(s) && grounded(about, withMeasures(q.text, `${headsOf(h.passage)} ${s}`), headsOf(h.passage)));
  const choose = (list: PassageHit[]) => {
    let top: PassageHit | undefined;
    for (const [i, h] of list.entries()) {
      // Beyond the usual pool only a passage with the asked-for shape is taken.
      if (i >= PASSAGE_POOL && top && !shaped(h)) continue;
      if (!fits(h)) continue;
      if (!top && i >= PASSAGE_POOL && !shaped(h)) continue;
      if (!top) top = h;
      if (!shape || shaped(h)) { top = h; break; }
    }
    // "产权调换按啥比例": of the passages stating the shape under the same headings (60%, 1:1.15),
    // the one whose clause with the figure says the subject (按…1:1.15进行产权调换), not another
    // thing's share (优惠价为…定价的60%).
    if (top && shape && shaped(top)) {
      const own = (h: PassageHit) => Math.max(0, ...h.passage.text.split(/[，,。；;]/).filter((x) => shape.test(x)).map((x) => coverage(terms, x)));
      const mine = own(top);
      const rival = list.slice(0, PASSAGE_POOL * 2).filter((h) => h !== top && own(h) > mine && shaped(h) && fits(h)).sort((a, b) => own(b) - own(a))[0];
      if (rival) top = rival;
    }
    // "三级地段是哪几条路": a list asked by the kind of its items (路, 镇, 单位) is the passage that
    // lists several of them, not one about the same subject that names none.
    if (top && listNoun && itemsOf(top) < 3) top = [...list.slice(0, PASSAGE_POOL * 2), ...search(first.length ? text : topic, PASSAGE_POOL * 2)].find((h) => itemsOf(h) >= 3 && fits(h)) ?? top;
    return top;
  };
  const listNoun = q.text.match(/哪(?:些|几)(?:条|个|家|所|座|处)?([路镇街村区园])(?:[\s？?呢吗啊]|$)/)?.[1];
  const itemsOf = (h: PassageHit) => (listNoun ? (h.passage.text.match(new RegExp(`[\u4e00-\u9fa5]{1,8}${listNoun}(?=[（(，,、；;。\s]|$)`, 'g')) ?? []).length : 0);
  let top = choose(hits);
  // "土地储备总规模多大": a table's row gives its cells bare (346.926100), the prose beside it the
  // figure with its unit (346.9261公顷); a figure asked is answered with its unit.
  if (top && (wantsFigure || /多大|多高|多长|多重/.test(q.text)) && bareCells(top.passage.text)) top = hits.slice(0, PASSAGE_POOL).find((h) => h !== top && !bareCells(h.passage.text) && UNIT_FIGURE.test(h.passage.text) && fits(h)) ?? top;
  // "禁止开垦陡坡地公告有效期几年": a notice's points are passages of their own (一、…六、), and the
  // one asked can rank below siblings that share the title's words; the notice's other points
  // are looked at before giving up.
  if (!top) top = choose(siblings(hits, search(first.length ? text : topic, pool * 4)));
  // "龙舟世界杯来了几支队", "议事协调机构精简了多少": no year named and nothing of the year's own
  // documents holds the subject, but the 2024 review does; a result asked that way is that one
  // (the reply's source names the 2024 review). Not a target (目标, 要…): those are the year's own.
  if (!top && current && askedYear(q.text) === undefined && !/今年|本年|目标|计划|预期|力争|要|将|拟/.test(q.text))
    top = choose(ctx.passages.search(text, pool, ['work-report']).filter((h) => h.passage.section[0] === '2024年工作回顾'));
  // A rate asked per unit (每平方米多少钱) is answered only by a rate of that unit, not by another
  // figure about the same subject (3000元/户).
  if (top && perUnit(q.text) && !shaped(top)) return null;
  if (!top) return null;
  // A list passage asked for its items is quoted whole, one item (；) a line: every item.
  const listed = listNoun !== undefined && itemsOf(top) >= 3;
  const reply = listed
    ? passageReply({ ...top, snippet: top.passage.text.split(/(?<=[；;])/).map((x) => clip(x.trim(), QUOTE_MAX)).filter(Boolean).slice(0, LIST_ALL).join('\n') }, false)
    : passageReply(top, true, unheaded(terms, headsOf(top.passage)), wantsFigure, shape, holds);
  // "新桥垃圾填埋场整改谁牵头": a meeting item or plan section says who leads a few sentences on;
  // the reply states it when the passage found does not.
  // "…入园会上提了啥要求": a meeting item records what it decided, then what it required, in
  // passages of their own; the required part is what is asked.
  if (ASKS_REQUIRED.test(q.text) && !REQUIRED.test(reply.text)) {
    const said = itemSentence(ctx, top.passage, REQUIRED);
    if (said) return { ...reply, text: reply.text.replace(/\n来源：/, `\n${said}\n来源：`) };
  }
  const measureLead = ASKS_WHO.test(q.text) ? measureLeadLine(ctx, top.passage) : undefined;
  if (measureLead && !measureOf(ctx, top.passage)!.leadUnits.every((u) => reply.text.includes(u))) {
    const task = mirroredTaskLine(ctx, reply.text.split('\n来源：')[0]!, q.text);
    return { ...reply, text: reply.text.replace(/\n来源：/, `\n${measureLead}${task ? `\n${task}` : ''}\n来源：`) };
  }
  // "一线防洪大堤整治要在啥时候前完成": a meeting item's points say when in one of their own (四是…
  // 力争在汛期前完成); a reply stating no time gets the item's sentence that does.
  if (q.asks.when && !TIME_IN.test(reply.text.split('\n来源：')[0]!)) {
    const said = timeSentence(ctx, top.passage, terms);
    if (said) return { ...reply, text: reply.text.replace(/\n来源：/, `\n${said}\n来源：`) };
  }
  if (ASKS_LEAD.test(q.text) && !/牵头|负责/.test(reply.text)) {
    const lead = leadSentence(ctx, top.passage, askedDoers(q.text));
    const fresh = lead?.split('\n').filter((l) => !reply.text.includes(l.replace(/…$/, ''))).join('\n');
    if (fresh) return { ...reply, text: reply.text.replace(/\n来源：/, `\n${fresh}\n来源：`) };
  }
  return reply;
}

/** A short sentence with no figure that heads what follows ("“三资”改革效益凸显。"). */
function runInHeading(s: string): boolean {
  return s.replace(/[“”‘’"《》\s]/g, '').length <= 16 && !/\d/.test(s) && /[。]$/.test(s);
}

/** A passage's sentences, and each sentence opening with a figure read with the one before it
 * ("80 m²以上的，按4000元/户计发" is the next tier of the clause that names the subject). */
function tiered(text: string): string[] {
  const said = sentences(text);
  return [...said, ...said.slice(1).flatMap((s, i) => (/^\d/.test(s) ? [`${said[i]}${s}`] : []))];
}

/** A table row flattened to "列：值；…" whose figures stand without a unit. */
function bareCells(text: string): boolean {
  return /[：:]\s*\d/.test(text) && !UNIT_FIGURE.test(text);
}
const UNIT_FIGURE = /\d(?:\.\d+)?\s*(?:[\u4e00-\u9fa5%‰])/;

/** How the documents state a time: a date, a month's end, a season or phase (汛期前, 开学前). */
const TIME_IN = /\d{1,2}\s*月|20\d\d\s*年|年底|年内|年初|上半年|下半年|季度|[\u4e00-\u9fa5]{2}(?:前|之前|以前)(?:完成|建成|到位|落实)/;

/** The sentence of the same document part (title and first heading) as a passage that states a
 * time and holds one of the question's terms. */
function timeSentence(ctx: AnswerContext, at: PassageHit['passage'], terms: string[]): string | undefined {
  const near = ctx.kb.passages.filter((p) => p.doc === at.doc && p.title === at.title && (p.section[0] ?? '') === (at.section[0] ?? '') && Math.abs(p.line - at.line) < 40);
  const said = near.sort((a, b) => a.line - b.line).flatMap((p) => sentences(p.text)).filter((x) => TIME_IN.test(x.replace(/\*\*/g, '')));
  const best = said.map((x) => ({ x, c: coverage(terms, x) })).filter((o) => o.c > 0).sort((a, b) => b.c - a.c)[0];
  return best ? clip(best.x.replace(/\*\*/g, ''), 160) : undefined;
}

/** The deeper hits that belong to a document among the first ones (same title), in rank order. */
function siblings(first: PassageHit[], deeper: PassageHit[]): PassageHit[] {
  const titles = new Set(first.slice(0, PASSAGE_POOL).map((h) => h.passage.title).filter((t) => t.length > 0));
  return deeper.filter((h) => !first.some((f) => f.passage === h.passage) && titles.has(h.passage.title)).slice(0, PASSAGE_POOL);
}

/** The year's own figures are asked: 今年, 26年, 2026年, or a target or plan with no year named. */
export function asksCurrentYear(text: string): boolean {
  const year = askedYear(text);
  if (year !== undefined) return year === KB_YEAR;
  return /今年|本年|目标|计划|预期|多少|几|比例|增长/.test(text);
}

/** Whether a passage speaks of a year: the work report's section of it, or the year written
 * in its title or text (the bulletin's "2025年，汨罗市对非外贸…"). */
function ofYear(p: PassageHit['passage'], year: number): boolean {
  return (p.section[0] ?? '').startsWith(`${year}年`) || p.title.includes(String(year)) || p.text.includes(`${year}年`) || p.text.includes(`${year} 年`);
}

/** The question's terms its headings do not already hold, which the quoted sentence must: the
 * heading says the item is 一线防洪大堤, the sentence asked for says who 调度s the 启动资金. */
function unheaded(terms: string[], heads: string): string[] {
  const have = bigramSet(heads);
  // A bigram across two held words (计整 of 审计整改 under 审计…整改) is no word of its own.
  const held = terms.filter((t) => have.has(t));
  const junction = (t: string) => held.some((a) => a[1] === t[0]) && held.some((b) => b[0] === t[1]);
  const rest = terms.filter((t) => !have.has(t) && !junction(t));
  return rest.length ? rest : terms;
}

/** A passage of the work report's 2024 review or 2025 plan. */
export function otherYearSection(p: PassageHit['passage']): boolean {
  return p.doc === 'work-report' && /^20\d\d年工作(?:回顾|安排)$/.test(p.section[0] ?? '');
}

/** Whether a passage holds the question's subject: enough of its content characters, and no
 * word of it missing outright (quote.ts longestGap), in the question's own words or spelled out. */
/** Figures a question names its subject by ("408套保障性住房", "新增168个充电桩"): a count with its
 * measure, not a year, a date, an ordinal or a bound asked (超过5座, 5家以上). */
const STATED = /(?<![\d.第前])(\d+(?:\.\d+)?)\s*(?:套|家|个|座|户|台|所|条|辆|公顷|万元|亿元|人|名|处)(?![\d以左多])/g;
function statedFigures(text: string): string[] {
  if (/超过|不到|以上|以下|达到|[到过]了?没|够不够|对吗|是不是|还是/.test(text)) return [];
  return [...text.matchAll(STATED)].map((m) => m[1]!);
}

export function grounded(about: string, whole: string, heads = ''): boolean {
  return [true, false].some((spell) => charCoverage(about, whole, spell) >= PASSAGE_COVERAGE && longestGap(about, whole, spell) < 2 && !scattered(about, whole, spell, heads));
}

/** The ledger's own year as a question writes it (2026年, 26年, 今年). */
const OWN_YEAR = new RegExp(`(?:20)?${KB_YEAR % 100}\\s*年(?!\\s*\\d{1,2}\\s*月)|今年|本年`, 'g');

/** A passage's title, heading path and run-in heading ("兴城乡强区域。细化…"): what each of its
 * sentences is about. */
export function headsOf(p: PassageHit['passage']): string {
  const first = sentences(p.text)[0] ?? '';
  // Its length is counted in words, not quotation marks ("“四力”齐发稳春耕守牢粮食安全线。").
  // "8.开展全市文化惠民升级服务活动。": an item's number before its run-in heading is no figure.
  const runIn = first.replace(ENUMERATOR, '').replace(/[“”‘’"《》\s]/g, '').length <= 16 && !/\d/.test(first.replace(ENUMERATOR, '')) && first !== p.text.trim() ? ` ${first}` : '';
  // "原则上同意一线防洪大堤…立项，并明确以下要求：一是…二是…": the opening names what every point
  // that follows is about.
  const intro = first.match(/^(.{4,120}?(?:以下|如下)[\u4e00-\u9fa5]{0,4}[:：])/)?.[1];
  const lead = noticeLead(p);
  return `${p.title} ${p.section.join(' ')}${runIn}${intro ? ` ${intro}` : ''}${lead ? ` ${lead}` : ''}`;
}

const ASKS_REQUIRED = /(?:什么|啥|哪些)(?:要求|意见)|要求(?:是)?(?:什么|啥)|提了?(?:什么|啥|哪些)?要求/;
const REQUIRED = /会议(?:要求|强调|明确|指出)|要求[，,：:]/;
// "哪位领导牵头", "哪个同志负责": the asker names the kind of doer instead of 谁.
const WHICH_DOER = '(?:哪位|哪个|哪一位|哪名)(?:市)?(?:领导|同志|副市长|市长|负责人)?(?:来|在)?';
const ASKS_LEAD = new RegExp(`谁牵头|谁负责|由谁|牵头(?:人|领导|单位)?是谁|负责人|谁来抓|谁抓|谁(?:来)?(?:调度|统筹|组织|协调|推进)|${WHICH_DOER}(?:牵头|负责|抓|调度|统筹)`);

/** The verbs a question asks the doer of: "谁牵头 启动资金谁调度" → 牵头, 调度. */
function askedDoers(text: string): string[] {
  return [...text.matchAll(new RegExp(`(?:谁|${WHICH_DOER})(?:来|在)?(牵头|负责|调度|统筹|组织|协调|推进|主抓|抓)`, 'g'))].map((m) => m[1]!);
}

/** Ranked passages looked at for one that holds the question's subject. */
export const PASSAGE_POOL = 4;
const ENUMERATOR = /^\s*(?:[(（]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.、．](?!\d))/;
export const FIGURE_IN = /\d|[一二两三四五六七八九十百千万]+(?:个|座|所|项|家|条|人|户|套|台|处|亩|倍|成)/;

/** Share of the question's content characters a passage must hold (quote.ts charCoverage). */
const PASSAGE_COVERAGE = 0.6;
export const DOC_WORDS = /专报|简报|政府工作报告|工作报告|公报|里面|里|中|提到|提及|说了|讲了|的/g;
export const ASKS_AMOUNT = /(?<!哪)几[个座所户张台处家套条名人次亩项万]|多少|比例|百分之|增长了?多少/;
const WANTS_FIGURE = /多少|几|比例|增长|目标|数量/;

/** Passages up to this long are quoted whole: a snippet could cut the very figure asked for. */
export const QUOTE_WHOLE = 200;

/** The quote of a long passage: its best sentences by the question's terms, taken from the
 * sentences that hold the subject when the best of all does not (two sentences name 调查组 alike;
 * the one listing 从…等单位抽调专人 is the one whose words the question uses). */
function groundedQuote(p: PassageHit['passage'], terms: string[], opts: { wantsFigure?: boolean; shape?: RegExp }, holds?: (p: PassageHit['passage'], s: string) => boolean) {
  const best = quote(p.text, terms, opts);
  if (!holds || !best || holds(p, best.text)) return best;
  const ss = sentences(p.text);
  const own = ss.filter((s) => holds(p, s));
  if (own.length) return own.length < ss.length ? quote(own.join(''), terms, opts) ?? best : best;
  // "80 m²以上的，按4000元/户计发": a clause opening with a figure is the next tier of the one
  // before it, whose subject it leaves out; the two hold the subject together.
  const pair = ss.slice(1).map((s, i) => (/^\d/.test(s) ? `${ss[i]}${s}` : '')).find((x) => x && holds(p, x));
  return pair ? { text: pair, coverage: coverage(terms, pair) } : best;
}

export function passageReply(top: PassageHit, quoteShortWhole = true, terms: string[] = [], wantsFigure = false, shape?: RegExp, holds?: (p: PassageHit['passage'], s: string) => boolean): Answer {
  const p = top.passage;
  // A long passage is quoted by its sentences that hold the question's words (and figure),
  // whole, rather than by a fixed-width window that may stop before the figure.
  const sentence = terms.length && p.text.length > QUOTE_WHOLE ? groundedQuote(p, terms, { wantsFigure, shape }, holds) : undefined;
  const snippet = quoteShortWhole && p.text.length <= QUOTE_WHOLE ? p.text : sentence && sentence.coverage > 0 ? sentence.text : top.snippet;
  const where = [p.title, ...p.section].filter(Boolean).join(' › ');
  const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
  return {
    found: true,
    text: `${snippet}\n来源：${DOC_LABEL[p.doc]}${where ? ` ${clip(where, 40)}` : ''}`,
    refs: [ref],
  };
}
