// 第28项 / 民生实事第3项 / 票决第2项 / 第43个指标.
import type { AnswerContext } from '../context.ts';
import { contradictionNotes, indicatorDetail, joinNames, livelihoodDetail, sourceText, taskDetail, votedDetail, clip } from '../format.ts';
import type { ListKind, NumberRef, Query } from '../query.ts';
import { bigrams } from '../text.ts';
import { longestGap } from '../quote.ts';
import { cellNames } from '../../../knowledge/lexicon.ts';
import { indicatorSubKey } from '../render.ts';
import type { Answer } from '../types.ts';

const LIST_NAME: Record<ListKind, string> = {
  task: '重点工作任务',
  livelihood: '重点民生实事',
  voted: '人大代表票决民生实事',
  indicator: '民生实事指标',
};

function size(ctx: AnswerContext, list: ListKind): number {
  const kb = ctx.kb;
  return { task: kb.keyTasks.length, livelihood: kb.livelihood.length, voted: kb.voted.length, indicator: kb.indicators.length }[list];
}

function titleOf(ctx: AnswerContext, list: ListKind, no: number): string | undefined {
  const kb = ctx.kb;
  switch (list) {
    case 'task': return kb.keyTasks.find((t) => t.no === no)?.target;
    case 'livelihood': return kb.livelihood.find((p) => p.no === no)?.name;
    case 'voted': return kb.voted.find((v) => v.no === no)?.name;
    case 'indicator': return kb.indicators.find((i) => i.no === no)?.text;
  }
}

