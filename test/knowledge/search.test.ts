import { beforeAll, describe, expect, it } from 'vitest';
import { splitPassages } from '../../knowledge/parsers/passages.ts';
import {
  buildSearchIndex,
  makeSnippet,
  MIN_SCORE,
  queryTokens,
  searchPassages,
  SNIPPET_MAX,
  type SearchHit,
  type SearchIndex,
} from '../../knowledge/search.ts';
import { DOCS, readSource } from '../../knowledge/sources.ts';
import type { DocId, Passage } from '../../knowledge/types.ts';
import { isExpected, QUESTIONS } from '../bench/search-eval.ts';

let passages: Passage[];
let index: SearchIndex;

beforeAll(() => {
  passages = (Object.keys(DOCS) as DocId[]).flatMap((d) => splitPassages(d, readSource(d)));
  index = buildSearchIndex(passages);
});

const top = (q: string): SearchHit => {
  const hits = searchPassages(index, q);
  expect(hits.length, q).toBeGreaterThan(0);
  return hits[0]!;
};

describe('queryTokens', () => {
  it('drops question words so they do not dominate', () => {
    expect(queryTokens(index, '什么是三高四新')).toEqual(['三高', '高四', '四新']);
    const t = queryTokens(index, '城镇土地使用税怎么征收');
    expect(t).toContain('征收');
    expect(t.some((x) => /怎|么/.test(x))).toBe(false);
    expect(queryTokens(index, '是什么呢？吗')).toEqual([]);
  });

  it('adds synonyms the documents use', () => {
    expect(queryTokens(index, '2024年GDP增长多少')).toEqual(expect.arrayContaining(['2024', '地区', '总值']));
  });
});

