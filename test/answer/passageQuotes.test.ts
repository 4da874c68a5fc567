// The passage mechanisms added for blind-3's generalisation: how-asked words are not subject words,
// headings ground the points under them, list sentences are quoted by the asked clause, and
// signatures answer issue dates. Checked over the real documents where the claim is "every".
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { contentTerms, quote, scattered } from '../../src/answer/quote.ts';
import { signatureAnswer } from '../../src/answer/signature.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();

describe('how a question asks is not what it asks about', () => {
  it('drops colloquial asking words from the content terms, keeping the subject', () => {
    for (const [q, subject] of [
      ['自建桥梁整治到底 座', '桥梁'],
      ['宇阳公司 入园 会上提 求', '宇阳'],
      ['历史遗留矿山公示 异议找', '矿山'],
      ['议事协调机构减少到', '机构'],
    ] as const) {
      const terms = contentTerms(q);
      expect(terms, q).toContain(subject);
      expect(terms.some((t) => /到底|会上|议找|少到/.test(t)), q).toBe(false);
    }
  });
});

describe('headings ground the sentence under them', () => {
  it('does not call a run scattered when the heading holds its first part and the sentence the rest', () => {
    const heads = '惠民生增福祉专班部署。';
    const text = '3月18日组织各牵头单位召开2026年度“惠民生增福祉”工作启动会议；';
    expect(scattered('惠民生专班启动会', `${heads} ${text}`)).toBe(true);
    expect(scattered('惠民生专班启动会', `${heads} ${text}`, true, heads)).toBe(false);
    // a heading that does not hold the first part does not help
    expect(scattered('惠民生专班启动会', `其他工作。 ${text}`, true, '其他工作。')).toBe(true);
  });
});

describe('an enumeration announced by its lead is quoted by the asked clause', () => {
  const s = '主要预期目标是：地区生产总值增长5%左右，一般公共预算地方收入增长1%左右，规模工业增加值增长7%左右，固定资产投资增长10%左右，社会消费品零售总额增长8%左右，居民收入增长和经济增长同步。';
  it('keeps the lead and the subject’s clause, not the other figures', () => {
    const q = quote(s, contentTerms('社会消费品零售总额目标'), { wantsFigure: true })!;
    expect(q.text).toContain('主要预期目标是：');
    expect(q.text).toContain('8%左右');
    expect(q.text).not.toContain('7%左右');
  });
  it('quotes the whole sentence when no single clause is the subject’s', () => {
    expect(quote(s, contentTerms('增长'), { wantsFigure: true })!.text).toContain('7%左右');
  });
});

describe('signatures answer when a document was issued', () => {
  it('answers every signed document asked by its own title with its own 落款 date', () => {
    const signs = ctx.kb.passages.filter((p) => p.section[0] === '落款');
    expect(signs.length).toBeGreaterThan(10);
    for (const p of signs) {
      const name = p.title.replace(/[（(][^）)]*[）)]$/, '').replace(/[《》]/g, '');
      const a = signatureAnswer(ctx, `${name}哪天印发的`);
      const date = p.text.match(/\d{4}年\d{1,2}月\d{1,2}日/)![0];
      expect(a?.text, name).toContain(date);
    }
  });
  it('does not answer an issue that does not exist, nor a question that asks no date', () => {
    expect(answer('专报第3期落款日期', ctx).found).toBe(false);
    expect(signatureAnswer(ctx, '重点工作任务有多少项')).toBeNull();
  });
});

describe('a reply or a letter is asked whom it was sent to', () => {
  it('answers every addressed document asked by its own title with its own 主送', () => {
    const to = ctx.kb.passages.filter((p) => p.section[0] === '主送' && !/，/.test(p.text));
    expect(to.length).toBeGreaterThanOrEqual(10);
    for (const p of to) {
      const name = p.title.replace(/[（(][^（）()]*[）)]$/, '').replace(/[《》]/g, '').replace(/^汨罗市人民政府(?:办公室)?关于/, '').replace(/^同意/, '').replace(/汨罗市/g, '');
      // as a leader names it: without the issuer's 关于/同意 and the city's own name
      const a = answer(`${name}是发给谁的`, ctx);
      expect(a.text, name).toContain(p.text.replace('主送：', ''));
    }
  });
});
