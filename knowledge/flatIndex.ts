// A MiniSearch whose term dictionary is a hash map instead of its radix tree.
//
// Why: MiniSearch keeps terms in a radix tree whose nodes are Maps scanned linearly, in
// insertion order, for the edge that starts with the next character. Chinese bigrams start
// with ~1,700 distinct characters, so each of the ~67,000 passage tokens scanned hundreds of
// root edges (allocating a one-character string per edge looked at): most of the answer
// engine's start-up, and part of every lookup. The tree only pays off for prefix and fuzzy
// search, which this project never uses (bigram tokens are matched exactly); those two calls
// throw here instead of silently finding nothing. Postings, field lengths and scores are
// MiniSearch's own: test/knowledge/indexBuild.test.ts checks the index and the search results
// equal a stock MiniSearch's.
import MiniSearch, { type Options } from 'minisearch';

/** The part of MiniSearch's SearchableMap that indexing and exact search use. */
class FlatTermIndex<V> extends Map<string, V> {
  fetch(key: string, initial: () => V): V {
    let v = this.get(key);
    if (v === undefined) this.set(key, (v = initial()));
    return v;
  }
  atPrefix(): never {
    throw new Error('flatIndex: prefix search needs MiniSearch\'s radix tree; build this index with new MiniSearch()');
  }
  fuzzyGet(): never {
    throw new Error('flatIndex: fuzzy search needs MiniSearch\'s radix tree; build this index with new MiniSearch()');
  }
}

/** `new MiniSearch(options)` for exact-term search: same index and scores, faster to fill. */
export function flatMiniSearch<T>(options: Options<T>): MiniSearch<T> {
  const mini = new MiniSearch<T>(options);
  const internal = mini as unknown as { _index: unknown };
  // MiniSearch 7 keeps the dictionary in _index (a SearchableMap); if that ever changes, the
  // equivalence test fails rather than answers changing quietly.
  if (!(internal._index instanceof Map) && typeof (internal._index as { fetch?: unknown })?.fetch !== 'function')
    throw new Error('flatIndex: unexpected MiniSearch internals');
  internal._index = new FlatTermIndex();
  return mini;
}
