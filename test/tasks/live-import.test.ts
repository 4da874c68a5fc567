// Issue 12 item 2: one owner of the active task list. A list imported (duban import, here on its
// own connection as the CLI does) while the bot runs is what its chat, its reminder planning and
// `duban ask` use next, without a restart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.ts';
import { startBot, type Bot } from '../../src/app.ts';
import { applyImport, type LedgerTask } from '../../src/ledger/store.ts';
import { setLogLevel } from '../../src/log.ts';
import { milestonesFor } from '../../src/remind/runner.ts';
import { route } from '../../src/router.ts';
import { openDb } from '../../src/store/db.ts';
import type { IncomingMessage } from '../../src/types.ts';

const NOW = new Date('2026-03-05T02:00:00Z');
let dir: string;
let bot: Bot;

beforeAll(async () => {
  setLogLevel('error');
  dir = mkdtempSync(join(tmpdir(), 'duban-live-import-'));
  bot = await startBot({ DATA_DIR: dir, PORT: '0', ADMINS: 'console:admin' }, { jobs: false, now: () => NOW });
});
afterAll(async () => {
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
});

const say = async (text: string, id: string) => {
  const msg: IncomingMessage = { platform: 'console', messageId: id, chatId: 'console', isDirect: true, userId: 'admin', userName: '管理员', text, receivedAt: NOW };
  return (await route(msg, bot.router)).text;
};

const NEW_TASK: LedgerTask = {
  no: 901, category: '测试', subCategory: '', target: '试点片区改造，7月底前完成主体工程', leaders: ['曹陶'],
  leadUnits: ['住建局'], coUnits: [], source: { ...loadKnowledge().keyTasks[0]!.source, locator: '导入测试' },
};

function importList(): void {
  const db = openDb(dir);
  try {
    applyImport(db, [...loadKnowledge().keyTasks, NEW_TASK], { fileName: '新清单.xlsx', sha256: 'a'.repeat(64), importedAt: NOW.toISOString() });
  } finally {
    db.close();
  }
}

describe('an import while the bot runs', () => {
  it('is seen by chat, reminder planning and the CLI without a restart', async () => {
    expect(await say('/进展 901', 'a1')).toContain('没有第901项');
    expect(milestonesFor(bot.remind, '2026-07-31').some((m) => m.taskNo === 901)).toBe(false);

    importList();

    expect(await say('/进展 901', 'a2')).toContain('第901项');
    expect(await say('/进展 901', 'a3')).not.toContain('没有第901项');
    expect(await say('第901项谁牵头', 'a4')).toContain('试点片区改造');
    expect(milestonesFor(bot.remind, '2026-07-31').some((m) => m.taskNo === 901)).toBe(true);

    const out = execFileSync('npm', ['run', '--silent', 'duban', '--', 'ask', '--json', '第901项'], {
      encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATA_DIR: dir },
    });
    const reply = JSON.parse(out.trim()) as { found: boolean; text: string };
    expect(reply.found).toBe(true);
    expect(reply.text).toContain('试点片区改造');
  }, 90_000);
});
