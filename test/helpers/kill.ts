// Running the bot (test/helpers/bot-child.ts) as a child process that a test can SIGKILL, and
// driving it with requests while counting which ones it acknowledged.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDbFile, dbPath, type Db } from '../../src/store/db.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./bot-child.ts', import.meta.url));

export interface BotChild {
  proc: ChildProcess;
  port: number;
  exited: Promise<NodeJS.Signals | null>;
  stderr(): string;
}

export function startChild(env: Record<string, string>): Promise<BotChild> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not `npx tsx`: the pid we kill must be the bot itself, not a wrapper.
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((r) => proc.on('exit', (_code, signal) => r(signal)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = out.match(/^port (\d+)$/m);
      if (m) resolve({ proc, port: Number(m[1]), exited, stderr: () => err });
    });
    void exited.then((sig) => reject(new Error(`bot exited before listening (${sig}): ${err.slice(-2000)}`)));
  });
}

/** Sends `requests` with `concurrency` in flight; after the `killAfter`-th 2xx it SIGKILLs the
 * child a random 0–15 ms later. Resolves with the indexes that got a 2xx (only those: a request
 * cut off by the kill is not acknowledged). */
export async function driveAndKill(
  child: BotChild,
  requests: { index: number; send: (port: number) => Promise<number> }[],
  killAfter: number,
  concurrency = 4,
): Promise<{ acked: number[]; killedAt: number }> {
  const acked: number[] = [];
  let next = 0;
  let killing = false;
  let killedAt = 0;
  const worker = async () => {
    while (!killing && next < requests.length) {
      const r = requests[next++]!;
      const status = await r.send(child.port).catch(() => 0);
      if (status >= 200 && status < 300) acked.push(r.index);
      if (!killing && acked.length >= killAfter) {
        killing = true;
        killedAt = acked.length;
        setTimeout(() => child.proc.kill('SIGKILL'), Math.floor(Math.random() * 16));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (!killing) child.proc.kill('SIGKILL');
  await child.exited;
  return { acked, killedAt };
}

/** Read-only view of the child's database (WAL readers do not block the writer). */
export function peek<T>(dataDir: string, fn: (db: Db) => T): T {
  const db = openDbFile(dbPath(dataDir), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export async function waitFor(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
