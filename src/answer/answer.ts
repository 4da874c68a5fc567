// answer(question, context) → {found, text, refs}. Pure: the same question on the same
// knowledge always gives the same reply. Structured records first, full text last, and
// never a fact that is not in a document.
import { KB_YEAR } from '../../knowledge/sources.ts';
import type { AnswerContext } from './context.ts';
import { clip, contradictionNotes, notFound } from './format.ts';
import { quotedClashKeys } from './passages.ts';
import { findMentions, spellOutShortForms } from '../../knowledge/lexicon.ts';
import { askedValue, statesValue } from './askedValue.ts';
import { missingIssue } from './intents/issues.ts';
import { contradictionAnswer } from './intents/contradiction.ts';
import { parseQuery } from './query.ts';
import { FRAMES } from './frames.ts';
import { askedYear, yearClauses } from './years.ts';
import { analyze, describe, has, readings, slotsOf, type Frame } from './understand.ts';
import { compoundAnswer } from './compound.ts';
import { fullerCompound } from './compoundFuller.ts';
import { withinAnswer } from './withinAsk.ts';
import { withoutContext, withoutFraming } from './framing.ts';
import { otherPlace, placeInPhrase, placeSpokenOf } from './places.ts';
import { meetingByDate } from './meetingDate.ts';
import { useNoticeLeads } from './noticeLead.ts';
import type { Answer } from './types.ts';
import { archivedAnswer } from './archive.ts';
import { liveAnswer } from './live.ts';
import { contentTerms } from './quote.ts';
import { cascade, pointerless } from './cascade.ts';
import { foldSpokenPairs } from './spokenPairs.ts';

export type { Answer };

export const MAX_QUESTION = 200;



export function answer(typed: string, ctx: AnswerContext): Answer {
  const a = answerFramed(withoutFraming(typed), ctx);
  if (a.found) return a;
  // "写提案想提流动供销，…谁牵头": the asker's clause of context, kept for its words, dropped on a retry
  const bare = withoutContext(typed);
  const b = bare === undefined ? undefined : answerFramed(bare, ctx);
  return b?.found ? b : a;
}

function answerFramed(framed: string, ctx: AnswerContext): Answer {
  useNoticeLeads(ctx.kb.passages);
  const question = meetingByDate(ctx.kb.passages, spellOutShortForms(foldSpokenPairs(framed)));
  // An archived year asked ("2026年第28项…" in 2027) is answered from that year's list and store;
  // a live question (progress, state, milestones due) from the store view, when there is one.
  const kept = archivedAnswer(question, ctx, answer) ?? liveAnswer(question, ctx, (q) => route(q, ctx));
  // "…几项？其中单独牵头的几项": a narrowing second ask is asked on its own, before the whole.
  const within = kept ? undefined : withinAnswer(question, (q) => route(q, ctx));
  const one = kept ?? within ?? route(question, ctx);
  // several asks in one message, each answered on its own when the whole finds nothing (or, from
  // the documents, answers only some of them)
  const a = one.found ? (!kept && !within && fullerCompound(question, one, (q) => route(q, ctx))) || one : compoundAnswer(question, (q) => route(q, ctx)) ?? one;
  return a.found ? withTopicNotes(ctx, a, question) : a;
}

/** Contradictions keyed by a phrase (topic:研发经费) rather than a record: any reply that
 * quotes the phrase carries the note, wherever it came from. */
function withTopicNotes(ctx: AnswerContext, a: Answer, question: string): Answer {
  const keys = [...ctx.contradictionsByKey.keys()].filter((k) => k.startsWith('topic:') && a.text.includes(k.slice(6)));
  // A passage quoted at the very place one side of a disagreement stands carries its note too.
  keys.push(...quotedClashKeys(ctx.kb, a.text, a.refs, contentTerms(question)));
  if (!keys.length) return a;
  // A reply that already states the disagreement (intents/contradiction.ts) carries no second note.
  const notes = contradictionNotes(ctx, keys).filter((n) => !a.text.includes(n) && !a.text.includes(n.slice(0, n.indexOf('：') + 1)));
  if (!notes.length) return a;
  const lines = a.text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('来源：'));
  lines.splice(at < 0 ? lines.length : at, 0, ...notes);
  return { ...a, text: lines.join('\n') };
}

