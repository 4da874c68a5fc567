// Renders topic hits of any record kind, compact when several are shown together.
import type { Indicator } from '../../knowledge/types.ts';
import { subItemIndex } from '../items/subItem.ts';
import type { AnswerContext } from './context.ts';
import { clip, distinctive, indicatorDetail, joinNames, taskDetail, townTargets, votedDetail } from './format.ts';
import type { RecordHit } from './records.ts';

export function contradictionKeys(id: string, ctx: AnswerContext): string[] {
  const [kind, a] = id.split(':');
  if (kind === 'indicator') {
    const ind = ctx.kb.indicators.find((i) => i.no === Number(a));
    return ind ? [id, indicatorSubKey(ctx, ind)] : [id];
  }
  return [id];
}

/** The key of the sub-item a town-table row breaks down; "livelihood:N:-" (the project's own
 * contradictions only) when no sub-item matches it. */
export function indicatorSubKey(ctx: AnswerContext, ind: Indicator): string {
  const p = ctx.kb.livelihood.find((x) => x.no === ind.projectNo);
  const i = p ? subItemIndex(ind, p) : undefined;
  return `livelihood:${ind.projectNo}:${i ?? '-'}`;
}

export function renderHit(ctx: AnswerContext, hit: RecordHit, compact: boolean): string {
  const [kind, a, b] = hit.id.split(':');
  const n = Number(a);
  const kb = ctx.kb;
  switch (kind) {
    case 'task': {
      const t = kb.keyTasks.find((x) => x.no === n)!;
      return compact ? `第${t.no}项「${distinctive(kb, t.target, 60)}」：${joinNames(t.leaders)}｜${clip(joinNames(t.leadUnits), 40)}` : taskDetail(t);
    }
    case 'livelihood': {
      const p = kb.livelihood.find((x) => x.no === n)!;
      const it = p.items[Number(b)]!;
      const head = p.items.length === 1 && it.text === p.name
        ? `民生实事第${p.no}项「${clip(it.text, compact ? 40 : 80)}」`
        : `民生实事第${p.no}项「${p.name}」：${clip(it.text, compact ? 40 : 80)}`;
      return compact
        ? `${head}：${joinNames(it.leaders)}｜${joinNames(it.leadUnits)}`
        : `${head}\n牵头领导：${joinNames(it.leaders)}\n牵头单位：${joinNames(it.leadUnits)}\n配合单位：${clip(joinNames(it.coUnits, '无'), 80)}`;
    }
    case 'indicator': {
      const ind = kb.indicators.find((x) => x.no === n)!;
      return compact ? `第${ind.no}个指标「${clip(ind.text, 40)}」：${clip(townTargets(ind, 4), 80)}` : indicatorDetail(ind);
    }
    case 'voted': {
      const v = kb.voted.find((x) => x.no === n)!;
      return compact ? `票决第${v.no}项「${clip(v.name, 30)}」：${joinNames(v.leaders)}｜${joinNames(v.leadUnits)}` : votedDetail(v);
    }
    case 'measure': {
      const m = kb.measures[n]!;
      const who = m.leadUnits.length ? `${joinNames(m.leadUnits)}牵头` : m.coUnits.length ? `${joinNames(m.coUnits)}负责` : '';
      return compact
        ? `“开局八好”举措「${clip(m.title, 30)}」${who ? `：${clip(who, 40)}` : ''}`
        : [`“开局八好”举措「${m.title}」`, clip(m.text, 110), who ? `${clip(who, 60)}${m.leadUnits.length && m.coUnits.length ? `，配合：${clip(joinNames(m.coUnits), 60)}` : ''}` : '']
            .filter(Boolean)
            .join('\n');
    }
  }
  return hit.id;
}
