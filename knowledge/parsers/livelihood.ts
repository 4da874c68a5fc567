// Parser for knowledge/sources/2026-livelihood-projects.txt (汨办函〔2026〕4号, 2026年省、岳阳市重点民生实事).
//
// The file is a PDF extraction: table rows are tab-separated, merged cells come out blank, and
// each page repeats the table header. Column positions are NOT stable between pages or even
// between rows of one page (a row may lose a leading blank cell), so:
//   附件1 (责任分解表): columns are taken from the most recent header row on the page.
//   附件2 (指标任务分解表): each row is anchored on its indicator text cell ("43.开展…"); the next
//   non-empty cell is the unit of measure and the town columns follow it positionally
//   (first cell after the unit = 归义街道, …, 15th = 神鼎山镇).
//
// Exports:
//   parseLivelihood(text)                       → { projects, indicators }
//   findLivelihoodContradictions(projects, indicators) → Contradiction[]
import { canonPerson, splitUnits, squeezeCjk, TOWNS } from '../normalize.ts';
import { ref } from '../sources.ts';
import type { Contradiction, Indicator, LivelihoodItem, LivelihoodProject, SourceRef } from '../types.ts';

const NUMERIC = /^\d+(?:\.\d+)?$/;
/** "43.开展…" — the indicator number, not a decimal such as "0.8865" or "1.5420". */
const INDICATOR_TEXT = /^(\d+)\.(?!\d)/;

export interface LivelihoodParse {
  projects: LivelihoodProject[];
  indicators: Indicator[];
}

export function parseLivelihood(text: string): LivelihoodParse {
  const lines = text.split(/\r?\n/);
  const start1 = lines.findIndex((l) => /^附件\s*1\s*$/.test(l.trim()));
  const start2 = lines.findIndex((l) => /^附件\s*2\s*$/.test(l.trim()));
  if (start1 < 0 || start2 < 0 || start2 < start1) throw new Error('livelihood: 附件1/附件2 headings not found');

  const { projects, blockStarts } = parseProjects(lines, start1, start2);
  const indicators = parseIndicators(lines, start2, projects, blockStarts);
  return { projects, indicators };
}

// ---------------------------------------------------------------------------------------------
// 附件1: 2026年省、岳阳市重点民生实事项目责任分解表

interface Cols1 {
  name: number;
  item: number | undefined; // absent on the last page, whose projects have no sub-items
  leader: number;
  lead: number;
  co: number;
}

function headerCols1(cells: string[]): Cols1 {
  const at = (label: string): number => {
    const i = cells.findIndex((c) => c.trim() === label);
    if (i < 0) throw new Error(`livelihood 附件1: header without ${label}`);
    return i;
  };
  const name = at('项目名称');
  const leader = at('牵头领导');
  return {
    name,
    // The sub-item column has a blank header cell (merged with 项目名称).
    item: leader - name === 2 ? name + 1 : undefined,
    leader,
    lead: at('牵头责任单位'),
    co: at('相关责任单位'),
  };
}

/** 注：1—10项为省级重点民生实事，11—18项为市级重点民生实事。 ("市级" = 岳阳市级, cf. the title). */
function parseLevels(lines: string[]): (no: number) => LivelihoodProject['level'] {
  for (const l of lines) {
    const m = /注：\s*(\d+)\s*[—–-]+\s*(\d+)\s*项为省级.*?(\d+)\s*[—–-]+\s*(\d+)\s*项为市级/.exec(l);
    if (!m) continue;
    const [a, b, c, d] = m.slice(1, 5).map(Number) as [number, number, number, number];
    return (no) => {
      if (no >= a && no <= b) return '省级';
      if (no >= c && no <= d) return '岳阳市级';
      throw new Error(`livelihood: project ${no} outside the levels stated in the 注`);
    };
  }
  throw new Error('livelihood: level note (注：1—10项为省级…) not found');
}

