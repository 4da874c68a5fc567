// A contradiction note goes with the record it is about: a 民生实事 sub-item's clash is told beside
// that sub-item, the whole project and its town-table row, never beside the project's other sub-items.
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { contradictionNotes } from '../../src/answer/format.ts';
import { resolveCurated } from '../../knowledge/ingest.ts';
import { subItemIndex } from '../../src/items/subItem.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();
const kb = ctx.kb;
const subKeyed = kb.contradictions.flatMap((c) => c.keys.filter((k) => /^livelihood:\d+:\d+$/.test(k)).map((k) => ({ c, k })));

describe('sub-item contradiction keys', () => {
  it('exist in the curated file and name real sub-items', () => {
    expect(subKeyed.length).toBeGreaterThan(0);
    for (const { k } of subKeyed) {
      const [, p, i] = k.split(':');
      expect(kb.livelihood.find((x) => x.no === Number(p))?.items[Number(i)]).toBeDefined();
    }
  });
  it('note the sub-item, the whole project and the row that breaks it down, and no sibling', () => {
    for (const { c, k } of subKeyed) {
      const [, p, i] = k.split(':').map(Number);
      const has = (keys: string[]) => contradictionNotes(ctx, keys).some((n) => n.includes(c.topic));
      expect(has([k])).toBe(true);
      expect(has([`livelihood:${p}`])).toBe(true);
      const project = kb.livelihood.find((x) => x.no === p)!;
      project.items.forEach((_, j) => { if (j !== i) expect(has([`livelihood:${p}:${j}`])).toBe(false); });
      for (const row of kb.indicators.filter((r) => r.projectNo === p && subItemIndex(r, project) === i)) expect(has([`indicator:${row.no}`, `livelihood:${p}:${i}`])).toBe(true);
    }
  });
  it('keep a sibling sub-item\'s reply free of the note, end to end', () => {
    const note = '托育托管服务点级别';
    expect(answer('产前筛查率要达到多少', ctx).text).not.toContain(note);
    expect(answer('托育托管服务点是省级还是市级', ctx).text).toContain(note);
    expect(answer('民生实事第1项', ctx).text).toContain(note);
  });
  it('a table row\'s ordinal is not taken for the other side\'s figure (第13个指标 is not 13个)', () => {
    expect(answer('家庭医生签约目标', ctx).text).not.toContain('流动供销');
  });
  it('ingest refuses a key naming a sub-item the notice does not have', () => {
    const bad = { items: [{ id: 'x', topic: 't', keys: ['livelihood:1:9'], values: [{ value: 'v', ref: 'livelihood:1' }], note: '' }] };
    expect(() => resolveCurated(bad as never, kb)).toThrow(/livelihood:1:9/);
  });
});
