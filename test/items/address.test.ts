// The addressing module: every list's address reads back to the ref it was written from, store
// numbers are a bijection that never collides with a key task's number, and bad addresses are
// refused with a reply naming them rather than read as a nearby item.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOWNS } from '../../knowledge/normalize.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { decodeItemNo, encodeItemNo, formatItemRef, parseItemAddress, parseItemRef, resolveTown, type ItemRef } from '../../src/items/address.ts';
import { buildCatalog, lookupItem } from '../../src/items/catalog.ts';
import { parseCommand } from '../../src/commands/all.ts';

const n = (max: number) => fc.integer({ min: 1, max });
const refArb: fc.Arbitrary<ItemRef> = fc.oneof(
  n(999_999).map((no) => ({ kind: 'key' as const, no })),
  fc.record({ kind: fc.constant('livelihood' as const), project: n(999), item: fc.option(n(999), { nil: null }) }),
  fc.record({ kind: fc.constant('voted' as const), no: n(999_999) }),
  fc.record({ kind: fc.constant('indicator' as const), no: n(9_999), town: fc.option(fc.constantFrom(...TOWNS), { nil: null }) }),
  fc.record({ kind: fc.constant('measure' as const), plan: n(999), measure: fc.option(n(999), { nil: null }) }),
);

describe('item addresses', () => {
  it('format → parse gives the same ref back, for every list (key tasks are the parser’s own numbers)', () => {
    fc.assert(
      fc.property(refArb.filter((r) => r.kind !== 'key'), fc.constantFrom('', ' 完成2座', '：已开工'), (r, tail) => {
        const text = formatItemRef(r) + tail;
        const p = parseItemAddress(text);
        expect(p && 'ref' in p ? p.ref : p).toEqual(r);
        if (p && 'ref' in p) expect(text.slice(p.length).replace(/^[\s：]+/, '')).toBe(tail.replace(/^[\s：]+/, ''));
      }),
    );
  });

  it('store numbers are a bijection, and only key tasks get numbers the parser accepts as task numbers', () => {
    fc.assert(
      fc.property(refArb, (r) => {
        const no = encodeItemNo(r);
        expect(decodeItemNo(no)).toEqual(r);
        expect(no < 1_000_000).toBe(r.kind === 'key');
      }),
    );
    fc.assert(fc.property(refArb, refArb, (a, b) => (encodeItemNo(a) === encodeItemNo(b)) === (JSON.stringify(a) === JSON.stringify(b))));
  });

  it('reads the forms people write', () => {
    const ref = (s: string) => {
      const p = parseItemAddress(s);
      return p && 'ref' in p ? p.ref : p;
    };
    expect(ref('民生实事第6项')).toEqual({ kind: 'livelihood', project: 6, item: null });
    expect(ref('民生6-2 已完成')).toEqual({ kind: 'livelihood', project: 6, item: 2 });
    expect(ref('票决第1项')).toEqual({ kind: 'voted', no: 1 });
    expect(ref('指标43白塘完成2座')).toEqual({ kind: 'indicator', no: 43, town: '白塘镇' });
    expect(ref('指标43 归义街道办 完成1座')).toEqual({ kind: 'indicator', no: 43, town: '归义街道' });
    expect(ref('开局八好1.4')).toEqual({ kind: 'measure', plan: 1, measure: 4 });
    expect(ref('八好十二.三')).toEqual({ kind: 'measure', plan: 12, measure: 3 });
    // a number after a space is text, not a sub-item: 民生14 3座 is project 14 with "3座"
    expect(ref('民生14 3座已更新')).toEqual({ kind: 'livelihood', project: 14, item: null });
    expect(parseItemAddress('28 已开工')).toBeNull();
    expect(parseItemAddress('完成民生实事')).toBeNull();
  });

  it('refuses what is not an address of a list, naming it', () => {
    for (const [s, word] of [['民生-1 好', '民生-1'], ['指标31.5 好', '指标31.5'], ['民生6% 好', '民生6%'], ['八好0.3', '八好0.3'], ['民生0 好', '民生0']] as const) {
      const p = parseItemAddress(s);
      expect(p && 'error' in p ? p.error : p).toContain(`编号“${word}”不对`);
    }
    const town = parseItemAddress('指标31 不存在镇 完成2个');
    expect(town && 'error' in town ? town.error : town).toContain('没有“不存在镇”这个镇（街道）');
    const none = parseItemAddress('民生 完成');
    expect(none && 'error' in none ? none.error : none).toContain('请在“民生”后写编号');
  });

  it('any text after a list word parses to a stored number of that address, or a reply; it never throws', () => {
    const words = ['民生', '民生实事', '票决', '指标', '八好', '开局八好'];
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.string({ maxLength: 24 }), fc.constantFrom('/进展 ', '/节点 ', '/撤回 ', '/更正 '), (w, rest, verb) => {
        const c = parseCommand(verb + w + rest, { year: 2026 });
        expect(c).not.toBeNull();
        if (c && 'ref' in c && c.ref) expect((c as { taskNo: number }).taskNo).toBe(encodeItemNo(c.ref));
        if (c && c.kind === 'invalid') expect(c.reply).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 500 },
    );
  });

  it('parseItemRef (the one entry point for new commands) agrees with /进展 on key numbers and addresses', () => {
    const keyForms = (n: number) => [`${n}`, `第${n}项`, `${n}项`, `#${n}`, `任务${n}`, `「第${n}项」`];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.nat(5), (n, i) => {
        const form = keyForms(n)[i]!;
        const mine = parseItemRef(`${form} 已开工`);
        const cmd = parseCommand(`/进展 ${form} 已开工`, { year: 2026 });
        expect(mine).toEqual({ ref: { kind: 'key', no: n }, rest: '已开工' });
        expect(cmd).toMatchObject({ kind: 'report', taskNo: n, text: '已开工' });
      }),
    );
    fc.assert(
      fc.property(refArb.filter((r) => r.kind !== 'key'), (r) => {
        const mine = parseItemRef(`${formatItemRef(r)} 已开工`);
        const cmd = parseCommand(`/进展 ${formatItemRef(r)} 已开工`, { year: 2026 });
        expect(mine).toEqual({ ref: r, rest: '已开工' });
        expect(cmd).toMatchObject({ kind: 'report', ref: r, taskNo: encodeItemNo(r) });
      }),
    );
    expect(parseItemRef('第二十八项 好')).toEqual({ ref: { kind: 'key', no: 28 }, rest: '好' });
    for (const bad of ['28.5 好', '-1 好', '1e9', '28% 好', '第9999999项', '6月底']) expect(parseItemRef(bad), bad).toHaveProperty('error');
    for (const none of ['项目已开工', '已开工', '']) expect(parseItemRef(none), none).toBeNull();
  });

  it('knows every town by its short form, and no other word', () => {
    for (const t of TOWNS) {
      expect(resolveTown(t)).toBe(t);
      if (t !== '汨罗镇') expect(resolveTown(t.replace(/(街道|镇)$/, ''))).toBe(t);
    }
    expect(resolveTown('汨罗')).toBeUndefined();
  });
});

