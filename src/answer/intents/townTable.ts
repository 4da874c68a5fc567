// Aggregates over the per-town indicator table (民生实事 附件2): which town has the most or the
// least, which have none, the sum, and the breakdown — "乡村医生哪个镇要配得最多",
// "哪几个镇街没有向阳花指导任务", "15个镇街的和美湘村加起来几个".
import type { Indicator } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, contradictionNotes, sourceText } from '../format.ts';
import { goodHits, searchRecords } from '../records.ts';
import type { Answer } from '../types.ts';

export type TownOp = 'argmax' | 'argmin' | 'whichNot' | 'sum' | 'distribution';

const fmt = (n: number) => String(Math.round(n * 10000) / 10000);

/** The indicator with a per-town breakdown that the words are about, if one clearly is. */
export function townIndicator(ctx: AnswerContext, topic: string): Indicator | undefined {
  if (topic.replace(/[\s\d]/g, '').length < 2) return undefined;
  const withTowns = (id: string) => ctx.kb.indicators.find((i) => `indicator:${i.no}` === id && i.towns);
  const hit = goodHits(searchRecords(ctx, topic, (r) => r.kind === 'indicator' && withTowns(r.id) !== undefined), 0.5)[0];
  return hit ? withTowns(hit.id) : undefined;
}

/** "超过5座的镇", "不到3个": a bound on the towns' figures. */
export interface Bound {
  n: number;
  above: boolean;
  strict: boolean;
}

export function askedBound(text: string): Bound | undefined {
  const m = text.match(/(超过|多于|大于|高于|不少于|至少|不低于|少于|低于|不到|不足|小于|不超过)\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*[^\d\s]{0,2}(以上|以下|及以上|及以下)/);
  if (!m) return undefined;
  const word = m[1] ?? m[4]!;
  const n = Number(m[2] ?? m[3]);
  const above = /超过|多于|大于|高于|不少于|至少|不低于|以上/.test(word);
  const strict = /超过|多于|大于|高于|少于|低于|不到|不足|小于/.test(word);
  return { n, above, strict };
}

export function townTable(ctx: AnswerContext, ind: Indicator, op: TownOp, bound?: Bound): Answer {
  const towns = ctx.lexicon.towns;
  const values = ind.towns!;
  // A blank cell that keeps its column is "not given", not zero (附件2 第1个指标, 神鼎山镇).
  const listed = towns.filter((t) => values[t] !== undefined);
  const blank = listed.length >= towns.length - 1 ? towns.filter((t) => values[t] === undefined) : [];
  const positive = towns.filter((t) => (values[t] ?? 0) > 0);
  const none = towns.filter((t) => !positive.includes(t) && !blank.includes(t));
  const total = positive.reduce((s, t) => s + values[t]!, 0);
  const u = ind.unit;
  const pairs = (ts: string[]) => ts.map((t) => `${t}${fmt(values[t]!)}`).join('、');
  const head = `「${clip(ind.text, 30)}」（民生实事第${ind.projectNo}项 ${ind.project}）`;
  const lines = [head];
  const same = positive.length > 1 && positive.every((t) => values[t] === values[positive[0]!]);
  switch (op) {
    case 'argmax':
    case 'argmin': {
      if (same) {
        lines.push(`${positive.length}个镇（街道）一样多，各${fmt(values[positive[0]!]!)}${u}。`);
        break;
      }
      const edge = op === 'argmax' ? Math.max(...positive.map((t) => values[t]!)) : Math.min(...positive.map((t) => values[t]!));
      const at = positive.filter((t) => values[t] === edge);
      lines.push(`${op === 'argmax' ? '最多' : '最少'}：${at.join('、')}，${at.length > 1 ? '各' : ''}${fmt(edge)}${u}。`);
      lines.push(`各镇（街道）：${pairs(positive)}；合计${fmt(total)}${u}。`);
      if (op === 'argmin' && none.length) lines.push(`另有${none.length}个没有分解任务：${none.join('、')}。`);
      break;
    }
    case 'whichNot':
      lines.push(
        none.length
          ? `没有分解任务的镇（街道）${none.length}个：${none.join('、')}。`
          : `${towns.length}个镇（街道）都有任务${same ? `，各${fmt(values[positive[0]!]!)}${u}` : ''}，没有不分解的。`,
      );
      if (none.length) lines.push(`有任务的${positive.length}个：${pairs(positive)}${u === '%' ? '' : `；合计${fmt(total)}${u}`}。`);
      break;
    case 'sum':
      lines.push(u === '%' ? `这是比例指标（${u}），不能相加；各镇（街道）：${pairs(positive)}。` : `${positive.length}个镇（街道）合计${fmt(total)}${u}：${pairs(positive)}。`);
      if (none.length && u !== '%') lines.push(`其余${none.length}个没有分解任务。`);
      break;
    case 'distribution':
      if (bound) {
        const ok = (v: number) => (bound.above ? (bound.strict ? v > bound.n : v >= bound.n) : bound.strict ? v < bound.n : v <= bound.n);
        const hit = towns.filter((t) => values[t] !== undefined && ok(values[t]!) && (bound.above || values[t]! > 0));
        const word = `${bound.above ? (bound.strict ? '超过' : '不少于') : bound.strict ? '少于' : '不超过'}${fmt(bound.n)}${u}`;
        lines.push(hit.length ? `${word}的镇（街道）${hit.length}个：${pairs(hit)}。` : `没有${word}的镇（街道）。`);
        lines.push(`各镇（街道）：${pairs(positive)}${u === '%' ? '' : `；合计${fmt(total)}${u}`}。`);
        break;
      }
      lines.push(`分到${positive.length}个镇（街道）：${pairs(positive)}${u === '%' ? `（${u}）` : `；合计${fmt(total)}${u}`}。`);
      if (none.length && none.length <= 8) lines.push(`没有分解任务：${none.join('、')}。`);
      break;
  }
  if (blank.length) lines.push(`注：原表${blank.join('、')}一栏为空。`);
    // Only the indicator's own key: a project-wide key would bring notes about its other rows.
  lines.push(...contradictionNotes(ctx, [`indicator:${ind.no}`]), sourceText([ind.source]));
  return { found: true, text: lines.join('\n'), refs: [ind.source] };
}
