// 台账导出: one exceljs workbook for a meeting. Sheets: 汇总 (bulletin line, by lead unit, by
// leader, by town), 重点工作任务, 民生实事 (each sub-item with its own state), 民生实事指标 (towns
// as columns: each indicator's targets, and under it what each town reported), 票决民生实事,
// 开局八好 (each measure with its state and deadline). Every sheet prints landscape on A4, one page
// wide, with its title and header rows repeated on every page. Plain
// features only (values, fills, borders, wrap, one merged title row, a frozen header) so
// Excel and WPS open it the same way. Row colours: red 滞后, yellow a milestone within 7 days,
// green 正常推进/已完成, none 未开始.
import ExcelJS from 'exceljs';
import { TOWNS } from '../../knowledge/normalize.ts';
import type { KnowledgeBase, SourceRef } from '../../knowledge/types.ts';
import { bulletinLine, countStates, stateNote } from '../progress/format.ts';
import type { ScopeKind } from '../progress/scope.ts';
import { TASK_STATES } from '../progress/state.ts';
import { closedLabel } from '../loop/format.ts';
import { shortDate } from '../progress/time.ts';
import { chinaDate } from '../remind/dates.ts';
import type { Db } from '../store/db.ts';
import { countViews, groupCounts, latestReport, ledgerView, NEAR_DAYS, nextLine, reportText, taskMilestones, toneOf, type LedgerView, type TaskView, type Tone } from './status.ts';
import { loadBoard, type TaskStatus } from '../progress/board.ts';
import { lagReason } from '../progress/format.ts';
import { addDays } from '../progress/time.ts';
import { formatItemRef } from '../items/address.ts';
import { catalogOf, labelOf, type ItemCatalog } from '../items/catalog.ts';
import { latestAmounts } from '../store/items.ts';
import { countEvidence, evidenceListing } from '../store/evidence.ts';
import { decodeItemNo, itemLabel } from '../items/address.ts';
import { isImage } from '../evidence/policy.ts';
export { groupCounts, type GroupCount } from './status.ts';
import { activeTaskList } from './store.ts';

export interface ExportDeps {
  db: Db;
  kb: KnowledgeBase;
  /** local date yyyy-mm-dd */
  today: string;
}

export const SHEETS = {
  summary: '汇总',
  keyTasks: '重点工作任务',
  livelihood: '民生实事',
  indicators: '民生实事指标',
  voted: '票决民生实事',
  measures: '开局八好',
  evidence: '佐证材料',
} as const;

/** Column headers of the key-task sheet; the first seven (eight with 时间节点) are the source
 * columns the importer reads back. */
export const KEY_TASK_HEADERS = ['序号', '项目', '子项目', '目标任务', '牵头领导', '牵头单位', '配合单位'] as const;
export const STATUS_HEADERS = ['当前状态', '最近进展', '进展日期', '下一节点', '来源', '状态说明', '佐证材料'] as const;

/** ARGB fills and fonts (Excel's 好/差/中性 cell styles). */
export const FILLS: Record<Exclude<Tone, 'none'>, { fill: string; font: string }> = {
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
};

const HEADER_FILL = 'FFD9E1F2';
const LEGEND = '颜色：红色＝滞后；黄色＝7天内有节点；绿色＝正常推进、已完成或逾期完成；无色＝未开始';
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export function sourceText(s: SourceRef): string {
  return `${s.title} ${s.locator}`;
}

const join = (xs: readonly string[]) => xs.join('、');

interface Col {
  header: string;
  width: number;
  wrap?: boolean;
}

/** Adds a sheet with a merged title row, a styled header row (frozen) and sensible widths. */
function addSheet(wb: ExcelJS.Workbook, name: string, title: string, cols: Col[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }],
    // Printed for meetings: landscape A4, all columns on one page's width, the title and the
    // header on every page.
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2', horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&C${name} 第&P页，共&N页` },
  });
  ws.columns = cols.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getCell(1, 1).alignment = { vertical: 'middle', wrapText: true };
  if (cols.length > 1) ws.mergeCells(1, 1, 1, cols.length);
  ws.getRow(1).height = 36;
  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
  });
  header.height = 22;
  return ws;
}

type CellValue = string | number | Date | null;

