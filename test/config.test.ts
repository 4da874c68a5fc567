import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveEnv, loadConfig } from '../src/config.ts';

describe('configuration', () => {
  it('treats KEY= in .env as unset, and lets the real environment win', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duban-env-')), '.env');
    writeFileSync(file, '# comment\nREMIND_LEADERS_GROUP=\nDATA_DIR=/from/dotenv\nPORT="9090"\n');
    process.env.DUBAN_TEST_VALUE = 'real';
    const env = effectiveEnv(file);
    expect('REMIND_LEADERS_GROUP' in env).toBe(false);
    expect(env.DATA_DIR === '/from/dotenv' || env.DATA_DIR === process.env.DATA_DIR).toBe(true);
    expect(env.PORT === '9090' || env.PORT === process.env.PORT).toBe(true);
    expect(env.DUBAN_TEST_VALUE).toBe('real');
    delete process.env.DUBAN_TEST_VALUE;
  });

  it('refuses a bad value with a message naming it', () => {
    expect(() => loadConfig({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => loadConfig({ DASHBOARD_SECRET: 'short' })).toThrow(/DASHBOARD_SECRET/);
    expect(loadConfig({}).DATA_DIR).toBe('./data');
  });
});

describe('bad values are refused one Chinese line each', () => {
  it('names the key, the value, what is wrong and a right example', async () => {
    const { remindConfig } = await import('../src/remind/config.ts');
    let msg = '';
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', BACKUP_TIME: '25:00' });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toContain('PORT（现在是“abc”）：应为 0–65535 的整数，例如 PORT=8080');
    expect(msg).toContain('LOG_LEVEL（现在是“loud”）：应为 debug、info、warn 或 error，例如 LOG_LEVEL=info');
    expect(msg).toContain('BACKUP_TIME（现在是“25:00”）：应为 HH:MM，例如 BACKUP_TIME=02:30');
    expect(msg.split('；')).toHaveLength(3);
    expect(msg).not.toMatch(/Invalid|expected/);
    expect(() => remindConfig({ DIGEST_WEEKDAY: '9', REMIND_LEAD_DAYS: 'x' })).toThrow(/DIGEST_WEEKDAY（现在是“9”）：应为 1–7（1 为周一），例如 DIGEST_WEEKDAY=1.*REMIND_LEAD_DAYS|REMIND_LEAD_DAYS.*DIGEST_WEEKDAY/);
  });
});
