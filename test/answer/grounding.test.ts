// Answer engine v2, the mechanisms behind complete lists and negatives that stay negative:
// distinctive list lines, the grounding check on passage and record hits, and pinyin repair of
// topic words. Properties are checked over the real documents, not over chosen examples.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { grounded } from '../../src/answer/passageAnswer.ts';
import { buildContext } from '../../src/answer/context.ts';
import { distinctive, lineBudget } from '../../src/answer/format.ts';
import { longestGap, scattered } from '../../src/answer/quote.ts';
import { repairWords } from '../../src/answer/words.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { madeUpCounty } from './county.ts';

const ctx = knowledgeContext();
const kb = ctx.kb;
const cjkRuns = (s: string) => s.match(/[\u4e00-\u9fff]{2,}/g) ?? [];

describe('distinctive(): one line per item, made of the target’s own clauses', () => {
  it('returns a target that fits whole, and otherwise only whole clauses of it within the budget', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kb.keyTasks), fc.integer({ min: 30, max: 90 }), (t, n) => {
        const body = t.target.replace(/[。；;，,\s]+$/, '');
        const line = distinctive(kb, t.target, n);
        if (body.length <= n) return line === body;
        if (line.length > n + 1) return false;
        // Every piece between the separators is text of the target (a clause, or a clipped one).
        return line.split(/[…，]/).filter(Boolean).every((piece) => body.includes(piece.replace(/…$/, '')));
      }),
    );
  });

  it('keeps a figure or a quoted name of a long target when a clause holding one fits (what the item is recognised by)', () => {
    for (const t of kb.keyTasks)
      for (const n of [40, 60, 90]) {
        const clauses = t.target.replace(/[。；;，,\s]+$/, '').split(/[，,；;。]/);
        const marked = clauses.filter((c) => /\d|[“《]/.test(c) && c.length + 2 <= n);
        if (t.target.length <= n || !marked.length) continue;
        expect(marked.some((c) => distinctive(kb, t.target, n).includes(c)), `第${t.no}项 @${n}: ${distinctive(kb, t.target, n)}`).toBe(true);
      }
  });

  it('gives long portfolios shorter lines and short ones room for the whole target', () => {
    expect(lineBudget(3)).toBe(100);
    expect(lineBudget(100)).toBe(40);
    for (let n = 1; n < 200; n++) expect(lineBudget(n + 1)).toBeLessThanOrEqual(lineBudget(n));
  });
});

