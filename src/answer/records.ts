// Topic search over structured records, with the synonyms leaders actually type.
import type { SourceRef } from '../../knowledge/types.ts';
import type { AnswerContext, RecordKind, TopicRecord } from './context.ts';
import { bigrams } from './text.ts';
import { longestGap, withMeasures } from './quote.ts';

/** Colloquial forms → the words the documents use. Only expansions, never replacements, so a
 * literal match still counts. */
const SYNONYMS: [RegExp, string][] = [
  [/保障房/, '保障性住房'],
  [/危房/, '危旧房'],
  [/GDP|gdp|经济总量/, '地区生产总值'],
  [/规上工业增加值|规工增加值/, '规模工业增加值'],
  [/固投/, '固定资产投资'],
  [/厨余|餐厨/, '餐厨垃圾'],
  [/停车场|车位/, '停车位'],
  [/电桩/, '充电桩'],
  [/招商/, '招商引资'],
  [/医保/, '医保参保'],
  [/养老院|敬老院/, '养老服务'],
  [/桥梁|桥/, '桥梁'],
  [/高标准农田|农田/, '高标准农田'],
  [/就业/, '新增就业'],
  [/外贸|出口/, '外贸进出口'],
  [/龙舟/, '龙舟'],
  [/博物馆/, '博物馆'],
  [/电梯/, '老旧电梯'],
  [/和美乡村|美丽乡村/, '和美湘村 和美乡村'],
  [/文明城市|创文/, '全国文明城市'],
  [/债务|化债/, '债务'],
  [/污水/, '污水管网'],
  [/消防站/, '消防救援'],
  // "总磷浓度达标": the targets say 稳定达到…目标要求.
  [/达标/, '达到 目标'],
  [/4A|4a/, '4A景区'],
  [/5G/, '5G基站'],
];

export function expandTopic(topic: string): string {
  const extra = SYNONYMS.filter(([re]) => re.test(topic)).map(([, s]) => s);
  return [topic, ...extra].join(' ');
}

/** The topic in the documents' words: each colloquial form replaced by its expansion, so a
 * grounding check (quote.ts longestGap) sees 保障性住房 where the leader typed 保障房. */
export function spellOutTopic(topic: string): string {
  let out = topic;
  for (const [re, s] of SYNONYMS) out = out.replace(new RegExp(re.source, 'g'), ` ${s.split(' ')[0]} `);
  return out;
}

export interface RecordHit {
  id: string;
  kind: RecordKind;
  score: number;
  /** share of the query's bigrams this record contains */
  coverage: number;
}

export function searchRecords(
  ctx: AnswerContext,
  topic: string,
  filter?: (r: TopicRecord) => boolean,
): RecordHit[] {
  const q = expandTopic(topic);
  // A lone character left over from a stripped question word (几台 → 台) is noise.
  const all = bigrams(topic);
  const qTerms = new Set(all.some((t) => t.length > 1) ? all.filter((t) => t.length > 1) : all);
  if (qTerms.size === 0) return [];
  const results = ctx.topic.search(q, {
    filter: filter ? (r) => filter(ctx.records.get(r.id as string)!) : undefined,
    combineWith: 'OR',
  });
  const expanded = new Set(bigrams(q));
  // Without the words for a money figure's kind and period (补助, 每月): what the coverage of a
  // record that states a money figure is counted over.
  const money = (GENERIC_MONEY.test(topic) || PER_UNIT.test(topic)) && specific(moneyCore(topic)) ? new Set(bigrams(moneyCore(topic)).filter((t) => t.length > 1)) : undefined;
  return results.map((r) => {
    const matched = new Set(r.terms);
    const cover = (terms: Set<string>) => {
      const direct = [...terms].filter((t) => matched.has(t)).length;
      const viaSynonym = [...expanded].filter((t) => !terms.has(t) && matched.has(t)).length;
      return Math.min(1, (direct + Math.min(viaSynonym, terms.size - direct)) / terms.size);
    };
    const kind = ctx.records.get(r.id as string)!.kind;
    let coverage = cover(qTerms);
    if (money?.size && MONEY_FIGURE.test(recordText(ctx, { id: r.id as string, kind, score: 0, coverage: 0 }))) coverage = Math.max(coverage, cover(money));
    return { id: r.id as string, kind, score: r.score, coverage };
  });
}

/** Hits good enough to answer with: most of the question's words present, close to the best. */
export function goodHits(hits: RecordHit[], minCoverage = 0.6): RecordHit[] {
  const ok = hits.filter((h) => h.coverage >= minCoverage);
  if (ok.length === 0) return [];
  const bestCov = Math.max(...ok.map((h) => h.coverage));
  const top = ok.filter((h) => h.coverage >= bestCov - 0.15);
  const bestScore = Math.max(...top.map((h) => h.score));
  return top.filter((h) => h.score >= bestScore * 0.5).sort((a, b) => b.coverage - a.coverage || b.score - a.score);
}

