// Milestones by period (issue 13, class 9): "票决项目二季度要完成啥", "农村危房下半年要做到哪一步",
// "6月底前要完成哪些". Every dated node of the period: the voted projects' milestones (every
// track), the key tasks' own deadlines and the dated sentences of the 开局八好 plans; narrowed to
// the projects or tracks the question names when it names one.
import type { SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, sourceText } from '../format.ts';
import { contentTerms, coverage, longestGap, quote, sentences } from '../quote.ts';
import type { Answer } from '../types.ts';
import { askedPeriod, inPeriod, sentenceDate, type Period } from '../periods.ts';
import { enough } from './byYear.ts';
import type { Passage } from '../../../knowledge/types.ts';

interface Node {
  group: 'voted' | 'task' | 'measure';
  /** what it belongs to, one short phrase */
  head: string;
  label: string;
  date: string;
  text: string;
  /** words the question's topic is matched against */
  about: string;
  /** the node's own name (a track, a task), which decides between nodes of one project */
  focus: string;
  /** the project or task it belongs to */
  name: string;
  ref: SourceRef;
}

/** Every dated node of the documents, in date order within each group. */
export function allNodes(ctx: AnswerContext): Node[] {
  const out: Node[] = [];
  for (const v of ctx.kb.voted)
    for (const tr of v.tracks)
      for (const m of tr.milestones)
        out.push({
          group: 'voted',
          head: `票决第${v.no}项${clip(v.name.replace(/（跨年度）|项目$/g, ''), 20)}${tr.name ? `【${tr.name}】` : ''}`,
          label: m.label,
          date: m.date,
          text: m.text,
          about: `${v.name} ${tr.name} ${v.content}`,
          focus: tr.name,
          name: v.name,
          ref: v.source,
        });
  for (const t of ctx.kb.keyTasks)
    for (const m of t.milestones ?? [])
      // A 票决 milestone linked to a task is listed once, under its project.
      if (m.from === '任务原文')
        out.push({ group: 'task', head: `第${t.no}项`, label: m.label, date: m.date, text: m.text, about: t.target, focus: m.text, name: t.target, ref: t.source });
  for (const m of ctx.kb.measures)
    for (const s of sentences(m.text)) {
      const d = sentenceDate(s);
      if (d) out.push({ group: 'measure', head: clip(m.title, 12), label: d.label, date: d.date, text: s.replace(/[。；;]$/, ''), about: `${m.title} ${s}`, focus: s, name: m.title, ref: m.source });
    }
  return out;
}

/** Words of a period question that ask how far, not about what. */
// A share of the whole asked beside the figure ("占总任务百分之几"): the node states it (完成总任务的64.8%).
const HOW_FAR = /占(?:总任务|总数|总量|全年任务|年度任务|总)?的?(?:百分之(?:几|多少)|比例|比重|多少)?|占比|比例|比重|百分之(?:几|多少)|[几多少]+成|各自|分别|每项|每个|各|都|做到|干到|达到|到达|哪一步|哪一阶段|什么程度|啥程度|程度|地步|阶段|进度|节点|要求|任务|项目|完成|搞|干|做|弄|到/g;

const GROUP_HEAD: Record<Node['group'], string> = {
  voted: '票决民生实事',
  task: '重点工作任务（期限写在任务里的）',
  measure: '“开局八好”方案中写明时限的',
};

/** The nodes of a period, narrowed to the question's topic when it has one; null when the topic
 * names nothing that has nodes (another frame may know it). */
