// duban audit: the append-only log printed for people (one line per row) and for scripts (--json).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindVia, makeChat, tempDataDir } from '../helpers/chat.ts';

let dir: string;
beforeAll(async () => {
  const chat = makeChat({ admins: ['王主任'] });
  dir = chat.dir;
  await bindVia(chat, '王主任', '张三', '住建局');
  await chat.say('张三', '住建群', '/进展 28 已开工建设120套，完成率30%', { messageId: 'om_report' });
  await chat.say('张三', '住建群', '/撤回', { messageId: 'om_undo' });
  chat.db.close(); // the file stays; the CLI opens it read-only
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], dataDir = dir) =>
  execFileSync('npm', ['run', '--silent', 'duban', '--', 'audit', ...args], {
    encoding: 'utf8',
    stdio: 'pipe', // "还没有数据库" on stderr is expected
    env: { ...process.env, DATA_DIR: dataDir },
    timeout: 60_000,
  });

describe('duban audit', () => {
  it('--json: one object per row with who, when, where, what, before and after', () => {
    const rows = cli(['--json']).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.action)).toEqual(['binding.request', 'binding.approve', 'report.create', 'report.revoke']);
    const undo = rows[3]!;
    expect(undo).toMatchObject({ platform: 'feishu', userId: 'id-张三', userName: '张三', chatId: '住建群', messageId: 'om_undo', entity: 'report', entityId: '1' });
    expect((undo.before as { revokedAt: unknown }).revokedAt).toBeNull();
    expect((undo.after as { revokedAt: unknown }).revokedAt).toBe('2026-03-05T02:00:00.000Z');
    expect(typeof undo.at).toBe('string');
  });

  it('--limit N keeps the newest N; plain lines for people', () => {
    const out = cli(['--limit', '2']).trim().split('\n');
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^#3 2026-03-05T02:00:00.000Z feishu:id-张三（张三） chat=住建群 msg=om_report report.create report#1 after=\{/);
    expect(cli(['--limit=1', '--json']).trim().split('\n')).toHaveLength(1);
  });

  it('rejects a bad --limit, and says so when there is no database yet', () => {
    expect(() => execFileSync('npm', ['run', '--silent', 'duban', '--', 'audit', '--limit', 'x'], { stdio: 'pipe', env: { ...process.env, DATA_DIR: dir } })).toThrow();
    const empty = tempDataDir();
    try {
      expect(cli([], empty)).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
