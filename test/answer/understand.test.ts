// Reading a question whole: which reading is chosen and why, and that the readings come from the
// knowledge, not from names in the code (a made-up county's list is understood as it is).
import { describe, expect, it } from 'vitest';
import { answer, explain } from '../../src/answer/answer.ts';
import { buildContext } from '../../src/answer/context.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { madeUpCounty } from './county.ts';

const ctx = knowledgeContext();
const chosen = (q: string) => explain(q, ctx).split('\n').find((l) => l.startsWith('选用：'))!;

describe('understand(): the reading chosen for the whole question', () => {
  it('prints the chosen reading and the runner-up', () => {
    const e = explain('杨盛和吴艳平都牵头的有哪些', ctx);
    expect(e).toMatch(/选用：entity\s+op=intersection/);
    expect(e).toMatch(/次选：cascade/);
    expect(e).toContain('leader:吴艳平');
  });

  it('lets an operator word change the reading, not only the names', () => {
    expect(chosen('李岳星负责几项')).toContain('relation=lead');
    expect(chosen('李岳星单独负责几项')).toContain('relation=sole');
    expect(chosen('第40项谁牵头')).toContain('cascade');
    expect(chosen('第40项还有谁一起牵头')).toMatch(/taskPeople\s+op=others/);
    expect(chosen('哪个单位牵头的任务最多')).toMatch(/rank\s+op=argmax/);
    expect(chosen('哪个单位牵头的任务最少')).toMatch(/rank\s+op=argmin/);
    expect(chosen('自建桥梁哪个镇最多')).toMatch(/townTable\s+op=argmax/);
    expect(chosen('哪些镇街没有自建桥梁任务')).toMatch(/townTable\s+op=whichNot/);
  });

  it('keeps a topic with a name on the reading that uses the topic', () => {
    expect(chosen('曹陶牵头的保障房任务')).toContain('cascade');
  });

  it('states the count first, then names every item', () => {
    const a = answer('住建局单独牵头哪几项', ctx);
    expect(a.text.split('\n')[0]).toMatch(/单独牵头重点工作任务3项/);
    for (const n of [27, 28, 29]) expect(a.text).toContain(`第${n}项`);
    expect(a.text).not.toContain('第26项');
  });

  it('lists every task of the busiest leader, one line each, within the platform limit', () => {
    const a = answer('杨盛牵头哪些任务', ctx);
    const tasks = ctx.kb.keyTasks.filter((t) => t.leaders.includes('杨盛'));
    for (const t of tasks) expect(a.text).toMatch(new RegExp(`· 第${t.no}项 \\S`));
    expect(Buffer.byteLength(a.text)).toBeLessThan(20480);
  });

  it('says a per-town aggregate the documents do not break down is not found', () => {
    expect(answer('哪个镇的GDP最高', ctx).found).toBe(false);
  });
});

// A made-up county: its own leaders, units and towns, nowhere in the code.
const other = buildContext(madeUpCounty());

describe('a made-up county, understood from its own list', () => {
  const ask = (q: string) => answer(q, other);
  it('answers every class of question from its names', () => {
    expect(ask('龚山河牵头哪些').text).toMatch(/龚山河牵头重点工作任务2项[\s\S]*口袋公园[\s\S]*供水管网/);
    expect(ask('龚山河和饶清都牵头的').text).toContain('第2项');
    expect(ask('饶清单独牵头几项').text).toMatch(/单独牵头重点工作任务1项[\s\S]*第3项/);
    expect(ask('水务局牵头几项').text).toMatch(/水务局牵头重点工作任务2项/); // 水务局（河长办） counts
    expect(ask('河长办负责什么').text).toContain('第3项');
    expect(ask('园林牵头几项').text).toContain('园林局牵头重点工作任务2项');
    expect(ask('第2项有几个牵头领导').text).toContain('2位');
    expect(ask('哪个领导牵头的任务最多').text).toMatch(/龚山河、饶清，各2项/);
    expect(ask('口袋公园哪个镇最多').text).toContain('东湖镇，4个');
    expect(ask('哪些镇没有口袋公园任务').text).toContain('北坪镇');
    expect(ask('东湖口袋公园几个').text).toContain('东湖镇');
  });
  it('tolerates its homophone slips and still refuses strangers', () => {
    expect(ask('龚山和牵头哪些').text).toContain('龚山河');
    expect(ask('园林菊牵头几项').text).toContain('园林局');
    expect(ask('张三牵头哪些').found).toBe(false);
  });
});
