// What a leader or a unit leads or cooperates on, with counts: "曹陶分管哪些任务", "住建局牵头几项".
import type { KeyTask, SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, LIST_MAX, sourceText } from '../format.ts';
import type { Query } from '../query.ts';
import type { Answer } from '../types.ts';

function nos(ts: KeyTask[]): string {
  return ts.map((t) => t.no).join('、');
}

function listTasks(ts: KeyTask[], lines: string[]): void {
  for (const t of ts.slice(0, LIST_MAX)) lines.push(`· 第${t.no}项 ${clip(t.target.replace(/。$/, ''), 28)}`);
}

export function byLeader(ctx: AnswerContext, q: Query, person: string): Answer {
  const kb = ctx.kb;
  const tasks = kb.keyTasks.filter((t) => t.leaders.includes(person));
  const items = kb.livelihood.flatMap((p) => p.items.filter((i) => i.leaders.includes(person)).map((i) => ({ p, i })));
  const voted = kb.voted.filter((v) => v.leaders.includes(person));
  if (/民生/.test(q.text) && items.length) {
    const lines = [`${person}牵头民生实事${items.length}个子项：`];
    for (const x of items.slice(0, LIST_MAX)) lines.push(`· 第${x.p.no}项 ${clip(x.i.text, 26)}`);
    if (items.length > LIST_MAX) lines.push(`（仅列前${LIST_MAX}个）`);
    lines.push(sourceText(items.map((x) => x.p.source)));
    return { found: true, text: lines.join('\n'), refs: items.map((x) => x.p.source) };
  }
  const lines = [`${person}牵头重点工作任务${tasks.length}项${tasks.length ? `：第${nos(tasks)}项` : ''}。`];
  if (tasks.length) {
    // The units those tasks lean on, most frequent first: what a leader's portfolio looks like.
    const count = new Map<string, number>();
    for (const t of tasks) for (const u of t.leadUnits) count.set(u, (count.get(u) ?? 0) + 1);
    const units = [...count].sort((a, b) => b[1] - a[1]).map(([u]) => u);
    lines.push(`涉及牵头单位：${units.slice(0, 6).join('、')}${units.length > 6 ? `等${units.length}个` : ''}。`);
  }
  if (!q.asks.count || q.asks.list) listTasks(tasks, lines);
  if (tasks.length > LIST_MAX && !q.asks.count) lines.push(`（仅列前${LIST_MAX}项，可问“第${tasks[LIST_MAX]!.no}项”看详情）`);
  if (items.length) {
    const projects = [...new Set(items.map((x) => x.p.no))];
    lines.push(`民生实事：牵头${items.length}个子项（第${projects.join('、')}项），如${items.slice(0, 2).map((x) => `「${clip(x.i.text, 18)}」`).join('')}。`);
  }
  if (voted.length) lines.push(`票决民生实事：第${voted.map((v) => v.no).join('、')}项。`);
  const refs: SourceRef[] = [...tasks.map((t) => t.source), ...items.map((x) => x.p.source), ...voted.map((v) => v.source)];
  lines.push(sourceText(refs));
  return { found: tasks.length + items.length + voted.length > 0, text: lines.join('\n'), refs };
}

export function byUnit(ctx: AnswerContext, q: Query, unit: string): Answer {
  const kb = ctx.kb;
  const lead = kb.keyTasks.filter((t) => t.leadUnits.includes(unit));
  const co = kb.keyTasks.filter((t) => t.coUnits.includes(unit));
  const lItems = kb.livelihood.flatMap((p) => p.items.filter((i) => i.leadUnits.includes(unit)).map((i) => ({ p, i })));
  const cItems = kb.livelihood.flatMap((p) => p.items.filter((i) => i.coUnits.includes(unit)).map((i) => ({ p, i })));
  const voted = kb.voted.filter((v) => v.leadUnits.includes(unit));
  const measures = kb.measures.filter((m) => m.leadUnits.includes(unit));
  const coOnly = q.asks.co && !/牵头/.test(q.text);
  const lines: string[] = [];
  if (/民生/.test(q.text) && (lItems.length || cItems.length)) {
    lines.push(`${unit}牵头民生实事${lItems.length}个子项，配合${cItems.length}个子项：`);
    for (const x of lItems.slice(0, LIST_MAX)) lines.push(`· 第${x.p.no}项 ${clip(x.i.text, 26)}`);
    lines.push(sourceText(lItems.map((x) => x.p.source)));
    return { found: true, text: lines.join('\n'), refs: lItems.map((x) => x.p.source) };
  }
  if (!coOnly) {
    lines.push(`${unit}牵头重点工作任务${lead.length}项${lead.length ? `：第${nos(lead)}项` : ''}；配合${co.length}项。`);
    if (!q.asks.count || q.asks.list) listTasks(lead, lines);
    if (lead.length > LIST_MAX && !q.asks.count) lines.push(`（仅列前${LIST_MAX}项，可问“第N项”看详情）`);
  } else {
    lines.push(`${unit}配合重点工作任务${co.length}项${co.length ? `：第${nos(co)}项` : ''}。`);
    if (!q.asks.count || q.asks.list) listTasks(co, lines);
  }
  if (lItems.length || cItems.length)
    lines.push(
      `民生实事：牵头${lItems.length}个子项${lItems.length ? `（第${[...new Set(lItems.map((x) => x.p.no))].join('、')}项）` : ''}，配合${cItems.length}个子项。`,
    );
  if (voted.length) lines.push(`票决民生实事：牵头第${voted.map((v) => v.no).join('、')}项。`);
  if (measures.length) lines.push(`“开局八好”方案中牵头举措${measures.length}条。`);
  const refs: SourceRef[] = [...lead, ...(coOnly ? co : [])].map((t) => t.source);
  for (const x of lItems) refs.push(x.p.source);
  lines.push(sourceText(refs.length ? refs : co.map((t) => t.source)));
  const found = lead.length + co.length + lItems.length + cItems.length + voted.length + measures.length > 0;
  if (!found) return { found: false, text: `没有查到${unit}牵头或配合的任务。`, refs: [] };
  return { found, text: lines.filter(Boolean).join('\n'), refs };
}
