// The structured classes as properties over every name and every table row: whatever leader, unit,
// town or indicator a question names, in whichever of the usual wordings, the reply holds what the
// records say (every task number, the count first, the edge town and its figure as written).
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { cellFigure } from '../../src/answer/format.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();
const kb = ctx.kb;
const names = (cell: string[], n: string) => cell.some((u) => u === n || u.startsWith(`${n}（`));

describe('holders: every leader, unit and town, in the usual wordings', () => {
  it('a leader: the count of lead tasks first, then every one of them', () => {
    for (const l of ctx.lexicon.leaders) {
      const mine = kb.keyTasks.filter((t) => t.leaders.includes(l));
      if (!mine.length) continue;
      for (const q of [`${l}牵头哪些`, `${l}负责哪些任务`, `${l}分管的重点工作有哪些`, `${l}牵头几项`, `${l}一共负责多少项工作`]) {
        const a = answer(q, ctx);
        expect(a.text.split('\n')[0], q).toContain(`${l}牵头重点工作任务${mine.length}项`);
        for (const t of mine) expect(a.text, `${q} 第${t.no}项`).toMatch(new RegExp(`· 第${t.no}项 \\S`));
      }
    }
  });

  it('a unit or a town: its lead and its co tasks, each named', () => {
    const holders = [...ctx.lexicon.units, ...ctx.lexicon.towns];
    for (const u of holders) {
      const lead = kb.keyTasks.filter((t) => names(t.leadUnits, u));
      const co = kb.keyTasks.filter((t) => names(t.coUnits, u));
      if (lead.length) {
        const a = answer(`${u}牵头哪些任务`, ctx);
        expect(a.text.split('\n')[0], u).toContain(`${u}牵头重点工作任务${lead.length}项`);
        for (const t of lead) expect(a.text, `${u} 牵头 第${t.no}项`).toMatch(new RegExp(`· 第${t.no}项 \\S`));
      }
      if (co.length) {
        const a = answer(`${u}配合哪些任务`, ctx);
        expect(a.text, u).toContain(`${u}配合重点工作任务${co.length}项`);
        for (const t of co) expect(a.text, `${u} 配合 第${t.no}项`).toMatch(new RegExp(`· 第${t.no}项 \\S`));
      }
    }
  });

  it('two leaders: the tasks both lead, and only those', () => {
    const ls = ctx.lexicon.leaders;
    for (const x of ls)
      for (const y of ls) {
        if (x >= y) continue;
        const both = kb.keyTasks.filter((t) => t.leaders.includes(x) && t.leaders.includes(y));
        const a = answer(`${x}和${y}都牵头的有哪些`, ctx);
        if (!both.length) {
          expect(a.text, `${x}+${y}`).toContain('没有');
          continue;
        }
        expect(a.text.split('\n')[0], `${x}+${y}`).toContain(`${both.length}项`);
        for (const t of both) expect(a.text).toMatch(new RegExp(`· 第${t.no}项 \\S`));
        const shown = [...a.text.matchAll(/· 第(\d+)项/g)].map((m) => Number(m[1]));
        expect(shown.every((n) => both.some((t) => t.no === n)), `${x}+${y}: ${shown}`).toBe(true);
      }
  });

  it('who leads most besides one leader: the top of the others', () => {
    const count = (l: string) => kb.keyTasks.filter((t) => t.leaders.includes(l)).length;
    for (const l of ctx.lexicon.leaders) {
      const rest = ctx.lexicon.leaders.filter((x) => x !== l && count(x) > 0);
      const top = Math.max(...rest.map(count));
      const a = answer(`除了${l}谁牵头的任务最多`, ctx);
      const first = a.text.split('\n')[0]!;
      expect(first, l).toContain(`${top}项`);
      for (const x of rest.filter((r) => count(r) === top)) expect(first, l).toContain(x);
    }
  });
});

describe('the per-town table: every indicator with per-town figures', () => {
  const split = kb.indicators.filter((i) => i.towns && Object.values(i.towns).filter((v) => v > 0).length > 1 && new Set(Object.values(i.towns).filter((v) => v > 0)).size > 1);
  const key = (text: string) => text.replace(/[（(].*$/, '').replace(/[“”]/g, '').replace(/^(开展|提升|建设|实施|提质升级|扩充)/, '').slice(0, 8);

  it('most and least: the edge town with its figure as the table writes it', () => {
    for (const ind of split) {
      const vals = Object.entries(ind.towns!).filter(([, v]) => v > 0);
      for (const [op, pick] of [['最多', Math.max], ['最少', Math.min]] as const) {
        const edge = pick(...vals.map(([, v]) => v));
        const q = `${key(ind.text)}哪个镇${op}`;
        const a = answer(q, ctx);
        const line = a.text.split('\n').find((l) => l.startsWith(`${op}：`));
        expect(line, `${q}\n${a.text}`).toBeDefined();
        for (const [t] of vals.filter(([, v]) => v === edge)) expect(line, q).toContain(t);
        expect(line, q).toContain(cellFigure(ind.towns!, edge));
      }
    }
  });

  it('each town: its own figure, as written', () => {
    for (const ind of split)
      for (const [t, v] of Object.entries(ind.towns!).filter(([, x]) => x > 0)) {
        const q = `${t}${key(ind.text)}多少`;
        expect(answer(q, ctx).text, q).toContain(`${cellFigure(ind.towns!, v)}${ind.unit}`);
      }
  });
});
