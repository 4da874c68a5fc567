// Milestones and deadlines: "自建桥梁9月底前要完成多少座", "端午文化博物馆什么时候开放".
import type { SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, DOC_LABEL, joinNames, sourceText } from '../format.ts';
import type { Query } from '../query.ts';
import { goodHits, recordSource, searchRecords } from '../records.ts';
import { contentTerms, coverage } from '../quote.ts';
import { bigrams } from '../text.ts';
import type { Answer } from '../types.ts';

const DATE_RE = /(\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?前?|年底前?|年内|上半年|下半年|[一二三四1-4]季度|20\d\d年\d{1,2}月(?:\d{1,2}日)?)/;

function sentences(text: string): string[] {
  return text.split(/(?<=[。；;！])/).map((s) => s.trim()).filter(Boolean);
}

function overlap(topicTerms: Set<string>, s: string): number {
  const terms = new Set(bigrams(s));
  let n = 0;
  for (const t of topicTerms) if (terms.has(t)) n++;
  return topicTerms.size ? n / topicTerms.size : 0;
}

function votedAnswer(ctx: AnswerContext, q: Query): Answer | null {
  const hits = goodHits(searchRecords(ctx, q.topic, (r) => r.kind === 'voted'), 0.5);
  const hit = hits[0];
  if (!hit) return null;
  const v = ctx.kb.voted.find((x) => `voted:${x.no}` === hit.id)!;
  // "专报第3期什么时候出": a hit on the number alone is no voted project asked after; the
  // project's own words must carry the question's.
  const own = [v.name, ...v.tracks.flatMap((t) => [t.name, ...t.milestones.map((m) => m.text)])].join(' ');
  if (coverage(contentTerms(q.topic), own) < 0.5) return null;
  const month = q.text.match(/(\d{1,2})月/)?.[1];
  const lines = [`票决民生实事第${v.no}项「${clip(v.name, 30)}」（牵头：${joinNames(v.leaders)}｜${joinNames(v.leadUnits)}）`];
  for (const tr of v.tracks) {
    const ms = month ? tr.milestones.filter((m) => Number(m.date.slice(5, 7)) === Number(month)) : tr.milestones;
    if (!ms.length) continue;
    if (v.tracks.length > 1) lines.push(`【${tr.name}】`);
    for (const m of ms) lines.push(`· ${m.label}（${m.date}）：${clip(m.text, month ? 120 : 60)}`);
  }
  if (lines.length === 1) return null;
  lines.push(sourceText([v.source]));
  return { found: true, text: lines.join('\n'), refs: [v.source] };
}

/** Whether a sentence's date is the asked subject's: it stands in the clause that holds the subject
 * best or the one after it, or in a clause of its own before it ("2026年3月，召开…"). Not another
 * thing's date in a sentence that names the subject later ("确保端午文化博物馆7月底前完成布展开放，
 * 推进市图书馆新馆建设…" gives no date for the library). */
function dateOfSubject(topicTerms: Set<string>, s: string): boolean {
  const parts = s.split(/[，,]/);
  const scores = parts.map((p) => overlap(topicTerms, p));
  const i = scores.indexOf(Math.max(...scores));
  return parts.some((p, j) => DATE_RE.test(p) && (j === i || j === i + 1 || (j < i && p.replace(DATE_RE, '').replace(/[^\u4e00-\u9fa5]/g, '').length < 4)));
}

/** "马慧什么时候当的市长": when someone became something. */
export const ASKS_BECAME = /(?:什么时候|啥时候|何时|哪年|哪一年|哪天|几月份?)(?:开始)?(?:当上|当(?![地前年天时])|成为|就任|上任|任(?![务何])|担任|出任|升任|调任|调来|调到|调入|调去|调(?![度整研查])|提拔|接任)(?:的|了)?|(?:当|当上|就任|上任|担任|任职)(?:的)?(?:时间|日期)|(?:是)?(?:什么时候|啥时候|何时)(?:的|被)?(?:任命|提拔|选举|选上)/;
/** A sentence that states an appointment, not one where the post is merely named. */
const APPOINTS = /任命|同志任|担任|当选|就任|聘任|提名|决定任|免去|任职/;

/** How a time is asked (节点, 时间, 期限) and a count pointing back at listed things (三个小区 for
 * the three 小区 the record names): not what the milestone is about. Single characters left over
 * (几月 leaves 月) are the asking's too. */
export function whenTopic(topic: string): string {
  const kept = topic
    .replace(/时间节点|节点|时间|日期|期限|截止|时限/g, ' ')
    .replace(/(?<=\s|^)[两三四五六七八九十几]\s*[个家座所项栋条](?=[\u4e00-\u9fa5]{2})/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length >= 2);
  return kept.join('').length >= 2 ? kept.join(' ') : topic;
}

