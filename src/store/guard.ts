// Detects a database that silently lost data: SQLite opens a main file whose WAL was deleted, or
// a hand-copied duban.sqlite, as a valid (even empty) database, and migrate() would then build a
// fresh schema over it. A small marker file next to the database records, after each complete
// checkpoint, the schema version and the row counts of the append-only tables — a state that is
// known to be in the main file. On start the file must hold at least that; otherwise the bot
// refuses to start and names the backup to restore.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { log } from '../log.ts';
import { DB_FILE, schemaVersion, type Db } from './db.ts';

export const GUARD_FILE = 'duban.guard.json';
/** Rows of these tables are never deleted, so their counts can only grow. */
const COUNTED = ['users', 'bindings', 'reports', 'milestones', 'audit', 'processed_messages', 'outbox', 'reminder_log', 'chases', 'instructions', 'closures'] as const;

const guardSchema = z.object({
  schema: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  at: z.string(),
  /** true when written by a clean shutdown (checkpointed, then closed) */
  clean: z.boolean(),
});
export type GuardState = z.infer<typeof guardSchema>;

export class DataLossSuspected extends Error {}

export function readGuard(dataDir: string): GuardState | undefined {
  const path = join(resolve(dataDir), GUARD_FILE);
  if (!existsSync(path)) return undefined;
  try {
    return guardSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    // A torn marker is no evidence of data loss; the next checkpoint rewrites it.
    log.warn('guard marker unreadable, ignored', { path, err: String(err) });
    return undefined;
  }
}

export function countRows(db: Db): Record<string, number> {
  const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const counts: Record<string, number> = {};
  for (const t of COUNTED) if (tables.has(t)) counts[t] = (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return counts;
}

/** The newest file in DATA_DIR/backups, to name in the refusal. */
export function latestBackup(dataDir: string): string | undefined {
  const dir = join(resolve(dataDir), 'backups');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0];
}

function refusal(dataDir: string, what: string): DataLossSuspected {
  const backup = latestBackup(dataDir);
  const marker = join(resolve(dataDir), GUARD_FILE);
  return new DataLossSuspected(
    `数据库可能丢失了数据：${what}。为免在残缺的数据上继续运行，机器人没有启动。\n` +
      (backup ? `请先停止所有 duban 进程，用最近的备份恢复：${backup}\n` : '没有找到备份（DATA_DIR/backups）；如有其他副本，请先恢复。\n') +
      `如确认数据无误（例如有意换用了一个较旧的数据库），删除 ${marker} 后再启动。`,
  );
}

/** Compares the database in `dataDir` with the last recorded checkpoint; throws
 * DataLossSuspected when it holds less. Opens the file without migrating it. */
export function checkIntegrity(dataDir: string): { warnings: string[] } {
  const guard = readGuard(dataDir);
  const file = join(resolve(dataDir), DB_FILE);
  if (!guard) return { warnings: [] };
  if (!existsSync(file)) throw refusal(dataDir, `${DB_FILE} 不见了（上次记录于 ${guard.at}）`);
  // Looked at before opening: the last connection to close (ours below included) checkpoints the
  // WAL and deletes it, then -shm. So after an unclean stop both are normally still there. A
  // -shm without its -wal is what deleting the WAL by hand leaves (SQLite itself removes -shm
  // first); neither left is what another process's clean close leaves (e.g. a CLI command run
  // after the crash: nothing lost) or a copy of the main file alone, which cannot be told apart.
  const wal = existsSync(`${file}-wal`);
  const shm = existsSync(`${file}-shm`);
  if (!guard.clean && !wal && shm)
    throw refusal(
      dataDir,
      `上次没有正常关闭，预写日志 ${DB_FILE}-wal 却不在了（${DB_FILE}-shm 还在，说明日志是被删掉的），最后一次检查点（${guard.at}）之后已确认的消息和填报可能丢失`,
    );
  const db = new Database(file, { fileMustExist: true });
  try {
    const schema = schemaVersion(db);
    if (schema === 0 || schema < guard.schema) throw refusal(dataDir, `数据表不见了（表结构版本 ${schema}，应至少为 ${guard.schema}）`);
    const now = countRows(db);
    const short = Object.entries(guard.counts).filter(([t, n]) => (now[t] ?? 0) < n);
    if (short.length)
      throw refusal(dataDir, `${short.map(([t, n]) => `${t} 表只有 ${now[t] ?? 0} 行（${guard.at} 时已有 ${n} 行）`).join('；')}`);
  } finally {
    db.close();
  }
  const warnings: string[] = [];
  if (!guard.clean && !wal)
    warnings.push(`上次没有正常关闭，且预写日志 ${DB_FILE}-wal 不在：如果它被删除或没有一起复制，最后一次检查点（${guard.at}）之后的数据可能丢失。`);
  return { warnings };
}

/** Checkpoints the WAL into the main file and, when the checkpoint was complete, records the
 * counts taken just before it (all of them are then in the main file). */
export function recordCheckpoint(db: Db, dataDir: string, clean: boolean, now: () => Date = () => new Date()): GuardState | undefined {
  const counts = countRows(db);
  const schema = schemaVersion(db);
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  if (!r || r.busy !== 0 || r.log !== r.checkpointed) return undefined; // a reader held it back; next time
  const state: GuardState = { schema, counts, at: now().toISOString(), clean };
  const path = join(resolve(dataDir), GUARD_FILE);
  writeFileSync(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
  return state;
}

/** Checkpoints on a timer so the main file is never far behind the WAL. */
export function startCheckpoints(db: Db, dataDir: string, everyMs: number, now?: () => Date): { stop(): void } {
  const timer = setInterval(() => {
    try {
      recordCheckpoint(db, dataDir, false, now);
    } catch (err) {
      log.error('checkpoint failed', { err: String(err) });
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