export function periodAnswer(ctx: AnswerContext, period: Period, topic: string, onlyVoted: boolean): Answer | null {
  // "4月15号开了个啥会": a day of the month asked (left in the topic as 15号) is answered by
  // what the documents record on that day.
  const day = topic.match(/^\s*(\d{1,2})\s*[号日]/)?.[1];
  const month = period.label.match(/^(\d{1,2})月$/)?.[1];
  if (day && month) return onDay(ctx, Number(month), Number(day), topic.replace(/^\s*\d{1,2}\s*[号日]/, ' '));
  const terms = contentTerms(topic.replace(HOW_FAR, ' '));
  let nodes = allNodes(ctx).filter((n) => !onlyVoted || n.group === 'voted');
  if (terms.length) {
    // "农村危房" matches both tracks of project 2 through its content; the track's own name
    // breaks the tie.
    const scored = nodes.map((n) => ({ n, c: coverage(terms, n.about), f: coverage(terms, n.focus) }));
    const best = Math.max(0, ...scored.map((x) => x.c));
    if (!enough(Math.round(best * terms.length), terms.length)) return periodSentence(ctx, period, topic, terms);
    const top = scored.filter((x) => x.c === best);
    const focus = Math.max(...top.map((x) => x.f));
    // "城镇危旧房三季度": the project's own name says it as well as a track's does — every track.
    nodes = top.filter((x) => x.f === focus || coverage(terms, x.n.name) >= focus).map((x) => x.n);
  }
  // "年底前…要完成什么": by the year end, each track's last node of the year is what must be done,
  // whether it falls in December or in November.
  const yearEnd = period.label === '年底';
  const last = (n: Node) => !nodes.some((m) => m.head === n.head && m.group === n.group && m.date > n.date);
  const hits = nodes.filter((n) => inPeriod(period, n.date) || (yearEnd && n.group !== 'measure' && n.date.startsWith(period.from.slice(0, 4)) && last(n)));
  if (!hits.length) {
    // "力争一季度完成新签约项目20个以上": a figure a document states for the period, though no
    // dated node carries it.
    const stated = terms.length ? periodSentence(ctx, period, topic, terms) : null;
    if (stated) return stated;
    const dates = [...new Set(nodes.map((n) => Number(n.date.slice(5, 7))))].sort((a, b) => a - b);
    return { found: false, text: `文件中${terms.length ? '这项' : ''}没有${period.label}的节点。${dates.length ? `节点在${dates.map((d) => `${d}月`).join('、')}。` : ''}`, refs: [] };
  }
  // the list named in the first line when it is the only one: a phone shows that line first
  const only = hits.every((n) => n.group === 'voted') ? GROUP_HEAD.voted : '';
  const lines = [`${only}${period.label}${span(period)}的节点，共${hits.length}个：`];
  for (const g of ['voted', 'task', 'measure'] as const) {
    // Document order: a project's tracks and nodes stay together, each in date order.
    const of = hits.filter((n) => n.group === g);
    if (!of.length) continue;
    if (hits.length > of.length || g !== 'voted') lines.push(`【${GROUP_HEAD[g]}】`);
    for (const n of of) lines.push(`· ${n.head}（${n.label}）：${clip(n.text, 110)}`);
  }
  const refs = [...new Map(hits.map((n) => [`${n.ref.doc}:${n.ref.locator}`, n.ref])).values()];
  lines.push(sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** "（4–6月）" after a quarter or a half, nothing after a month. */
function span(p: Period): string {
  const a = Number(p.from.slice(5, 7));
  const b = Number(p.to.slice(5, 7));
  return a === b || p.months || p.label.includes('–') ? '' : `（${a}–${b}月）`;
}

/** "今年一季度GDP增长多少": a figure of a quarter or a half asked of a subject with no node in it.
 * The documents state the year's target, not a quarter's result; the year's figure would read
 * as the quarter's. */
export function noPeriodFigure(period: Period, question: string, topic: string): Answer | null {
  if (!/季度|半年/.test(period.label) || !/多少|几|增长|增速|增幅|比例|百分|[\u4e00-\u9fa5]率/.test(question)) return null;
  if (/要完成|完成多少|需完成|任务|节点|目标/.test(question)) return null;
  const what = topic.replace(HOW_FAR, ' ').replace(/\s+/g, '');
  return { found: false, text: `文件中没有${period.label}的${what ? `“${clip(what, 12)}”` : ''}数字，只有全年目标${what ? `（可问“${clip(what, 12)}目标”）` : ''}。`, refs: [] };
}

/** How a sentence names the period: 一季度 / 第一季度, 上半年, 6月 (not 16月); a quarter, a half or
 * a span of months also by its months, as the bulletin counts them ("1-3月累计完成…" is the first
 * quarter's result, "1—6月" the first half's). */
const WORDS = new Map<string, RegExp | undefined>();
function periodWords(p: Period): RegExp | undefined {
  const key = `${p.label}|${p.from}|${p.to}`;
  if (WORDS.has(key)) return WORDS.get(key);
  const [a, b] = [Number(p.from.slice(5, 7)), Number(p.to.slice(5, 7))];
  const span = a < b && !p.months ? `|(?<!\\d)${a}\\s*月?\\s*[-－—–~至到]\\s*${b}\\s*月` : '';
  const m = p.label.match(/^(\d+)月$/);
  const named = /季度$/.test(p.label) && !p.label.startsWith('前') ? `(?:第)?${p.label}` : /半年$/.test(p.label) ? p.label : m ? `(?<![\\d年])${m[1]}月` : '';
  const re = named || span ? new RegExp(`${named || '(?!)'}${span}`) : undefined;
  WORDS.set(key, re);
  return re;
}

const FLAT = new WeakMap<readonly Passage[], [Passage, string][]>();
/** Each passage with its spaces dropped ("一季度完成新签约项目 20 个"), once per knowledge base. */
function flatPassages(ctx: AnswerContext): [Passage, string][] {
  let out = FLAT.get(ctx.kb.passages);
  if (!out) FLAT.set(ctx.kb.passages, (out = ctx.kb.passages.map((p) => [p, p.text.replace(/\s/g, '')])));
  return out;
}

/** The sentence of a passage that names the period and holds the question's subject. */
export function periodSentence(ctx: AnswerContext, period: Period, topic: string, terms: readonly string[]): Answer | null {
  const must = periodWords(period);
  if (!must || !terms.length) return null;
  let best: { p: Passage; text: string; matched: number } | undefined;
  for (const [p, flat] of flatPassages(ctx)) {
    if (!must.test(flat)) continue;
    const qt = quote(flat, terms, { wantsFigure: true, must });
    if (!qt) continue;
    const matched = Math.round(qt.coverage * terms.length);
    if (!best || matched > best.matched) best = { p, text: qt.text, matched };
  }
  if (!best || !enough(best.matched, terms.length) || longestGap(topic.replace(HOW_FAR, ' '), best.text) >= 2) return null;
  const p = best.p;
  const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
  return { found: true, text: `${best.text}\n${sourceText([ref])}`, refs: [ref] };
}

/** A day of a month as the documents write it: "3 月 18 日", "3月31日". */
const dayOf = (month: number) => new RegExp(`(?<!\\d)${month}\\s*月\\s*(\\d{1,2})\\s*日`);

/** Words of a question about what happened in a month that say what kind of thing, not whose:
 * 开了哪些会, 做了什么, 有哪些活动. */
const WHAT_HAPPENED = /开了?|召开|哪些|什么|啥|会议?|活动|工作|事情?|干了?|做了?|搞了?|部署了?|举办了?|组织了?|份|里|有/g;

/** "专报里3月份惠民生专班开了哪些会": the dated clauses of a month (3 月 18 日…；3 月 31 日…) in the
 * passage whose headings (惠民生增福祉专班部署) hold the question's subject — every one of them,
 * each a clause of its own. Only a month asked (not a quarter) and only in the documents named. */
export function datedClauses(ctx: AnswerContext, question: string, topic: string, docs: readonly string[]): Answer | null {
  const period = askedPeriod(question);
  const month = period?.label.match(/^(\d{1,2})月$/)?.[1];
  if (!period || !month) return null;
  const day = dayOf(Number(month));
  const subject = topic.replace(/(?<![\d年])\d{1,2}\s*月(?:份|底|末)?/g, ' ').replace(/开局八好|工作专报|专报|简报|政府工作报告|工作报告|公报/g, ' ').replace(WHAT_HAPPENED, ' ');
  const terms = contentTerms(subject);
  // "公报里1月份开了哪些会": no subject but meetings — every dated sentence of the month that
  // convenes one, across the documents named.
  if (!terms.length) return /会/.test(question) ? meetingsOf(ctx, day, Number(month), docs) : null;
  let best: { p: Passage; said: string[]; c: number } | undefined;
  for (const p of ctx.kb.passages) {
    if (docs.length && !docs.includes(p.doc)) continue;
    if (!day.test(p.text) || /^(?:文头|落款)$/.test(p.section[0] ?? '')) continue;
    const parts = sentences(p.text);
    const said = parts.filter((s) => day.test(s));
    const lead = parts[0] && parts[0].length <= 20 && !day.test(parts[0]) ? parts[0] : '';
    const c = coverage(terms, `${p.title} ${p.section.join(' ')} ${lead} ${said.join('')}`);
    if (!best || c > best.c) best = { p, said, c };
  }
  if (!best || !enough(Math.round(best.c * terms.length), terms.length)) return null;
  const p = best.p;
  const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
  const head = sentences(p.text)[0]!;
  const lines = [
    `${head.length <= 20 ? head.replace(/\*\*/g, '').replace(/[。：:]$/, '') : clip(p.section.join(' ') || p.title, 20)}，${month}月共${best.said.length}条：`,
    ...best.said.map((s) => `· ${clip(s.replace(/\*\*/g, '').replace(/^.{0,20}?部署。/, '').replace(/[；;。]$/, ''), 120)}`),
    sourceText([ref]),
  ];
  return { found: true, text: lines.join('\n'), refs: [ref] };
}

function meetingsOf(ctx: AnswerContext, day: RegExp, month: number, docs: readonly string[]): Answer | null {
  const said: { s: string; p: Passage }[] = [];
  for (const p of ctx.kb.passages) {
    if ((docs.length && !docs.includes(p.doc)) || !day.test(p.text) || /^(?:文头|落款)$/.test(p.section[0] ?? '')) continue;
    for (const s of sentences(p.text)) {
      const clean = s.replace(/\*\*/g, '').replace(/^.{0,20}?部署。/, '').replace(/[；;。]$/, '');
      if (day.test(s) && /召开|会议|会上/.test(s) && !said.some((x) => x.s === clean)) said.push({ s: clean, p });
    }
  }
  if (!said.length) return null;
  const refs: SourceRef[] = [...new Map(said.map(({ p }) => [p.title, { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line }])).values()];
  return { found: true, text: [`${month}月的会议，共${said.length}条：`, ...said.slice(0, 8).map(({ s }) => `· ${clip(s, 100)}`), sourceText(refs)].join('\n'), refs };
}

/** The dated clauses of one day ("4 月 15 日召开…调度会"), those holding the subject when one is
 * named; none means the documents record nothing that day. */
export function onDay(ctx: AnswerContext, month: number, day: number, rest: string): Answer | null {
  const at = new RegExp(`(?<!\\d)${month}\\s*月\\s*${day}\\s*日`);
  const terms = contentTerms(rest.replace(WHAT_HAPPENED, ' '));
  const said: { s: string; p: Passage }[] = [];
  for (const p of ctx.kb.passages) {
    if (!at.test(p.text) || /^(?:文头|落款)$/.test(p.section[0] ?? '')) continue;
    for (const s of sentences(p.text)) {
      const clean = s.replace(/\*\*/g, '').replace(/[；;。]$/, '');
      if (at.test(s) && (!terms.length || coverage(terms, s) >= 0.5) && !said.some((x) => x.s === clean)) said.push({ s: clean, p });
    }
  }
  if (!said.length) return null;
  const refs: SourceRef[] = [...new Map(said.map(({ p }) => [p.title, { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line }])).values()];
  return { found: true, text: [`${month}月${day}日，共${said.length}条：`, ...said.slice(0, 8).map(({ s }) => `· ${clip(s, 120)}`), sourceText(refs)].join('\n'), refs };
}

/** "4月15日开的什么会": a full day asked what happened on, as the question writes it. */
export function dayEvents(ctx: AnswerContext, question: string): Answer | null {
  const m = question.match(/^(?:20\d\d\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[号日](.*)$/);
  if (!m || !/会|活动|干|做|搞|啥|什么|哪些/.test(m[3]!)) return null;
  return onDay(ctx, Number(m[1]), Number(m[2]), m[3]!);
}
