// What falls due in a period (本周, 二季度, 9月底前到期): the nodes of the scope's items with
// how each stands, or, in a quiet period, the next nodes after it.
import type { SupervisedItem } from '../items/catalog.ts';
import type { AnswerContext } from './context.ts';
import { askedPeriod } from './periods.ts';
import { leads, listName, MAX_ITEMS, milestoneText, NO_STORE, restricted, title, when } from './liveLines.ts';
import type { Reading } from './liveRead.ts';
import { scopeItems } from './liveScope.ts';
import type { LiveMilestone, LiveStatus, LiveView } from './liveView.ts';
import { shortDate } from '../progress/time.ts';
import type { Answer } from './types.ts';

interface DueRow {
  x: SupervisedItem;
  m: LiveMilestone;
}

/** Milestones of the lists' own year-end (民生实事 "如期完成", every indicator cell): one line of
 * counts, not one line each, or a 下半年 question would list hundreds. */
const yearEndRoutine = (x: SupervisedItem, m: LiveMilestone) => (x.kind === 'indicator' || x.kind === 'livelihood') && /-12-31$/.test(m.dueDate) && /年底/.test(m.label ?? '');

export function periodAnswer(ctx: AnswerContext, view: LiveView, r: Reading, documents?: (q: string) => Answer): Answer {
  const p = r.period!;
  const { items, name } = scopeItems(view, r.scope, r.filter);
  const { visible, note } = view.stored ? restricted(view, items) : { visible: items, note: undefined };
  const status = view.stored && visible.length ? view.status(visible) : new Map<number, LiveStatus>();
  const rows: DueRow[] = [];
  for (const x of visible) {
    const ms = status.get(x.no)?.milestones ?? view.milestones(x);
    for (const m of ms) if (m.dueDate >= p.from && m.dueDate <= p.to) rows.push({ x, m });
  }
  rows.sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate) || a.x.no - b.x.no);
  // Without a list named, the key tasks (票决 projects included) are listed and the other lists
  // counted: their text deadlines and year-end nodes would bury the tasks.
  // The other lists' dated deadlines (端午文化博物馆7月底前) are listed too; their 全年/年内 ones
  // only counted.
  const main = (d: DueRow) => r.filter !== undefined || r.scope.kind !== 'all' || d.x.kind === 'key' || d.x.kind === 'voted' || !/全年|年内|年底|年末/.test(d.m.label ?? '');
  const routine = rows.filter((d) => yearEndRoutine(d.x, d.m) || !main(d));
  const listed = rows.filter((d) => !yearEndRoutine(d.x, d.m) && main(d));
  // nothing of the key tasks in the period: the other lists' nodes are the answer, when few
  const others = !listed.length && routine.length > 0 && routine.length <= MAX_ITEMS;
  if (others) listed.push(...routine.splice(0));
  const keysOnly = listed.every((d) => d.x.kind === 'key' || d.x.kind === 'voted');
  const who = name ? `${name}${r.scope.kind === 'town' ? '' : '牵头的'}${r.filter?.label ?? (r.scope.kind === 'town' ? '' : '事项')}` : r.filter?.label ?? (others || !keysOnly ? '' : '重点工作任务');
  const range = `${shortDate(p.from)}–${shortDate(p.to)}`;
  if (!listed.length && !routine.length) {
    // a month of the documents' year: their reply names the months that have nodes
    // (the board's next nodes first, then the months that have nodes)
    const d = r.scope.kind === 'all' && !r.filter && askedPeriod(r.question) ? documents?.(r.question) : undefined;
    const none = nonePeriod(ctx, view, visible, status, `${name || r.filter ? who : ''}${p.label}（${range}）`, p.to, note);
    return d && !d.found && /节点在/.test(d.text) ? { ...none, text: `${none.text}\n${d.text.replace(/^文件中没有[^。]*。/, '')}` } : none;
  }
  const tally = view.stored && listed.length ? `：${(['已达成', '逾期完成', '未达成', '未到期'] as const).map((o) => [o, listed.filter((d) => d.m.outcome === o).length] as const).filter(([, n]) => n).map(([o, n]) => `${o === '未达成' ? '已过期未达成' : o}${n}个`).join('，')}` : '';
  const lines = [`${who}${p.label}（${range}）到期的节点${listed.length}个（${view.stored ? when(view) : '按文件和已设节点'}）${tally}${note ?? ''}：`];
  const shown = listed.slice(0, MAX_ITEMS);
  // a node's words are what is due: whole, up to what a line holds
  for (const d of shown) lines.push(`· ${title(ctx, d.x, 14)}｜${leads(d.x)}｜${milestoneText(d.m, shown.length > 15 ? 40 : 90)}`);
  if (listed.length > shown.length) lines.push(`……另有${listed.length - shown.length}个，可按单位问：“住建局${p.label}到期的节点”`);
  if (routine.length) {
    const by = [...new Set(routine.map((d) => listName(d.x)))].map((l) => `${l}${routine.filter((d) => listName(d.x) === l).length}个`);
    lines.push(`另有${by.join('、')}（可问“开局八好${p.label}到期的节点”，或 /汇总）`);
  }
  if (!view.stored) lines.push(NO_STORE);
  return { found: true, text: lines.join('\n'), refs: [...new Set(shown.map((d) => d.x.source))].slice(0, 3) };
}

/** A period with no node ("本周到期的节点" in a quiet week): said so, with the scope's next nodes
 * after it, so the leader learns when the next one falls instead of getting the generic hint. */
function nonePeriod(ctx: AnswerContext, view: LiveView, visible: readonly SupervisedItem[], status: Map<number, LiveStatus>, what: string, after: string, note?: string): Answer {
  const all: DueRow[] = [];
  for (const x of visible) for (const m of status.get(x.no)?.milestones ?? view.milestones(x)) if (m.dueDate > after) all.push({ x, m });
  // the lists' routine year-end nodes only when nothing else is left (a town's indicator cells)
  const dated = all.filter((d) => !yearEndRoutine(d.x, d.m));
  const next = (dated.length ? dated : all).sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate) || a.x.no - b.x.no);
  const first = next[0]?.m.dueDate;
  // the nodes of the first day after, at most five: "the next one" may be several on one day
  const day = next.filter((d) => d.m.dueDate === first);
  const shown = day.slice(0, 5);
  const lines = [`${what}没有到期的节点${note ?? ''}。`];
  if (shown.length) lines.push(`之后最近的节点（${shortDate(first!)}${day.length > shown.length ? `，共${day.length}个` : ''}）：`, ...shown.map((d) => `· ${title(ctx, d.x, 14)}｜${leads(d.x)}｜${milestoneText(d.m, 60)}`));
  else lines.push('之后没有再到期的节点。');
  if (!view.stored) lines.push(NO_STORE);
  // found:false as for a month the documents have no node in: nothing is due, the text says so
  return { found: false, text: lines.join('\n'), refs: [] };
}
