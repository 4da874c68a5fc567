// /进展 on every list, through the real router: 民生实事 sub-items, a town's indicator cell, 开局八好
// measures, 票决 projects; who may report each; bad addresses; redelivery; undo and edit of amounts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeItemNo } from '../../src/items/address.ts';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'] });
  await bindVia(chat, '王主任', '李四', '白塘镇');
  await bindVia(chat, '王主任', '赵六', '发改局');
  await bindVia(chat, '王主任', '钱七', '农业农村局');
});
afterEach(() => chat.close());

const amounts = () => chat.db.prepare('SELECT report_id AS id, amount, unit FROM report_amounts ORDER BY report_id').all();

describe('/进展 on every list', () => {
  it('a town reports its indicator cell with a number; the key task path is unchanged', async () => {
    const r = await chat.say('李四', '白塘群', '/进展 指标43 白塘镇 完成2座');
    expect(r).toContain('已记录指标43（白塘镇）进展（#1）');
    expect(r).toContain('已报：2座（目标8座）');
    expect(r).toContain('单位：白塘镇');
    const no = encodeItemNo({ kind: 'indicator', no: 43, town: '白塘镇' });
    expect(chat.reports()).toEqual([expect.objectContaining({ taskNo: no, unit: '白塘镇', text: '完成2座', percent: 25 })]);
    expect(amounts()).toEqual([{ id: 1, amount: 2, unit: '座' }]);
    expect(chat.db.prepare('SELECT no, address, kind FROM item_keys').all()).toEqual([{ no, address: '指标43 白塘镇', kind: 'indicator' }]);
    expect(JSON.parse(chat.audit().at(-1)!.after!)).toMatchObject({ item: '指标43 白塘镇', amount: 2, taskNo: no });
    // without the town: the liaison's own town
    expect(await chat.say('李四', '白塘群', '/进展 指标43 已整治3座')).toContain('已报：3座（目标8座）');
    const view = await chat.say('李四', '白塘群', '/进展 指标43 白塘');
    expect(view).toContain('目标：8座｜已报：3座');
    expect(view).toContain('填报：/进展 指标43 白塘镇 内容');
    // a key task still answers as before
    expect(await chat.say('王主任', 'g', '/进展 28 已开工建设120套，完成率30%')).toContain('已记录第28项进展（#3）');
  });

  it('民生实事 sub-items and single-item projects, 开局八好 measures and 票决 projects', async () => {
    expect(await chat.say('钱七', 'g', '/进展 民生6.1 已完成选址')).toContain('已记录民生6.1进展');
    expect(await chat.say('钱七', 'g', '/进展 民生15 已排查40座')).toContain('已记录民生15进展');
    expect(await chat.say('赵六', 'g', '/进展 八好1.4 布展方案已定稿')).toContain('已记录八好1.4进展');
    const voted = await chat.say('钱七', 'g', '/进展 票决1 已完成30座');
    expect(voted).toContain('按重点工作任务第54项填报');
    expect(voted).toContain('已记录第54项进展');
    expect(chat.reports().map((r) => r.taskNo)).toEqual([
      encodeItemNo({ kind: 'livelihood', project: 6, item: 1 }),
      encodeItemNo({ kind: 'livelihood', project: 15, item: null }),
      encodeItemNo({ kind: 'measure', plan: 1, measure: 4 }),
      54,
    ]);
    const m = await chat.say('赵六', 'g', '/进展 八好1.4');
    expect(m).toContain('清单：开局八好');
    expect(m).toMatch(/7月31日（7月底前） 确保端午文化博物馆7月底前完成布展开放 — 未到期/);
  });

  it('only the lead unit reports a list item (a town its own cell); 督查室 anything', async () => {
    const co = await chat.say('钱七', 'g', '/进展 指标43 白塘镇 完成2座');
    expect(co).toContain('不能填报指标43（白塘镇）');
    expect(co).toContain('牵头单位（白塘镇）');
    expect(await chat.say('李四', 'g', '/进展 民生6.1 已完成')).toContain('不能填报民生6.1');
    expect(await chat.say('李四', 'g', '/进展 指标43 白水镇 完成1座')).toContain('不能填报指标43（白水镇）');
    expect(await chat.say('王主任', 'g', '/进展 指标43 白水镇 完成1座')).toContain('单位：督查室');
    expect(await chat.say('王主任', 'g', '/进展 八好2 总体推进')).toContain('已记录八好2进展');
    expect(chat.reports().map((r) => r.unit)).toEqual(['督查室', '督查室']);
  });

  it('bad addresses get a Chinese reply and write nothing', async () => {
    const cases: [string, string][] = [
      ['/进展 民生99 已完成', '没有民生实事第99项'],
      ['/进展 民生6 已完成', '有2个子项'],
      ['/进展 指标31 不存在镇 完成2个', '没有“不存在镇”这个镇（街道）'],
      ['/进展 指标99 白塘镇 完成1个', '没有第99个指标'],
      ['/进展 指标8 白塘镇 完成1人', '没有分到镇街'],
      ['/进展 指标31 白塘镇 完成2个', '没有给白塘镇分配目标'],
      ['/进展 指标43 白塘镇 已动工', '要填累计完成数量（目标8座）'],
      ['/进展 指标43 白塘镇 共8座完成3座又完成4座', '写了2个数量'],
      ['/进展 八好9.1 好', '没有八好9'],
      ['/进展 八好1.99 好', '共有11条举措'],
      ['/进展 票决7 好', '没有票决第7项'],
      ['/进展 民生-1 好', '编号“民生-1”不对'],
      ['/节点 民生99 6月底 完成', '没有民生实事第99项'],
      ['/撤回 指标31 不存在镇', '没有“不存在镇”'],
    ];
    for (const [text, reply] of cases) expect(await chat.say('李四', 'g', text), text).toContain(reply);
    expect(chat.count('reports')).toBe(0);
    expect(chat.count('milestones')).toBe(0);
    expect(amounts()).toEqual([]);
  });

  it('/进展 民生6 and /进展 指标43 (no town) show the parts with their states', async () => {
    await chat.say('钱七', 'g', '/进展 民生6.1 已完成选址');
    await chat.say('李四', 'g', '/进展 指标43 完成2座');
    const p = await chat.say('曹市长', 'g', '/进展 民生6');
    expect(p).toMatch(/^民生实事第6项 住有所居（2项）：/);
    expect(p).toMatch(/· 民生6\.1 .*｜农业农村局：正常推进/);
    expect(p).toMatch(/· 民生6\.2 .*｜自然资源局：未开始/);
    const ind = await chat.say('钱七', 'g', '/进展 指标43'); // the coordinating unit sees every town
    expect(ind).toContain('· 白塘镇：目标8座，已报2座｜正常推进');
    expect(ind).toContain('· 白水镇：目标5座，未报｜未开始');
    expect(ind).toMatch(/（各镇街）（14项）/);
    expect(await chat.say('赵六', 'g', '/进展 指标43')).toContain('只有领导、督查室和相关单位的联络员可以查看');
    expect(chat.count('reports')).toBe(2);
  });

  it('a unit only 开局八好 names can be bound and report its measure', async () => {
    await bindVia(chat, '王主任', '孙八', '气象局');
    const m = chat.db.prepare("SELECT 1 FROM bindings WHERE unit = '气象局' AND status = 'active'").get();
    expect(m).toBeTruthy();
    const own = (await chat.say('孙八', 'g', '/我的任务')).match(/八好\d+\.\d+/)![0];
    expect(await chat.say('孙八', 'g', `/进展 ${own} 已完成预警平台升级`)).toContain(`已记录${own}进展`);
  });

  it('a town’s year-end is met by its whole number, not by any report', async () => {
    chat.at('2026-12-10T02:00:00Z');
    await chat.say('李四', 'g', '/进展 指标43 完成6座');
    await chat.say('李四', 'g', '/进展 指标14 培训2人'); // 2 of 2
    chat.at('2027-01-04T02:00:00Z');
    const short = await chat.say('李四', 'g', '/进展 指标43');
    expect(short).toContain('状态：滞后');
    expect(short).toMatch(/12月31日（年底） 完成8座 — 已过期未达成/);
    expect(await chat.say('李四', 'g', '/进展 指标14')).toContain('状态：已完成');
  });

  it('/帮助 explains every list’s address', async () => {
    const h = await chat.say('路人', 'g', '/帮助');
    for (const addr of ['民生6.1', '民生14', '指标43 白塘镇', '八好1.4', '票决1']) expect(h).toContain(addr);
  });

  it('a redelivered report is written once, amount included', async () => {
    const first = await chat.say('李四', 'g', '/进展 指标43 白塘镇 完成2座', { messageId: 'dup-1' });
    const again = await chat.say('李四', 'g', '/进展 指标43 白塘镇 完成2座', { messageId: 'dup-1' });
    expect(again).toContain('已经处理过');
    expect(again).toContain(first);
    expect(chat.count('reports')).toBe(1);
    expect(amounts()).toHaveLength(1);
    expect(chat.audit().filter((a) => a.action === 'report.create')).toHaveLength(1);
  });

  it('/更正 re-reads the amount, /撤回 takes it out of the count', async () => {
    await chat.say('李四', 'g', '/进展 指标43 完成2座');
    await chat.say('李四', 'g', '/进展 指标43 完成3座');
    const e = await chat.say('李四', 'g', '/更正 指标43 已整治5座');
    expect(e).toContain('已更正指标43（白塘镇）进展（#2）');
    expect(e).toContain('已报：5座（目标8座）');
    expect(amounts()).toEqual([{ id: 1, amount: 2, unit: '座' }, { id: 2, amount: 5, unit: '座' }]);
    const a = chat.audit().at(-1)!;
    expect(JSON.parse(a.before!)).toMatchObject({ amount: 3 });
    expect(JSON.parse(a.after!)).toMatchObject({ amount: 5 });
    expect(await chat.say('李四', 'g', '/撤回 指标43')).toContain('已撤回指标43（白塘镇）进展 #2');
    expect(await chat.say('李四', 'g', '/进展 指标43')).toContain('已报：2座');
  });

  it('/节点 on a list item: its lead unit sets it, the state rule counts it', async () => {
    expect(await chat.say('钱七', 'g', '/节点 民生6.1 6月底 完成1个村建设')).toContain('已设民生6.1节点 #1');
    expect(await chat.say('李四', 'g', '/节点 民生6.1 6月底 完成')).toContain('不能设置民生6.1的节点');
    chat.at('2026-07-02T02:00:00Z');
    const v = await chat.say('钱七', 'g', '/进展 民生6.1');
    expect(v).toContain('状态：滞后');
    expect(v).toContain('#1 6月30日');
  });
});