/** A local date (yyyy-mm-dd) as an Excel date: sortable and filterable, shown as 2026-06-20. */
export function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function addRow(ws: ExcelJS.Worksheet, cols: Col[], values: CellValue[], tone: Tone = 'none'): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (v === '' ? null : v)));
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    cell.alignment = { vertical: 'top', wrapText: c.wrap ?? false };
    cell.border = BORDER;
    if (tone !== 'none') {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[tone].fill } };
      cell.font = { color: { argb: FILLS[tone].font } };
    }
  });
  return row;
}

function statusCells(db: Db, v: TaskView | undefined, today: string, source: SourceRef): CellValue[] {
  if (!v) return ['—', '', '', '', sourceText(source), '', ''];
  const r = latestReport(db, v.task.no);
  // A closed item is 已完成 and says since when (销号 by the office).
  const state = v.status.closedAt ? `${v.state}（${closedLabel(v.status.closedAt)}）` : v.state;
  // 佐证材料: how many files the item's live reports carry (the files stay in DATA_DIR/evidence)
  // 进展日期 as a date cell (sortable, filterable), like the other lists' sheets.
  return [state, reportText(r), r ? excelDate(chinaDate(new Date(r.createdAt))) : null, nextLine(v.next, today), sourceText(source), stateNote(v.status), countEvidence(db, v.task.no)];
}

function keyTaskSheet(wb: ExcelJS.Workbook, db: Db, lv: LedgerView): void {
  const withDeadline = lv.tasks.some((t) => t.deadline);
  const cols: Col[] = [
    { header: '序号', width: 6 },
    { header: '项目', width: 12, wrap: true },
    { header: '子项目', width: 14, wrap: true },
    { header: '目标任务', width: 48, wrap: true },
    { header: '牵头领导', width: 10, wrap: true },
    { header: '牵头单位', width: 16, wrap: true },
    { header: '配合单位', width: 24, wrap: true },
    ...(withDeadline ? [{ header: '时间节点', width: 16, wrap: true }] : []),
    { header: '当前状态', width: 10 },
    { header: '最近进展', width: 36, wrap: true },
    { header: '进展日期', width: 12 },
    { header: '下一节点', width: 30, wrap: true },
    { header: '来源', width: 30, wrap: true },
    { header: '状态说明', width: 30, wrap: true },
    { header: '佐证材料', width: 9 },
  ];
  const ws = addSheet(wb, SHEETS.keyTasks, `${lv.today.slice(0, 4)}年重点工作任务推进台账（截至${shortDate(lv.today)}）　${LEGEND}`, cols);
  for (const t of lv.tasks) {
    const v = lv.views.get(t.no);
    addRow(
      ws,
      cols,
      [t.no, t.category, t.subCategory, t.target, join(t.leaders), join(t.leadUnits), join(t.coUnits), ...(withDeadline ? [t.deadline ?? ''] : []), ...statusCells(db, v, lv.today, t.source)],
      v?.tone ?? 'none',
    );
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } };
}

/** The state columns of a list item: state, latest report, its date (an Excel date), next milestone. */
function itemStatus(db: Db, st: TaskStatus, today: string): CellValue[] {
  const r = latestReport(db, st.task.no);
  const next = taskMilestones(st).find((m) => m.dueDate >= today);
  const why = st.state === '滞后' ? `（${lagReason(st)}）` : '';
  return [`${st.state}${why}`, reportText(r), r ? excelDate(chinaDate(new Date(r.createdAt))) : null, nextLine(next, today)];
}

function toneOfStatus(st: TaskStatus, today: string): Tone {
  const next = taskMilestones(st).find((m) => m.dueDate >= today);
  return toneOf(st.state, next !== undefined && next.dueDate <= addDays(today, NEAR_DAYS) && st.state !== '已完成');
}

const ITEM_STATUS_COLS: Col[] = [
  { header: '当前状态', width: 14, wrap: true },
  { header: '最近进展', width: 32, wrap: true },
  { header: '进展日期', width: 12 },
  { header: '下一节点', width: 26, wrap: true },
];

