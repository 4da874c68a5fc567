// Adapter over the full-text passage index (knowledge/search.ts) so answer() depends on one
// small interface.
import { buildSearchIndex, searchPassages } from '../../knowledge/search.ts';
import type { DocId, Passage } from '../../knowledge/types.ts';

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
