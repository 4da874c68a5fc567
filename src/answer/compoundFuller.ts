// "防风险保安全专班召集人是谁 办公室在哪": two asks in one message about one subject. The whole
// question can find a passage that answers one ask only (the office); each ask answered on its
// own, with the subject carried in (compound.ts), answers both. Taken only when every ask is
// answered and the whole reply lacks what some ask's reply says.
import { compoundAnswer, compoundParts } from './compound.ts';
import type { Answer } from './types.ts';

const body = (a: Answer) => a.text.split('\n').filter((l) => !l.startsWith('来源：') && !l.startsWith('⚠'));

export function fullerCompound(question: string, whole: Answer, answerOne: (q: string) => Answer): Answer | undefined {
  if (!whole.found || !compoundParts(question)) return undefined;
  const both = compoundAnswer(question, answerOne);
  if (!both) return undefined;
  const said = body(whole).join('\n');
  // a line of the parts' replies that the whole reply does not already state
  const fresh = body(both).filter((l) => !said.includes(l.replace(/^…|…$/g, '')));
  return fresh.length ? both : undefined;
}
