// "加强项目储备论证谁牵头": a sentence of a 开局八好 plan is found as a passage, but the units that
// lead it are written once, at the end of its numbered measure ("（市发改局…等按职责分工负责）"),
// often many passages on. The measure record holds them; the reply names them.
import type { Measure, Passage } from '../../knowledge/types.ts';
import type { AnswerContext } from './context.ts';

/** Who-leads wordings beyond "谁牵头": which unit, whose it is, who handles it. */
export const ASKS_WHO = /谁牵头|谁负责|由谁|牵头(?:人|领导|单位)?是谁|负责人|谁来抓|谁抓|谁(?:来)?(?:调度|统筹|组织|协调|推进)|(?:哪个|哪家|什么)(?:单位|部门|局)|归谁|归哪|谁(?:在|来)?管|是谁的/;

/** The numbered measure of a plan that a passage of it lies in: the last one of the same plan that
 * starts at or before the passage, provided its text holds the passage's first sentence. */
export function measureOf(ctx: AnswerContext, p: Passage): Measure | undefined {
  if (p.doc !== 'gazette') return undefined;
  const mine = ctx.kb.measures.filter((m) => m.source.doc === p.doc && p.title.includes(m.plan) && m.source.line <= p.line);
  const m = mine.sort((a, b) => b.source.line - a.source.line)[0];
  const first = p.text.replace(/^[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*/, '').split(/[。；;]/)[0]!.slice(0, 20);
  return m && first && m.text.includes(first) ? m : undefined;
}

/** "牵头单位：发改局、财政局（开局八好“…”，按职责分工负责）", or nothing when the passage is in no
 * measure with lead units. */
export function measureLeadLine(ctx: AnswerContext, p: Passage): string | undefined {
  const m = measureOf(ctx, p);
  if (!m?.leadUnits.length) return undefined;
  return `牵头单位：${m.leadUnits.join('、')}（${m.no.replace(/[（）]/g, '')}.${m.title}）`;
}