function route(question: string, ctx: AnswerContext): Answer {
  const trimmed = question.trim();
  if (!trimmed) return notFound('请输入问题。');
  if (trimmed.length > MAX_QUESTION) return notFound(`问题太长（${trimmed.length}字），请用一句话提问，${MAX_QUESTION}字以内。`);
  const elsewhere = otherPlace(trimmed);
  const known = (m: AnswerContext['units']) => m.entries.some(([alias]) => alias.startsWith(elsewhere ?? '\0'));
  // 高新区管委会 is a unit of the city, not another place.
  // 高信区管委会: a slip of a unit's name is that unit, not a place of that name.
  const slipOfName = (place: string) => findMentions(ctx.lexicon, trimmed).some((m) => m.at < trimmed.indexOf(place) + place.length && m.end > trimmed.indexOf(place));
  if (elsewhere && !known(ctx.units) && !known(ctx.towns) && !slipOfName(elsewhere) && !placeSpokenOf(ctx, trimmed, elsewhere) && !placeInPhrase(ctx, trimmed, elsewhere)) return notFound(`文件是汨罗市的，没有${elsewhere}的内容。`);
  const issue = missingIssue(ctx, trimmed);
  if (issue) return issue;
  const byYear = yearClauses(trimmed);
  if (byYear) {
    const parts = byYear.map((c) => route(c, ctx));
    const label = (c: string) => { const y = askedYear(c) ?? KB_YEAR; return y === 2024 ? '【2024年实绩】' : y === 2025 ? '【2025年目标】' : `【${y}年】`; };
    if (parts.every((p) => p.found)) return { found: true, text: parts.map((p, i) => `${label(byYear[i]!)}\n${p.text}`).join('\n'), refs: parts.flatMap((p) => p.refs) };
  }
  // "桥梁到底是90座还是80座": whether the documents agree is answered by the disagreement itself.
  const clash = contradictionAnswer(ctx, trimmed);
  if (clash) return clash;
  const { ranked } = understand(trimmed, ctx);
  const asked = askedValue(trimmed);
  let unstated: Answer | undefined;
  for (const r of ranked) {
    const a = r.run();
    if (!a) continue;
    // A day or a sum of money asked: a reply about the subject that states none is no answer;
    // another reading may have one, else the user is told what the documents do say.
    if (asked && a.found && !statesValue(a.text, asked)) {
      unstated ??= a;
      continue;
    }
    return a;
  }
  if (unstated) return notFound(`文件提到「${clip(unstated.text.split('\n').find((l) => !/^找到\d+条/.test(l))!.replace(/^·\s*/, '').replace(/^第\d+项/, '').replace(/[「」]/g, ''), 30)}」，但没有写${asked!.label}。`);
  return notFound();
}

/** The chosen reading of a question and the runner-up, for `duban ask --explain`. */
export function explain(question: string, ctx: AnswerContext): string {
  const trimmed = question.trim();
  if (!trimmed || trimmed.length > MAX_QUESTION) return '（空或过长的问题，不解析）';
  const { analysis, ranked } = understand(trimmed, ctx);
  const names = analysis.slots.map((s) => `${s.role}:${s.value}`).join(' ');
  const cues = analysis.cues.map((c) => `${c.kind}:${analysis.q.text.slice(c.at, c.end)}`).join(' ');
  return [
    `问题：${analysis.q.text}`,
    `成分：${names || '—'}｜${cues || '—'}｜其余：${analysis.residue || '—'}`,
    `选用：${describe(ranked[0], analysis)}`,
    `次选：${describe(ranked[1], analysis)}`,
  ].join('\n');
}

function understand(question: string, ctx: AnswerContext) {
  const q = parseQuery(question, ctx);
  const analysis = analyze(q);
  return { analysis, ranked: readings(analysis, ctx, [...FRAMES, cascadeFrame]) };
}

/** The earlier rule cascade as a frame: it explains names (the first leader or unit), numbers,
 * towns, lists, documents and the topic words, and plain lookups (who leads, co-units, counts,
 * lists, dates); not the operators other frames execute. */
const cascadeFrame: Frame = (a, ctx) => {
  const first = (role: 'leader' | 'unit') => a.slots.filter((s) => s.role === role).slice(0, 1);
  return [{
    frame: 'cascade',
    op: 'lookup',
    slots: [...first('leader'), ...first('unit'), ...slotsOf(a, 'town', 'number', 'list', 'year', 'document', 'period')],
    cues: has(a, 'lead', 'co', 'count', 'list', 'when', 'askLeader', 'askUnit', 'askCoUnit', 'askTask'),
    usesResidue: true,
    run: () => cascade(pointerless(a.q), ctx),
  }];
};

