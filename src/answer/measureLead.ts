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

/** The longest run of characters two texts share. */
function longestShared(a: string, b: string): string {
  let best = '';
  for (let i = 0; i < a.length; i++)
    for (let j = i + best.length + 1; j <= a.length; j++) {
      if (!b.includes(a.slice(i, j))) break;
      best = a.slice(i, j);
    }
  return best;
}

/** "屈子祠那个光伏项目 谁牵头": a plan sentence that repeats a key task's own words (屈子祠茶光互补)
 * is that task's work; its lead leader and units are named too, when exactly one task shares a run
 * of six or more characters with the sentence that holds a word of the question. */
export function mirroredTaskLine(ctx: AnswerContext, sentence: string, question: string): string | undefined {
  const said = sentence.replace(/\s+/g, '');
  const asked = (run: string) => [...run].slice(1).some((c, i) => question.includes(run[i]! + c));
  const tasks = ctx.kb.keyTasks.filter((t) => { const run = longestShared(said, t.target.replace(/\s+/g, '')); return run.length >= 6 && asked(run); });
  if (tasks.length !== 1) return undefined;
  const t = tasks[0]!;
  return `对应重点任务第${t.no}项：牵头领导${t.leaders.join('、')}；牵头单位${t.leadUnits.join('、')}`;
}
