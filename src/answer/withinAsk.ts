// "曹陶牵头几项重点任务？其中单独牵头的几项", "民生实事一共几个项目，其中省级的几个": a second ask
// opened by 其中 narrows the first ask's subject. Read whole, 其中 is a topic word and the two
// counts one; asked as two questions — the first as typed, the second with the first's subject
// before it — each is answered by the reading that fits it.
import { joinedAnswers } from './compound.ts';
import type { Answer } from './types.ts';

const WITHIN = /^(.+?)[？?，,。；;\s]+其中(?:的)?(.+)$/;
/** Where the first ask's asking words begin: its subject is what comes before. */
const ASKING = /几|多少|哪|谁|什么|啥/;
const TRAILING = /(?:一共|总共|共计|合计|今年|有|是|的|都|要|共)+$/;

/** The two asks, the subject carried into the second, or undefined when there is no 其中 ask. */
export function withinParts(question: string): [string, string] | undefined {
  const m = question.trim().match(WITHIN);
  if (!m) return undefined;
  const [first, second] = [m[1]!, m[2]!.replace(/[？?。]+$/, '')];
  const at = first.search(ASKING);
  if (at < 2 || !ASKING.test(second)) return undefined;
  let subject = first.slice(0, at).replace(TRAILING, '');
  // "曹陶牵头…其中单独牵头的": the role said again in the second ask is said once.
  const role = subject.match(/(?:牵头|负责|配合|分管)(?:的)?$/);
  if (role && second.includes(role[0].replace(/的$/, ''))) subject = subject.slice(0, -role[0].length);
  if (subject.length < 2) return undefined;
  return [first, `${subject}${second}`];
}

/** Both asks answered, joined (sources last, once); undefined unless both are found. */
export function withinAnswer(question: string, answerOne: (q: string) => Answer): Answer | undefined {
  const parts = withinParts(question);
  if (!parts) return undefined;
  return joinedAnswers(parts, answerOne);
}
