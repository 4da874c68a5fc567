// Live questions (src/answer/live.ts): latency and reply size over a store with a year of
// synthetic reports on every item, the asker a leader (the whole board). Printed, never asserted.
// Baseline: the same question answered from the documents alone (no store view).
//   npx tsx test/bench/live-bench.ts
import { answer } from '../../src/answer/answer.ts';
import { catalogOf } from '../../src/items/catalog.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { askContext } from '../../src/liveContext.ts';
import { loadBoard } from '../../src/progress/board.ts';
import { READ_ALL } from '../../src/progress/liveView.ts';
import { openDbFile } from '../../src/store/db.ts';
import { insertReport } from '../../src/store/reports.ts';

const db = openDbFile(':memory:');
const base = knowledgeContext();
const items = catalogOf(base.kb).all;
let n = 0;
// one report a week on every item from January to June: ~9,700 reports
for (let week = 0; week < 25; week++)
  for (const x of items)
    insertReport(db, {
      taskNo: x.no, platform: 'feishu', userId: 'u', userName: '欧阳明华', unit: x.leadUnits[0] ?? '督查室',
      text: '资金已到位，正在协调相关单位推进，预计下月完成阶段目标', percent: week * 2, status: week === 24 && x.no % 7 === 0 ? '滞后' : null,
      chatId: 'g', messageId: `m${++n}`, createdAt: new Date(Date.UTC(2026, 0, 5) + week * 7 * 86_400_000).toISOString(),
    });
const now = new Date('2026-06-26T02:00:00Z');
const QUESTIONS = ['28项进展咋样了', '住建那几项现在咋样', '哪些任务滞后了', '本月到期的节点', '下半年要完成哪些任务', '民生6.1进度', '白塘镇的任务报了没', '任务进展怎么样', '杨盛牵头的任务进展', '保障房进展怎么样'];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(`duban live bench — ${n} reports on ${items.length} items`);
const all: number[] = [];
for (const q of QUESTIONS) {
  const live: number[] = [];
  const docs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 22; i++) {
    let t = performance.now();
    const a = answer(q, askContext(base, { db, now, access: READ_ALL }));
    const d = performance.now() - t;
    t = performance.now();
    answer(q, base);
    const b = performance.now() - t;
    if (i < 2) continue; // warm-up
    live.push(d);
    docs.push(b);
    bytes = Buffer.byteLength(a.text);
  }
  all.push(...live);
  console.log(`${q.padEnd(12, '　')} p50 ${ms(pct(live, 50))}  p99 ${ms(pct(live, 99))}  (documents only p50 ${ms(pct(docs, 50))})  ${bytes} bytes`);
}
console.log(`all live questions: p50 ${ms(pct(all, 50))}  p99 ${ms(pct(all, 99))}`);
// What /滞后 and /汇总 pay for the same board: one read of the live reports, the rule per item.
const board: number[] = [];
for (let i = 0; i < 22; i++) {
  const t = performance.now();
  loadBoard(db, items, '2026-06-26');
  if (i >= 2) board.push(performance.now() - t);
}
console.log(`baseline loadBoard (every item, as /滞后): p50 ${ms(pct(board, 50))}  p99 ${ms(pct(board, 99))}`);
