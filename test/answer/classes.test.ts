// Mechanisms of issue 13 classes 7–10, tested on their own and through answer(): year routing,
// sentence-level quotes, milestones by period, levels and attributes.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { contentTerms, quote, sentences } from '../../src/answer/quote.ts';
import { askedYear, routeYear } from '../../src/answer/years.ts';
import { askedPeriod } from '../../src/answer/periods.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();

describe('year routing', () => {
  it('reads full, two-digit and relative years, not durations or dates', () => {
    expect(askedYear('2024年GDP多少')).toBe(2024);
    expect(askedYear('24年引进多少人才')).toBe(2024);
    expect(askedYear('25年目标')).toBe(2025);
    expect(askedYear('前年GDP')).toBe(2024);
    expect(askedYear('有效期10年')).toBeUndefined();
    expect(askedYear('2025年12月9日的会议')).toBeUndefined();
    expect(askedYear('GDP目标')).toBeUndefined();
  });
  it('sends 2024 to the review, 2025 to the plan, 2026 to the ledger, others to nowhere', () => {
    expect(routeYear(2024)).toMatchObject({ kind: 'section', section: '2024年工作回顾' });
    expect(routeYear(2025)).toMatchObject({ kind: 'section', section: '2025年工作安排' });
    expect(routeYear(2026)).toEqual({ kind: 'current' });
    expect(routeYear(undefined)).toEqual({ kind: 'current' });
    expect(routeYear(2030)).toEqual({ kind: 'other', year: 2030 });
  });
  it('quotes the figure of the year asked, not of another year', () => {
    const y24 = answer('24年GDP增长多少', ctx);
    expect(y24.text).toContain('486.43亿元');
    expect(y24.text).not.toContain('5.5%');
    const y25 = answer('2025年GDP增长目标', ctx);
    expect(y25.text).toContain('5%左右');
    expect(y25.text).not.toContain('486.43');
    const y26 = answer('今年GDP目标', ctx);
    expect(y26.text).toContain('5.5%左右');
  });
  it('says not found for a year no document reports on, and for 去年 results', () => {
    expect(answer('2023年GDP多少', ctx).found).toBe(false);
    const last = answer('去年GDP增长多少', ctx);
    expect(last.text).toContain('没有2025年的实绩');
    expect(last.text).toContain('2024年');
    expect(answer('去年火星基地建了几个', ctx).found).toBe(false);
    expect(answer('2024年火星基地建设进度', ctx).found).toBe(false);
  });
});

describe('sentence quotes', () => {
  it('splits at sentence ends and semicolons and drops markup', () => {
    expect(sentences('**甲。**乙增长5%；丙^[3]下降。')).toEqual(['甲。', '乙增长5%；', '丙下降。']);
  });
  it('maps abbreviations to the documents wording and drops years', () => {
    const t = contentTerms('24年GDP');
    expect(t).toContain('地区');
    expect(t.some((x) => /24/.test(x))).toBe(false);
  });
  it('picks the sentence holding the words, whole, and the next one after a heading', () => {
    const text = '平台建设提速。与某院士合作成立实验室。孵化器入驻企业52家。成果转化提效。转移转化科技成果15项。';
    expect(quote(text, contentTerms('孵化器入驻企业'))?.text).toBe('孵化器入驻企业52家。');
    expect(quote(text, contentTerms('成果转化'), { wantsFigure: true })?.text).toBe('成果转化提效。转移转化科技成果15项。');
  });
});

describe('milestones by period', () => {
  it('reads quarters, halves, months and the year end as date ranges', () => {
    expect(askedPeriod('票决项目二季度要完成啥')).toMatchObject({ label: '二季度', from: '2026-04-01', to: '2026-06-30' });
    expect(askedPeriod('第3季度')).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(askedPeriod('下半年')).toMatchObject({ from: '2026-07-01', to: '2026-12-31' });
    expect(askedPeriod('6月底前要完成哪些')).toMatchObject({ from: '2026-06-01', to: '2026-06-30' });
    expect(askedPeriod('2月底')).toMatchObject({ to: '2026-02-28' });
    expect(askedPeriod('第28项谁牵头')).toBeUndefined();
  });
  it('lists every voted project and track of the period', () => {
    const a = answer('票决项目二季度要完成啥', ctx);
    for (const s of ['17座', '补偿协议', '30%危房改造', '招标手续']) expect(a.text).toContain(s);
    expect(a.text).not.toContain('70座');
  });
  it('keeps to the track the question names', () => {
    const a = answer('农村危房下半年要做到哪一步', ctx);
    expect(a.text).toContain('60%危房改造');
    expect(a.text).not.toContain('腾空搬迁');
  });
  it('adds key tasks and plan sentences dated in the period when no list is named', () => {
    const a = answer('下半年要完成哪些', ctx);
    expect(a.text).toContain('端午文化博物馆');
    expect(a.text).toContain('第46项');
  });
  it('says so when a period has no node', () => {
    expect(answer('8月要完成啥', ctx).found).toBe(false);
  });
});

describe('levels and attributes', () => {
  it('names the level of the 民生实事 a subject belongs to, with its number', () => {
    const a = answer('老旧电梯更新属于哪一级', ctx);
    expect(a.text).toContain('第14项');
    expect(a.text).toContain('岳阳市级');
    const b = answer('家庭医生签约是省级还是岳阳市级', ctx);
    expect(b.text).toContain('第4项');
    expect(b.text).toMatch(/是省级/);
  });
  it('says a subject outside the 民生实事 has no level', () => {
    expect(answer('退役军人服务中心是省级还是岳阳市级', ctx).found).toBe(false);
  });
  it('quotes the sentence stating the attribute, not the paragraph', () => {
    const loc = answer('防风险保安全专班办公室设在哪里', ctx);
    expect(loc.text).toContain('设在市应急管理局');
    expect(loc.text.split('\n')[0]!.length).toBeLessThan(120);
    expect(answer('土地使用税的通知从什么时候开始执行', ctx).text).toContain('2026年1月1日起执行');
    expect(answer('第52次常务会议由谁主持', ctx).text).toContain('马慧');
  });
  it('keeps a subject the documents lack negative', () => {
    expect(answer('火星基地办公室设在哪', ctx).found).toBe(false);
  });
});
