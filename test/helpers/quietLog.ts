// Tests that provoke failures on purpose (a refused token, a send that fails, a provisional
// calendar) make the bot log them, and those JSON lines in the test output read like failures.
// quietLog() captures the bot's JSON log lines (only those: anything else on stderr, and every
// assertion failure, still shows) for the file it is called in; `logged` lets a test assert on
// what was logged.
import { afterAll, beforeAll, vi } from 'vitest';

export interface LogLine {
  level: string;
  msg: string;
  [k: string]: unknown;
}

export function quietLog(): { logged: LogLine[] } {
  const logged: LogLine[] = [];
  let spy: { mockRestore(): void } | undefined;
  beforeAll(() => {
    const write = process.stderr.write.bind(process.stderr);
    spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      const lines = text.split('\n').filter(Boolean);
      const parsed = lines.map((l) => {
        try {
          const v = JSON.parse(l) as LogLine;
          return typeof v?.level === 'string' && typeof v.msg === 'string' ? v : undefined;
        } catch {
          return undefined;
        }
      });
      if (lines.length && parsed.every(Boolean)) {
        logged.push(...(parsed as LogLine[]));
        return true;
      }
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write);
  });
  afterAll(() => spy?.mockRestore());
  return { logged };
}
