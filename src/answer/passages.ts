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
}

export function buildPassageSearch(passages: Passage[]): PassageSearch {
  const index = buildSearchIndex(passages);
  return {
    search: (q, limit = 3, docs) =>
      docs?.length ? searchPassages(index, q, 40).filter((h) => docs.includes(h.passage.doc)).slice(0, limit) : searchPassages(index, q, limit),
  };
}
