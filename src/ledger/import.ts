// 台账导入: reads a task list in the usual ledger layout (序号, 项目/类别 in one or two columns,
// 目标任务, 牵头领导, 牵头单位, 配合单位, optional 时间节点), tolerant of header variants, title
// rows above the header, merged cells (exceljs returns the master's value for every cell of a
// merge), blank category cells that inherit from the row above and section-heading rows
// ("一、聚力强产业"). Names and units go through knowledge/normalize.ts, so 市住建局 and
// 住房和城乡建设局 both arrive as 住建局. Problems are collected, each with sheet, row and column.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { canonPerson, canonUnit, joinBrokenUnits, squeezeCjk } from '../../knowledge/normalize.ts';
import { parseLeaders } from '../../knowledge/parsers/taskRow.ts';
import { findDeadlines } from '../../knowledge/deadlines.ts';
import { KB_YEAR } from '../../knowledge/sources.ts';
import type { DocMilestone, KeyTask, VotedProject } from '../../knowledge/types.ts';
import { SHEETS } from './export.ts';
import type { LedgerTask } from './store.ts';

export interface ImportIssue {
  sheet: string;
  row: number;
  /** column letter, e.g. E */
  column?: string;
  /** the header of that column as written */
  header?: string;
  message: string;
}

export function issueText(i: ImportIssue): string {
  const col = i.column ? ` ${i.column}列${i.header ? `（${i.header}）` : ''}` : '';
  return `工作表“${i.sheet}”第${i.row}行${col}：${i.message}`;
}

export class LedgerImportError extends Error {
  constructor(readonly issues: ImportIssue[]) {
    super(`台账有${issues.length}处问题：\n${issues.slice(0, 20).map(issueText).join('\n')}${issues.length > 20 ? `\n……另有${issues.length - 20}处` : ''}`);
    this.name = 'LedgerImportError';
  }
}

export interface ParsedLedger {
  sheet: string;
  headerRow: number;
  /** the year the list is for: from the title rows or the file name (2027年…), else the year
   * every dated 时间节点 cell shares, else the option */
  year: number;
  /** where `year` came from; 'default' = the sheet does not say (the option or KB_YEAR) */
  yearSource: 'title' | 'file' | 'dates' | 'default';
  tasks: LedgerTask[];
}

export interface ReadOptions {
  /** default IMPORT_LIMITS */
  limits?: Partial<ImportLimits>;
  /** the year when neither the title nor the file name says (default: the knowledge's year) */
  year?: number;
  /** 票决 projects: their milestones of that year are attached to the key task they link to */
  voted?: readonly VotedProject[];
}

/** The documents' milestones of each task, as ingest attaches them to the bundled list
 * (knowledge/ingest.ts withDocMilestones): deadlines in the target text, the ledger's 时间节点
 * column, and the milestones of the 票决 projects linked to the task. The task-state rule
 * counts them, so an imported list lags and reminds like the bundled one. */
export function attachMilestones(tasks: readonly LedgerTask[], year: number, voted: readonly VotedProject[] = []): LedgerTask[] {
  return tasks.map((t) => {
    const { milestones: _old, ...rest } = t;
    const ms: DocMilestone[] = findDeadlines(t.target, year).map((d) => ({ date: d.date, label: d.label, text: d.clause, from: '任务原文' }));
    if (t.deadline)
      for (const d of findDeadlines(t.deadline, year))
        if (!ms.some((m) => m.date === d.date)) ms.push({ date: d.date, label: d.label, text: d.clause, from: '台账时间节点' });
    for (const v of voted.filter((x) => x.keyTask === t.no))
      for (const tr of v.tracks)
        for (const m of tr.milestones)
          if (m.date.startsWith(`${year}-`)) ms.push({ date: m.date, label: m.label, text: m.text, from: `票决第${v.no}项${tr.name ? `（${tr.name}）` : ''}` });
    ms.sort((a, b) => a.date.localeCompare(b.date) || a.from.localeCompare(b.from));
    return ms.length ? { ...rest, milestones: ms } : rest;
  });
}

function yearOf(ws: ExcelJS.Worksheet, headerRow: number, fileName: string): { year: number; source: 'title' | 'file' } | undefined {
  for (let r = 1; r < headerRow; r++) {
    const m = /(20\d{2})\s*年/.exec(cellText(ws.getRow(r).getCell(1).value));
    if (m) return { year: Number(m[1]), source: 'title' };
  }
  const m = /(20\d{2})\s*年/.exec(fileName);
  return m ? { year: Number(m[1]), source: 'file' } : undefined;
}