function livelihoodSheet(wb: ExcelJS.Workbook, db: Db, items: ItemCatalog, board: Board, today: string): void {
  const cols: Col[] = [
    { header: '序号', width: 6 },
    { header: '编号', width: 9 },
    { header: '项目名称', width: 16, wrap: true },
    { header: '级别', width: 9 },
    { header: '目标任务', width: 40, wrap: true },
    { header: '牵头领导', width: 9, wrap: true },
    { header: '牵头单位', width: 14, wrap: true },
    { header: '配合单位', width: 24, wrap: true },
    ...ITEM_STATUS_COLS,
    { header: '来源', width: 26, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.livelihood, `省、岳阳市重点民生实事（截至${shortDate(today)}）　填报：/进展 民生6.1 内容（只有一项的写 民生14）　${LEGEND}`, cols);
  const xs = items.ofKind('livelihood');
  const kb = items.kb;
  for (const x of xs) {
    if (x.ref.kind !== 'livelihood') continue;
    const p = kb.livelihood.find((q) => q.no === (x.ref as { project: number }).project)!;
    const st = board.get(x.no)!;
    const text = p.items.length === 1 ? p.items[0]!.text : p.items[(x.ref.item ?? 1) - 1]!.text;
    addRow(
      ws,
      cols,
      [p.no, formatItemRef(x.ref), p.name, p.level, text, join(x.leaders), join(x.leadUnits), join(x.coUnits), ...itemStatus(db, st, today), `${p.source.title} ${x.locator}`],
      toneOfStatus(st, today),
    );
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } };
}

function measureSheet(wb: ExcelJS.Workbook, db: Db, items: ItemCatalog, board: Board, today: string): void {
  const cols: Col[] = [
    { header: '编号', width: 9 },
    { header: '方案', width: 16, wrap: true },
    { header: '条目', width: 16, wrap: true },
    { header: '举措', width: 44, wrap: true },
    { header: '牵头单位', width: 16, wrap: true },
    { header: '配合单位', width: 20, wrap: true },
    { header: '时限', width: 12 },
    ...ITEM_STATUS_COLS,
    { header: '来源', width: 24, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.measures, `“开局八好”实施方案举措（截至${shortDate(today)}）　填报：/进展 八好1.4 内容　${LEGEND}`, cols);
  const xs = items.ofKind('measure');
  for (const x of xs) {
    const st = board.get(x.no)!;
    // the earliest deadline its own text sets, as a date cell
    const own = (x.milestones ?? [])[0];
    addRow(
      ws,
      cols,
      [formatItemRef(x.ref), x.subCategory, x.locator, x.target, join(x.leadUnits), join(x.coUnits), own ? excelDate(own.date) : null, ...itemStatus(db, st, today), sourceText(x.source)],
      toneOfStatus(st, today),
    );
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } };
}

function indicatorSheet(wb: ExcelJS.Workbook, db: Db, kb: KnowledgeBase, items: ItemCatalog, board: Board, today: string): void {
  const cols: Col[] = [
    { header: '序号', width: 6 },
    { header: '民生实事', width: 14, wrap: true },
    { header: '指标', width: 36, wrap: true },
    { header: '单位', width: 6 },
    ...TOWNS.map((t) => ({ header: t, width: 8 })),
    { header: '备注', width: 20, wrap: true },
    { header: '来源', width: 26, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.indicators, `民生实事指标分解（按镇街，截至${shortDate(today)}）　每个指标下一行为各镇街已报的累计数（/进展 指标43 白塘镇 完成2座）`, cols);
  const cells = items.ofKind('indicator');
  const done = latestAmounts(db);
  for (const i of kb.indicators) {
    const towns = TOWNS.map((t) => i.towns?.[t] ?? null);
    addRow(ws, cols, [i.no, `${i.projectNo}.${i.project}`, i.text, i.unit, ...towns, i.note ?? '', sourceText(i.source)]);
    const own = cells.filter((x) => x.ref.kind === 'indicator' && x.ref.no === i.no);
    if (!own.length) continue;
    const byTown = new Map(own.map((x) => [x.leadUnits[0]!, x]));
    const reported = TOWNS.map((t) => {
      const x = byTown.get(t);
      return x ? (done.get(x.no)?.amount ?? null) : null;
    });
    const lag = own.filter((x) => board.get(x.no)!.state === '滞后').map((x) => x.leadUnits[0]);
    const row = addRow(ws, cols, ['', '', `　已报（${own.filter((x) => done.has(x.no)).length}/${own.length}个镇街）`, i.unit, ...reported, lag.length ? `滞后：${lag.join('、')}` : '', '']);
    // each town's cell coloured by its own state
    TOWNS.forEach((t, k) => {
      const x = byTown.get(t);
      if (!x) return;
      const tone = toneOfStatus(board.get(x.no)!, today);
      if (tone === 'none') return;
      const cell = row.getCell(5 + k);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[tone].fill } };
      cell.font = { color: { argb: FILLS[tone].font } };
    });
  }
  ws.views = [{ state: 'frozen', xSplit: 3, ySplit: 2, topLeftCell: 'D3', activeCell: 'D3' }];
}

