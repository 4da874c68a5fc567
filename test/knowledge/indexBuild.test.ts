// The index build, made faster without changing answers: flatMiniSearch is a stock MiniSearch
// but for its term dictionary (same serialised index — postings, field lengths, average field
// lengths — and the same ranked results and scores, on the real passages, fixture questions and
// arbitrary documents; prefix and fuzzy search, which need the radix tree, fail loudly); the
// fast paths of normalizeText and the bigram tokenizer equal their definitions.
import fc from 'fast-check';
import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { flatMiniSearch } from '../../knowledge/flatIndex.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { normalizeSlow, normalizeText, TOKENIZERS } from '../../knowledge/search.ts';
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

describe('normalizeText fast path', () => {
  it('equals the character-by-character definition on any text (full-width forms, Latin, Greek, astral letters)', () => {
    const unit = fc.oneof(
      fc.constantFrom(...'城镇市ＡＺａｚ０９！～　\u3000ΣσİAZaz09 ,.%（）：', '𐐀', '𝐀', '\ud800'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(fc.property(fc.array(unit, { maxLength: 30 }).map((a) => a.join('')), (s) => {
      expect(normalizeText(s)).toBe(normalizeSlow(s));
    }), { numRuns: 2000 });
    for (const p of loadKnowledge().passages) expect(normalizeText(p.text)).toBe(normalizeSlow(p.text));
  });
});

describe('bigram tokenizer', () => {
  /** The tokenizer as first written: characters by spreading, bigrams by concatenation. */
  function reference(text: string, unigrams: boolean): string[] {
    const out: string[] = [];
    for (const m of normalizeSlow(text).matchAll(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:\.[0-9]+)?%?/g)) {
      const run = m[0];
      if (!/^[\u3400-\u9fff\uf900-\ufaff]/.test(run)) {
        out.push(run);
        continue;
      }
      const chars = [...run];
      if (chars.length === 1 || unigrams) out.push(...chars);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    }
    return out;
  }
  it('gives the same tokens as its first version, on every passage and on arbitrary text', () => {
    for (const p of loadKnowledge().passages) {
      expect(TOKENIZERS.bigram(p.text)).toEqual(reference(p.text, false));
      expect(TOKENIZERS['bigram+unigram'](p.text)).toEqual(reference(p.text, true));
    }
    const unit = fc.constantFrom(...'城镇市建设ＡＧ5g．.％%，　 𠀀𝐀', '\ud840');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 25 }).map((a) => a.join('')), (s) => {
        expect(TOKENIZERS.bigram(s)).toEqual(reference(s, false));
      }),
      { numRuns: 1000 },
    );
  });
});
