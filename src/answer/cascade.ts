// The earlier rule cascade, one reading among the frames (answer.ts): numbers, documents and
// meetings, dates, overviews, names (a leader's or unit's records), towns, and the topic words
// over records and passages, in that order.
import type { SourceRef } from '../../knowledge/types.ts';
import { KB_YEAR } from '../../knowledge/sources.ts';
import type { AnswerContext } from './context.ts';
import { clip, contradictionNotes, DOC_LABEL, LIST_ALL, notFound, sourceText } from './format.ts';
import { cellNames } from '../../knowledge/lexicon.ts';
import { entityAnswer, namedHeading, portfolio, type ListScope } from './intents/byEntity.ts';
import { byNumber } from './intents/byNumber.ts';
import { byTown } from './intents/byTown.ts';
import { overview } from './intents/overview.ts';
import { becameAnswer, when } from './intents/when.ts';
import { datedClauses, dayEvents } from './intents/byPeriod.ts';
import { sectionList } from './intents/sections.ts';
import { sumAnswer, withSums } from './sums.ts';
import { type Query } from './query.ts';
import { askedYear } from './years.ts';
import { goodHits, literalHits, proseText, verbatimHits, recordGrounded, recordSource, recordText, searchRecords, townFigure, type RecordHit } from './records.ts';
import { contradictionKeys, renderHit } from './render.ts';
import { askedAttribute, attributeAnswer } from './intents/attribute.ts';
import { ASKS_ISSUED, signatureAnswer } from './signature.ts';
import { countedLine } from './counted.ts';
import { doerAnswer } from './doers.ts';
import { ASKS_AMOUNT, DOC_WORDS, FIGURE_IN, grounded, headsOf, namedDocs, PASSAGE_POOL, passageAnswer, passageReply } from './passageAnswer.ts';
import type { Answer } from './types.ts';
import { ASKS_WHO } from './measureLead.ts';
import { askedShape, dropAskedUnits, contentTerms, longestGap, ordinalClash, quote, sentences } from './quote.ts';

const DEFINITION = /什么是|是什么意思|指什么|是指|含义|意思|啥是|什么叫/;


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
  const typed = q.text.match(/([\u4e00-\u9fa5]{2,8}\s*〔\s*\d{4}\s*〕\s*\d{1,3}\s*号)/)?.[1];
  if (!typed) return undefined;
  // "请问汨政办函〔2026〕1号…": words typed before the issuer (请问, 查下) are no part of the number;
  // the longest tail the documents write is the number meant.
  const docno = issuerTail(ctx, typed);
  const key = squeeze(docno);
  const own = ctx.kb.passages.filter((p) => squeeze(p.title).includes(key));
  if (!own.length) {
    const mentioned = ctx.kb.passages.some((p) => squeeze(p.text).includes(key));
    return mentioned ? undefined : notFound(`文件中没有${key}。`);
  }
  // "请问…1号通知的印发日期", "…1号哪天发的": its signature, with any typed preamble off the number.
  if (ASKS_ISSUED.test(q.text)) {
    const signed = signatureAnswer(ctx, q.text.replace(typed, docno));
    if (signed?.found) return signed;
  }
  // The question about that document, searched within its own passages.
  const hits = ctx.passages.search(q.text.replace(docno, ' '), 3, [own[0]!.doc]).filter((h) => own.includes(h.passage));
  if (hits[0] && hits[0].passage.text.length >= 30) return passageReply(hits[0]);
  // Nothing in particular asked ("任免了谁"): the document's content, from the top.
  const body = own.map((p) => p.text).join('\n');
  return passageReply({ passage: own[0]!, score: 0, snippet: clip(body, 240) }, false);
}

/** The longest tail of a typed document number (issuer〔year〕N号) some passage writes, else the whole. */
function issuerTail(ctx: AnswerContext, typed: string): string {
  const flat = typed.replace(/\s+/g, '');
  const issuer = flat.slice(0, flat.indexOf('〔'));
  for (let i = 0; i + 2 <= issuer.length; i++) {
    const tail = flat.slice(i);
    if (ctx.kb.passages.some((p) => (p.title + p.text).replace(/\s+/g, '').includes(tail))) return tail;
  }
  return flat;
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
/** "民生实事表里机插机抛多少万亩", "开局八好里说老旧电梯几台": with a document or list named, 表里 / 里说 /
 * 说 say where to look, and a bare 亿 how the figure is written; none of them is the subject. */
export function pointerless(q: Query): Query {
  if (!namedDocs(q.text).length && !/开局八好|民生实事|附件|表/.test(q.text)) return q;
  const tidy = (topic: string) => {
    const kept = topic.split(/\s+/).map((w) => w.replace(/^(?:表里|表上|表中|里说|里面|说)(?=[\u4e00-\u9fa5]{2})/, '').replace(/(?<=[\u4e00-\u9fa5]{2})(?:表里|里说|说)$/, '')).filter((w) => w && !/^(?:万|亿)$|^(?:表里|表上|里|说|讲|写)+[建办搞做要]?$/.test(w));
    return kept.join(' ').replace(/\s+/g, '').length >= 2 ? kept.join(' ') : topic;
  };
  return { ...q, topic: tidy(q.topic), topicWithTowns: tidy(q.topicWithTowns) };
}

export function cascade(q: Query, ctx: AnswerContext): Answer {
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

