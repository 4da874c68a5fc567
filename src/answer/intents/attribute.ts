// Levels and attributes (issue 13, class 10). "家庭医生签约是省级还是岳阳市级" → the 民生实事 it
// belongs to, with its number and level; "…办公室设在哪", "…从什么时候开始执行", "…由谁主持" → the
// one sentence that states that attribute, not the paragraph around it.
import type { Passage, SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, contradictionNotes, DOC_LABEL, sourceText } from '../format.ts';
import { charCoverage, contentTerms, quote, sentences } from '../quote.ts';
import { goodHits, searchRecords } from '../records.ts';
import type { Answer } from '../types.ts';

export interface Attribute {
  name: 'location' | 'start' | 'chair' | 'validity' | 'publicity' | 'term' | 'meeting' | 'author' | 'holder' | 'contact';
  /** how the question asks for it */
  ask: RegExp;
  /** how a sentence states it */
  states: RegExp;
}

export const ATTRIBUTES: Attribute[] = [
  // "办公室放在哪个局", "专班办公室在哪个单位": where an office sits, asked by the unit too.
  // ("放在哪两个镇" asks the towns of a per-town figure, not an office)
  { name: 'location', ask: /(?:设|放|安排)在(?:哪里|哪儿|哪个(?:局|单位|部门)|哪(?![\d两几一二三四五六七八九十]*个?(?:镇|街道|乡|村))|什么地方|什么单位)|在哪(?:里|儿)?办公|办公室(?:是)?(?:在|归)(?:哪|哪个(?:局|单位|部门))/, states: /设在/ },
  { name: 'start', ask: /(?:从|自)?(?:什么时候|何时|哪天|哪一天|啥时候|几时|几号|几月几[号日]|哪个月)(?:开始|起)?(?:执行|施行|实施|生效)|(?:执行|施行|实施|生效)(?:时间|日期)|(?:执行|施行|实施|生效)(?:是)?从(?:什么时候|哪天|几号)/, states: /起(?:施行|执行|实施)|(?:施行|执行|实施|生效)(?:日期|时间)?(?:为|是)|起生效/ },
  // 主持 a meeting; 召集人/组长/总牵头 of a working group.
  { name: 'chair', ask: /(?:由)?谁(?:来)?主持|主持人|谁召集|召集人|组长|总牵头/, states: /主持|召集人|组长|总牵头/ },
  { name: 'validity', ask: /有效期/, states: /有效期/ },
  // "签约期限多久": the time allowed, stated as 30日之内 / 自…之日起 (under a heading 签约期限).
  // "公示期几天": a notice's period of publication, stated as 公告期自发布之日起30日 (not its
  // 有效期, which also runs 自发布之日起).
  { name: 'publicity', ask: /(?:公示|公告)期?(?:是|有|为)?(?:多久|多长|多少天|几天|几日)/, states: /(?:公示|公告)期/ },
  { name: 'term', ask: /期限(?:是)?(?:多久|多长|多少天|几天|到什么时候|到哪天)|(?:要|有|给)?多长时间|多久(?:之内|以内)?$|几天(?:之内|以内)/, states: /之内|以内|日内|天内|个月内|之日起|期限/ },
];

const TITLE = '常务副市长|副市长|市长|市委副书记|市委书记|副书记|书记|副局长|局长|副主任|主任|部长|主席|县长|区长';
/** "汨罗市市长是谁", "市人大主任是谁", "住建局局长叫什么": place, organisation, title. */
const HOLDER_ASK = new RegExp(`^(?:(汨罗|岳阳|湖南)(?:市|省)??)?(?:的)?(?:现任|现在的?)?([\\u4e00-\\u9fa5]{0,6}?)(${TITLE})(?:现在)?(?:是谁|是哪位|叫什么|叫啥|是哪个)`);
const PLACE_BEFORE = /(汨罗|岳阳|湖南|长沙)(?:市|省)?(?:委)?$/;