/** Leader cells hold one name; split on list punctuation just in case, never on spaces
 * ("杨 盛" is one person). */
function splitPeople(cell: string): string[] {
  return cell
    .split(/[、，,；;]/)
    .map((p) => canonPerson(p))
    .filter((p) => p.length > 0);
}

function coUnitsOf(cell: string): string[] {
  const t = squeezeCjk(cell);
  // Project 8 (急有所助) lists "市级统筹、公安局牵头" as its 相关责任单位. That is a sentence
  // ("coordinated at city level, led by the public security bureau"), not a list of units:
  // splitUnits would turn it into the fake units "市级统筹" and "公安局牵头". Keep it whole.
  if (/^市级统筹[、，,].*牵头$/.test(t)) return [t];
  return splitUnits(t);
}

function parseProjects(
  lines: string[],
  from: number,
  to: number,
): { projects: LivelihoodProject[]; blockStarts: Map<number, boolean[]> } {
  const levelOf = parseLevels(lines);
  const projects: LivelihoodProject[] = [];
  // Per project, per item: did the row state its own leader or lead unit? A row without them is
  // merged (in the PDF) with the row above: both belong to one 责任 block. Used for 附件2 groups.
  const blockStarts = new Map<number, boolean[]>();
  let cols: Cols1 | undefined;
  let current: LivelihoodProject | undefined;

  for (let i = from + 1; i < to; i++) {
    const raw = lines[i] ?? '';
    if (!raw.includes('\t')) continue;
    const cells = raw.split('\t');
    const cell = (k: number | undefined): string => (k === undefined ? '' : squeezeCjk(cells[k] ?? ''));
    if (cells[0]?.trim() === '序号') {
      cols = headerCols1(cells);
      continue;
    }
    if (!cols) throw new Error(`livelihood 附件1: row before header at line ${i + 1}`);
    const line = i + 1;
    const noCell = cell(0);
    let itemText = cell(cols.item);
    const leaderCell = cell(cols.leader);
    const leadCell = cell(cols.lead);
    const coCell = cell(cols.co);

    let prev: LivelihoodItem | undefined;
    if (/^\d+$/.test(noCell)) {
      const no = Number(noCell);
      if (no !== projects.length + 1) throw new Error(`livelihood 附件1: project ${no} out of order at line ${line}`);
      const name = cell(cols.name);
      current = { no, name, level: levelOf(no), items: [], source: ref('livelihood', `附件1 第${no}项`, line) };
      projects.push(current);
      blockStarts.set(no, []);
      // Projects 11–18 have no sub-items: the project name is the (only) item.
      if (!itemText) itemText = name;
    } else {
      if (!current) throw new Error(`livelihood 附件1: continuation row before any project at line ${line}`);
      if (!itemText) throw new Error(`livelihood 附件1: row without item text at line ${line}`);
      prev = current.items[current.items.length - 1];
    }
    // Blank cells inherit from the previous sub-item of the same project only (prev is undefined
    // on a project's first row, so nothing leaks across projects).
    current.items.push({
      text: itemText,
      leaders: leaderCell ? splitPeople(leaderCell) : [...(prev?.leaders ?? [])],
      leadUnits: leadCell ? splitUnits(leadCell) : [...(prev?.leadUnits ?? [])],
      coUnits: coCell ? coUnitsOf(coCell) : [...(prev?.coUnits ?? [])],
      line,
    });
    blockStarts.get(current.no)!.push(Boolean(leaderCell || leadCell));
  }
  return { projects, blockStarts };
}

// ---------------------------------------------------------------------------------------------
// 附件2: 2026年省、岳阳市重点民生实事项目指标任务分解表

interface RawIndicator {
  no: number;
  projectNo: number;
  projectName: string; // '' when the row does not repeat it
  label: string; // group label written on this row, '' if none
  text: string;
  unit: string;
  towns?: Record<string, number>;
  note?: string;
  line: number;
}