describe('searchPassages', () => {
  it('answers the glossary question with the glossary note', () => {
    const h = top('什么是三高四新');
    expect(h.passage.doc).toBe('work-report');
    expect(h.passage.section[0]).toBe('注释');
    expect(h.passage.text.startsWith('“三高四新”：')).toBe(true);
  });

  it('finds an appointment by the person’s name', () => {
    const h = top('夏阳任什么职务');
    expect(h.passage.text).toBe('夏阳同志任市信访局副局长；');
    expect(h.passage.line).toBe(363);
    expect(top('黄水清任命').passage.line).toBe(393);
  });

  it('finds the land-use tax notice', () => {
    const h = top('城镇土地使用税怎么征收');
    expect(h.passage.doc).toBe('gazette');
    expect(h.passage.title).toContain('城镇土地使用税');
    expect(h.passage.line).toBeGreaterThanOrEqual(407);
    expect(h.passage.line).toBeLessThanOrEqual(485);
  });

  it('maps GDP to 地区生产总值 in the 2024 report', () => {
    const h = top('2024年GDP增长多少');
    expect(h.passage.doc).toBe('work-report');
    expect(h.passage.text).toContain('地区生产总值486.43亿元，增长5.0%');
    expect(h.snippet).toContain('486.43亿元');
  });

  it('answers concrete facts from the gazette and the bulletin', () => {
    expect(top('端午文化博物馆什么时候开放').passage.text).toContain('端午文化博物馆7月底前完成布展开放');
    expect(top('禁止开垦陡坡地面积有多大').passage.text).toContain('4885.46公顷');
    expect(top('第52次常务会议谁主持的').passage.text).toContain('市长马慧主持召开');
    expect(top('防风险保安全工作专班由谁担任召集人').passage.text).toContain('龚正伟');
    expect(top('2026年人大代表票决民生实事是哪几个项目').passage.text).toContain('农村自来水延伸扩面3个项目');
    expect(top('对非外贸进出口额多少').passage.text).toContain('8976.10万元');
    const lag = top('专报里哪些指标滞后');
    expect(lag.passage.doc).toBe('bulletin');
    expect(lag.passage.text).toContain('5项滞后');
  });

  it('answers "what did meeting 51 discuss" from that meeting, overview first', () => {
    const hits = searchPassages(index, '第51次常务会议研究了什么');
    expect(hits[0]!.passage.title).toBe('《2026年第51次常务会议纪要》');
    expect(hits[0]!.passage.section).toEqual(['议题概览']);
  });

  it('has the property-swap ratio within the top three', () => {
    const hits = searchPassages(index, '解危搬迁产权调换面积怎么算');
    expect(hits.some((h) => h.passage.text.includes('1:1.15'))).toBe(true);
  });

  it('returns [] for off-topic questions', () => {
    for (const q of ['今天天气怎么样', '帮我写一首诗', '美国总统是谁', '红烧肉怎么做', '明天股市会涨吗', 'Python怎么安装', '']) {
      expect(searchPassages(index, q), q).toEqual([]);
    }
  });

  it('returns at most `limit` hits, best first, all above the threshold, without duplicate texts', () => {
    const hits = searchPassages(index, '重点工作任务怎么跟踪调度', 5);
    expect(hits.length).toBeGreaterThan(1);
    expect(hits.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(MIN_SCORE);
    // the gazette reprints the key-tasks notice word for word: only one copy is returned
    expect(new Set(hits.map((h) => h.passage.text)).size).toBe(hits.length);
    expect(hits.filter((h) => h.passage.text.includes('常态化跟踪调度机制'))).toHaveLength(1);
    expect(searchPassages(index, '重点工作任务怎么跟踪调度', 1)).toHaveLength(1);
  });

  it('keeps the question-set hit rate (regression guard for test/fixtures/search-questions.json)', () => {
    const onTopic = QUESTIONS.filter((q) => !q.expectNone);
    let top1 = 0;
    let top3 = 0;
    for (const q of onTopic) {
      const hits = searchPassages(index, q.q, 3);
      const rank = hits.findIndex((h) => isExpected(q, h.passage));
      if (rank === 0) top1++;
      if (rank >= 0) top3++;
    }
    expect(top1 / onTopic.length).toBeGreaterThanOrEqual(0.85);
    expect(top3 / onTopic.length).toBeGreaterThanOrEqual(0.93);
    for (const q of QUESTIONS.filter((x) => x.expectNone)) expect(searchPassages(index, q.q), q.q).toEqual([]);
  });
  // Speed is measured by `npm run bench` (index build and per-question latency), not here.
});

describe('snippets', () => {
  it('are at most 120 chars around the match, with … at cuts', () => {
    for (const q of ['什么是三高四新', '2024年GDP增长多少', '端午文化博物馆什么时候开放', '春耕备耕投入了多少资金']) {
      for (const h of searchPassages(index, q)) {
        expect(h.snippet.length, q).toBeLessThanOrEqual(SNIPPET_MAX);
        if (h.passage.text.length <= SNIPPET_MAX) expect(h.snippet).toBe(h.passage.text);
        else expect(h.snippet.startsWith('…') || h.snippet.endsWith('…')).toBe(true);
        expect(h.passage.text).toContain(h.snippet.replace(/^…|…$/g, ''));
      }
    }
    expect(top('春耕备耕投入了多少资金').snippet).toContain('5000余万元');
  });

  it('start at a sentence boundary before the match and mark both cuts', () => {
    const text = '甲'.repeat(150) + '。重点句子在这里出现三高四新这个词。' + '乙'.repeat(150);
    const s = makeSnippet(text, ['三高', '四新']);
    expect(s.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(s.startsWith('…重点句子')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(makeSnippet('短文本。', ['短文'])).toBe('短文本。');
    // a match near the end: the snippet ends with the text and stays within the limit
    const tail = makeSnippet('甲'.repeat(200) + '。尾部有三高四新。', ['三高', '四新']);
    expect(tail.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(tail.startsWith('…')).toBe(true);
    expect(tail.endsWith('尾部有三高四新。')).toBe(true);
  });
});
