// Aggregates over the per-town indicator table (民生实事 附件2): which town has the most or the
// least, which have none, the sum, and the breakdown — "乡村医生哪个镇要配得最多",
// "哪几个镇街没有向阳花指导任务", "15个镇街的和美湘村加起来几个".
import type { Indicator, SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { cellFigure, clip, contradictionNotes, sourceText } from '../format.ts';
import { goodHits, recordGrounded, searchRecords } from '../records.ts';
import { charCoverage } from '../quote.ts';
import type { Answer } from '../types.ts';

export type TownOp = 'argmax' | 'argmin' | 'whichNot' | 'sum' | 'distribution';

const fmt = (n: number) => String(Math.round(n * 10000) / 10000);

/** The indicator with a per-town breakdown that the words are about, if one clearly is. */
/** What a survey found (摸排出262座, 底数, 现状) is not the year's target a town row breaks down: a
 * question asking it is about the survey, stated with the project, not about the row's sum. */
const SURVEY = /摸排|摸底|底数|现状|排查出|普查/;

export function townIndicator(ctx: AnswerContext, topic: string): Indicator | undefined {
  if (topic.replace(/[\s\d]/g, '').length < 2) return undefined;
  const survey = topic.match(SURVEY)?.[0];
  const withTowns = (id: string) => ctx.kb.indicators.find((i) => `indicator:${i.no}` === id && i.towns);
  const hit = goodHits(searchRecords(ctx, topic, (r) => r.kind === 'indicator' && withTowns(r.id) !== undefined), 0.5)[0];
  const ind = hit ? withTowns(hit.id) : undefined;
  return ind && survey && !ind.text.includes(survey) ? undefined : ind;
}

/** "爱心驿站每个镇几家": an indicator the table does not break down by town is answered so —
 * its city-wide figure and that it has no per-town shares — not with "not found". */
export function unsplitIndicator(ctx: AnswerContext, words: string): Answer | undefined {
  // A measure alone (面积, 人数) names no indicator: "哪个镇面积最大" is not about 灌溉面积.
  const topic = words.replace(/面积|数量|个数|人数|金额|资金|规模|总量|总数|多少|经济|人口/g, ' ');
  if (topic.replace(/[\s\d]/g, '').length < 2) return undefined;
  // Grounded in the record's own words: GDP spelled 地区生产总值 shares only 地区 with 农村地区道路.
  const hit = goodHits(searchRecords(ctx, topic, (r) => r.kind === 'indicator'), 0.6).filter((h) => recordGrounded(ctx, topic, h))[0];
  const ind = hit && ctx.kb.indicators.find((i) => `indicator:${i.no}` === hit.id);
  if (!ind || ind.towns) return undefined;
  return {
    found: true,
    text: [`「${clip(ind.text, 40)}」（民生实事第${ind.projectNo}项 ${ind.project}）没有按镇（街道）分解：${ind.note ?? '附件2未列各镇数字'}。`, ...contradictionNotes(ctx, [`indicator:${ind.no}`]), sourceText([ind.source])].join('\n'),
    refs: [ind.source],
  };
}

/** "哪个镇分到的民生实事指标最多": how many indicators of the table give each town a figure. */
export function townShares(ctx: AnswerContext, op: TownOp): Answer | undefined {
  const split = ctx.kb.indicators.filter((i) => i.towns);
  if (!split.length) return undefined;
  const towns = ctx.lexicon.towns;
  const n = Object.fromEntries(towns.map((t) => [t, split.filter((i) => (i.towns![t] ?? 0) > 0).length]));
  const pairs = (ts: string[]) => ts.map((t) => `${t}${n[t]}个`).join('、');
  const byCount = [...towns].sort((a, b) => n[b]! - n[a]!);
  const lines = [`民生实事附件2按镇（街道）分解的指标${split.length}个，各镇（街道）分到的（有数字的）个数：`];
  if (op === 'argmax' || op === 'argmin') {
    const edge = op === 'argmax' ? n[byCount[0]!]! : n[byCount[byCount.length - 1]!]!;
    lines.push(`${op === 'argmax' ? '最多' : '最少'}：${towns.filter((t) => n[t] === edge).join('、')}，${edge}个。`);
  }
  lines.push(pairs(byCount) + '。');
  const ref = { ...split[0]!.source, locator: '附件2' };
  lines.push(sourceText([ref]));
  return { found: true, text: lines.join('\n'), refs: [ref] };
}

/** "超过5座的镇", "不到3个": a bound on the towns' figures. */
export interface Bound {
  n: number;
  above: boolean;
  strict: boolean;
  /** "9座的是哪几个镇", "分2个的有哪些": that figure exactly */
  exact?: boolean;
}

/** Measure words a town's figure is said in. */
const MEASURE = '(?:万人次|万人|人次|座|个|所|户|台|处|人|家|条|名|场|张|亩|万亩|套|公里|支|辆|床|张)';
const EXACT = new RegExp(`(?:分到?|是|为|有|要|各|都是|都)\\s*(\\d+(?:\\.\\d+)?)\\s*${MEASURE}?(?:的|$|[?？吗呢])|(?<![\\d.第])(\\d+(?:\\.\\d+)?)\\s*${MEASURE}(?:的)(?=是|有|镇|乡|街|地方|[哪都])`);

export function askedBound(text: string): Bound | undefined {
  const m = text.match(/(超过|多于|大于|高于|不少于|至少|不低于|少于|低于|不到|不足|小于|不超过)\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*[^\d\s]{0,2}(以上|以下|及以上|及以下)/);
  if (!m) {
    const e = text.match(EXACT);
    return e ? { n: Number(e[1] ?? e[2]), above: true, strict: false, exact: true } : undefined;
  }
  const word = m[1] ?? m[4]!;
  const n = Number(m[2] ?? m[3]);
  // Whole words: 不少于 holds 少于 but is "at least".
  const above = /^(?:超过|多于|大于|高于|不少于|至少|不低于|以上|及以上)$/.test(word);
  const strict = /^(?:超过|多于|大于|高于|少于|低于|不到|不足|小于)$/.test(word);
  return { n, above, strict };
}

/** A figure per town stated in a sentence of the documents' prose ("其中新市街道 29.20 公顷、古培镇
 * 56.36 公顷…"): a table like the indicator rows, its figures kept as written. */
export interface ProseRow {
  kind: 'prose';
  text: string;
  unit: string;
  towns: Record<string, number>;
  written: Record<string, string>;
  source: SourceRef;
}

const PROSE_ROWS = new WeakMap<object, ProseRow[]>();

function proseRows(ctx: AnswerContext): ProseRow[] {
  const memo = PROSE_ROWS.get(ctx.kb);
  if (memo) return memo;
  const towns = ctx.lexicon.towns;
  const re = new RegExp(`(${towns.join('|')})\\s*(\\d+(?:\\.\\d+)?)\\s*([\\u4e00-\\u9fa5]{1,3}|%)`, 'g');
  const rows: ProseRow[] = [];
  for (const p of ctx.kb.passages)
    for (const sentence of p.text.split(/[。；;]/)) {
      const hits = [...sentence.matchAll(re)];
      const units = new Set(hits.map((m) => m[3]!));
      // Three towns or more, one unit of measure: a breakdown, not a passing mention.
      if (hits.length < 3 || units.size !== 1) continue;
      const row: ProseRow = { kind: 'prose', text: sentence.slice(0, hits[0]!.index).replace(/[，,：:\s]*(?:其中)?[，,：:\s]*$/, '').replace(/^\s*[一二三四五六七八九十]+、/, '').trim() || p.title, unit: [...units][0]!, towns: {}, written: {}, source: { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line } };
      for (const m of hits) (row.towns[m[1]!] = Number(m[2])), (row.written[m[1]!] = m[2]!);
      rows.push(row);
    }
  PROSE_ROWS.set(ctx.kb, rows);
  return rows;
}

/** Share of the words' character pairs found in the text: 汨罗 alone shares none with 全市划定… */
function bigramShare(words: string, text: string): number {
  const pairs = (words.match(/[\u4e00-\u9fff]+/g) ?? []).flatMap((run) => [...run].slice(1).map((c, i) => run[i] + c));
  return pairs.length ? pairs.filter((b) => text.includes(b)).length / pairs.length : 0;
}

/** The prose breakdown the words are about: its lead-in holds most of them. */
export function proseTownTable(ctx: AnswerContext, topic: string): ProseRow | undefined {
  // "陡坡地划在哪几个镇街": the verb placing it in the towns (划到, 划进, 分布在) is the asking.
  const about = topic.replace(/面积|数量|多少|规模|(?:划|分|落|分布)(?:到|在|进|入)|\s+/g, ' ').trim();
  if (about.replace(/\s/g, '').length < 2) return undefined;
  return proseRows(ctx)
    .map((r) => ({ r, c: Math.min(charCoverage(about, r.text, false), bigramShare(about, r.text)) }))
    .filter((x) => x.c >= 0.6)
    .sort((a, b) => b.c - a.c)[0]?.r;
}

/** `rank`: the question asks for the k-th (排第二) or the first k (前三名, 最多的三个), not only the top. */
export function townTable(ctx: AnswerContext, ind: Indicator | ProseRow, op: TownOp, bound?: Bound, without: string[] = [], rank?: number, topOnly = false, named = false): Answer {
  const prose = 'kind' in ind;
  // "除了归义街道哪个镇最多": the towns left out are not ranked.
  const towns = ctx.lexicon.towns.filter((t) => !without.includes(t));
  const values = ind.towns!;
  // A blank cell that keeps its column is "not given", not zero (附件2 第1个指标, 神鼎山镇).
  const listed = towns.filter((t) => values[t] !== undefined);
  const blank = listed.length >= towns.length - 1 ? towns.filter((t) => values[t] === undefined) : [];
  const positive = towns.filter((t) => (values[t] ?? 0) > 0);
  const none = towns.filter((t) => !positive.includes(t) && !blank.includes(t));
  const total = positive.reduce((s, t) => s + values[t]!, 0);
  const u = ind.unit;
  const cell = (v: number) => (prose ? (Object.entries(ind.written).find(([t]) => values[t] === v)?.[1] ?? fmt(v)) : cellFigure(values, v));
  const pairs = (ts: string[]) => ts.map((t) => `${t}${cell(values[t]!)}`).join('、');
  const head = prose ? `「${clip(ind.text, 30)}」（${clip(ind.source.title, 30)}）` : `「${clip(ind.text, 30)}」（民生实事第${ind.projectNo}项 ${ind.project}）`;
  const lines = [head];
  const left = (ts: string[]) => ts.map((t) => `${t}${values[t] === undefined ? '' : cell(values[t]!)}`).join('、');
  const allTowns = ctx.lexicon.towns.filter((t) => !t.endsWith('街道'));
  // "只看街道": the towns left out are said as such, not named one by one.
  if (without.length && allTowns.length > 2 && allTowns.every((t) => without.includes(t)) && without.length === allTowns.length) lines.push(`（只看街道，不计${allTowns.length}个镇）`);
  else if (without.length && without.every((t) => t.endsWith('街道')) && ctx.lexicon.towns.filter((t) => t.endsWith('街道')).every((t) => without.includes(t))) lines.push(`（只看镇，不计街道：${left(without)}）`);
  // "归义多少 其他镇多少": the towns named are asked too, then the rest.
  else if (without.length && named) lines.push(`${left(without)}${u}；其他镇（街道）：`);
  else if (without.length) lines.push(`（不计${left(without)}）`);
  const noneWord = prose ? '文中未列出' : '没有分解任务';
  const same = positive.length > 1 && positive.every((t) => values[t] === values[positive[0]!]);
  switch (op) {
    case 'argmax':
    case 'argmin': {
      if (same) {
        lines.push(`${positive.length}个镇（街道）一样多，各${cell(values[positive[0]!]!)}${u}。`);
        break;
      }
      const edge = op === 'argmax' ? Math.max(...positive.map((t) => values[t]!)) : Math.min(...positive.map((t) => values[t]!));
      const at = positive.filter((t) => values[t] === edge);
      lines.push(`${op === 'argmax' ? (prose ? '最大' : '最多') : prose ? '最小' : '最少'}：${at.join('、')}，${at.length > 1 ? '各' : ''}${cell(edge)}${u}。`);
      // Ranked, so the second, the first three, the last but one can be read off; ties share a place.
      const order = [...positive].sort((x, y) => (op === 'argmax' ? values[y]! - values[x]! : values[x]! - values[y]!));
      const place = (t: string) => 1 + order.filter((o) => (op === 'argmax' ? values[o]! > values[t]! : values[o]! < values[t]!)).length;
      if (rank && rank > 1) {
        // The k-th figure (排第二: the second-highest, ties at the top counted once); the first k
        // by place, ties kept together.
        const distinct = [...new Set(order.map((t) => values[t]!))];
        const kth = distinct.length >= rank ? order.filter((t) => values[t] === distinct[rank - 1]) : [];
        const firstK = order.filter((t) => place(t) <= rank);
        const which = op === 'argmax' ? '' : '倒数';
        if (topOnly) lines.push(`${op === 'argmax' ? '前' : '最少的'}${rank}：${pairs(firstK)}。`);
        else {
          const top = `${op === 'argmax' ? '前' : '最少的'}${rank}：${pairs(firstK)}`;
          lines.push(kth.length ? `${which}第${rank}：${kth.join('、')}，${kth.length > 1 ? '各' : ''}${cell(values[kth[0]!]!)}${u}；${top}。` : `只有${distinct.length}档数字，没有${which}第${rank}；${top}。`);
        }
      }
      lines.push(`${op === 'argmax' ? '从多到少' : '从少到多'}：${pairs(order)}；合计${fmt(total)}${u}。`);
      if (op === 'argmin' && none.length) lines.push(`另有${none.length}个${noneWord}：${none.join('、')}。`);
      break;
    }
    case 'whichNot':
      lines.push(
        none.length
          ? `${noneWord}的镇（街道）${none.length}个：${none.join('、')}。`
          : `${towns.length}个镇（街道）都有任务${same ? `，各${cell(values[positive[0]!]!)}${u}` : ''}，没有不分解的。`,
      );
      if (none.length) lines.push(`${prose ? '列出' : '有任务'}的${positive.length}个：${pairs(positive)}${u === '%' ? '' : `；合计${fmt(total)}${u}`}。`);
      break;
    case 'sum':
      lines.push(u === '%' ? `这是比例指标（${u}），不能相加；各镇（街道）：${pairs(positive)}。` : `${positive.length}个镇（街道）合计${fmt(total)}${u}：${pairs(positive)}。`);
      if (none.length && u !== '%') lines.push(`其余${none.length}个${noneWord}${none.length <= 8 ? `：${none.join('、')}` : ''}。`);
      break;
    case 'distribution':
      if (bound) {
        const ok = (v: number) => (bound.exact ? v === bound.n : bound.above ? (bound.strict ? v > bound.n : v >= bound.n) : bound.strict ? v < bound.n : v <= bound.n);
        const hit = towns.filter((t) => values[t] !== undefined && ok(values[t]!) && (bound.above || values[t]! > 0));
        const word = `${bound.exact ? '' : bound.above ? (bound.strict ? '超过' : '不少于') : bound.strict ? '少于' : '不超过'}${fmt(bound.n)}${u}`;
        lines.push(hit.length ? `${word}的镇（街道）${hit.length}个${hit.length === positive.length && hit.every((t) => positive.includes(t)) ? '（分到任务的全部）' : ''}：${pairs(hit)}。` : `没有${word}的镇（街道）。`);
        // Every town with a share passes: the breakdown is the same list, said once.
        if (hit.length !== positive.length || hit.some((t) => !positive.includes(t))) lines.push(`各镇（街道）：${pairs(positive)}${u === '%' ? '' : `；合计${fmt(total)}${u}`}。`);
        else if (u !== '%') lines.push(`合计${fmt(total)}${u}。`);
        break;
      }
      // "每个镇多少人": every share the same is said as such (各2人).
      if (same) lines.push(`${positive.length}个镇（街道）各${cell(values[positive[0]!]!)}${u}${none.length ? `，其余${none.length}个${noneWord}` : ''}。`);
      // "归义比其他镇多多少": one town named against the rest, all alike: the difference said.
      const own = named && without.length === 1 ? values[without[0]!] : undefined;
      if (same && own !== undefined && own !== values[positive[0]!]) lines.push(`${without[0]}比其他镇（街道）每个${own > values[positive[0]!]! ? '多' : '少'}${fmt(Math.abs(own - values[positive[0]!]!))}${u}。`);
      lines.push(`分到${positive.length}个镇（街道）：${pairs(positive)}${u === '%' ? `（${u}）` : `；合计${fmt(total)}${u}`}。`);
      if (none.length && none.length <= 8) lines.push(`${noneWord}：${none.join('、')}。`);
      break;
  }
  if (blank.length) lines.push(`注：原表${blank.join('、')}一栏为空。`);
    // Only the indicator's own key: a project-wide key would bring notes about its other rows.
  lines.push(...(prose ? [] : contradictionNotes(ctx, [`indicator:${ind.no}`])), sourceText([ind.source]));
  return { found: true, text: lines.join('\n'), refs: [ind.source] };
}
