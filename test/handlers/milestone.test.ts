// Lead units set the milestones they owe; a missed milestone makes the task lag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'] });
  await bindVia(chat, '王主任', '张三', '住建局'); // lead unit of 28
  await bindVia(chat, '王主任', '白镇长', '白水镇'); // co unit of 28 (相关镇政府、街道办)
});
afterEach(() => chat.close());

describe('/节点', () => {
  it('sets a milestone with the year from the clock', async () => {
    const r = await chat.say('张三', 'g', '/节点 28 6月底 完成主体结构');
    expect(r).toBe('已设第28项节点 #1：6月30日（6月底） 完成主体结构（住建局）。发送 /节点 28 查看全部节点。');
    expect(chat.milestones()).toEqual([
      { id: 1, taskNo: 28, dueDate: '2026-06-30', dueLabel: '6月底', text: '完成主体结构', targetPercent: null, unit: '住建局', deletedAt: null },
    ]);
    expect(chat.audit().at(-1)).toMatchObject({ action: 'milestone.create', entityId: '1' });
  });

  it('understands the usual ways of writing a date', async () => {
    const cases: [string, string][] = [
      ['6月15日', '2026-06-15'],
      ['2026-06-30', '2026-06-30'],
      ['2026年9月30日', '2026-09-30'],
      ['三季度末', '2026-09-30'],
      ['第一季度', '2026-03-31'],
      ['年底', '2026-12-31'],
      ['上半年', '2026-06-30'],
      ['六月底前', '2026-06-30'],
      ['9月中旬', '2026-09-20'],
      ['2月底', '2026-02-28'],
      ['Q4', '2026-12-31'],
    ];
    for (const [label, date] of cases) {
      expect(await chat.say('张三', 'g', `/节点 28 ${label} 完成${label}节点`), label).toContain('已设第28项节点');
      expect(chat.milestones().at(-1)!.dueDate, label).toBe(date);
    }
    chat.at('2027-01-10T02:00:00Z');
    await chat.say('张三', 'g', '/jd 28 6月底 下一年的节点');
    expect(chat.milestones().at(-1)!.dueDate).toBe('2027-06-30');
  });

  it('reads a target percent from 完成率N%', async () => {
    await chat.say('张三', 'g', '/节点 28 6月底 完成主体结构，完成率50%');
    expect(chat.milestones()[0]!.targetPercent).toBe(50);
  });

  it('lists, edits and deletes; deleted milestones are kept', async () => {
    await chat.say('张三', 'g', '/节点 28 3月底 完成招标');
    await chat.say('张三', 'g', '/节点 28 6月底 完成主体结构');
    const list = await chat.say('白镇长', 'g', '/节点 28');
    expect(list).toContain('第28项节点（2个，状态：未开始）');
    expect(list).toContain('#1 3月31日（3月底） 完成招标 — 未到期');
    expect(await chat.say('张三', 'g', '/节点 改 2 9月底')).toContain('已修改第28项节点 #2：9月30日（9月底） 完成主体结构（原为：6月30日（6月底） 完成主体结构）');
    expect(await chat.say('张三', 'g', '/节点 改 #2 主体封顶')).toContain('9月30日（9月底） 主体封顶');
    expect(await chat.say('张三', 'g', '/节点 删 1')).toContain('已删除第28项节点 #1');
    expect(chat.milestones().map((m) => [m.id, m.dueDate, m.text, m.deletedAt !== null])).toEqual([
      [1, '2026-03-31', '完成招标', true],
      [2, '2026-09-30', '主体封顶', false],
    ]);
    expect(await chat.say('张三', 'g', '/节点 删 1')).toContain('没有编号为#1的节点');
    expect(chat.audit().slice(-3).map((a) => a.action)).toEqual(['milestone.edit', 'milestone.edit', 'milestone.delete']);
    expect(JSON.parse(chat.audit().at(-1)!.before!).deletedAt).toBeNull();
  });

  it('only lead-unit liaisons and admins set milestones', async () => {
    const r = await chat.say('白镇长', 'g', '/节点 28 6月底 完成主体结构');
    expect(r).toBe(
      '你是白水镇的联络员，不能设置第28项的节点。第28项的节点由牵头单位（住建局）的联络员或督查室设置；现有联络员：住建局 张三。',
    );
    expect(await chat.say('曹市长', 'g', '/节点 28 6月底 完成主体结构')).toContain('领导账号只能查看，不能设置节点');
    expect(await chat.say('路人', 'g', '/节点 28 6月底 完成主体结构')).toContain('你还没有绑定单位，不能设置节点');
    expect(chat.milestones()).toHaveLength(0);
    expect(await chat.say('王主任', 'g', '/节点 28 6月底 完成主体结构')).toContain('（督查室）');
    expect(await chat.say('白镇长', 'g', '/节点 改 1 9月底')).toContain('不能设置第28项的节点');
    expect(await chat.say('白镇长', 'g', '/节点 删 1')).toContain('不能设置第28项的节点');
    expect(chat.milestones()[0]).toMatchObject({ dueDate: '2026-06-30', deletedAt: null });
  });

  it('warns when the date has already passed', async () => {
    expect(await chat.say('张三', 'g', '/节点 28 2月底 完成前期')).toContain('2月28日已过');
  });
});

describe('milestones drive the state', () => {
  it('past due without a meeting report → 滞后; a report that meets it clears it', async () => {
    await chat.say('张三', 'g', '/节点 28 3月底 完成招标');
    expect(await chat.say('曹市长', 'g', '/滞后')).toContain('没有滞后任务');
    chat.at('2026-04-02T02:00:00Z');
    const lag = await chat.say('曹市长', 'g', '/滞后');
    expect(lag).toContain('第28项 建设保障性住房408套｜住建局｜曹陶｜节点3月31日“完成招标”未达成｜尚无进展');
    expect(await chat.say('张三', 'g', '/进展 28')).toContain('状态：滞后（节点3月31日“完成招标”未达成）');
    await chat.say('张三', 'g', '/进展 28 招标已完成，进场施工');
    expect(await chat.say('曹市长', 'g', '/滞后')).not.toContain('第28项');
    expect(await chat.say('张三', 'g', '/进展 28')).toContain('状态：正常推进');
  });

  it('a target percent must be reached', async () => {
    await chat.say('张三', 'g', '/节点 28 3月底 开工，完成率20%');
    await chat.say('张三', 'g', '/进展 28 已开工，完成率10%');
    chat.at('2026-04-02T02:00:00Z');
    expect(await chat.say('曹市长', 'g', '/滞后')).toContain('第28项');
    await chat.say('张三', 'g', '/进展 28 完成率25%');
    expect(await chat.say('曹市长', 'g', '/滞后')).not.toContain('第28项');
  });

  it('a liaison saying 滞后 makes the task lag', async () => {
    await chat.say('张三', 'g', '/进展 28 征地受阻，滞后');
    expect(await chat.say('曹市长', 'g', '/滞后')).toContain('联络员报告滞后');
  });
});