ATTRIBUTES.push(
  // "…报告是谁作的", "…在哪次会上作的": the document's head (speaker, date, occasion); before 'meeting'.
  { name: 'author', ask: /谁作的|谁做的|谁作|谁做|报告人|谁(?:来)?(?:报告|汇报)的|作报告的是谁|谁的报告|谁发布|谁印发|谁发的|(?:哪次|什么|哪个)(?:会|会议)上?(?:作|做)的?/, states: /./ },
  // "…实施方案是哪次会审议的": the meeting whose minutes record it (the passage's title).
  { name: 'meeting', ask: /(?:哪次|哪一次|哪个|哪场|什么)(?:常务)?会(?:议)?(?:上)?(?:审议|通过|研究|讨论|定)|(?:审议|通过|研究|讨论)(?:的)?(?:是)?(?:在)?哪(?:一)?次会|在哪(?:次|个)会/, states: /审议|研究|通过|听取|同意/ },
  // "汨罗市市长是谁": the name the documents write right after the title (市长马慧主持…).
  { name: 'holder', ask: HOLDER_ASK, states: /./ },
  // "公示有异议找谁", "联系电话多少": where a notice sends objections and whom it names to contact;
  // an office's own block (编辑部: 地址：… 电话：…) states them as labelled fields.
  { name: 'contact', ask: /找谁|找哪个(?:单位|部门)|联系谁|联系人|联系方式|联系电话|电话(?:是)?多少|(?:向|给)(?:谁|哪个单位|哪里)(?:反映|反馈)|反馈(?:给|到|至)(?:谁|哪)/, states: /联系人|联系电话|通讯地址|反馈至|反映至|报送至|(?:^|[；;]\s*)(?:地址|电话)\s*[：:]/ },
);

export function askedAttribute(text: string): Attribute | undefined {
  return ATTRIBUTES.find((a) => a.ask.test(text));
}

/** A passage hit must hold this share of the question's content characters (as in answer.ts). */
const ABOUT = 0.6;

/** The sentence stating the attribute, from the best passage about the question's subject. */
export function attributeAnswer(ctx: AnswerContext, attr: Attribute, question: string, topic: string): Answer | null {
  if (attr.name === 'author') return authorAnswer(ctx, question);
  if (attr.name === 'holder') return holderAnswer(ctx, question);
  if (attr.name === 'contact') return contactAnswer(ctx, topic.replace(attr.ask, ' '), attr.states, question);
  const subject = topic.replace(attr.ask, ' ').replace(/主持人?|副?召集人?|副?组长|副(?=\s|$)|总牵头|执行|施行|实施|生效|办公室?|设在|放在|期限|公示期|公告期|多久|多长时间|几号|开始/g, ' ');
  const terms = contentTerms(subject);
  if (!terms.length) return null;
  // The searched words carry the attribute's own wording (办公室设在, 主持召开) so that the
  // passage stating it ranks above others about the same subject.
  const hint = { location: '办公室设在', start: '起执行 施行', chair: '主持召开 召集人 组长', validity: '有效期', publicity: '公告期 公示期', term: '期限 之内', meeting: '会议审议', author: '', holder: '', contact: '' }[attr.name];
  // The hint's words also count against a passage that states the attribute in other words
  // (任召集人 without 主持召开): the subject alone is searched too.
  const withHint = ctx.passages.search(`${subject} ${hint}`, 8);
  const plain = ctx.passages.search(subject, 8).filter((h) => !withHint.some((x) => x.passage === h.passage));
  for (const h of [...withHint, ...plain]) {
    const p = h.passage;
    const whole = `${p.title} ${p.section.join(' ')} ${p.text}`;
    if (charCoverage(subject, whole) < ABOUT) continue;
    // "副召集人是哪个单位": the deputy is stated in its own words (市科技局主要负责人任副召集人).
    const deputy = attr.name === 'chair' && /副(?:召集人|组长)/.test(question) ? /副(?:召集人|组长)/ : undefined;
    const q = quote(p.text, terms, { must: deputy ?? attr.states });
    if (!q) continue;
    const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    const where = [p.title, ...p.section].filter(Boolean).join(' › ');
    // The meeting is the minutes' title; who then leads it is said in the same agenda item.
    const lead = attr.name === 'meeting' ? leadSentence(ctx, p) : undefined;
    const body = attr.name === 'meeting' ? `${p.title.replace(/[《》]/g, '').replace(/纪要$/, '')}：${q.text}${lead ? `\n${lead}` : ''}` : q.text;
    return { found: true, text: `${body}\n来源：${DOC_LABEL[p.doc]} ${clip(where, 40)}`, refs: [ref] };
  }
  // "…通知从什么时候开始执行": the notice the subject names (its title holds it) states the
  // attribute in a short passage of its own that ranks below the notice's long ones.
  const named = [...withHint, ...plain].find((h) => charCoverage(subject, `${h.passage.title} ${h.passage.section.join(' ')}`) >= 0.8);
  const own = named ? ctx.kb.passages.filter((p) => p.doc === named.passage.doc && p.title === named.passage.title).sort((a, b) => a.line - b.line) : [];
  for (const p of own) {
    const q = sentences(p.text).find((x) => attr.states.test(x));
    if (!q || attr.name === 'meeting') continue;
    const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    return { found: true, text: `${clip(q, 200)}\n来源：${DOC_LABEL[p.doc]} ${clip([p.title, ...p.section].filter(Boolean).join(' › '), 40)}`, refs: [ref] };
  }
  // No passage about the subject states it: a sentence about another subject's office or
  // chair would be a wrong answer.
  return { found: false, text: `没有在文件中找到“${clip(subject.replace(/\s+/g, ''), 16)}”的${ATTR_LABEL[attr.name]}。`, refs: [] };
}

