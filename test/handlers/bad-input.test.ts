// Bad input from the issue — unknown task number, missing text, a 100 KB message, control
// characters, SQL fragments, a percentage of 150 — and its relatives: each gets a Chinese
// reply that says what to type instead, and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

let chat: Chat;
let baseline: Record<string, number>;
const TABLES = ['reports', 'milestones', 'bindings', 'audit', 'processed_messages', 'roles'] as const;
const snapshot = () => Object.fromEntries(TABLES.map((t) => [t, chat.count(t)]));

beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'] });
  await bindVia(chat, '王主任', '张三', '住建局');
  baseline = snapshot();
});
afterEach(() => {
  try {
    expect(snapshot()).toEqual(baseline); // nothing stored half-way, for every case below
  } finally {
    chat.close();
  }
});

const cases: [string, string, RegExp[]][] = [
  ['unknown task number', '/进展 99 已开工', [/没有第99项/, /共69项（第1–69项）/, /例如：\/进展 28/]],
  ['task number 0', '/进展 0 已开工', [/没有第0项/]],
  ['missing task number', '/进展 已开工建设120套', [/没看到任务编号/, /\/进展 28 已开工建设120套，完成率30%/]],
  ['missing everything', '/进展', [/请写任务编号/, /\/进展 28/]],
  ['missing milestone text', '/节点 28 6月底', [/节点内容是空的/, /\/节点 28 6月底 完成主体结构/]],
  ['missing milestone date', '/节点 28 完成主体结构', [/没看懂节点日期/, /6月底、6月15日/]],
  ['impossible date', '/节点 28 2月30日 完成主体结构', [/2月没有30日/]],
  ['impossible month', '/节点 28 13月底 完成主体结构', [/没有13月/]],
  ['missing correction text', '/更正', [/请写更正后的内容/]],
  ['missing unit', '/绑定', [/请写单位名，例如：\/绑定 住建局/]],
  ['two units at once', '/绑定 住建局 城管局', [/一次只能写一个单位，例如：\/绑定 住建局/]],
  // issue 15: 0–200 % accepted (超额完成); a lone percentage is no 完成率, so not refused either
  ['percent 250', '/进展 28 完成率250%', [/0%到200%之间/, /250%/, /没有记录/, /完成率30%/]],
  ['negative percent', '/进展 28 完成率-5%', [/0%到200%之间/, /-5%/]],
  ['two completion rates', '/进展 28 完成率30%，完成率40%', [/完成率写了2个/]],
  ['two statuses', '/进展 28 主体施工，滞后；已完成', [/状态写了2个（滞后、已完成）/, /只写一个/]],
  ['milestone target 150%', '/节点 28 6月底 完成主体结构，完成率150%', [/0%到100%之间/]],
  ['control characters', '/进展 28 已开工\u0000\u0007建设', [/控制字符/, /\/进展 28/]],
  ['bidi override', '/进展 28 已开工\u202e建设', [/控制字符/]],
  ['report over 500 characters', `/进展 28 ${'很长的进展'.repeat(101)}`, [/505字，超过500字上限/, /没有记录/]],
  ['milestone over 200 characters', `/节点 28 6月底 ${'很长'.repeat(101)}`, [/超过200字上限/]],
  ['undo with text', '/撤回 DELETE FROM reports', [/撤回不需要写内容/]],
  ['approve without id', '/批准 张三', [/请写申请编号/]],
  ['SQL in place of the task number', "/进展 ' OR 1=1; DROP TABLE reports; --", [/没看到任务编号/, /\/进展 28/]],
  ['SQL as unit', "/绑定 住建局';DROP TABLE bindings;--", [/不认识单位/]],
  ['SQL as milestone id', '/节点 删 1;DELETE FROM milestones', [/删除节点只需写编号/]],
  ['unknown command', '/不存在 28', [/不认识的命令“\/不存在”/, /\/帮助/]],
];

describe('bad input', () => {
  it.each(cases)('%s', async (_name, text, expected) => {
    const r = await chat.say('张三', 'g', text);
    for (const re of expected) expect(r).toMatch(re);
    expect(r).not.toContain('已记录');
  });

  it('a 100 KB message', async () => {
    const r = await chat.say('张三', 'g', `/进展 28 ${'字'.repeat(100 * 1024)}`);
    expect(r).toMatch(/^消息太长（102407字），请精简到2000字以内再发。没有记录。进展每条限500字，例如：\/进展 28/);
  });

  it('a 100 KB question', async () => {
    expect(await chat.say('张三', 'g', '问'.repeat(100 * 1024))).toMatch(/^消息太长（102400字）/);
  });

  it('zero-width characters from copy-paste are dropped, not refused', async () => {
    const r = await chat.say('张三', 'g', '/进展 28\u200b 已开工\ufeff');
    expect(r).toContain('已记录');
    expect(chat.reports()[0]!.text).toBe('已开工');
    // restore the baseline for the afterEach check: this case writes on purpose
    baseline = snapshot();
  });

  it('the store itself refuses out-of-range data, whatever the caller', () => {
    const insert = (percent: number, text: string) =>
      chat.db
        .prepare(
          `INSERT INTO reports (task_no, platform, user_id, user_name, unit, text, percent, chat_id, message_id, created_at)
           VALUES (28, 'feishu', 'u', 'u', '住建局', ?, ?, 'g', 'm', '2026-03-05T00:00:00Z')`,
        )
        .run(text, percent);
    expect(() => insert(250, 'x')).toThrow(/CHECK constraint failed/); // issue 15: up to 200 accepted
    expect(() => insert(30, 'x'.repeat(501))).toThrow(/CHECK constraint failed/);
    expect(() => insert(30, '')).toThrow(/CHECK constraint failed/);
  });
});
