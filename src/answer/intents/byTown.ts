// Per-town targets of the livelihood indicators: "白水镇要建几个和美湘村".
import type { Indicator } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { cellFigure, clip, contradictionNotes, distinctive, lineBudget, sourceText } from '../format.ts';
import type { Query } from '../query.ts';
import { goodHits, recordGrounded, searchRecords, spellOutTopic } from '../records.ts';
import type { Answer } from '../types.ts';
import { proseTownTable } from './townTable.ts';
import { holds } from './byEntity.ts';

function fmt(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

function townLine(ind: Indicator, town: string): string {
  const v = ind.towns?.[town];
  if (ind.towns) {
    const total = Object.values(ind.towns).reduce((a, b) => a + b, 0);
    if (v === undefined || v === 0)
      return `${town}：「${clip(ind.text, 30)}」没有分解任务（全市${fmt(total)}${ind.unit}）。`;
    return `${town}：「${clip(ind.text, 30)}」${cellFigure(ind.towns, v)}${ind.unit}（全市合计${fmt(total)}${ind.unit}）。`;
  }
  return `${town}：「${clip(ind.text, 30)}」未按镇分解——${clip(ind.note ?? '', 40)}。`;
}

/** Words that name the town's whole share, not one subject ("白水镇有几个民生实事指标"). */
const WHOLE_SHARE = /民生实事|指标|任务|事项|重点|分解|镇里|镇上|街道里|一共|总共|全部|所有/g;

/** "三江镇桥梁占全市多少", "白水镇家庭医生签约占比": the town's share of the city's total asked. */
const ASKS_SHARE = /占(?:全市|总数|总量|全部|整个|总)?(?:的)?(?:多少|比例|比重|百分之几|几成|百分比|几分之几)|占比|所占比例/;
const SHARE_WORDS = /占(?:全市|总数|总量|全部|整个|总)?(?:的)?|占比|所占|比例|比重|百分比|几成/g;

/** The town's share of the row total, as a line ("占全市11.25%（9/80）"). */
function shareLine(ind: Indicator, town: string): string | undefined {
  const v = ind.towns?.[town];
  if (!ind.towns || !v) return undefined;
  const total = Object.values(ind.towns).reduce((a, b) => a + b, 0);
  return total ? `${town}占全市${Math.round((10000 * v) / total) / 100}%（${fmt(v)}/${fmt(total)}${ind.unit}）。` : undefined;
}

export function byTown(ctx: AnswerContext, q: Query, town: string): Answer | null {
  const kb = ctx.kb;
  const share = ASKS_SHARE.test(q.text);
  // Sum and comparison words say how to combine the towns' figures, not what they are of.
  const subject = (share ? q.topic.replace(SHARE_WORDS, ' ') : q.topic).replace(/一共|总共|合计|加起来|加在一起|加一起|加到一起|合在一起|一起|总和|之和|相加|共计|总计|相比|相差|差多少|差|比|谁多|谁少|哪个多|哪个少|多|少/g, ' ')
    // "分别", "各", "两个街道", a lone 和 left between the towns: how the towns are asked, not of what.
    .replace(/分别|各自|各|(?:这)?[两二三四五六七八九十几]个(?:镇街?|街道|乡镇|地方)|(?:^|\s)[和与跟及、](?=\s|$)/g, ' ')
    .trim();
  const spelled = subject.replace(/\s/g, '').length === 1 ? spellOutTopic(subject).trim() : subject;
  const topic = spelled.replace(WHOLE_SHARE, ' ').trim().length >= 2 ? spelled : '';
  if (topic) {
    const indicatorOf = (words: string) => goodHits(searchRecords(ctx, words, (r) => r.kind === 'indicator'), 0.5).filter((h) => recordGrounded(ctx, words, h))[0];
    // "桥梁和家庭医生签约分别多少", "桥梁几座，家庭医生签约多少": several subjects, each its own
    // indicator — split only when every part names one (和美湘村 keeps its 和).
    const parts = topic.split(/\s+|[和与及、，,]/).filter((t) => t.replace(WHOLE_SHARE, '').length >= 2);
    const each = parts.length > 1 ? parts.map(indicatorOf) : [];
    const hits = each.length && each.every(Boolean) ? [...new Map(each.map((h) => [h!.id, h!])).values()] : goodHits(searchRecords(ctx, topic, (r) => r.kind === 'indicator'), 0.5).filter((h) => recordGrounded(ctx, topic, h));
    if (hits.length) {
      const inds = hits.slice(0, Math.max(2, each.length)).map((h) => kb.indicators.find((i) => `indicator:${i.no}` === h.id)!);
      // Only the indicators' own keys: a project-wide key brings notes about its other rows
      // (家庭医生签约's unit of measure on a question about 乡村医生).
      const keys = inds.map((i) => `indicator:${i.no}`);
      const shares = share ? inds.map((i) => shareLine(i, town)).filter((x): x is string => x !== undefined) : [];
      const lines = [...inds.map((i) => townLine(i, town)), ...shares, ...contradictionNotes(ctx, keys)];
      lines.push(sourceText(inds.map((i) => i.source)));
      return { found: true, text: lines.join('\n'), refs: inds.map((i) => i.source) };
    }
    // "川山坪镇禁止开垦陡坡地多少公顷": the town's figure in a breakdown the prose states.
    const row = proseTownTable(ctx, topic);
    if (row && row.written[town] === undefined)
      return { found: true, text: [`「${clip(row.text, 30)}」没有列${town}：列出的是${Object.entries(row.written).map(([t, v]) => `${t}${v}`).join('、')}（${row.unit}）。`, sourceText([row.source])].join('\n'), refs: [row.source] };
    if (row) {
      const total = Object.values(row.towns).reduce((x, y) => x + y, 0);
      return { found: true, text: [`${town}：「${clip(row.text, 30)}」${row.written[town]}${row.unit}（${Object.keys(row.towns).length}个镇（街道）合计${fmt(total)}${row.unit}）。`, sourceText([row.source])].join('\n'), refs: [row.source] };
    }
    return null;
  }
  const mine = kb.indicators.filter((i) => (i.towns?.[town] ?? 0) > 0);
  // The cells name the town's government (弼时镇政府): the same holder.
  const tasks = kb.keyTasks.filter((t) => holds(t, 'unit', town, 'any'));
  if (!mine.length && !tasks.length) return null;
  const lines = [`${town}有${mine.length}个民生实事指标分解了任务：`];
  // Every indicator, each recognisable by its own words.
  const width = lineBudget(mine.length);
  for (const i of mine) lines.push(`· ${distinctive(kb, i.text, Math.min(width, 40))}：${cellFigure(i.towns!, i.towns![town]!)}${i.unit}`);
  if (tasks.length) {
    lines.push(`点名${town}的重点工作任务${tasks.length}项：`);
    for (const t of tasks) lines.push(`· 第${t.no}项 ${distinctive(kb, t.target, 50)}（${holds(t, 'unit', town, 'lead') ? '牵头' : '配合'}）`);
  }
  lines.push(sourceText([...mine.map((i) => i.source), ...tasks.map((t) => t.source)]));
  return { found: true, text: lines.join('\n'), refs: mine.map((i) => i.source) };
}
