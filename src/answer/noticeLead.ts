// A reply's opening line names what every numbered point after it is about: "你局提交的《关于申报
// 2026年度第二批土地储备专项债券项目的请示》已收悉。…批复如下：" then "一、该批次项目共4个…". The
// points say 该批次 and leave the subject to the request named in that line, so the request's
// title is a heading of each point (answer.ts headsOf).
import type { Passage } from '../../knowledge/types.ts';

/** The document a notice answers, as its opening line names it: 《…请示》收悉. */
const OPENING = /《([^《》]{4,80})》[^。]{0,12}收悉/;

const LEADS = new WeakMap<readonly Passage[], WeakMap<Passage, string>>();

/** Each passage of a notice's body mapped to the title of the request its opening line answers. */
function leadsOf(passages: readonly Passage[]): WeakMap<Passage, string> {
  let m = LEADS.get(passages);
  if (m) return m;
  m = new WeakMap();
  const opening = new Map<string, string>();
  for (const p of passages) {
    if (p.section.length) continue;
    const named = p.text.match(OPENING)?.[1];
    if (named && !opening.has(`${p.doc}\0${p.title}`)) opening.set(`${p.doc}\0${p.title}`, named);
  }
  for (const p of passages) {
    const named = opening.get(`${p.doc}\0${p.title}`);
    // 落款 and 主送 are the notice's furniture, not its points.
    if (named && !p.section.length && !OPENING.test(p.text)) m.set(p, named);
  }
  LEADS.set(passages, m);
  return m;
}

/** Every passage of every knowledge base seen, with its lead: a memo keyed by the passage object
 * (a passage belongs to one knowledge base), so a question about one county never reads another's. */
const ALL = new WeakMap<Passage, string>();

/** Makes sure the knowledge base's passages have their leads (called once per question; cheap
 * after the first). */
export function useNoticeLeads(passages: readonly Passage[]): void {
  if (LEADS.has(passages)) return;
  const m = leadsOf(passages);
  for (const p of passages) {
    const lead = m.get(p);
    if (lead) ALL.set(p, lead);
  }
}

/** The request a notice's point answers, or ''. */
export function noticeLead(p: Passage): string {
  return ALL.get(p) ?? '';
}
