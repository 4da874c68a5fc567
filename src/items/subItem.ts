// Which sub-item of a 民生实事 project a per-town indicator row breaks down. The notice writes the
// project's sub-items (附件1) and the town table's rows (附件2) separately, in nearly the same words
// but not always the same order, so the row is matched by the words, not by its position.
import type { Indicator, LivelihoodProject } from '../../knowledge/types.ts';

function pairs(s: string): Set<string> {
  const c = s.replace(/^[^：]*：/, '').replace(/[^\u4e00-\u9fff]/g, '');
  return new Set([...c].slice(1).map((ch, i) => c[i] + ch));
}

/** The 0-based index in project.items of the sub-item the row breaks down, or undefined when no
 * sub-item has at least half of its own words in the row (培训乡村医生30人 is all in its row). */
export function subItemIndex(row: Indicator, project: LivelihoodProject): number | undefined {
  const own = pairs(row.text);
  const score = (text: string) => { const w = pairs(text); return w.size ? [...w].filter((x) => own.has(x)).length / w.size : 0; };
  let best = -1;
  let bestScore = 0;
  project.items.forEach((it, i) => { const s = score(it.text); if (s > bestScore) { best = i; bestScore = s; } });
  return best >= 0 && bestScore >= 0.5 ? best : undefined;
}