function checkTownHeader(cells: string[], line: number): void {
  const names = cells.map((c) => c.trim()).filter(Boolean);
  // The last page's header stops at 弼时镇 (神鼎山镇 fell off the page); it must still be a
  // prefix of the canonical order.
  const ok = names.length > 0 && names.every((n, k) => n === TOWNS[k]);
  if (!ok) throw new Error(`livelihood 附件2: unexpected town header at line ${line}: ${names.join(' ')}`);
}

function parseIndicators(
  lines: string[],
  from: number,
  projects: LivelihoodProject[],
  blockStarts: Map<number, boolean[]>,
): Indicator[] {
  const raws: RawIndicator[] = [];
  let projectNo = 0;
  let sawFullHeader = false;

  for (let i = from + 1; i < lines.length; i++) {
    const rawLine = lines[i] ?? '';
    if (!rawLine.includes('\t')) continue;
    const cells = rawLine.split('\t');
    const line = i + 1;
    if (cells[0]?.trim() === '序号') continue;
    if (cells.some((c) => c.trim() === TOWNS[0])) {
      checkTownHeader(cells, line);
      if (cells.filter((c) => c.trim()).length === TOWNS.length) sawFullHeader = true;
      continue;
    }
    // Anchor: the indicator text cell. Usually column 2 or 3; row 23 starts at column 0 (the
    // extraction dropped its leading blank cells), rows of projects 11–18 at column 1.
    const t = cells.findIndex((c) => INDICATOR_TEXT.test(c.trim()));
    if (t < 0) throw new Error(`livelihood 附件2: row without indicator text at line ${line}`);
    const textCell = cells[t]!.trim();
    const no = Number(INDICATOR_TEXT.exec(textCell)![1]);
    if (no !== raws.length + 1) throw new Error(`livelihood 附件2: indicator ${no} out of order at line ${line}`);

    // Cells before the text: [project no] [project name] [group label].
    const before = cells.slice(0, t).map((c) => squeezeCjk(c));
    let projectName = '';
    let label = '';
    if (NUMERIC.test(before[0] ?? '') && t > 0) {
      const p = Number(before[0]);
      if (p !== projectNo + 1) throw new Error(`livelihood 附件2: project ${p} out of order at line ${line}`);
      projectNo = p;
      const rest = before.slice(1).filter(Boolean);
      projectName = rest[0] ?? '';
      label = rest.slice(1).join('');
    } else {
      label = before.filter(Boolean).join('');
    }
    if (projectNo === 0) throw new Error(`livelihood 附件2: indicator before any project at line ${line}`);

    // Unit of measure: next non-empty cell after the text (a merged blank may sit in between).
    let u = t + 1;
    while (u < cells.length && !cells[u]!.trim()) u++;
    if (u >= cells.length) throw new Error(`livelihood 附件2: indicator ${no} has no unit (line ${line})`);
    const unit = cells[u]!.trim();

    const values = cells.slice(u + 1).map((c, pos) => ({ pos, v: c.trim() })).filter((x) => x.v);
    const base: RawIndicator = {
      no,
      projectNo,
      projectName,
      label,
      text: squeezeCjk(textCell.replace(INDICATOR_TEXT, '')),
      unit,
      line,
    };
    Object.assign(base, targetsOf(values, unit, no));
    raws.push(base);
  }
  if (!sawFullHeader) throw new Error('livelihood 附件2: no full town header found');

  return raws.map((r, idx) => {
    const project = projects[r.projectNo - 1];
    if (!project) throw new Error(`livelihood 附件2: indicator ${r.no} names unknown project ${r.projectNo}`);
    const ind: Indicator = {
      no: r.no,
      projectNo: r.projectNo,
      project: r.projectName || project.name,
      group: groupOf(raws, idx, blockStarts),
      text: r.text,
      unit: r.unit,
      source: ref('livelihood', `附件2 第${r.no}个指标`, r.line),
    };
    if (r.towns) ind.towns = r.towns;
    if (r.note !== undefined) ind.note = r.note;
    return ind;
  });
}

