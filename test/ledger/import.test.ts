// Reading ledgers: header variants, merged and blank category cells, bad rows with sheet/row/
// column, the diff, atomic apply, and the export → import round trip.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliExport, cliImport, type CliIo } from '../../src/ledger/cli.ts';
import { exportWorkbook } from '../../src/ledger/export.ts';
import { diffSummary, diffTaskLists, issueText, LedgerImportError, readLedger, unitsOfLedgerCell } from '../../src/ledger/import.ts';
import { activeTaskList, applyImport, LEDGER_MIGRATION, listTaskLists, type LedgerTask } from '../../src/ledger/store.ts';
import { loadBoard } from '../../src/progress/board.ts';
import { migrate, MIGRATIONS, openDbFile } from '../../src/store/db.ts';
import { NOW, seed, TODAY, type Seeded } from './seed.ts';

type Cell = string | number | null;

async function book(rows: Cell[][], opts: { merges?: string[]; sheet?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? 'Sheet1');
  for (const r of rows) ws.addRow(r);
  for (const m of opts.merges ?? []) ws.mergeCells(m);
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

describe('readLedger', () => {
  it('reads a ledger with a title row, header variants, a two-column merged 项目 header and merged category cells', async () => {
    const buf = await book(
      [
        ['2027年市政府重点工作任务分解表', null, null, null, null, null, null, null],
        ['序号', '项目', '项目', '目标任务', '牵头市领导', '责任单位', '协办单位', '完成时限'],
        [1, '聚力强产业', '加快产业升级', '新增规模以上工业企业 30家。', '杨 盛', '市工业和信息化局', '市发展和改革局、各镇政府、街道办', '12月底前'],
        [2, null, null, '建设 5G 基站200个。', '杨盛、曹陶', '工信局', '国网汨罗市供电公司 市住房和城乡建设局', null],
        [3, null, '扩大有效投资', '新开工项目100个', '吴侃副市长', '发改局（国动办）', null, '9月底前'],
        [4, '聚力惠民生', '', '新增城镇就业3000人', '李亚江', '人力资源和社会保障局', '相关镇政府（街道办）', null],
      ],
      { merges: ['A1:H1', 'B3:B4', 'C3:C4'] },
    );
    const p = await readLedger(buf, '2027任务.xlsx');
    expect(p.sheet).toBe('Sheet1');
    expect(p.headerRow).toBe(2);
    expect(p.tasks.map((t) => [t.no, t.category, t.subCategory])).toEqual([
      [1, '聚力强产业', '加快产业升级'],
      [2, '聚力强产业', '加快产业升级'],
      [3, '聚力强产业', '扩大有效投资'],
      [4, '聚力惠民生', ''],
    ]);
    const [t1, t2, t3, t4] = p.tasks as [LedgerTask, LedgerTask, LedgerTask, LedgerTask];
    expect(t1.target).toBe('新增规模以上工业企业30家。');
    expect(t1.leaders).toEqual(['杨盛']);
    expect(t1.leadUnits).toEqual(['工信局']);
    expect(t1.coUnits).toEqual(['发改局', '各镇政府、街道办']);
    expect(t1.deadline).toBe('12月底前');
    expect(p.year).toBe(2027); // from the title row
    expect(t1.milestones).toEqual([{ date: '2027-12-31', label: '12月底前', text: '12月底前', from: '台账时间节点' }]);
    expect(p.tasks[2]!.milestones).toEqual([{ date: '2027-09-30', label: '9月底前', text: '9月底前', from: '台账时间节点' }]);
    expect(t1.source).toEqual({ doc: 'key-tasks', title: '2027任务.xlsx', locator: 'Sheet1 第3行', line: 3 });
    expect(t2.target).toBe('建设5G基站200个。');
    expect(t2.leaders).toEqual(['杨盛', '曹陶']);
    expect(t2.coUnits).toEqual(['国网汨罗供电公司', '住建局']);
    expect(t2.deadline).toBeUndefined();
    expect(t3.leaders).toEqual(['吴侃']);
    expect(t3.leadUnits).toEqual(['发改局（国动办）']);
    expect(t4.leadUnits).toEqual(['人社局']);
    expect(t4.coUnits).toEqual(['相关镇政府、街道办']);
  });

  it('reads one 类别 column, blank inherited cells, section-heading rows and other header spellings', async () => {
    const buf = await book([
      ['编号', '类别', '工作任务', '责任领导', '牵头单位', '配合单位'],
      ['一、聚力增活力', '一、聚力增活力', '一、聚力增活力', '一、聚力增活力', '一、聚力增活力', '一、聚力增活力'],
      ['1', null, '优化营商环境', '付文勇', '数据局', ''],
      ['2.', null, '招商引资到位资金100亿元', '付文勇', '商务局', '高新区'],
      ['二、聚力防风险', null, null, null, null, null],
      [3, null, '安全生产事故起数下降', '向恩泽', '应急局', '各镇(街道)'],
    ]);
    const p = await readLedger(buf, 'x.xlsx');
    expect(p.tasks.map((t) => [t.no, t.category, t.subCategory, t.leadUnits.join('、'), t.coUnits.join('、')])).toEqual([
      [1, '聚力增活力', '', '数据局', ''],
      [2, '聚力增活力', '', '商务粮食局', '高新区管委会'],
      [3, '聚力防风险', '', '应急管理局', '各镇政府、街道办'],
    ]);
  });

  it('names sheet, row and column of every bad row and imports nothing', async () => {
    const buf = await book(
      [
        ['序号', '项目', '目标任务', '牵头领导', '牵头单位', '配合单位'],
        [1, '聚力强产业', '任务一', '杨盛', '发改局', null],
        ['一a', '聚力强产业', '任务二', '杨盛', '发改局', null],
        [3, '聚力强产业', null, '杨盛', '发改局', null],
        [4, '聚力强产业', '任务四', '住建局2号', '发改局', null],
        [5, '聚力强产业', '任务五', '杨盛', null, null],
        [1, '聚力强产业', '任务六', '杨盛', '发改局', null],
      ],
      { sheet: '任务表' },
    );
    expect(await issuesOf(readLedger(buf, 'bad.xlsx'))).toEqual([
      '工作表“任务表”第3行 A列（序号）：序号“一a”不是正整数',
      '工作表“任务表”第4行 C列（目标任务）：目标任务为空',
      '工作表“任务表”第5行 D列（牵头领导）：“住建局2号”不像人名：牵头领导应写姓名，多人用“、”分隔',
      '工作表“任务表”第6行 E列（牵头单位）：牵头单位为空',
      '工作表“任务表”第7行 A列（序号）：序号1与第2行重复',
    ]);
  });

  it('says which column is missing and when the file is not a workbook', async () => {
    const buf = await book([['序号', '目标任务', '牵头领导', '配合单位'], [1, '任务', '杨盛', '发改局']]);
    expect(await issuesOf(readLedger(buf, 'a.xlsx'))).toEqual(['工作表“Sheet1”第1行：表头缺少“牵头单位”列（也可写作 责任单位）']);
    const junk = await issuesOf(readLedger(Buffer.from('not a zip'), 'a.xlsx'));
    expect(junk[0]).toContain('不是有效的 .xlsx 文件');
    const none = await issuesOf(readLedger(await book([['说明'], ['无']]), 'a.xlsx'));
    expect(none[0]).toContain('没有找到表头');
  });

  it('reads a valid file whatever the order of its zip entries (worksheets before workbook.xml)', async () => {
    // exceljs writes entries in no fixed order; its streaming reader used to throw on this one
    const src = await JSZip.loadAsync(await book([['序号', '目标任务', '牵头单位', '牵头领导'], [1, '任务', '发改局', '杨盛']], { sheet: '重点工作任务' }));
    const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir);
    const late = (n: string) => (n === 'xl/workbook.xml' ? 2 : n.startsWith('xl/worksheets/') ? 1 : 0);
    const out = new JSZip();
    for (const n of [...names].sort((a, b) => late(a) - late(b))) out.file(n, await src.files[n]!.async('nodebuffer'));
    const buf = await out.generateAsync({ type: 'nodebuffer' });
    expect((await readLedger(buf, 'a.xlsx')).tasks.map((t) => t.no)).toEqual([1]);
  });

  it('keeps collective cooperating units whole', () => {
    expect(unitsOfLedgerCell('财政局、相关镇政府、街道办')).toEqual(['财政局', '相关镇政府、街道办']);
    expect(unitsOfLedgerCell('市直相关单位')).toEqual(['市直相关单位']);
    expect(unitsOfLedgerCell('重大能源项目建设 指挥部')).toEqual(['重大能源项目建设指挥部']);
  });
});