describe('lists name every item', () => {
  it('every leader and every lead unit: each of its tasks on its own line, within the phone bound', () => {
    const holders = [...new Set([...kb.keyTasks.flatMap((t) => t.leaders), ...ctx.lexicon.units])];
    for (const name of holders) {
      const mine = kb.keyTasks.filter((t) => t.leaders.includes(name) || t.leadUnits.some((u) => u === name || u.startsWith(`${name}（`)));
      if (!mine.length) continue;
      const a = answer(`${name}牵头哪些`, ctx);
      expect(a.found, name).toBe(true);
      expect(a.text.split('\n')[0], name).toContain(`${mine.length}项`);
      for (const t of mine) expect(a.text, `${name} 第${t.no}项`).toMatch(new RegExp(`· 第${t.no}项 \\S`));
      expect(Buffer.byteLength(a.text)).toBeLessThan(6000);
    }
  });

  it('every holder in every relation, towns too, lists each task it is named on, within the WeCom stream limit', () => {
    const named = (cell: string[], n: string) => cell.some((u) => u === n || u.startsWith(`${n}（`));
    const holders = [...new Set([...kb.keyTasks.flatMap((t) => t.leaders), ...ctx.lexicon.units, ...ctx.lexicon.towns])];
    for (const name of holders) {
      const isLeader = kb.keyTasks.some((t) => t.leaders.includes(name));
      for (const [ask, on] of [
        ['牵头哪些，民生实事也算上', (t: (typeof kb.keyTasks)[number]) => (isLeader ? t.leaders.includes(name) : named(t.leadUnits, name))],
        ['参与哪些任务，牵头配合都算', (t: (typeof kb.keyTasks)[number]) => (isLeader ? t.leaders.includes(name) : named(t.leadUnits, name) || named(t.coUnits, name))],
      ] as const) {
        const mine = kb.keyTasks.filter(on);
        if (!mine.length) continue;
        const a = answer(`${name}${ask}`, ctx);
        for (const t of mine) expect(a.text, `${name}${ask} 第${t.no}项`).toMatch(new RegExp(`· 第${t.no}项 \\S`));
        expect(Buffer.byteLength(a.text), `${name}${ask}`).toBeLessThan(20480);
        for (const line of a.text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(260);
      }
    }
  });

  it('a unit’s co-operating 民生实事 sub-items are each named, not counted', () => {
    const a = answer('住建局配合哪些', ctx);
    const items = kb.livelihood.flatMap((p) => p.items.filter((i) => i.coUnits.includes('住建局')));
    expect(items.length).toBeGreaterThan(1);
    for (const i of items) expect(a.text).toContain(i.text.split(/[，,。；（(]/)[0]!.slice(0, 8));
  });
});

describe('grounding: a hit must hold the subject of the question', () => {
  const passages = kb.passages.filter((p) => p.text.length > 20);

  it('any piece of a passage, asked about, is held by that passage', () => {
    fc.assert(
      fc.property(fc.constantFrom(...passages), fc.nat(), fc.integer({ min: 2, max: 8 }), (p, seed, len) => {
        const runs = cjkRuns(p.text).filter((r) => r.length >= len);
        if (!runs.length) return true;
        const run = runs[seed % runs.length]!;
        const at = seed % (run.length - len + 1);
        const piece = run.slice(at, at + len);
        return grounded(piece, p.text) && longestGap(piece, p.text, false) === 0;
      }),
    );
  });

  it('a word the text lacks is a gap, a word split across the text is scattered', () => {
    expect(longestGap('机场建设进度', '对“三类”资金项目实行建设进度与支付进度对标管理')).toBeGreaterThanOrEqual(2);
    expect(longestGap('大学城', '关于申办第14届中国大学生龙舟锦标赛的请示')).toBeGreaterThanOrEqual(2);
    expect(scattered('新能源汽车产业园', '湖南工程机械配套产业园新能源重卡等汽车充电桩')).toBe(true);
    expect(grounded('海绵城市建设', '实施海绵城市建设、地下管网改新建工程')).toBe(true);
  });

  it('subjects made of two distant words of one passage are not taken for one thing', () => {
    // Appending a word no document has to a real subject always makes the question ungrounded.
    // A word whose every character the passage has may be its abbreviation (房价 of 房地产价格, as
    // gazette-332 showed), so such a pair says nothing about grounding and is skipped.
    fc.assert(
      fc.property(fc.constantFrom(...passages), fc.constantFrom('机场', '地铁站', '房价', '夜市', '航空港', '门票'), (p, alien) => {
        const run = cjkRuns(p.text)[0];
        if (!run || [...alien].every((c) => p.text.includes(c))) return true;
        return !grounded(`${run.slice(0, 4)}${alien}`, `${p.title} ${p.section.join(' ')} ${p.text}`);
      }),
    );
  });
});

describe('pinyin repair of topic words', () => {
  it('never changes text the documents contain', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kb.passages), (p) => {
        const s = p.text.slice(0, 120);
        return repairWords(s, ctx.words) === s;
      }),
      { numRuns: 200 },
    );
  });

  it('writes a slipped record word as the record writes it, and leaves numbers and asking words alone', () => {
    expect(repairWords('充电装多少个', ctx.words)).toBe('充电桩多少个');
    expect(repairWords('保障性住放多少套', ctx.words)).toBe('保障性住房多少套');
    expect(repairWords('民生实事第10项电网投多少钱', ctx.words)).toBe('民生实事第10项电网投多少钱');
    expect(repairWords('民生实事一共多少个子项', ctx.words)).toBe('民生实事一共多少个子项');
  });

  it('leaves an everyday word beside a record word alone (a dictionary word, not a slip)', () => {
    // 推进正|常 sounds like a record's 推进政…, 签约相|加 like 签约项…, 更新属|于 like 更新住…
    for (const q of ['推进正常的有几项', '归义街道跟新市街道家庭医生签约相加多少', '老旧电梯更新属于哪一级']) expect(repairWords(q, ctx.words)).toBe(q);
    // a slip whose edge makes a word too (提要) is still one when the repair makes a word inside (电梯)
    expect(repairWords('老旧电提要换几台', ctx.words)).toBe('老旧电梯要换几台');
  });
});

// The same mechanisms on a made-up county's list: nothing above depends on 汨罗's names.
const other = buildContext(madeUpCounty('新建口袋公园6个，完善城市绿道体系，推进滨江步道贯通，打造“十分钟公园圈”示范片区。'));

describe('a made-up county: negatives, qualifiers, years and slips by the same mechanisms', () => {
  const ask = (q: string) => answer(q, other);
  it('says found:false for a subject none of the leader’s records has, and for another year’s list', () => {
    expect(ask('龚山河牵头的地铁项目').found).toBe(false);
    expect(ask('2024年园林局牵头几项').found).toBe(false);
    expect(ask('第2项资金多少').found).toBe(false);
  });
  it('answers the qualifiers and the slip of a town’s full name', () => {
    expect(ask('第2项是水务局单独牵头吗').text).toContain('不是');
    expect(ask('第1项是园林局一个单位负责吗').text).toContain('是，园林局单独牵头');
    expect(ask('龚山河跟别人一起牵头的有哪些').text).toMatch(/共同牵头重点工作任务1项[\s\S]*第2项/);
    expect(ask('东湖真口袋公园几个').text).toContain('东湖镇');
    expect(ask('口袋公园加起来几个').text).toContain('6个');
  });
  it('shows the distinctive words of a long target in a list', () => {
    expect(ask('龚山河牵头哪些').text).toContain('十分钟公园圈');
  });
});
