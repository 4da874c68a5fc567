// Backups of the store. The database runs in WAL mode, so copying duban.sqlite is not a backup:
// copies are taken through SQLite's online backup API (consistent while the bot writes), checked
// with integrity_check, and kept private. Restore checks the file first and keeps the replaced
// database aside, so a wrong restore can itself be undone.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE, MIGRATIONS, schemaVersion, type Db } from './db.ts';
import { recordCheckpoint } from './guard.ts';
import { DIR_MODE, FILE_MODE } from './privacy.ts';

export const PID_FILE = 'duban.pid';
const BACKUP_NAME = /^duban-\d{8}-\d{6}(-[a-z0-9-]+)?\.sqlite$/;

export function backupDir(dataDir: string, configured?: string): string {
  return resolve(configured ?? join(dataDir, 'backups'));
}

function stamp(d: Date): string {
  // China time in the name: that is the office's clock when it looks for "yesterday's" backup.
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 19).replaceAll(':', '')}`;
}

/** Checks a database file: readable SQLite, integrity ok, a schema this program knows. */
export function verifyDatabase(file: string): { schema: number; reports: number } {
  if (!existsSync(file)) throw new Error(`文件不存在：${file}`);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new Error(`${file} 不是 SQLite 数据库：${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    let ok: unknown;
    try {
      ok = db.pragma('integrity_check', { simple: true });
    } catch (err) {
      throw new Error(`${file} 不是 SQLite 数据库：${err instanceof Error ? err.message : String(err)}`);
    }
    if (ok !== 'ok') throw new Error(`${file} 已损坏（integrity_check：${String(ok)}）`);
    const schema = schemaVersion(db);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    if (schema === 0) throw new Error(`${file} 里没有督办助手的数据表`);
    if (schema > latest) throw new Error(`${file} 的数据库版本（${schema}）比程序（${latest}）新：请先升级程序`);
    const reports = (db.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n;
    return { schema, reports };
  } finally {
    db.close();
  }
}

/** Takes a consistent copy of `db` into `dir` (or exactly `out`), verified and private. */
export async function createBackup(db: Db, opts: { dir: string; out?: string; now?: Date; tag?: string }): Promise<string> {
  const target = resolve(opts.out ?? join(opts.dir, `duban-${stamp(opts.now ?? new Date())}${opts.tag ? `-${opts.tag}` : ''}.sqlite`));
  mkdirSync(resolve(target, '..'), { recursive: true, mode: DIR_MODE });
  const tmp = `${target}.part`;
  rmSync(tmp, { force: true });
  await db.backup(tmp);
  chmodSync(tmp, FILE_MODE); // whatever the umask of the process that asked
  // The copy keeps the source's WAL flag; as a rollback-journal file it is one self-contained
  // file, and opening it later (verify, restore) leaves no -wal/-shm beside it.
  const copy = new Database(tmp);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  for (const ext of ['-wal', '-shm']) rmSync(tmp + ext, { force: true });
  verifyDatabase(tmp);
  renameSync(tmp, target);
  return target;
}

/** The newest backup we wrote in `dir` (automatic, manual or pre-migration) with its time. */
export function newestBackup(dir: string): { file: string; mtime: Date } | undefined {
  if (!existsSync(dir)) return undefined;
  let best: { file: string; mtime: Date } | undefined;
  for (const f of readdirSync(dir)) {
    if (!BACKUP_NAME.test(f)) continue;
    const mtime = statSync(join(dir, f)).mtime;
    if (!best || mtime > best.mtime) best = { file: join(dir, f), mtime };
  }
  return best;
}

/** Deletes the oldest automatic backups beyond `keep`; files not named by us are left. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const ours = readdirSync(dir)
    .filter((f) => BACKUP_NAME.test(f))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs || b.localeCompare(a));
  const old = ours.slice(Math.max(0, keep));
  for (const f of old) rmSync(f, { force: true });
  return old;
}

/** The pid in DATA_DIR/duban.pid when that process is alive. */
export function runningBot(dataDir: string): number | undefined {
  const file = join(resolve(dataDir), PID_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Replaces DATA_DIR's database with `file` after checking it; the replaced one is kept as
 * duban.sqlite.replaced-<time> (with its WAL). Refuses while the bot runs. */
export function restoreBackup(dataDir: string, file: string, now = new Date()): { kept?: string; schema: number; reports: number } {
  const pid = runningBot(dataDir);
  if (pid) throw new Error(`机器人正在运行（进程 ${pid}）：请先停止它（systemctl stop duban 或 docker compose stop），再恢复。`);
  const info = verifyDatabase(file);
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const live = join(dir, DB_FILE);
  let kept: string | undefined;
  if (existsSync(live)) {
    kept = `${live}.replaced-${stamp(now)}`;
    for (const ext of ['', '-wal', '-shm']) if (existsSync(live + ext)) renameSync(live + ext, kept + ext);
  }
  copyFileSync(file, `${live}.part`);
  chmodSync(`${live}.part`, FILE_MODE);
  renameSync(`${live}.part`, live);
  // The guard marker now describes the restored file, which may well hold fewer rows.
  const db = new Database(live);
  try {
    db.pragma('journal_mode = WAL');
    recordCheckpoint(db, dir, true, () => now);
  } finally {
    db.close();
  }
  return { kept: kept && basename(kept), ...info };
}
