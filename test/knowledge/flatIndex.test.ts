// flatMiniSearch is a stock MiniSearch but for its term dictionary: the same serialised index
// (postings, field lengths, average field lengths) and the same ranked results with the same
// scores, on the real passages and topic records and on arbitrary documents; prefix and fuzzy
// search, which would need the radix tree, fail loudly.
import fc from 'fast-check';
import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { flatMiniSearch } from '../../knowledge/flatIndex.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { TOKENIZERS } from '../../knowledge/search.ts';
import questions from '../fixtures/questions.json' with { type: 'json' };
import searchQuestions from '../fixtures/search-questions.json' with { type: 'json' };

type Doc = { id: string; text: string; section: string; title: string };
const tokenize = TOKENIZERS.bigram;
const options = (): Options<Doc> => ({
  fields: ['text', 'section', 'title'],
  tokenize: (text, field) => (field === 'text' ? tokenize(text) : [...new Set(tokenize(text))]),
  processTerm: (t) => t,
  searchOptions: { boost: { text: 1, section: 0.5, title: 1 }, combineWith: 'OR' },
});

/** The serialised index with terms in one order (the tree iterates by key, the map by insertion). */
function canonical(m: MiniSearch<Doc>) {
  const js = m.toJSON();
  return { ...js, index: [...js.index].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
}

function both(docs: Doc[]): [MiniSearch<Doc>, MiniSearch<Doc>] {
  const stock = new MiniSearch<Doc>(options());
  stock.addAll(docs);
  const flat = flatMiniSearch<Doc>(options());
  flat.addAll(docs);
  return [stock, flat];
}

describe('flatMiniSearch', () => {
  const kb = loadKnowledge();
  const passages = kb.passages.map((p) => ({ id: p.id, text: p.text, section: p.section.join(' '), title: p.title }));

  it('builds the same index as MiniSearch over the real passages, and ranks every fixture question the same', () => {
    const [stock, flat] = both(passages);
    expect(canonical(flat)).toEqual(canonical(stock));
    const qs = [...questions, ...searchQuestions].map((x) => x.q);
    expect(qs.length).toBeGreaterThan(300);
    for (const q of qs) expect(flat.search(q), q).toEqual(stock.search(q));
  });

  it('same index and results for arbitrary documents and queries', () => {
    const text = fc.string({ unit: fc.constantFrom(...'城镇市建设项目的和一二三abc1 .%，'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.record({ text, section: text, title: text }), { maxLength: 12 }), fc.array(text, { minLength: 1, maxLength: 5 }), (raw, queries) => {
        const docs = raw.map((d, i) => ({ id: `d${i}`, ...d }));
        const [stock, flat] = both(docs);
        expect(canonical(flat)).toEqual(canonical(stock));
        for (const q of queries) expect(flat.search(q)).toEqual(stock.search(q));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses prefix and fuzzy search rather than finding nothing', () => {
    const [, flat] = both(passages.slice(0, 20));
    expect(() => flat.search('建设', { prefix: true })).toThrow(/prefix/);
    expect(() => flat.search('建设', { fuzzy: 1 })).toThrow(/fuzzy/);
  });
});
