// Import safety and the new year: an import of another year's list is refused, an import that
// deletes tasks with reports needs --yes, and `duban year` archives the old year whole (read-only)
// and starts the new one so that 2027's 第28项 never shows 2026's reports.
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.ts';
import { cliImport, cliYear, type CliIo } from '../../src/ledger/cli.ts';
import { readLedger } from '../../src/ledger/import.ts';
import { activeTaskList } from '../../src/ledger/store.ts';
import { archivedYears, dataYear, openArchive } from '../../src/ledger/year.ts';
import { openDb } from '../../src/store/db.ts';
import { checkIntegrity } from '../../src/store/guard.ts';
import { insertMilestone } from '../../src/store/milestones.ts';
import { getMeta } from '../../src/store/outbox.ts';
import { insertReport, latestReports } from '../../src/store/reports.ts';

const kb = loadKnowledge();
let dir: string;
let data: string;
let out: string[];
let err: string[];
const io = (now = new Date('2027-01-05T02:00:00Z')): CliIo => ({ out: (x) => out.push(x), err: (x) => err.push(x), now: () => now, kb: () => kb });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-year-'));
  data = join(dir, 'data');
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function report(db: ReturnType<typeof openDb>, taskNo: number, createdAt: string, text: string): void {
  insertReport(db, {
    taskNo, platform: 'wecom', userId: 'li', userName: '李四', unit: '住建局', text, percent: null, status: null,
    chatId: 'wr1', messageId: `m-${taskNo}-${createdAt}`, createdAt,
  });
}

