import { describe, expect, it } from 'vitest';
import { askedValue, statesValue } from '../../src/answer/askedValue.ts';

describe('askedValue', () => {
  it('reads a day or a sum of money asked, nothing otherwise', () => {
    expect(askedValue('龙舟赛具体哪天办')?.label).toBe('具体日期');
    expect(askedValue('这个项目总投资多少')?.label).toBe('金额');
    expect(askedValue('今年GDP目标是多少亿')?.label).toBe('金额');
    expect(askedValue('谁牵头第28项')).toBeUndefined();
  });
  it('ignores the source line when looking for the value', () => {
    const money = askedValue('总投资多少')!;
    expect(statesValue('第17项「加快火电项目建设」\n来源：2026年1月 1亿元', money)).toBe(false);
    expect(statesValue('总投资12.5亿元。\n来源：报告', money)).toBe(true);
    const day = askedValue('哪天发的')!;
    expect(statesValue('2026年1月29日印发', day)).toBe(true);
    expect(statesValue('办好总决赛', day)).toBe(false);
  });
  it('a count of people in 万 is no sum of money', () => {
    const money = askedValue('自来水项目总投资多少')!;
    expect(statesValue('推进农村自来水延伸扩面1.5万人', money)).toBe(false);
    expect(statesValue('发放创业担保贷款9500万元', money)).toBe(true);
  });
  it('a 小区 asked is answered only by a named one, not 老旧小区', () => {
    const estate = askedValue('408套建在哪几个小区')!;
    expect(estate.label).toBe('具体小区');
    expect(statesValue('建设保障性住房408套，5个老旧小区改造', estate)).toBe(false);
    expect(statesValue('龙舟动力小区、印刷厂小区危旧住房解危搬迁', estate)).toBe(true);
  });
});