const ATTR_LABEL: Record<Attribute['name'], string> = { location: '办公地点', start: '执行日期', chair: '主持人', validity: '有效期', publicity: '公示期', term: '期限', meeting: '审议会议', author: '报告人', holder: '人选', contact: '联系方式' };

/** The agenda item a passage belongs to: "议题十" of "议题十：会议审议了…". */
const itemOf = (p: Passage) => (p.section[0] ?? '').split('：')[0]!;

/** "由吴艳平同志牵头", "由市财政局…负责": the sentence of the same document part (a meeting's
 * agenda item, a plan's section) that says who leads. */
export function leadSentence(ctx: AnswerContext, at: Passage, verbs: readonly string[] = []): string | undefined {
  const item = itemOf(at);
  const near = ctx.kb.passages.filter((p) => p.doc === at.doc && p.title === at.title && itemOf(p) === item && Math.abs(p.line - at.line) < 40);
  const said = near.sort((a, b) => a.line - b.line).flatMap((p) => sentences(p.text));
  const tidy = (s: string) => clip(s.replace(/\*\*/g, '').replace(/^(?:会议(?:明确|要求|强调)，)?[一二三四五六七八九十]是/, ''), 120);
  // "…谁牵头 启动资金谁调度": one sentence per verb asked, each "由X同志<verb>…".
  const other = verbs.filter((v) => !/牵头|负责/.test(v));
  if (other.length) {
    const each = verbs.map((v) => said.find((s) => new RegExp(`(?:由)?[\u4e00-\u9fa5]{2,3}同志${/牵头|负责/.test(v) ? '(?:牵头|负责)' : v}`).test(s))).filter((s): s is string => s !== undefined);
    if (each.length) return [...new Set(each)].map(tidy).join('\n');
  }
  for (const s of said) {
    const m = s.match(/由([\u4e00-\u9fa5]{2,3})同志(?:牵头|负责|组织)|([\u4e00-\u9fa5]{2,3})同志(?:牵头|负责)/);
    if (m) return tidy(s);
  }
  return undefined;
}

/** "会议要求，高新区要…": the first sentence of the same document part (a meeting's agenda item)
 * that `states` matches, for a question that asks what was required or decided there. */
export function itemSentence(ctx: AnswerContext, at: Passage, states: RegExp): string | undefined {
  const item = itemOf(at);
  if (!item) return undefined;
  const near = ctx.kb.passages.filter((p) => p !== at && p.doc === at.doc && p.title === at.title && itemOf(p) === item && Math.abs(p.line - at.line) < 40);
  for (const p of near.sort((a, b) => a.line - b.line)) for (const s of sentences(p.text)) if (states.test(s)) return clip(p.text, 200);
  return undefined;
}

/** "历史遗留矿山公示有异议找谁": the sentence of the notice about the subject that says where to
 * turn (反馈至汨罗市自然资源局), with the notice's contact lines (联系人, 联系电话). */
const NOTICE_CONTACT = /联系人|联系电话|通讯地址|反馈至|反映至|报送至/;

