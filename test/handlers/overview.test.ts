// /我的任务, /滞后, /汇总: what a liaison and a leader see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'] });
  await bindVia(chat, '王主任', '张三', '住建局');
  await bindVia(chat, '王主任', '白镇长', '白水镇');
  await bindVia(chat, '王主任', '钱科长', '发改局');
  // 28: 正常推进; 27: 滞后 (missed milestone); 26: 已完成; 29: 滞后 (reported);
  // 54 and 19: 滞后 — their 票决 projects' 3月底 milestones (knowledge) passed unreported.
  await chat.say('张三', 'g', '/进展 28 已开工建设120套，完成率30%');
  await chat.say('张三', 'g', '/节点 27 3月底 完成摸底');
  await chat.say('张三', 'g', '/进展 26 全部完工，完成率100%');
  await chat.say('张三', 'g', '/进展 29 管网施工受阻，滞后');
  chat.at('2026-04-10T02:00:00Z');
});
afterEach(() => chat.close());

describe('/我的任务', () => {
  it("lists a liaison's lead and cooperating tasks with their state", async () => {
    const r = await chat.say('张三', 'g', '/我的任务');
    expect(r).toContain('住建局：牵头6项，配合0项。');
    expect(r).toContain('牵头 6项：已完成1项，正常推进1项，滞后3项，未开始1项');
    expect(r).toContain('· 第28项 建设保障性住房408套 — 正常推进');
    expect(r).toContain('· 第26项 新建、改扩建城区道路9条，完成跨线屈原桥修缮改造 — 已完成');
    // 27 misses its own 3月底 node and both 3月底 nodes of 票决第2项: the first is named.
    expect(r).toMatch(/第27项 改造城市危旧房132套，年内实现老旧小区基础类… — 滞后（节点3月31日“[^”]+”未达成等3个）/);
    expect(r).toContain('第29项 新建改造友谊河片区污水管网，系统整治城区内涝点… — 滞后（联络员报告滞后）');
    expect(r).toMatch(/另有\d+项的配合单位是“各镇政府、街道办”“市直各单位”等泛指/);
  });

  it('a town sees the tasks that name it and the 各镇 ones', async () => {
    const r = await chat.say('白镇长', 'g', '/wd');
    expect(r).toContain('白水镇：牵头0项，配合1项。');
    expect(r).toContain('第17项');
  });

  it('someone without a unit is told how to get one', async () => {
    expect(await chat.say('路人', 'g', '/我的任务')).toContain('/绑定 你的单位');
    expect(await chat.say('曹市长', 'g', '/我的任务')).toContain('你是领导，没有绑定单位');
  });
});

describe('/滞后', () => {
  it('a leader sees every lagging task with the reason', async () => {
    const r = await chat.say('曹市长', 'g', '/滞后');
    expect(r.split('\n')[0]).toBe('滞后任务4项（截至4月10日，共69项）：');
    expect(r).toContain('第19项');
    expect(r).toContain('第54项');
    expect(r).toContain('节点3月31日“完成4座整治任务（轻微缺损2座…”未达成');
    expect(r).toContain('第27项');
    expect(r).toMatch(/第27项[^\n]*节点3月31日“[^”]+”未达成等3个｜尚无进展/);
    expect(r).toContain('第29项');
    expect(r).toContain('联络员报告滞后｜最近进展3月5日');
  });

  it('a liaison sees its own units’ tasks only', async () => {
    // 发改局 is one of 54's lead units and, as a 市直 department, a cooperating unit of 19.
    expect(await chat.say('钱科长', 'g', '/滞后')).toContain('发改局相关滞后任务2项');
    // A liaison's own view also counts 19, where 住建局 cooperates as one of 市直相关单位.
    expect(await chat.say('张三', 'g', '/滞后')).toContain('住建局相关滞后任务4项');
  });

  it('can be narrowed to a unit, leader or town', async () => {
    expect(await chat.say('曹市长', 'g', '/滞后 住建局')).toContain('住建局相关滞后任务3项');
    expect(await chat.say('曹市长', 'g', '/滞后 杨盛')).toContain('杨盛相关滞后任务1项');
    expect(await chat.say('曹市长', 'g', '/滞后 付文勇')).toContain('付文勇相关没有滞后任务');
    expect(await chat.say('钱科长', 'g', '/滞后 住建局')).toContain('只有领导、督查室和相关单位的联络员可以查看');
    expect(await chat.say('曹市长', 'g', '/滞后 不存在局')).toContain('不认识“不存在局”');
  });

  it('someone without a role is refused', async () => {
    expect(await chat.say('路人', 'g', '/滞后')).toBe('滞后任务只有领导、督查室和相关单位的联络员可以查看。发送 /绑定 你的单位 申请成为联络员。');
  });
});

describe('/汇总', () => {
  it('counts by state in the bulletin’s words', async () => {
    expect(await chat.say('曹市长', 'g', '/汇总')).toContain(
      '截至4月10日，重点工作任务69项：2项达到时序进度（已完成1项、正常推进1项），4项滞后，63项未开始。',
    );
  });

  it('by unit, leader and town', async () => {
    const byUnit = await chat.say('王主任', 'g', '/汇总 单位');
    expect(byUnit.split('\n')[2]).toBe('· 住建局 6项：已完成1项，正常推进1项，滞后3项，未开始1项');
    const byLeader = await chat.say('曹市长', 'g', '/hz 领导');
    expect(byLeader).toMatch(/· 曹陶 \d+项：已完成1项，正常推进1项，滞后3项，未开始\d+项/);
    const byTown = await chat.say('曹市长', 'g', '/汇总 镇');
    expect(byTown).toContain('· 白水镇 ');
    expect(byTown.split('\n')).toHaveLength(2 + 15);
  });

  it('one unit, leader or town', async () => {
    const r = await chat.say('曹市长', 'g', '/汇总 住建局');
    expect(r).toContain('住建局：牵头6项：已完成1项，正常推进1项，滞后3项，未开始1项');
    expect(r).toContain('滞后：第27项、第29项、第54项（/滞后 住建局 查看原因）');
    expect(await chat.say('曹市长', 'g', '/汇总 曹陶')).toMatch(/曹陶：牵头\d+项/);
    expect(await chat.say('曹市长', 'g', '/汇总 白水镇')).toMatch(/白水镇：承担\d+项/);
  });

  it('a liaison gets its own units; breakdowns are for leaders', async () => {
    expect(await chat.say('张三', 'g', '/汇总')).toContain('住建局：牵头6项');
    expect(await chat.say('张三', 'g', '/汇总 住建局')).toContain('住建局：牵头6项');
    expect(await chat.say('张三', 'g', '/汇总 单位')).toContain('只有领导、督查室和相关单位的联络员可以查看');
    expect(await chat.say('张三', 'g', '/汇总 发改局')).toContain('只有领导、督查室');
    expect(await chat.say('路人', 'g', '/汇总')).toContain('只有领导、督查室');
  });
});