/** Prefix of the note that stands for a city-wide total; see targetsOf. */
export const CITY_TOTAL_PREFIX = '全市';

/**
 * Turns the cells after the unit into per-town targets or a note.
 *
 * - Text cell(s) (由市人社局统筹安排, 省级统筹，省教育厅牵头 …): note, no towns.
 * - A single number in the first town column and nothing else (5.扩充优质普通高中公办学位210个 → 210):
 *   that is one cell merged across all town columns, which the extraction puts in the first
 *   column, exactly like the text notes. It is the city-wide total (it always equals the number in
 *   the indicator text), NOT 归义街道's target. Represented as note `全市<n><unit>` ('全市210个'),
 *   towns undefined.
 * - Otherwise numbers map positionally: k-th cell after the unit = TOWNS[k]; blank = no target
 *   (key omitted), an explicit 0 is kept.
 *   Indicator 1 has only 14 values: they occupy the cells right after the unit and the 15th cell
 *   (神鼎山镇) is blank, while indicator 2 on the same page fills all 15 — so 神鼎山镇 is the town
 *   without a target (most likely lost in extraction; we do not invent the 90).
 *   Indicator 12 has 16 values (100 then fifteen 62) for 15 towns: mapped positionally like every
 *   other row (归义街道 100, the others 62) and the surplus trailing value is recorded in `note`.
 */
function targetsOf(
  values: { pos: number; v: string }[],
  unit: string,
  no: number,
): { towns?: Record<string, number>; note?: string } {
  if (values.length === 0) return {};
  const numeric = values.every((x) => NUMERIC.test(x.v));
  if (!numeric) {
    if (values.some((x) => NUMERIC.test(x.v))) {
      throw new Error(`livelihood 附件2: indicator ${no} mixes numbers and text`);
    }
    return { note: squeezeCjk(values.map((x) => x.v).join('；')) };
  }
  if (values.length === 1 && values[0]!.pos === 0) {
    return { note: `${CITY_TOTAL_PREFIX}${values[0]!.v}${unit}` };
  }
  const towns: Record<string, number> = {};
  const surplus: string[] = [];
  for (const { pos, v } of values) {
    const town = TOWNS[pos];
    if (town) towns[town] = Number(v);
    else surplus.push(v);
  }
  const out: { towns: Record<string, number>; note?: string } = { towns };
  if (surplus.length) {
    out.note = `原表该行有${values.length}个数值，多于${TOWNS.length}个镇（街道）列；按位置对应，末尾多出的${surplus.join('、')}未计入`;
  }
  return out;
}

/**
 * The group (middle column) of indicator idx.
 *
 * The label is written once per merged cell, and usually on the merged range's first row — but
 * not always: 持续推进数字便民 (project 8) sits on indicator 28, the middle of its range 27–29
 * (the extraction put the vertically centred text there). Plain "inherit from the row above"
 * would wrongly file 27 (高效办成一件事, a digital-services item led by 向恩泽/数据局) under
 * 提升全市公共安全智慧安防水平 (25–26, 李岳星/公安局).
 *
 * Rule: a row without a label takes the label of a later row in the same 附件1 responsibility
 * block (rows merged under one leader/lead unit: 27 and 28 share 向恩泽/市数据局); failing that it
 * inherits from the previous row of the same project; failing that ''.
 */