function contactAnswer(ctx: AnswerContext, subject: string, states: RegExp, question: string): Answer | null {
  // No notice about the subject names a contact: "保障性住房找谁" asks who leads it (another frame).
  const none = null;
  if (!contentTerms(subject).length) return none;
  const whose = subject.replace(/地址|电话|号码|在哪里?|在什么地方|多少/g, ' ');
  for (const h of ctx.passages.search(subject, 8)) {
    const p = h.passage;
    // The fields asked (地址, 电话) stand in every contact block: only the subject's own words say whose.
    if (charCoverage(whose, `${p.title} ${p.section.join(' ')} ${p.text}`) < ABOUT) continue;
    const same = ctx.kb.passages.filter((x) => x.doc === p.doc && x.title === p.title);
    const said = [...new Set(same.flatMap((x) => sentences(x.text).filter((s) => states.test(s))))];
    if (!said.length) continue;
    // A bare 地址：/电话： block answers only for the office it is headed by (编辑部), named in the question.
    if (said.every((x) => !NOTICE_CONTACT.test(x)) && !p.section.some((h) => h.length > 1 && question.includes(h))) continue;
    const refs: SourceRef[] = [{ doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line }];
    return { found: true, text: [...said.map((s) => clip(s, 120)), `来源：${DOC_LABEL[p.doc]} ${clip(p.title, 40)}`].join('\n'), refs };
  }
  return none;
}

/** "24年的政府工作报告是谁作的": the named document's head, which gives the speaker (or issuer),
 * the date and the occasion. */
function authorAnswer(ctx: AnswerContext, question: string): Answer | null {
  const doc = /专报|简报/.test(question) ? 'bulletin' : /民生实事/.test(question) ? 'livelihood' : /重点(?:工作)?任务/.test(question) ? 'key-tasks' : /报告/.test(question) ? 'work-report' : undefined;
  if (!doc) return null;
  const head = ctx.kb.passages.find((p) => p.doc === doc && p.section[0] === '文头');
  if (!head) return null;
  const ref: SourceRef = { doc: head.doc, title: head.title, locator: '文头', line: head.line };
  const parts = head.text.split('；').filter((x) => !/^各位|^各|：$/.test(x));
  // The work report's head reads 政府工作报告；——<date> 在…会议上；<speaker>.
  const speaker = parts.find((x) => /^[\u4e00-\u9fa5]{2,4}$/.test(x) && !/报告|专报|通知/.test(x));
  const occasion = parts.find((x) => /^——/.test(x));
  const text = speaker && occasion ? `${head.title}由${speaker}作（${occasion.replace(/^——/, '')}）。` : clip(parts.join('；'), 160);
  return { found: true, text: `${text}\n来源：${DOC_LABEL[head.doc]} 文头`, refs: [ref] };
}

/** "…是省级还是岳阳市级", "…属于哪一级": the 民生实事 the subject is part of, its number and level. */
export const ASKS_LEVEL = /属于哪个民生实事|属于哪项民生实事|属于哪一项|是哪项民生实事|第几项民生实事|属于第几项|是第几项|省级还是|还是(?:岳阳)?市级|哪一级|哪个级别|什么级别|啥级别|几级|是省级|是(?:岳阳)?市级|属于省|属于(?:岳阳)?市|属于哪(?:一)?[类种]|(?:是|算)(?:是)?哪(?:一)?[类种级]|哪类民生实事/;

/** Words that place a level question among the 民生实事 (省级 / 岳阳市级 / 民生实事). */
const NAMES_LIVELIHOOD_LEVEL = /省级|市级|民生|实事|省里|省定|岳阳/;

