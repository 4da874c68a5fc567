// duban remind --dry-run: the interface automation relies on, on a fresh data directory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dataDir = join(mkdtempSync(join(tmpdir(), 'duban-remind-')), 'data');
const run = (args: string[]) =>
  execFileSync('npm', ['run', '--silent', 'duban', '--', 'remind', ...args], {
    encoding: 'utf8',
    stdio: 'pipe', // the refusals' Chinese messages on stderr are expected, not failures
    env: { ...process.env, DATA_DIR: dataDir, REMIND_DEFAULT_GROUP: 'feishu:oc_default' },
    timeout: 60_000,
  });

describe('duban remind --dry-run', () => {
  it('prints one JSON object per message with group, text, mentions and tasks', () => {
    const lines = run(['--dry-run', '--at', '2026-06-26', '--json']).trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const m = JSON.parse(l) as { group: string; text: string; mentions: unknown[]; tasks: string[] };
      expect(Object.keys(m)).toEqual(['group', 'text', 'mentions', 'tasks']);
      expect(m.group).toBe('feishu:oc_default');
      expect(m.text).toContain('6月26日');
      expect(m.tasks).toContain('票决第1项'); // 6月底前完成17座整治任务
    }
    expect(existsSync(dataDir)).toBe(false); // nothing recorded, not even a database file
  });

  it('previews the weekly digest with the same conventions (--digest)', () => {
    const lines = run(['--dry-run', '--digest', '--at', '2026-06-29', '--json']).trim().split('\n');
    expect(lines).toHaveLength(1);
    const d = JSON.parse(lines[0]!) as { group: string; text: string; mentions: unknown[]; tasks: string[] };
    expect(Object.keys(d)).toEqual(['group', 'text', 'mentions', 'tasks']);
    expect(d.group).toBe('feishu:oc_default');
    expect(d.mentions).toEqual([]);
    expect(d.text).toMatch(/^【每周汇总】截至6月29日，全部重点工作任务69项：/);
    expect(run(['--dry-run', '--digest', '--at', '2026-06-29'])).toMatch(/^— 发往 feishu:oc_default（\d+项）—\n【每周汇总】/);
    expect(run(['--dry-run', '--digest', '--at', '2026-06-30'])).toContain('不发每周汇总（每周一发送');
    expect(run(['--dry-run', '--digest', '--at', '2026-06-30', '--json']).trim()).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says so on a rest day and prints nothing in JSON', () => {
    expect(run(['--dry-run', '--at', '2026-10-03'])).toContain('不是工作日');
    expect(run(['--dry-run', '--at', '2026-10-03', '--json']).trim()).toBe('');
  });

  it('refuses a malformed date and a year before the calendar data', () => {
    expect(() => run(['--dry-run', '--at', '2026-13-01'])).toThrow();
    let err = '';
    try {
      execFileSync('npm', ['run', '--silent', 'duban', '--', 'remind', '--dry-run', '--at', '2003-03-03'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DATA_DIR: dataDir } });
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err).toContain('工作日历缺少2003年');
  });
});
