// Another city or county asked of ("长沙市GDP多少", "岳阳县牵头几项"): the documents are 汨罗市's,
// so such a question is told so, unless the documents do speak of that place's matter.
import type { AnswerContext } from './context.ts';
import { contentTerms, dropAskedUnits, sentences } from './quote.ts';
import { grounded, QUOTE_WHOLE } from './passageAnswer.ts';

/** Places whose matters the documents hold: the city itself, its prefecture and province
 * (the 民生实事 are 省、岳阳市 projects). */
const OWN_PLACES = /^(汨罗市|岳阳市|湖南省)$/;
/** Words before 区 that make it a site (安置区, 园区, 小区, 片区, 景区, 示范区, 开发区). */
const SITE = /(?:安置|园|小|片|景|社|示范|开发|集聚|产业|工业|新|城|库|保护|功能|服务)$/;
/** Characters that make the words before 市/县/区 something other than a place name (文明城市,
 * 各位市领导, 全市, 本区). */
const NOT_A_PLACE = /[城各全本该我每位个级在的和与是要]/;

/** "长沙市GDP多少", "岳阳县牵头几项": a question about another city or county. The documents
 * mention other places in passing (a letter to 岳阳县), which a text match would offer as if it
 * answered the question. */
/** Whether the documents speak of that place's own subject asked: a sentence (with its headings)
 * that names the place and holds the rest of the question (the gazette's 屈原管理区 land-tax
 * grades), not the place named in passing (岳阳县 among neighbours). */
export function placeSpokenOf(ctx: AnswerContext, question: string, place: string): boolean {
  const rest = dropAskedUnits(question.replace(place, ' ').replace(/多少钱?|几个|有?哪[几些个]?|几|什么|啥|咋|怎么样|是/g, ' '));
  if (contentTerms(rest).length < 2) return false;
  return ctx.kb.passages.some((p) => (p.text.includes(place) || p.title.includes(place)) &&
    [p.title, ...(p.text.length <= QUOTE_WHOLE ? [p.text] : sentences(p.text))].some((x) => x.includes(place) && grounded(rest, `${p.title} ${p.section.join(' ')} ${x}`)));
}

/** "生态经济区明星谁牵头", "扎实办好省市…": the place-shaped word is the start of a phrase the
 * documents write as it is asked (洞庭湖生态经济区明星), so it names no other county. */
export function placeInPhrase(ctx: AnswerContext, question: string, place: string): boolean {
  const next = question.slice(question.indexOf(place) + place.length).match(/^(?:(?!谁|哪|什么|啥|几|多少|吗|呢|是|的|有|归|由)[\u4e00-\u9fa5]){1,2}/)?.[0];
  if (!next || !/^[\u4e00-\u9fa5]+$/.test(next)) return false;
  const phrase = place + next;
  return ctx.kb.passages.some((p) => p.text.includes(phrase)) || ctx.kb.keyTasks.some((t) => t.target.includes(phrase)) || ctx.kb.measures.some((m) => m.text.includes(phrase));
}

export function otherPlace(text: string): string | undefined {
  // "新认定省、岳阳市级创新平台": 省 before an enumeration of levels is 省级, not a province.
  const m = text.match(/^([\u4e00-\u9fa5]{2,4}?)(市|县|区|省)(?![级直场民长委政属内里域]|[、和及与][\u4e00-\u9fa5]{0,4}级)/);
  if (!m || NOT_A_PLACE.test(m[1]!) || OWN_PLACES.test(m[1]! + m[2]!)) return undefined;
  // "同意汨罗市…", "调整汨罗市…": a verb before the city's own name, not another place.
  if (/(?:汨罗|岳阳)市$|湖南省$/.test(m[1]! + m[2]!)) return undefined;
  // 依法治市, 科教兴市, 工业强县: a verb and its object (the place governed, built up), a slogan of
  // the city's own work, not a place's name.
  if (/^[\u4e00-\u9fa5]{2}[治兴强]$/.test(m[1]!)) return undefined;
  // 窑洲安置区, 循环经济园区, 龙舟动力小区: a site within the city, not a county.
  if (m[2] === '区' && SITE.test(m[1]!)) return undefined;
  // "今年地区生产总值": 地区 is a region, and a time word does not begin a place name.
  if ((m[2] === '区' && m[1]!.endsWith('地')) || /^(?:今年|明年|去年|前年|本年|\d)/.test(m[1]!)) return undefined;
  return m[1]! + m[2]!;
}