/** The year of the 时间节点 column when every cell that names one ("2027年6月底", a date cell
 * read as 2027-06-30) names the same; mixed years decide nothing. Target texts are not used:
 * a 2026 list often says "到2027年底". */
function yearOfDeadlines(tasks: readonly LedgerTask[]): number | undefined {
  const years = new Set<number>();
  for (const t of tasks)
    for (const m of (t.deadline ?? '').matchAll(/(20\d{2})(?:\s*年|-\d{2}-\d{2})/g)) years.add(Number(m[1]));
  return years.size === 1 ? [...years][0] : undefined;
}

type Field = 'no' | 'category' | 'target' | 'leaders' | 'leadUnits' | 'coUnits' | 'deadline';

const FIELD_LABEL: Record<Field, string> = {
  no: '序号',
  category: '项目',
  target: '目标任务',
  leaders: '牵头领导',
  leadUnits: '牵头单位',
  coUnits: '配合单位',
  deadline: '时间节点',
};

/** Header → field. Order matters: 相关责任单位 is a cooperating column although it contains
 * 责任单位; 项目名称 is a category column only when no 目标任务 column is present. */
const MATCHERS: [Field, RegExp][] = [
  ['no', /^(序号|编号|序|No\.?)$/i],
  ['coUnits', /配合|协办|协作|协同|参与|相关责任单位|相关单位/],
  ['leaders', /领导/],
  ['leadUnits', /牵头单位|牵头部门|责任单位|责任部门|主责单位|承办单位|牵头责任单位/],
  ['deadline', /时间节点|完成时限|时限|完成时间|时间要求|进度安排|节点要求/],
  ['target', /目标任务|工作任务|任务内容|主要任务|重点任务|具体任务|工作内容|目标内容|^任务$|^目标$|工作目标/],
  ['category', /^(项目|类别|项目类别|分类|类型|板块|领域|大类|一级项目|一级分类|子项目|二级项目|二级分类|小类|子类)$/],
];

function normHeader(s: string): string {
  return s.replace(/\s+/g, '').replace(/[（(][^）)]*[）)]$/, '').replace(/[*＊:：]/g, '');
}

export function fieldOfHeader(raw: string): Field | undefined {
  const h = normHeader(raw);
  if (!h) return undefined;
  for (const [f, re] of MATCHERS) if (re.test(h)) return f;
  return undefined;
}

/** A cell's text, or why it cannot be read. Every shape exceljs produces is handled, so an
 * object can never reach a task as "[object Object]": a formula is read as its cached result
 * (the value Excel/WPS last computed and saved) and refused when the file carries none (files
 * written by scripts often do not); error values (#N/A, #REF!…) and unknown shapes are refused
 * with a reason, so the row is reported instead of imported with a blank or garbled field. */
export type CellRead = { text: string } | { problem: string };