export function when(ctx: AnswerContext, asked: Query): Answer | null {
  if (!asked.topic) return null;
  const q = { ...asked, topic: whenTopic(asked.topic) };
  // When someone took up a post is stated only by an appointment (a meeting the person chaired
  // is no answer); the documents hold the 任免 notices' own dates, not a leader's.
  const became = ASKS_BECAME.test(q.text);
  const voted = votedAnswer(ctx, q);
  if (voted) return voted;
  // The topic's content terms: how it asks (当年, 那个) left out, everyday words spelled out (付清 → 支付).
  const topicTerms = new Set(contentTerms(q.topic).length ? contentTerms(q.topic) : bigrams(q.topic));
  const candidates: { text: string; ref: SourceRef }[] = [];
  for (const h of searchRecords(ctx, q.topic).slice(0, 8)) {
    const ref = recordSource(ctx, h.id);
    const rec = ctx.records.get(h.id)!;
    const text = h.id.startsWith('measure:') ? rec.extra : rec.text;
    if (ref) candidates.push({ text, ref });
  }
  for (const p of ctx.passages.search(q.topic, 5))
    candidates.push({ text: p.passage.text, ref: { doc: p.passage.doc, title: p.passage.title, locator: p.passage.section.join(' ') || p.passage.title, line: p.passage.line } });
  let best: { s: string; ref: SourceRef; score: number } | undefined;
  for (const c of candidates)
    for (const s of sentences(c.text)) {
      if (!DATE_RE.test(s) || (became && !APPOINTS.test(s)) || !dateOfSubject(topicTerms, s)) continue;
      const score = overlap(topicTerms, s);
      if (score >= 0.5 && (!best || score > best.score)) best = { s, ref: c.ref, score };
    }
  if (!best) return null;
  const date = best.s.match(DATE_RE)![1];
  // Quote the clause around the date rather than the whole sentence.
  const clause = best.s.split(/[，,]/).find((part) => part.includes(date!) ) ?? best.s;
  const text = [`${clip(clause.replace(/[。；;]$/, ''), 80)}。`, clause !== best.s ? `原文：${clip(best.s, 90)}` : '', `来源：${DOC_LABEL[best.ref.doc]} ${clip(best.ref.locator, 30)}`]
    .filter(Boolean)
    .join('\n');
  return { found: true, text, refs: [best.ref] };
}

/** The name a "when did X become…" question is about: a known leader, else the two or three
 * characters it opens with (同志, a post after the name left out). */
function becameName(q: Query): string | undefined {
  if (q.people[0]) return q.people[0];
  return q.text.match(/^([\u4e00-\u9fa5]{2,3}?)(?:同志|市长|副市长|常务副市长)?(?:是|在)?(?:什么时候|啥时候|何时|哪年|哪一年|哪天|几月)/)?.[1];
}

/** "黎敏什么时候任的办公室副主任": the appointment (任免 notice) that names the person, with the
 * notice's date; "马慧什么时候当的市长": no appointment of that person is in the documents, which
 * is said plainly (a meeting the mayor chaired is not when she became mayor). */
export function becameAnswer(ctx: AnswerContext, q: Query): Answer | null {
  if (!ASKS_BECAME.test(q.text)) return null;
  const name = becameName(q);
  if (!name) return null;
  // Only a person: a leader, or a name the documents write as a person's (X同志, 市长X).
  const person = new RegExp(`${name}(?:（[男女]）)?(?:同志|市长|副市长|书记|主任|局长)|(?:市长|副市长|书记|主任|局长)${name}`);
  if (!q.people.includes(name) && !ctx.kb.passages.some((p) => person.test(p.text.replace(/\s+/g, '')))) return null;
  const own = new RegExp(`${name}(?:（[男女]）)?同志`);
  for (const p of ctx.kb.passages) {
    if (p.doc !== 'gazette' || !own.test(p.text)) continue;
    const s = sentences(p.text).find((x) => own.test(x) && APPOINTS.test(x));
    if (!s) continue;
    const sign = ctx.kb.passages.find((x) => x.title === p.title && x.section[0] === '落款');
    const date = sign?.text.match(/\d{4}年\d{1,2}月\d{1,2}日/)?.[0];
    const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
    const lines = [date ? `${date}（任免通知落款日期）。` : '', `原文：${clip(s, 90)}`, sourceText([ref])];
    return { found: true, text: lines.filter(Boolean).join('\n'), refs: [ref] };
  }
  return {
    found: false,
    text: ctx.kb.passages.some((p) => p.text.includes(name))
      ? `文件中没有${name}任职的记录：任免通知里没有${name}，其他文件只写到${name}出席、主持会议或牵头任务。`
      : `文件中没有${name}任职的记录。`,
    refs: [],
  };
}
