// The occasion and the form a leader wraps a question in ("下周调度会 …", "… 列个清单") change
// nothing of the answer: generated over the dev questions, each wrapped several ways.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { withoutFraming } from '../../src/answer/framing.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();
const qs = (JSON.parse(readFileSync('test/fixtures/questions.json', 'utf8')) as { q: string; found: boolean }[]).filter((x) => x.q.trim() && !/[\s，,。；;]/.test(x.q.trim()));
const BEFORE = ['下周调度会', '督查室周例会要用', '明天开会', '周五汇报会用', '会上要用'];
const AFTER = ['列个清单', '给我列一下', '发我', '谢谢', '急用', '帮我整理一下'];

describe('framing around a question', () => {
  it('leaves the answer as it is, before or after, negatives included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...qs), fc.constantFrom(...BEFORE, ''), fc.constantFrom(...AFTER, ''), fc.constantFrom(' ', '，'), (x, b, a, sep) => {
        const framed = [b, x.q, a].filter(Boolean).join(sep);
        const plain = answer(x.q, ctx);
        const got = answer(framed, ctx);
        expect(got.found, framed).toBe(plain.found);
        expect(got.text, framed).toBe(plain.text);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a clause that says more than the occasion, and a question that is only one clause', () => {
    expect(withoutFraming('1月15号那次常务会 出席的市领导都有谁')).toBe('1月15号那次常务会 出席的市领导都有谁');
    expect(withoutFraming('调度会')).toBe('调度会');
    expect(withoutFraming('列个清单')).toBe('列个清单');
    expect(withoutFraming('下周调度会 住建局牵头哪些 列个清单')).toBe('住建局牵头哪些');
  });
});

describe('framing at the end of the question and occasions of the year', () => {
  it('a request for a form at the end of the ask goes; a word that ends like one stays', () => {
    expect(withoutFraming('第3项最新情况发我一下')).toBe('第3项最新情况');
    expect(withoutFraming('住建局的任务给我讲讲')).toBe('住建局的任务');
    expect(withoutFraming('向恩泽的重点任务罗列一下')).toBe('向恩泽的重点任务罗列一下');
    expect(withoutFraming('向恩泽牵头的汇报一下')).toBe('向恩泽牵头的汇报一下');
  });

  it('a review occasion said as its own clause names no subject', () => {
    expect(withoutFraming('半年总结要用 二季度的节点')).toBe('二季度的节点');
    expect(withoutFraming('年底考核，哪些任务滞后')).toBe('哪些任务滞后');
  });
});
