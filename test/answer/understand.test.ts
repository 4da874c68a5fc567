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

  it('reads exclusions, towns as holders, lists counted as well, and prose breakdowns', () => {
    expect(chosen('除了杨盛谁牵头最多')).toMatch(/rank\s+op=argmax.*leader=除杨盛/);
    expect(chosen('家庭医生签约除了归义街道哪个镇最多')).toMatch(/townTable\s+op=argmax/);
    expect(chosen('新市街道配合哪些任务')).toMatch(/entity\s+op=list\s+relation=co\s+unit=新市街道/);
    expect(chosen('教体局牵头哪些，民生实事也算上')).toContain('lists=livelihood+task');
    expect(chosen('杨盛牵头的民生实事和重点任务')).toContain('lists=livelihood+task');
    expect(chosen('禁止开垦陡坡地哪个镇面积最大')).toMatch(/townTable\s+op=argmax/);
    expect(answer('除了杨盛谁牵头最多', ctx).text).toMatch(/^除杨盛（29项）外[^\n]*向恩泽，15项/);
    expect(answer('禁止开垦陡坡地面积最小的是哪', ctx).text).toContain('最小：新市街道，29.20公顷');
  });

  it('repairs a look-alike character and one inner slip of a long name, not a different office', () => {
    expect(answer('汩罗镇乡村医生几个', ctx).text).toContain('汨罗镇');
    expect(answer('农业农材局牵头几项', ctx).text).toMatch(/^农业农村局牵头重点工作任务11项/);
    // The last character says which kind of office: a provincial 厅 is not the city's 局.
    expect(answer('自然资源厅牵头几项', ctx).text).not.toContain('自然资源局牵头');
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
    // A town named in a unit cell is a holder like a unit.
    expect(ask('东湖镇配合哪些任务').text).toMatch(/东湖镇配合重点工作任务1项[\s\S]*第2项 改造老旧供水管网/);
    expect(ask('除了龚山河谁牵头最多').text).toMatch(/除龚山河（2项）外[^\n]*饶清，2项/);
  });
  it('reads the newer qualifiers and aggregates from its own names', () => {
    // N项 opening the question, then a leader: the item's other leaders (and its lead units).
    expect(ask('2项饶清跟谁一起牵头').text).toMatch(/除饶清外还有1位：龚山河/);
    // Two holders compared.
    expect(ask('龚山河比饶清多牵头几项').text).toContain('一样多');
    // A leader's portfolio of units is not in a task list: said so, with the lead units labelled.
    const p = ask('饶清分管哪些局');
    expect(p.found).toBe(false);
    expect(p.text).toMatch(/不是分管名单[\s\S]*水务局/);
    // Towns with one figure; towns only, the street left out.
    expect(ask('口袋公园4个的是哪几个镇').text).toMatch(/4个的镇（街道）1个：东湖镇4/);
    expect(ask('只看镇不算街道，口袋公园哪个镇最多').text).toMatch(/不计街道：南岗街道2[\s\S]*东湖镇，4个/);
    // The towns named on an item.
    expect(ask('第2项有哪几个镇配合').text).toMatch(/东湖镇（配合）/);
  });

  it('tolerates its homophone slips and still refuses strangers', () => {
    expect(ask('龚山和牵头哪些').text).toContain('龚山河');
    expect(ask('园林菊牵头几项').text).toContain('园林局');
    expect(ask('张三牵头哪些').found).toBe(false);
  });
});
