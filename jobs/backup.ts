// The daily backup: a consistent copy through SQLite's backup API into BACKUP_DIR, then the
// oldest beyond BACKUP_KEEP are deleted. A failure is logged and tried again the next day; the
// bot's other work never waits on it (the backup API copies in steps between other queries).
import cron from 'node-cron';
import { log } from '../src/log.ts';
import { createBackup, pruneBackups } from '../src/store/backup.ts';
import type { Db } from '../src/store/db.ts';

export interface BackupJobConfig {
  dir: string;
  keep: number;
  time: string;
}

export async function runBackup(db: Db, cfg: BackupJobConfig, now: () => Date): Promise<string | undefined> {
  try {
    const file = await createBackup(db, { dir: cfg.dir, now: now() });
    const removed = pruneBackups(cfg.dir, cfg.keep);
    log.info('backup taken', { file, removed: removed.length });
    return file;
  } catch (err) {
    log.error('backup failed', { err: err instanceof Error ? err.message : String(err), dir: cfg.dir });
    return undefined;
  }
}

export function startBackupJob(db: Db, cfg: BackupJobConfig, now: () => Date): { stop(): void } {
  const [h, m] = cfg.time.split(':').map(Number) as [number, number];
  const task = cron.schedule(`${m} ${h} * * *`, () => void runBackup(db, cfg, now), { timezone: 'Asia/Shanghai', noOverlap: true, name: 'backup' });
  return { stop: () => void task.stop() };
}
