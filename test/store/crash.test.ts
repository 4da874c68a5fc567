// kill -9 at any moment loses nothing acknowledged: writer processes report in a loop, printing
// each id after its reply (= after the commit); we SIGKILL them mid-stream, reopen the file and
// look for every acknowledged id.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = fileURLToPath(new URL('../helpers/crash-writer.ts', import.meta.url));
const dir = tempDataDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a writer, kills it with SIGKILL after `after` acknowledgements (plus a random few
 * milliseconds, so the kill lands at an arbitrary point of a transaction), returns the acked ids. */
function runAndKill(writer: string, start: number, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not `npx tsx`: the pid we kill must be the writer itself, not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, WRITER: writer, START: String(start) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buf = '';
    let err = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('ack ')) acked.push(l.slice(4));
      if (!killing && acked.length >= after) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited by itself (code ${code}): ${err.slice(-2000)}`));
    });
  });
}

function survivors(ids: string[]): { missing: string[]; integrity: unknown; reports: number; audits: number } {
  const db = openDb(dir);
  try {
    const has = db.prepare('SELECT 1 FROM processed_messages p JOIN reports r ON r.message_id = p.message_id WHERE p.platform = ? AND p.message_id = ?');
    return {
      missing: ids.filter((id) => !has.get('console', id)),
      integrity: db.pragma('integrity_check', { simple: true }),
      reports: (db.prepare('SELECT COUNT(*) AS n FROM reports').get() as { n: number }).n,
      audits: (db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'report.create'").get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('SIGKILL mid-stream loses no acknowledged report (one writer, then two at once)', { timeout: 90_000 }, async () => {
    const first = await runAndKill('a', 0, 200);
    let s = survivors(first);
    expect(first.length).toBeGreaterThanOrEqual(200);
    expect(s.missing).toEqual([]);
    expect(s.integrity).toBe('ok');
    // every report committed with its audit row: never one without the other
    expect(s.audits).toBe(s.reports);

    // two processes writing the same file, killed independently
    const [b, c] = await Promise.all([runAndKill('b', 0, 150), runAndKill('c', 0, 100)]);
    const all = [...first, ...b, ...c];
    s = survivors(all);
    expect(s.missing).toEqual([]);
    expect(s.integrity).toBe('ok');
    expect(s.audits).toBe(s.reports);
    expect(s.reports).toBeGreaterThanOrEqual(all.length);

    // and the writer picks up where it was killed, on the recovered file
    const again = await runAndKill('a', first.length + 1000, 50);
    expect(survivors([...all, ...again]).missing).toEqual([]);
  });
});