function detail(ctx: AnswerContext, ref: NumberRef, q: Query): Answer | null {
  const kb = ctx.kb;
  const keys: string[] = [];
  let body: string;
  let refs;
  if (ref.list === 'task') {
    const t = kb.keyTasks.find((x) => x.no === ref.no);
    if (!t) return null;
    body = q.asks.co && !q.asks.lead ? `${taskDetail(t).split('\n')[0]}\n配合单位：${joinNames(t.coUnits, '无')}` : taskDetail(t);
    refs = [t.source];
    keys.push(`task:${t.no}`);
  } else if (ref.list === 'livelihood') {
    const p = kb.livelihood.find((x) => x.no === ref.no);
    if (!p) return null;
    // "民生实事第10项电网投多少钱": the sub-item asked about, in full, rather than the list.
    const terms = new Set(bigrams(q.topic));
    const score = (t: string) => {
      const have = new Set(bigrams(t));
      return terms.size ? [...terms].filter((x) => have.has(x)).length / terms.size : 0;
    };
    const ranked = terms.size ? [...p.items].sort((a, b) => score(b.text) - score(a.text)) : [];
    const item = ranked[0];
    // Only when one sub-item clearly matches better than the rest.
    const clear = item !== undefined && score(item.text) > 0 && (ranked[1] === undefined || score(item.text) > score(ranked[1].text));
    body =
      item && clear && p.items.length > 1
        ? `民生实事第${p.no}项「${p.name}」（${p.level}）子项：${item.text}\n牵头：${item.leaders.join('、')}｜${item.leadUnits.join('、')}\n配合：${clip(item.coUnits.join('、') || '无', 80)}`
        : livelihoodDetail(p, kb.indicators);
    refs = [p.source];
    keys.push(item && clear && p.items.length > 1 ? `livelihood:${p.no}:${p.items.indexOf(item)}` : `livelihood:${p.no}`);
  } else if (ref.list === 'voted') {
    const v = kb.voted.find((x) => x.no === ref.no);
    if (!v) return null;
    body = votedDetail(v);
    refs = [v.source];
    keys.push(`voted:${v.no}`);
  } else {
    const ind = kb.indicators.find((x) => x.no === ref.no);
    if (!ind) return null;
    body = indicatorDetail(ind);
    refs = [ind.source];
    keys.push(`indicator:${ind.no}`, indicatorSubKey(ctx, ind));
  }
  const lines = [body, ...contradictionNotes(ctx, keys)];
  if (!ref.explicit) {
    const others = (['livelihood', 'voted'] as const)
      .map((l) => ({ l, t: titleOf(ctx, l, ref.no) }))
      .filter((x): x is { l: 'livelihood' | 'voted'; t: string } => x.t !== undefined);
    if (others.length)
      lines.push(`另：${others.map((o) => `${LIST_NAME[o.l]}第${ref.no}项「${clip(o.t, 20)}」`).join('，')}，可问“${o0(others)}第${ref.no}项”。`);
  }
  lines.push(sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

function o0(others: { l: ListKind }[]): string {
  return others[0]!.l === 'voted' ? '票决' : '民生实事';
}

export function byNumber(ctx: AnswerContext, q: Query): Answer {
  const answers: Answer[] = [];
  const missing: NumberRef[] = [];
  for (const ref of q.numbers.slice(0, 3)) {
    const a = detail(ctx, ref, q);
    if (a) answers.push(a);
    else missing.push(ref);
  }
  if (answers.length === 0) {
    const ref = missing[0]!;
    return {
      found: false,
      text: `${LIST_NAME[ref.list]}共${size(ctx, ref.list)}${ref.list === 'indicator' ? '个' : '项'}，没有第${ref.no}${ref.list === 'indicator' ? '个' : '项'}。请确认编号，例如“第28项”“民生实事第3项”“票决第2项”“第43个指标”。`,
      refs: [],
    };
  }
  // "第28项是杨盛牵头的吗": yes or no first (without repeating a wrong name), then the record.
  // A town's government in the cells (新市街道办, 弼时镇政府) is asked about as a unit.
  const asked = [...q.people.map((n) => ({ n, leader: true })), ...[...q.units, ...q.towns].map((n) => ({ n, leader: false }))];
  if (answers.length === 1 && q.numbers.length === 1 && asked.length === 1 && YES_NO.test(q.text)) {
    const cells = cellsOf(ctx, q.numbers[0]!);
    if (cells) {
      const { n, leader } = asked[0]!;
      const lead = leader ? cells.leaders.includes(n) : cells.leadUnits.some((u) => cellNames(u, n));
      const co = !leader && cells.coUnits.some((u) => cellNames(u, n));
      // "高新区是第7项的配合单位吗": the role asked decides the yes; a lead unit asked as 配合 is told it leads.
      const asksCo = !leader && /配合|协助|协同/.test(q.text) && !/牵头|负责/.test(q.text);
      const sole = lead && (leader ? cells.leaders : cells.leadUnits).length === 1;
      // "第26项城管局是牵头还是配合": which of the two, said.
      const which = !leader && /牵头还是配合|配合还是牵头/.test(q.text);
      const verdict = which
        ? lead ? `${n}是${sole ? '单独牵头单位' : '牵头单位之一'}。` : co ? `${n}是配合单位。` : `${n}既不是牵头单位，也不是配合单位。`
        : asksCo
        ? co ? '是，配合单位。' : lead ? `不是配合单位，是${sole ? '单独牵头单位' : '牵头单位之一'}。` : '不是。配合单位见下。'
        : sole ? '是，单独牵头。' : lead ? '是，牵头之一。' : co ? '不是牵头，是配合单位。' : leader ? '不是。牵头领导见下。' : '不是。牵头单位见下。';
      return { ...answers[0]!, text: `${verdict}\n${answers[0]!.text}` };
    }
  }
  // "第28项资金多少": a single item asked for something its record does not state (资金, 电话) is
  // not answered by the record as if it did; the record is the hint.
  // "创几A", "几星级": a letter the record writes after a figure (4A) is the grade asked for.
  const graded = (t: string) => t.replace(/(?<![A-Za-z])[A-Za-z](?![A-Za-z])/g, (l) => (new RegExp(`\\d${l}`, 'i').test(answers[0]?.text ?? '') ? ' ' : l));
  const subject = graded(q.topic.replace(FIELD_WORDS, ' ')).trim();
  // The table's headings over the row are its words too: 第69项 sits under 岳阳市重点工作任务.
  const n0 = q.numbers[0];
  const task = n0 && n0.list === 'task' ? ctx.kb.keyTasks.find((t) => t.no === n0.no) : undefined;
  const said = `${answers[0]?.text ?? ''} ${task ? `${task.category} ${task.subCategory}` : ''}`;
  if (answers.length === 1 && q.numbers.length === 1 && subject && longestGap(subject, said, true, true) >= 2) {
    const head = answers[0]!.text.split('\n')[0]!;
    return { found: false, text: `文件中${head}没有写“${subject.replace(/\s+/g, '')}”。该项的牵头领导、单位和目标可问“第${q.numbers[0]!.no}项”。`, refs: [] };
  }
  return { found: true, text: answers.map((a) => a.text).join('\n\n'), refs: answers.flatMap((a) => a.refs) };
}

const YES_NO = /吗|是不是|是否|有没有|对不对|对吗|牵头还是配合|配合还是牵头/;

/** The leaders and units of a numbered item (a 民生实事: of all its sub-items). */
function cellsOf(ctx: AnswerContext, ref: NumberRef): { leaders: string[]; leadUnits: string[]; coUnits: string[] } | undefined {
  const kb = ctx.kb;
  if (ref.list === 'task') return kb.keyTasks.find((t) => t.no === ref.no);
  if (ref.list === 'voted') return kb.voted.find((v) => v.no === ref.no);
  if (ref.list === 'livelihood') {
    const p = kb.livelihood.find((x) => x.no === ref.no);
    if (!p) return undefined;
    const items = p.items;
    const all = (f: (i: (typeof items)[number]) => string[]) => [...new Set(items.flatMap(f))];
    return { leaders: all((i) => i.leaders), leadUnits: all((i) => i.leadUnits), coUnits: all((i) => i.coUnits) };
  }
  return undefined;
}

/** Words that ask for a field every item has (its level, its nodes, its progress), not a subject. */
// 副市长, 局, 单位: the role asked for (哪位副市长的, 归哪个局), a field every item has.
const FIELD_WORDS = /\d+|常务副市长|副市长|市长|市领导|领导|部门|单位|局(?=的|$)|包括|包含|涵盖|组成|构成|具体|都有|有哪些|省级|市级|岳阳市级|级别|哪一级|一级|层级|节点|时间|时限|期限|截止|要求|标准|内容|详情|详细|类别|分类|属于|哪类|哪一类|还是|进展|进度|情况|子项|指标|分管|主管|管|怎么|什么|属|类|谁|哪|是/g;
