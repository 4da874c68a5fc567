// answer(question, context) → {found, text, refs}. Pure: the same question on the same
// knowledge always gives the same reply. Structured records first, full text last, and
// never a fact that is not in a document.
import type { DocId, SourceRef } from '../../knowledge/types.ts';
import { KB_YEAR } from '../../knowledge/sources.ts';
import type { AnswerContext } from './context.ts';
import { clip, contradictionNotes, DOC_LABEL, sourceText } from './format.ts';
import { quotedClashKeys, type PassageHit } from './passages.ts';
import { cellNames, findMentions, spellOutShortForms } from '../../knowledge/lexicon.ts';
import { entityAnswer, namedHeading, portfolio, type ListScope } from './intents/byEntity.ts';
import { byNumber } from './intents/byNumber.ts';
import { byTown } from './intents/byTown.ts';
import { askedValue, statesValue } from './askedValue.ts';
import { overview } from './intents/overview.ts';
import { missingIssue } from './intents/issues.ts';
import { becameAnswer, when } from './intents/when.ts';
import { datedClauses, dayEvents } from './intents/byPeriod.ts';
import { sectionList } from './intents/sections.ts';
import { joinsParts, sumAnswer, withSums } from './sums.ts';
import { contradictionAnswer } from './intents/contradiction.ts';
import { parseQuery, type Query } from './query.ts';
import { FRAMES } from './frames.ts';
import { askedYear, routeYear } from './years.ts';
import { analyze, describe, has, readings, slotsOf, type Frame } from './understand.ts';
import { goodHits, literalHits, proseText, verbatimHits, recordGrounded, recordSource, recordText, searchRecords, townFigure, type RecordHit } from './records.ts';
import { contradictionKeys, renderHit } from './render.ts';
import { askedAttribute, attributeAnswer, itemSentence, leadSentence } from './intents/attribute.ts';
import { signatureAnswer } from './signature.ts';
import { countedLine } from './counted.ts';
import { doerAnswer } from './doers.ts';
import { compoundAnswer } from './compound.ts';
import { fullerCompound } from './compoundFuller.ts';
import { withoutFraming } from './framing.ts';
import { meetingByDate } from './meetingDate.ts';
import { noticeLead, useNoticeLeads } from './noticeLead.ts';
import type { Answer } from './types.ts';
import { archivedAnswer } from './archive.ts';
import { liveAnswer } from './live.ts';
import { ASKS_WHO, measureLeadLine, measureOf, mirroredTaskLine } from './measureLead.ts';
import { QUOTE_MAX, askedShape, bigramSet, coverage, perUnit, charCoverage, dropAskedUnits, contentTerms, longestGap, ordinalClash, withMeasures, placeClash, quote, scattered, sentences } from './quote.ts';

export type { Answer };

export const MAX_QUESTION = 200;

const HINT =
  '可以这样问：“谁牵头第28项”“曹陶牵头哪些任务”“住建局牵头几项”“白水镇要建几个和美湘村”“自建桥梁9月底前要完成多少座”“什么是三高四新”。';

function notFound(prefix = '没有在文件中找到相关内容。'): Answer {
  return { found: false, text: `${prefix}\n${HINT}`, refs: [] };
}

const DEFINITION = /什么是|是什么意思|指什么|是指|含义|意思|啥是|什么叫/;

/** Hits a list question ("哪些任务涉及龙舟") shows: every one, up to what a phone message holds. */
const LIST_ALL = 15;

