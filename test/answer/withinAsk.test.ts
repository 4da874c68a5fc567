// A second ask opened by 其中 narrows the first ask's subject: asked on its own with that subject.
import { describe, expect, it } from 'vitest';
import { withinParts } from '../../src/answer/withinAsk.ts';

describe('withinParts', () => {
  it('carries the first ask\'s subject into the 其中 ask, the role said once', () => {
    expect(withinParts('住建局牵头几项，其中单独牵头的是哪些')).toEqual(['住建局牵头几项', '住建局单独牵头的是哪些']);
    expect(withinParts('民生实事一共几个项目？其中省级的几个')).toEqual(['民生实事一共几个项目', '民生实事省级的几个']);
    expect(withinParts('第52次常务会议立项的项目多少个，其中以工代赈多少个')).toEqual(['第52次常务会议立项的项目多少个', '第52次常务会议立项的项目以工代赈多少个']);
  });
  it('is no reading of a question without a 其中 ask', () => {
    expect(withinParts('住建局牵头哪些任务')).toBeUndefined();
    expect(withinParts('其中单独牵头的是哪些')).toBeUndefined();
    expect(withinParts('杨盛牵头几项，其中的情况')).toBeUndefined();
  });
});
