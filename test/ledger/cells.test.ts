// What a ledger cell can hold in exceljs (formulas with and without a cached result, rich text,
// hyperlinks, error values, dates…) and the import's size limits: nothing unreadable reaches a
// task as "[object Object]", and an oversized file is refused with the limit named.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliImport } from '../../src/ledger/cli.ts';
import { IMPORT_LIMITS, issueText, LedgerImportError, readCell, readLedger, type ReadOptions } from '../../src/ledger/import.ts';
import { activeTaskList, applyImport, type LedgerTask } from '../../src/ledger/store.ts';
import { NOW, seed } from './seed.ts';

const HEADER = ['序号', '目标任务', '牵头单位', '配合单位', '时间节点'];

async function book(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function issuesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LedgerImportError) return err.issues.map(issueText);
    throw err;
  }
  throw new Error('expected a LedgerImportError');
}

const f = (formula: string, result?: ExcelJS.CellFormulaValue['result']): ExcelJS.CellFormulaValue => ({ formula, result, date1904: false });

describe('cell values', () => {
  it('reads a formula as its cached result, and rich text, hyperlinks and dates as their text', async () => {
    const buf = await book([
      HEADER,
      [f('ROW()-1', 1), f('"建设"&"5G基站200个"', '建设5G基站200个'), '工信局', { richText: [{ text: '发改局' }, { font: { bold: true }, text: '、住建局' }] }, new Date(Date.UTC(2026, 8, 30))],
      [2, { text: '新建城市书房5个', hyperlink: 'https://example.cn/a' }, { text: { richText: [{ text: '文旅广电局' }] }, hyperlink: 'https://example.cn/b' } as unknown as ExcelJS.CellValue, null, '9月底前'],
    ]);
    const p = await readLedger(buf, 'f.xlsx');
    const [t1, t2] = p.tasks as [LedgerTask, LedgerTask];
    expect([t1.no, t1.target, t1.leadUnits, t1.coUnits, t1.deadline]).toEqual([1, '建设5G基站200个', ['工信局'], ['发改局', '住建局'], '2026-09-30']);
    expect([t2.no, t2.target, t2.leadUnits]).toEqual([2, '新建城市书房5个', ['文旅广电局']]);
    expect(JSON.stringify(p.tasks)).not.toContain('[object');
  });

  it('refuses a formula without a cached value and an error value, naming row and column', async () => {
    const buf = await book([
      HEADER,
      [1, f('CONCAT(X1,Y1)'), '工信局', null, null],
      [2, '建设5G基站200个', '工信局', { error: '#N/A' }, null],
      [f('A3+1'), '新增就业3000人', '人社局', null, f('Z9', { error: '#REF!' })],
      [4, '正常的一行', '发改局', null, null],
    ]);
    expect(await issuesOf(readLedger(buf, 'f.xlsx'))).toEqual([
      '工作表“任务表”第2行 B列（目标任务）：公式“=CONCAT(X1,Y1)”没有计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或把公式改为数值',
      '工作表“任务表”第3行 D列（配合单位）：单元格是错误值“#N/A”，请改为正确内容',
      '工作表“任务表”第4行 A列（序号）：公式“=A3+1”没有计算结果：请在 Excel 或 WPS 中打开并保存后再导入，或把公式改为数值',
      '工作表“任务表”第4行 E列（时间节点）：单元格是错误值“#REF!”，请改为正确内容',
    ]);
  });

  // leaf texts from an alphabet without "[": any "[object" in a result would be ours
  const text = fc.stringMatching(/^[一-龥a-z0-9 、]{0,12}$/);
  const leaf = fc.oneof(text, fc.integer({ min: -5, max: 500 }), fc.double({ noNaN: false }), fc.boolean(), fc.date({ noInvalidDate: false }), fc.constant(null));
  const errorValue = fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!').map((error) => ({ error }));
  const richText = fc.array(fc.record({ text }), { maxLength: 3 }).map((richText) => ({ richText }));
  const cell: fc.Arbitrary<unknown> = fc.oneof(
    leaf,
    errorValue,
    richText,
    fc.record({ text: fc.oneof(text, richText), hyperlink: fc.webUrl() }),
    fc.record({ formula: text, result: fc.option(fc.oneof(leaf, errorValue), { nil: undefined }) }),
    fc.record({ sharedFormula: fc.constant('B2'), result: fc.option(leaf, { nil: undefined }) }),
    fc.dictionary(text, fc.oneof(leaf, fc.array(leaf))),
  );

  it('never turns any cell value into "[object Object]" (property)', () => {
    fc.assert(
      fc.property(cell, (v) => {
        const r = readCell(v);
        if ('text' in r) expect(r.text).not.toContain('[object');
        else expect(r.problem).toMatch(/[\u4e00-\u9fa5]/);
      }),
      { numRuns: 2000 },
    );
    // and never throws on anything at all
    fc.assert(fc.property(fc.anything(), (v) => void readCell(v)), { numRuns: 1000 });
  });

  const writable = fc.oneof(
    text,
    fc.integer({ min: 0, max: 500 }),
    fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }),
    errorValue,
    richText.filter((r) => r.richText.length > 0),
    fc.record({ text, hyperlink: fc.constant('https://example.cn/x') }),
    fc.record({ formula: fc.constant('B1'), result: fc.option(fc.oneof(text, fc.integer({ min: 0, max: 99 })), { nil: undefined }), date1904: fc.constant(false) }),
  ) as fc.Arbitrary<ExcelJS.CellValue>;

  it('imports a generated workbook either cleanly or with each unreadable cell named (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(writable, writable, writable), { minLength: 1, maxLength: 6 }), async (rows) => {
        const buf = await book([HEADER, ...rows.map(([target, co, deadline], i) => [i + 1, target, '发改局', co, deadline])]);
        try {
          const p = await readLedger(buf, 'gen.xlsx');
          expect(JSON.stringify(p.tasks)).not.toContain('[object');
        } catch (err) {
          if (!(err instanceof LedgerImportError)) throw err;
          for (const i of err.issues) {
            expect(i.row).toBeGreaterThanOrEqual(2);
            expect(['B', 'D', 'E']).toContain(i.column);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('the store refuses a task list that carries an object where text belongs', () => {
    const s = seed();
    try {
      const good = s.kb.keyTasks.slice(0, 2);
      applyImport(s.db, good, { fileName: 'a.xlsx', sha256: '0'.repeat(64), importedAt: NOW.toISOString() });
      const bad = [{ ...good[0]!, target: '[object Object]' }, { ...good[1]!, coUnits: [{} as unknown as string] }];
      expect(() => applyImport(s.db, bad, { fileName: 'b.xlsx', sha256: '1'.repeat(64), importedAt: NOW.toISOString() })).toThrow(/第\d+项.*不是文字/);
      expect(activeTaskList(s.db)!.map((t) => t.target)).toEqual(good.map((t) => t.target));
    } finally {
      s.close();
    }
  });
});

describe('import limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-limits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rows = (n: number) => Array.from({ length: n }, (_, i) => [i + 1, `任务${i + 1}`, '发改局']);

  it(`refuses a sheet over ${IMPORT_LIMITS.maxRows} rows before loading it, and reads one at the limit`, async () => {
    const over = await book([HEADER.slice(0, 3), ...rows(IMPORT_LIMITS.maxRows)]);
    expect(await issuesOf(readLedger(over, 'big.xlsx'))).toEqual([
      `工作表“任务表”第${IMPORT_LIMITS.maxRows + 1}行：工作表超过导入上限${IMPORT_LIMITS.maxRows}行（“big.xlsx”）：请删去空行和与任务清单无关的内容后再导入`,
    ]);
    const at = await book([HEADER.slice(0, 3), ...rows(IMPORT_LIMITS.maxRows - 1)]);
    expect((await readLedger(at, 'ok.xlsx')).tasks).toHaveLength(IMPORT_LIMITS.maxRows - 1);
  }, 60_000);

  it('refuses too many cells and too many bytes, naming the limit', async () => {
    const buf = await book([HEADER.slice(0, 3), ...rows(20)]);
    const opts = (limits: ReadOptions['limits']): ReadOptions => ({ limits });
    expect((await issuesOf(readLedger(buf, 'a.xlsx', opts({ maxCells: 30 }))))[0]).toContain('超过导入上限30个单元格');
    expect((await issuesOf(readLedger(buf, 'a.xlsx', opts({ maxBytes: 1024 }))))[0]).toMatch(/^工作表“—”第0行：文件“a\.xlsx”有\d+\.\d MB，超过导入上限0\.0 MB/);
  });

  it('duban import refuses a file over 20 MB without reading it', async () => {
    const file = join(dir, '大表.xlsx');
    writeFileSync(file, '');
    truncateSync(file, 37 * 1024 * 1024); // sparse: 37 MB on paper, nothing on disk
    const out: string[] = [];
    const err: string[] = [];
    const s = seed();
    try {
      const code = await cliImport([file], { DATA_DIR: join(dir, 'data') }, { out: (x) => out.push(x), err: (x) => err.push(x), now: () => NOW, kb: () => s.kb });
      expect(code).toBe(1);
      expect(err.join('')).toBe('文件“大表.xlsx”有37 MB，超过导入上限20 MB：请只保留任务清单工作表（删去图片和其他工作表）另存后再导入\n没有做任何更改。\n');
    } finally {
      s.close();
    }
  });
});
