// Scores live questions (issue 13, class 11) written blind (test/heldout/README.md): each names
// the reading a right reply takes — one item's state, what lags, the nodes of a period, the items
// in one state, who reported, a scope's standing, or a lookup of the documents — and its scope.
// A fixed store (a few reports) and a fixed today (2026-06-26). Prints; asserts nothing.
//   npx tsx test/bench/live-eval.ts --file path.json [--misses]
import { readFileSync } from 'node:fs';
import { answer } from '../../src/answer/answer.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { askContext } from '../../src/liveContext.ts';
import { READ_ALL } from '../../src/progress/liveView.ts';
import { shortDate } from '../../src/progress/time.ts';
import { openDbFile } from '../../src/store/db.ts';
import { insertReport } from '../../src/store/reports.ts';

type Scope = 'all' | { unit?: string; leader?: string; town?: string; list?: string };
interface Q { q: string; reading: string; scope?: Scope; items?: string[]; state?: string; from?: string; to?: string }

const args = process.argv.slice(2);
const file = args[args.indexOf('--file') + 1]!;
const qs = JSON.parse(readFileSync(file, 'utf8')) as Q[];
const base = knowledgeContext();
const db = openDbFile(':memory:');
let seq = 0;
const rep = (taskNo: number, at: string, text: string, unit: string, o: { percent?: number; status?: '已完成' | '滞后' } = {}) =>
  insertReport(db, { taskNo, platform: 'feishu', userId: 'u', userName: '张三', unit, text, percent: o.percent ?? null, status: o.status ?? null, chatId: 'g', messageId: `m${++seq}`, createdAt: at });
rep(28, '2026-05-10T02:00:00Z', '完成选址', '住建局');
rep(26, '2026-06-20T02:00:00Z', '已开工3条，完成率40%', '住建局', { percent: 40 });
rep(19, '2026-06-01T02:00:00Z', '完成30%', '水利局', { percent: 30 });
rep(46, '2026-06-15T02:00:00Z', '已完成', '人社局', { status: '已完成' });
const now = new Date('2026-06-26T02:00:00Z');
const LIVE = '截至6月26日';

function itemLabel(s: string): string {
  return /^\d+$/.test(s) ? `第${s}项` : s;
}

function judge(q: Q, text: string): string | null {
  const live = text.includes(LIVE) || text.includes('到期的节点');
  if (q.reading === 'lookup') return live && !/来源|文件中/.test(text) ? '答成了进展' : null;
  const scope = q.scope && q.scope !== 'all' ? q.scope : undefined;
  const name = scope?.unit ?? scope?.leader ?? scope?.town;
  if (name && !text.split('\n')[0]!.includes(name)) return `首行无${name}`;
  if (scope?.list && !text.split('\n')[0]!.includes(scope.list.replace('票决民生实事', '票决'))) return `首行无${scope.list}`;
  switch (q.reading) {
    case 'item':
      for (const i of q.items ?? []) if (!text.includes(itemLabel(i))) return `无${itemLabel(i)}`;
      return /状态：|：(?:已完成|逾期完成|正常推进|滞后|未开始)/.test(text) ? null : '无状态';
    case 'lag':
      return /滞后\d+项|没有滞后的事项/.test(text) ? null : '非滞后清单';
    case 'period': {
      if (!/到期的节点/.test(text)) return '非节点清单';
      const range = q.from && q.to ? `${shortDate(q.from)}–${shortDate(q.to)}` : '';
      return range && !text.includes(range) ? `时段不是${range}` : null;
    }
    case 'state':
      return new RegExp(`${q.state}\\d+项|没有${q.state}的事项`).test(text) ? null : `非${q.state}清单`;
    case 'reported':
      // whether a scope reported, which units have not, or when it last did
      return /已报\d+项，未报\d+项|未报齐的|都已填报|填报的进展|还没有人填报/.test(text) ? null : '无已报/未报';
    case 'progress':
      return live ? null : '非进展';
  }
  return `未知reading ${q.reading}`;
}

const by = new Map<string, { n: number; ok: number }>();
const misses: string[] = [];
for (const q of qs) {
  const a = answer(q.q, askContext(base, { db, now, access: READ_ALL }));
  const why = judge(q, a.text);
  const k = by.get(q.reading) ?? by.set(q.reading, { n: 0, ok: 0 }).get(q.reading)!;
  k.n++;
  if (!why) k.ok++;
  else misses.push(`✗ [${q.reading}] ${q.q} — ${why}\n    ${a.text.split('\n')[0]!.slice(0, 80)}`);
}
const total = [...by.values()].reduce((s, k) => ({ n: s.n + k.n, ok: s.ok + k.ok }), { n: 0, ok: 0 });
console.log(`live strict: ${total.ok}/${total.n} (${((100 * total.ok) / total.n).toFixed(1)}%)`);
for (const [r, k] of [...by.entries()].sort()) console.log(`  ${r.padEnd(10)} ${k.ok}/${k.n}`);
if (args.includes('--misses')) console.log(misses.join('\n'));
