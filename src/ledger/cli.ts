// duban export --out 台账.xlsx        the live ledger as an Excel workbook
// duban import 文件.xlsx [--dry-run]  show the diff against the current task list; without
//                                    --dry-run, store the file's list as the active one
// Both open the store under DATA_DIR (env.DATA_DIR, default ./data). Exit codes: 0 done,
// 1 the file has problems (nothing changed), 2 usage.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadKnowledge } from '../../knowledge/load.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { chinaDate } from '../remind/dates.ts';
import { openDb, type Db } from '../store/db.ts';
import { countLiveReports } from '../store/reports.ts';
import { exportWorkbook } from './export.ts';
import { diffSummary, diffTaskLists, fileSizeIssue, isEmptyDiff, issueText, LedgerImportError, readLedger } from './import.ts';
import { activeTaskList, applyImport, ensureLedgerSchema } from './store.ts';

export type Env = Record<string, string | undefined>;

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => Date;
  kb: () => KnowledgeBase;
}

const defaultIo = (): CliIo => ({
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  now: () => new Date(),
  kb: () => loadKnowledge(),
});

export const EXPORT_USAGE = '用法：duban export --out 台账.xlsx';
export const IMPORT_USAGE = '用法：duban import 文件.xlsx [--dry-run]（先加 --dry-run 查看变更，确认后去掉它再运行一次）';

function openStore(env: Env): Db {
  const db = openDb(env.DATA_DIR ?? './data');
  ensureLedgerSchema(db);
  return db;
}

export async function cliExport(args: string[], env: Env, io: CliIo = defaultIo()): Promise<number> {
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const m = /^--out(?:=(.*))?$/.exec(args[i]!);
    if (!m) {
      io.err(`不认识的参数“${args[i]}”。${EXPORT_USAGE}\n`);
      return 2;
    }
    out = m[1] ?? args[++i];
  }
  if (!out) {
    io.err(`缺少 --out。${EXPORT_USAGE}\n`);
    return 2;
  }
  if (!/\.xlsx$/i.test(out)) {
    io.err(`输出文件应以 .xlsx 结尾（Excel 和 WPS 都能打开）：${out}\n`);
    return 2;
  }
  const db = openStore(env);
  try {
    const today = chinaDate(io.now());
    const t0 = performance.now();
    const buf = await exportWorkbook({ db, kb: io.kb(), today });
    writeFileSync(out, buf);
    const n = (activeTaskList(db) ?? io.kb().keyTasks).length;
    io.out(`已导出台账：${resolve(out)}（重点工作任务${n}项，截至${today}，${Math.round(performance.now() - t0)}毫秒）\n`);
    return 0;
  } finally {
    db.close();
  }
}

export async function cliImport(args: string[], env: Env, io: CliIo = defaultIo()): Promise<number> {
  const dry = args.includes('--dry-run');
  const files = args.filter((a) => a !== '--dry-run');
  const unknown = files.find((a) => a.startsWith('--'));
  if (unknown || files.length !== 1) {
    io.err(`${unknown ? `不认识的参数“${unknown}”。` : files.length ? '一次只能导入一个文件。' : '缺少文件名。'}${IMPORT_USAGE}\n`);
    return 2;
  }
  const file = files[0]!;
  if (!existsSync(file)) {
    io.err(`找不到文件：${file}\n`);
    return 2;
  }
  // checked before reading: a file over the limit is never loaded into memory
  const tooBig = fileSizeIssue(statSync(file).size, basename(file));
  if (tooBig) {
    io.err(`${issueText(tooBig).replace(/^工作表“—”第0行：/, '')}\n没有做任何更改。\n`);
    return 1;
  }
  const buf = readFileSync(file);
  let parsed;
  try {
    parsed = await readLedger(buf, basename(file), { year: Number(chinaDate(io.now()).slice(0, 4)), voted: io.kb().voted });
  } catch (err) {
    if (err instanceof LedgerImportError) {
      io.err(`${err.message}\n没有做任何更改。改正后重新运行：duban import ${file} --dry-run\n`);
      return 1;
    }
    throw err;
  }
  const db = openStore(env);
  try {
    const current = activeTaskList(db);
    const base = current ?? io.kb().keyTasks;
    const diff = diffTaskLists(base, parsed.tasks);
    io.out(`读取“${basename(file)}”工作表“${parsed.sheet}”：${parsed.year}年，${parsed.tasks.length}项任务。与${current ? '当前导入的清单' : '内置清单（文件）'}相比：\n`);
    io.out(diffSummary(diff) + '\n');
    const orphaned = diff.removed.map((t) => ({ no: t.no, n: countLiveReports(db, t.no) })).filter((x) => x.n > 0);
    if (orphaned.length)
      io.out(`注意：被删除的${orphaned.map((x) => `第${x.no}项（${x.n}条进展）`).join('、')}已有进展记录；导入后这些记录保留，但不再显示在清单中。\n`);
    if (isEmptyDiff(diff)) {
      io.out('清单没有变化，未做更改。\n');
      return 0;
    }
    if (dry) {
      io.out(`这是预览（--dry-run），没有做任何更改。确认无误后运行：duban import ${file}\n`);
      return 0;
    }
    const id = applyImport(db, parsed.tasks, {
      fileName: basename(file),
      sha256: createHash('sha256').update(buf).digest('hex'),
      importedAt: io.now().toISOString(),
      summary: diffSummary(diff, { detail: false }),
    });
    io.out(`已导入并启用（清单#${id}）。看板和导出立即按新清单；问答、填报和提醒在机器人重启后按新清单。\n`);
    return 0;
  } catch (err) {
    io.err(`导入失败，没有做任何更改：${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    db.close();
  }
}
