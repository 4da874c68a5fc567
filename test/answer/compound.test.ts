// Several asks in one message (compound.ts): each answered with the first part's subject, only when
// every ask is answered — negatives of every dev set stay negative when asks are appended to them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { compoundParts } from '../../src/answer/compound.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();
interface Q { q: string; found: boolean }
const dev = ['questions', 'questions-passages', 'blind-1', 'blind-3', 'blind-4', 'blind-5', 'blind-7', 'blind-8', 'blind-9', 'blind-10', 'blind-11'].flatMap(
  (f) => JSON.parse(readFileSync(new URL(`../fixtures/${f}.json`, import.meta.url), 'utf8')) as Q[],
);

describe('compoundParts', () => {
  it('carries the subject of the first part into the asks after it', () => {
    expect(compoundParts('历史遗留矿山那个公告 有异议找哪个 电话多少')).toEqual(['历史遗留矿山那个公告有异议找哪个', '历史遗留矿山那个公告电话多少']);
    expect(compoundParts('桥梁一共多少座，有隐患的多少')).toEqual(['桥梁一共多少座', '桥梁有隐患的多少']);
    // one ask, or parts that ask nothing, are not split
    expect(compoundParts('谁牵头第28项')).toBeUndefined();
    expect(compoundParts('住建局 保障房')).toBeUndefined();
  });
});

describe('compound questions', () => {
  it('answers each ask of a notice asked two ways at once', () => {
    const a = answer('历史遗留矿山那个公告 有异议找哪个 电话多少', ctx);
    expect(a.found).toBe(true);
    expect(a.text).toContain('虞建民');
    expect(a.text).toContain('8017');
  });

  it('keeps every negative of the dev sets negative when two asks are appended', () => {
    const negatives = dev.filter((q) => !q.found);
    expect(negatives.length).toBeGreaterThan(100);
    const asked = (q: Q) => `${q.q.replace(/[？?]$/, '')} 在哪 电话多少`;
    const split = negatives.filter((q) => compoundParts(asked(q)));
    expect(split.length).toBeGreaterThan(50);
    const leaked = split.filter((q) => answer(asked(q), ctx).found);
    expect(leaked.map((q) => q.q)).toEqual([]);
  });
});
