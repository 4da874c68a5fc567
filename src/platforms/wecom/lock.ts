// Exactly one long connection per bot: WeCom keeps one connection per bot and a new one kicks the
// old one (disconnected_event), so two instances would silently steal each other's messages.
// A lock file in the data directory holds the owner's pid; a lock whose pid is gone is stale and
// taken over; a live owner (even this very process) makes acquisition fail.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'wecom.lock';

export class InstanceLockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`另一个督办助手实例（pid ${pid}）正在使用 ${path}；同一机器人只能有一个长连接。请先停止它，或换一个数据目录。`);
    this.name = 'InstanceLockedError';
  }
}

export interface InstanceLock {
  path: string;
  release(): void;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerPid(path: string): number {
  try {
    const first = readFileSync(path, 'utf8').split('\n')[0] ?? '';
    return Number.parseInt(first, 10);
  } catch {
    return Number.NaN;
  }
}

export function acquireInstanceLock(dataDir: string): InstanceLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            if (ownerPid(path) === process.pid) unlinkSync(path);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = ownerPid(path);
      if (alive(pid)) throw new InstanceLockedError(path, pid);
      // stale (owner died) or half-written: take it over
      try {
        unlinkSync(path);
      } catch {
        /* someone else removed it first */
      }
    }
  }
  throw new InstanceLockedError(path, ownerPid(path));
}
