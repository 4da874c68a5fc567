// Files are private, and a database that lost data is refused loudly instead of being migrated
// into a fresh, empty one: the WAL deleted after kill -9, a file copied by hand, an older copy.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../../src/app.ts';
import { captureLog, setLogLevel } from '../../src/log.ts';
import { DB_FILE, openDb, schemaVersion } from '../../src/store/db.ts';
import { checkIntegrity, DataLossSuspected, GUARD_FILE, readGuard, recordCheckpoint, startCheckpoints } from '../../src/store/guard.ts';
import { tempDataDir } from '../helpers/chat.ts';

setLogLevel('error');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('../helpers/guard-writer.ts', import.meta.url));
const dirs: string[] = [];
const fresh = () => {
  const d = tempDataDir();
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => statSync(p).mode & 0o777;

function addAudit(dir: string, n: number): void {
  const db = openDb(dir);
  const ins = db.prepare(
    "INSERT INTO audit (at, platform, user_id, user_name, chat_id, message_id, action, entity, entity_id) VALUES ('2026-06-01T00:00:00Z', 'console', 'u', 'u', 'c', ?, 'x', 'x', ?)",
  );
  for (let i = 0; i < n; i++) ins.run(`m${Math.random()}`, String(i));
  recordCheckpoint(db, dir, true);
  db.close();
}

describe('data files are private', () => {
  it('creates the data dir 700 and tightens existing files to 600, leaving foreign files alone', () => {
    const dir = join(fresh(), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const old = process.umask(0o022); // as an older version left them
    try {
      openDb(dir).close();
      chmodSync(join(dir, DB_FILE), 0o644);
      writeFileSync(join(dir, 'other.txt'), '');
      mkdirSync(join(dir, 'backups'));
      writeFileSync(join(dir, 'backups', 'old.sqlite'), '');
      setLogLevel('warn');
      const log = captureLog();
      let db;
      try {
        db = openDb(dir);
      } finally {
        log.restore();
        setLogLevel('error');
      }
      expect(mode(join(dir, `${DB_FILE}-wal`))).toBe(0o600);
      db.close();
      // one line saying what was fixed (the database, backups/ and its file; the first open fixed the dir), not one per file
      const fixedLines = log.lines.filter((l) => l.msg === 'data files were readable by others; made private');
      expect(fixedLines).toHaveLength(1);
      expect(fixedLines[0]).toMatchObject({ level: 'warn', fixed: 3 });
    } finally {
      process.umask(old);
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, DB_FILE))).toBe(0o600);
    expect(mode(join(dir, 'backups'))).toBe(0o700);
    expect(mode(join(dir, 'backups', 'old.sqlite'))).toBe(0o600);
    expect(mode(join(dir, 'other.txt'))).toBe(0o644); // not the bot's: left alone
  });

  it('a new data dir is 700 even under a permissive umask', () => {
    const old = process.umask(0o022);
    try {
      const dir = join(fresh(), 'new');
      openDb(dir).close();
      expect(mode(dir)).toBe(0o700);
    } finally {
      process.umask(old);
    }
  });
  it('npm start sets umask 077: what the bot writes without an explicit mode (duban.pid) is private too', async () => {
    const dir = join(fresh(), 'data');
    // the whole entry point, started from a shell with the usual permissive umask; the local
    // console (no platform configured) keeps it running until its stdin closes
    const child = spawn('sh', ['-c', 'umask 022; exec "$0" --import tsx src/main.ts', process.execPath], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'error' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const pid = join(dir, 'duban.pid');
      for (let i = 0; i < 600 && !out.includes('Ctrl+D'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(out, out).toContain('Ctrl+D');
      expect(mode(pid)).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, DB_FILE))).toBe(0o600);
      expect(mode(join(dir, GUARD_FILE))).toBe(0o600);
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('a database that lost data is refused', () => {
  it('passes an intact database and records the counts of the last checkpoint', () => {
    const dir = fresh();
    addAudit(dir, 5);
    expect(readGuard(dir)?.counts.audit).toBe(5);
    expect(checkIntegrity(dir).warnings).toEqual([]);
  });

  it('the checkpoint timer moves the WAL into the main file and the marker along with it', async () => {
    const dir = fresh();
    addAudit(dir, 1);
    const db = openDb(dir);
    const timer = startCheckpoints(db, dir, 20);
    try {
      const ins = db.prepare(
        "INSERT INTO audit (at, platform, user_id, user_name, chat_id, message_id, action, entity, entity_id) VALUES ('2026-06-01T00:00:00Z', 'console', 'u', 'u', 'c', ?, 'x', 'x', 'x')",
      );
      for (let i = 0; i < 7; i++) ins.run(`t${i}`);
      for (let i = 0; i < 500 && readGuard(dir)?.counts.audit !== 8; i++) await new Promise((r) => setTimeout(r, 10));
      expect(readGuard(dir)).toMatchObject({ clean: false, counts: { audit: 8 } });
      // the marker only ever names rows the main file holds: the WAL is empty after it
      expect(statSync(join(dir, `${DB_FILE}-wal`)).size).toBe(0);
    } finally {
      timer.stop();
      db.close();
    }
  });

  it('refuses a database without its tables, a missing file and an older copy, naming the newest backup', () => {
    const dir = fresh();
    addAudit(dir, 3);
    const copy = join(dir, 'older.sqlite');
    copyFileSync(join(dir, DB_FILE), copy);
    addAudit(dir, 4);
    mkdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'backups', 'duban-2026-06-01.sqlite'), 'x');

    copyFileSync(copy, join(dir, DB_FILE));
    expect(() => checkIntegrity(dir)).toThrow(DataLossSuspected);
    expect(() => checkIntegrity(dir)).toThrow(/audit 表只有 3 行.*已有 7 行/);
    expect(() => checkIntegrity(dir)).toThrow(/backups\/duban-2026-06-01\.sqlite/);

    writeFileSync(join(dir, DB_FILE), '');
    expect(() => checkIntegrity(dir)).toThrow(/数据表不见了/);

    rmSync(join(dir, DB_FILE));
    expect(() => checkIntegrity(dir)).toThrow(/不见了/);
    // The refusal left nothing behind: no fresh database was created over the loss.
    expect(existsSync(join(dir, DB_FILE))).toBe(false);
  });

  it('the bot refuses to start on it, and starts again once the marker is removed', async () => {
    const dir = join(fresh(), 'data');
    const env = { DATA_DIR: dir, PORT: '0' };
    const bot = await startBot(env, { jobs: false });
    await bot.stop();
    expect(readGuard(dir)?.clean).toBe(true);
    addAudit(dir, 2);
    writeFileSync(join(dir, DB_FILE), '');
    await expect(startBot(env, { jobs: false })).rejects.toThrow(/数据库可能丢失了数据/);
    expect(schemaVersion(openDbRaw(join(dir, DB_FILE)))).toBe(0); // not migrated over
    rmSync(join(dir, GUARD_FILE));
    const again = await startBot(env, { jobs: false });
    await again.stop();
  });

  it('after kill -9 and a deleted WAL the main file still has the schema and every checkpointed row', async () => {
    const dir = fresh();
    const acked = await killWriter(dir);
    expect(acked).toBeGreaterThanOrEqual(50);
    const marker = JSON.parse(readFileSync(join(dir, GUARD_FILE), 'utf8'));
    expect(marker.clean).toBe(false);
    rmSync(join(dir, `${DB_FILE}-wal`), { force: true });
    rmSync(join(dir, `${DB_FILE}-shm`), { force: true });
    const { warnings } = checkIntegrity(dir);
    expect(warnings.join()).toMatch(/没有正常关闭.*可能丢失/);
    const db = openDbRaw(join(dir, DB_FILE));
    expect(schemaVersion(db)).toBeGreaterThan(0);
    db.close();
  });

  it('after kill -9 with the WAL in place nothing is reported lost, and every acknowledged row is there', async () => {
    const dir = fresh();
    const acked = await killWriter(dir);
    expect(existsSync(join(dir, `${DB_FILE}-wal`))).toBe(true);
    // checkIntegrity's own connection checkpoints and removes the WAL when it closes: the check
    // must have looked before that
    expect(checkIntegrity(dir).warnings).toEqual([]);
    const db = openDbRaw(join(dir, DB_FILE));
    const rows = (db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'test.write'").get() as { n: number }).n;
    db.close();
    expect(rows).toBeGreaterThanOrEqual(acked);
  });

  it('a WAL deleted by hand after kill -9 (its -shm left behind) is refused, naming the backup; the bot does not start', async () => {
    const dir = join(fresh(), 'data');
    const acked = await killWriter(dir);
    expect(acked).toBeGreaterThanOrEqual(50);
    mkdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'backups', 'duban-2026-06-01.sqlite'), 'x');
    rmSync(join(dir, `${DB_FILE}-wal`));
    expect(existsSync(join(dir, `${DB_FILE}-shm`))).toBe(true);
    expect(() => checkIntegrity(dir)).toThrow(DataLossSuspected);
    expect(() => checkIntegrity(dir)).toThrow(/预写日志 duban\.sqlite-wal 却不在了.*可能丢失/);
    expect(() => checkIntegrity(dir)).toThrow(/backups\/duban-2026-06-01\.sqlite/);
    await expect(startBot({ DATA_DIR: dir, PORT: '0' }, { jobs: false })).rejects.toThrow(/数据库可能丢失了数据/);
    // the way out the message names: once the marker is removed the bot starts on what is left
    rmSync(join(dir, GUARD_FILE));
    const bot = await startBot({ DATA_DIR: dir, PORT: '0' }, { jobs: false });
    await bot.stop();
  });
});

/** Runs the writer child until it has acknowledged 50 commits, SIGKILLs it; the acks seen. */
function killWriter(dir: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let n = 0;
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      n += (d.toString().match(/ack /g) ?? []).length;
      if (n >= 50) child.kill('SIGKILL');
    });
    child.on('exit', (_c, signal) => (signal === 'SIGKILL' ? resolve(n) : reject(new Error(err))));
  });
}

import Database from 'better-sqlite3';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();
function openDbRaw(file: string) {
  return new Database(file);
}