export function readCell(v: unknown): CellRead {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v.trim() };
  if (typeof v === 'number') return Number.isFinite(v) ? { text: String(v) } : { problem: `数值无效（${v}）` };
  if (typeof v === 'boolean') return { text: v ? '是' : '否' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { problem: '日期无效' } : { text: v.toISOString().slice(0, 10) };
  if (typeof v !== 'object') return { problem: '无法识别的单元格内容' };
  const o = v as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) {
    if (o.result === undefined || o.result === null) {
      const f = typeof o.formula === 'string' ? o.formula : typeof o.sharedFormula === 'string' ? `与${o.sharedFormula}相同的公式` : '';
      return { problem: `公式${f ? `“=${f.replace(/^=/, '')}”` : ''}没有计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或把公式改为数值` };
    }
    return readCell(o.result);
  }
  if ('error' in o) return { problem: `单元格是错误值${typeof o.error === 'string' ? `“${o.error}”` : ''}，请改为正确内容` };
  if (Array.isArray(o.richText)) return { text: o.richText.map((r) => (r && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('').trim() };
  if ('hyperlink' in o) {
    // a link's shown text (itself plain or rich text), else the address
    const shown = o.text === undefined || o.text === null ? { text: '' } : readCell(o.text);
    if ('problem' in shown || shown.text) return shown;
    return typeof o.hyperlink === 'string' ? { text: o.hyperlink.trim() } : { text: '' };
  }
  if (typeof o.text === 'string') return { text: o.text.trim() };
  return { problem: '无法识别的单元格内容，请改为文字或数字' };
}

/** The text of a cell ('' for one that cannot be read): for headers and titles, where an
 * unreadable cell is simply not a header. Task fields use readCell and report problems. */
export function cellText(v: ExcelJS.CellValue): string {
  const r = readCell(v);
  return 'text' in r ? r.text : '';
}

// ---- limits ---------------------------------------------------------------------------------

/** exceljs builds the whole workbook in memory (every cell an object with its style): a 37 MB
 * sheet exhausts the heap. A task list is a few hundred rows, so the limits are far above any
 * real one and well below what the loader can hold. The file size is checked before reading;
 * rows and cells by a streaming pass that stops at the limit, before the workbook is loaded. */
export interface ImportLimits {
  maxBytes: number;
  /** per worksheet */
  maxRows: number;
  /** over all worksheets (a row's cells counted up to its last used column) */
  maxCells: number;
}

export const IMPORT_LIMITS: ImportLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 20_000, maxCells: 1_000_000 };

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function fileSizeIssue(bytes: number, fileName: string, limits: ImportLimits = IMPORT_LIMITS): ImportIssue | undefined {
  if (bytes <= limits.maxBytes) return undefined;
  return { sheet: '—', row: 0, message: `文件“${fileName}”有${mb(bytes)}，超过导入上限${mb(limits.maxBytes)}：请只保留任务清单工作表（删去图片和其他工作表）另存后再导入` };
}

/** Counts rows and cells with exceljs's streaming reader (shared strings and styles skipped, so
 * memory stays small), stopping at the first limit exceeded. */
async function checkWorkbookSize(buf: Buffer | ArrayBuffer, fileName: string, limits: ImportLimits): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(buf as ArrayBuffer)]), {
    worksheets: 'emit', sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore',
  });
  // exceljs 4.4 reads `model.sheets` when a worksheet entry precedes xl/workbook.xml in the zip,
  // and exceljs's own writer orders entries at random (about 1 file in 100): without a model the
  // reader throws "reading 'sheets'" on a valid file. Names then come from workbook.xml if it follows.
  (reader as unknown as { model?: { sheets: unknown[] } }).model ??= { sheets: [] };
  let cells = 0;
  for await (const ws of reader) {
    let rows = 0;
    const sheet = (ws as unknown as { name?: string }).name ?? '—';
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      rows++;
      cells += row.cellCount;
      if (rows > limits.maxRows)
        throw new LedgerImportError([{ sheet, row: row.number, message: `工作表超过导入上限${limits.maxRows}行（“${fileName}”）：请删去空行和与任务清单无关的内容后再导入` }]);
      if (cells > limits.maxCells)
        throw new LedgerImportError([{ sheet, row: row.number, message: `工作簿超过导入上限${limits.maxCells}个单元格（“${fileName}”）：请只保留任务清单工作表，删去多余的行列后再导入` }]);
    }
  }
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

interface Layout {
  row: number;
  cols: Partial<Record<Exclude<Field, 'category'>, number>>;
  /** category columns in order: [category] or [category, subCategory] */
  category: number[];
  headers: Map<number, string>;
}

function detectLayout(ws: ExcelJS.Worksheet): Layout | undefined {
  const last = Math.min(ws.rowCount, 15);
  for (let r = 1; r <= last; r++) {
    const row = ws.getRow(r);
    const cols: Layout['cols'] = {};
    const category: number[] = [];
    const headers = new Map<number, string>();
    const seen = new Set<string>();
    for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) {
      const text = cellText(row.getCell(c).value);
      const f = fieldOfHeader(text);
      if (!f) continue;
      // a title row merged across the sheet repeats one text in every cell: not a header
      if (seen.has(text) && f !== 'category') continue;
      seen.add(text);
      headers.set(c, text);
      if (f === 'category') category.push(c);
      else if (cols[f] === undefined) cols[f] = c;
    }
    if (cols.target !== undefined && (cols.leadUnits !== undefined || cols.leaders !== undefined)) {
      return { row: r, cols, category: category.filter((c) => c < cols.target!).slice(0, 2), headers };
    }
  }
  return undefined;
}

