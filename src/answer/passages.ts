// Adapter over the full-text passage index (knowledge/search.ts) so answer() depends on one
// small interface.
import { buildSearchIndex, searchPassages } from '../../knowledge/search.ts';
import type { DocId, Passage, SourceRef } from '../../knowledge/types.ts';

export interface PassageHit {
  passage: Passage;
  score: number;
  snippet: string;
}

export interface PassageSearch {
  /** Best passages, optionally only from the given documents. */
  search(query: string, limit?: number, docs?: readonly DocId[]): PassageHit[];
  /** Best passages among those `keep` accepts (one section of a document, passages naming a
   * year): the threshold is the index's, the pool is narrowed after ranking. */
  searchWhere(query: string, keep: (p: Passage) => boolean, limit?: number): PassageHit[];
}

/** Ranked hits looked at before narrowing: enough that a section's best passage is among them. */
const POOL = 60;

export function buildPassageSearch(passages: Passage[]): PassageSearch {
  const index = buildSearchIndex(passages);
  return {
    search: (q, limit = 3, docs) =>
      docs?.length ? searchPassages(index, q, 40).filter((h) => docs.includes(h.passage.doc)).slice(0, limit) : searchPassages(index, q, limit),
    searchWhere: (q, keep, limit = 3) => searchPassages(index, q, POOL).filter((h) => keep(h.passage)).slice(0, limit),
  };
}

/** Passages' start lines per document, sorted: where one passage ends and the next begins. */
const STARTS = new WeakMap<readonly Passage[], Map<DocId, number[]>>();

function startsOf(passages: readonly Passage[]): Map<DocId, number[]> {
  let m = STARTS.get(passages);
  if (m) return m;
  m = new Map();
  for (const p of passages) m.set(p.doc, [...(m.get(p.doc) ?? []), p.line]);
  for (const lines of m.values()) lines.sort((a, b) => a - b);
  STARTS.set(passages, m);
  return m;
}

/** Keys of the contradictions whose value stands in a passage a reply quotes (the 开局八好 plan's
 * "社会消费品零售总额增长5.1%左右" at line 513): the reply quotes one side of a disagreement, so it
 * carries the note. Only when the reply states that value's figure. */
export function quotedClashKeys(
  kb: { passages: readonly Passage[]; contradictions: readonly { topic: string; keys: string[]; values: { value: string; source: SourceRef }[] }[] },
  text: string,
  refs: readonly SourceRef[],
  asked: readonly string[] = [],
): string[] {
  const starts = startsOf(kb.passages);
  const out: string[] = [];
  const flat = text.replace(/\s+/g, '');
  for (const c of kb.contradictions) {
    const hit = c.values.some((v) => refs.some((r) => {
      if (r.doc !== v.source.doc || !r.line) return false;
      const lines = starts.get(r.doc) ?? [];
      // a table row's reference (第1个指标) is not a quoted passage: the row's own keys carry its
      // notes, and its ordinal (第13个) would read as the other side's figure (13个)
      if (!lines.includes(r.line)) return false;
      const next = lines.find((l) => l > r.line) ?? Infinity;
      if (v.source.line < r.line || v.source.line >= next) return false;
      // Each figure with what follows it (5个, 5.1%, 18万), not a bare digit any figure holds.
      const figures = v.value.replace(/\s+/g, '').match(/\d+(?:\.\d+)?(?:%|[^\d，,、。；;（）()])/g) ?? [];
      const esc = (f: string) => f.replace(/[.%]/g, (c) => `\\${c}`);
      return figures.length > 0 && figures.every((f) => new RegExp(`(?<![\\d.])${esc(f)}`).test(flat));
    }));
    if ((hit || (asked.length > 0 && statesSide(c.topic, c.values, flat, asked))) && c.keys[0]) out.push(c.keys[0]);
  }
  return out;
}

/** Whether a reply states one side of a disagreement in its own words, wherever it quotes it
 * from: the topic's subject followed closely by that side's value ("社会消费品零售总额增长5.1%" in
 * the 开局八好 attachment restating the plan's target), when the question asks that subject. */
function statesSide(topic: string, values: readonly { value: string }[], flat: string, asked: readonly string[]): boolean {
  const subject = topic.replace(/\s+/g, '').replace(/(?:20\d\d年)?(?:增长目标|目标|数量|面积|作业面积)$/, '');
  if (subject.length < 4 || /[与、]/.test(subject)) return false;
  // only the disagreement the question asks about (its content terms, abbreviations spelled out)
  if (asked.filter((t) => subject.includes(t)).length < 2) return false;
  return values.some((v) => {
    const core = v.value.replace(/\s+/g, '').replace(/(?:左右|以上|以下)$/, '');
    if (!/\d/.test(core)) return false;
    const esc = (x: string) => x.replace(/[.%*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
    return new RegExp(`${esc(subject)}.{0,4}?${esc(core)}(?![\\d.])`).test(flat);
  });
}
