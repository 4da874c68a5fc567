// duban backup / restore / migrate --status: what an operator runs on the server.
import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { backupDir, createBackup, pruneBackups, restoreBackup } from '../store/backup.ts';
import { dbPath, MIGRATIONS, openDbFile, schemaVersion } from '../store/db.ts';

type Env = Record<string, string | undefined>;
const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function backupCommand(args: string[], env: Env): Promise<number> {
  const config = loadConfig(env);
  const file = dbPath(config.DATA_DIR);
  if (!existsSync(file)) return (err(`还没有数据库（${file}），没有可备份的数据。`), 1);
  if (args.includes('--out') && !flag(args, '--out')) return (err('用法：duban backup [--out 文件.sqlite]'), 2);
  // A connection of our own: the backup API copies a consistent snapshot while the bot writes.
  const db = openDbFile(file, { readonly: true });
  try {
    const dir = backupDir(config.DATA_DIR, config.BACKUP_DIR);
    const target = await createBackup(db, { dir, out: flag(args, '--out') });
    if (!flag(args, '--out')) pruneBackups(dir, config.BACKUP_KEEP);
    out(`已备份到 ${target}`);
    return 0;
  } finally {
    db.close();
  }
}

export async function restoreCommand(args: string[], env: Env): Promise<number> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) return (err('用法：duban restore 备份文件.sqlite（先停止机器人）'), 2);
  const config = loadConfig(env);
  try {
    const r = restoreBackup(config.DATA_DIR, file);
    out(`已恢复 ${file}（数据库版本 ${r.schema}，进展 ${r.reports} 条）。${r.kept ? `原数据库保留为 ${r.kept}。` : ''}现在可以启动机器人。`);
    return 0;
  } catch (e) {
    err(`没有恢复：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

export async function migrateCommand(args: string[], env: Env): Promise<number> {
  if (!args.includes('--status')) return (err('用法：duban migrate --status（升级在启动时自动进行）'), 2);
  const file = dbPath(loadConfig(env).DATA_DIR);
  const latest = Math.max(...MIGRATIONS.map((m) => m.version));
  let current = 0;
  if (existsSync(file)) {
    const db = openDbFile(file, { readonly: true });
    current = schemaVersion(db);
    db.close();
  }
  out(`数据库：${existsSync(file) ? file : '（还没有）'}`);
  out(`数据库版本 ${current}，程序版本 ${latest}`);
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version))
    out(`${m.version <= current ? '✓' : '·'} ${m.version} ${m.name}${m.version <= current ? '' : '（启动时执行，执行前自动备份）'}`);
  if (current > latest) out('数据库比程序新：请升级程序，或恢复升级前的备份。');
  return 0;
}
