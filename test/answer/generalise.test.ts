// The structured classes' general rules, as properties over every record they apply to rather
// than over the questions they were found with: every person the documents name survives a
// homophone slip, every item number survives every way of writing it, every town's rank is read
// off the table, every appointment's post lists the person.
import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { answer } from '../../src/answer/answer.ts';
import { appointments } from '../../src/answer/intents/appointments.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();
const squash = (s: string) => s.replace(/\s+/g, '');

/** A character that sounds like `c` and is not `c`, from the documents' own characters. */
function homophoneOf(c: string, avoid: Set<string>): string | undefined {
  const py = pinyin(c, { toneType: 'none' });
  for (const d of '惠会汇慧墙强蔷民敏明君军均佳家加阳洋杨波博泊宏红弘泓') if (d !== c && !avoid.has(d) && pinyin(d, { toneType: 'none' }) === py) return d;
  return undefined;
}

describe('people the documents name', () => {
  const people = ctx.lexicon.people;
  it('are found in the gazette (appointees, the mayor)', () => {
    expect(people).toEqual(expect.arrayContaining(['马慧', '许强', '黎敏', '黄文军']));
    // A town inside a historical name (任弼时) is not a person.
    expect(people).not.toContain('弼时');
  });

  it('survive a homophone slip of the last character when asked what post they hold (任什么)', () => {
    let tried = 0;
    for (const p of people) {
      const last = p[p.length - 1]!;
      const slip = homophoneOf(last, new Set(p));
      if (!slip) continue;
      const q = `${p.slice(0, -1)}${slip}任什么`;
      if (people.some((o) => o !== p && pinyin(o, { toneType: 'none' }) === pinyin(p, { toneType: 'none' }))) continue;
      tried++;
      expect(squash(answer(q, ctx).text), q).toContain(p);
    }
    expect(tried).toBeGreaterThanOrEqual(4);
  });
});

describe('item numbers', () => {
  it('are read in every written form for every key task', () => {
    for (const t of ctx.kb.keyTasks) {
      const head = `第${t.no}项`;
      for (const q of [`No.${t.no}`, `#${t.no}谁牵头`, `编号为${t.no}的任务`, `序号是${t.no}`, `第${t.no}个任务`, `${t.no}号任务谁负责`]) expect(answer(q, ctx).text.startsWith(head), q).toBe(true);
    }
  });
});

describe('the town table ranked', () => {
  it('names the second town of every indicator with distinct figures as the second largest', () => {
    const inds = ctx.kb.indicators.filter((i) => i.towns && new Set(Object.values(i.towns)).size > 2 && i.unit !== '%');
    expect(inds.length).toBeGreaterThanOrEqual(2);
    for (const ind of inds) {
      const values = [...new Set(Object.values(ind.towns!).filter((v) => v > 0))].sort((a, b) => b - a);
      const second = Object.entries(ind.towns!).filter(([, v]) => v === values[1]).map(([t]) => t);
      const q = `${ind.text.replace(/[，,（(].*$/, '').slice(0, 12)}哪个镇排第二`;
      const a = answer(q, ctx);
      if (!a.text.includes(ind.text.slice(0, 10))) continue; // the words chose another row: not this rule's business
      const line = a.text.split('\n').find((l) => l.startsWith('第2：'));
      expect(line, q).toBeDefined();
      for (const t of second) expect(line, q).toContain(t);
    }
  });
});

describe('appointments', () => {
  it('list every person appointed to each post asked for', () => {
    const posts = [...new Set(appointments(ctx).filter((a) => a.kind === '任' && /局副局长$/.test(a.post)).map((a) => a.post))];
    expect(posts.length).toBeGreaterThan(3);
    for (const post of posts) {
      const who = appointments(ctx).filter((a) => a.kind === '任' && a.post === post).map((a) => a.person);
      const text = answer(`这次任命了哪几个${post}`, ctx).text;
      for (const p of who) expect(text, post).toContain(p);
    }
  });
});

