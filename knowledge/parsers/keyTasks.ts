// 汨政办函〔2026〕1号 附件: the 69 key tasks. Category labels of merged cells are inherited from
// the row above; where the extraction printed a merged label mid-block (vertically centred),
// knowledge/corrections.json fixes the rows, each with its reason.
import { squeezeCjk } from '../normalize.ts';
import { ref } from '../sources.ts';
import type { KeyTask } from '../types.ts';
import { splitTaskRow } from './taskRow.ts';

/** Top-level 项目 labels of the 2026 list; a label cell starting with one of these and
 * carrying more text holds both levels ("聚力增活力 扩大有效投资"). */
export const TOP_CATEGORIES = [
  '主要经济目标', '聚力强产业', '聚力增活力', '聚力提品质', '聚力促融合', '聚力惠民生', '聚力惠民',
  '聚力防风险', '全面加强政府自身建设', '岳阳市重点工作任务',
];

function splitLabels(labels: string[]): { category?: string; sub?: string } {
  const parts = labels.map(squeezeCjk);
  if (parts.length >= 2) return { category: parts[0], sub: parts.slice(1).join('') };
  const only = parts[0];
  if (!only) return {};
  const top = TOP_CATEGORIES.find((c) => only.startsWith(c));
  if (!top) return { sub: only };
  const rest = only.slice(top.length);
  return rest ? { category: top, sub: rest } : { category: top };
}

export function parseKeyTasks(text: string): KeyTask[] {
  const out: KeyTask[] = [];
  let category = '';
  let sub = '';
  text.split('\n').forEach((line, i) => {
    const row = splitTaskRow(line.split('\t'));
    if (!row || row.no === null) return;
    const no = row.no;
    const labels = splitLabels(row.project);
    if (labels.category !== undefined) {
      if (labels.category !== category) sub = '';
      category = labels.category;
    }
    if (labels.sub !== undefined) sub = labels.sub;
    out.push({
      no,
      category,
      subCategory: sub,
      target: row.target,
      leaders: row.leaders,
      leadUnits: row.leadUnits,
      coUnits: row.coUnits,
      source: ref('key-tasks', `附件 第${no}项`, i + 1),
    });
  });
  return out;
}
