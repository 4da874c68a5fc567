// The passage mechanisms of issue 13 (classes 7, 8, 10 and negatives), tested as functions: which
// text answers which question, independent of any one phrasing in the question sets.
import { describe, expect, it } from 'vitest';
import { asksCurrentYear, otherYearSection } from '../../src/answer/passageAnswer.ts';
import { yearClauses } from '../../src/answer/years.ts';
import { askedShape, dropAskedUnits, longestGap, ordinalClash, placeClash, quote, scattered, withMeasures, contentTerms } from '../../src/answer/quote.ts';
import { buildSearchIndex, searchPassages, SNIPPET_MAX } from '../../knowledge/search.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();

describe('ordinalClash', () => {
  it('a text naming only another batch, session or round clashes; the same one or none does not', () => {
    expect(ordinalClash('第3批十大技术攻关', '完成第二批十大技术攻关项目')).toBe(true);
    expect(ordinalClash('第2批十大技术攻关', '完成第二批十大技术攻关项目')).toBe(false);
    expect(ordinalClash('第52次常务会议立项', '2026年第51次常务会议纪要')).toBe(true);
    expect(ordinalClash('十大技术攻关', '完成第二批十大技术攻关项目')).toBe(false);
    expect(ordinalClash('第3批十大技术攻关', '十大技术攻关项目')).toBe(false);
  });
});

describe('placeClash', () => {
  it("another place's holder of the same word is not the question's", () => {
    expect(placeClash('汨罗市委书记是谁', '省委副书记、岳阳市委书记谢卫江来汨调研')).toBe(true);
    expect(placeClash('岳阳市委书记是谁', '省委副书记、岳阳市委书记谢卫江来汨调研')).toBe(false);
  });
  it('a question opening with the prefecture needs the prefecture right before its subject', () => {
    expect(placeClash('岳阳市今年GDP目标多少', '单位地区生产总值二氧化碳排放等指标，完成岳阳市下达目标')).toBe(true);
    expect(placeClash('岳阳市以旧换新补贴多少', '全岳阳市发放补贴资金67300万元')).toBe(false);
    expect(placeClash('岳阳市级民生实事滞后几项', '岳阳市级重点民生实事13项，4项滞后')).toBe(false);
  });
});

describe('figure shapes', () => {
  it('the classifier or measure word asked gives the shape of the figure', () => {
    expect(askedShape('造纸企业退出涉及多少家')!.test('组织实施14家造纸企业引导退出')).toBe(true);
    expect(askedShape('造纸企业退出涉及多少家')!.test('4个县市区造纸企业')).toBe(false);
    expect(askedShape('产权调换比例多少')!.test('按合法建筑面积1:1.15进行产权调换')).toBe(true);
    expect(askedShape('南侧用地多少平方米')!.test('南侧275平方米')).toBe(true);
    expect(askedShape('以旧换新补贴资金多少')!.test('发放补贴资金67300万元')).toBe(true);
    expect(askedShape('造纸企业退出怎么回事')).toBeUndefined();
  });
  it('a rate per unit asked is matched only by a rate of that unit', () => {
    const shape = askedShape('解危搬迁每平方米多少钱')!;
    expect(shape.test('最高不超过200元/m²的标准予以奖补')).toBe(true);
    expect(shape.test('按3000元/户计发')).toBe(false);
    expect(askedShape('搬迁费每户多少钱')!.test('按3000元/户计发')).toBe(true);
  });
  it('a measure word stated by its shape counts as held, and only then', () => {
    expect(withMeasures('调换比例多少', '按1:1.15进行产权调换')).toContain('比例');
    expect(withMeasures('调换比例多少', '进行产权调换')).not.toContain('比例');
  });
  it('the sentence with the asked-for shape is quoted, whole', () => {
    const text = '上述企业涉及4个县市区。我市于2018年组织实施14家造纸企业引导退出工作。';
    expect(quote(text, contentTerms('造纸企业退出'), { wantsFigure: true, shape: askedShape('多少家') })!.text).toBe('我市于2018年组织实施14家造纸企业引导退出工作。');
  });
  it('a list longer than a phone line is quoted with its opening and the stated figure, not cut before it', () => {
    const items = Array.from({ length: 13 }, (_, i) => `第${i + 1}号农村供水增压设备安装建设项目`).join('、');
    const text = `会议审议了政府性投资项目，原则上同意${items}共13个项目按程序立项。`;
    const q = quote(text, contentTerms('同意 立项'), { wantsFigure: true, shape: askedShape('几个项目') })!.text;
    expect(q).toContain('共13个项目按程序立项');
    expect(q).toContain('原则上同意第1号');
    expect(q.length).toBeLessThanOrEqual(260);
  });
  it('words left from how a figure is asked are dropped, the subject kept', () => {
    expect(dropAskedUnits('禁止开垦 陡坡坡度 度以上')).toBe('禁止开垦 陡坡坡度');
    expect(dropAskedUnits('执法执勤车辆编制 辆')).toBe('执法执勤车辆编制');
    expect(dropAskedUnits('辆')).toBe('辆');
  });
});

