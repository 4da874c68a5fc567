// Appointments and removals the gazette announces ("向佳同志任市公安局副局长", "免去巢毅山同志市政府
// 办公室副主任职务"), read as records so a list question gets every person: "任了哪几个公安局副局长",
// "免了几个副局长", "谁当了信访局副局长". A question that names the person is a passage question.
import type { AnswerContext } from '../context.ts';
import { sourceText } from '../format.ts';
import type { Answer } from '../types.ts';
import type { SourceRef } from '../../../knowledge/types.ts';
import { bigrams } from '../text.ts';
import { findMentions } from '../../../knowledge/lexicon.ts';

export interface Appointment {
  person: string;
  /** the post as written, without the 市 of 市公安局 */
  post: string;
  kind: '任' | '免';
  source: SourceRef;
}

const MEMO = new WeakMap<object, Appointment[]>();
const NAME = '[\\u4e00-\\u9fa5]{2,4}?(?:（女）)?';

export function appointments(ctx: AnswerContext): Appointment[] {
  const memo = MEMO.get(ctx.kb);
  if (memo) return memo;
  const out: Appointment[] = [];
  const bare = (s: string) => s.replace(/（女）/, '');
  for (const p of ctx.kb.passages) {
    if (!/同志/.test(p.text)) continue;
    const source: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    for (const clause of p.text.split(/[；。\n]/)) {
      const named = clause.match(new RegExp(`^\\s*(${NAME})同志任([^，,]+)`));
      if (named) out.push({ person: bare(named[1]!), post: named[2]!.replace(/^市/, '').replace(/（[^）]*）/g, ''), kind: '任', source });
      // "免去其市信访局副局长职务" after an appointment: the same person leaves a post.
      const own = clause.match(/免去其(.+?)职务/);
      if (named && own) for (const post of own[1]!.split(/和|、/)) out.push({ person: bare(named[1]!), post: post.replace(/^市/, '').replace(/（[^）]*）/g, ''), kind: '免', source });
      const removed = clause.match(new RegExp(`^\\s*免去((?:${NAME}同志、?)+)(.+?)职务`));
      if (removed)
        for (const person of removed[1]!.split(/同志、?/).filter(Boolean))
          for (const post of removed[2]!.split(/和|、/)) out.push({ person: bare(person), post: post.replace(/^市/, '').replace(/（[^）]*）/g, ''), kind: '免', source });
    }
  }
  MEMO.set(ctx.kb, out);
  return out;
}

/** Words of a post (副局长, 主任, 所长, 总经理): a question about appointments names one. */
export const POST_WORD = /副?局长|副?主任|副?所长|副?总经理|总工程师|副?组长|正科级干部|副科级干部|副?大队长|副?校长|副?院长|负责人|职务|干部/;

/** A post with its unit written the one way (住房和城乡建设局副局长 → 住建局副局长), so a question's
 * short form and the gazette's full name meet. */
function canonUnits(ctx: AnswerContext, post: string): string {
  let out = '';
  let at = 0;
  for (const m of findMentions(ctx.lexicon, post).filter((x) => x.kind === 'unit')) (out += post.slice(at, m.at) + m.canon, (at = m.end));
  return out + post.slice(at);
}

/** Every appointment (or removal) to a post whose words the question's post holds. */
export function appointmentAnswer(ctx: AnswerContext, kind: '任' | '免', post: string, count: boolean): Answer | null {
  const want = bigrams(canonUnits(ctx, post.replace(/^市/, ''))).filter((t) => t.length > 1);
  if (!want.length) return null;
  const hits = appointments(ctx).filter((a) => a.kind === kind && want.every((t) => bigrams(canonUnits(ctx, a.post)).includes(t)));
  if (!hits.length) return null;
  const people = [...new Set(hits.map((h) => h.person))];
  const verb = kind === '任' ? '任' : '免去';
  const lines = [`${kind === '任' ? '任命' : '免去'}${post}${count ? `共${people.length}人` : ''}：${people.join('、')}。`];
  for (const h of hits) lines.push(`· ${h.person}：${verb}${h.post}`);
  const refs = [...new Set(hits.map((h) => h.source))];
  lines.push(sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}
