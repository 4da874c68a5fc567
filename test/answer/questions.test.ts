// The question set: every kind of question leaders ask, incl. ones that must get found:false.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import main from '../fixtures/questions.json' with { type: 'json' };
// Passage classes (facts, years, attributes, levels, periods, negatives), written from the documents.
import passages from '../fixtures/questions-passages.json' with { type: 'json' };

const questions = [...main, ...passages];

const ctx = knowledgeContext();

describe('answer() on the question set', () => {
  it('has at least 80 questions across all kinds', () => {
    expect(questions.length).toBeGreaterThanOrEqual(400);
    expect(new Set(questions.map((q) => q.kind)).size).toBeGreaterThanOrEqual(8);
  });

  for (const item of questions) {
    it(`${item.kind}: ${item.q}`, () => {
      const a = answer(item.q, ctx);
      expect(a.found, a.text).toBe(item.found);
      for (const s of item.expect) expect(a.text).toContain(s);
      for (const s of item.absent) expect(a.text).not.toContain(s);
      if (a.found) {
        expect(a.refs.length).toBeGreaterThan(0);
        expect(a.text).toMatch(/来源：/);
      }
      // Phone-sized: lists are complete rather than cut, so the bound is the platforms' (WeCom's
      // AI-bot stream takes 20,480 bytes) with a wide margin, and every line is short enough to scan.
      expect(Buffer.byteLength(a.text)).toBeLessThan(6000);
      for (const line of a.text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(260);
    });
  }
});