const COLLECTIVE_RE = /(各|相关)镇(人民)?政府[、，,]?(各)?街道办(事处)?|(各|相关)镇(人民)?政府[（(]街道办(事处)?[）)]|(各|相关)镇[（(]街道[）)]/g;

/** A units cell → canonical names. Collective phrases (各镇政府、街道办) stay whole although they
 * contain the 、 that separates units elsewhere. */
export function unitsOfLedgerCell(cell: string): string[] {
  const text = cell.trim();
  if (!text) return [];
  const keep: string[] = [];
  const marked = text.replace(COLLECTIVE_RE, (m) => {
    keep.push(canonUnit(m));
    return ` \u0000${keep.length - 1}\u0000 `;
  });
  const out: string[] = [];
  for (const piece of joinBrokenUnits(marked.replace(/[、，,；;\n/]+/g, ' ')).split(/\s+/)) {
    if (!piece) continue;
    const k = /^\u0000(\d+)\u0000$/.exec(piece);
    out.push(k ? keep[Number(k[1])]! : canonUnit(piece));
  }
  return [...new Set(out.filter(Boolean))];
}

const TITLE_SUFFIX = /(常务副市长|副市长|市长|同志|书记|主任)$/;

/** A leaders cell → canonical names, or the offending token. */
export function leadersOfLedgerCell(cell: string): { names: string[] } | { bad: string } {
  const text = cell.trim();
  if (!text) return { names: [] };
  if (!/[、，,；;\n/]/.test(text)) {
    const p = parseLeaders(text.replace(/\s+/g, ' '));
    if (p) return { names: p };
  }
  const names: string[] = [];
  for (const raw of text.split(/[、，,；;\n/]+/)) {
    const n = canonPerson(raw).replace(TITLE_SUFFIX, '');
    if (!n) continue;
    if (!/^[\u4e00-\u9fa5·]{2,5}$/.test(n)) return { bad: raw.trim() };
    names.push(n);
  }
  return { names: [...new Set(names)] };
}

const CN_NUM = /^[一二三四五六七八九十]+[、.．]\s*/;
const CN_SUB = /^[（(][一二三四五六七八九十]+[）)]\s*/;

