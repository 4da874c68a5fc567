// The export carries every list with real states: 民生实事 sub-items, each town's reported number
// under its indicator, the 开局八好 measures with their deadlines as dates; every sheet prints
// landscape with the header repeated.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeItemNo } from '../../src/items/address.ts';
import { exportWorkbook, FILLS, SHEETS } from '../../src/ledger/export.ts';
import { setReportAmount } from '../../src/store/items.ts';
import { insertReport } from '../../src/store/reports.ts';
import { TASK_STATES } from '../../src/progress/state.ts';
import { seed, TODAY, type Seeded } from './seed.ts';

let s: Seeded;
let wb: ExcelJS.Workbook;

function item(db: Seeded['db'], no: number, unit: string, text: string, at: string, amount?: number): void {
  const r = insertReport(db, { taskNo: no, platform: 'feishu', userId: 'u', userName: '联络员', unit, text, percent: null, status: text.includes('滞后') ? '滞后' : null, chatId: 'g', messageId: `i-${no}-${at}`, createdAt: at });
  if (amount !== undefined) setReportAmount(db, r.id, amount, '座');
}

beforeAll(async () => {
  s = seed();
  item(s.db, encodeItemNo({ kind: 'livelihood', project: 6, item: 1 }), '农业农村局', '已完成选址', '2026-06-20T02:00:00Z');
  item(s.db, encodeItemNo({ kind: 'indicator', no: 43, town: '白塘镇' }), '白塘镇', '完成2座', '2026-06-21T02:00:00Z', 2);
  item(s.db, encodeItemNo({ kind: 'measure', plan: 1, measure: 4 }), '发改局', '布展进度滞后', '2026-06-22T02:00:00Z');
  const buf = await exportWorkbook({ db: s.db, kb: s.kb, today: TODAY });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
});
afterAll(() => s.close());

const rows = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - 2 }, (_, i) => ws.getRow(i + 3));
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(2).values as unknown[]).slice(1) as string[];
const cellOf = (ws: ExcelJS.Worksheet, row: ExcelJS.Row, name: string) => row.getCell(header(ws).indexOf(name) + 1);

describe('export of every list', () => {
  it('民生实事: one row per sub-item with its own state, no "—"', () => {
    const ws = wb.getWorksheet(SHEETS.livelihood)!;
    const states = rows(ws).map((r) => String(cellOf(ws, r, '当前状态').value));
    expect(states.every((x) => /^(已完成|正常推进|滞后|未开始)/.test(x))).toBe(true);
    const r61 = rows(ws).find((r) => cellOf(ws, r, '编号').value === '民生6.1')!;
    expect(cellOf(ws, r61, '当前状态').value).toBe('正常推进');
    expect(cellOf(ws, r61, '最近进展').value).toBe('已完成选址');
    expect(cellOf(ws, r61, '进展日期').value).toEqual(new Date('2026-06-20T00:00:00Z'));
    expect(cellOf(ws, r61, '进展日期').numFmt).toBe('yyyy-mm-dd');
    expect(rows(ws).some((r) => cellOf(ws, r, '编号').value === '民生14')).toBe(true);
  });

  it('民生实事指标: under each indicator, what each town reported, coloured by the cell’s state', () => {
    const ws = wb.getWorksheet(SHEETS.indicators)!;
    const h = header(ws);
    const at = rows(ws).findIndex((r) => r.getCell(1).value === 43);
    const rep = rows(ws)[at + 1]!;
    expect(String(rep.getCell(3).value)).toContain('已报（1/');
    expect(rep.getCell(h.indexOf('白塘镇') + 1).value).toBe(2);
    expect(rep.getCell(h.indexOf('白水镇') + 1).value).toBeNull();
    expect((rep.getCell(h.indexOf('白塘镇') + 1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILLS.green.fill);
  });

  it('开局八好: every measure with its deadline as a date and its state', () => {
    const ws = wb.getWorksheet(SHEETS.measures)!;
    expect(ws.rowCount).toBe(2 + s.kb.measures.length);
    const museum = rows(ws).find((r) => r.getCell(1).value === '八好1.4')!;
    expect(cellOf(ws, museum, '时限').value).toEqual(new Date('2026-07-31T00:00:00Z'));
    expect(String(cellOf(ws, museum, '当前状态').value)).toBe('滞后（联络员报告滞后）');
    expect((museum.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(FILLS.red.fill);
    expect(String(cellOf(ws, museum, '下一节点').value)).toContain('端午文化博物馆');
  });

  it('the summary sheet adds the other lists by state and each town’s cells reported', () => {
    const ws = wb.getWorksheet(SHEETS.summary)!;
    const all = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1));
    const by = (name: string) => all.find((r) => r.getCell(1).value === name)!;
    expect(by('其他清单')).toBeTruthy();
    const m = by('开局八好');
    expect(m.getCell(2).value).toBe(s.kb.measures.length);
    expect(m.getCell(3 + TASK_STATES.indexOf('滞后')).value).toBe(1); // 滞后 (columns follow TASK_STATES)
    expect(m.getCell(3 + TASK_STATES.length).value).toBe('八好1.4');
    expect(by('民生实事').getCell(3 + TASK_STATES.indexOf('正常推进')).value).toBe(1); // 正常推进: 民生6.1
    expect(by('镇街指标：目标与已报')).toBeTruthy();
    const bt = [...all].reverse().find((r) => r.getCell(1).value === '白塘镇')!; // the first is 按镇街 (key tasks)
    expect([bt.getCell(2).value, bt.getCell(3).value, bt.getCell(4).value]).toEqual([7, 1, 0]);
  });

  it('every sheet prints landscape, one page wide, with the title and header on every page', () => {
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape');
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
      expect(ws.pageSetup.printTitlesRow, ws.name).toBe('1:2');
    }
  });
});