function topicAnswer(ctx: AnswerContext, q: Query, hits: RecordHit[]): Answer {
  const shown = hits.slice(0, q.asks.list || q.asks.count ? LIST_ALL : 4);
  const refs = shown.map((h) => recordSource(ctx, h.id)).filter((r): r is SourceRef => r !== undefined);
  const keys = shown.flatMap((h) => contradictionKeys(h.id, ctx));
  const lines: string[] = [];
  if (shown.length === 1) lines.push(renderHit(ctx, shown[0]!, false));
  else {
    lines.push(`找到${hits.length}条相关${hits.length > shown.length ? `，列前${shown.length}条` : ''}：`);
    for (const h of shown) lines.push(`· ${renderHit(ctx, h, true)}`);
    lines.push('可问“第N项”看详情。');
  }
  lines.push(...figureLines(ctx, q, shown, lines.join('\n')));
  lines.push(...contradictionNotes(ctx, keys), sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** "巩固提升城乡电网投多少钱", "全市摸排有多少座存在隐患的自建桥梁": a figure asked of a record whose
 * reply line is cut before it (or whose detail leaves out the background sentence) gets the
 * record's sentence holding the subject and the figure, whole. */
function figureLines(ctx: AnswerContext, q: Query, shown: RecordHit[], reply: string): string[] {
  if (!ASKS_AMOUNT.test(q.text) || !q.topic) return [];
  const terms = contentTerms(q.topic);
  const shape = askedShape(q.text);
  const out: string[] = [];
  for (const h of shown.slice(0, 2)) {
    // The record's own text (its target, a voted project's content), each part quoted on its own:
    // the parts are joined with spaces, not sentence ends.
    const r = ctx.records.get(h.id);
    const said = [r?.text ?? '', r?.extra ?? ''].map((t) => quote(t, terms, { wantsFigure: true, shape })).filter((x) => x !== undefined).sort((a, b) => b.coverage - a.coverage)[0];
    if (!said || said.coverage < 0.5) continue;
    const figures = said.text.match(/\d+(?:\.\d+)?/g) ?? [];
    if (!figures.length || figures.every((f) => reply.includes(f))) continue;
    if (shape && !shape.test(said.text)) continue;
    const line = `原文：${clip(said.text, 200)}`;
    if (!out.includes(line)) out.push(line);
  }
  return out;
}

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

function passageAnswer(ctx: AnswerContext, q: Query, topic = q.topic): Answer | null {
  // A question that is only question words ("谁牵头") names nothing to look for.
  if (topic.replace(/[\s\d]/g, '').length < 2) return null;
  const signed = signatureAnswer(ctx, q.text);
  if (signed) return signed;
  const docs = namedDocs(q.text);
  // 2024 and 2025 figures live in the 2024 government work report (its review and its plan).
  if (!docs.length && [...q.text.matchAll(/(20\d\d)年/g)].some((m) => m[1] === '2024' || m[1] === '2025')) docs.push('work-report');
  // The passage index drops question words itself and weighs the whole phrasing ("第51次",
  // "完成月度目标"), so it gets the question, not the stripped topic; the topic is the fallback.
  // "向佳任什么职", "刘波调哪去了": appointment notices read "向佳同志任…", so ask for that.
  const post = q.text.match(/^([\u4e00-\u9fa5]{2,3}?)(?:同志)?(?:现在)?(?:调任|担任|兼任|升任|改任|转任|任命|任|是|当|调|去|干)(?:了|的|为|成)?(?:什么|啥|哪|何)/);
  if (post && /职|务|位|哪|干|调任|担任|兼任|升任|改任|转任|任命/.test(q.text)) {
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
export function grounded(about: string, whole: string, heads = ''): boolean {
  return [true, false].some((spell) => charCoverage(about, whole, spell) >= PASSAGE_COVERAGE && longestGap(about, whole, spell) < 2 && !scattered(about, whole, spell, heads));
}

/** The ledger's own year as a question writes it (2026年, 26年, 今年). */
const OWN_YEAR = new RegExp(`(?:20)?${KB_YEAR % 100}\\s*年(?!\\s*\\d{1,2}\\s*月)|今年|本年`, 'g');

/** A passage's title, heading path and run-in heading ("兴城乡强区域。细化…"): what each of its
 * sentences is about. */
function headsOf(p: PassageHit['passage']): string {
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
const PASSAGE_POOL = 4;
const ENUMERATOR = /^\s*(?:[(（]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.、．](?!\d))/;
const FIGURE_IN = /\d|[一二两三四五六七八九十百千万]+(?:个|座|所|项|家|条|人|户|套|台|处|亩|倍|成)/;

/** Share of the question's content characters a passage must hold (quote.ts charCoverage). */
const PASSAGE_COVERAGE = 0.6;
const DOC_WORDS = /专报|简报|政府工作报告|工作报告|公报|里面|里|中|提到|提及|说了|讲了|的/g;
const ASKS_AMOUNT = /(?<!哪)几[个座所户张台处家套条名人次亩项万]|多少|比例|百分之|增长了?多少/;
const WANTS_FIGURE = /多少|几|比例|增长|目标|数量/;

/** Passages up to this long are quoted whole: a snippet could cut the very figure asked for. */
const QUOTE_WHOLE = 200;

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

function passageReply(top: PassageHit, quoteShortWhole = true, terms: string[] = [], wantsFigure = false, shape?: RegExp, holds?: (p: PassageHit['passage'], s: string) => boolean): Answer {
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

/** Picks the hits to show. Ledger records (tasks, projects, indicators) answer what leaders
 * ask about; the 开局八好 plan measures are long prose that matches many words, so they are
 * shown only when no ledger record matches. */
function rank(all: RecordHit[]): RecordHit[] {
  const order = { task: 0, voted: 1, livelihood: 2, indicator: 3, measure: 4 } as const;
  const ledger = goodHits(all.filter((h) => h.kind !== 'measure'));
  const pool = ledger.length ? ledger : goodHits(all);
  return [...pool].sort((a, b) => b.coverage - a.coverage || order[a.kind] - order[b.kind] || b.score - a.score);
}

/** "第53次常务会议", "汨政人〔2026〕5号": a meeting or a document number is answered from that
 * meeting or document, or told plainly that the documents do not contain it. */
function documentReference(q: Query, ctx: AnswerContext): Answer | undefined {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const meeting = q.text.match(/第\s*(\d{1,3})\s*次(?:常务会议|常务|会议)/);
  if (meeting) {
    const known = [...new Set(ctx.kb.passages.flatMap((p) => [...squeeze(p.title + p.text).matchAll(/第(\d{1,3})次常务会议/g)].map((m) => Number(m[1]))))].sort((a, b) => a - b);
    if (known.length && !known.includes(Number(meeting[1])))
      return notFound(`文件中只有第${known.join('、')}次常务会议的纪要，没有第${meeting[1]}次。`);
    return undefined;
  }
  const docno = q.text.match(/([\u4e00-\u9fa5]{2,8}\s*〔\s*\d{4}\s*〕\s*\d{1,3}\s*号)/)?.[1];
  if (!docno) return undefined;
  const key = squeeze(docno);
  const own = ctx.kb.passages.filter((p) => squeeze(p.title).includes(key));
  if (!own.length) {
    const mentioned = ctx.kb.passages.some((p) => squeeze(p.text).includes(key));
    return mentioned ? undefined : notFound(`文件中没有${key}。`);
  }
  // The question about that document, searched within its own passages.
  const hits = ctx.passages.search(q.text.replace(docno, ' '), 3, [own[0]!.doc]).filter((h) => own.includes(h.passage));
  if (hits[0] && hits[0].passage.text.length >= 30) return passageReply(hits[0]);
  // Nothing in particular asked ("任免了谁"): the document's content, from the top.
  const body = own.map((p) => p.text).join('\n');
  return passageReply({ passage: own[0]!, score: 0, snippet: clip(body, 240) }, false);
}

/** "王建国负责哪些任务": a name-shaped subject that is neither a known leader nor a unit. */
function unknownPerson(q: Query, ctx: AnswerContext): string | undefined {
  if (q.people.length || q.units.length || q.towns.length || q.numbers.length) return undefined;
  // "吴副市长牵头的民生实事": a surname and a title, whoever it may be.
  const titled = q.text.match(/^([\u4e00-\u9fa5](?:常务)?副?市长)(?:负责|牵头|分管|管|主抓)/);
  if (titled) return titled[1]!;
  const m = q.text.match(/^([\u4e00-\u9fa5]{2,3}?)(?:副市长|市长|同志|领导)?(?:负责|牵头|分管|管)(?:了)?(?:哪些|几|什么|啥|多少)/);
  if (!m) return undefined;
  const name = m[1]!;
  // 公路局, 文化局: a unit the directory does not know, not a person (unknownUnit says so).
  if (/[局办委队所站院]$/.test(name)) return undefined;
  // "马慧分管哪些任务": someone the documents name as a person (马慧市长, X同志) who leads none of
  // the listed tasks is still not a lead leader.
  const asPerson = new RegExp(`${name}(?:同志|市长|副市长|主任|局长|书记)|(?:市长|同志)${name}`);
  if (ctx.kb.passages.some((p) => asPerson.test(p.text.replace(/\s+/g, '')))) return name;
  // A topic word in subject position ("招商负责哪些") is not a person: only reject when the
  // documents never mention it.
  if (ctx.passages.search(name, 3).some((h) => h.passage.text.includes(name)) || searchRecords(ctx, name).some((h) => h.coverage >= 1)) return undefined;
  return name;
}

const UNIT_LIKE = /([\u4e00-\u9fa5]{1,8}?(?:局|委员会|管委会|中心|公司|集团|大队|办公室|(?<!举|承|创|开|督|代|包|协|操|主|置|兴|筹|合|督|查|交|申|经|帮|领|督)办|团市委))/;

/** "公路局牵头几项": a unit-shaped word the directory does not know gets a clear reply instead of
 * a loose text match. */
function unknownUnit(q: Query): string | undefined {
  if (q.units.length || q.people.length) return undefined;
  if (!/牵头|负责|配合|几项|多少项|哪些任务|任务/.test(q.text)) return undefined;
  const m = q.text.match(UNIT_LIKE);
  const name = m?.[1];
  // "哪个局牵头" asks which unit; it does not name one. "开局八好总牵头" has 局 inside a word: a
  // unit name is followed by what it is asked (牵头, 的, 有…), not by more of a word.
  const after = m ? q.text.slice(m.index! + m[0].length) : '';
  if (!/^(?:$|[\s，。？?的有几哪都还和与、是]|牵头|负责|配合|分管|管|主管|参与|协助|任务|单独|一共|总共|共)/.test(after)) return undefined;
  return name && !/哪|什么|啥|那个|这个|几/.test(name) ? name : undefined;
}

export function answer(typed: string, ctx: AnswerContext): Answer {
  useNoticeLeads(ctx.kb.passages);
  const question = meetingByDate(ctx.kb.passages, spellOutShortForms(withoutFraming(typed)));
  // An archived year asked ("2026年第28项…" in 2027) is answered from that year's list and store;
  // a live question (progress, state, milestones due) from the store view, when there is one.
  const kept = archivedAnswer(question, ctx, answer) ?? liveAnswer(question, ctx, (q) => route(q, ctx));
  const one = kept ?? route(question, ctx);
  // several asks in one message, each answered on its own when the whole finds nothing (or, from
  // the documents, answers only some of them)
  const a = one.found ? (!kept && fullerCompound(question, one, (q) => route(q, ctx))) || one : compoundAnswer(question, (q) => route(q, ctx)) ?? one;
  return a.found ? withTopicNotes(ctx, a, question) : a;
}

/** Contradictions keyed by a phrase (topic:研发经费) rather than a record: any reply that
 * quotes the phrase carries the note, wherever it came from. */
function withTopicNotes(ctx: AnswerContext, a: Answer, question: string): Answer {
  const keys = [...ctx.contradictionsByKey.keys()].filter((k) => k.startsWith('topic:') && a.text.includes(k.slice(6)));
  // A passage quoted at the very place one side of a disagreement stands carries its note too.
  keys.push(...quotedClashKeys(ctx.kb, a.text, a.refs, contentTerms(question)));
  if (!keys.length) return a;
  // A reply that already states the disagreement (intents/contradiction.ts) carries no second note.
  const notes = contradictionNotes(ctx, keys).filter((n) => !a.text.includes(n) && !a.text.includes(n.slice(0, n.indexOf('：') + 1)));
  if (!notes.length) return a;
  const lines = a.text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('来源：'));
  lines.splice(at < 0 ? lines.length : at, 0, ...notes);
  return { ...a, text: lines.join('\n') };
}

function route(question: string, ctx: AnswerContext): Answer {
  const trimmed = question.trim();
  if (!trimmed) return notFound('请输入问题。');
  if (trimmed.length > MAX_QUESTION) return notFound(`问题太长（${trimmed.length}字），请用一句话提问，${MAX_QUESTION}字以内。`);
  const elsewhere = otherPlace(trimmed);
  const known = (m: AnswerContext['units']) => m.entries.some(([alias]) => alias.startsWith(elsewhere ?? '\0'));
  // 高新区管委会 is a unit of the city, not another place.
  // 高信区管委会: a slip of a unit's name is that unit, not a place of that name.
  const slipOfName = (place: string) => findMentions(ctx.lexicon, trimmed).some((m) => m.at < trimmed.indexOf(place) + place.length && m.end > trimmed.indexOf(place));
  if (elsewhere && !known(ctx.units) && !known(ctx.towns) && !slipOfName(elsewhere) && !placeSpokenOf(ctx, trimmed, elsewhere) && !placeInPhrase(ctx, trimmed, elsewhere)) return notFound(`文件是汨罗市的，没有${elsewhere}的内容。`);
  const issue = missingIssue(ctx, trimmed);
  if (issue) return issue;
  const byYear = yearClauses(trimmed);
  if (byYear) {
    const parts = byYear.map((c) => route(c, ctx));
    const label = (c: string) => { const y = askedYear(c) ?? KB_YEAR; return y === 2024 ? '【2024年实绩】' : y === 2025 ? '【2025年目标】' : `【${y}年】`; };
    if (parts.every((p) => p.found)) return { found: true, text: parts.map((p, i) => `${label(byYear[i]!)}\n${p.text}`).join('\n'), refs: parts.flatMap((p) => p.refs) };
  }
  // "桥梁到底是90座还是80座": whether the documents agree is answered by the disagreement itself.
  const clash = contradictionAnswer(ctx, trimmed);
  if (clash) return clash;
  const { ranked } = understand(trimmed, ctx);
  const asked = askedValue(trimmed);
  let unstated: Answer | undefined;
  for (const r of ranked) {
    const a = r.run();
    if (!a) continue;
    // A day or a sum of money asked: a reply about the subject that states none is no answer;
    // another reading may have one, else the user is told what the documents do say.
    if (asked && a.found && !statesValue(a.text, asked)) {
      unstated ??= a;
      continue;
    }
    return a;
  }
  if (unstated) return notFound(`文件提到「${clip(unstated.text.split('\n')[0]!.replace(/^第\d+项/, '').replace(/[「」]/g, ''), 30)}」，但没有写${asked!.label}。`);
  return notFound();
}

const YEAR_MARK = /(?:20)?\d\d\s*年(?!\s*\d{1,2}\s*月)|今年|去年|明年|前年|本年/;

/** "城镇新增就业今年目标多少，24年完成多少": clauses each naming its own year are two questions,
 * each answered from its year's document; a clause without a subject takes the first's. */
export function yearClauses(text: string): string[] | undefined {
  const clauses = text.split(/[，,；;。]|(?<=多少|几|怎样|如何)(?:和|跟|与|以及)/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 2 || !clauses.every((c) => YEAR_MARK.test(c))) return undefined;
  const routes = clauses.map((c) => { const r = routeYear(askedYear(c)); return r.kind === 'current' ? 'current' : String(r.year); });
  if (new Set(routes).size < 2) return undefined;
  const subject = clauses[0]!.replace(YEAR_MARK, ' ').replace(/目标|计划|预期|完成|实际|实现|多少|几|是|了|呢|吗|的/g, ' ').replace(/\s+/g, '');
  if (subject.length < 2) return undefined;
  return clauses.map((c, i) => {
    if (i === 0) return c;
    const own = c.replace(YEAR_MARK, ' ').replace(/目标|计划|预期|完成|实际|实现|多少|几|是|了|呢|吗|的|那|又|呢/g, '').replace(/\s+/g, '');
    if (own.length >= 2) return c;
    const year = c.match(YEAR_MARK)![0];
    return `${year}${subject}${c.replace(year, '')}`;
  });
}

/** Places whose matters the documents hold: the city itself, its prefecture and province
 * (the 民生实事 are 省、岳阳市 projects). */
const OWN_PLACES = /^(汨罗市|岳阳市|湖南省)$/;
/** Words before 区 that make it a site (安置区, 园区, 小区, 片区, 景区, 示范区, 开发区). */
const SITE = /(?:安置|园|小|片|景|社|示范|开发|集聚|产业|工业|新|城|库|保护|功能|服务)$/;
/** Characters that make the words before 市/县/区 something other than a place name (文明城市,
 * 各位市领导, 全市, 本区). */
const NOT_A_PLACE = /[城各全本该我每位个级在的和与是要]/;

/** "长沙市GDP多少", "岳阳县牵头几项": a question about another city or county. The documents
 * mention other places in passing (a letter to 岳阳县), which a text match would offer as if it
 * answered the question. */
/** Whether the documents speak of that place's own subject asked: a sentence (with its headings)
 * that names the place and holds the rest of the question (the gazette's 屈原管理区 land-tax
 * grades), not the place named in passing (岳阳县 among neighbours). */
function placeSpokenOf(ctx: AnswerContext, question: string, place: string): boolean {
  const rest = dropAskedUnits(question.replace(place, ' ').replace(/多少钱?|几个|有?哪[几些个]?|几|什么|啥|咋|怎么样|是/g, ' '));
  if (contentTerms(rest).length < 2) return false;
  return ctx.kb.passages.some((p) => (p.text.includes(place) || p.title.includes(place)) &&
    [p.title, ...(p.text.length <= QUOTE_WHOLE ? [p.text] : sentences(p.text))].some((x) => x.includes(place) && grounded(rest, `${p.title} ${p.section.join(' ')} ${x}`)));
}

/** "生态经济区明星谁牵头", "扎实办好省市…": the place-shaped word is the start of a phrase the
 * documents write as it is asked (洞庭湖生态经济区明星), so it names no other county. */
function placeInPhrase(ctx: AnswerContext, question: string, place: string): boolean {
  const next = question.slice(question.indexOf(place) + place.length).match(/^(?:(?!谁|哪|什么|啥|几|多少|吗|呢|是|的|有|归|由)[\u4e00-\u9fa5]){1,2}/)?.[0];
  if (!next || !/^[\u4e00-\u9fa5]+$/.test(next)) return false;
  const phrase = place + next;
  return ctx.kb.passages.some((p) => p.text.includes(phrase)) || ctx.kb.keyTasks.some((t) => t.target.includes(phrase)) || ctx.kb.measures.some((m) => m.text.includes(phrase));
}

export function otherPlace(text: string): string | undefined {
  const m = text.match(/^([\u4e00-\u9fa5]{2,4}?)(市|县|区|省)(?![级直场民长委政属内里域])/);
  if (!m || NOT_A_PLACE.test(m[1]!) || OWN_PLACES.test(m[1]! + m[2]!)) return undefined;
  // "同意汨罗市…", "调整汨罗市…": a verb before the city's own name, not another place.
  if (/(?:汨罗|岳阳)市$|湖南省$/.test(m[1]! + m[2]!)) return undefined;
  // 依法治市, 科教兴市, 工业强县: a verb and its object (the place governed, built up), a slogan of
  // the city's own work, not a place's name.
  if (/^[\u4e00-\u9fa5]{2}[治兴强]$/.test(m[1]!)) return undefined;
  // 窑洲安置区, 循环经济园区, 龙舟动力小区: a site within the city, not a county.
  if (m[2] === '区' && SITE.test(m[1]!)) return undefined;
  // "今年地区生产总值": 地区 is a region, and a time word does not begin a place name.
  if ((m[2] === '区' && m[1]!.endsWith('地')) || /^(?:今年|明年|去年|前年|本年|\d)/.test(m[1]!)) return undefined;
  return m[1]! + m[2]!;
}

/** The chosen reading of a question and the runner-up, for `duban ask --explain`. */
export function explain(question: string, ctx: AnswerContext): string {
  const trimmed = question.trim();
  if (!trimmed || trimmed.length > MAX_QUESTION) return '（空或过长的问题，不解析）';
  const { analysis, ranked } = understand(trimmed, ctx);
  const names = analysis.slots.map((s) => `${s.role}:${s.value}`).join(' ');
  const cues = analysis.cues.map((c) => `${c.kind}:${analysis.q.text.slice(c.at, c.end)}`).join(' ');
  return [
    `问题：${analysis.q.text}`,
    `成分：${names || '—'}｜${cues || '—'}｜其余：${analysis.residue || '—'}`,
    `选用：${describe(ranked[0], analysis)}`,
    `次选：${describe(ranked[1], analysis)}`,
  ].join('\n');
}

function understand(question: string, ctx: AnswerContext) {
  const q = parseQuery(question, ctx);
  const analysis = analyze(q);
  return { analysis, ranked: readings(analysis, ctx, [...FRAMES, cascadeFrame]) };
}

/** The earlier rule cascade as a frame: it explains names (the first leader or unit), numbers,
 * towns, lists, documents and the topic words, and plain lookups (who leads, co-units, counts,
 * lists, dates); not the operators other frames execute. */
const cascadeFrame: Frame = (a, ctx) => {
  const first = (role: 'leader' | 'unit') => a.slots.filter((s) => s.role === role).slice(0, 1);
  return [{
    frame: 'cascade',
    op: 'lookup',
    slots: [...first('leader'), ...first('unit'), ...slotsOf(a, 'town', 'number', 'list', 'year', 'document', 'period')],
    cues: has(a, 'lead', 'co', 'count', 'list', 'when', 'askLeader', 'askUnit', 'askCoUnit', 'askTask'),
    usesResidue: true,
    run: () => cascade(pointerless(a.q), ctx),
  }];
};

/** "民生实事表里机插机抛多少万亩", "开局八好里说老旧电梯几台": with a document or list named, 表里 / 里说 /
 * 说 say where to look, and a bare 亿 how the figure is written; none of them is the subject. */
function pointerless(q: Query): Query {
  if (!namedDocs(q.text).length && !/开局八好|民生实事|附件|表/.test(q.text)) return q;
  const tidy = (topic: string) => {
    const kept = topic.split(/\s+/).map((w) => w.replace(/^(?:表里|表上|表中|里说|里面|说)(?=[\u4e00-\u9fa5]{2})/, '').replace(/(?<=[\u4e00-\u9fa5]{2})(?:表里|里说|说)$/, '')).filter((w) => w && !/^(?:万|亿)$|^(?:表里|表上|里|说|讲|写)+[建办搞做要]?$/.test(w));
    return kept.join(' ').replace(/\s+/g, '').length >= 2 ? kept.join(' ') : topic;
  };
  return { ...q, topic: tidy(q.topic), topicWithTowns: tidy(q.topicWithTowns) };
}

function cascade(q: Query, ctx: AnswerContext): Answer {
  // "专报说省级民生实事30项里几项滞后": a count written without 第 in a question naming a document is
  // a figure the document states, not an item's number; that document answers it when it can.
  if (q.numbers.length && namedDocs(q.text).length && !/第\s*\d/.test(q.text)) {
    const p = passageAnswer(ctx, q, q.topicWithTowns || q.topic);
    if (p) return withSums(q.text, p);
  }
  if (q.numbers.length) return byNumber(ctx, q);
  const reference = documentReference(q, ctx);
  if (reference) return reference;
  const onDay = dayEvents(ctx, q.text);
  if (onDay) return onDay;
  // "…实施方案什么时候印发的": an issue date, asked of a document the milestones and lists also name.
  const signed = signatureAnswer(ctx, q.text);
  if (signed) return signed;

  // "马慧什么时候当的市长": when someone took up a post, from a 任免 notice or plainly not there.
  const became = becameAnswer(ctx, q);
  if (became) return became;

  const list = overview(ctx, q);
  if (list) return list;

  // Definitions, questions about another year than the ledger's (the 2024 work report) and
  // questions that name a document are answered from the documents' text first.
  const otherYear = [...q.text.matchAll(/(20\d\d)年/g)].some((m) => Number(m[1]) !== KB_YEAR) || /去年|前年/.test(q.text);
  if (DEFINITION.test(q.text) || otherYear || namedDocs(q.text).length) {
    // "专报里3月份惠民生专班开了哪些会": a month asked of a named document, its dated clauses.
    const dated = namedDocs(q.text).length ? datedClauses(ctx, q.text, q.topic, namedDocs(q.text)) : null;
    if (dated) return dated;
    // "专报里突出问题有哪些": a section of a named document asked as a whole, every item of it.
    const section = sectionList(ctx, q.text, namedDocs(q.text));
    if (section) return section;
    // "省级和市级…达到进度的一共多少项": the passage stating each part apart, with their total.
    const about = dropAskedUnits(q.topicWithTowns || q.topic, q.text).replace(DOC_WORDS, ' ');
    const summed = sumAnswer(ctx.kb.passages, q.text, namedDocs(q.text), (p) => grounded(about, `${headsOf(p)} ${p.text}`, headsOf(p)));
    if (summed) return summed;
    const p = passageAnswer(ctx, q, q.topicWithTowns || q.topic);
    // "…省级和岳阳市级加起来多少项": the parts the passage states, added up.
    if (p) return withSums(q.text, p);
  }
  if (q.asks.when) {
    const w = when(ctx, q);
    if (w) return w;
  }
  // "三江至大荆公路谁负责": the towns are part of a record's own words (S313三江至大荆公路), so the
  // record is the subject, not the towns' shares.
  // With nothing asked besides the town ("弼时那边有什么任务") the town itself is the subject.
  if (q.towns.length && q.topicWithTowns && q.topic) {
    // A town typed as a homophone (曲子祠) is looked for as the records write it (屈子祠).
    const written = q.mentions.filter((m) => m.kind === 'town').map((m) => (m.via === 'pinyin' ? m.alias : m.written));
    const inText = rank(searchRecords(ctx, q.topicWithTowns)).filter((h) => h.kind !== 'indicator' && written.every((w) => recordText(ctx, h).includes(w)) && recordGrounded(ctx, q.topicWithTowns, h));
    if (inText.length) return topicAnswer(ctx, q, inText);
  }
  // Every town named ("川山坪镇和白水镇自建桥梁一共几座", "白塘镇比古培镇多几座"): each one's figure.
  const byTowns = q.towns.map((town) => byTown(ctx, q, town)).filter((t): t is Answer => t !== null);
  if (byTowns.length === 1) return byTowns[0]!;
  if (byTowns.length > 1) {
    const refs = byTowns.flatMap((t) => t.refs);
    const body = byTowns.flatMap((t) => t.text.split('\n').filter((l) => !l.startsWith('来源：') && !l.startsWith('⚠')));
    const notes = [...new Set(byTowns.flatMap((t) => t.text.split('\n').filter((l) => l.startsWith('⚠'))))];
    // One indicator for every town: their sum (and, for two, the difference) stated.
    // A table row says 全市合计, a breakdown in the prose 8个镇（街道）合计.
    const figures = body.map((l) => l.match(/^(\S+?)：「(.+?)」(\d+(?:\.\d+)?)([^（\d]*)（(?:全市|\d+个镇（街道）)合计/));
    if (figures.every((f) => f) && new Set(figures.map((f) => f![2])).size === 1) {
      const vals = figures.map((f) => Number(f![3]));
      const unit = figures[0]![4]!;
      const round = (x: number) => Math.round(x * 10000) / 10000;
      // Two towns compared ("谁多"): which one is ahead is said, not left to the reader.
      const [x, y] = vals;
      const ahead = vals.length !== 2 ? '' : x === y ? '，一样多' : `，相差${round(Math.abs(x! - y!))}${unit}（${figures[x! > y! ? 0 : 1]![1]}多）`;
      body.push(`${figures.map((f) => f![1]).join('、')}合计${round(vals.reduce((a, b) => a + b, 0))}${unit}${ahead}。`);
    }
    return { found: true, text: [...body, ...notes, sourceText(refs)].join('\n'), refs };
  }

  const person = unknownPerson(q, ctx);
  const leaders = ctx.people.entries.filter(([a, c]) => a === c).map(([, c]) => c);
  const sameSurname = person ? leaders.filter((l) => /^(.)(常务)?(副)?市长$/.test(person) && l[0] === person[0]) : [];
  // "吴市长管的和美乡村": a surname two leaders share, with a subject only one of them leads, is
  // that one's record.
  if (sameSurname.length > 1 && q.topic) {
    const about = q.topic.replace(new RegExp(`${person}(?:负责|牵头|分管|主抓|管)?`), ' ').split(/\s+/).filter((w) => w && w !== person![0]).join(' ');
    const found = about ? rank(searchRecords(ctx, about)).filter((h) => recordGrounded(ctx, about, h)) : [];
    const whose = sameSurname.filter((l) => found.some((h) => recordMentions(ctx, h.id, l, true)));
    if (whose.length === 1) return topicAnswer(ctx, q, found.filter((h) => recordMentions(ctx, h.id, whose[0]!, true)));
  }
  // "吴市长分管的票决项目": of the leaders sharing the surname, the one alone who holds items of the
  // list named is the one asked about.
  const listed = /票决/.test(q.text) ? 'voted' : /民生/.test(q.text) ? 'items' : undefined;
  const holders = listed ? sameSurname.filter((l) => portfolio(ctx, 'leader', [l], 'lead')[listed].length) : [];
  if (sameSurname.length > 1 && holders.length === 1) {
    const only = entityAnswer(ctx, { kind: 'leader', names: holders, rel: 'lead', scope: [listed === 'voted' ? 'voted' : 'livelihood'] });
    // Said, not guessed: the reader sees both names and why this one.
    const why = `${person![0]}姓牵头领导有${sameSurname.join('、')}，其中牵头${listed === 'voted' ? '票决民生实事' : '民生实事'}的只有${holders[0]}：`;
    return { ...only, text: `${why}\n${only.text}` };
  }
  if (sameSurname.length > 1) return notFound(`有${sameSurname.length}位${person![0]}姓的牵头领导：${sameSurname.join('、')}，请写全名。`);
  if (person) return notFound(`任务清单里没有“${person}”这位牵头领导。牵头领导有：${ctx.people.entries.filter(([a, c]) => a === c).map(([, c]) => c).join('、')}。`);
  // "中资环锂汇通基地升三级子公司谁牵头": a unit-shaped word that is a record's subject is no unit.
  const unknown = unknownUnit(q);
  if (unknown && !(q.topic && rank(searchRecords(ctx, q.topic)).some((h) => h.kind !== 'measure' && recordGrounded(ctx, q.topic, h)))) return notFound(`没有找到单位“${unknown}”。请用文件中的单位名称，如“住建局”“市卫健局”“农业农村局”。`);

  const done = achieved(ctx, q);
  if (done) return done;

  const entity = q.people[0] ?? q.units[0];
  // "第三批十大技术攻关": a record of another batch (第二批) is not about it.
  const ranked = q.topic ? rank(searchRecords(ctx, q.topic)).filter((h) => recordGrounded(ctx, q.topic, h) && !ordinalClash(q.text, recordText(ctx, h))) : [];
  // "财政化债任务谁牵": a unit's short form that is also an ordinary word (财政) run into the
  // subject names the unit; the records the rest names that the unit holds.
  if (!ranked.length && !entity && q.topic) ranked.push(...unitWordHits(ctx, q.topic));
  // "壮大产业集群谁牵头": a phrase of five or more characters typed as one run that some records
  // write exactly, when none of the loosely matched ones holds most of it, is the subject of those
  // records; asked only of who leads (a figure asked keeps the loose records' own figures).
  const typed = typedSpan(q.text, q.topic);
  if (!entity && typed && ASKS_WHO.test(q.text)) {
    const pairs = [...typed].slice(1).map((c, i) => typed[i]! + c);
    const holds = (h: RecordHit) => { const x = recordText(ctx, h); return pairs.filter((b) => x.includes(b)).length >= 0.75 * pairs.length; };
    const verbatim = ranked.some(holds) ? [] : verbatimHits(ctx, typed);
    if (!verbatim.some((h) => ranked.some((r) => r.id === h.id))) {
      const exact = verbatim.filter((h) => !ordinalClash(q.text, recordText(ctx, h)));
      if (exact.length && exact.length <= 4) ranked.splice(0, ranked.length, ...exact);
    }
  }
  // "涉及污水的任务有哪些": every record that has the subject, the ranked ones first.
  const topicHits = q.asks.list && ranked.length && ranked.every((h) => h.kind !== 'measure')
    ? [...ranked, ...literalHits(ctx, q.topic).filter((h) => !ranked.some((r) => r.id === h.id))]
    : ranked;
  // "三江镇人口多少": a town named, and the records about the rest do not concern it.
  if (q.towns.length && topicHits.length && !entityOf(q) && !topicHits.some((h) => q.mentions.some((m) => m.kind === 'town' && (proseText(ctx, h).includes(m.via === 'pinyin' ? m.alias : m.written) || townFigure(ctx, h, m.canon) || cellsName(ctx, h.id, m.canon)))))
    return notFound(`没有在文件中找到${q.towns.join('、')}的“${q.topic.replace(/\s+/g, '')}”。`);
  if (entity) {
    const isPerson = q.people.length > 0;
    // "杨盛牵头的防风险任务": a heading of the table named is the holder's tasks under it, all of them.
    const heading = q.topic ? namedHeading(ctx.kb, q.topic.replace(NOT_A_SUBJECT, ' ')) : undefined;
    if (heading) {
      const under = entityAnswer(ctx, { kind: isPerson ? 'leader' : 'unit', names: [entity], rel: legacyRelation(q, isPerson), scope: ['task'], heading });
      if (under.found) return under;
    }
    if (q.topic && topicHits.length) {
      // "曹陶牵头的保障房": narrow the topic to the entity's records when any match.
      const mine = topicHits.filter((h) => {
        const src = recordSource(ctx, h.id);
        return src !== undefined && recordMentions(ctx, h.id, entity, isPerson);
      });
      if (mine.length) return topicAnswer(ctx, q, mine);
    }
    // "住建局牵头的地铁项目": a subject none of the entity's records mentions is not in the
    // documents for it; the whole list would read as if it answered.
    const subject = q.topic.replace(NOT_A_SUBJECT, ' ').trim();
    if (subject && !grounded(subject, holderText(ctx, entity, isPerson)) && longestGap(subject, holderText(ctx, entity, isPerson)) >= 2) {
      // "公安局执法执勤车辆编制多少辆": a paragraph that names the entity and holds the subject
      // answers it, though no task or project of the entity does.
      // The entity as typed (高新区), which the paragraph may write so, not its full name (高新区管委会).
      const said = passageAnswer(ctx, q, `${q.mentions.find((m) => m.canon === entity && m.via === 'text')?.written ?? entity} ${q.topic}`);
      if (said) return said;
      return notFound(`没有在文件中找到${entity}的“${subject.replace(/\s+/g, '')}”：${isPerson ? "他牵头" : "它牵头或配合"}的任务、民生实事都不涉及。可问“${entity}牵头哪些”看全部。`);
    }
    return entityAnswer(ctx, { kind: isPerson ? 'leader' : 'unit', names: [entity], rel: legacyRelation(q, isPerson), scope: legacyScope(q) });
  }
  if (topicHits.length) {
    const rec = topicAnswer(ctx, q, topicHits);
    // "保交房完成多少套": a count asked in a measure the record states no figure in; a paragraph
    // stating it (1022套) answers, the record does not.
    const unit = figureUnit(q.text);
    if (unit && !unit.test(rec.text)) {
      const states = (a: Answer | null) => a && unit.test(a.text.split('\n').filter((l) => !l.startsWith('来源：')).join('\n'));
      const p = passageAnswer(ctx, q, q.topic);
      if (p && states(p)) return withCount(q, p);
      // A result asked with no year (完成多少套) that this year's documents do not state: the 2024
      // review's, its source line saying so (ANSWERS.md, Years).
      if (askedYear(q.text) === undefined && /完成|实现|建成|交付|办结|办了|做了|干了/.test(q.text) && !/今年|本年|目标|计划|预期|力争|要|将|拟/.test(q.text)) {
        const past = passageAnswer(ctx, { ...q, text: `2024年${q.text}` }, q.topic);
        if (past && states(past)) return past;
      }
    }
    // "一季度招商签约目标多少": a part of the year the record does not speak of, which a paragraph
    // states with its figures (the bulletin's 一季度新签约20个以上), is that paragraph's.
    const part = periodPassage(q, rec, () => passageAnswer(ctx, q, q.topic));
    if (part) return part;
    return rec;
  }
  // A town name that led nowhere as a town may be part of the subject (屈子祠茶光互补).
  if (q.towns.length) {
    const withTowns = rank(searchRecords(ctx, q.topicWithTowns)).filter((h) => recordGrounded(ctx, q.topicWithTowns, h));
    if (withTowns.length) return topicAnswer(ctx, q, withTowns);
  }
  // "…房源谁提供": the sentence naming who does it.
  const doers = doerAnswer(ctx, q.text, q.towns.length ? q.topicWithTowns : q.topic);
  if (doers) return doers;
  const p = passageAnswer(ctx, q, q.towns.length ? q.topicWithTowns : q.topic);
  if (p) return withCount(q, p);
  // "…几号开始执行": an attribute asked in words another reading also takes (几 as a count) is
  // still the sentence stating that attribute, when one does.
  // Only the attributes of a sentence about the subject (not contacts, office holders, authors,
  // which have readings of their own).
  const attr = askedAttribute(q.text);
  const stated = attr && SENTENCE_ATTRIBUTES.has(attr.name) ? attributeAnswer(ctx, attr, q.text, q.topicWithTowns || q.topic) : null;
  if (stated?.found) return stated;
  if (!q.topic) return notFound('请说明要查哪一项或哪件事。');
  return notFound();
}

const SENTENCE_ATTRIBUTES = new Set(['start', 'validity', 'publicity', 'term', 'location', 'chair']);

/** The question's own run from the topic's first word to its last ("汨罗 站建设" → 汨罗工作站建设,
 * the 工作 the topic drops as a filler put back), when it is 5–12 characters of one clause. */
function typedSpan(text: string, topic: string): string | undefined {
  // A single character left at either end ("…是谁管的" leaves 管) is the asking's, not the phrase's.
  const words = topic.split(/\s+/).filter(Boolean);
  while (words.length > 1 && words[words.length - 1]!.length === 1) words.pop();
  while (words.length > 1 && words[0]!.length === 1) words.shift();
  if (!words.length) return undefined;
  const from = text.indexOf(words[0]!);
  const last = words[words.length - 1]!;
  const to = from < 0 ? -1 : text.indexOf(last, from + words[0]!.length - (words.length === 1 ? words[0]!.length : 0));
  if (from < 0 || to < 0) return undefined;
  const span = text.slice(from, to + last.length);
  return span.length >= 5 && span.length <= 12 && /^[\u4e00-\u9fa5]+$/.test(span) && !/谁|哪|什么|啥|多少|[归由是的]$/.test(span) ? span : undefined;
}

const YEAR_PART = /[一二三四1-4]季度|上半年|下半年|前三季度/;

/** The paragraph's reply when the question asks a figure of a part of the year that the record's
 * reply never names and the paragraph states with a figure close after it. */
function periodPassage(q: Query, rec: Answer, passage: () => Answer | null): Answer | undefined {
  const part = q.text.match(YEAR_PART)?.[0];
  if (!part || rec.text.includes(part) || !/多少|几/.test(q.text)) return undefined;
  const p = passage();
  const said = p?.text.split('\n来源：')[0] ?? '';
  return p && new RegExp(`${part}[^。；]{0,20}\\d`).test(said.replace(/\s+/g, '')) ? p : undefined;
}

/** "解危搬迁对象一共几栋楼": items a quoted passage lists one by one are counted. */
function withCount(q: Query, p: Answer): Answer {
  const counted = countedLine(q.text, p.text);
  return counted ? { ...p, text: p.text.replace(/\n来源：/, `\n${counted}\n来源：`) } : p;
}

/** The measure a count is asked in ("多少套", "几栋"), as a figure in it: /\d+套/. */
function figureUnit(text: string): RegExp | undefined {
  const u = text.match(/(?:几|多少)\s*(栋|套|户|座|所|家|台|处|名|亩|公顷|件|场|辆|公里|人次)/)?.[1];
  return u ? new RegExp(`\\d(?:[\\d.,]*)\\s*(?:万|亿|余)?\\s*${u}`) : undefined;
}

function unitWordHits(ctx: AnswerContext, topic: string): RecordHit[] {
  for (const e of ctx.lexicon.entries) {
    if (e.kind !== 'unit' || !e.weak || !topic.includes(e.alias)) continue;
    // "应急救援": the documents write the short form on into the word, so it is no unit's name.
    const next = topic[topic.indexOf(e.alias) + e.alias.length];
    if (next && ctx.words.seen.has(e.alias.slice(-2) + next)) continue;
    const rest = topic.replace(e.alias, ' ').trim();
    if (rest.replace(/\s/g, '').length < 2) continue;
    const hits = rank(searchRecords(ctx, rest)).filter((h) => h.kind !== 'measure' && recordGrounded(ctx, rest, h) && recordMentions(ctx, h.id, e.canon, false));
    if (hits.length) return hits;
  }
  return [];
}

/** "危旧房整治项目归义街道负责啥": a town whose office is in a record's lead or co cells (归义街道办). */
function cellsName(ctx: AnswerContext, id: string, town: string): boolean {
  const [kind, a, b] = id.split(':');
  const n = Number(a);
  const kb = ctx.kb;
  const cells = kind === 'task' ? kb.keyTasks.find((t) => t.no === n) : kind === 'voted' ? kb.voted.find((v) => v.no === n) : kind === 'livelihood' ? kb.livelihood.find((p) => p.no === n)?.items[Number(b)] : undefined;
  return cells !== undefined && [...cells.leadUnits, ...cells.coUnits].some((u) => cellNames(u, town));
}

function entityOf(q: Query): string | undefined {
  return q.people[0] ?? q.units[0];
}

/** "完成了多少", "进展怎样", "累计…": what has been done, not the year's target. */
const ACHIEVED = /完成了|已完成|完成情况|完成多少|完成得|实现了|进展|进度|累计|截至|已经|干了多少|搞了多少|做了多少/;
const PLANNED = /要完成|需完成|计划|目标|任务数|月底前|年底前|之前|以前/;

/** Progress asked about a subject: the bulletin's sentence holding it and a figure, whole, with
 * the year's target when a record states it. The bulletin reports on 2026 work (ANSWERS.md). */
function achieved(ctx: AnswerContext, q: Query): Answer | null {
  if (!ACHIEVED.test(q.text) || PLANNED.test(q.text) || !q.topic || askedYear(q.text) !== undefined) return null;
  const about = q.topic;
  const terms = contentTerms(about);
  for (const h of ctx.passages.search(q.text, PASSAGE_POOL, ['bulletin'])) {
    const p = h.passage;
    const heads = `${p.title} ${p.section.join(' ')}`;
    const said = sentences(p.text).filter((x) => FIGURE_IN.test(x) && grounded(about, `${heads} ${x}`));
    if (!said.length) continue;
    const best = quote(said.join(''), terms, { wantsFigure: true });
    if (!best) continue;
    const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    const target = rank(searchRecords(ctx, about)).filter((x) => x.kind !== 'measure' && recordGrounded(ctx, about, x))[0];
    const lines = [`进展（${DOC_LABEL.bulletin}）：${best.text}`];
    const refs = [ref];
    if (target) {
      lines.push(`全年目标：${renderHit(ctx, target, true)}`);
      const src = recordSource(ctx, target.id);
      if (src) refs.push(src);
    }
    lines.push(sourceText(refs));
    return { found: true, text: lines.join('\n'), refs };
  }
  return null;
}

/** Words of a question about an entity's records that do not name a subject. */
const NOT_A_SUBJECT = /手上|手里|手头|名下|头上|身上|那里|这里|那边|这边|那块|这块|一块|板块|条线|口子|摊子|东西|方面|单独|独自|共同|一起|联合|分别|各自|最多|最少|总共|一共|所有|全部|清单|列表|详细|汇总|统计|主要|重点|进展|进度|那几|这几|都有|都|还有|别的|其他|其余|民生|实事|票决|哪几|几|事情|事儿|事|活|些|多|共|管|抓|搞|干|做|个|项|常务副市长|副市长|市长|同志|领导|单位|部门/g;

/** Everything an entity's records say: targets, sub-items, voted projects and plan measures.
 * Remembered per knowledge base: it is the same text for every question about the entity. */
const HOLDER_TEXT = new WeakMap<object, Map<string, string>>();

function holderText(ctx: AnswerContext, entity: string, isPerson: boolean): string {
  const memo = HOLDER_TEXT.get(ctx.kb) ?? new Map<string, string>();
  HOLDER_TEXT.set(ctx.kb, memo);
  const key = `${isPerson ? 'p' : 'u'}:${entity}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const text = holderTextOf(ctx, entity, isPerson);
  memo.set(key, text);
  return text;
}

function holderTextOf(ctx: AnswerContext, entity: string, isPerson: boolean): string {
  const kb = ctx.kb;
  const mine = (o: { leaders?: string[]; leadUnits: string[]; coUnits: string[] }) =>
    isPerson ? (o.leaders ?? []).includes(entity) : [...o.leadUnits, ...o.coUnits].some((u) => cellNames(u, entity));
  return [
    ...kb.keyTasks.filter(mine).map((t) => `${t.target} ${t.category} ${t.subCategory}`),
    ...kb.livelihood.flatMap((p) => p.items.filter(mine).map((i) => `${p.name} ${i.text}`)),
    ...kb.voted.filter(mine).map((v) => `${v.name} ${v.content}`),
    ...kb.measures.filter(mine).map((m) => m.text),
  ].join('\n');
}

function legacyRelation(q: Query, isPerson: boolean) {
  if (isPerson) return 'lead' as const;
  if (q.asks.co && !/牵头/.test(q.text)) return 'co' as const;
  return /牵头/.test(q.text) ? ('lead' as const) : ('any' as const);
}

function legacyScope(q: Query): ListScope[] {
  return /民生/.test(q.text) ? ['livelihood'] : [];
}

function recordMentions(ctx: AnswerContext, id: string, entity: string, isPerson: boolean): boolean {
  const [kind, a, b] = id.split(':');
  const kb = ctx.kb;
  const n = Number(a);
  const has = (o: { leaders?: string[]; leadUnits: string[]; coUnits: string[] } | undefined) =>
    o !== undefined && (isPerson ? (o.leaders ?? []).includes(entity) : o.leadUnits.includes(entity) || o.coUnits.includes(entity));
  switch (kind) {
    case 'task': return has(kb.keyTasks.find((t) => t.no === n));
    case 'livelihood': return has(kb.livelihood.find((p) => p.no === n)?.items[Number(b)]);
    case 'voted': return has(kb.voted.find((v) => v.no === n));
    case 'measure': return has(kb.measures[n]);
    // An indicator of 附件2 measures one sub-item of its project: held by whoever holds that
    // sub-item (the one whose words it repeats, or the project's only one), or by the unit its
    // note puts in charge (由市卫健局统筹安排). Not by the holders of the project's other items.
    case 'indicator': {
      const ind = kb.indicators.find((i) => i.no === n);
      if (!ind) return false;
      const items = kb.livelihood.find((p) => p.no === ind.projectNo)?.items ?? [];
      const own = items.find((i) => i.text.includes(ind.text) || ind.text.includes(i.text)) ?? (items.length === 1 ? items[0] : undefined);
      return has(own) || (!isPerson && (ind.note ?? '').includes(entity));
    }
  }
  return false;
}