describe('who else leads an item', () => {
  it('names every co-leader of every jointly led key task, asked as "N项X跟谁一起牵头"', () => {
    const joint = ctx.kb.keyTasks.filter((t) => t.leaders.length > 1);
    expect(joint.length).toBeGreaterThan(10);
    for (const t of joint) {
      const [asked, ...others] = t.leaders;
      const text = answer(`${t.no}项${asked}跟谁一起牵头`, ctx).text;
      expect(text.startsWith(`第${t.no}项`), `${t.no}`).toBe(true);
      for (const o of others) expect(text, `${t.no}`).toContain(o);
    }
  });

  it('says a leader is not on an item rather than listing "besides" him', () => {
    const leaders = ctx.lexicon.leaders;
    for (const t of ctx.kb.keyTasks.slice(0, 30)) {
      const absent = leaders.find((l) => !t.leaders.includes(l));
      if (!absent) continue;
      expect(answer(`${t.no}项${absent}和谁一起负责`, ctx).text, `${t.no}`).toContain(`${absent}不是这项的牵头领导`);
    }
  });
});

describe('two leaders on the same tasks', () => {
  it('lists every task both lead, however the pair is said', () => {
    const leaders = ctx.lexicon.leaders;
    let tried = 0;
    for (const a of leaders)
      for (const b of leaders) {
        if (a >= b) continue;
        const both = ctx.kb.keyTasks.filter((t) => t.leaders.includes(a) && t.leaders.includes(b)).map((t) => t.no);
        if (!both.length) continue;
        tried++;
        for (const q of [`${a}和${b}两个人都挂名牵头的任务有哪些`, `${a}跟${b}俩都负责的有哪些`]) {
          const text = answer(q, ctx).text;
          for (const n of both) expect(text, q).toMatch(new RegExp(`第(?:[\\d、]*、)?${n}(?:、[\\d、]*)?项`));
        }
      }
    expect(tried).toBeGreaterThan(5);
  });
});

describe('the town table filtered', () => {
  const inds = ctx.kb.indicators.filter((i) => i.towns && i.unit !== '%' && new Set(Object.values(i.towns)).size > 2);

  it('names exactly the towns with a given figure', () => {
    expect(inds.length).toBeGreaterThanOrEqual(2);
    let tried = 0;
    for (const ind of inds) {
      const name = ind.text.replace(/[，,（(].*$/, '').replace(/\d+(?:\.\d+)?[^\d]*$/, '').slice(0, 12);
      for (const v of new Set(Object.values(ind.towns!).filter((x) => x > 0 && Number.isInteger(x)))) {
        const q = `${name}${v}${ind.unit}的是哪几个镇`;
        const a = answer(q, ctx);
        if (!a.text.includes(ind.text.slice(0, 8))) continue; // the words chose another row
        tried++;
        const line = a.text.split('\n').find((l) => l.startsWith(`${v}${ind.unit}的镇`));
        expect(line, q).toBeDefined();
        for (const [t, x] of Object.entries(ind.towns!)) if (x === v) expect(line, q).toContain(t);
        for (const [t, x] of Object.entries(ind.towns!)) if (x !== v) expect(line, q).not.toContain(`${t}${x}`);
      }
    }
    expect(tried).toBeGreaterThanOrEqual(5);
  });

  it('ranks towns only when the streets are left out', () => {
    let tried = 0;
    for (const ind of inds) {
      const name = ind.text.replace(/[，,（(].*$/, '').slice(0, 12);
      const q = `只看镇不算街道，${name}哪个镇最多`;
      const a = answer(q, ctx);
      if (!a.text.includes(ind.text.slice(0, 8))) continue;
      tried++;
      const towns = Object.entries(ind.towns!).filter(([t]) => !t.endsWith('街道'));
      const top = Math.max(...towns.map(([, v]) => v));
      const line = a.text.split('\n').find((l) => l.startsWith('最多：'));
      expect(line, q).toBeDefined();
      for (const [t, v] of towns) if (v === top) expect(line, q).toContain(t);
      expect(line, q).not.toMatch(/街道/);
    }
    expect(tried).toBeGreaterThanOrEqual(2);
  });
});
