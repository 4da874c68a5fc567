// Adapter over the full-text passage index (knowledge/search.ts) so answer() depends on one
// small interface.
import { buildSearchIndex, searchPassages } from '../../knowledge/search.ts';
import type { Passage } from '../../knowledge/types.ts';

export interface PassageHit {
  passage: Passage;
  score: number;
  snippet: string;
}

export interface PassageSearch {
  search(query: string, limit?: number): PassageHit[];
}

export function buildPassageSearch(passages: Passage[]): PassageSearch {
  const index = buildSearchIndex(passages);
  return { search: (q, limit = 3) => searchPassages(index, q, limit) };
}