/** A list as an office would type it: a title row, then the header and tasks. */
async function list(file: string, title: string | null, rows: (string | number)[][], header = ['序号', '目标任务', '牵头单位', '牵头领导']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点工作任务');
  if (title) ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const path = join(dir, file);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

const list2027 = () =>
  list('新清单.xlsx', '2027年重点工作任务分解表', [
    [1, '地区生产总值增长6%左右。', '发改局', '杨盛'],
    [28, '建设保障性住房600套。', '住建局', '曹陶'],
  ]);

describe('the year of a list', () => {
  it('comes from the title, else the file name, else a 时间节点 column that names one year only', async () => {
    const rows = [[1, '任务一', '发改局', '杨盛', '2027年6月底']];
    const header = ['序号', '目标任务', '牵头单位', '牵头领导', '时间节点'];
    const read = async (file: string) => readLedger(readFileSync(file), basename(file), { year: 2026 });
    const t = await read(await list('a.xlsx', '2027年任务', rows, header));
    expect([t.year, t.yearSource]).toEqual([2027, 'title']);
    const f = await read(await list('2028年清单.xlsx', null, [[1, '任务一', '发改局', '杨盛', '']], header));
    expect([f.year, f.yearSource]).toEqual([2028, 'file']);
    const d = await read(await list('b.xlsx', null, rows, header));
    expect([d.year, d.yearSource]).toEqual([2027, 'dates']);
    const mixed = await read(await list('c.xlsx', null, [[1, '任务一', '发改局', '杨盛', '2026年底'], [2, '任务二', '发改局', '杨盛', '2027年6月']], header));
    expect([mixed.year, mixed.yearSource]).toEqual([2026, 'default']);
  });
});

describe('duban import safety', () => {
  it('refuses a list of another year into a data directory with reports, pointing to duban year', async () => {
    const db = openDb(data);
    report(db, 28, '2026-06-01T02:00:00Z', '已开工120套');
    db.close();
    expect(await cliImport([await list2027()], { DATA_DIR: data }, io())).toBe(1);
    expect(err.join('')).toContain('这份清单是2027年的（依据表格标题），本数据目录是2026年的');
    expect(err.join('')).toContain('duban year 2027 --import');
    const after = openDb(data);
    expect(activeTaskList(after)).toBeUndefined();
    after.close();
  });

  it('a first installation with nothing reported takes any year and is marked with it', async () => {
    expect(await cliImport([await list2027()], { DATA_DIR: data }, io())).toBe(0);
    const db = openDb(data);
    expect(dataYear(db)).toBe(2027);
    db.close();
  });

  it('an import deleting tasks that have reports needs --yes, and lists them with their counts', async () => {
    const db = openDb(data);
    report(db, 1, '2026-05-01T02:00:00Z', 'a');
    report(db, 1, '2026-06-01T02:00:00Z', 'b');
    db.close();
    // the bundled list minus task 1, same year
    const rows = kb.keyTasks.filter((t) => t.no !== 1).map((t) => [t.no, t.target, t.leadUnits.join('、'), t.leaders.join('、')]);
    const file = await list('2026年清单.xlsx', '2026年重点工作任务', rows);
    const now = new Date('2026-07-01T02:00:00Z');
    expect(await cliImport([file, '--dry-run'], { DATA_DIR: data }, io(now))).toBe(0);
    expect(out.join('')).toContain('导入时需加 --yes 确认');
    expect(await cliImport([file], { DATA_DIR: data }, io(now))).toBe(1);
    expect(err.join('')).toContain('新清单删除了已有进展的第1项（2条进展）');
    let check = openDb(data);
    expect(activeTaskList(check)).toBeUndefined();
    check.close();
    expect(await cliImport([file, '--yes'], { DATA_DIR: data }, io(now))).toBe(0);
    check = openDb(data);
    expect(activeTaskList(check)?.some((t) => t.no === 1)).toBe(false);
    expect(latestReports(check, 1, 10)).toHaveLength(2); // kept, just not listed
    check.close();
  });
});

describe('duban year', () => {
  it('archives 2026 whole and read-only, starts 2027 in place, and 2027 reports land only on 2027 tasks', async () => {
    const db = openDb(data);
    report(db, 28, '2026-03-01T02:00:00Z', '已开工120套');
    report(db, 28, '2026-11-20T02:00:00Z', '完成408套');
    report(db, 5, '2026-06-01T02:00:00Z', '五');
    insertMilestone(db, {
      taskNo: 28, dueDate: '2026-09-30', dueLabel: '9月底', text: '主体完工', targetPercent: 80, unit: '住建局', platform: 'wecom',
      userId: 'li', userName: '李四', chatId: 'wr1', messageId: 'ms1', createdAt: '2026-03-01T02:00:00Z',
    });
    db.close();
    const file = await list2027();

    expect(await cliYear(['2027', '--import', file, '--dry-run'], { DATA_DIR: data }, io())).toBe(0);
    expect(out.join('')).toContain('进展3条、节点1个');
    expect(existsSync(join(data, 'archive'))).toBe(false);

    out = [];
    expect(await cliYear(['2027', '--import', file], { DATA_DIR: data }, io())).toBe(0);
    expect(out.join('')).toContain('已切换到2027年');
    expect(readdirSync(join(data, 'backups')).some((f) => f.endsWith('-pre-year-2027.sqlite'))).toBe(true);

    expect(archivedYears(data)).toEqual([2026]);
    const archive = openArchive(data, 2026)!;
    expect(statSync(join(data, 'archive', '2026.sqlite')).mode & 0o777).toBe(0o400);
    expect(readdirSync(join(data, 'archive')).sort()).toEqual(['2026-tasks.json', '2026.sqlite']); // one file, no WAL
    expect(archive.tasks).toHaveLength(kb.keyTasks.length);
    expect(latestReports(archive.db, 28, 10).map((r) => r.text)).toEqual(['完成408套', '已开工120套']);
    expect(() => archive.db.prepare('DELETE FROM reports').run()).toThrow(/readonly/);

    const live = openDb(data);
    expect(activeTaskList(live)!.map((t) => t.no)).toEqual([1, 28]);
    expect(dataYear(live)).toBe(2027);
    expect(getMeta(live, 'remind_since')).toBe('2027-01-05');
    expect(latestReports(live, 28, 10)).toEqual([]);
    expect((live.prepare('SELECT COUNT(*) AS n FROM milestones').get() as { n: number }).n).toBe(0);
    report(live, 28, '2027-01-06T02:00:00Z', '2027年开工');
    expect(latestReports(live, 28, 10).map((r) => r.text)).toEqual(['2027年开工']);
    live.close();
    expect(latestReports(archive.db, 28, 10)).toHaveLength(2);
    archive.close();
    // the guard marker follows the smaller store: the bot would start
    expect(() => checkIntegrity(data)).not.toThrow();

    // done once: a second run is refused, and the archive is never overwritten
    err = [];
    expect(await cliYear(['2027', '--import', file], { DATA_DIR: data }, io())).toBe(1);
    expect(err.join('')).toContain('已经是2027年');
  });

  it('refuses a list whose sheet says another year, a skipped year, and a running bot', async () => {
    openDb(data).close();
    const file2028 = await list('x.xlsx', '2028年重点工作任务', [[1, '任务', '发改局', '杨盛']]);
    expect(await cliYear(['2027', '--import', file2028], { DATA_DIR: data }, io())).toBe(1);
    expect(err.join('')).toContain('这份清单是2028年的');
    expect(await cliYear(['2028', '--import', file2028], { DATA_DIR: data }, io())).toBe(1);
    expect(err.join('')).toContain('只能切换到2027年');
    writeFileSync(join(data, 'duban.pid'), String(process.ppid));
    expect(await cliYear(['2027', '--import', await list2027()], { DATA_DIR: data }, io())).toBe(1);
    expect(err.join('')).toContain('机器人正在运行');
    expect(existsSync(join(data, 'archive'))).toBe(false);
  });
});