function groupOf(raws: RawIndicator[], idx: number, blockStarts: Map<number, boolean[]>): string {
  const r = raws[idx]!;
  if (r.label) return r.label;
  const itemIdx = (j: number): number | undefined => itemIndexFor(raws, j, blockStarts);
  const myItem = itemIdx(idx);
  const starts = blockStarts.get(r.projectNo);
  if (myItem !== undefined && starts) {
    for (let j = idx + 1; j < raws.length && raws[j]!.projectNo === r.projectNo; j++) {
      const other = itemIdx(j);
      if (other === undefined) break;
      // Stop at the next block start.
      if (other !== myItem && starts.slice(myItem + 1, other + 1).some(Boolean)) break;
      if (raws[j]!.label) return raws[j]!.label;
    }
  }
  for (let j = idx - 1; j >= 0 && raws[j]!.projectNo === r.projectNo; j--) {
    if (raws[j]!.label) return raws[j]!.label;
  }
  return '';
}

function itemIndexFor(raws: RawIndicator[], idx: number, blockStarts: Map<number, boolean[]>): number | undefined {
  const r = raws[idx]!;
  const siblings = raws.filter((x) => x.projectNo === r.projectNo);
  const nItems = blockStarts.get(r.projectNo)?.length ?? 0;
  return matchItemIndex(siblings.findIndex((x) => x.no === r.no), siblings.length, nItems);
}

/** Indicators follow 附件1's item order: same count → one to one; one item → all map to it
 * (project 13 has 3 indicators under a single item). Anything else: unknown. */
function matchItemIndex(pos: number, nIndicators: number, nItems: number): number | undefined {
  if (pos < 0) return undefined;
  if (nItems === nIndicators) return pos;
  if (nItems === 1) return 0;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Contradictions inside the document

interface Quantity {
  value: number;
  measure: string; // 座 / 个 / 万人 / 万人次 / %
  min: boolean; // 不少于 / 不低于 / 以上
  raw: string; // as written, with its qualifier: 共90座
}

const MEASURES = [
  '立方米', '平方米', '人次', '千伏', '元/月', '元/人', '公里',
  '座', '个', '所', '人', '家', '张', '台', '户', '处', '场', '套', '亩', '元', '项', '名', '辆', '%',
];
const QUANTITY = new RegExp(
  `(共|不少于|不低于|至少|达|提升至|提高到)?(\\d+(?:\\.\\d+)?)((?:万|亿)?(?:${MEASURES.map((m) => m.replace(/[/%]/g, '\\$&')).join('|')}))(以上)?`,
  'g',
);

/** Every "number + measure word" in a text, e.g. 共80座 → {80, 座}; 1650万人次 → {1650, 万人次}. */
export function quantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY)) {
    // Skip digits that continue a longer number or a range/label (35—110千伏: 35 is not a quantity).
    const before = text[(m.index ?? 0) - 1] ?? '';
    if (!m[1] && /[\d.]/.test(before)) continue;
    const qual = m[1] ?? '';
    out.push({
      value: Number(m[2]),
      measure: m[3]!,
      min: /不少于|不低于|至少/.test(qual) || m[4] === '以上',
      raw: m[0],
    });
  }
  return out;
}

/** 场(次) → 场: the parenthetical is an alternative reading, not part of the measure. */
function baseUnit(unit: string): string {
  return unit.replace(/[（(][^）)]*[）)]/g, '').trim();
}

/** Units for which summing the towns makes sense (not %, not rates such as 元/月). */
function additive(unit: string): boolean {
  return !/[%/]/.test(unit);
}

function fmt(n: number): string {
  return String(Number(n.toFixed(6)));
}

/**
 * Finds numbers the document states twice and disagrees on. For each indicator and each measure
 * word stated in its text (共80座 → 座), compares:
 *   - the matching 附件1 item's text (same measure word), e.g. 附件1 第15项 共90座;
 *   - a city-scoped note (全市… / 市本级…, including the `全市<n><unit>` totals of parseLivelihood);
 *   - the sum of the per-town targets, when the measure is the indicator's unit and additive;
 *     "不少于N" / "N以上" only requires sum ≥ N.
 * Texts must agree exactly (same list of values for that measure). Emits one Contradiction per
 * (indicator, measure) with every value and its source.
 */
