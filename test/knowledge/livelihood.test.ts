import { describe, it, expect } from 'vitest';
import { findLivelihoodContradictions, parseLivelihood, quantities } from '../../knowledge/parsers/livelihood.ts';
import { canonUnit, TOWNS } from '../../knowledge/normalize.ts';
import { readSource } from '../../knowledge/sources.ts';
import type { Indicator, LivelihoodProject } from '../../knowledge/types.ts';

// Expected values below were read off knowledge/sources/2026-livelihood-projects.txt by hand
// (cells counted by tab position), not copied from parser output.

const source = readSource('livelihood');
const { projects, indicators } = parseLivelihood(source);

const project = (no: number): LivelihoodProject => {
  const p = projects.find((x) => x.no === no);
  if (!p) throw new Error(`no project ${no}`);
  return p;
};
const ind = (no: number): Indicator => {
  const i = indicators.find((x) => x.no === no);
  if (!i) throw new Error(`no indicator ${no}`);
  return i;
};
const sum = (r: Record<string, number> | undefined): number => Object.values(r ?? {}).reduce((a, b) => a + b, 0);
const TOWNS_ = [...TOWNS] as string[];

/** Source text with one (1-based) line rewritten cell by cell. */
function mutate(line: number, edit: (cells: string[]) => void): string {
  const lines = source.split('\n');
  const cells = lines[line - 1]!.split('\t');
  edit(cells);
  lines[line - 1] = cells.join('\t');
  return lines.join('\n');
}

