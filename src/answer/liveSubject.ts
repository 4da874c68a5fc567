// "保障房建得怎么样了", "白水镇和美湘村进展怎么样", "大学生创业孵化基地进度": a live question whose
// subject is named by its words, not by an address. The documents' answer pins the subject; the
// supervised items are the ones that answer stands on (its sources), a town's cell of an
// indicator when the question names the town. Anything less sure stays the documents' answer.
import type { SupervisedItem } from '../items/catalog.ts';
import type { SourceRef } from '../../knowledge/types.ts';
import { DONE_VERB, DONE_YET, FEASIBLE } from './liveRead.ts';
import { askedPeriod } from './periods.ts';
import type { LiveView } from './liveView.ts';

/** Words of how a thing stands, the verb before 得 with them ("建得怎么样"): what is left is the
 * subject the documents are asked about. */
const STANDING_WORDS = new RegExp(`${DONE_YET.source}|(?:${DONE_VERB}|[\\u4e00-\\u9fff](?=了))?了?(?:几|多少)(?:个|台|家|套|座|户|所|条|人|场|次|万|亩|张)?了?|${String.raw`(?:(?:推进|落实|完成|开展|实施|进行|建设|改造|整治|办理)得|[\u4e00-\u9fff]得)?(?:怎么样|咋样|怎样|如何)了?|进展|进度|推进情况|完成情况|落实情况|啥情况|什么情况|情况如何|情况|动静|状态|到哪(?:一步|一块|儿|里)?了?|(?:弄|搞|做|干|进行|推进|建)?到(?:啥|什么|哪个|哪种)(?:程度|地步|阶段|位置)了?|(?:弄|搞|做|干|进行|推进|建)到哪(?:一步|一块|儿|里)?了?|还?顺利(?:吧|吗|不)?|顺不顺利|完成(?:了)?多少(?:个|台|家|套|座|户|所|条|人|场|次|万|亩|张)?了?|(?:离|距离?)(?:目标)?[\d.]+[^\s，。？?]{0,3}?还差(?:好多|多少|几|多远)?|完成率|[那这](?:\d{1,4}|[两几三四五六七八九十])?(?:个人|个|项|家|台|座|户|套|件事|块)(?:数字?|指标)?|(?:到|截至|截止)目前(?:为止)?|目前为止|后面|后续|(?:的事)?[\u4e00-\u9fff]?下来了?(?:吗|没有?|吧)?|(?:做|干|搞|弄|建|修)?完了?没(?:有)?|报了没|报没报|报了吗|有没有报|(?:报上来|上报|填报)的|多少$|现在|目前|眼下|当前|最新|最近|了吗|了没|了|呢|吗|啊|呀|吧`}`, 'g');

/** Whether it will make its node by a day ("6月底能按时签完不"), and 人大 before 票决 (the list, not
 * the congress's notice): no words of the subject. */
const BESIDE_SUBJECT = new RegExp(`(?:${FEASIBLE.source})[不吗]?|(?:的)?节点|按时|按期|如期|人大(?:代表)?(?=票决)`, 'g');

export function subjectWords(question: string): string {
  const p = askedPeriod(question);
  const q = p ? question.slice(0, p.at) + ' ' + question.slice(p.end) : question;
  return q.replace(BESIDE_SUBJECT, ' ').replace(STANDING_WORDS, ' ').replace(/[\s?？!！。，,、：:；;]+/g, ' ').trim();
}

/** At most this many items are answered one by one (民生实事第3项 has 5 sub-items). */
const MAX_SUBJECT_ITEMS = 6;

/** The items a documents' answer stands on; [] when it is not about supervised items or would be
 * too many to be one subject. */
export function itemsOfRefs(view: LiveView, refs: readonly SourceRef[], towns: readonly string[]): SupervisedItem[] {
  const out: SupervisedItem[] = [];
  for (const ref of refs) {
    // a voted project is reported (and judged) as its key task
    const voted = view.catalog.kb.voted.find((v) => v.keyTask !== undefined && v.source.title === ref.title && v.source.locator === ref.locator);
    const same = voted ? view.catalog.all.filter((x) => x.kind === 'key' && x.no === voted.keyTask) : view.catalog.all.filter((x) => x.source.doc === ref.doc && x.source.title === ref.title && x.source.locator === ref.locator);
    // a row of the per-town table with no town cells (全市7台) is only the breakdown of the item
    // the answer names beside it; any other unsupervised source means the subject is not an item
    if (!same.length && view.catalog.kb.indicators.some((i) => i.source.title === ref.title && i.source.locator === ref.locator)) continue;
    if (!same.length) return [];
    let pick = same;
    if (same[0]!.kind === 'indicator') {
      // an indicator is 15 towns' cells: only the town asked
      pick = same.filter((x) => towns.includes(x.leadUnits[0]!));
      // no town asked: the indicator is only the breakdown of an item the answer names beside it
      if (!pick.length) continue;
    } else if (same.length > 1) {
      const line = same.filter((x) => x.source.line === ref.line);
      if (line.length) pick = line;
    }
    for (const x of pick) if (!out.includes(x)) out.push(x);
  }
  return out.length <= MAX_SUBJECT_ITEMS ? out : [];
}