export function recordSource(ctx: AnswerContext, id: string): SourceRef | undefined {
  const [kind, a, b] = id.split(':');
  const kb = ctx.kb;
  const n = Number(a);
  switch (kind) {
    case 'task': return kb.keyTasks.find((t) => t.no === n)?.source;
    case 'livelihood': {
      const p = kb.livelihood.find((x) => x.no === n);
      const it = p?.items[Number(b)];
      return p && it ? { ...p.source, line: it.line } : undefined;
    }
    case 'indicator': return kb.indicators.find((x) => x.no === n)?.source;
    case 'voted': return kb.voted.find((x) => x.no === n)?.source;
    case 'measure': return kb.measures[n]?.source;
  }
  return undefined;
}

export function recordText(ctx: AnswerContext, h: RecordHit): string {
  const r = ctx.records.get(h.id);
  // An indicator's note (标准不低于1200元/人) is part of what its reply shows.
  const note = h.kind === 'indicator' ? (ctx.kb.indicators.find((i) => `indicator:${i.no}` === h.id)?.note ?? '') : '';
  return r ? `${r.text} ${r.extra} ${note}` : '';
}

export function townFigure(ctx: AnswerContext, h: RecordHit, town: string): boolean {
  return h.kind === 'indicator' && (ctx.kb.indicators.find((i) => `indicator:${i.no}` === h.id)?.towns?.[town] ?? 0) > 0;
}

/** A record hit answers the topic only when it holds every word of it (in the documents'
 * spelling): "和美湘村投资多少钱" shares 和美湘村 with the sub-item, not 投资. */
export function recordGrounded(ctx: AnswerContext, topic: string, h: RecordHit): boolean {
  // "包干比例不低于多少": a measure word the record states by a figure's shape (75%) counts as held.
  const text = withMeasures(topic, recordText(ctx, h));
  // A plan measure's text is its title and headings, long enough to hold any common character.
  const forms = [topic, spellOutTopic(topic)];
  // "孤儿补贴", "低保标准多少钱": a word for what kind of money figure is asked is no subject the
  // record must name, when the record states a money figure (1250元/月).
  if ((GENERIC_MONEY.test(topic) || PER_UNIT.test(topic)) && specific(moneyCore(topic)) && MONEY_FIGURE.test(text)) forms.push(moneyCore(topic));
  return forms.some((t) => longestGap(t, text, true, h.kind !== 'measure') < 2);
}

const GENERIC_MONEY = /补贴|补助|标准|金额|数额|额度|费用|钱/;
/** A money figure's period or head ("每月", "一个人"): the record writes it as 元/月, 元/人. */
const PER_UNIT = /每月|每年|每人|每个人|一个人|一人|人均|一个月|一年/;
const moneyCore = (topic: string) => topic.replace(new RegExp(`${GENERIC_MONEY.source}|${PER_UNIT.source}`, 'g'), ' ');
/** Enough left to name one thing (散居孤儿, 孤儿 散居和集中), not a field (养老 of 养老补贴 would
 * match any record about 养老保险). */
const specific = (core: string) => core.replace(/[^\u4e00-\u9fff]/g, '').length >= 4;
const MONEY_FIGURE = /\d+(?:\.\d+)?\s*(?:元|万元|亿元)/;


/** Every ledger record (not the plan measures) that holds the whole topic, for a list question:
 * BM25 ranks a long target that mentions the topic once (第38项 …农村生活污水治理…) below the
 * cut, and "哪些" asks for all of them. */
export function literalHits(ctx: AnswerContext, topic: string): RecordHit[] {
  const spelled = spellOutTopic(topic);
  const out: RecordHit[] = [];
  for (const r of ctx.records.values()) {
    if (r.kind === 'measure') continue;
    const h: RecordHit = { id: r.id, kind: r.kind, score: 0, coverage: 1 };
    const text = recordText(ctx, h);
    if ([topic, spelled].some((t) => longestGap(t, text, true, true) === 0)) out.push(h);
  }
  return out;
}

/** "壮大产业集群谁牵头": records of any kind, 开局八好 measures included, that write the phrase
 * exactly as the question types it. */
export function verbatimHits(ctx: AnswerContext, phrase: string): RecordHit[] {
  const out: RecordHit[] = [];
  for (const r of ctx.records.values()) {
    const h: RecordHit = { id: r.id, kind: r.kind, score: 1, coverage: 1 };
    if (proseText(ctx, h).includes(phrase)) out.push(h);
  }
  return out;
}

/** A record's text with a measure's prose: its record holds only its heading. */
export function proseText(ctx: AnswerContext, h: RecordHit): string {
  return h.kind === 'measure' ? (ctx.kb.measures[Number(h.id.slice('measure:'.length))]?.text ?? '') : recordText(ctx, h);
}
