// The CLI forms automation relies on: ask, ask --json, and stdin mode with the index built once.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string) =>
  execFileSync('npm', ['run', '--silent', 'duban', '--', ...args], { encoding: 'utf8', input, timeout: 60_000 });

describe('duban CLI', () => {
  it('prints the reply as it would appear in chat', () => {
    const out = run(['ask', '谁牵头第28项']);
    expect(out).toContain('曹陶');
    expect(out).toContain('住建局');
  });

  it('prints one JSON line with --json', () => {
    const out = run(['ask', '--json', '谁牵头第28项']).trim();
    expect(out.split('\n')).toHaveLength(1);
    const obj = JSON.parse(out) as { found: boolean; text: string };
    expect(obj.found).toBe(true);
    expect(obj.text).toContain('保障性住房408套');
  });

  it('answers stdin one JSON line per input line, blank lines included (automation pairs them by position)', () => {
    const out = run(['ask', '--json'], '第28项\n\n第99项\n   \n什么是三高四新\n').replace(/\n$/, '').split('\n');
    expect(out).toHaveLength(5);
    const objs = out.map((l) => JSON.parse(l) as { found: boolean; text: string });
    expect(objs.map((o) => o.found)).toEqual([true, false, false, false, true]);
    for (const blank of [objs[1]!, objs[3]!]) expect(blank.text).toMatch(/^[^\n]{1,20}$/);
    expect(objs[1]!.text).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('keeps a blank line as a line in plain stdin mode too', () => {
    const out = run(['ask'], '第28项\n\n第1项\n').replace(/\n$/, '').split('\n');
    expect(out).toHaveLength(3);
    expect(out[2]).toContain('地区生产总值');
  });

  it('prints one plain reply per line from stdin', () => {
    const out = run(['ask'], '第28项\n第1项\n').trim().split('\n');
    expect(out).toHaveLength(2);
    expect(out[1]).toContain('地区生产总值');
  });

  it('answers a live question without a database honestly, as of --at, and --explain shows the live reading', () => {
    const env = { ...process.env, DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}/duban-ask-none-${process.pid}` };
    const out = execFileSync('npm', ['run', '--silent', 'duban', '--', 'ask', '--explain', '--at', '2026-06-26', '本月到期的节点'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(out).toContain('进展问题（period）');
    expect(out).toContain('6月（6月1日–6月30日）');
    expect(out).toContain('暂无进展');
    expect(() => execFileSync('npm', ['run', '--silent', 'duban', '--', 'ask', '--at', '6月26日', '第28项'], { stdio: 'pipe', env })).toThrow();
  });

  it('exits non-zero with usage on an unknown command', () => {
    expect(() => execFileSync('npm', ['run', '--silent', 'duban', '--', 'nonsense'], { stdio: 'pipe' })).toThrow();
  });
});

describe('duban doctor', () => {
  it('checks config, data directory, calendar and knowledge, and exits 0 when all is well', () => {
    const out = execFileSync('npm', ['run', '--silent', 'duban', '--', 'doctor'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: `${process.env.TMPDIR ?? '/tmp'}/duban-doctor-${process.pid}` },
    });
    // ⚠ from December while next year's schedule is not in the data (docs/calendar.md).
    expect(out).toMatch(/[✓⚠] 工作日历/);
    expect(out).toContain('✓ 知识库');
    expect(out).toMatch(/全部正常|可以运行，但有\d+项需要尽快处理/);
  });

  it('says what to fix and exits non-zero when a setting is wrong', () => {
    let out = '';
    try {
      execFileSync('npm', ['run', '--silent', 'duban', '--', 'doctor'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, REMIND_LEAD_DAYS: 'seven' } });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout);
    }
    expect(out).toContain('✗ 基本配置');
    expect(out).toContain('REMIND_LEAD_DAYS');
  });
});
