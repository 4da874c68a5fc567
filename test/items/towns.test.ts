// Towns as reporters: a liaison bound to a town reports its indicator cells and sees its own list;
// /汇总 镇 and /汇总 白塘镇 show target against reported; /汇总 and /滞后 cover every list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'] });
  await bindVia(chat, '王主任', '李四', '白塘镇');
  await bindVia(chat, '王主任', '赵六', '发改局');
});
afterEach(() => chat.close());

describe('towns as reporters', () => {
  it('/绑定 白塘 binds the town; /我的任务 lists its cells in its own numbers first', async () => {
    expect(chat.bindings().filter((b) => b.status === 'active').map((b) => b.unit)).toContain('白塘镇');
    await chat.say('李四', 'g', '/进展 指标43 完成2座');
    const mine = await chat.say('李四', 'g', '/我的任务');
    const lines = mine.split('\n');
    expect(lines[0]).toMatch(/^白塘镇：民生实事指标\d+项（已报1项）$/);
    expect(mine).toMatch(/· 指标43 农村村民自建桥梁.* 8座（已报2座）— 正常推进/);
    expect(mine).toMatch(/· 指标17 .*1个（未报）— 未开始|· 指标14 .*2人（未报）— 未开始/);
    expect(mine).toContain('如 /进展 指标1 白塘镇');
    // a non-town unit sees the other lists it leads, counted, the lagging first
    const fgj = await chat.say('赵六', 'g', '/我的任务');
    expect(fgj).toMatch(/开局八好牵头 \d+项：未开始\d+项/);
    expect(fgj).toContain('八好1.4 强化产业支撑');
  });

  it('/汇总 镇 shows each town’s cells reported and each indicator’s target against the towns’ sum', async () => {
    await chat.say('李四', 'g', '/进展 指标43 完成2座');
    await chat.say('王主任', 'g', '/进展 指标43 白水镇 完成5座');
    const r = await chat.say('曹市长', 'g', '/汇总 镇');
    expect(r).toMatch(/· 白塘镇 \d+项：未开始\d+项｜镇街指标7项，已报1项\n/);
    expect(r).toMatch(/· 白水镇 \d+项：未开始\d+项｜镇街指标9项，已报1项（1项达目标数）/);
    expect(r).toMatch(/· 神鼎山镇 .*｜镇街指标6项，已报0项/);
    const byInd = await chat.say('曹市长', 'g', '/汇总 指标');
    expect(byInd).toContain('· 指标43 开展农村村民自建桥梁安… 目标80座，已报7座，2/14个镇街已报');
    expect(byInd).toContain('· 指标13 提升城乡居民基本医疗服… 目标17.14万人，已报0万人，0/15个镇街已报');
    expect(byInd).toMatch(/· 指标1 产前筛查率.*0\/14个镇街已报/); // a rate is not summed
    expect(await chat.say('李四', 'g', '/汇总 指标')).toContain('只有领导、督查室');
    const one = await chat.say('曹市长', 'g', '/汇总 白塘镇');
    expect(one).toContain('指标43 开展农村村民自建桥梁安… 目标8座，已报2座');
    expect(one).toContain('指标14 提升基层医疗卫生服务能… 目标2人，未报');
    // the town's liaison may see its own; not another town's
    expect(await chat.say('李四', 'g', '/汇总 白塘镇')).toContain('目标8座，已报2座');
    expect(await chat.say('李四', 'g', '/汇总 白水镇')).toContain('只有领导、督查室和相关单位的联络员可以查看');
  });

  it('a leader’s /我的任务 counts the other lists they lead', async () => {
    await chat.say('王主任', 'g', '/领导 @吴副市长 吴艳平', { mentions: ['吴副市长'] });
    const r = await chat.say('吴副市长', 'g', '/我的任务');
    expect(r).toMatch(/^吴艳平牵头 \d+项/);
    expect(r).toMatch(/\n民生实事牵头 \d+项：未开始\d+项/);
    expect(r).toMatch(/\n民生实事指标（镇街）牵头 \d+项/);
  });

  it('/汇总 counts every list; /汇总 发改局 and /汇总 吴艳平 add the lists they lead', async () => {
    await chat.say('李四', 'g', '/进展 指标43 完成8座');
    const all = await chat.say('王主任', 'g', '/汇总');
    expect(all).toMatch(/^截至3月5日，重点工作任务69项：/);
    expect(all).toContain('· 民生实事45项：未开始45项');
    expect(all).toMatch(/· 民生实事指标（镇街）\d+项：已完成1项，未开始\d+项/);
    expect(all).toContain('· 开局八好158项：未开始158项');
    expect(await chat.say('王主任', 'g', '/汇总 发改局')).toMatch(/牵头开局八好\d+项/);
    expect(await chat.say('王主任', 'g', '/汇总 吴艳平')).toMatch(/牵头民生实事\d+项/);
  });

  it('/滞后 names lagging items of every list, scoped to the liaison', async () => {
    await chat.say('李四', 'g', '/节点 指标43 3月底 完成2座');
    await chat.say('赵六', 'g', '/进展 八好1.4 布展滞后，滞后');
    chat.at('2026-04-02T02:00:00Z');
    const all = await chat.say('王主任', 'g', '/滞后');
    expect(all).toContain('其他清单滞后2项：');
    expect(all).toMatch(/· 指标43（白塘镇） .*｜白塘镇｜节点3月31日“完成2座”未达成｜尚无进展/);
    expect(all).toMatch(/· 八好1\.4 强化产业支撑｜发改局｜联络员报告滞后/);
    const town = await chat.say('李四', 'g', '/滞后');
    expect(town).toContain('指标43（白塘镇）');
    expect(town).not.toContain('八好1.4');
    expect(await chat.say('王主任', 'g', '/滞后 发改局')).toContain('八好1.4');
  });
});
