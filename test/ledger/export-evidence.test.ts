// The export's 佐证材料 column: how many files the item's live reports carry.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportWorkbook, SHEETS } from '../../src/ledger/export.ts';
import { insertEvidence } from '../../src/store/evidence.ts';
import { latestReports, revokeReport } from '../../src/store/reports.ts';
import { seed, TODAY, type Seeded } from './seed.ts';

let s: Seeded | undefined;
afterEach(() => s?.close());

async function sheet(db: Seeded['db'], kb: Seeded['kb']): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportWorkbook({ db, kb, today: TODAY })) as unknown as ArrayBuffer);
  return wb.getWorksheet(SHEETS.keyTasks)!;
}
const cellOf = (ws: ExcelJS.Worksheet, no: number, header: string) => {
  const col = (ws.getRow(2).values as unknown[]).indexOf(header);
  for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === no) return ws.getRow(r).getCell(col).value;
  throw new Error(`no row ${no}`);
};

describe('export 佐证材料', () => {
  it('counts the files linked to each item’s reports', async () => {
    s = seed();
    const report = latestReports(s.db, 28, 1)[0]!;
    const before = await sheet(s.db, s.kb);
    expect(cellOf(before, 28, '佐证材料')).toBe(0);
    for (const [i, sha] of ['a', 'b'].entries()) {
      insertEvidence(s.db, {
        reportId: report.id, taskNo: 28, platform: 'feishu', userId: 'u', chatId: 'g', messageId: `img${i}`,
        sha256: sha.repeat(64), ext: 'jpg', name: '图片.jpg', size: 10, createdAt: report.createdAt,
      });
    }
    const after = await sheet(s.db, s.kb);
    expect(cellOf(after, 28, '佐证材料')).toBe(2);
    expect(cellOf(after, 13, '佐证材料')).toBe(0);
  });
});

describe('export 佐证材料 sheet', () => {
  it('lists every file on a live report with its item, report and hash; a withdrawn report’s files leave it', async () => {
    s = seed();
    const report = latestReports(s.db, 28, 1)[0]!;
    const wbOf = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportWorkbook({ db: s!.db, kb: s!.kb, today: TODAY })) as unknown as ArrayBuffer);
      return wb.getWorksheet(SHEETS.evidence)!;
    };
    expect((await wbOf()).rowCount).toBe(2);
    insertEvidence(s.db, {
      reportId: report.id, taskNo: 28, platform: 'wecom', userId: 'u', chatId: 'g', messageId: 'pdf1',
      sha256: 'c'.repeat(64), ext: 'pdf', name: '验收单.pdf', size: 3000, createdAt: report.createdAt,
    });
    const ws = await wbOf();
    expect(String(ws.getCell(1, 1).value)).toContain('佐证材料1份');
    const row = (ws.getRow(3).values as unknown[]).slice(1);
    expect(row[0]).toBe('第28项');
    expect(row[2]).toBe(report.unit);
    expect(row.slice(5)).toEqual(['验收单.pdf', 'pdf', 3, 'c'.repeat(64)]);
    revokeReport(s.db, report.id, report.userId, report.createdAt);
    expect((await wbOf()).rowCount).toBe(2);
  });
});