export function levelAnswer(ctx: AnswerContext, topic: string): Answer | null {
  // 算哪一级, 属于哪类: how the level is asked, like 属于 and 级别.
  const subject = topic.replace(/省级|岳阳市级|岳阳|市级|级别|哪一级|还是|属于|民生实事|民生|第几项|几项|哪项|(?<=[\u4e00-\u9fa5]{2})算(?=\s|$)|(?<=\s|^)(?:一级|一类|类|种)(?=\s|$)|还|吗|呢|的|第/g, ' ').trim();
  if (subject.replace(/\s/g, '').length < 2) return null;
  const hits = goodHits(searchRecords(ctx, subject, (r) => r.kind === 'livelihood' || r.kind === 'indicator'));
  const nos = [...new Set(hits.map((h) => (h.kind === 'indicator' ? ctx.kb.indicators.find((i) => `indicator:${i.no}` === h.id)?.projectNo : Number(h.id.split(':')[1]))))].filter((n): n is number => n !== undefined);
  const projects = nos.map((n) => ctx.kb.livelihood.find((p) => p.no === n)).filter((p) => p !== undefined).slice(0, 3);
  // Only the 民生实事 have a level; a subject not among them is not one, and a loosely related
  // paragraph would read as if it were.
  // "土地使用税是几级": a level asked without naming the 民生实事 lists is another kind of level
  // (a tax grade, a road class); another frame may know it.
  if (!projects.length && !NAMES_LIVELIHOOD_LEVEL.test(topic)) return null;
  if (!projects.length)
    return { found: false, text: `民生实事清单中没有“${clip(subject.replace(/\s+/g, ''), 14)}”。省级、岳阳市级之分只用于重点民生实事：省级第1–10项，岳阳市级第11–18项。`, refs: [] };
  const lines = projects.map((p) => `民生实事第${p.no}项「${clip(p.name, 30)}」是${p.level}民生实事（省级为第1–10项，岳阳市级为第11–18项）。`);
  const sub = hits[0] && hits[0].kind === 'livelihood' ? Number(hits[0].id.split(':')[2]) : undefined;
  const item = sub === undefined ? undefined : projects[0]!.items[sub];
  if (item && item.text !== projects[0]!.name) lines.push(`子项：${clip(item.text, 80)}`);
  // the level of one sub-item tells only that sub-item's contradictions (托育托管's, not 产前筛查's)
  const keys = projects.map((p, i) => (i === 0 && item ? `livelihood:${p.no}:${sub}` : `livelihood:${p.no}`));
  const refs = projects.map((p) => p.source);
  lines.push(...contradictionNotes(ctx, keys), sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** "汨罗市市长是谁": every sentence that writes a name right after the title (not inside a longer
 * title: 副市长 is not 市长), of the question's place (岳阳市委书记 is not 汨罗's). The documents name
 * office holders only in passing, so each sentence is quoted with its date. */
function holderAnswer(ctx: AnswerContext, question: string): Answer {
  const m = question.match(HOLDER_ASK)!;
  const place = m[1] ?? '汨罗';
  // The organisation as the documents write it just before the title (市人大常委会主任, 市住建局局长).
  const org = (m[2] ?? '').replace(/^市|的$/g, '');
  const title = m[3]!;
  const re = new RegExp(`${title}([\\u4e00-\\u9fa5]{2,3}?)(?=主持|同志|出席|讲话|指出|强调|要求|来汨|在|，|、|。)`, 'g');
  const found: { text: string; passage: Passage }[] = [];
  for (const p of ctx.kb.passages) {
    const flat = p.text.replace(/\s+/g, '');
    for (const x of flat.matchAll(re)) {
      const before = flat.slice(Math.max(0, x.index! - 6), x.index!);
      if (/副$|常务$/.test(before) && !/副/.test(title)) continue;
      if (org && !flat.slice(Math.max(0, x.index! - org.length - 6), x.index!).includes(org)) continue;
      // "常务副市长总牵头", "主任会议": words after the title that are what the holder does, not a name.
      if (/[任总牵头负责主持召集会议组织统筹分管要和与及等为兼级]/.test(x[1]!)) continue;
      const there = before.match(PLACE_BEFORE)?.[1] ?? '汨罗';
      if (there !== place) continue;
      // The agenda overview and the item repeat a sentence; its ordinal (二、) is not part of it.
      const s = sentences(flat).find((y) => y.includes(x[0]))?.replace(/^[一二三四五六七八九十]+、/, '');
      if (s && !found.some((f) => f.text === s)) found.push({ text: s, passage: p });
    }
  }
  if (!found.length) return { found: false, text: `文件中没有写明${place === '汨罗' ? '' : place}${m[2] ?? ''}${title}是谁。`, refs: [] };
  const shown = found.slice(0, 3);
  const refs: SourceRef[] = shown.map(({ passage: p }) => ({ doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line }));
  return { found: true, text: [...shown.map((f) => clip(f.text, 120)), sourceText(refs)].join('\n'), refs };
}
