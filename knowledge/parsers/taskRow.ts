// Splits one extracted table row of a task list into its columns. The PDF extraction shifts
// columns from page to page (merged 项目 cells come out as zero, one or two cells), so columns
// are found by content, not by position: the leaders cell anchors the row.
import { canonPerson, splitUnits, squeezeCjk } from '../normalize.ts';
export { joinBrokenUnits } from '../normalize.ts';

const HEADER_WORDS = new Set(['序号', '项目', '目标任务', '牵头领导', '领导', '项目名称']);
const UNIT_SUFFIX = /(局|办|会|中心|公司|部|队|社|委|院|所|站|处|集团|专班|指挥部|单位|政府|街道)$/;

/** A leaders cell holds only personal names; the extraction may split a two-character name
 * into two one-character tokens ("杨 盛", "曹 陶"). Returns the names or null. */
export function parseLeaders(cell: string): string[] | null {
  const tokens = cell.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return null;
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.length === 1 && next !== undefined && next.length === 1) {
      names.push(t + next);
      i++;
    } else names.push(t);
  }
  const ok = names.every((n) => /^[\u4e00-\u9fa5]{2,3}$/.test(n) && !UNIT_SUFFIX.test(n) && !HEADER_WORDS.has(n));
  return ok ? names.map(canonPerson) : null;
}

export const unitsOfCell = (cell: string | undefined): string[] => (cell ? splitUnits(cell) : []);

// ---------------------------------------------------------------------------------------------
// Key-task rows

export interface TaskRowParts {
  /** 序号 when the first cell is a number. */
  no: number | null;
  /** Non-empty 项目 cells between 序号 and 目标任务 (squeezed), e.g. ['聚力强产业', '加快产业升级']. */
  project: string[];
  target: string;
  leaders: string[];
  leadUnits: string[];
  coUnits: string[];
}

/** Index of the 牵头领导 cell, or -1. */
export function findLeaderCell(cells: string[]): number {
  // Scan from the right: only unit cells follow the leaders, and units never parse as names,
  // whereas a short 项目 label ("聚力 提品质") on the left would.
  for (let i = cells.length - 1; i > 0; i--) if (parseLeaders(cells[i]!) !== null) return i;
  return -1;
}

/**
 * Splits one tab-separated row of the 重点工作任务 table (either copy). Column layout varies per
 * page (1 or 2 项目 columns, merged cells blank, trailing empty cells), so the row is anchored on
 * the 牵头领导 cell: the cell after it is 牵头单位, the next 配合单位, and the last non-empty cell
 * before it is 目标任务. Returns null when the row has no leader cell (the gazette's row 47).
 *
 * The gazette sometimes merges the 项目 sub-heading into the target cell, separated by a space
 * ("促进洞庭湖生态经济区联动发展 洞庭湖生态经济区周边县市区…"); such a leading phrase (CJK on both
 * sides of the space, no punctuation before it) is moved to `project`.
 */
export function splitTaskRow(cells: string[]): TaskRowParts | null {
  const li = findLeaderCell(cells);
  if (li < 0) return null;
  const first = (cells[0] ?? '').trim();
  const no = /^\d+$/.test(first) ? Number(first) : null;
  let ti = li - 1;
  while (ti > 0 && !(cells[ti] ?? '').trim()) ti--;
  const start = no === null ? 0 : 1;
  const project = cells
    .slice(start, Math.max(start, ti))
    .map((c) => squeezeCjk(c))
    .filter(Boolean);
  let rawTarget = ti >= start ? (cells[ti] ?? '').trim() : '';
  const merged = /^([^\s，。、；：,;:]{2,30}?[^\x00-\x7f])\s+(?=[^\x00-\x7f])/.exec(rawTarget);
  if (merged && rawTarget.length - merged[0].length > merged[1]!.length) {
    project.push(squeezeCjk(merged[1]!));
    rawTarget = rawTarget.slice(merged[0].length);
  }
  return {
    no,
    project,
    target: squeezeCjk(rawTarget),
    leaders: parseLeaders(cells[li]!) ?? [],
    leadUnits: unitsOfCell(cells[li + 1]),
    coUnits: unitsOfCell(cells[li + 2]),
  };
}

