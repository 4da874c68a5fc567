// Who reported (issue 13, class 11): "哪些单位还没报", "谁家没报" — the lead units with items not
// reported, those with none reported first; "最近谁报了进展", "最新进展" — the latest reports,
// newest first. The same store reads as /汇总: an item counts as reported once it has a report.
import type { SupervisedItem } from '../items/catalog.ts';
import { clip } from '../progress/format.ts';
import { localDate, shortDate } from '../progress/time.ts';
import type { LiveStatus, LiveView } from './liveView.ts';
import type { Answer } from './types.ts';

const RECENT_SHOWN = 10;
/** Units named in one line each past this many are joined in one line instead. */
const UNIT_LINES = 25;

/** An item's reporting units: an indicator cell's town, every other list's lead units. */
const unitsOf = (x: SupervisedItem) => (x.kind === 'indicator' ? x.leadUnits.slice(0, 1) : x.leadUnits);

/** Per reporting unit: its items and how many of them have a report. */
function tally(items: readonly SupervisedItem[], status: Map<number, LiveStatus>, only?: ReadonlySet<string>): Map<string, { all: number; done: number }> {
  const by = new Map<string, { all: number; done: number }>();
  for (const x of items)
    for (const u of unitsOf(x)) {
      if (only && !only.has(u)) continue;
      const c = by.get(u) ?? by.set(u, { all: 0, done: 0 }).get(u)!;
      c.all++;
      if ((status.get(x.no)?.reports ?? 0) > 0) c.done++;
    }
  return by;
}

/** "哪个单位报得最勤": the units with reports, most items reported first (then the larger share). */
export function mostReported(view: LiveView, items: readonly SupervisedItem[], status: Map<number, LiveStatus>, head: string, only?: ReadonlySet<string>): Answer {
  const by = tally(items, status, only);
  const noun = only ? '镇街' : '单位';
  const asOf = `截至${shortDate(view.today)}`;
  const ranked = [...by].filter(([, c]) => c.done > 0).sort((a, b) => b[1].done - a[1].done || b[1].done / b[1].all - a[1].done / a[1].all);
  if (!ranked.length) return { found: true, text: `${head}各${noun}还没有人填报进展（${asOf}，共${by.size}家）。联络员用 /进展 编号 内容 填报。`, refs: [] };
  const lines = [`${head}填报最多的${noun}（${asOf}，${ranked.length}家有填报，共${by.size}家）：`];
  for (const [u, c] of ranked.slice(0, 10)) lines.push(`· ${u}：已报${c.done}项，未报${c.all - c.done}项`);
  if (ranked.length > 10) lines.push(`……另有${ranked.length - 10}家有填报，可发 /汇总 单位 查看`);
  return { found: true, text: lines.join('\n'), refs: [] };
}

export function unreportedUnits(view: LiveView, items: readonly SupervisedItem[], status: Map<number, LiveStatus>, head: string, only?: ReadonlySet<string>): Answer {
  const by = tally(items, status, only);
  const none = [...by].filter(([, c]) => c.done === 0).map(([u]) => u);
  const some = [...by].filter(([, c]) => c.done > 0 && c.done < c.all).sort((a, b) => b[1].all - b[1].done - (a[1].all - a[1].done));
  const all = [...by].filter(([, c]) => c.all && c.done === c.all).map(([u]) => u);
  const asOf = `截至${shortDate(view.today)}`;
  const noun = only ? '镇街' : '单位';
  if (!none.length && !some.length) return { found: true, text: `${head}各${noun}都已填报（${asOf}，${by.size}家）。`, refs: [] };
  const lines = [`${head}未报齐的${noun}${none.length + some.length}家（${asOf}，共${by.size}家）：`];
  if (none.length) lines.push(`一项未报${none.length}家：${none.join('、')}`);
  if (some.length) {
    lines.push(`部分未报${some.length}家：`);
    const shown = some.slice(0, UNIT_LINES);
    for (const [u, c] of shown) lines.push(`· ${u}：已报${c.done}/${c.all}项`);
    if (some.length > shown.length) lines.push(`……另有${some.length - shown.length}家，可发 /汇总 单位 查看`);
  }
  if (all.length) lines.push(`已报齐${all.length}家：${all.slice(0, 12).join('、')}${all.length > 12 ? '等' : ''}`);
  return { found: true, text: lines.join('\n'), refs: [] };
}

export function recentReports(view: LiveView, items: readonly SupervisedItem[], status: Map<number, LiveStatus>, head: string, window?: { from: string; to: string; label: string }): Answer {
  const rows = items.flatMap((x) => {
    const r = status.get(x.no)?.latest;
    const day = r && localDate(r.at);
    return r && (!window || (day! >= window.from && day! <= window.to)) ? [{ x, r }] : [];
  });
  rows.sort((a, b) => b.r.at.localeCompare(a.r.at));
  const asOf = `截至${shortDate(view.today)}`;
  const when = window ? `${window.label}（${shortDate(window.from)}–${shortDate(window.to)}）` : '';
  if (!rows.length) return { found: true, text: `${head}${when}还没有人填报进展（${asOf}）。联络员用 /进展 编号 内容 填报。`, refs: [] };
  const shown = rows.slice(0, RECENT_SHOWN);
  const lines = [`${head}${when || '最近'}填报的进展（${asOf}，${rows.length}项有填报，按时间倒序）：`];
  for (const { x, r } of shown) lines.push(`· ${shortDate(localDate(r.at))} ${r.unit} ${r.userName}｜${x.label}：${clip(r.text, 40)}`);
  if (rows.length > shown.length) lines.push(`……另有${rows.length - shown.length}项，可问“第N项进展”`);
  return { found: true, text: lines.join('\n'), refs: shown.slice(0, 3).map(({ x }) => x.source) };
}
