// duban export --out 台账.xlsx        the live ledger as an Excel workbook
// duban import 文件.xlsx [--dry-run] [--yes]  show the diff against the current task list;
//                                    without --dry-run, store the file's list as the active one.
//                                    Refused: a list of another year than the data directory's
//                                    (use duban year), and without --yes, one that deletes tasks
//                                    that have reports.
// duban year 2027 --import 文件.xlsx [--dry-run]  archive this year, start the next (year.ts)
// Both open the store under DATA_DIR (env.DATA_DIR, default ./data). Exit codes: 0 done,
// 1 the file has problems (nothing changed), 2 usage.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { basename, resolve } from 'node:path';
import { loadKnowledge } from '../../knowledge/load.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { chinaDate } from '../remind/dates.ts';
import { applyStateRule } from '../config.ts';
import { openDb, writeTx, type Db } from '../store/db.ts';
import { countLiveReports } from '../store/reports.ts';
import { exportWorkbook } from './export.ts';
import { diffSummary, diffTaskLists, fileSizeIssue, isEmptyDiff, issueText, LedgerImportError, readLedger } from './import.ts';
import { activeTaskList, applyImport, ensureLedgerSchema, type LedgerTask } from './store.ts';
import { archivePaths, dataYear, setMeta, startYear, writeArchiveTasks, YEAR_KEY, yearContent } from './year.ts';
import { backupDir, createBackup, runningBot, verifyDatabase } from '../store/backup.ts';
import { recordCheckpoint } from '../store/guard.ts';

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
export const IMPORT_USAGE = '用法：duban import 文件.xlsx [--dry-run] [--yes]（先加 --dry-run 查看变更，确认后去掉它再运行一次）';
export const YEAR_USAGE = '用法：duban year 2027 --import 2027年清单.xlsx [--dry-run]（先停止机器人；先加 --dry-run 查看）';

const YEAR_SOURCE: Record<string, string> = { title: '表格标题', file: '文件名', dates: '时间节点列的日期' };