function votedSheet(wb: ExcelJS.Workbook, db: Db, kb: KnowledgeBase, lv: LedgerView): void {
  const cols: Col[] = [
    { header: '序号', width: 6 },
    { header: '项目名称', width: 22, wrap: true },
    { header: '时间节点', width: 48, wrap: true },
    { header: '牵头领导', width: 10, wrap: true },
    { header: '牵头单位', width: 16, wrap: true },
    { header: '配合单位', width: 26, wrap: true },
    { header: '对应任务', width: 10 },
    ...STATUS_HEADERS.map((h) => ({ header: h, width: h === '最近进展' || h === '下一节点' || h === '来源' || h === '状态说明' ? 30 : 10, wrap: h !== '当前状态' && h !== '进展日期' })),
  ];
  const ws = addSheet(wb, SHEETS.voted, `人大代表票决民生实事（截至${shortDate(lv.today)}）　状态按对应重点工作任务的进展计算`, cols);
  for (const v of kb.voted) {
    const nodes = v.tracks
      .flatMap((tr) => tr.milestones.map((m) => `${tr.name ? `【${tr.name}】` : ''}${m.label}：${m.text}`))
      .join('\n');
    const view = v.keyTask !== undefined ? lv.views.get(v.keyTask) : undefined;
    const own = v.tracks.flatMap((tr) => tr.milestones).filter((m) => m.date >= lv.today).sort((a, b) => a.date.localeCompare(b.date))[0];
    const cells = statusCells(db, view, lv.today, v.source);
    if (own) cells[3] = nextLine({ dueDate: own.date, dueLabel: own.label, text: own.text, from: `票决第${v.no}项`, id: 0 }, lv.today);
    addRow(ws, cols, [v.no, v.name, nodes, join(v.leaders), join(v.leadUnits), join(v.coUnits), v.keyTask !== undefined ? `第${v.keyTask}项` : '', ...cells], view?.tone ?? 'none');
  }
}

const BY: { kind: ScopeKind; title: string; label: string }[] = [
  { kind: 'unit', title: '按牵头单位（牵头任务）', label: '牵头单位' },
  { kind: 'leader', title: '按牵头领导', label: '牵头领导' },
  { kind: 'town', title: '按镇街（点名及“各镇”任务）', label: '镇街' },
];

function summarySheet(wb: ExcelJS.Workbook, lv: LedgerView): void {
  const cols: Col[] = [
    { header: '名称', width: 22 },
    { header: '合计', width: 8 },
    ...TASK_STATES.map((s) => ({ header: s, width: 10 })),
    { header: '滞后任务', width: 40, wrap: true },
  ];
  const c = countViews(lv.views.values());
  const ws = addSheet(wb, SHEETS.summary, `截至${shortDate(lv.today)}，重点工作任务${lv.tasks.length}项：${bulletinLine(c)}。`, cols);
  addRow(ws, cols, ['全部任务', lv.tasks.length, ...TASK_STATES.map((s) => c[s]), lagList([...lv.views.values()])], c['滞后'] > 0 ? 'red' : 'none');
  for (const by of BY) {
    ws.addRow([]);
    const head = ws.addRow([by.title]);
    head.getCell(1).font = { bold: true };
    const hdr = addRow(ws, cols, [by.label, '合计', ...TASK_STATES, '滞后任务']);
    hdr.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    });
    for (const g of groupCounts(lv, by.kind)) {
      addRow(ws, cols, [g.name, g.views.length, ...TASK_STATES.map((s) => g.counts[s]), lagList(g.views)], g.counts['滞后'] > 0 ? 'red' : 'none');
    }
  }
}

