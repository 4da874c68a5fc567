// "汨之源新总经理是谁", "楚之晟这次任命了谁": the person asked by the post, the reverse of "X任什么职".
// The appointment notices read "李晓萌（女）同志任汨之源实业公司总经理"; the sentences naming the
// organisation (and the post, when asked) after 同志任 are the answer.
import type { SourceRef } from '../../knowledge/types.ts';
import type { AnswerContext } from './context.ts';
import { clip, DOC_LABEL } from './format.ts';
import type { Answer } from './types.ts';

const ASKS_APPOINTEE = /^([\u4e00-\u9fa5]{2,10}?)(?:的)?(?:新任?|新来的|这次|此次|本次|现在的?)?((?:常务)?副?(?:总经理|董事长|局长|主任|书记|经理|站长|所长|院长|校长|部长|队长))?(?:是谁|是哪位|是哪个|叫什么|由谁(?:担任|来当)|谁(?:担任|来当|当)|任命了谁|任了谁|派了谁|用了谁)/;

export function appointeeAnswer(ctx: AnswerContext, question: string): Answer | null {
  const m = question.replace(/^(?:那个|就是|嗯|请问)+/, '').match(ASKS_APPOINTEE);
  if (!m) return null;
  const org = m[1]!;
  const post = m[2];
  // The post must follow the organisation in the same appointment: "任汨之源实业公司总经理".
  // Only the post taken counts, not the one given up (…，免去其汨之源实业公司总经理职务).
  const names = (s: string) => {
    const taken = s.split('同志任')[1]?.split(/[，,]?免去/)[0] ?? '';
    const at = taken.indexOf(org);
    return at >= 0 && (!post || taken.slice(at).includes(post));
  };
  for (const p of ctx.kb.passages) {
    if (p.doc !== 'gazette') continue;
    const said = p.text.split(/(?<=[；;。])/).map((s) => s.trim()).filter(names);
    if (!said.length) continue;
    const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    return { found: true, text: [...said.map((s) => clip(s, 160)), `来源：${DOC_LABEL[p.doc]} ${clip(p.title, 60)}`].join('\n'), refs: [ref] };
  }
  return null;
}
