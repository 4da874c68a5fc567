// 台账导出: one exceljs workbook for a meeting. Sheets: 汇总 (bulletin line, by lead unit, by
// leader, by town), 重点工作任务, 民生实事, 民生实事指标 (towns as columns), 票决民生实事. Plain
// features only (values, fills, borders, wrap, one merged title row, a frozen header) so
// Excel and WPS open it the same way. Row colours: red 滞后, yellow a milestone within 7 days,
// green 正常推进/已完成, none 未开始.
import ExcelJS from 'exceljs';
import { TOWNS } from '../../knowledge/normalize.ts';
import type { KnowledgeBase, SourceRef } from '../../knowledge/types.ts';
import { bulletinLine } from '../progress/format.ts';
import type { ScopeKind } from '../progress/scope.ts';
import { TASK_STATES } from '../progress/state.ts';
import { closedLabel } from '../loop/format.ts';
import { shortDate } from '../progress/time.ts';
import { chinaDate } from '../remind/dates.ts';
import { findDeadlines } from '../../knowledge/deadlines.ts';
import type { Db } from '../store/db.ts';
import { countViews, groupCounts, latestReport, ledgerView, nextLine, reportText, type LedgerView, type TaskView, type Tone } from './status.ts';
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
} as const;

/** Column headers of the key-task sheet; the first seven (eight with 时间节点) are the source
 * columns the importer reads back. */
export const KEY_TASK_HEADERS = ['序号', '项目', '子项目', '目标任务', '牵头领导', '牵头单位', '配合单位'] as const;
export const STATUS_HEADERS = ['当前状态', '最近进展', '进展日期', '下一节点', '来源'] as const;

/** ARGB fills and fonts (Excel's 好/差/中性 cell styles). */
export const FILLS: Record<Exclude<Tone, 'none'>, { fill: string; font: string }> = {
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
};

const HEADER_FILL = 'FFD9E1F2';
const LEGEND = '颜色：红色＝滞后；黄色＝7天内有节点；绿色＝正常推进或已完成；无色＝未开始';
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
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }] });
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

function addRow(ws: ExcelJS.Worksheet, cols: Col[], values: (string | number | null)[], tone: Tone = 'none'): ExcelJS.Row {
  const row = ws.addRow(values.map((v) => (v === '' ? null : v)));
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    cell.alignment = { vertical: 'top', wrapText: c.wrap ?? false };
    cell.border = BORDER;
    if (tone !== 'none') {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[tone].fill } };
      cell.font = { color: { argb: FILLS[tone].font } };
    }
  });
  return row;
}

function statusCells(db: Db, v: TaskView | undefined, today: string, source: SourceRef): (string | number | null)[] {
  if (!v) return ['—', '', '', '', sourceText(source)];
  const r = latestReport(db, v.task.no);
  // A closed item is 已完成 and says since when (销号 by the office).
  const state = v.status.closedAt ? `${v.state}（${closedLabel(v.status.closedAt)}）` : v.state;
  return [state, reportText(r), r ? chinaDate(new Date(r.createdAt)) : '', nextLine(v.next, today), sourceText(source)];
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

function livelihoodSheet(wb: ExcelJS.Workbook, kb: KnowledgeBase, today: string): void {
  const cols: Col[] = [
    { header: '序号', width: 6 },
    { header: '项目名称', width: 18, wrap: true },
    { header: '级别', width: 10 },
    { header: '目标任务', width: 44, wrap: true },
    { header: '牵头领导', width: 10, wrap: true },
    { header: '牵头单位', width: 16, wrap: true },
    { header: '配合单位', width: 28, wrap: true },
    { header: '当前状态', width: 10 },
    { header: '下一节点', width: 24, wrap: true },
    { header: '来源', width: 30, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.livelihood, `省、岳阳市重点民生实事（截至${shortDate(today)}）　进展按重点工作任务编号填报，本表状态列为“—”`, cols);
  const year = Number(today.slice(0, 4));
  for (const p of kb.livelihood)
    for (const it of p.items) {
      const next = findDeadlines(it.text, year).find((d) => d.date >= today);
      addRow(ws, cols, [p.no, p.name, p.level, it.text, join(it.leaders), join(it.leadUnits), join(it.coUnits), '—', next ? `${shortDate(next.date)}（${next.label}）` : '', `${p.source.title} 附件1 第${p.no}项`]);
    }
}

function indicatorSheet(wb: ExcelJS.Workbook, kb: KnowledgeBase): void {
  const cols: Col[] = [
    { header: '序号', width: 6 },
    { header: '民生实事', width: 14, wrap: true },
    { header: '指标', width: 36, wrap: true },
    { header: '单位', width: 6 },
    ...TOWNS.map((t) => ({ header: t, width: 8 })),
    { header: '备注', width: 20, wrap: true },
    { header: '来源', width: 26, wrap: true },
  ];
  const ws = addSheet(wb, SHEETS.indicators, '民生实事指标分解（按镇街）', cols);
  for (const i of kb.indicators) {
    const towns = TOWNS.map((t) => i.towns?.[t] ?? null);
    addRow(ws, cols, [i.no, `${i.projectNo}.${i.project}`, i.text, i.unit, ...towns, i.note ?? '', sourceText(i.source)]);
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
    ...STATUS_HEADERS.map((h) => ({ header: h, width: h === '最近进展' || h === '下一节点' || h === '来源' ? 30 : 10, wrap: h !== '当前状态' && h !== '进展日期' })),
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
  summarySheet(wb, lv);
  keyTaskSheet(wb, deps.db, lv);
  livelihoodSheet(wb, deps.kb, deps.today);
  indicatorSheet(wb, deps.kb);
  votedSheet(wb, deps.db, deps.kb, lv);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
