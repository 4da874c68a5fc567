// "开局八好专报第2期里突出问题有哪些", "专报主要指标有几类": a named document's section asked as a
// whole is answered by every passage under that heading, each by its own run-in heading (一是项目推进
// 不均衡…), so no point is dropped; a question about one thing within it goes to the passages.
import type { DocId, Passage, SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, DOC_LABEL } from '../format.ts';
import { contentTerms, coverage, sentences } from '../quote.ts';
import type { Answer } from '../types.ts';

/** A whole section asked: its items listed or counted. */
const ASKS_ALL = /哪些|哪几|有什么|有啥|都是啥|都是什么|是什么|是啥|几条|几个|几点|几类|几项|几方面|多少条|多少个|多少项|列一下|说说|讲讲|内容/;
/** Words that say where and how, not which section. */
const NOT_SECTION = /开局八好|工作专报|专报|简报|公报|第\s*\d+\s*期|第[一二三四五六七八九十]期|里面|里头|里|中|上|提到|提了|提出的|说了|说的|讲了|讲的|写了|写的|列出的|列出|列了|列的|的|有?哪些|有?哪几[条个点类项]?|有什么|有啥|都是啥|都是什么|是什么|是啥|都有|都|有?(?:几条|几个|几点|几类|几项|几方面|多少条|多少个|多少项)|一共|总共|分别|列一下|说说|讲讲|内容|主要|分(?:了|成了?|为)?(?=\s*(?:哪|几|多少))/g;

export function sectionList(ctx: AnswerContext, question: string, docs: readonly DocId[]): Answer | null {
  if (!docs.length || !ASKS_ALL.test(question) || /第\s*[一二三四五六七八九十\d]+\s*(?:条|点|个问题|方面)/.test(question)) return null;
  const terms = contentTerms(question.replace(NOT_SECTION, ' '));
  if (!terms.length) return null;
  const bySection = new Map<string, Passage[]>();
  for (const p of ctx.kb.passages) {
    if (!docs.includes(p.doc) || p.section.length !== 1 || /^(?:文头|落款)$/.test(p.section[0]!)) continue;
    const key = `${p.doc}|${p.title}|${p.section[0]}`;
    bySection.set(key, [...(bySection.get(key) ?? []), p]);
  }
  // The section whose heading is the whole of what is asked (突出问题), not one that shares a word.
  const fit = [...bySection.entries()].filter(([key, ps]) => {
    const name = key.split('|')[2]!;
    return ps.length >= 2 && coverage(terms, name) === 1 && coverage(contentTerms(name), question) >= 0.5;
  });
  if (fit.length !== 1) return null;
  const [key, ps] = fit[0]!;
  const name = key.split('|')[2]!;
  const items = ps.sort((a, b) => a.line - b.line).map((p) => clip((sentences(p.text)[0] ?? p.text).replace(/\*\*/g, '').replace(/[。；;]$/, ''), 60));
  const p0 = ps[0]!;
  const ref: SourceRef = { doc: p0.doc, title: p0.title, locator: name, line: p0.line };
  return {
    found: true,
    text: [`${DOC_LABEL[p0.doc]}「${name}」共${items.length}条：`, ...items.map((x, i) => `${i + 1}. ${x}`), `来源：${DOC_LABEL[p0.doc]} ${name}`].join('\n'),
    refs: [ref],
  };
}
