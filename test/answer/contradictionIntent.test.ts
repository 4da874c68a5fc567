// Questions that ask whether the documents agree, and totals of two parts: tested as functions.
import { describe, expect, it } from 'vitest';
import { contradictionAnswer } from '../../src/answer/intents/contradiction.ts';
import { withSums } from '../../src/answer/sums.ts';
import { answer } from '../../src/answer/answer.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();

describe('contradictionAnswer', () => {
  it('answers a consistency question with every value of the matching disagreement', () => {
    const a = contradictionAnswer(ctx, '充电桩到底168个还是160个')!;
    expect(a.found).toBe(true);
    expect(a.text).toContain('168个');
    expect(a.text).toContain('160个以上');
  });
  it('needs a consistency cue and a subject the disagreement is about', () => {
    expect(contradictionAnswer(ctx, '充电桩新增多少个')).toBeNull();
    expect(contradictionAnswer(ctx, '这两个文件有矛盾吗')).toBeNull();
    expect(contradictionAnswer(ctx, '龙舟赛和村BA哪个对')).toBeNull();
  });
});

describe('withSums', () => {
  const text = '省级重点民生实事30项，25项达到或超时序进度，5项滞后；岳阳市级重点民生实事13项，9项达到或超时序进度，4项滞后。\n来源：专报';
  it('adds the figures each part states, for the piece asked', () => {
    const a = withSums('省级和岳阳市级民生实事加起来多少项，滞后几项', { found: true, text, refs: [] });
    expect(a.text).toContain('＝43项');
    expect(a.text).toContain('＝9项');
    expect(withSums('省级和岳阳市级加起来几项达到进度', { found: true, text, refs: [] }).text).toContain('＝34项');
  });
  it('leaves a reply alone when no total is asked', () => {
    expect(withSums('省级民生实事几项滞后', { found: true, text, refs: [] }).text).toBe(text);
  });
});

describe('when someone became X', () => {
  it('is answered by a 任免 notice naming the person, or plainly not found; other 任/调 words are not asked so', async () => {
    const { answer } = await import('../../src/answer/answer.ts');
    expect(answer('黄兴什么时候任住房保障服务中心主任', ctx).text).toContain('2026年1月15日');
    expect(answer('马慧啥时候当上市长的', ctx).found).toBe(false);
    expect(answer('保障房什么时候任务完成', ctx).text).not.toContain('任职');
    expect(answer('自建桥梁什么时候调度', ctx).text).not.toContain('任职');
  });
});

describe('disagreements kept in contradictions.json, found by reading the documents side by side', () => {
  const ask = (q: string) => answer(q, ctx);
  it('the gazette contents call the voted table 2025年度, its body 2026年度', () => {
    const a = ask('票决民生实事任务分解表是哪个年度的');
    expect(a.text).toContain('2026年度人大代表票决');
    expect(a.text).toContain('2025年度市人大常委会票决');
  });
  it('流动供销 town shares add up to 13, the target says 不少于11个', () => {
    expect(ask('流动供销服务网点要建几个').text).toMatch(/不少于11个[\s\S]*合计13个/);
    const c = contradictionAnswer(ctx, '流动供销网点到底11个还是13个')!;
    expect(c.text).toContain('13个');
  });
  it('湘易办: the livelihood list says 100个 items, the gazette plan 100%', () => {
    expect(ask('湘易办高频事项要优化多少个').text).toMatch(/100个[\s\S]*100%/);
    expect(contradictionAnswer(ctx, '湘易办体验优化到底是100个还是100%')!.text).toContain('附件8');
    expect(ask('湘易办优化跟开局八好写的一样吗').text).toContain('100%');
  });
  it('the bulletin counts 省级30项、岳阳市级13项, the list has 10 and 8 projects', () => {
    expect(ask('专报里岳阳市级民生实事滞后几项').text).toMatch(/4项滞后[\s\S]*岳阳市级8项/);
    expect(contradictionAnswer(ctx, '省级民生实事到底10项还是30项')!.text).toContain('第11–18项');
    // a count of the list asked plainly is the list's own, not the disagreement
    expect(contradictionAnswer(ctx, '省级民生实事有几项')).toBeNull();
  });
  it('the 技兴三湘 row has 16 figures for 15 towns: a town figure says so', () => {
    expect(ask('技兴三湘职业技能培训白水镇多少人次').text).toContain('一行16个数');
  });
});