describe('item lookup', () => {
  const kb = loadKnowledge();
  const c = buildCatalog(kb);

  it('has every list: 69 key tasks, 45 民生实事 sub-items, 158 开局八好 measures, a cell per town with a figure', () => {
    expect(c.ofKind('key')).toHaveLength(kb.keyTasks.length);
    expect(c.ofKind('livelihood')).toHaveLength(kb.livelihood.reduce((s, p) => s + p.items.length, 0));
    expect(c.ofKind('measure')).toHaveLength(kb.measures.length);
    const cells = kb.indicators.flatMap((i) => Object.entries(i.towns ?? {}).filter(([, v]) => v > 0));
    expect(c.ofKind('indicator')).toHaveLength(cells.length);
    // every item is found again by its own address
    for (const x of c.all) {
      const hit = lookupItem(c, x.ref);
      expect('item' in hit ? hit.item.no : hit.error).toBe(x.no);
    }
  });

  it('gives a cell its town as the one who reports and the number the town owes', () => {
    const hit = lookupItem(c, { kind: 'indicator', no: 43, town: '白塘镇' });
    expect('item' in hit && hit.item).toMatchObject({ label: '指标43（白塘镇）', leadUnits: ['白塘镇'], quota: { amount: 8, unit: '座' }, towns: ['白塘镇'] });
    // without a town, a liaison bound to one town gets its own cell
    const own = lookupItem(c, { kind: 'indicator', no: 43, town: null }, { units: ['白塘镇'] });
    expect('item' in own && own.item.label).toBe('指标43（白塘镇）');
  });

  it('answers unknown and ambiguous addresses in Chinese, naming what exists', () => {
    const err = (r: ItemRef) => {
      const h = lookupItem(c, r);
      return 'error' in h ? h.error : `found ${h.item.label}`;
    };
    expect(err({ kind: 'livelihood', project: 99, item: null })).toContain('没有民生实事第99项');
    expect(err({ kind: 'livelihood', project: 6, item: null })).toMatch(/有2个子项[\s\S]*民生6\.1[\s\S]*民生6\.2/);
    expect(err({ kind: 'livelihood', project: 6, item: 9 })).toContain('只有2个子项');
    expect(err({ kind: 'indicator', no: 99, town: null })).toContain('没有第99个指标');
    expect(err({ kind: 'indicator', no: 8, town: null })).toContain('没有分到镇街');
    expect(err({ kind: 'indicator', no: 43, town: null })).toContain('白塘镇8');
    expect(err({ kind: 'measure', plan: 9, measure: 1 })).toContain('没有八好9');
    expect(err({ kind: 'voted', no: 9 })).toContain('没有票决第9项');
  });

  it('the museum measure carries its 7月底前 deadline; 汛期前 follows the configured season', () => {
    const museum = c.all.find((x) => x.kind === 'measure' && x.target.includes('端午文化博物馆'))!;
    expect(formatItemRef(museum.ref)).toBe('八好1.4');
    expect(museum.milestones).toEqual([expect.objectContaining({ date: '2026-07-31', label: '7月底前' })]);
    const flood = { ...kb, measures: [{ ...kb.measures[10]!, text: '加固堤防，力争在汛期前完成整治任务。' }, ...kb.measures.slice(11)] };
    const may = buildCatalog(flood, { floodSeasonStart: '05-01' }).all.find((x) => x.target.includes('汛期前'))!;
    expect(may.milestones).toEqual([expect.objectContaining({ date: '2026-04-30', label: '汛期前' })]);
    const april = buildCatalog(flood).all.find((x) => x.target.includes('汛期前'))!;
    expect(april.milestones?.[0]?.date).toBe('2026-03-31');
  });
});