export function parseLedgerSheet(ws: ExcelJS.Worksheet, fileName: string, opts: ReadOptions = {}): ParsedLedger {
  const sheet = ws.name;
  const layout = detectLayout(ws);
  if (!layout) {
    throw new LedgerImportError([{ sheet, row: 1, message: '没有找到表头：需要“序号”“目标任务”“牵头单位”（或“责任单位”）等列，表头应在前15行内' }]);
  }
  const issues: ImportIssue[] = [];
  const where = (row: number, c: number | undefined) =>
    c === undefined ? { sheet, row } : { sheet, row, column: colLetter(c), header: layout.headers.get(c) ?? '' };
  for (const f of ['no', 'leadUnits'] as const)
    if (layout.cols[f] === undefined)
      issues.push({ sheet, row: layout.row, message: `表头缺少“${FIELD_LABEL[f]}”列${f === 'leadUnits' ? '（也可写作 责任单位）' : ''}` });
  if (issues.length) throw new LedgerImportError(issues);

  const tasks: LedgerTask[] = [];
  const firstRowOf = new Map<number, number>();
  let category = '';
  let sub = '';
  let cellIssues: ImportIssue[] = [];
  const get = (row: ExcelJS.Row, c: number | undefined) => {
    if (c === undefined) return '';
    const v = readCell(row.getCell(c).value);
    if ('text' in v) return v.text;
    cellIssues.push({ ...where(row.number, c), message: v.problem });
    return '';
  };
  for (let r = layout.row + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const { cols } = layout;
    cellIssues = [];
    const noText = get(row, cols.no);
    const target = squeezeCjk(get(row, cols.target));
    const leaderText = get(row, cols.leaders);
    const leadText = get(row, cols.leadUnits);
    const coText = get(row, cols.coUnits);
    const catTexts = layout.category.map((c) => squeezeCjk(get(row, c)));
    const deadline = squeezeCjk(get(row, cols.deadline));
    // an unreadable cell (formula without result, error value…) is reported as such, not as the
    // blank field it would otherwise look like
    if (cellIssues.length) {
      issues.push(...cellIssues);
      continue;
    }
    const values = [noText, target, leaderText, leadText, coText, ...catTexts].filter(Boolean);
    if (values.length === 0) continue;
    // A section heading: one text across the row (a merge) or only in the first cells.
    const only = values[0]!;
    if (new Set(values).size === 1 && !/^\d/.test(only) && (noText === only || catTexts[0] === only)) {
      const text = squeezeCjk(only);
      if (CN_SUB.test(text)) sub = text.replace(CN_SUB, '');
      else {
        category = text.replace(CN_NUM, '');
        sub = '';
      }
      continue;
    }
    const rowIssues: ImportIssue[] = [];
    const m = /^(\d+)(?:\.0+)?[.．、]?$/.exec(noText);
    const no = m ? Number(m[1]) : NaN;
    if (!noText) rowIssues.push({ ...where(r, cols.no), message: '序号为空（每项任务需要一个数字序号）' });
    else if (!m || no <= 0) rowIssues.push({ ...where(r, cols.no), message: `序号“${noText}”不是正整数` });
    else if (firstRowOf.has(no)) rowIssues.push({ ...where(r, cols.no), message: `序号${no}与第${firstRowOf.get(no)}行重复` });
    if (!target) rowIssues.push({ ...where(r, cols.target), message: '目标任务为空' });
    const leaders = leadersOfLedgerCell(leaderText);
    if ('bad' in leaders) rowIssues.push({ ...where(r, cols.leaders), message: `“${leaders.bad}”不像人名：牵头领导应写姓名，多人用“、”分隔` });
    const leadUnits = unitsOfLedgerCell(leadText);
    if (leadUnits.length === 0) rowIssues.push({ ...where(r, cols.leadUnits), message: '牵头单位为空' });
    // categories: a blank cell inherits the row above (a merge the file lost)
    const [catCell = '', subCell = ''] = catTexts;
    if (catCell) {
      if (catCell !== category) sub = '';
      category = catCell.replace(CN_NUM, '');
    }
    if (layout.category.length > 1) {
      if (subCell) sub = subCell.replace(CN_SUB, '');
    }
    if (rowIssues.length) {
      issues.push(...rowIssues);
      continue;
    }
    firstRowOf.set(no, r);
    const task: LedgerTask = {
      no,
      category,
      subCategory: sub,
      target,
      leaders: 'names' in leaders ? leaders.names : [],
      leadUnits,
      coUnits: unitsOfLedgerCell(coText),
      source: { doc: 'key-tasks', title: fileName, locator: `${sheet} 第${r}行`, line: r },
    };
    if (deadline) task.deadline = deadline;
    tasks.push(task);
  }
  if (issues.length) throw new LedgerImportError(issues);
  if (tasks.length === 0) throw new LedgerImportError([{ sheet, row: layout.row + 1, message: '表头下面没有任务行' }]);
  const said = yearOf(ws, layout.row, fileName);
  const fromDates = said ? undefined : yearOfDeadlines(tasks);
  const year = said?.year ?? fromDates ?? opts.year ?? KB_YEAR;
  const yearSource = said?.source ?? (fromDates ? 'dates' : 'default');
  return { sheet, headerRow: layout.row, year, yearSource, tasks: attachMilestones(tasks, year, opts.voted) };
}

/** Reads the ledger in `buf`: the sheet named 重点工作任务 when there is one, else the first
 * sheet with a recognisable header. */
export async function readLedger(buf: Buffer | ArrayBuffer, fileName: string, opts: ReadOptions = {}): Promise<ParsedLedger> {
  const limits = { ...IMPORT_LIMITS, ...opts.limits };
  const tooBig = fileSizeIssue(buf.byteLength, fileName, limits);
  if (tooBig) throw new LedgerImportError([tooBig]);
  const wb = new ExcelJS.Workbook();
  try {
    await checkWorkbookSize(buf, fileName, limits);
    await wb.xlsx.load(buf as ArrayBuffer);
  } catch (err) {
    if (err instanceof LedgerImportError) throw err;
    throw new LedgerImportError([{ sheet: '—', row: 0, message: `无法读取“${fileName}”：不是有效的 .xlsx 文件（${err instanceof Error ? err.message : String(err)}）。WPS/Excel 中“另存为 .xlsx”后再导入` }]);
  }
  const named = wb.getWorksheet(SHEETS.keyTasks);
  if (named) return parseLedgerSheet(named, fileName, opts);
  let first: LedgerImportError | undefined;
  for (const ws of wb.worksheets) {
    try {
      return parseLedgerSheet(ws, fileName, opts);
    } catch (err) {
      if (!(err instanceof LedgerImportError)) throw err;
      // a sheet with a header but bad rows is the ledger: report its rows
      if (detectLayout(ws)) throw err;
      first ??= err;
    }
  }
  throw first ?? new LedgerImportError([{ sheet: '—', row: 0, message: '工作簿里没有工作表' }]);
}

