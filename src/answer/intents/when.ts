// Milestones and deadlines: "自建桥梁9月底前要完成多少座", "端午文化博物馆什么时候开放".
import type { SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, DOC_LABEL, joinNames, sourceText } from '../format.ts';
import type { Query } from '../query.ts';
import { goodHits, recordSource, searchRecords } from '../records.ts';
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

export function when(ctx: AnswerContext, q: Query): Answer | null {
  if (!q.topic) return null;
  const voted = votedAnswer(ctx, q);
  if (voted) return voted;
  const topicTerms = new Set(bigrams(q.topic));
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
      if (!DATE_RE.test(s)) continue;
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
