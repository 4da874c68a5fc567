// The exported workbook read back with exceljs, cell by cell.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkbook, FILLS, KEY_TASK_HEADERS, SHEETS, STATUS_HEADERS } from '../../src/ledger/export.ts';
import { loadBoard } from '../../src/progress/board.ts';
import { bulletinLine, countStates } from '../../src/progress/format.ts';
import { TASK_STATES } from '../../src/progress/state.ts';
import { seed, TODAY, type Seeded } from './seed.ts';

let s: Seeded;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  s = seed();
  const buf = await exportWorkbook({ db: s.db, kb: s.kb, today: TODAY });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
});
afterAll(() => s.close());

function rowOfTask(ws: ExcelJS.Worksheet, no: number): ExcelJS.Row {
  for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === no) return ws.getRow(r);
  throw new Error(`no row for task ${no}`);
}

const fillOf = (c: ExcelJS.Cell) => (c.fill && c.fill.type === 'pattern' ? (c.fill.fgColor?.argb ?? null) : null);

describe('exportWorkbook', () => {
  it('has one sheet per list plus the summary, then the 佐证材料 listing, in order', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEETS.summary, SHEETS.keyTasks, SHEETS.livelihood, SHEETS.indicators, SHEETS.voted, SHEETS.measures, SHEETS.evidence]);
  });

  it('freezes the header of every sheet and sets widths', () => {
    for (const ws of wb.worksheets) {
      const v = ws.views[0] as { state: string; ySplit?: number };
      expect(v.state, ws.name).toBe('frozen');
      expect(v.ySplit, ws.name).toBe(2);
    }
    const ws = wb.getWorksheet(SHEETS.keyTasks)!;
    expect(ws.getColumn(4).width).toBe(48); // 目标任务
    expect(ws.getColumn(1).width).toBe(6);
  });

  it('writes the source columns, then state, latest report, its date, next milestone and source', () => {
    const ws = wb.getWorksheet(SHEETS.keyTasks)!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([...KEY_TASK_HEADERS, ...STATUS_HEADERS]);
    expect(ws.rowCount).toBe(2 + s.kb.keyTasks.length);
    const r28 = rowOfTask(ws, 28);
    const t28 = s.kb.keyTasks.find((t) => t.no === 28)!;
    expect(r28.getCell(2).value).toBe('聚力提品质');
    expect(r28.getCell(3).value).toBe('加快城市更新');
    expect(r28.getCell(4).value).toBe('建设保障性住房408套。');
    expect(r28.getCell(5).value).toBe('曹陶');
    expect(r28.getCell(6).value).toBe('住建局');
    expect(r28.getCell(7).value).toBe('相关镇政府、街道办');
    expect(r28.getCell(8).value).toBe('已完成');
    expect(r28.getCell(9).value).toBe('408套全部完工（完成100%，已完成）');
    expect(r28.getCell(10).value).toEqual(new Date('2026-06-20T00:00:00Z')); // a date cell, not text
    expect(r28.getCell(10).numFmt).toBe('yyyy-mm-dd');
    expect(r28.getCell(10).type).toBe(ExcelJS.ValueType.Date);
    expect(r28.getCell(12).value).toBe(`${t28.source.title} ${t28.source.locator}`);
    const r13 = rowOfTask(ws, 13);
    expect(r13.getCell(11).value).toBe('6月28日（6月底） 完成主体工程（还剩3天）');
  });

  it('fills 滞后 red, 临近节点 yellow, 正常 green and leaves 未开始 plain', () => {
    const ws = wb.getWorksheet(SHEETS.keyTasks)!;
    const expectRow = (no: number, state: string, argb: string | null) => {
      const row = rowOfTask(ws, no);
      expect(row.getCell(8).value, `task ${no}`).toBe(state);
      for (let c = 1; c <= 12; c++) expect(fillOf(row.getCell(c)), `task ${no} col ${c}`).toBe(argb);
    };
    expectRow(5, '滞后', FILLS.red.fill);
    expectRow(10, '滞后', FILLS.red.fill);
    expectRow(13, '正常推进', FILLS.yellow.fill);
    expectRow(12, '正常推进', FILLS.green.fill);
    expectRow(28, '已完成', FILLS.green.fill);
    expectRow(1, '未开始', null);
    expect(rowOfTask(ws, 5).getCell(8).font?.color?.argb).toBe(FILLS.red.font);
  });

  it('summarises by unit and leader in the bulletin wording, matching /汇总', () => {
    const ws = wb.getWorksheet(SHEETS.summary)!;
    const c = countStates(loadBoard(s.db, s.kb.keyTasks, TODAY).values());
    expect(ws.getCell('A1').value).toBe(`截至6月25日，重点工作任务69项：${bulletinLine(c)}。`);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['名称', '合计', ...TASK_STATES, '滞后任务']);
    const all = ws.getRow(3);
    expect(all.getCell(1).value).toBe('全部任务');
    expect(all.getCell(2).value).toBe(69);
    TASK_STATES.forEach((st, i) => expect(all.getCell(3 + i).value, st).toBe(c[st]));
    // after the state columns (issue 15 added 逾期完成 to them)
    expect(all.getCell(3 + TASK_STATES.length).value).toBe('第5项、第10项、第19项、第27项、第54项');
    const col = ws.getColumn(1).values as unknown[];
    expect(col).toContain('按牵头单位（牵头任务）');
    expect(col).toContain('按牵头领导');
    expect(col).toContain('按镇街（点名及“各镇”任务）');
    // 曹陶 leads 28 (已完成)
    const r = ws.getRow(col.indexOf('曹陶'));
    expect(r.getCell(3).value).toBeGreaterThanOrEqual(1);
  });

  it('writes the indicators with one column per town and the voted projects with their key task state', () => {
    const ind = wb.getWorksheet(SHEETS.indicators)!;
    const header = (ind.getRow(2).values as unknown[]).slice(1);
    expect(header).toContain('白水镇');
    const first = s.kb.indicators[0]!;
    const row = ind.getRow(3);
    expect(row.getCell(1).value).toBe(first.no);
    expect(row.getCell(3).value).toBe(first.text);
    expect(row.getCell(header.indexOf('归义街道') + 1).value).toBe(first.towns?.['归义街道'] ?? null);
    const voted = wb.getWorksheet(SHEETS.voted)!;
    expect(voted.rowCount).toBe(2 + s.kb.voted.length);
    expect(voted.getRow(3).getCell(2).value).toBe(s.kb.voted[0]!.name);
    const live = wb.getWorksheet(SHEETS.livelihood)!;
    expect(live.rowCount).toBe(2 + s.kb.livelihood.reduce((n, p) => n + p.items.length, 0));
  });
});
