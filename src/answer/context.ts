// Everything answer() needs, built once from the knowledge base: entity dictionaries for
// recognising people, units and towns in a question, reverse indexes, and a bigram index over
// every structured record for topic questions.
import type MiniSearch from 'minisearch';
import { flatMiniSearch } from '../../knowledge/flatIndex.ts';
import { buildLexicon, type Lexicon } from '../../knowledge/lexicon.ts';
import type { KnowledgeBase, SourceRef } from '../../knowledge/types.ts';
import { bigrams } from './text.ts';
import { buildPassageSearch, type PassageSearch } from './passages.ts';
import { buildWordSounds, type WordSounds } from './words.ts';
import type { LiveView } from './liveView.ts';
import type { YearArchives } from './archive.ts';

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
  /** every leader, unit and town with its aliases and pinyin (knowledge/lexicon.ts) */
  lexicon: Lexicon;
  people: Matcher;
  units: Matcher;
  towns: Matcher;
  topic: MiniSearch<TopicRecord>;
  records: Map<string, TopicRecord>;
  passages: PassageSearch;
  /** the documents' three-character pieces and their sounds, for slips in topic words */
  words: WordSounds;
  /** contradiction key (task:28, indicator:43 …) → contradiction ids */
  contradictionsByKey: Map<string, string[]>;
  /** A read-only view of the progress store (liveView.ts, withLive): live questions are answered
   * from it. Absent (pure tests, the bench): answered from the documents as before. */
  live?: LiveView;
  /** Archived years of this data directory ("2026年第28项…" after the switch to 2027; archive.ts). */
  archives?: YearArchives;
}

function matcher(pairs: Iterable<[string, string]>): Matcher {
  const m = new Map<string, string>();
  for (const [alias, canon] of pairs) if (alias.length >= 2 && !m.has(alias)) m.set(alias, canon);
  return { entries: [...m.entries()].sort((a, b) => b[0].length - a[0].length) };
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
    // The note (全岳阳市发放补贴资金67300万元) is the figure a question may ask for.
    out.push({ id: `indicator:${ind.no}`, kind: 'indicator', text: ind.text, extra: `${ind.project} ${ind.group} ${ind.note ?? ''}` });
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
  const lexicon = buildLexicon(kb);
  const pairs = (kind: string): [string, string][] => lexicon.entries.filter((e) => e.kind === kind && !e.weak).map((e) => [e.alias, e.canon]);

  const records = topicRecords(kb);
  // A stock MiniSearch but for its term dictionary (knowledge/flatIndex.ts says why).
  const topic = flatMiniSearch<TopicRecord>({
    fields: ['text', 'extra'],
    storeFields: [],
    tokenize: bigrams,
    processTerm: (t) => t,
    searchOptions: { boost: { text: 3, extra: 1 }, tokenize: bigrams, processTerm: (t) => t },
  });
  topic.addAll(records);

  let words: WordSounds | undefined;
  const contradictionsByKey = new Map<string, string[]>();
  for (const c of kb.contradictions)
    for (const k of c.keys) contradictionsByKey.set(k, [...(contradictionsByKey.get(k) ?? []), c.id]);

  return {
    kb,
    lexicon,
    people: matcher(pairs('leader')),
    units: matcher(pairs('unit')),
    towns: matcher(pairs('town')),
    topic,
    records: new Map(records.map((r) => [r.id, r])),
    passages: buildPassageSearch(kb.passages),
    // Built on the first question that needs it: pinyin of every record character is a tenth of
    // start-up time, and most questions have no slipped word.
    get words() {
      return (words ??= buildWordSounds(kb));
    },
    contradictionsByKey,
  };
}

export type { SourceRef };
