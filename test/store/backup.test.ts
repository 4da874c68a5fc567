// Backups are consistent while the bot writes, restore checks what it restores and keeps the
// replaced database, an upgrade leaves a rollback point.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { createBackup, PID_FILE, pruneBackups, restoreBackup, verifyDatabase } from '../../src/store/backup.ts';
import { DB_FILE, migrate, MIGRATIONS, openDb, openDbFile, schemaVersion } from '../../src/store/db.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

setLogLevel('error');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('../helpers/crash-writer.ts', import.meta.url));
const dirs: string[] = [];
const fresh = () => (dirs.push(tempDataDir()), dirs[dirs.length - 1]!);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ackedIn(file: string, ids: string[]): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const has = db.prepare('SELECT 1 FROM processed_messages p JOIN reports r ON r.message_id = p.message_id WHERE p.message_id = ?');
    return ids.filter((id) => has.get(id));
  } finally {
    db.close();
  }
}

describe('backup under write load', () => {
  it('holds every report acknowledged before the backup began, and restores into a working bot', async () => {
    const dir = fresh();
    openDb(dir).close();
    const acked: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, WRITER: 'w' }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('ack ')) acked.push(l.slice(4));
    });
    const until = async (n: number) => {
      while (acked.length < n) await new Promise((r) => setTimeout(r, 10));
    };
    await until(40);
    const backups: { file: string; before: string[] }[] = [];
    const reader = openDbFile(join(dir, DB_FILE), { readonly: true });
    for (let i = 0; i < 3; i++) {
      const before = [...acked];
      backups.push({ file: await createBackup(reader, { dir: join(dir, 'backups'), out: join(dir, 'backups', `b${i}.sqlite`) }), before });
      await until(acked.length + 20);
    }
    reader.close();
    child.kill('SIGKILL');
    for (const b of backups) {
      expect(verifyDatabase(b.file).reports).toBeGreaterThanOrEqual(b.before.length);
      expect(ackedIn(b.file, b.before)).toEqual(b.before);
      expect(statSync(b.file).mode & 0o777).toBe(0o600);
    }
    // self-contained files: nothing left beside them
    expect(readdirSync(join(dir, 'backups')).filter((f) => /-(wal|shm)$/.test(f))).toEqual([]);
    const target = join(fresh(), 'data');
    const r = restoreBackup(target, backups[2]!.file);
    expect(r.kept).toBeUndefined();
    const bot = await startBot({ DATA_DIR: target, PORT: '0' }, { jobs: false });
    await bot.stop();
    expect(ackedIn(join(target, DB_FILE), backups[2]!.before)).toHaveLength(backups[2]!.before.length);
  }, 30_000);
});

describe('restore', () => {
  it('refuses what is not a database of ours and refuses while the bot runs; keeps the replaced file', async () => {
    const dir = fresh();
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database at all');
    expect(() => restoreBackup(join(dir, 'a'), junk)).toThrow(/不是 SQLite 数据库|已损坏/);
    const empty = join(dir, 'empty.sqlite');
    new Database(empty).close();
    expect(() => restoreBackup(join(dir, 'a'), empty)).toThrow(/没有督办助手的数据表/);

    const data = join(dir, 'data');
    const good = join(dir, 'good.sqlite');
    const src = openDb(join(dir, 'src'));
    await createBackup(src, { dir, out: good });
    src.close();
    const bot = await startBot({ DATA_DIR: data, PORT: '0' }, { jobs: false });
    expect(existsSync(join(data, PID_FILE))).toBe(true);
    // The pid file names this very process, which is alive; a restore from another process must refuse.
    writeFileSync(join(data, PID_FILE), String(process.ppid));
    expect(() => restoreBackup(data, good)).toThrow(/正在运行/);
    await bot.stop();
    const r = restoreBackup(data, good);
    expect(r.kept).toMatch(/^duban\.sqlite\.replaced-\d{8}-\d{6}$/);
    expect(existsSync(join(data, r.kept!))).toBe(true);
    await (await startBot({ DATA_DIR: data, PORT: '0' }, { jobs: false })).stop();
  });
});

describe('the CLI', () => {
  it('duban backup writes a verified copy, duban restore puts it back, migrate --status reports the version', () => {
    const dir = fresh();
    openDb(dir).close();
    const env = { ...process.env, DATA_DIR: dir };
    const run = (args: string[]) => execFileSync('npm', ['run', '--silent', 'duban', '--', ...args], { encoding: 'utf8', env, stdio: 'pipe' });
    const out = run(['backup']);
    const file = out.match(/已备份到 (\S+)/)?.[1];
    expect(file && existsSync(file)).toBeTruthy();
    expect(run(['restore', file!])).toMatch(/已恢复.*原数据库保留为/);
    expect(run(['migrate', '--status'])).toMatch(new RegExp(`数据库版本 ${Math.max(...MIGRATIONS.map((m) => m.version))}，程序版本`));
  }, 30_000);
});

describe('upgrades and retention', () => {
  it('takes a copy before migrating a database that has data', () => {
    const dir = fresh();
    const db = new Database(join(dir, DB_FILE));
    migrate(db, MIGRATIONS.slice(0, 2));
    db.close();
    openDb(dir).close();
    const files = readdirSync(join(dir, 'backups'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-pre-v\d+\.sqlite$/);
    const copy = new Database(join(dir, 'backups', files[0]!), { readonly: true });
    expect(schemaVersion(copy)).toBe(2);
    copy.close();
    openDb(dir).close(); // up to date now: no second copy
    expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
  });

  it('keeps the newest N of its own backups and leaves other files alone', () => {
    const dir = join(fresh(), 'b');
    mkdirSync(dir);
    for (let i = 1; i <= 5; i++) writeFileSync(join(dir, `duban-2026060${i}-023000.sqlite`), '');
    writeFileSync(join(dir, 'mine.sqlite'), '');
    const removed = pruneBackups(dir, 2);
    expect(removed).toHaveLength(3);
    expect(readdirSync(dir).sort()).toEqual(['duban-20260604-023000.sqlite', 'duban-20260605-023000.sqlite', 'mine.sqlite']);
  });
});