describe('附件1 projects', () => {
  it('has 18 projects numbered 1..18, 1–10 省级 and 11–18 岳阳市级', () => {
    expect(projects.map((p) => p.no)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(projects.filter((p) => p.level === '省级').map((p) => p.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(projects.filter((p) => p.level === '岳阳市级').map((p) => p.no)).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('counts sub-items per project', () => {
    expect(projects.map((p) => p.items.length)).toEqual([4, 3, 5, 2, 2, 2, 6, 5, 3, 4, 1, 1, 1, 1, 1, 2, 1, 1]);
  });

  it('page 1: explicit cells and inheritance inside projects 1–4', () => {
    const p1 = project(1);
    expect(p1.name).toBe('幼有所育');
    expect(p1.source).toMatchObject({ doc: 'livelihood', locator: '附件1 第1项', line: 53 });
    expect(p1.items[0]).toMatchObject({ text: '产前筛查率、新生儿疾病筛查率达90%以上', leaders: ['李亚江'], leadUnits: ['卫健局'], line: 53 });
    expect(p1.items[0]!.coUnits).toEqual(['财政局', '相关镇政府、街道办']);
    expect(p1.items[1]!.leadUnits).toEqual(['医保局']);
    expect(p1.items[1]!.coUnits).toEqual(['财政局', '卫健局', '相关镇政府、街道办']);
    expect(p1.items[3]!.leadUnits).toEqual(['总工会']);
    expect(p1.items[3]!.coUnits).toContain('团市委');
    expect(p1.items[3]!.coUnits).toContain('机关事务中心');

    // Project 2: rows 58/59 are blank apart from the item text → inherit row 57.
    const p2 = project(2);
    expect(p2.items.map((i) => i.text)).toEqual(['扩充优质普通高中公办学位210个', '提质升级6所中小学校食堂', '新增省属高校校舍面积']);
    for (const it of p2.items) {
      expect(it.leaders).toEqual(['李亚江']);
      expect(it.leadUnits).toEqual(['教体局']);
      expect(it.coUnits).toEqual(['发改局', '财政局', '住建局', '自然资源局', '市场监管局', '农业农村局', '相关镇政府、街道办']);
    }
    expect(p2.items[2]!.line).toBe(59);

    // Project 3: row 63 (稳岗扩岗专项贷款) states only its co-units; row 64 inherits from row 63.
    const p3 = project(3);
    expect(p3.items.every((i) => i.leaders.join() === '付文勇' && i.leadUnits.join() === '人社局')).toBe(true);
    expect(p3.items[2]!.coUnits).toEqual(['财政局', '教体局', '科技局', '相关镇政府、街道办']);
    expect(p3.items[3]!.text).toBe('稳岗扩岗专项贷款');
    expect(p3.items[3]!.coUnits).toContain('工信局');
    expect(p3.items[3]!.coUnits).not.toContain('科技局');
    expect(p3.items[4]!.coUnits).toEqual(p3.items[3]!.coUnits);

    // Project 4: second row has its own co-units but inherits leader and lead unit.
    const p4 = project(4);
    expect(p4.items[1]).toMatchObject({ text: '培训乡村医生30人', leaders: ['李亚江'], leadUnits: ['卫健局'] });
    expect(p4.items[1]!.coUnits).toEqual(['财政局', '相关镇政府、街道办']);
  });

  it('page 2: projects 5–8, including the 市级统筹、公安局牵头 cell', () => {
    expect(project(5).items[1]).toMatchObject({ leaders: ['付文勇'], leadUnits: ['人社局'] });
    expect(project(5).items[1]!.coUnits).toEqual(['财政局', '民政局', '残联', '相关镇政府、街道办']);
    expect(project(6).items[1]).toMatchObject({ text: '开展切坡建房地质灾害隐患治理（550户）', leaders: ['曹陶'], leadUnits: ['自然资源局'] });

    const p7 = project(7);
    expect(p7.items.map((i) => i.leadUnits[0])).toEqual(['民政局', '民政局', '民政局', '残联', '残联', '残联']);
    expect(p7.items.every((i) => i.leaders.join() === '吴艳平')).toBe(true);
    expect(p7.items[2]!.coUnits).toEqual(['财政局', '残联', '相关镇政府、街道办']);
    expect(p7.items[5]!.coUnits).toContain('医保局');

    const p8 = project(8);
    expect(p8.items[0]!.coUnits).toEqual(['市级统筹、公安局牵头']);
    expect(p8.items[1]).toMatchObject({ leaders: ['李岳星'], leadUnits: ['公安局'], coUnits: ['市级统筹、公安局牵头'] });
    expect(p8.items[3]).toMatchObject({ text: '完成100个“湘易办”高频事项体验优化', leaders: ['向恩泽'], leadUnits: ['数据局'] });
    expect(p8.items[4]).toMatchObject({ leaders: ['付文勇'], leadUnits: ['人社局'], line: 83 });
    expect(p8.items[4]!.coUnits).toEqual(['住建局', '残联', '相关镇政府、街道办']);
  });

  it('page 3: projects 9–16, single-item city projects', () => {
    expect(project(9).items[2]!.coUnits).toEqual(['市委社会工作部', '财政局', '总工会', '相关镇政府、街道办']);
    expect(project(10).items[1]).toMatchObject({ text: '恢复和改善灌溉面积', leaders: ['吴艳平'], leadUnits: ['水利局'] });
    expect(project(10).items[2]!.leaders).toEqual(['杨盛']);
    expect(project(10).items[2]!.leadUnits).toEqual([canonUnit('国网汨罗供电公司')]);
    expect(project(10).items[3]!.coUnits).toEqual(['电信公司', '移动公司', '联通公司', '相关镇政府、街道办']);

    const p11 = project(11);
    expect(p11.name).toBe('县域普通高中办学条件提质改造1所');
    expect(p11.items).toHaveLength(1);
    expect(p11.items[0]).toMatchObject({ text: '县域普通高中办学条件提质改造1所', leaders: ['李亚江'], leadUnits: ['教体局'], line: 93 });
    expect(project(14).items[0]).toMatchObject({ text: '更新住宅老旧电梯7台', leaders: ['曹陶'], leadUnits: ['住建局'] });
    expect(project(15).name).toBe('开展农村村民自建桥梁安全隐患排查整治行动，共90座');
    expect(project(15).source.line).toBe(97);

    const p16 = project(16);
    expect(p16.name).toBe('提高粮食产能');
    expect(p16.items.map((i) => i.text)).toEqual(['高标准农田建设5万亩', '水稻机插机抛作业16.5万亩']);
    // "市发改局、市财政局等" → the trailing 等 is dropped.
    expect(p16.items[1]!.coUnits).toEqual(['发改局', '财政局', '相关镇政府、街道办']);
    expect(p16.items[1]!.leaders).toEqual(['吴艳平']);
  });

  it('page 4: the 5-column layout of projects 17–18', () => {
    expect(project(17)).toMatchObject({ name: '提质改造全市城乡电网', level: '岳阳市级' });
    expect(project(17).items[0]!.leaders).toEqual(['杨盛']);
    expect(project(17).items[0]!.leadUnits).toEqual([canonUnit('国网汨罗供电公司')]);
    expect(project(18).items[0]).toMatchObject({ text: '实施街道综合性养老服务中心建设1个', leaders: ['吴艳平'], leadUnits: ['民政局'], line: 103 });
    expect(project(18).items[0]!.coUnits).toEqual(['发改局', '财政局', '自然资源局', '相关镇政府、街道办']);
  });

  it('never inherits leaders across projects', () => {
    // Blank the leader / lead unit / co-unit cells of project 9's first row.
    const text = mutate(86, (c) => {
      c[3] = '';
      c[4] = '';
      c[5] = '';
    });
    const p9 = parseLivelihood(text).projects[8]!;
    expect(p9.items[0]).toMatchObject({ leaders: [], leadUnits: [], coUnits: [] });
    // …while the next row of the same project still reads its own cells.
    expect(p9.items[1]!.leaders).toEqual(['吴艳平']);
  });
});

describe('附件2 indicators', () => {
  it('has 47 indicators numbered 1..47 spread over the 18 projects', () => {
    expect(indicators.map((i) => i.no)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    const perProject = projects.map((p) => indicators.filter((i) => i.projectNo === p.no).length);
    expect(perProject).toEqual([4, 3, 5, 2, 2, 2, 6, 5, 3, 4, 1, 1, 3, 1, 1, 2, 1, 1]);
    for (const i of indicators) {
      expect(i.text).not.toMatch(/^\d+\./);
      expect(i.project).toBe(project(i.projectNo).name);
      expect(i.source).toMatchObject({ doc: 'livelihood', locator: `附件2 第${i.no}个指标` });
      expect(i.towns !== undefined || i.note !== undefined).toBe(true);
      for (const t of Object.keys(i.towns ?? {})) expect(TOWNS_).toContain(t);
    }
  });

  it('page 1: indicators 1–12', () => {
    // Indicator 1: 14 values in the 14 cells after the unit, the 15th (神鼎山镇) cell blank.
    const i1 = ind(1);
    expect(i1).toMatchObject({ projectNo: 1, project: '幼有所育', group: '提高优生优育服务水平', unit: '%' });
    expect(i1.source.line).toBe(113);
    expect(Object.keys(i1.towns!)).toEqual(TOWNS_.slice(0, 14));
    expect(i1.towns!['神鼎山镇']).toBeUndefined();
    expect(Object.values(i1.towns!).every((v) => v === 90)).toBe(true);
    expect(Object.keys(ind(2).towns!)).toEqual(TOWNS_);
    expect(ind(2).group).toBe('提高优生优育服务水平');

    expect(ind(3)).toMatchObject({ group: '关爱未成年人成长', unit: '场(次)', text: '开展60场心理健康和家庭教育指导“向阳花”活动' });
    expect(sum(ind(3).towns)).toBe(60);
    // 4: single 1 in the first column = city total, group inherited.
    expect(ind(4)).toMatchObject({ group: '关爱未成年人成长', note: '全市1个' });
    expect(ind(4).towns).toBeUndefined();

    // 5: 210 is the city-wide total, not 归义街道's target.
    expect(ind(5)).toMatchObject({ projectNo: 2, project: '学有所教', group: '', unit: '个', note: '全市210个' });
    expect(ind(5).towns).toBeUndefined();
    expect(ind(6).towns).toEqual({ 归义街道: 2, 长乐镇: 1, 罗江镇: 2, 汨罗镇: 1 });
    expect(sum(ind(6).towns)).toBe(6);
    expect(ind(7)).toMatchObject({ unit: '平方米', note: '省级统筹，省教育厅牵头' });
    expect(ind(7).towns).toBeUndefined();

    expect(ind(8)).toMatchObject({ projectNo: 3, group: '促进高质量充分就业', unit: '人', note: '由市人社局统筹安排' });
    // Rows 10–12 lost a leading blank cell: unit and note must still be found.
    expect(ind(10)).toMatchObject({ text: '发放创业担保贷款9500万元', unit: '万元', note: '由市人社局统筹安排', group: '促进高质量充分就业' });
    expect(ind(11)).toMatchObject({ unit: '亿元', note: '省级统筹，省人社厅牵头' });
    // 12: 16 numbers (100 then fifteen 62) for 15 towns; positional, surplus reported in the note.
    const i12 = ind(12);
    expect(i12).toMatchObject({ unit: '人次', group: '促进高质量充分就业' });
    expect(i12.towns!['归义街道']).toBe(100);
    expect(i12.towns!['神鼎山镇']).toBe(62);
    expect(Object.keys(i12.towns!)).toHaveLength(15);
    expect(i12.note).toMatch(/16个数值/);
  });

  it('page 2: indicators 13–24 (decimals, sparse rows, the row-23 glitch)', () => {
    const i13 = ind(13);
    expect(i13).toMatchObject({ projectNo: 4, group: '', unit: '万人' });
    expect(i13.towns!['归义街道']).toBe(3);
    expect(i13.towns!['新市街道']).toBe(0.8865);
    expect(i13.towns!['罗江镇']).toBe(1.542);
    expect(i13.towns!['神鼎山镇']).toBe(1.1425);
    expect(sum(i13.towns)).toBeCloseTo(17.14, 6); // = 不少于17.14万人 in the text
    expect(ind(14).text).toBe('提升基层医疗卫生服务能力，培训乡村医生30人');
    expect(sum(ind(14).towns)).toBe(30);
    expect(ind(15)).toMatchObject({ projectNo: 5, unit: '张', note: '全市100张' });
    expect(ind(15).towns).toBeUndefined();
    expect(ind(16).note).toMatch(/^为参加城乡居民养老保险的重度残疾.*不低于1200元\/人$/);

    // 17: the two 1s sit in the 8th and 12th cells after the unit.
    expect(ind(17).towns).toEqual({ 桃林寺镇: 1, 白水镇: 1 });
    expect(ind(18).note).toBe('全市完成550户，待摸底完成后确定各镇（街道）任务数');

    expect(ind(19)).toMatchObject({ projectNo: 7, group: '提高困难群体救助标准', unit: '元/月', note: '分别不低于770元/月和520元/月' });
    expect(ind(20).group).toBe('提高困难群体救助标准');
    expect(ind(21)).toMatchObject({ group: '提高困难群体救助标准', note: '分别不低于1250元/月和1800元/月' });
    expect(ind(22).group).toBe('实施残疾人关爱行动');
    // Row 23 starts in column 0.
    expect(ind(23)).toMatchObject({
      projectNo: 7,
      group: '实施残疾人关爱行动',
      text: '残疾人提供托养服务168人',
      unit: '人',
      note: '残疾人托养服务由市残联统筹安排',
    });
    expect(ind(23).source.line).toBe(138);
    expect(ind(24)).toMatchObject({ group: '实施残疾人关爱行动', unit: '人次', note: '全市350人次' });
  });

  it('page 3: indicators 25–32 (group boundary inside project 8)', () => {
    expect(ind(25).group).toBe('提升全市公共安全智慧安防水平');
    expect(ind(26).group).toBe('提升全市公共安全智慧安防水平');
    // The label 持续推进数字便民 is printed on row 28, but 27 shares 向恩泽/市数据局 with 28 in 附件1.
    expect(ind(27).group).toBe('持续推进数字便民');
    expect(ind(28).group).toBe('持续推进数字便民');
    expect(ind(29)).toMatchObject({ group: '持续推进数字便民', unit: '%', note: '全市电子社保卡签发率提升至69%' });
    expect(ind(30)).toMatchObject({ projectNo: 9, project: '难有所帮', group: '', note: '全岳阳市发放补贴资金67300万元' });

    // 31: 2 0 0 0 1 2 1 0 0 2 1 2 1 1 0 → 13, which satisfies 不少于11个.
    const i31 = ind(31);
    expect(Object.keys(i31.towns!)).toEqual(TOWNS_);
    expect(i31.towns!['新市街道']).toBe(0);
    expect(i31.towns!['罗江镇']).toBe(2);
    expect(i31.towns!['汨罗镇']).toBe(2);
    expect(sum(i31.towns)).toBe(13);
    expect(ind(32)).toMatchObject({ unit: '家', note: '全市5家' });
  });

  it('page 4: indicators 33–43 (projects without sub-items, the bridges)', () => {
    expect(ind(33)).toMatchObject({ projectNo: 10, unit: '万立方米', note: '具体目标任务按省水利厅实施文件为准' });
    expect(ind(36)).toMatchObject({ text: '推进农村网络通信提质升级（新建34个农村4G、5G基站）', note: '市本级完成34个' });
    expect(ind(37)).toMatchObject({ projectNo: 11, project: '县域普通高中办学条件提质改造1所', text: '县域普通高中办学条件提质改造1所', unit: '所', note: '全市1所' });
    expect(ind(38)).toMatchObject({ projectNo: 12, unit: '%' });
    for (const n of [39, 40, 41]) {
      expect(ind(n)).toMatchObject({ projectNo: 13, project: '推行孕前、孕期、产后出生缺陷免费筛查及诊断服务', group: '', unit: '人', note: '由市卫健局统筹安排' });
    }
    expect(ind(40).text).toBe('产前诊断服务90人');
    expect(ind(42)).toMatchObject({ projectNo: 14, unit: '台', note: '全市7台' });

    const i43 = ind(43);
    expect(i43).toMatchObject({ projectNo: 15, text: '开展农村村民自建桥梁安全隐患排查整治行动，共80座', unit: '座' });
    expect(i43.source.line).toBe(164);
    expect(i43.towns!['归义街道']).toBe(0);
    expect(i43.towns!['三江镇']).toBe(9);
    expect(i43.towns!['川山坪镇']).toBe(12);
    expect(i43.towns!['神鼎山镇']).toBe(3);
    expect(sum(i43.towns)).toBe(80);
  });

  it('page 5: indicators 44–47 (header stops at 弼时镇)', () => {
    expect(ind(44)).toMatchObject({ projectNo: 16, project: '提高粮食产能', text: '高标准农田建设5万亩', unit: '万亩', note: '由市农业农村局统筹安排' });
    expect(ind(45).text).toBe('水稻机插机抛作业16.5万亩');
    expect(ind(46)).toMatchObject({ projectNo: 17, text: '提质改造全市城乡电网，投入资金9534万元', unit: '万元', note: '全市投入资金9534万元' });
    // 47: first cell after the unit blank, "1" in the second → 新市街道, not a city total.
    expect(ind(47)).toMatchObject({ projectNo: 18, unit: '个', towns: { 新市街道: 1 } });
    expect(ind(47).note).toBeUndefined();
  });

  it('every city-wide total equals the number in its indicator text', () => {
    const totals = indicators.filter((i) => i.note?.startsWith('全市') && !i.towns && /^全市\d/.test(i.note));
    expect(totals.map((i) => i.no)).toEqual([4, 5, 15, 24, 32, 37, 42]);
    for (const i of totals) {
      const n = /^全市(\d+)/.exec(i.note!)![1]!;
      expect(i.text).toContain(n + i.unit);
    }
  });
});

describe('quantities', () => {
  it('reads number + measure with qualifiers', () => {
    expect(quantities('开展农村村民自建桥梁安全隐患排查整治行动，共90座')).toEqual([{ value: 90, measure: '座', min: false, raw: '共90座' }]);
    expect(quantities('流动供销服务乡村网点不少于11个')[0]).toMatchObject({ value: 11, measure: '个', min: true });
    expect(quantities('职业技能培训1650万人次')[0]).toMatchObject({ value: 1650, measure: '万人次' });
    expect(quantities('达90%以上')[0]).toMatchObject({ value: 90, measure: '%', min: true });
  });
});

describe('findLivelihoodContradictions', () => {
  it('finds exactly the bridge count: 附件1 共90座 vs 附件2 共80座 (towns sum to 80)', () => {
    const found = findLivelihoodContradictions(projects, indicators);
    expect(found).toHaveLength(1);
    const c = found[0]!;
    expect(c.keys).toEqual(['livelihood:15', 'indicator:43']);
    expect(c.topic).toContain('自建桥梁');
    expect(c.values.map((v) => v.value)).toEqual(['共90座', '共80座', '各镇（街道）合计80座']);
    expect(c.values[0]!.source).toMatchObject({ locator: '附件1 第15项', line: 97 });
    expect(c.values[1]!.source).toMatchObject({ locator: '附件2 第43个指标', line: 164 });
  });

  it('detects a town sum that disagrees with the stated total', () => {
    // 6.提质升级6所中小学校食堂: raise 汨罗镇 from 1 to 2 → 7 ≠ 6.
    const { projects: p, indicators: i } = parseLivelihood(mutate(118, (c) => (c[14] = '2')));
    const found = findLivelihoodContradictions(p, i);
    const c6 = found.find((c) => c.keys.includes('indicator:6'));
    expect(c6).toBeDefined();
    expect(c6!.values.map((v) => v.value)).toContain('各镇（街道）合计7所');
  });

  it('treats 不少于N as a lower bound', () => {
    // 31 sums to 13 ≥ 11: fine. Zero three of the 2s → 7 < 11: contradiction.
    expect(findLivelihoodContradictions(projects, indicators).some((c) => c.keys.includes('indicator:31'))).toBe(false);
    const { projects: p, indicators: i } = parseLivelihood(mutate(149, (c) => ((c[5] = '0'), (c[10] = '0'), (c[14] = '0'))));
    expect(sum(i.find((x) => x.no === 31)!.towns)).toBe(7);
    expect(findLivelihoodContradictions(p, i).some((c) => c.keys.includes('indicator:31'))).toBe(true);
  });

  it('reports nothing for the bridges once both tables say 80', () => {
    const fixed = source.replace('开展农村村民自建桥梁安全隐患排查整治行动，共90座', '开展农村村民自建桥梁安全隐患排查整治行动，共80座');
    const { projects: p, indicators: i } = parseLivelihood(fixed);
    expect(findLivelihoodContradictions(p, i)).toEqual([]);
  });
});
