// "解危搬迁产权调换房源谁提供": who does a thing the tables do not list, asked by its verb. The
// sentence of the documents that holds the thing, the verb and the units doing it (…由市工信局、
// 文旅集团、楚之晟集团提供) answers, not another sentence about the thing that names no one.
import type { SourceRef } from '../../knowledge/types.ts';
import type { AnswerContext } from './context.ts';
import { clip, DOC_LABEL } from './format.ts';
import { charCoverage } from './quote.ts';
import type { Answer } from './types.ts';

const ASKS_DOER = /谁(?:来|在)?(提供|承担|出资|保障|供应|建设|实施|运营|管护|监管)/;

export function doerAnswer(ctx: AnswerContext, text: string, topic: string): Answer | null {
  const verb = text.match(ASKS_DOER)?.[1];
  if (!verb) return null;
  const about = topic.replace(new RegExp(verb, 'g'), ' ').trim();
  if (about.replace(/\s/g, '').length < 2) return null;
  let best: { s: string; c: number; hit: ReturnType<AnswerContext['passages']['search']>[number] } | undefined;
  for (const hit of ctx.passages.search(text, 12)) {
    const p = hit.passage;
    const heads = `${p.title} ${p.section.join(' ')}`;
    for (const s of p.text.split(/[。；;]/)) {
      if (!s.includes(verb)) continue;
      const names = ctx.units.entries.filter(([alias]) => s.includes(alias)).length;
      if (names < 1) continue;
      const c = charCoverage(about, `${heads} ${s}`);
      if (c >= 0.8 && (!best || c > best.c)) best = { s: s.trim(), c, hit };
    }
  }
  if (!best) return null;
  const p = best.hit.passage;
  const where = [p.title, ...p.section].filter(Boolean).join(' › ');
  const ref: SourceRef = { doc: p.doc, title: p.title, locator: p.section.join(' ') || p.title, line: p.line };
  return { found: true, text: `${clip(best.s, 240)}。\n来源：${DOC_LABEL[p.doc]}${where ? ` ${clip(where, 40)}` : ''}`, refs: [ref] };
}
