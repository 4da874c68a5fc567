// Compares Chinese tokenizers for the full-text fallback on test/fixtures/search-questions.json:
// top-1 / top-3 hit rate (ranking alone, no threshold), score separation between on-topic and
// off-topic questions, index build time and query latency.
//
//   npx tsx test/bench/search-eval.ts            # table for all tokenizers
//   npx tsx test/bench/search-eval.ts --misses   # also list the questions each tokenizer misses
//
// jieba is measured when @node-rs/jieba can be loaded (it is not a dependency of the project):
// install it outside the repo and point JIEBA_MODULE at it, e.g.
//   (cd /tmp/jieba && npm install --no-save @node-rs/jieba)
//   JIEBA_MODULE=/tmp/jieba/node_modules/@node-rs/jieba npx tsx test/bench/search-eval.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { splitPassages } from '../../knowledge/parsers/passages.ts';
import { DOCS, readSource } from '../../knowledge/sources.ts';
import {
  buildSearchIndex,
  normalizeText,
  searchPassages,
  TOKENIZERS,
  MIN_SCORE,
  type SearchIndex,
  type Tokenizer,
  type TokenizerName,
} from '../../knowledge/search.ts';
import type { DocId, Passage } from '../../knowledge/types.ts';

export interface Question {
  q: string;
  doc?: DocId;
  /** The passage text contains this (or one of these). */
  expect?: string | string[];
  expectLineRange?: [number, number];
  expectNone?: boolean;
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const QUESTIONS: Question[] = JSON.parse(
  readFileSync(join(HERE, '../fixtures/search-questions.json'), 'utf8'),
);

export function isExpected(q: Question, p: Passage): boolean {
  if (q.doc && p.doc !== q.doc) return false;
  if (q.expectLineRange && (p.line < q.expectLineRange[0] || p.line > q.expectLineRange[1])) return false;
  if (q.expect !== undefined) {
    const any = Array.isArray(q.expect) ? q.expect : [q.expect];
    if (!any.some((e) => p.text.includes(e))) return false;
  }
  return true;
}

export function allPassages(): Passage[] {
  return (Object.keys(DOCS) as DocId[]).flatMap((d) => splitPassages(d, readSource(d)));
}

function loadJieba(): Tokenizer | null {
  const require = createRequire(import.meta.url);
  const name = process.env.JIEBA_MODULE ?? '@node-rs/jieba';
  try {
    const { Jieba } = require(name);
    const { dict } = require(`${name}/dict`);
    const jieba = Jieba.withDict(dict);
    return (text: string) =>
      (jieba.cutForSearch(normalizeText(text), true) as string[]).filter((w) =>
        /[\u3400-\u9fff\uf900-\ufaffa-z0-9]/.test(w),
      );
  } catch {
    return null;
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

interface Row {
  name: string;
  top1: number;
  top3: number;
  onTopic: number;
  minHit: number; // lowest normalised score of a correct top-1 hit
  maxOff: number; // highest normalised top score of an off-topic question
  offRejected: number; // off-topic questions returning [] at MIN_SCORE (default tokenizer only meaningful)
  buildMs: number;
  firstBuildMs: number;
  p50: number;
  p99: number;
  misses: string[];
}

function evaluate(name: string, passages: Passage[], tokenizer: TokenizerName | Tokenizer): Row {
  // Build time: median of 5 fresh builds, tokenization included.
  const builds: number[] = [];
  let index: SearchIndex | null = null;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    index = buildSearchIndex(passages, { tokenizer, minScore: 0 });
    builds.push(performance.now() - t0);
  }
  const idx = index!;
  const onTopic = QUESTIONS.filter((q) => !q.expectNone);
  const offTopic = QUESTIONS.filter((q) => q.expectNone);
  let top1 = 0;
  let top3 = 0;
  let minHit = Infinity;
  const misses: string[] = [];
  for (const q of onTopic) {
    const hits = searchPassages(idx, q.q, 3);
    const rank = hits.findIndex((h) => isExpected(q, h.passage));
    if (rank === 0) {
      top1++;
      minHit = Math.min(minHit, hits[0]!.score);
    }
    if (rank >= 0) top3++;
    else misses.push(`${q.q} → ${hits[0] ? `${hits[0].passage.id} L${hits[0].passage.line} ${hits[0].passage.text.slice(0, 40)}` : '[]'}`);
  }
  let maxOff = 0;
  let offRejected = 0;
  for (const q of offTopic) {
    const hits = searchPassages(idx, q.q, 3);
    maxOff = Math.max(maxOff, hits[0]?.score ?? 0);
    if (!hits[0] || hits[0].score < MIN_SCORE) offRejected++;
  }
  // Latency: every question 30 times after a warm-up.
  for (const q of QUESTIONS) searchPassages(idx, q.q, 3);
  const times: number[] = [];
  for (let r = 0; r < 30; r++) {
    for (const q of QUESTIONS) {
      const t0 = performance.now();
      searchPassages(idx, q.q, 3);
      times.push(performance.now() - t0);
    }
  }
  return {
    name,
    top1,
    top3,
    onTopic: onTopic.length,
    minHit,
    maxOff,
    offRejected,
    buildMs: pct(builds, 50),
    firstBuildMs: builds[0]!,
    p50: pct(times, 50),
    p99: pct(times, 99),
    misses,
  };
}

function main(): void {
  const t0 = performance.now();
  const passages = allPassages();
  const parseMs = performance.now() - t0;
  const variants: [string, TokenizerName | Tokenizer][] = (Object.keys(TOKENIZERS) as TokenizerName[]).map((n) => [n, n]);
  // The default without the junction-aware query length (every query bigram counts in n).
  variants.push(['bigram, n = all query bigrams', TOKENIZERS.bigram]);
  const jieba = loadJieba();
  if (jieba) variants.push(['jieba (cutForSearch)', jieba]);
  else console.log('jieba: @node-rs/jieba not loadable (set JIEBA_MODULE), skipped');

  console.log(`${passages.length} passages, parsed in ${parseMs.toFixed(0)} ms; ${QUESTIONS.length} questions`);
  console.log('| tokenizer | top-1 | top-3 | min correct top-1 score | max off-topic score | build ms | query p50 ms | query p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|');
  const rows = variants.map(([name, tok]) => evaluate(name, passages, tok));
  for (const r of rows) {
    const pc = (x: number) => `${x}/${r.onTopic} (${Math.round((100 * x) / r.onTopic)}%)`;
    console.log(
      `| ${r.name} | ${pc(r.top1)} | ${pc(r.top3)} | ${r.minHit.toFixed(2)} | ${r.maxOff.toFixed(2)} | ${r.buildMs.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
    );
  }
  const def = rows[0]!;
  const off = QUESTIONS.filter((q) => q.expectNone).length;
  console.log(
    `\ndefault (${def.name}): first (cold) build ${def.firstBuildMs.toFixed(0)} ms; MIN_SCORE ${MIN_SCORE}: off-topic rejected ${def.offRejected}/${off}`,
  );
  if (process.argv.includes('--misses')) {
    for (const r of rows) {
      console.log(`\n## ${r.name} misses (${r.misses.length})`);
      for (const m of r.misses) console.log(`- ${m}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