describe('diffTaskLists', () => {
  it('reports added, changed (with fields) and removed tasks, in Chinese', () => {
    const base: LedgerTask[] = [1, 2, 3].map((no) => ({
      no, category: '聚力强产业', subCategory: '', target: `任务${no}`, leaders: ['杨盛'], leadUnits: ['发改局'], coUnits: [],
      source: { doc: 'key-tasks', title: 'a', locator: 'x', line: no },
    }));
    const incoming: LedgerTask[] = [
      { ...base[0]!, source: { doc: 'key-tasks', title: 'b', locator: 'y', line: 9 } }, // source only: unchanged
      { ...base[1]!, target: '任务2（调整）', leadUnits: ['发改局', '财政局'] },
      { ...base[2]!, no: 4 },
    ];
    const d = diffTaskLists(base, incoming);
    expect(d.added.map((t) => t.no)).toEqual([4]);
    expect(d.removed.map((t) => t.no)).toEqual([3]);
    expect(d.changed.map((c) => [c.no, c.fields.map((f) => f.field)])).toEqual([[2, ['target', 'leadUnits']]]);
    expect(d.unchanged).toBe(1);
    expect(diffSummary(d).split('\n')).toEqual([
      '新增1项、变更1项、删除1项（未变1项）',
      '变更字段：目标任务、牵头单位',
      '· 第2项 目标任务：“任务2”→“任务2（调整）”；牵头单位：“发改局”→“发改局、财政局”',
      '+ 新增 第4项 任务3（发改局）',
      '- 删除 第3项 任务3（发改局）',
    ]);
  });
});

