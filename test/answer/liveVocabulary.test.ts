// The spoken words of live questions (issue 13, class 11), as properties over the real knowledge:
// a scope's share of the work said as 盘子/那一摊子/那条线上/面上 is the scope; 拖了, 慢了, 落后于计划
// ask what lags; "未来N天/接下来N周" is so many days from today; a figure said in words (四百零八套)
// is the figure the documents write.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { liveReading } from '../../src/answer/live.ts';
import { spokenFigures } from '../../src/answer/spokenFigures.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { askContext } from '../../src/liveContext.ts';
import { addDays } from '../../src/progress/time.ts';
import { READ_ALL } from '../../src/progress/liveView.ts';
import { openDbFile } from '../../src/store/db.ts';

const base = knowledgeContext();
const ctx = askContext(base, { db: openDbFile(':memory:'), now: new Date('2026-06-26T02:00:00Z'), access: READ_ALL });
const reading = (q: string) => liveReading(q, ctx) ?? '';
const leaders = [...new Set(base.kb.keyTasks.flatMap((t) => t.leaders))];
const units = ['住建局', '水利局', '人社局', '农业农村局', '文旅广电局'];

describe("a scope's share of the work, in spoken words", () => {
  const AREA = ['分管的盘子现在怎样', '那一摊子整体情况如何', '那条线上进展咋样', '牵头的面上情况', '分管的 整体', '的进展概况'];
  it('is how that leader stands, for every leader and every word', () => {
    for (const who of leaders) for (const w of AREA) expect(reading(`${who}${w}`), `${who}${w}`).toContain(`（progress）：leader:${who}`);
  });
  it('asks what lags with 拖了, 慢了, 没跟上, 落后于计划 — for units and leaders alike', () => {
    const LAG = ['是不是拖了', '有没有慢了的', '那一摊子有没有没跟上进度的', '有没有落后于计划的', '那条线上滞后的'];
    for (const who of [...units, ...leaders.slice(0, 4)]) for (const w of LAG) expect(reading(`${who}${w}`), `${who}${w}`).toMatch(/（lag）：(?:unit|leader):/);
  });
  it('拖了后腿 stays one word, and 慢性病 is no lag', () => {
    expect(reading('哪些单位拖了后腿')).toContain('（lag）');
    expect(reading('慢性病签约服务谁牵头')).toBe('');
  });
});

describe('so many days or weeks from today', () => {
  it('未来N天 / 接下来N周 / 今后N个礼拜 run from today for N days or 7N days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.constantFrom('未来', '接下来', '今后'), fc.constantFrom('天', '周', '个礼拜'), (n, pre, unit) => {
        const days = unit === '天' ? n : 7 * n;
        const r = reading(`${pre}${n}${unit}有哪些节点到期`);
        expect(r).toContain('（period）');
        expect(r).toContain(`2026-06-26–${addDays('2026-06-26', days - 1)}`);
      }),
      { numRuns: 60 },
    );
  });
  it('X月底前 with 要/必须 is everything due from today up to that month end', () => {
    expect(reading('9月底前要交账的有哪几项')).toContain('9月底前 2026-06-26–2026-09-30');
    expect(reading('月底前必须完成的还有哪些')).toContain('2026-06-26–2026-06-30');
  });
});

/** n written the way it is said: 四百零八, 六千, 一万五千 */
function said(n: number): string {
  const D = '零一二三四五六七八九';
  const under = (k: number): string => {
    const parts: string[] = [];
    let zero = false;
    for (const [v, u] of [[1000, '千'], [100, '百'], [10, '十'], [1, '']] as const) {
      const d = Math.floor(k / v) % 10;
      if (!d) { zero = parts.length > 0; continue; }
      if (zero) parts.push('零');
      zero = false;
      parts.push(v === 10 && d === 1 && !parts.length ? '十' : D[d]! + u);
    }
    return parts.join('');
  };
  return n >= 10000 ? `${under(Math.floor(n / 10000))}万${n % 10000 ? (n % 10000 < 1000 ? '零' : '') + under(n % 10000) : ''}` : under(n);
}

describe('a figure said in words', () => {
  it('is written in digits before a measure word (under 一万; 万 kept as the documents write 2万人)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 9999 }), fc.constantFrom('套', '人', '个', '座', '元'), (n, m) => {
        expect(spokenFigures(`建设${said(n)}${m}`)).toBe(`建设${n}${m}`);
      }),
      { numRuns: 200 },
    );
    expect(spokenFigures('两万人')).toBe('2万人');
    expect(spokenFigures('一点五万人')).toBe('1.5万人');
  });
  it('leaves words that hold numerals alone: 三高四新, 十四五, 两个, 千家万户, 十几个', () => {
    for (const w of ['三高四新', '十四五规划', '两个', '千家万户', '十几个', '三四个', '二十多个']) expect(spokenFigures(w)).toBe(w);
  });
  it('finds the item the digits find: 保障性住房四百零八套 is 第28项', () => {
    const a = answer('保障性住房四百零八套现在搞到什么程度了', ctx);
    expect(a.text).toContain('第28项');
    expect(a.text).toContain('状态：');
  });
});