describe('grounding', () => {
  it('forgives an inserted character beside its neighbours and a measure prefix, not a missing word', () => {
    expect(longestGap('补差额', '要求增加补助差额1287.48万元')).toBe(0);
    expect(longestGap('陡坡地总面积', '划定禁止开垦陡坡地面积4885.46公顷')).toBe(0);
    expect(longestGap('机场建设进度', '实行建设进度与支付进度对标管理')).toBeGreaterThanOrEqual(2);
  });
  it('words in the question\'s order close together are the phrase, not scattered', () => {
    expect(scattered('反诈拦截追回', '抓实反诈资金拦截工作，累计拦截、追回被骗资金达34万元')).toBe(false);
    expect(scattered('新能源汽车产业园', '湖南工程机械配套产业园新能源重卡等汽车充电桩')).toBe(true);
  });
});

describe('years', () => {
  it('今年, 26年 and a target with no year ask for 2026; 2024 and 2025 do not', () => {
    expect(asksCurrentYear('26年粮食产量目标')).toBe(true);
    expect(asksCurrentYear('粮食产量目标')).toBe(true);
    expect(asksCurrentYear('2024年粮食产量')).toBe(false);
    expect(asksCurrentYear('2025年粮食产量目标')).toBe(false);
  });
  it('only the work report\'s review and plan are other-year sections', () => {
    const sections = new Set(ctx.kb.passages.filter(otherYearSection).map((p) => `${p.doc}:${p.section[0]}`));
    expect([...sections].sort()).toEqual(['work-report:2024年工作回顾', 'work-report:2025年工作安排']);
  });
  it('clauses of different years become one question each, the subject carried over', () => {
    expect(yearClauses('城镇新增就业今年目标多少，24年完成多少')).toEqual(['城镇新增就业今年目标多少', '24年城镇新增就业完成多少']);
    expect(yearClauses('城镇新增就业今年目标多少，明年呢')?.length).toBe(2);
    expect(yearClauses('2024年改造老旧小区多少个')).toBeUndefined();
    expect(yearClauses('今年目标多少，今年完成多少')).toBeUndefined();
  });
  it('every year-marked question answered from the work report quotes its own year\'s section', () => {
    for (const [q, section] of [['2024年改造老旧小区多少个', '2024年工作回顾'], ['2025年计划改造老旧小区几个', '2025年工作安排']] as const) {
      const hits = ctx.passages.search(q, 5, ['work-report']);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.some((h) => h.passage.section[0] === section)).toBe(true);
    }
  });
});

describe('search snippets', () => {
  it('a snippet is made when read: the same each time, the passage itself when short, cut to SNIPPET_MAX otherwise', () => {
    const index = buildSearchIndex(ctx.kb.passages);
    for (const q of ['禁止开垦陡坡地面积', '反诈拦截追回', '城镇新增就业', '自建桥梁整治']) {
      for (const h of searchPassages(index, q, 8)) {
        const first = h.snippet;
        expect(h.snippet).toBe(first);
        if (h.passage.text.length <= SNIPPET_MAX) expect(first).toBe(h.passage.text);
        else expect(first.length).toBeLessThanOrEqual(SNIPPET_MAX);
      }
    }
  });
});

describe('round 13b passage mechanisms', () => {
  it('a measure word is held by a figure of its shape; a grade range reads as the grades', () => {
    expect(longestGap('定额包干比例不低于', '推行定额包干政策，符合包干条件的女职工、居民人数不低于75%进行包干结算')).toBeLessThan(2);
    expect(longestGap('定额包干比例不低于', '推行定额包干政策，符合包干条件的女职工、居民人数不低于多数进行包干结算')).toBeGreaterThanOrEqual(2);
    expect(contentTerms('三到五级')).toEqual(expect.arrayContaining(['三级', '四级', '五级']));
  });
  it('a list item number is no figure: the sentence with the figures is quoted', () => {
    const q = quote('4.全面推行出生缺陷免费筛查服务。计划为2270例开展出生缺陷筛查，为90例提供诊断。', contentTerms('出生缺陷筛查'), { wantsFigure: true });
    expect(q!.text).toContain('2270');
  });
});