describe('storage', () => {
  let s: Seeded;
  beforeEach(() => (s = seed()));
  afterEach(() => s.close());
  const meta = (name: string) => ({ fileName: name, sha256: 'a'.repeat(64), importedAt: NOW.toISOString() });

  it('applies atomically: a failing import leaves the active list as it was', () => {
    expect(activeTaskList(s.db)).toBeUndefined();
    const first = s.kb.keyTasks.slice(0, 10);
    const id = applyImport(s.db, first, meta('one.xlsx'));
    expect(activeTaskList(s.db)).toEqual(first);
    const dup = [...first, { ...first[0]! }];
    expect(() => applyImport(s.db, dup, meta('dup.xlsx'))).toThrow(/序号1重复/);
    expect(() => applyImport(s.db, [], meta('empty.xlsx'))).toThrow(/清单为空/);
    expect(activeTaskList(s.db)).toEqual(first);
    expect(listTaskLists(s.db).map((r) => [r.id, r.fileName, r.active])).toEqual([[id, 'one.xlsx', true]]);
    const second = s.kb.keyTasks.slice(0, 12);
    const id2 = applyImport(s.db, second, meta('two.xlsx'));
    expect(activeTaskList(s.db)).toEqual(second);
    expect(listTaskLists(s.db).map((r) => [r.id, r.active])).toEqual([[id, false], [id2, true]]);
  });

  it('is a migration the store runs (version 3, idempotent SQL)', () => {
    expect(MIGRATIONS.map((m) => m.version)).toContain(LEDGER_MIGRATION.version);
    const db = openDbFile(join(s.dir, 'other.sqlite'));
    expect(migrate(db)).toBe(0); // openDbFile already brought it up to date, task_lists included
    db.exec(LEDGER_MIGRATION.sql);
    expect(activeTaskList(db)).toBeUndefined();
    db.close();
  });

  it('round-trips: export → import of our own file changes nothing, also after an import with 时间节点', async () => {
    const buf = await exportWorkbook({ db: s.db, kb: s.kb, today: TODAY });
    const p = await readLedger(buf, '台账.xlsx', { voted: s.kb.voted });
    expect(p.year).toBe(2026);
    const d = diffTaskLists(s.kb.keyTasks, p.tasks);
    expect(diffSummary(d)).toBe('新增0项、变更0项、删除0项（与当前清单一致，69项未变）');
    // the documents' milestones are rebuilt exactly as ingest attached them, so states agree
    expect(p.tasks.map((t) => t.milestones)).toEqual(s.kb.keyTasks.map((t) => t.milestones));
    // with an imported list carrying deadlines
    const next = p.tasks.map((t, i) => (i % 3 === 0 ? { ...t, deadline: '9月底前' } : t));
    applyImport(s.db, next, meta('next.xlsx'));
    const again = await readLedger(await exportWorkbook({ db: s.db, kb: s.kb, today: TODAY }), '台账2.xlsx', { voted: s.kb.voted });
    expect(diffTaskLists(activeTaskList(s.db)!, again.tasks).changed).toEqual([]);
    expect(again.tasks.filter((t) => t.deadline).length).toBe(23);
    // an imported 时间节点 counts in the task-state rule: 9月底前 passed without a report → 滞后
    applyImport(s.db, again.tasks, meta('again.xlsx'));
    const board = loadBoard(s.db, activeTaskList(s.db)!, '2026-10-08');
    expect(board.get(1)!.state).toBe('滞后');
    expect(board.get(1)!.missed.map((m) => m.dueDate)).toContain('2026-09-30');
  });
});

