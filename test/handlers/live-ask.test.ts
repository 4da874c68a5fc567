// Live questions in chat (issue 13, class 11): reports recorded through the real commands, then
// asked in plain words through the router (and the console), with the sender's rights and the
// injected clock. The state a reply states is the one /进展 and /滞后 state.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/commands/all.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { runConsole } from '../../src/platforms/console/console.ts';
import { parseUserList } from '../../src/progress/access.ts';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';
import { routerDeps } from '../helpers/router.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'], start: '2026-06-20T02:00:00Z' });
  await bindVia(chat, '王主任', '张三', '住建局');
  await bindVia(chat, '王主任', '李四', '白塘镇');
  await chat.say('张三', '住建群', '/进展 28 已开工建设120套，完成率30%');
  await chat.say('张三', '住建群', '/进展 27 主体施工，滞后');
  await chat.say('李四', '白塘群', '/进展 指标43 白塘镇 完成2座');
  chat.at('2026-06-26T02:00:00Z');
});
afterEach(() => chat.close());

/** The state phrase of /进展 N: "状态：滞后（…）". */
const stateOf = (reply: string) => reply.match(/状态：(\S+?)（/)?.[1];

describe('live questions through the router', () => {
  it('"28项进展咋样了" gives the state /进展 gives, the latest report and its reporter', async () => {
    const a = await chat.say('曹市长', '领导群', '28项进展咋样了');
    const view = await chat.say('曹市长', '领导群', '/进展 28');
    expect(stateOf(a)).toBe(stateOf(view));
    expect(a).toContain('6月20日 住建局 张三：已开工建设120套，完成率30%');
    expect(a).toContain('保障性住房408套');
  });

  it('"哪些任务滞后了" names every task /滞后 names', async () => {
    const a = await chat.say('曹市长', '领导群', '哪些任务滞后了');
    const cmd = await chat.say('曹市长', '领导群', '/滞后');
    const nos = (s: string) => [...s.matchAll(/第(\d+)项/g)].map((m) => Number(m[1]));
    expect(new Set(nos(a))).toEqual(new Set(nos(cmd)));
    expect(a).toContain('联络员报告滞后');
    expect(a).toContain('指标43（白塘镇）');
  });

  it('"住建局有哪些任务滞后" and "白塘镇哪些滞后了" name the key tasks /滞后 住建局 and /滞后 白塘镇 name', async () => {
    const nos = (s: string) => new Set([...s.matchAll(/第(\d+)项/g)].map((m) => Number(m[1])));
    for (const scope of ['住建局', '白塘镇']) {
      const a = await chat.say('曹市长', '领导群', `${scope}有哪些任务滞后`);
      const cmd = await chat.say('曹市长', '领导群', `/滞后 ${scope}`);
      expect(nos(a)).toEqual(nos(cmd));
    }
  });

  it('a unit, a town and a period, in the words leaders use', async () => {
    const unit = await chat.say('曹市长', '领导群', '住建那几项现在咋样');
    expect(unit).toMatch(/第27项[^\n]*滞后[^\n]*张三/);
    const town = await chat.say('曹市长', '领导群', '白塘镇的任务报了没');
    expect(town).toMatch(/已报1项，未报\d+项/);
    expect(town).toContain('李四');
    const due = await chat.say('曹市长', '领导群', '本月到期的节点');
    expect(due).toContain('6月（6月1日–6月30日）');
    expect(due).toContain('第27项');
  });

  it('a report filed after the question changes the next reply (the store, not a cache)', async () => {
    const before = await chat.say('曹市长', '领导群', '29项进展怎么样');
    expect(before).toContain('最近进展：暂无');
    await chat.say('张三', '住建群', '/进展 29 管网开挖完成，完成率40%');
    const after = await chat.say('曹市长', '领导群', '29项进展怎么样');
    expect(after).toContain('管网开挖完成');
    expect(after).toContain('张三');
  });

  it("a liaison sees its own units' progress, an unbound sender only the facts", async () => {
    const own = await chat.say('李四', '白塘群', '指标43白塘镇进度');
    expect(own).toContain('已报2座');
    // the rights of /进展: a town liaison reads 第28项 (相关镇政府 co-operate) but not 第2项 (财政局, 税务局)
    for (const no of [28, 2]) {
      const cmd = await chat.say('李四', '白塘群', `/进展 ${no}`);
      const asked = await chat.say('李四', '白塘群', `${no}项进展咋样了`);
      expect(asked.includes('状态：')).toBe(cmd.includes('状态：'));
    }
    expect(await chat.say('王主任', '督查群', '/进展 2 收入进度过半')).toContain('已记录');
    const other = await chat.say('李四', '白塘群', '2项进展咋样了');
    expect(other).not.toContain('收入进度过半');
    expect(other).toContain('/绑定');
    expect(await chat.say('曹市长', '领导群', '2项进展咋样了')).toContain('收入进度过半');
    const stranger = await chat.say('路人', 'g', '28项进展咋样了');
    expect(stranger).not.toContain('120套');
  });
});

describe('live questions in the console', () => {
  it('answers from the same store the commands wrote to', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const deps = routerDeps({ knowledge: knowledgeContext(), db: chat.db, now: () => new Date('2026-06-26T02:00:00Z'), roles: { admins: parseUserList('console:alice', 'ADMINS'), leaders: new Set<string>() }, commands: defaultRegistry() });
    const done = runConsole(deps, input, output, { user: 'alice', interactive: false, logTo: new PassThrough() });
    input.end('/进展 26 道路开工3条，完成率35%\n26项进展咋样了\n');
    await done;
    expect(text).toContain('已记录第26项进展');
    expect(text).toMatch(/状态：正常推进[^\n]*\n最近进展：6月26日 督查室 alice：道路开工3条/);
  });
});
