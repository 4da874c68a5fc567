// Hand-checked against knowledge/sources/2026-gazette-issue-1.txt (line numbers are 1-based).
import { describe, expect, it } from 'vitest';
import {
  parseGazetteKeyTasks,
  parseMeasures,
  parseResponsibility,
  parseVoted,
} from '../../knowledge/parsers/gazette.ts';
import { joinBrokenUnits, parseLeaders, splitTaskRow } from '../../knowledge/parsers/taskRow.ts';
import { readSource } from '../../knowledge/sources.ts';

const gazette = readSource('gazette');
const standalone = readSource('key-tasks');

describe('parseVoted (汨政办函〔2026〕2号 附件, lines 1464–1471)', () => {
  const voted = parseVoted(gazette);

  it('finds the three 2026 projects — the body is the 2026 table although the TOC says 2025', () => {
    expect(voted.map((v) => v.name)).toEqual([
      '农村村民自建桥梁安全隐患排查整治项目（跨年度）',
      '城镇危旧房整治项目',
      '农村自来水延伸扩面项目',
    ]);
    expect(voted.map((v) => v.source.line)).toEqual([1467, 1470, 1471]);
    expect(voted[0]!.source.title).toBe('汨政办函〔2026〕2号《2026年度人大代表票决民生实事任务分解表》');
    expect(voted.map((v) => v.leaders)).toEqual([['吴艳平'], ['曹陶'], ['吴艳平']]);
  });

  it('dates the bridge milestones at quarter ends of 2026', () => {
    const bridge = voted[0]!;
    expect(bridge.tracks).toHaveLength(1);
    const ms = bridge.tracks[0]!.milestones;
    expect(ms.map((m) => m.date)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(ms.map((m) => m.label)).toEqual(['3月底前', '6月底前', '9月底前', '12月底前']);
    expect(ms[3]!.text).toBe('完成90座整治任务（轻微缺损64座、中等缺损24座、严重缺损2座），完成总任务的83.3%');
    expect(bridge.content.startsWith('经摸排全市自建桥梁262座，存在安全隐患桥梁108座')).toBe(true);
    expect(bridge.leadUnits).toEqual(['农业农村局']);
    expect(bridge.coUnits).toEqual(['交通运输局', '自然资源局', '水利局', '应急管理局', '财政局', '各镇政府、街道办']);
  });

  it('keeps both housing tracks, each with its own milestones', () => {
    const housing = voted[1]!;
    expect(housing.tracks.map((t) => t.name)).toEqual(['城市危旧房', '农村危房']);
    const [city, rural] = housing.tracks;
    expect(city!.milestones.map((m) => m.date)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(city!.milestones[2]!.text).toBe('完成腾空搬迁');
    // "4、12 月完成…" — no 底 in the source
    expect(city!.milestones[3]!.label).toBe('12月');
    expect(rural!.milestones.map((m) => m.text)).toEqual([
      '完成农村危房改造165户对象核实',
      '完成30%危房改造任务',
      '完成60%危房改造任务',
      '完成全年农村危房改造任务',
    ]);
    // the lead-unit cell is "住建局 归义街道": two units, not one squeezed name
    expect(housing.leadUnits).toEqual(['住建局', '归义街道']);
    expect(housing.coUnits).toEqual(['相关镇政府、街道办']);
  });

  it('reads the water project’s last milestone as 11月底 (not 12月底)', () => {
    const ms = voted[2]!.tracks[0]!.milestones;
    expect(ms.map((m) => m.date)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-11-30']);
    expect(ms[3]).toEqual({ date: '2026-11-30', label: '11月底前', text: '完成年度建设任务' });
  });
});

describe('parseMeasures (汨政办发〔2026〕3号 总体方案 + 8 个实施方案)', () => {
  const prose: number[] = [];
  const measures = parseMeasures(gazette, (line) => prose.push(line));
  const find = (title: string) => {
    const hits = measures.filter((m) => m.title === title);
    expect(hits, title).toHaveLength(1);
    return hits[0]!;
  };

  it('counts measures per plan', () => {
    const counts: Record<string, number> = {};
    for (const m of measures) counts[m.plan] = (counts[m.plan] ?? 0) + 1;
    expect(counts).toEqual({
      '汨罗市实施“开局八好”总体方案': 8,
      '担当好稳增长挑大梁的责任实施方案': 11,
      '释放好扩内需活市场的潜力实施方案': 13,
      '培育好强科创兴产业的动能实施方案': 18,
      '激发好抓改革促开放的活力实施方案': 29,
      '构筑好兴城乡强区域的格局实施方案': 14,
      '落实好重“双碳”促转型的任务实施方案': 10,
      '坚守好防风险保安全的底线实施方案': 22,
      '实现好惠民生增福祉的期盼实施方案': 33,
    });
    expect(measures).toHaveLength(158);
  });

  it('leaves only the nine plan introductions outside measures', () => {
    expect(prose).toEqual([503, 595, 651, 705, 793, 893, 963, 1013, 1087]);
  });

  it('joins a measure that wraps mid-word across a page break (lines 621–623)', () => {
    const m = find('纾困解难强化企业支撑');
    expect(m.no).toBe('2');
    expect(m.text).toContain('常态化开展“走找想促”“送解优”活动');
    expect(m.leadUnits).toEqual(['发改局', '工信局', '住建局', '商务粮食局', '文旅广电局', '统计局']);
    expect(m.source.line).toBe(621);
  });

  it('joins the paragraphs of 附件1 (二)1. (lines 613–619), removing ** across the break', () => {
    const m = find('强化产业支撑');
    expect(m.text).toContain('做强现代农业。坚决扛牢粮食安全政治责任');
    expect(m.text).toContain('壮大工业经济能级。');
    expect(m.text).toContain('提升文旅融合质效。');
    expect(m.text).not.toContain('**');
    expect(m.leadUnits).toEqual(['发改局']);
    expect(m.coUnits).toEqual(['“1+3+X”现代化产业体系产业专班成员单位']);
  });

  it('joins units that wrap onto the next line (lines 737–739, 827–829)', () => {
    const a = find('支持大学生创业');
    expect(a.text.endsWith('（市人社局、市科技局、市工信局、市教体局、市财政局等按职责分工负责)')).toBe(true);
    expect(a.leadUnits).toEqual(['人社局', '科技局', '工信局', '教体局', '财政局']);
    const b = find('完善资源环境要素配置机制');
    expect(b.leadUnits[0]).toBe('生态环境分局');
    expect(b.leadUnits).toHaveLength(6);
  });

  it('reads several lead units before 牵头', () => {
    const m = find('扎实推进专项债发行使用');
    expect(m.leadUnits).toEqual(['发改局', '财政局']);
    expect(m.coUnits).toEqual(['自然资源局', '住建局']);
  });

  it('treats units without 牵头 as 责任单位 (leadUnits), and 相关部门 as a cooperating collective', () => {
    const m = find('强化资源协同');
    expect(m.leadUnits).toEqual(['发改局', '财政局', '自然资源局', '生态环境分局', '林业局', '住建局']);
    expect(m.coUnits).toEqual([]);
    const r = find('强化政策协同');
    expect(r.leadUnits).toEqual([]);
    expect(r.coUnits).toEqual(['相关部门']);
    expect(find('落实公共资源交易体制机制改革').leadUnits).toEqual(['发改局']); // （市发改局负责）
  });

  it('handles 牵头、 (line 1045) and a measure with one parenthesis per clause (line 1143)', () => {
    const m = find('兜牢兜实“三保”底线');
    expect(m.leadUnits).toEqual(['财政局']);
    expect(m.coUnits).toEqual(['市委组织部', '税务局', '自然资源局']);
    expect(find('持续推进数字便民工程').leadUnits).toEqual(['数据局', '人社局']);
  });

  it('reads bold-titled sub-measures with their heading path', () => {
    const m = find('强化平台基地统筹');
    expect(m.plan).toBe('培育好强科创兴产业的动能实施方案');
    expect(m.no).toBe('（2）');
    expect(m.section).toEqual(['一、培育好强科创动能', '（二）重点任务', '1.推动创新平台提质升级']);
    expect(m.leadUnits).toEqual(['科技局']);
    expect(m.coUnits).toEqual(['发改局', '教体局', '工信局', '人社局']);
    expect(m.source.locator).toBe('一、（二）1.（2）');
  });

  it('accepts half-width parentheses and numbering', () => {
    const m = find('赋能特色产业升级');
    expect(m.no).toBe('（1）');
    expect(m.leadUnits).toEqual(['文旅广电局', '科技局']);
  });

  it('turns a heading followed only by a paragraph into one measure', () => {
    const a = find('数智融合提能级');
    expect(a.no).toBe('2');
    expect(a.text.startsWith('深入实施“人工智能+”行动')).toBe(true);
    const b = find('倡导绿色低碳生活方式');
    expect(b.no).toBe('（三）');
    expect(b.leadUnits).toContain('发改局');
  });

  it('does not emit headings, goals or 推进机制 as measures', () => {
    expect(measures.some((m) => m.title.startsWith('推动实现“幼有所育”'))).toBe(false);
    expect(measures.some((m) => m.title === '推动创新平台提质升级')).toBe(false);
    expect(measures.some((m) => m.text.includes('专班办公室设在'))).toBe(false);
    expect(measures.some((m) => m.text.includes('工作专班'))).toBe(false);
    expect(measures.some((m) => m.section.some((s) => /目标$|机制$/.test(s)))).toBe(false);
  });

  it('gives every 附件 measure its responsible units', () => {
    for (const m of measures) {
      expect(m.text).not.toContain('**');
      if (m.plan === '汨罗市实施“开局八好”总体方案') continue;
      expect(m.leadUnits.length + m.coUnits.length, m.title).toBeGreaterThan(0);
    }
  });

  it('keeps the 总体方案 wording (基础类设施) apart from 附件1 (基础设施)', () => {
    const overall = measures.find((m) => m.plan.endsWith('总体方案') && m.no === '（五）')!;
    expect(overall.title).toBe('构筑好兴城乡强区域的格局');
    expect(overall.text).toContain('实现老旧小区基础类设施改造全覆盖');
    expect(find('提速增效强化项目支撑').text).toContain('年内实现老旧小区基础设施改造全覆盖');
  });
});

describe('parseResponsibility', () => {
  it('splits 暨/及/等 lists and keeps collective phrases whole', () => {
    expect(parseResponsibility('x。（市委政法委牵头，市委社工部、市信访局及各政法单位按职责分工负责）')).toEqual({
      leadUnits: ['市委政法委'],
      coUnits: ['市委社工部', '信访局', '各政法单位'],
    });
    expect(parseResponsibility('x。（市发改局、各相关镇、街道及园区按职责分工负责）').leadUnits).toEqual([
      '发改局',
      '相关镇政府、街道办',
      '园区',
    ]);
    // an ordinary parenthesis is not a responsibility
    expect(parseResponsibility('谋划储备项目800个（总投资1500亿元）以上。')).toEqual({ leadUnits: [], coUnits: [] });
  });
});

describe('parseGazetteKeyTasks (汨政办函〔2026〕1号 附件 as reprinted, lines 1345–1444)', () => {
  const tasks = parseGazetteKeyTasks(gazette);
  const no = (n: number) => tasks.find((t) => t.no === n)!;

  it('has the 69 rows in order', () => {
    expect(tasks.map((t) => t.no)).toEqual(Array.from({ length: 69 }, (_, i) => i + 1));
  });

  it('reads #28', () => {
    expect(no(28)).toEqual({
      no: 28,
      target: '建设保障性住房408套。',
      leaders: ['曹陶'],
      leadUnits: ['住建局'],
      coUnits: ['相关镇政府、街道办'],
      line: 1385,
    });
  });

  it('keeps 重大能源项目建设指挥部 (#17) and joins 交通顽瘴痼疾整治工 作专班 (#55)', () => {
    expect(no(17).coUnits.slice(0, 3)).toEqual(['重大能源项目建设指挥部', '抽水蓄能指挥部', '火电协调办']);
    expect(no(55).leadUnits).toEqual(['交通顽瘴痼疾整治工作专班', '交通运输局', '交警大队']);
    expect(no(55).leaders).toEqual(['杨盛', '李亚江', '李岳星']);
  });

  it('gives rows 46/47 the targets that the extraction pushed onto lines 1411/1412', () => {
    expect(no(46).target.startsWith('加大对新就业形态支持力度')).toBe(true);
    expect(no(46).leaders).toEqual(['付文勇']);
    expect(no(46).leadUnits).toEqual(['人社局']);
    expect(no(47).target).toBe('提质公办幼儿园办园条件，推进农村薄弱学校改造和标准化建设，启动职业中专高新校区扩建。');
    expect(no(47).leaders).toEqual([]); // the gazette row has no leader or unit cells
    expect(no(48).target.startsWith('聚焦“双减”提质')).toBe(true);
  });

  it('moves a 项目 phrase merged into the target cell out of the target (#40–#42)', () => {
    expect(no(40).target.startsWith('立足资源禀赋')).toBe(true);
    expect(no(41).target.startsWith('洞庭湖生态经济区周边县市区共建')).toBe(true);
    expect(no(42).target).toBe('加快完成端午文化博物馆布展并对外开放。');
  });

  it('reads rows with missing or extra cells', () => {
    expect(no(57).leadUnits).toEqual(['金融监管支局', '政府办金融发展中心']);
    expect(no(57).coUnits).toEqual([]); // no 配合单位 cell in the gazette
    expect(no(5).coUnits).toEqual([]);
    expect(no(21).leaders).toEqual(['杨盛', '吴艳平', '曹陶']);
    expect(no(68).target.endsWith('信息化集约建设、委托')).toBe(true); // truncated in the gazette
  });

  it('matches the standalone copy row by row, apart from the known differences', () => {
    const norm = (s: string) => s.replace(/,/g, '，').replace(/\(/g, '（').replace(/\)/g, '）');
    const rows = standalone
      .split('\n')
      .filter((l) => /^\d+\t/.test(l))
      .map((l) => splitTaskRow(l.split('\t'))!);
    expect(rows).toHaveLength(69);
    for (const s of rows) {
      const g = no(s.no!);
      if (s.no !== 68) expect(norm(g.target), `#${s.no}`).toBe(norm(s.target));
      if (s.no === 47) continue;
      expect(g.leaders, `#${s.no}`).toEqual(s.leaders);
      if (s.no !== 54) expect(g.leadUnits, `#${s.no}`).toEqual(s.leadUnits);
      if (s.no !== 57) expect(g.coUnits, `#${s.no}`).toEqual(s.coUnits);
    }
  });
});

describe('splitTaskRow', () => {
  it('anchors on the leader cell whatever the column layout', () => {
    // standalone line 92: target in the first 项目 column, then an empty cell
    const r = splitTaskRow('45\t办好湖南省龙舟超级联赛总决赛。\t\t李亚江 吴艳平 向恩泽\t教体局 文旅集团\t市直相关单位 各镇政府、街道办\t'.split('\t'))!;
    expect(r).toMatchObject({ no: 45, project: [], target: '办好湖南省龙舟超级联赛总决赛。', leaders: ['李亚江', '吴艳平', '向恩泽'] });
    expect(r.coUnits).toEqual(['市直相关单位', '各镇政府、街道办']);
  });

  it('joins unit names split by the standalone copy’s extraction (#17, #55)', () => {
    const lines = standalone.split('\n');
    const r17 = splitTaskRow(lines[55]!.split('\t'))!; // line 56: "重大能源项目建设 指挥部"
    expect(r17.no).toBe(17);
    expect(r17.coUnits[0]).toBe('重大能源项目建设指挥部');
    const r55 = splitTaskRow(lines[105]!.split('\t'))!; // line 106: "交通顽瘴痼疾整治工作 专班"
    expect(r55.no).toBe(55);
    expect(r55.leadUnits[0]).toBe('交通顽瘴痼疾整治工作专班');
    expect(r55.project).toEqual([]);
  });

  it('returns null without a leader cell', () => {
    expect(splitTaskRow('47\t\t推动全国基础教育综\t\t\t'.split('\t'))).toBeNull();
  });

  it('recognises leaders only when the whole cell is leaders', () => {
    expect(parseLeaders('杨 盛 吴艳平 曹 陶')).toEqual(['杨盛', '吴艳平', '曹陶']);
    expect(parseLeaders('杨盛 发改局')).toBeNull();
    expect(joinBrokenUnits('交通顽瘴痼疾整治工 作专班 交通运输局')).toBe('交通顽瘴痼疾整治工作专班 交通运输局');
  });
});
