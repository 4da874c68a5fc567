import { describe, expect, it } from 'vitest';
import { foldSpokenPairs } from '../../src/answer/spokenPairs.ts';
import { lacksQualifier } from '../../src/answer/measureQualifier.ts';

describe('everyday words folded to the documents\' own (spokenPairs)', () => {
  it('drops the plan modal before a verb, keeps 计划 as a noun', () => {
    expect(foldSpokenPairs('今年计划建设保障性住房多少套')).toBe('建设保障性住房多少套');
    expect(foldSpokenPairs('土地储备计划总规模多大')).toBe('土地储备计划总规模多大');
  });
  it('reads 涨 as 增长, 好多 as 多少, 最低 as 不低于', () => {
    expect(foldSpokenPairs('同比涨了多少')).toBe('同比增长多少');
    expect(foldSpokenPairs('全市划了好多')).toBe('全市划了多少');
    expect(foldSpokenPairs('每人每月最低各是多少')).toBe('每人每月不低于各是多少');
  });
  it('writes relocation and survey words as the notices do', () => {
    expect(foldSpokenPairs('危房搬迁按多大比例换房子')).toBe('解危搬迁按多大比例产权调换');
    expect(foldSpokenPairs('老百姓自己修的桥摸了多少座')).toBe('自建桥梁摸排多少座');
    expect(foldSpokenPairs('第二批多少')).toBe('第二批多少');
  });
});

describe('per-head and average figures (lacksQualifier)', () => {
  it('a total does not answer a per-head ask', () => {
    expect(lacksQualifier('24年人均GDP多少', '实现地区生产总值486.43亿元')).toBe(true);
    expect(lacksQualifier('人均可支配收入多少', '城、乡居民人均可支配收入44651元')).toBe(false);
    expect(lacksQualifier('GDP多少', '实现地区生产总值486.43亿元')).toBe(false);
  });
});
