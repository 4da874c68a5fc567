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