/** The other lists on the summary sheet: counts by state per list, then each town's cells. */
function otherListsSummary(wb: ExcelJS.Workbook, db: Db, items: ItemCatalog, board: Board, today: string): void {
  const ws = wb.getWorksheet(SHEETS.summary)!;
  const cols: Col[] = [{ header: '', width: 22 }, { header: '', width: 8 }, ...TASK_STATES.map(() => ({ header: '', width: 10 })), { header: '', width: 40, wrap: true }];
  const others = items.all.filter((x) => x.kind !== 'key');
  if (!others.length) return;
  const headRow = (title: string, labels: string[]) => {
    ws.addRow([]);
    ws.addRow([title]).getCell(1).font = { bold: true };
    addRow(ws, cols, labels).eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    });
  };
  headRow('其他清单', ['清单', '合计', ...TASK_STATES, '滞后事项']);
  for (const [kind, name] of [['livelihood', '民生实事'], ['indicator', '民生实事指标（镇街）'], ['measure', '开局八好'], ['voted', '票决民生实事']] as const) {
    const st = others.filter((x) => x.kind === kind).map((x) => board.get(x.no)!);
    if (!st.length) continue;
    const c = countStates(st);
    const lag = st.filter((x) => x.state === '滞后').map((x) => labelOf(x.task));
    addRow(ws, cols, [name, st.length, ...TASK_STATES.map((k) => c[k]), lag.join('、')], c['滞后'] > 0 ? 'red' : 'none');
  }
  const cells = items.ofKind('indicator');
  if (!cells.length) return;
  const done = latestAmounts(db);
  headRow('镇街指标：目标与已报', ['镇街', '指标项数', '已报', '达目标数', '滞后', '', '滞后指标']);
  for (const town of TOWNS) {
    const own = cells.filter((x) => x.leadUnits[0] === town);
    if (!own.length) continue;
    const rep = own.filter((x) => done.has(x.no));
    const full = rep.filter((x) => x.quota!.unit !== '%' && done.get(x.no)!.amount >= x.quota!.amount);
    const lag = own.filter((x) => board.get(x.no)!.state === '滞后');
    addRow(ws, cols, [town, own.length, rep.length, full.length, lag.length, null, lag.map((x) => labelOf(x)).join('、')], lag.length ? 'red' : 'none');
  }
}

/** Every 佐证材料 file on a live report, one row each: which item, which report, the file's name,
 * type, size and SHA-256 (the name it has under DATA_DIR/evidence), so the office can find it. */
function evidenceSheet(wb: ExcelJS.Workbook, db: Db, today: string): void {
  const rows = evidenceListing(db);
  const cols: Col[] = [
    { header: '事项', width: 14 },
    { header: '进展日期', width: 12 },
    { header: '单位', width: 16, wrap: true },
    { header: '填报人', width: 10 },
    { header: '进展内容', width: 40, wrap: true },
    { header: '文件名', width: 26, wrap: true },
    { header: '类型', width: 8 },
    { header: '大小（KB）', width: 10 },
    { header: 'SHA-256', width: 20 },
  ];
  const ws = addSheet(wb, SHEETS.evidence, `截至${shortDate(today)}，有效进展所附佐证材料${rows.length}份（文件在数据目录 evidence/ 下，按 SHA-256 命名；看板任务页可查看、下载）。`, cols);
  for (const e of rows) {
    const ref = decodeItemNo(e.taskNo);
    addRow(ws, cols, [
      ref ? itemLabel(ref) : `第${e.taskNo}项`, excelDate(chinaDate(new Date(e.reportAt))), e.unit, e.userName, e.reportText,
      e.name, isImage(e.ext) ? `图片（${e.ext}）` : e.ext, Math.max(1, Math.round(e.size / 1024)), e.sha256,
    ]);
  }
}

type Board = ReadonlyMap<number, TaskStatus>;

function lagList(vs: TaskView[]): string {
  return vs.filter((v) => v.state === '滞后').map((v) => `第${v.task.no}项`).join('、');
}

export async function exportWorkbook(deps: ExportDeps): Promise<Buffer> {
  const tasks = activeTaskList(deps.db) ?? deps.kb.keyTasks;
  const lv = ledgerView(deps.db, deps.kb, tasks, deps.today);
  const wb = new ExcelJS.Workbook();
  wb.creator = '督办助手';
  wb.created = new Date(`${deps.today}T00:00:00Z`);
  wb.modified = wb.created;
  const items = catalogOf({ ...deps.kb, keyTasks: tasks });
  // one pass of the state rule over every other list's items: each sheet reads its own from it
  const board = loadBoard(deps.db, items.all.filter((x) => x.kind !== 'key'), deps.today);
  summarySheet(wb, lv);
  keyTaskSheet(wb, deps.db, lv);
  livelihoodSheet(wb, deps.db, items, board, deps.today);
  indicatorSheet(wb, deps.db, deps.kb, items, board, deps.today);
  votedSheet(wb, deps.db, deps.kb, lv);
  measureSheet(wb, deps.db, items, board, deps.today);
  otherListsSummary(wb, deps.db, items, board, deps.today);
  evidenceSheet(wb, deps.db, deps.today);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
