// Two or three asks typed in one message, parted by spaces or commas ("历史遗留矿山那个公告 有异议找哪个
// 电话多少", "第二批土地储备专项债 收储几个项目 总价款多少"): each ask is answered on its own, the
// subject of the first part carried into the later ones that name none. Tried only when the whole
// question finds nothing, and kept only when every ask is answered, so a question about something
// the documents lack stays unanswered.
import type { Answer } from './types.ts';

/** Words that make a part an ask of its own. */
const ASKING = /多少|几[个项家座栋条所人次年月号天]?|哪[个些家位里儿年天]?|谁|什么|啥|怎么|如何|是否|吗|呢/;
const SEPARATOR = /[\s，,；;]+/;
const MAX_PARTS = 3;

/** The asks of a question with the subject carried into each, or undefined when it is one ask. */
export function compoundParts(question: string): string[] | undefined {
  const segs = question.trim().split(SEPARATOR).filter(Boolean);
  if (segs.length < 2 || segs.length > MAX_PARTS + 1) return undefined;
  const first = segs[0]!;
  const at = first.search(ASKING);
  // the first part is the subject alone, or the subject with an ask of its own
  const subject = (at < 0 ? first : first.slice(0, at)).replace(/(?:一共|总共|共计|合计|大概|大约|到底|现在|目前|今年|有|是|的|都|要|能|会|共)+$/, '');
  if ([...subject].length < 2) return undefined;
  const asks = at < 0 ? segs.slice(1) : segs;
  if (asks.length < 2 || asks.length > MAX_PARTS || !asks.every((s) => ASKING.test(s))) return undefined;
  return asks.map((s, i) => (i === 0 && at >= 0 ? s : subject + s));
}

/** The asks answered one by one, joined; undefined unless every one is answered. */
export function compoundAnswer(question: string, answerOne: (q: string) => Answer): Answer | undefined {
  const parts = compoundParts(question);
  if (!parts) return undefined;
  return joinedAnswers(parts, answerOne);
}

/** Each ask answered, the replies joined (a line said twice once, sources last, once); undefined
 * unless every one is found. */
export function joinedAnswers(asks: readonly string[], answerOne: (q: string) => Answer): Answer | undefined {
  const replies = asks.map(answerOne);
  if (!replies.every((r) => r.found)) return undefined;
  const lines: string[] = [];
  for (const r of replies) for (const l of r.text.split('\n')) if (!lines.includes(l)) lines.push(l);
  const body = lines.filter((l) => !l.startsWith('来源：'));
  const sources = lines.filter((l) => l.startsWith('来源：'));
  return { found: true, text: [...body, ...sources].join('\n'), refs: replies.flatMap((r) => r.refs) };
}
