// Questions about an archived year (issue 14): a 2026 store with reports recorded through the
// real commands, the real `duban year 2027 --import …` to a made-up 2027 list, then questions.
// "2026年…" is answered from the 2026 archive (its list, its reports); no year is 2027's list.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.ts';
import { defaultRegistry } from '../../src/commands/all.ts';
import { closeArchives } from '../../src/ledger/archiveView.ts';
import { cliYear, type CliIo } from '../../src/ledger/cli.ts';
import { archivedYears } from '../../src/ledger/year.ts';
import { route, type RouterDeps } from '../../src/router.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { taskListService } from '../../src/taskList.ts';
import { bindVia, idOf, makeChat } from '../helpers/chat.ts';

let dir: string;
let db: Db;
let deps: RouterDeps;
let seq = 0;

const ask = async (text: string, user = '曹市长') =>
  (await route({ platform: 'feishu', messageId: `q${++seq}`, chatId: '领导群', isDirect: false, userId: idOf(user), userName: user, text, receivedAt: new Date() }, deps)).text;

beforeAll(async () => {
  const chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'], start: '2026-06-20T02:00:00Z' });
  dir = chat.dir;
  await bindVia(chat, '王主任', '张三', '住建局');
  expect(await chat.say('张三', '住建群', '/进展 28 已开工建设120套，完成率30%')).toContain('已记录');
  chat.at('2026-11-20T02:00:00Z');
  expect(await chat.say('张三', '住建群', '/进展 28 主体完工300套，完成率75%')).toContain('已记录');
  chat.db.close();

  // a made-up 2027 list: the same numbers, other targets and leaders
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('重点工作任务');
  ws.addRow(['2027年重点工作任务分解表']);
  ws.addRow(['序号', '目标任务', '牵头单位', '牵头领导']);
  ws.addRow([1, '地区生产总值增长6%左右。', '发改局', '杨盛']);
  ws.addRow([28, '建设保障性住房600套。', '住建局', '欧阳明']);
  const file = join(dir, '2027年清单.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  const out: string[] = [];
  const io: CliIo = { out: (x) => out.push(x), err: (x) => out.push(x), now: () => new Date('2027-01-05T02:00:00Z'), kb: () => loadKnowledge() };
  expect(await cliYear(['2027', '--import', file], { DATA_DIR: dir }, io), out.join('')).toBe(0);
  expect(archivedYears(dir)).toEqual([2026]);

  db = openDb(dir);
  const list = taskListService(db);
  deps = {
    knowledge: () => list.knowledge(), db, dataDir: dir, commands: defaultRegistry(),
    roles: { admins: new Set([`feishu:${idOf('王主任')}`]), leaders: new Set([`feishu:${idOf('曹市长')}`]) },
    now: () => new Date('2027-01-06T02:00:00Z'),
  };
});

afterAll(() => {
  closeArchives();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('after the switch to 2027', () => {
  it('"2026年第28项谁牵头" answers from the 2026 list, "第28项谁牵头" from 2027\'s', async () => {
    const old = await ask('2026年第28项谁牵头');
    expect(old).toContain('2026年（已归档');
    expect(old).toContain('曹陶');
    expect(old).toContain('408套');
    expect(old).not.toContain('欧阳明');
    const now = await ask('第28项谁牵头');
    expect(now).toContain('欧阳明');
    expect(now).toContain('600套');
    expect(now).not.toContain('408套');
  });

  it('"2026年28项进展" answers from the 2026 reports; "28项进展" from 2027\'s (none yet)', async () => {
    const old = await ask('2026年28项进展');
    expect(old).toContain('408套');
    expect(old).toContain('最近进展：11月20日 住建局 张三：主体完工300套，完成率75%（共2条）');
    // judged on the archived year's last day at most, by the same rule
    expect(old).toContain('截至12月31日');
    const now = await ask('28项进展咋样了');
    expect(now).toContain('600套');
    expect(now).toContain('最近进展：暂无');
    expect(now).not.toContain('张三');
    // 26年 and 去年 name the archived year too
    expect(await ask('26年第28项谁牵头')).toContain('408套');
    expect(await ask('去年第28项是什么任务')).toContain('408套');
  });

  it('the archive applies the asker\'s rights: someone unbound sees the 2026 facts, not the reports', async () => {
    const a = await ask('2026年28项进展', '路人');
    expect(a).toContain('408套');
    expect(a).not.toContain('张三');
  });

  it('the CLI `ask` reads the archive too (the data directory read-only)', () => {
    const run = (q: string) => JSON.parse(execFileSync('npm', ['run', '--silent', 'duban', '--', 'ask', '--json', '--at', '2027-01-06', q], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATA_DIR: dir } })) as { found: boolean; text: string };
    expect(run('2026年28项进展').text).toContain('主体完工300套');
    expect(run('第28项谁牵头').text).toContain('欧阳明');
  });
});
