// The lexicon: names from the records, short forms that need a role word, bracketed cells, and
// homophone slips by pinyin that must not turn an unrelated word into a name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLexicon, cellNames, findMentions, pinyinOf, repairNumberPrefix } from '../../knowledge/lexicon.ts';
import { loadKnowledge } from '../../knowledge/load.ts';

const lex = buildLexicon(loadKnowledge());
const names = (text: string) => findMentions(lex, text).map((m) => `${m.kind}:${m.canon}`);

describe('lexicon', () => {
  it('knows every leader, unit and town of the records', () => {
    expect(lex.leaders).toHaveLength(8);
    expect(lex.units).toContain('住建局');
    expect(lex.towns).toHaveLength(15);
    expect(names('市住建局牵头几项')).toEqual(['unit:住建局']);
    expect(names('住房和城乡建设局')).toEqual(['unit:住建局']);
    expect(names('曹市长分管哪些')).toEqual(['leader:曹陶']);
  });

  it('reads a short unit form only when a role word follows it', () => {
    expect(names('发改牵头哪些')).toEqual(['unit:发改局']);
    expect(names('住建那几项')).toEqual(['unit:住建局']);
    expect(names('交通牵头哪些')).toEqual(['unit:交通运输局']);
    expect(names('科技创新平台谁牵头')).toEqual([]);
    expect(names('交通安全隐患清零')).toEqual([]);
  });

  it('counts 发改局（国动办） for 发改局 and for 国动办', () => {
    expect(cellNames('发改局（国动办）', '发改局')).toBe(true);
    expect(cellNames('发改局（国动办）', '国动办')).toBe(true);
    expect(cellNames('发改局（国动办）', '人武部')).toBe(false);
    expect(names('国动办负责什么')).toEqual(['unit:国动办']);
  });

  it('matches homophone slips of names by pinyin', () => {
    expect(names('住健局牵头几项')).toEqual(['unit:住建局']);
    expect(names('杨胜牵头哪些')).toEqual(['leader:杨盛']);
    expect(names('白税镇和美湘村')).toEqual(['town:白水镇']);
    const m = findMentions(lex, '卫建局牵头几项')[0]!;
    expect(m).toMatchObject({ canon: '卫健局', written: '卫建局', via: 'pinyin' });
  });

  it('does not make names of words that only sound alike', () => {
    // 付市长 sounds like 副市长: the surname is what tells who, so it must be written.
    expect(names('哪位副市长牵头最多')).toEqual([]);
    // two-character homophones need a role word after them
    expect(names('杨胜利')).toEqual([]);
    expect(names('汨罗江')).toEqual([]);
    expect(names('张三负责哪些任务')).toEqual([]);
  });

  it('repairs a homophone of 第 before an item number, and nothing else', () => {
    expect(repairNumberPrefix('弟28项')).toBe('第28项');
    expect(repairNumberPrefix('递二十八项谁牵头')).toBe('第二十八项谁牵头');
    expect(repairNumberPrefix('年底3个')).toBe('年底3个');
    expect(repairNumberPrefix('曹陶的3项任务')).toBe('曹陶的3项任务');
    expect(repairNumberPrefix('不低于11个')).toBe('不低于11个');
  });

  it('finds non-overlapping mentions whose pinyin is the alias pinyin', () => {
    const pool = [...new Set(lex.entries.flatMap((e) => [...e.alias]))].concat([...'的和都牵头负责几项哪些健胜税']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        const ms = findMentions(lex, text);
        for (let i = 1; i < ms.length; i++) expect(ms[i]!.at).toBeGreaterThanOrEqual(ms[i - 1]!.end);
        for (const m of ms) {
          expect(text.slice(m.at, m.end)).toBe(m.written);
          if (m.via === 'pinyin') {
            expect(pinyinOf(m.written)).toEqual(pinyinOf(m.alias));
            const diff = [...m.alias].filter((c, i) => c !== m.written[i]).length;
            expect(diff).toBeLessThanOrEqual(m.alias.length >= 4 ? 2 : 1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('surname slips of the pinyin IME', () => {
  const leaders = [...new Set(lex.entries.filter((e) => e.kind === 'leader').map((e) => e.canon))];
  const unique = leaders.filter((p) => leaders.filter((o) => o[0] === p[0]).length === 1);

  it('付 for 副 after a leader surname: 曹付市长 is 曹副市长, never 付文勇', () => {
    for (const p of unique.filter((x) => x[0] !== '付')) expect(names(`${p[0]}付市长牵头几项`), p).toEqual([`leader:${p}`]);
  });

  it('a common surname no leader has, of the sound of exactly one leader surname, is that leader', () => {
    expect(names('傅市长牵头几项')).toEqual(names('付市长牵头几项'));
    // two leaders of that sound (吴艳平, 吴侃): 武市长 names no one; nor does the bare title
    const wu = leaders.filter((p) => p[0] === '吴');
    if (wu.length > 1) expect(names('武市长牵头几项').filter((n) => n.startsWith('leader:'))).toEqual([]);
    expect(names('副市长牵头几项').filter((n) => n.startsWith('leader:'))).toEqual([]);
    expect(names('常务副市长牵头几项').filter((n) => n.startsWith('leader:'))).toEqual([]);
  });
});
