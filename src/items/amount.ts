// The quantity a town writes for its indicator cell: "完成2个", "已整治3座", "累计建成1个",
// "签约4.2万人", "筛查率92%". Pure. The report text is kept as typed; this only reads the number.

/** The words a unit of measure may be written with: 场(次) → 场 or 次; 万人 → 万人. */
function unitWords(unit: string): string[] {
  const parts = unit.split(/[()（）/]/).filter(Boolean);
  return [...new Set([unit, ...parts])].sort((a, b) => b.length - a.length);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Measure words a count may carry when the writer does not use the table's own unit. */
const COUNT_WORDS = ['个', '座', '所', '人', '场', '次', '户', '张', '家', '处', '台', '套', '名', '人次', '万人'];
const KEYED = '(?:累计|已完成|完成了|完成|已整治|整治|已建成|建成|已建|已签约|签约|培训|开展|达到|达|实现)';

export type AmountRead = { amount: number } | { error: string } | null;

/**
 * The amount in `text` for a quota counted in `unit`. A number written with the unit (or, for
 * counts, a measure word) is the amount; when several are written, the one after 完成/累计/… is;
 * if that is still more than one distinct value, an error asks for one. null when none is written.
 */
export function readAmount(text: string, unit: string): AmountRead {
  const words = unit === '%' ? ['%'] : [...unitWords(unit), ...(unit.includes('%') ? [] : COUNT_WORDS)];
  const alt = [...new Set(words)].sort((a, b) => b.length - a.length).map(esc).join('|');
  const num = '(\\d+(?:\\.\\d+)?)';
  const all = [...text.matchAll(new RegExp(`(?<![\\d.])${num}\\s*(?:${alt})`, 'g'))].map((m) => Number(m[1]));
  if (all.length === 0) return null;
  const keyed = [...new Set([...text.matchAll(new RegExp(`${KEYED}\\s*${num}\\s*(?:${alt})`, 'g'))].map((m) => Number(m[1])))];
  const pick = keyed.length ? keyed : [...new Set(all)];
  if (pick.length > 1) return { error: `写了${pick.length}个数量（${pick.map((n) => `${n}${unit}`).join('、')}），没有记录。请只写累计完成数，例如：完成2${unit}` };
  const amount = pick[0]!;
  if (!(amount >= 0 && amount < 1e12)) return { error: `数量${amount}不对，没有记录。` };
  return { amount };
}
