// npm run bench: figures printed, never asserted. Ratios compare against a baseline measured
// in the same process (a naive substring scan of every record), so machine speed cancels out.
import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../../knowledge/load.ts';
import { answer } from '../../src/answer/answer.ts';
import { buildContext } from '../../src/answer/context.ts';
import { execFileSync } from 'node:child_process';
import { benchFeishuWebhook } from '../platforms/feishu/webhookBench.ts';
import { benchCallback } from '../platforms/wecom/callbackBench.ts';
import { benchMedia } from '../platforms/wecom/mediaBench.ts';
import { benchCalendar } from './calendar-bench.ts';
import { benchLedger } from './ledger-bench.ts';
import { benchRemind } from './remind-bench.ts';

const questions = (JSON.parse(readFileSync(new URL('../fixtures/questions.json', import.meta.url), 'utf8')) as { q: string }[]).map((x) => x.q);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (x: number) => `${x.toFixed(3)} ms`;

const rss0 = process.memoryUsage().rss;
let t = performance.now();
const kb = loadKnowledge();
const loadMs = performance.now() - t;
t = performance.now();
const ctx = buildContext(kb);
const buildMs = performance.now() - t;
// Build again on a warm JIT: the figure a long-running bot sees on reload.
const builds: number[] = [];
for (let i = 0; i < 5; i++) {
  t = performance.now();
  buildContext(kb);
  builds.push(performance.now() - t);
}

const texts = [
  ...kb.keyTasks.map((x) => x.target),
  ...kb.indicators.map((x) => x.text),
  ...kb.passages.map((x) => x.text),
];
function baseline(q: string): number {
  let hits = 0;
  for (const s of texts) if (s.includes(q.slice(0, 2))) hits++;
  return hits;
}

for (const q of questions) (answer(q, ctx), baseline(q)); // warm-up
const lat: number[] = [];
const base: number[] = [];
for (let round = 0; round < 20; round++)
  for (const q of questions) {
    t = performance.now();
    answer(q, ctx);
    lat.push(performance.now() - t);
    t = performance.now();
    baseline(q);
    base.push(performance.now() - t);
  }
const mem = process.memoryUsage();

console.log('duban bench — knowledge base and answer engine');
console.log(`records: ${kb.keyTasks.length} tasks, ${kb.livelihood.length} projects, ${kb.indicators.length} indicators, ${kb.voted.length} voted, ${kb.measures.length} measures, ${kb.passages.length} passages`);
console.log(`load JSON:            ${ms(loadMs)}`);
console.log(`index build (cold):   ${ms(buildMs)}   target < 300 ms`);
console.log(`index build (warm):   ${ms(pct(builds, 50))} median of ${builds.length}`);
console.log(`answer latency:       p50 ${ms(pct(lat, 50))}  p99 ${ms(pct(lat, 99))}  max ${ms(Math.max(...lat))}   target p99 < 5 ms  (${questions.length} questions × 20)`);
console.log(`baseline scan:        p50 ${ms(pct(base, 50))}  p99 ${ms(pct(base, 99))}`);
console.log(`ratio answer/baseline: p50 ${(pct(lat, 50) / pct(base, 50)).toFixed(1)}×  p99 ${(pct(lat, 99) / pct(base, 99)).toFixed(1)}×`);
console.log(`memory: rss ${(mem.rss / 2 ** 20).toFixed(1)} MiB (+${((mem.rss - rss0) / 2 ** 20).toFixed(1)} MiB), heap ${(mem.heapUsed / 2 ** 20).toFixed(1)} MiB`);

console.log('\n— reminders —');
benchRemind();

console.log('\n— ledger export and dashboard —');
await benchLedger();

console.log('\n— reminder calendar off the event loop —');
await benchCalendar();

console.log('\n— Feishu webhook throughput —');
const fw = await benchFeishuWebhook();
console.log(`webhook mode, signed+encrypted event in → reply at the fake (own process): ${fw.ours.toFixed(0)} events/s vs bare node:http ${fw.bare.toFixed(0)} req/s (${(fw.ratio * 100).toFixed(0)}%)   target ≥ 25 %`);

console.log('\n— WeCom callback throughput —');
const cb = await benchCallback();
console.log(`callback mode: ${cb.ours.toFixed(0)} req/s vs bare node:http ${cb.bare.toFixed(0)} req/s (${(cb.ratio * 100).toFixed(0)}%)`);

console.log('\n— WeCom 佐证材料 download —');
const md = await benchMedia();
console.log(`${md.mb} MB image, streamed under the cap + AES-256-CBC decrypt: median ${md.oursMs.toFixed(0)} ms vs bare GET ${md.bareMs.toFixed(0)} ms`);

console.log('\n— progress store (durable writes, /汇总) —');
// Its own process: it opens and syncs files and must not share this one's heap figures.
process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', new URL('./store-bench.ts', import.meta.url).pathname, '--quick'], { encoding: 'utf8' }));
