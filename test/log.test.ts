// Issue 12 item 3: LOG_LEVEL in .env works, and tests read log lines through the logger.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot } from '../src/app.ts';
import { effectiveEnv } from '../src/config.ts';
import { captureLog, configureLog, createLogger, log, logLevel, setLogLevel, type LogLine } from '../src/log.ts';

const before = logLevel();
afterEach(() => setLogLevel(before));

describe('logger', () => {
  it('LOG_LEVEL from a .env file sets the level of the default logger', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-log-'));
    try {
      writeFileSync(join(dir, '.env'), 'LOG_LEVEL=error\n');
      setLogLevel('info');
      const saved = process.env.LOG_LEVEL;
      delete process.env.LOG_LEVEL;
      try {
        configureLog(effectiveEnv(join(dir, '.env')));
      } finally {
        if (saved !== undefined) process.env.LOG_LEVEL = saved;
      }
      const cap = captureLog();
      log.warn('not shown');
      log.error('shown', { webhookKey: 'secret-value' });
      cap.restore();
      expect(cap.lines.map((l) => l.msg)).toEqual(['shown']);
      expect(cap.lines[0]!.webhookKey).toBe('***');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('startBot applies LOG_LEVEL from its environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-log-bot-'));
    setLogLevel('error');
    const cap = captureLog();
    const bot = await startBot({ DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'debug' }, { jobs: false });
    await bot.stop();
    cap.restore();
    rmSync(dir, { recursive: true, force: true });
    expect(logLevel()).toBe('debug');
    expect(cap.lines.map((l) => l.msg)).toContain('bot ready');
  });

  it('an injected logger has its own level and sink', () => {
    const lines: LogLine[] = [];
    const mine = createLogger({ level: () => 'warn', sink: () => (l) => lines.push(l) });
    mine.info('quiet');
    mine.warn('loud', { n: 1 });
    expect(lines).toMatchObject([{ level: 'warn', msg: 'loud', n: 1 }]);
  });
});
