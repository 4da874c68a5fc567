// Who asks and what for (a 人大代表, a 财政所 clerk, a speech writer) names no subject: the
// self-introduction and the answer's use go, what the asker is concerned with stays.
import { describe, expect, it } from 'vitest';
import { withoutAskerFrame } from '../../src/answer/askerFrame.ts';

describe('withoutAskerFrame', () => {
  it('drops a role with an asking word at the start of a clause', () => {
    expect(withoutAskerFrame('政协委员想问一下，住建局牵头几项重点任务')).toBe('住建局牵头几项重点任务');
    expect(withoutAskerFrame('审计组要核一下，杨盛牵头多少项重点任务')).toBe('杨盛牵头多少项重点任务');
    expect(withoutAskerFrame('记者问一下吴艳平牵头的民生实事有哪些')).toBe('吴艳平牵头的民生实事有哪些');
  });

  it('drops a clause that is the answer\'s use, when another clause asks', () => {
    expect(withoutAskerFrame('写调研报告用：李亚江单独牵头的重点任务有哪些')).toBe('李亚江单独牵头的重点任务有哪些');
    expect(withoutAskerFrame('向恩泽单独牵头的有几项，写汇报材料要用')).toBe('向恩泽单独牵头的有几项');
    expect(withoutAskerFrame('讲话稿里要写分管情况，曹陶牵头几项')).toBe('曹陶牵头几项');
  });

  it('keeps the use clause\'s words when the asking clause has no subject of its own', () => {
    expect(withoutAskerFrame('讲话稿里要提2024年粮食总产量，多少')).toBe('2024年粮食总产量，多少');
  });

  it('keeps what the asker is concerned with', () => {
    expect(withoutAskerFrame('人大代表关注养老问题，屋场互助养老点谁牵头')).toBe('养老，屋场互助养老点谁牵头');
    expect(withoutAskerFrame('想就农村自来水问题询问：谁牵头')).toBe('农村自来水：谁牵头');
  });

  it('keeps the body the asker names, drops their role and 我们镇', () => {
    expect(withoutAskerFrame('我是白水镇的村支书，我们镇自建桥梁整治分了几座')).toBe('白水镇，自建桥梁整治分了几座');
    expect(withoutAskerFrame('我在新市街道，我们街道办要配合的重点任务有哪些')).toBe('新市街道，要配合的重点任务有哪些');
  });

  it('drops 就是说 and the honorific 同志, not 其他同志', () => {
    expect(withoutAskerFrame('杨盛同志就是说牵头几项')).toBe('杨盛牵头几项');
    expect(withoutAskerFrame('跟其他同志一起牵头的')).toBe('跟其他同志一起牵头的');
  });

  it('leaves a question with no asker alone, and never empties it', () => {
    expect(withoutAskerFrame('人大票决的农村自来水项目谁牵头')).toBe('人大票决的农村自来水项目谁牵头');
    expect(withoutAskerFrame('审计整改谁牵头')).toBe('审计整改谁牵头');
    expect(withoutAskerFrame('写讲话稿')).toBe('写讲话稿');
  });
});

describe('withoutAskerFrame: requests, the asker, questions passed on', () => {
  it('drops a request for the answer and a clause about the asker', () => {
    expect(withoutAskerFrame('住建局牵头几项，麻烦发我一下')).toBe('住建局牵头几项');
    expect(withoutAskerFrame('我记性不好，李岳星牵头几项重点任务')).toBe('李岳星牵头几项重点任务');
    expect(withoutAskerFrame('吴艳平牵头多少项重点任务，电视台要用')).toBe('吴艳平牵头多少项重点任务');
  });

  it('keeps the matter of a question passed on, and the body that asks about itself', () => {
    expect(withoutAskerFrame('村里有人问危旧房，谁牵头')).toBe('危旧房，谁牵头');
    expect(withoutAskerFrame('农业农村局这边问我们局牵头几项任务')).toBe('农业农村局牵头几项任务');
    expect(withoutAskerFrame('我在三江当镇长，三江自建桥梁整治分了几座')).toBe('三江，三江自建桥梁整治分了几座');
  });
});