// ---- diff -----------------------------------------------------------------------------------

export type DiffField = 'category' | 'subCategory' | 'target' | 'leaders' | 'leadUnits' | 'coUnits' | 'deadline';

export const DIFF_LABEL: Record<DiffField, string> = {
  category: '项目',
  subCategory: '子项目',
  target: '目标任务',
  leaders: '牵头领导',
  leadUnits: '牵头单位',
  coUnits: '配合单位',
  deadline: '时间节点',
};

export interface FieldChange {
  field: DiffField;
  label: string;
  before: string;
  after: string;
}

export interface TaskChange {
  no: number;
  before: KeyTask;
  after: LedgerTask;
  fields: FieldChange[];
}

export interface TaskListDiff {
  added: LedgerTask[];
  changed: TaskChange[];
  removed: KeyTask[];
  unchanged: number;
}

function fieldValue(t: LedgerTask, f: DiffField): string {
  const v = t[f];
  if (Array.isArray(v)) return v.join('、');
  return squeezeCjk(v ?? '');
}

/** Tasks are matched by 序号; sources (file, row) are not compared. */
export function diffTaskLists(current: readonly LedgerTask[], incoming: readonly LedgerTask[]): TaskListDiff {
  const before = new Map(current.map((t) => [t.no, t]));
  const after = new Map(incoming.map((t) => [t.no, t]));
  const out: TaskListDiff = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const t of incoming) {
    const old = before.get(t.no);
    if (!old) {
      out.added.push(t);
      continue;
    }
    const fields = (Object.keys(DIFF_LABEL) as DiffField[])
      .map((f) => ({ field: f, label: DIFF_LABEL[f], before: fieldValue(old, f), after: fieldValue(t, f) }))
      .filter((c) => c.before !== c.after);
    if (fields.length) out.changed.push({ no: t.no, before: old, after: t, fields });
    else out.unchanged++;
  }
  for (const t of current) if (!after.has(t.no)) out.removed.push(t);
  out.added.sort((a, b) => a.no - b.no);
  out.changed.sort((a, b) => a.no - b.no);
  out.removed.sort((a, b) => a.no - b.no);
  return out;
}

export function isEmptyDiff(d: TaskListDiff): boolean {
  return d.added.length + d.changed.length + d.removed.length === 0;
}

function clip(s: string, n: number): string {
  const cs = [...s];
  return cs.length > n ? cs.slice(0, n - 1).join('') + '…' : s;
}

/** 新增3项、变更5项、删除0项 — then one line per item with the changed fields. */
export function diffSummary(d: TaskListDiff, opts: { detail?: boolean } = {}): string {
  const head = `新增${d.added.length}项、变更${d.changed.length}项、删除${d.removed.length}项`;
  const lines = [isEmptyDiff(d) ? `${head}（与当前清单一致，${d.unchanged}项未变）` : `${head}（未变${d.unchanged}项）`];
  if (opts.detail === false) return lines[0]!;
  if (d.changed.length) {
    const fields = [...new Set(d.changed.flatMap((c) => c.fields.map((f) => f.label)))];
    lines.push(`变更字段：${fields.join('、')}`);
    for (const c of d.changed)
      lines.push(`· 第${c.no}项 ${c.fields.map((f) => `${f.label}：“${clip(f.before, 30)}”→“${clip(f.after, 30)}”`).join('；')}`);
  }
  for (const t of d.added) lines.push(`+ 新增 第${t.no}项 ${clip(t.target, 30)}（${t.leadUnits.join('、')}）`);
  for (const t of d.removed) lines.push(`- 删除 第${t.no}项 ${clip(t.target, 30)}（${t.leadUnits.join('、')}）`);
  return lines.join('\n');
}
