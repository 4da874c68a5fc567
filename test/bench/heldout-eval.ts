// Scores the answer engine on the held-out blind set (test/heldout/README.md): strict accuracy
// overall and per class. Prints; asserts nothing — the set is measured, never tuned on.
//   npx tsx test/bench/heldout-eval.ts [--misses] [--file path.json]
import { readFileSync } from 'node:fs';
import { answer } from '../../src/answer/answer.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

interface Q { q: string; found: boolean; expect: string[]; expectAny?: string[][]; absent?: string[]; kind: string }
const args = process.argv.slice(2);
const fileArg = args.indexOf('--file');
const file = fileArg >= 0 ? args[fileArg + 1]! : new URL('../heldout/questions.json', import.meta.url);
const all = JSON.parse(readFileSync(file, 'utf8')) as Q[];
// A blind question that happens to be worded exactly like a dev question was tuned on: not unseen.
const dev = new Set(
  ['../fixtures/questions.json', '../fixtures/blind-1.json', '../fixtures/questions-passages.json'].flatMap((f) => {
    try {
      return (JSON.parse(readFileSync(new URL(f, import.meta.url), 'utf8')) as Q[]).map((q) => q.q);
    } catch {
      return [];
    }
  }),
);
const unseenOnly = fileArg < 0;
const qs = unseenOnly ? all.filter((q) => !dev.has(q.q)) : all;
if (unseenOnly && qs.length < all.length) console.log(`(${all.length - qs.length} of ${all.length} left out: worded exactly like a dev question)`);
const ctx = knowledgeContext();
const squash = (s: string) => s.replace(/\s+/g, '');
const byKind = new Map<string, { n: number; ok: number }>();
const misses: string[] = [];
for (const q of qs) {
  const a = answer(q.q, ctx);
  const text = squash(a.text);
  const missing = q.found
    ? [...q.expect.filter((e) => !text.includes(squash(e))), ...(q.expectAny ?? []).filter((g) => !g.some((e) => text.includes(squash(e)))).map((g) => g.join('/'))]
    : [];
  const wrong = (q.absent ?? []).filter((e) => text.includes(squash(e)));
  const ok = a.found === q.found && !missing.length && !wrong.length;
  const k = byKind.get(q.kind) ?? byKind.set(q.kind, { n: 0, ok: 0 }).get(q.kind)!;
  k.n++;
  if (ok) k.ok++;
  else misses.push(`✗ [${q.kind}] ${q.q}\n    found=${a.found}${missing.length ? ` 缺：${missing.join('、')}` : ''}${wrong.length ? ` 不应有：${wrong.join('、')}` : ''}`);
}
const total = [...byKind.values()].reduce((s, k) => ({ n: s.n + k.n, ok: s.ok + k.ok }), { n: 0, ok: 0 });
console.log(`held-out strict: ${total.ok}/${total.n} (${((100 * total.ok) / total.n).toFixed(1)}%)`);
for (const [kind, k] of [...byKind.entries()].sort()) console.log(`  ${kind.padEnd(14)} ${k.ok}/${k.n}`);
if (args.includes('--misses')) console.log(misses.join('\n'));