describe('CLI', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const s0 = seed();
  const io = (): CliIo => ({ out: (x) => out.push(x), err: (x) => err.push(x), now: () => NOW, kb: () => s0.kb });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => s0.close());

  it('exports, previews an edited ledger with --dry-run, then applies it', async () => {
    const env = { DATA_DIR: join(dir, 'data') };
    const file = join(dir, '台账.xlsx');
    expect(await cliExport(['--out', file], env, io())).toBe(0);
    expect(out.join('')).toContain('已导出台账');
    // edit the exported file the way an office would: change a target, delete a row, add one
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('重点工作任务')!;
    ws.getRow(30).getCell(4).value = '建设保障性住房500套。'; // row of task 28
    ws.spliceRows(3, 1); // task 1
    ws.addRow([70, '聚力惠民生', '', '新建城市书房5个', '李亚江', '文旅广电局', '']);
    const edited = join(dir, '2027.xlsx');
    writeFileSync(edited, Buffer.from(await wb.xlsx.writeBuffer()));

    out = [];
    expect(await cliImport([edited, '--dry-run'], env, io())).toBe(0);
    const text = out.join('');
    expect(text).toContain('新增1项、变更1项、删除1项');
    expect(text).toContain('· 第28项 目标任务：“建设保障性住房408套。”→“建设保障性住房500套。”');
    expect(text).toContain('这是预览（--dry-run），没有做任何更改');

    out = [];
    expect(await cliImport([edited], env, io())).toBe(0);
    expect(out.join('')).toContain('已导入并启用');
    out = [];
    expect(await cliImport([edited], env, io())).toBe(0);
    expect(out.join('')).toContain('清单没有变化，未做更改');
  });

  it('refuses bad usage and bad files with exit codes and Chinese messages', async () => {
    const env = { DATA_DIR: join(dir, 'data') };
    expect(await cliExport([], env, io())).toBe(2);
    expect(await cliExport(['--out', 'x.csv'], env, io())).toBe(2);
    expect(await cliImport([], env, io())).toBe(2);
    expect(await cliImport([join(dir, 'nope.xlsx')], env, io())).toBe(2);
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await book([['序号', '目标任务', '牵头单位'], ['x', '任务', '发改局']]));
    expect(await cliImport([bad], env, io())).toBe(1);
    expect(err.join('')).toContain('第2行 A列（序号）：序号“x”不是正整数');
    expect(err.join('')).toContain('没有做任何更改');
  });
});
