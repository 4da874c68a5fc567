// The data directory holds the WeCom webhook keys (equivalent to passwords), reports and
// evidence: only the bot's own user may read it. New files are private through the umask;
// files left by an older version (or copied in by hand) are fixed, with a log line, at start.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { log } from '../log.ts';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
const OWN = /^(duban|wecom\.lock$|backups$|evidence$|exports?$)/;

/** Sets the process umask so every file SQLite, backups or uploads create is 600 / dir 700. */
export function privateUmask(): void {
  process.umask(0o077);
}

/** Creates `dataDir` private, or tightens an existing one and everything below it.
 * Returns the paths whose mode was changed. */
export function securePrivateDir(dataDir: string): string[] {
  const root = resolve(dataDir);
  if (!existsSync(root)) {
    mkdirSync(root, { recursive: true, mode: DIR_MODE });
    chmodSync(root, DIR_MODE); // mkdir's mode is filtered by the umask of whoever called us
    return [];
  }
  const fixed: string[] = [];
  const walk = (path: string, depth: number) => {
    const st = statSync(path);
    const want = st.isDirectory() ? DIR_MODE : FILE_MODE;
    if (!st.isDirectory() && !st.isFile()) return;
    if ((st.mode & 0o777) !== want) {
      try {
        chmodSync(path, want);
        fixed.push(path);
      } catch (err) {
        log.warn('could not make data file private', { path, err: String(err) });
      }
    }
    // Bounded depth: the data dir has backups/ and evidence/<hash prefix>/, nothing deeper.
    if (st.isDirectory() && depth < 3) for (const e of readdirSync(path)) walk(join(path, e), depth + 1);
  };
  walk(root, 3);
  // Only what the bot itself keeps there: a DATA_DIR pointed at a shared folder must not have
  // someone else's files re-moded.
  for (const e of readdirSync(root)) if (OWN.test(e)) walk(join(root, e), 1);
  if (fixed.length) log.warn('data files were readable by others; made private', { dir: root, fixed: fixed.length });
  return fixed;
}
