// What a leader says around a question rather than in it: the occasion ("下周调度会",
// "督查室周例会要用") and the request for a form ("列个清单", "给我列一下"). Said as a clause of
// its own beside the question, it names no subject; left in, its words (调度会, 清单) pull the
// search toward passages about meetings and lists. A clause goes only when the whole clause is
// such framing, and never the only clause.

import { readAsker } from './asker.ts';
// askerFrame.ts (roles, uses, concerns) runs on what asker.ts leaves: two readers of the asker's
// words, to fold into one lexicon (knowledge/asker.json) next round
import { withoutAskerFrame } from './askerFrame.ts';

const WHEN = '(?:下周|下星期|明天|明早|今天|后天|今晚|下午|上午|晚上|周[一二三四五六日]|本周|这周)?';
const OCCASION = `${WHEN}(?:的)?(?:督查室|办公室)?(?:周例会|例会|调度会|碰头会|开会|会上|汇报会|(?:年中|半年|季度|年终|年底|月度|月底)(?:盘点|总结|小结|复盘|考核|述职|汇报))(?:要用|用|上要用|准备|要讲|要汇报|发言)?`;
const FORM = '(?:给我|帮我|麻烦|请)?(?:列个?(?:清单|单子|表)|列一下|列下|列出来|整理一下|整理下|发我|发一下|发群里|说一下|讲一下)(?:吧|哈|呗)?';
const THANKS = '(?:谢谢|辛苦了?|急|急用|尽快|您好|你好|领导好|请问)';
/** what the office will do with the answer: 写材料要用, 督查室要挂牌督办 */
const PURPOSE = '(?:督查室|办公室|我)?(?:要|准备)?(?:写材料|写报告|挂牌督办|督办|通报|点名|约谈)(?:要用|用)?';
const FRAMING = new RegExp(`^(?:${OCCASION}|${FORM}|${THANKS}|${PURPOSE})[。.!！~～]*$`);

/** "我是新市街道的，我们要配合哪些", "我们住建局今年牵头哪些": the asker naming their own body. The
 * body is the subject; 我们 and the self-introduction are no topic words. */
const SELF_INTRO = /^(?:我是|我们是|我在)([\u4e00-\u9fa5]{2,10}?)的[\s，,]*(?:我们|咱们)?/;
const ASKER = /(?:我们|咱们|俺们)(?=[\u4e00-\u9fa5])/g;
/** "…全部列出来": asking for every item is a list question (有哪些), not a topic word 全部. */
const LIST_ALL = /(?:全部|全都|都|统统|所有的?)(?:给我)?列(?:出来|一下|下)(?:吧|哈)?([。.!！]*)$/;

function withoutAsker(question: string): string {
  return question.replace(SELF_INTRO, '$1').replace(ASKER, '').replace(LIST_ALL, '有哪些$1');
}

/** The question without the asker's words (asker.ts: fillers, who asks and what for, requests for
 * the reply's form) and without framing clauses. */
export function withoutFraming(typed: string): string {
  return framed(withoutAskerFrame(readAsker(typed).question));
}

/** The question without its clause of context too (写提案想提流动供销，…), when it has one: tried
 * only when the question as asked finds nothing. */
export function withoutContext(typed: string): string | undefined {
  const bare = readAsker(typed).bare;
  return bare === undefined ? undefined : framed(withoutAskerFrame(bare));
}

function framed(typed: string): string {
  const question = withoutAsker(typed);
  const parts = question.split(/([\s，,。；;]+)/);
  const clauses = parts.filter((_, i) => i % 2 === 0);
  if (clauses.filter((c) => c.trim()).length < 2) return question;
  const kept = clauses.filter((c) => c.trim() && !FRAMING.test(c.trim()));
  return kept.length && kept.length < clauses.filter((c) => c.trim()).length ? kept.join(' ') : question;
}
