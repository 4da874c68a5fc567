import { describe, expect, it } from 'vitest';
import { applyCorrections } from '../../knowledge/ingest.ts';
import { parseKeyTasks } from '../../knowledge/parsers/keyTasks.ts';
import { parseLeaders, splitTaskRow } from '../../knowledge/parsers/taskRow.ts';
import { canonUnit, splitUnits, squeezeCjk } from '../../knowledge/normalize.ts';
import { readSource } from '../../knowledge/sources.ts';
import corrections from '../../knowledge/corrections.json' with { type: 'json' };

const tasks = applyCorrections(parseKeyTasks(readSource('key-tasks')), corrections);
const task = (no: number) => tasks.find((t) => t.no === no)!;

describe('key tasks (汨政办函〔2026〕1号)', () => {
  it('reads all 69 numbered tasks once, in order', () => {
    expect(tasks.map((t) => t.no)).toEqual(Array.from({ length: 69 }, (_, i) => i + 1));
  });

  it('reads task 28 exactly', () => {
    expect(task(28)).toMatchObject({
      category: '聚力提品质',
      subCategory: '加快城市更新',
      target: '建设保障性住房408套。',
      leaders: ['曹陶'],
      leadUnits: ['住建局'],
      coUnits: ['相关镇政府、街道办'],
    });
    expect(task(28).source).toMatchObject({ doc: 'key-tasks', locator: '附件 第28项' });
  });

  it('joins names split by stray spaces and units split across cells', () => {
    expect(task(1).leaders).toEqual(['杨盛']);
    expect(task(21).leaders).toEqual(['杨盛', '吴艳平', '曹陶']);
    expect(task(17).coUnits).toContain('重大能源项目建设指挥部');
    expect(task(17).coUnits).not.toContain('指挥部');
    expect(task(55).leadUnits).toEqual(['交通顽瘴痼疾整治工作专班', '交通运输局', '交警大队']);
  });

  it('removes line-wrap spaces inside Chinese but keeps the numbers', () => {
    expect(task(18).target.startsWith('推进G4京港澳高速汨罗段扩容工程')).toBe(true);
    expect(task(20).target).toBe('建成屈原220千伏输变电工程。');
    expect(task(25).subCategory).toBe('加快城市更新');
  });

  it('inherits merged category cells and splits combined label cells', () => {
    expect(task(2).category).toBe('主要经济目标');
    expect(task(13)).toMatchObject({ category: '聚力强产业', subCategory: '促进科技赋能' });
    expect(task(16)).toMatchObject({ category: '聚力增活力', subCategory: '扩大有效投资' });
    expect(task(45)).toMatchObject({ category: '聚力促融合', subCategory: '推进文旅体深度融合' });
    expect(task(69)).toMatchObject({ category: '岳阳市重点工作任务', subCategory: '' });
  });

  it('applies the corrections file where a centred merged label misleads inheritance', () => {
    expect(task(46)).toMatchObject({ category: '聚力惠民生', subCategory: '强化就业优先发展' });
    expect(task(38).subCategory).toBe('加强生态治理');
    expect(task(54).subCategory).toBe('坚持安全第一');
    for (const c of corrections.keyTasks) expect(c.reason.length).toBeGreaterThan(20);
  });

  it('keeps a task without cooperating units empty rather than borrowing a neighbour', () => {
    expect(task(5).coUnits).toEqual([]);
  });
});

describe('row splitting and normalisation', () => {
  it('anchors on the leaders cell, whatever the number of label cells', () => {
    const row = splitTaskRow('45\t办好龙舟赛。\t\t李亚江 吴艳平\t教体局 文旅广电局\t市直相关单位'.split('\t'));
    expect(row).toMatchObject({ no: 45, project: [], leaders: ['李亚江', '吴艳平'], leadUnits: ['教体局', '文旅广电局'] });
    expect(splitTaskRow('序号\t项目\t目标任务'.split('\t'))).toBeNull();
  });

  it('does not take a unit cell for a leaders cell', () => {
    expect(parseLeaders('住建局 城管局')).toBeNull();
    expect(parseLeaders('杨 盛 李亚江')).toEqual(['杨盛', '李亚江']);
  });

  it('maps unit aliases to one canonical name', () => {
    expect(canonUnit('市住建局')).toBe('住建局');
    expect(canonUnit('住房和城乡建设局')).toBe('住建局');
    expect(canonUnit('市卫健局')).toBe('卫健局');
    expect(canonUnit('岳阳市生态环境局汨罗分局')).toBe('生态环境分局');
    expect(canonUnit('市市场监管局')).toBe('市场监管局');
    expect(canonUnit('市委网信办')).toBe('市委网信办');
    expect(splitUnits('市财政局、市卫健局，相关镇政府（街道办）')).toEqual(['财政局', '卫健局', '相关镇政府、街道办']);
    expect(squeezeCjk('聚力 增活力')).toBe('聚力增活力');
  });
});
