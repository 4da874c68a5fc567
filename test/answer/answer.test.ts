// Behaviour of answer() beyond the question set: contradictions, bad input, determinism.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();

describe('answer()', () => {
  it('names both figures and their sources when documents disagree', () => {
    const a = answer('民生实事第15项', ctx);
    expect(a.text).toContain('文件不一致');
    expect(a.text).toContain('90座');
    expect(a.text).toContain('80座');
    const t = answer('第43个指标', ctx);
    expect(t.text).toContain('文件不一致');
  });

  it('flags a phrase-keyed contradiction in a passage reply (研发经费 8.5% vs 9%)', () => {
    const a = answer('研发经费投入增长多少', ctx);
    expect(a.text).toContain('文件不一致');
    expect(a.text).toContain('8.5%');
    expect(a.text).toContain('9%');
  });

  it('does not warn where nothing disagrees', () => {
    expect(answer('第28项', ctx).text).not.toContain('不一致');
  });

  it('answers the key task for a bare number and names the other lists using it', () => {
    const a = answer('第3项', ctx);
    expect(a.text.startsWith('第3项')).toBe(true);
    expect(a.text).toContain('民生实事第3项');
    expect(a.text).toContain('票决');
  });

  it('reads every form of a number the same way', () => {
    const forms = ['第28项', '28项', '第二十八项', '任务28', '28号', '第２８项', '第 28 项'];
    const texts = forms.map((f) => answer(f, ctx).text);
    for (const t of texts) expect(t).toBe(texts[0]);
  });

  it('is deterministic and pure', () => {
    expect(answer('住建局牵头几项', ctx)).toEqual(answer('住建局牵头几项', ctx));
  });

  it('gives a hint instead of an empty reply for blank input', () => {
    const a = answer('   ', ctx);
    expect(a.found).toBe(false);
    expect(a.text).toContain('可以这样问');
  });

  it('refuses a 100 KB message with a clear reply, quickly and without throwing', () => {
    const a = answer('谁牵头第28项'.repeat(20_000), ctx);
    expect(a.found).toBe(false);
    expect(a.text).toContain('问题太长');
  });

  it('survives control characters, SQL and markup fragments', () => {
    for (const q of ['\u0000\u0007第28项\u001b', "'; DROP TABLE reports; --", '<at user_id="all">所有人</at>', '%%%', '第', '项']) {
      const a = answer(q, ctx);
      expect(typeof a.text).toBe('string');
      expect(a.text.length).toBeGreaterThan(0);
    }
    expect(answer('\u0000第28项\u0007', ctx).text).toContain('保障性住房');
  });

  it('never claims a source for an answer it did not find', () => {
    const a = answer('第99项', ctx);
    expect(a.found).toBe(false);
    expect(a.refs).toEqual([]);
  });
});