export function findLivelihoodContradictions(
  projects: LivelihoodProject[],
  indicators: Indicator[],
): Contradiction[] {
  const out: Contradiction[] = [];
  const byProject = new Map<number, Indicator[]>();
  for (const ind of indicators) {
    const list = byProject.get(ind.projectNo) ?? [];
    list.push(ind);
    byProject.set(ind.projectNo, list);
  }
  for (const list of byProject.values()) list.sort((a, b) => a.no - b.no);

  for (const ind of [...indicators].sort((a, b) => a.no - b.no)) {
    const project = projects.find((p) => p.no === ind.projectNo);
    const siblings = byProject.get(ind.projectNo) ?? [];
    const itemIdx = project ? matchItemIndex(siblings.indexOf(ind), siblings.length, project.items.length) : undefined;
    const item = project && itemIdx !== undefined ? project.items[itemIdx] : undefined;
    const itemSource: SourceRef | undefined = project && item
      ? { ...project.source, line: item.line }
      : undefined;

    const own = quantities(ind.text);
    const measures = [...new Set(own.map((q) => q.measure))];
    for (const measure of measures) {
      const mine = own.filter((q) => q.measure === measure);
      const values: Contradiction['values'] = [{ value: mine.map((q) => q.raw).join('、'), source: ind.source }];
      const problems: string[] = [];
      const same = (qs: Quantity[]): boolean =>
        qs.length === mine.length && qs.every((q, k) => Math.abs(q.value - mine[k]!.value) < 1e-9);

      if (item && itemSource) {
        const theirs = quantities(item.text).filter((q) => q.measure === measure);
        if (theirs.length) {
          values.unshift({ value: theirs.map((q) => q.raw).join('、'), source: itemSource });
          if (!same(theirs)) {
            problems.push(`附件1 第${ind.projectNo}项写${theirs.map((q) => q.raw).join('、')}，附件2 第${ind.no}个指标写${mine.map((q) => q.raw).join('、')}`);
          }
        }
      }
      if (ind.note && /^(全市|市本级)/.test(ind.note)) {
        const theirs = quantities(ind.note).filter((q) => q.measure === measure);
        if (theirs.length) {
          values.push({ value: ind.note, source: ind.source });
          if (!same(theirs)) problems.push(`附件2 第${ind.no}个指标的目标任务栏写“${ind.note}”`);
        }
      }
      if (ind.towns && mine.length === 1 && measure === baseUnit(ind.unit) && additive(measure)) {
        const stated = mine[0]!;
        const sum = Object.values(ind.towns).reduce((a, b) => a + b, 0);
        values.push({ value: `各镇（街道）合计${fmt(sum)}${measure}`, source: ind.source });
        const ok = stated.min ? sum >= stated.value - 1e-9 : Math.abs(sum - stated.value) < 1e-9;
        if (!ok) problems.push(`附件2 第${ind.no}个指标各镇（街道）任务合计${fmt(sum)}${measure}，与“${stated.raw}”不符`);
      }
      if (!problems.length) continue;
      const topicBase = ind.text
        .replace(new RegExp(`[，,（(]?(?:${mine.map((q) => escapeRe(q.raw)).join('|')})[）)]?`, 'g'), '')
        .replace(/[，,、]+$/, '');
      const id = `livelihood-${ind.projectNo}-indicator-${ind.no}`;
      const dup = out.filter((c) => c.id === id || c.id.startsWith(`${id}-`)).length;
      out.push({
        id: dup ? `${id}-${dup + 1}` : id,
        topic: `${topicBase || ind.text} 数量（${measure}）`,
        keys: [`livelihood:${ind.projectNo}`, `indicator:${ind.no}`],
        values,
        note: problems.join('；') + '。文件内部不一致，各处数值均保留。',
      });
    }
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
