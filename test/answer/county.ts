// A made-up county for the answer tests: the engine must understand any county's list from its
// own names.
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';

const src = { doc: 'key-tasks' as const, title: '示例县2027年重点工作', locator: '附件', line: 1 };
const task = (no: number, target: string, leaders: string[], leadUnits: string[], coUnits: string[] = []): KeyTask => ({
  no, category: '示例类', subCategory: '', target, leaders, leadUnits, coUnits, source: { ...src, locator: `附件 第${no}项` },
});
/** A made-up county's list (its own leaders, units and towns, nowhere in the code); the first
 * task's target can be made longer to test how list lines are chosen. */
export function madeUpCounty(firstTarget = '新建口袋公园6个。'): KnowledgeBase {
  return {
    keyTasks: [
      task(1, firstTarget, ['龚山河'], ['园林局']),
      task(2, '改造老旧供水管网20公里。', ['龚山河', '饶清'], ['水务局', '园林局'], ['东湖镇']),
      task(3, '建成智慧停车平台。', ['饶清'], ['水务局（河长办）']),
    ],
    livelihood: [],
    indicators: [
      { no: 1, projectNo: 1, project: '城市更新', group: '', text: '新建口袋公园6个', unit: '个', towns: { 东湖镇: 4, 南岗街道: 2, 北坪镇: 0 }, source: { ...src, doc: 'livelihood', locator: '附件2 第1个指标' } },
    ],
    voted: [],
    measures: [],
    passages: [],
    contradictions: [],
    directory: {
      people: [{ name: '龚山河', aliases: [] }, { name: '饶清', aliases: [] }],
      units: [{ name: '园林局', aliases: [] }, { name: '水务局', aliases: [] }, { name: '水务局（河长办）', aliases: [] }],
      towns: [{ name: '东湖镇', aliases: [] }, { name: '南岗街道', aliases: [] }, { name: '北坪镇', aliases: [] }],
    },
  };
}