function openStore(env: Env): Db {
  applyStateRule(env);
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

type Read = { code: number } | { buf: Buffer; parsed: Awaited<ReturnType<typeof readLedger>> };

async function readFile(file: string, io: CliIo, year: number, retry: string): Promise<Read> {
  if (!existsSync(file)) {
    io.err(`找不到文件：${file}\n`);
    return { code: 2 };
  }
  // checked before reading: a file over the limit is never loaded into memory
  const tooBig = fileSizeIssue(statSync(file).size, basename(file));
  if (tooBig) {
    io.err(`${issueText(tooBig).replace(/^工作表“—”第0行：/, '')}\n没有做任何更改。\n`);
    return { code: 1 };
  }
  const buf = readFileSync(file);
  try {
    return { buf, parsed: await readLedger(buf, basename(file), { year, voted: io.kb().voted }) };
  } catch (err) {
    if (err instanceof LedgerImportError) {
      io.err(`${err.message}\n没有做任何更改。改正后重新运行：${retry}\n`);
      return { code: 1 };
    }
    throw err;
  }
}

export async function cliImport(args: string[], env: Env, io: CliIo = defaultIo()): Promise<number> {
  const dry = args.includes('--dry-run');
  const yes = args.includes('--yes');
  const files = args.filter((a) => a !== '--dry-run' && a !== '--yes');
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
  const db = openStore(env);
  try {
    const year = dataYear(db);
    const read = await readFile(file, io, year, `duban import ${file} --dry-run`);
    if (!('parsed' in read)) return read.code;
    const { buf, parsed } = read;
    const content = yearContent(db);
    const hasData = content.reports + content.milestones > 0;
    // A list of another year would put this year's reports under its renumbered tasks. A store
    // with nothing reported yet (a first installation) takes any year and is marked with it.
    if (parsed.yearSource !== 'default' && parsed.year !== year && hasData) {
      io.err(
        `这份清单是${parsed.year}年的（依据${YEAR_SOURCE[parsed.yearSource]}），本数据目录是${year}年的，已有${content.reports}条进展：` +
          `直接导入会让${year}年的进展挂到${parsed.year}年同编号的任务上。没有导入。\n` +
          (parsed.year > year
            ? `跨年请停止机器人后运行：duban year ${parsed.year} --import ${file}（先归档${year}年，见 docs/部署与运维.md 八、跨年）\n`
            : `请确认文件是否选错（往年的清单在 DATA_DIR/archive 里）。\n`),
      );
      return 1;
    }
    const current = activeTaskList(db);
    const base = current ?? io.kb().keyTasks;
    const diff = diffTaskLists(base, parsed.tasks);
    io.out(`读取“${basename(file)}”工作表“${parsed.sheet}”：${parsed.year}年，${parsed.tasks.length}项任务。与${current ? '当前导入的清单' : '内置清单（文件）'}相比：\n`);
    io.out(diffSummary(diff) + '\n');
    const orphaned = diff.removed.map((t) => ({ no: t.no, n: countLiveReports(db, t.no) })).filter((x) => x.n > 0);
    const orphanText = orphaned.map((x) => `第${x.no}项（${x.n}条进展）`).join('、');
    if (isEmptyDiff(diff)) {
      io.out('清单没有变化，未做更改。\n');
      return 0;
    }
    if (dry) {
      if (orphaned.length) io.out(`注意：将删除已有进展的${orphanText}；导入时需加 --yes 确认。\n`);
      io.out(`这是预览（--dry-run），没有做任何更改。确认无误后运行：duban import ${file}${orphaned.length ? ' --yes' : ''}\n`);
      return 0;
    }
    if (orphaned.length && !yes) {
      io.err(
        `没有导入：新清单删除了已有进展的${orphanText}。删除后这些进展保留在数据库里，但不再显示在清单、提醒和看板中。\n` +
          `确认要删除，请运行：duban import ${file} --yes\n`,
      );
      return 1;
    }
    if (orphaned.length) io.out(`已确认（--yes）：删除的${orphanText}的进展保留，但不再显示。\n`);
    const id = writeTx(db, () => {
      const id = applyImport(db, parsed.tasks, {
        fileName: basename(file),
        sha256: createHash('sha256').update(buf).digest('hex'),
        importedAt: io.now().toISOString(),
        summary: diffSummary(diff, { detail: false }),
      });
      if (parsed.yearSource !== 'default' && parsed.year !== year) setMeta(db, YEAR_KEY, String(parsed.year));
      return id;
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

/** One self-contained read-only file: out of WAL mode (a read-only WAL database needs its -shm
 * beside it and leaves side files), the backup's leftovers removed. */
function sealArchive(file: string): void {
  const a = new Database(file);
  a.pragma('journal_mode = DELETE');
  a.close();
  for (const side of ['-wal', '-shm', '.part-wal', '.part-shm']) rmSync(file + side, { force: true });
  chmodSync(file, 0o400);
}

/** duban year 2027 --import 2027年清单.xlsx [--dry-run]: the new-year procedure (year.ts). */
export async function cliYear(args: string[], env: Env, io: CliIo = defaultIo()): Promise<number> {
  const dry = args.includes('--dry-run');
  let file: string | undefined;
  let target: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--import(?:=(.*))?$/.exec(a);
    if (m) file = m[1] ?? args[++i];
    else if (/^20\d{2}$/.test(a) && target === undefined) target = Number(a);
    else if (a !== '--dry-run') {
      io.err(`不认识的参数“${a}”。${YEAR_USAGE}\n`);
      return 2;
    }
  }
  if (!target || !file) {
    io.err(`${target ? '缺少 --import 新清单文件。' : '缺少年份。'}${YEAR_USAGE}\n`);
    return 2;
  }
  const dataDir = env.DATA_DIR ?? './data';
  const pid = runningBot(dataDir);
  if (pid && !dry) {
    io.err(`机器人正在运行（进程 ${pid}）：请先停止它（systemctl stop duban 或 docker compose stop），跨年完成后再启动。\n`);
    return 1;
  }
  const db = openStore(env);
  try {
    const year = dataYear(db);
    if (target !== year + 1) {
      io.err(target === year ? `本数据目录已经是${year}年，不需要跨年。更新清单用 duban import。\n` : `本数据目录是${year}年的，只能切换到${year + 1}年。\n`);
      return 1;
    }
    const paths = archivePaths(dataDir, year);
    if (existsSync(paths.db)) {
      io.err(`归档 ${paths.db} 已存在，没有覆盖它。请确认是否已经跨过年；如确需重做，先把它移走。\n`);
      return 1;
    }
    const read = await readFile(file, io, target, `duban year ${target} --import ${file} --dry-run`);
    if (!('parsed' in read)) return read.code;
    const { buf, parsed } = read;
    if (parsed.yearSource !== 'default' && parsed.year !== target) {
      io.err(`这份清单是${parsed.year}年的（依据${YEAR_SOURCE[parsed.yearSource]}），不是${target}年的。没有做任何更改。\n`);
      return 1;
    }
    const content = yearContent(db);
    const oldTasks: LedgerTask[] = activeTaskList(db) ?? io.kb().keyTasks;
    io.out(
      `${year}年 → ${target}年：\n` +
        `· 归档${year}年：清单${oldTasks.length}项、进展${content.reports}条、节点${content.milestones}个 → ${paths.db}（只读）\n` +
        `· 启用${target}年清单“${basename(file)}”：${parsed.tasks.length}项；${year}年的进展不再挂到新任务上\n` +
        `· 保留：联络员绑定、群订阅、推送地址、审计日志\n`,
    );
    if (dry) {
      io.out(`这是预览（--dry-run），没有做任何更改。确认后先停止机器人，再运行：duban year ${target} --import ${file}\n`);
      return 0;
    }
    const backup = await createBackup(db, { dir: backupDir(dataDir, env.BACKUP_DIR?.trim() || undefined), now: io.now(), tag: `pre-year-${target}` });
    io.out(`已备份：${backup}\n`);
    await createBackup(db, { dir: resolve(paths.db, '..'), out: paths.db, now: io.now() });
    sealArchive(paths.db);
    writeArchiveTasks(dataDir, year, oldTasks);
    // the live rows are removed only once the archive is known to hold every one of them
    const archived = verifyDatabase(paths.db);
    if (archived.reports !== content.reports) throw new Error(`归档中的进展（${archived.reports}条）与数据库（${content.reports}条）不一致，已停止，数据库未改动`);
    const today = chinaDate(io.now());
    const id = writeTx(db, () => {
      startYear(db, target, today);
      return applyImport(db, parsed.tasks, {
        fileName: basename(file),
        sha256: createHash('sha256').update(buf).digest('hex'),
        importedAt: io.now().toISOString(),
        summary: `${target}年清单（跨年，${year}年已归档到 ${paths.db}）`,
      });
    });
    // the guard marker must describe the smaller store, or the next start would refuse it
    recordCheckpoint(db, dataDir, true);
    io.out(`已切换到${target}年（清单#${id}）。${year}年的数据在 ${paths.db}。现在可以启动机器人。\n`);
    return 0;
  } catch (err) {
    io.err(`跨年失败：${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    db.close();
  }
}
