// Everything answer() needs, built once from the knowledge base: entity dictionaries for
// recognising people, units and towns in a question, reverse indexes, and a bigram index over
// every structured record for topic questions.
import MiniSearch from 'minisearch';
import { TOWNS, townAliases, UNIT_ALIASES } from '../../knowledge/normalize.ts';
import type { KnowledgeBase, SourceRef } from '../../knowledge/types.ts';
import { bigrams } from './text.ts';
import { buildPassageSearch, type PassageSearch } from './passages.ts';

export type RecordKind = 'task' | 'livelihood' | 'indicator' | 'voted' | 'measure';

/** A structured record flattened for topic search. */
export interface TopicRecord {
  id: string; // task:28, livelihood:15:0, indicator:43, voted:1, measure:12
  kind: RecordKind;
  text: string;
  extra: string; // category, project names: matched with lower weight
}

export interface Matcher {
  /** alias → canonical, tried longest first */
  entries: [string, string][];
}

export interface AnswerContext {
  kb: KnowledgeBase;
  people: Matcher;
  units: Matcher;
  towns: Matcher;
  topic: MiniSearch<TopicRecord>;
  records: Map<string, TopicRecord>;
  passages: PassageSearch;
  /** contradiction key (task:28, indicator:43 …) → contradiction ids */
  contradictionsByKey: Map<string, string[]>;
}

function matcher(pairs: Iterable<[string, string]>): Matcher {
  const m = new Map<string, string>();
  for (const [alias, canon] of pairs) if (alias.length >= 2 && !m.has(alias)) m.set(alias, canon);
  return { entries: [...m.entries()].sort((a, b) => b[0].length - a[0].length) };
}

/** Aliases that are another word's tail where the given character precedes them: 罗江 in 汨罗江
 * (the river) is not 罗江镇. */
export const NOT_AFTER: Record<string, string> = { 罗江: '汨' };

/** Finds canonical entities mentioned in text, longest alias first, without overlaps. */
export function findEntities(m: Matcher, text: string): string[] {
  const taken: boolean[] = new Array(text.length).fill(false);
  const found: { canon: string; at: number }[] = [];
  for (const [alias, canon] of m.entries) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(alias, from);
      if (at < 0) break;
      from = at + 1;
      if (taken.slice(at, at + alias.length).some(Boolean)) continue;
      if (at > 0 && NOT_AFTER[alias] === text[at - 1]) continue;
      for (let i = at; i < at + alias.length; i++) taken[i] = true;
      found.push({ canon, at });
    }
  }
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.canon))];
}

function unitPairs(kb: KnowledgeBase): [string, string][] {
  const canon = new Set<string>();
  const add = (xs: string[]) => xs.forEach((x) => canon.add(x));
  kb.keyTasks.forEach((t) => (add(t.leadUnits), add(t.coUnits)));
  kb.livelihood.forEach((p) => p.items.forEach((i) => (add(i.leadUnits), add(i.coUnits))));
  kb.voted.forEach((v) => (add(v.leadUnits), add(v.coUnits)));
  kb.measures.forEach((m) => (add(m.leadUnits), add(m.coUnits)));
  const pairs: [string, string][] = [];
  for (const c of canon) {
    // Collective phrases (各镇政府、街道办, 市直相关单位) are not units one asks about.
    if (/^(各|相关|市直)/.test(c) || (TOWNS as readonly string[]).includes(c)) continue;
    pairs.push([c, c], ['市' + c, c], ['汨罗市' + c, c]);
    for (const a of UNIT_ALIASES[c] ?? []) pairs.push([a, c], ['市' + a, c]);
  }
  for (const e of kb.directory.units) for (const a of e.aliases) pairs.push([a, e.name]);
  return pairs;
}

function topicRecords(kb: KnowledgeBase): TopicRecord[] {
  const out: TopicRecord[] = [];
  for (const t of kb.keyTasks)
    out.push({ id: `task:${t.no}`, kind: 'task', text: t.target, extra: `${t.category} ${t.subCategory}` });
  for (const p of kb.livelihood)
    p.items.forEach((it, i) =>
      out.push({ id: `livelihood:${p.no}:${i}`, kind: 'livelihood', text: it.text, extra: `${p.name} 民生实事` }),
    );
  for (const ind of kb.indicators)
    out.push({ id: `indicator:${ind.no}`, kind: 'indicator', text: ind.text, extra: `${ind.project} ${ind.group}` });
  for (const v of kb.voted)
    out.push({
      id: `voted:${v.no}`,
      kind: 'voted',
      text: v.name,
      extra: `${v.content} ${v.tracks.map((t) => t.name + t.milestones.map((m) => m.text).join(' ')).join(' ')}`,
    });
  // Only the measure's heading: its prose is already in the passage index, and indexing it
  // twice cost a third of start-up time for no better answers.
  kb.measures.forEach((m, i) =>
    out.push({ id: `measure:${i}`, kind: 'measure', text: m.title, extra: m.section.join(' ') }),
  );
  return out;
}

export function buildContext(kb: KnowledgeBase): AnswerContext {
  const people = new Set<string>();
  kb.keyTasks.forEach((t) => t.leaders.forEach((p) => people.add(p)));
  kb.livelihood.forEach((p) => p.items.forEach((i) => i.leaders.forEach((l) => people.add(l))));
  kb.voted.forEach((v) => v.leaders.forEach((l) => people.add(l)));
  const personPairs: [string, string][] = [...people].map((p) => [p, p]);
  // "曹市长", "付副市长": a surname with a title names a leader when no other leader shares it.
  for (const p of people) {
    const surname = p[0]!;
    if ([...people].filter((o) => o[0] === surname).length === 1)
      for (const title of ['市长', '副市长', '常务副市长']) personPairs.push([surname + title, p]);
  }
  for (const e of kb.directory.people) for (const a of e.aliases) personPairs.push([a, e.name]);

  const townPairs: [string, string][] = [];
  for (const t of TOWNS) for (const a of townAliases(t)) townPairs.push([a, t]);

  const records = topicRecords(kb);
  const topic = new MiniSearch<TopicRecord>({
    fields: ['text', 'extra'],
    storeFields: [],
    tokenize: bigrams,
    processTerm: (t) => t,
    searchOptions: { boost: { text: 3, extra: 1 }, tokenize: bigrams, processTerm: (t) => t },
  });
  topic.addAll(records);

  const contradictionsByKey = new Map<string, string[]>();
  for (const c of kb.contradictions)
    for (const k of c.keys) contradictionsByKey.set(k, [...(contradictionsByKey.get(k) ?? []), c.id]);

  return {
    kb,
    people: matcher(personPairs),
    units: matcher(unitPairs(kb)),
    towns: matcher(townPairs),
    topic,
    records: new Map(records.map((r) => [r.id, r])),
    passages: buildPassageSearch(kb.passages),
    contradictionsByKey,
  };
}

export type { SourceRef };
