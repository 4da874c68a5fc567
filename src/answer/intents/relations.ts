// Who is on one task ("第21项有几个牵头领导", "第40项还有谁一起牵头") and who holds the most or
// fewest tasks ("哪个领导牵头的任务最少", "哪个单位牵头的任务最多", "各位领导分别牵头几项").
import { cellNames, outerUnit } from '../../../knowledge/lexicon.ts';
import type { SourceRef } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, gist, orgName, sourceText } from '../format.ts';
import type { NumberRef } from '../query.ts';
import type { Answer } from '../types.ts';
import { entityAnswer, holds, type HolderKind, type ListScope, type Relation } from './byEntity.ts';

export type PeopleField = 'leaders' | 'leadUnits' | 'coUnits';

const FIELD_WORD: Record<PeopleField, [string, string]> = {
  leaders: ['牵头领导', '位'],
  leadUnits: ['牵头单位', '个'],
  coUnits: ['配合单位', '个'],
};

/** Phrases that name no particular unit (ANSWERS.md): counted apart from the named units. */
const COLLECTIVE = /^(各|相关|市直|市级统筹)/;

interface Held {
  title: string;
  leaders: string[];
  leadUnits: string[];
  coUnits: string[];
  source: SourceRef;
}

function record(ctx: AnswerContext, ref: NumberRef): Held | undefined {
  const kb = ctx.kb;
  if (ref.list === 'task') {
    const t = kb.keyTasks.find((x) => x.no === ref.no);
    return t && { title: `第${t.no}项「${gist(t.target, 30)}」`, ...t };
  }
  if (ref.list === 'voted') {
    const v = kb.voted.find((x) => x.no === ref.no);
    return v && { title: `票决民生实事第${v.no}项「${clip(v.name, 20)}」`, ...v };
  }
  if (ref.list === 'livelihood') {
    const p = kb.livelihood.find((x) => x.no === ref.no);
    const union = (f: (i: (typeof p & {})['items'][number]) => string[]) => [...new Set(p!.items.flatMap(f))];
    return p && { title: `民生实事第${p.no}项「${clip(p.name, 20)}」`, leaders: union((i) => i.leaders), leadUnits: union((i) => i.leadUnits), coUnits: union((i) => i.coUnits), source: p.source };
  }
  return undefined;
}

/** The leaders or units of one numbered item, counted, or those besides the ones named. */
export function taskPeople(ctx: AnswerContext, ref: NumberRef, field: PeopleField, besides: string[], askSole = false): Answer | null {
  const r = record(ctx, ref);
  if (!r) return null;
  const [word, measure] = FIELD_WORD[field];
  const all = field === 'leaders' ? r[field] : r[field].map(orgName);
  const named = all.filter((x) => !COLLECTIVE.test(x));
  const collective = all.filter((x) => COLLECTIVE.test(x));
  const lines = [r.title];
  const isNamed = (x: string, n: string) => (field === 'leaders' ? x === n : cellNames(x, n));
  if (askSole) {
    // "第26项是住建局单独牵头吗": yes or no first, then who shares it.
    const asked = besides[0];
    const on = asked === undefined || named.some((x) => isNamed(x, asked));
    const others = asked === undefined ? [] : named.filter((x) => !isNamed(x, asked));
    if (!on) lines.push(`不是。${asked}不是这项的${word}；${word}${named.length}${measure}：${named.join('、')}。`);
    else if (named.length === 1) lines.push(`是，${named[0]}单独牵头（${word}只有1${measure}）。`);
    else lines.push(`不是单独牵头：${word}共${named.length}${measure}：${named.join('、')}${asked ? `；${asked}与${others.join('、')}共同牵头` : ''}。`);
  } else if (besides.length) {
    const others = named.filter((x) => !besides.some((n) => isNamed(x, n)));
    // "40项曹陶和谁一起负责" where 曹陶 is not on item 40: say so, then who is.
    const absent = besides.filter((n) => !named.some((x) => isNamed(x, n)));
    lines.push(
      absent.length
        ? `${absent.join('、')}不是这项的${word}；${word}共${named.length}${measure}：${named.join('、') || '无'}。`
        : others.length
        ? `${word}共${named.length}${measure}；除${besides.join('、')}外还有${others.length}${measure}：${others.join('、')}。`
        : `${word}只有${named.join('、') || '—'}，没有其他${word}。`,
    );
  } else if (named.length === 1 && field === 'leaders') lines.push(`${word}只有1${measure}：${named[0]}（单独牵头）。`);
  else lines.push(`${word}${named.length}${measure}：${named.join('、') || '无'}${collective.length ? `；另有${collective.join('、')}（泛指，不是具体单位）` : ''}。`);
  // Who works with whom: the lead units of a jointly led item, too.
  if (field === 'leaders' && named.length > 1) lines.push(`牵头单位：${r.leadUnits.map(orgName).join('、')}`);
  lines.push(sourceText([r.source]));
  return { found: true, text: lines.join('\n'), refs: [r.source] };
}

/** "第17项有哪几个镇配合", "17项几个镇参与": the towns (their governments) an item's cells name. */
export function taskTowns(ctx: AnswerContext, ref: NumberRef): Answer | null {
  const r = record(ctx, ref);
  if (!r) return null;
  const towns = ctx.lexicon.towns;
  const lead = towns.filter((t) => holds(r, 'unit', t, 'lead'));
  const co = towns.filter((t) => !lead.includes(t) && holds(r, 'unit', t, 'co'));
  const generic = [...r.leadUnits, ...r.coUnits].filter((x) => COLLECTIVE.test(x) && /镇|街道/.test(x));
  const lines = [r.title];
  const n = lead.length + co.length;
  if (n) lines.push(`点名的镇（街道）${n}个：${[...lead.map((t) => `${t}（牵头）`), ...co.map((t) => `${t}（配合）`)].join('、')}。`);
  else lines.push('没有点名具体的镇（街道）。');
  if (generic.length) lines.push(`另写有“${[...new Set(generic)].join('、')}”（泛指，不是具体镇）。`);
  lines.push(sourceText([r.source]));
  return { found: true, text: lines.join('\n'), refs: [r.source] };
}

interface Tally {
  name: string;
  n: number;
}

type Level = '省级' | '岳阳市级';

function tally(ctx: AnswerContext, kind: HolderKind, rel: Relation, scope: ListScope, level?: Level): Tally[] {
  const kb = ctx.kb;
  const cells: { leaders?: string[]; leadUnits: string[]; coUnits: string[] }[] =
    scope === 'livelihood' ? kb.livelihood.filter((p) => !level || p.level === level).flatMap((p) => p.items) : scope === 'voted' ? kb.voted : kb.keyTasks;
  const names = new Set<string>();
  for (const c of cells) {
    const cell = kind === 'leader' ? (c.leaders ?? []) : rel === 'co' ? c.coUnits : c.leadUnits;
    for (const x of cell) if (!COLLECTIVE.test(x) && !(ctx.lexicon.towns as string[]).includes(x)) names.add(kind === 'unit' ? outerUnit(x) : x);
  }
  return [...names]
    .map((name) => ({ name, n: cells.filter((c) => holds(c, kind, name, rel)).length }))
    .filter((t) => t.n > 0)
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

const SCOPE_WORD: Record<ListScope, [string, string]> = { task: ['重点工作任务', '项'], livelihood: ['民生实事子项', '个'], voted: ['票决民生实事', '项'], measure: ['“开局八好”举措', '条'] };
const REL_WORD: Record<Relation, string> = { lead: '牵头', sole: '单独牵头', joint: '共同牵头', co: '配合', any: '牵头或配合' };

/** argmax / argmin / the whole table of tasks per leader or unit. Ties are all named. */
export function rank(ctx: AnswerContext, kind: HolderKind, rel: Relation, scope: ListScope, op: 'argmax' | 'argmin' | 'each', without: string[] = [], level?: Level): Answer | null {
  // "岳阳市级民生实事…": only that half of the 民生实事 list.
  const lv = scope === 'livelihood' ? level : undefined;
  const all = tally(ctx, kind, rel, scope, lv);
  const t = all.filter((x) => !without.includes(x.name));
  if (!t.length) return null;
  const [what0, m] = SCOPE_WORD[scope];
  const what = lv ? `${lv}${what0}` : what0;
  const who = kind === 'leader' ? '领导' : '单位';
  const verb = REL_WORD[rel];
  const lines: string[] = [];
  const fmt = (xs: Tally[]) => xs.map((x) => `${x.name}${x.n}${m}`).join('、');
  if (op === 'each') {
    lines.push(`${t.length}${kind === 'leader' ? '位' : '个'}${who}${verb}${what}：`);
    if (kind === 'leader' || t.length <= 12) lines.push(...t.map((x) => `· ${x.name}：${x.n}${m}`));
    else {
      // Many units: one line per count, so the table stays short without dropping anyone.
      const by = new Map<number, string[]>();
      for (const x of t) by.set(x.n, [...(by.get(x.n) ?? []), x.name]);
      for (const [n, xs] of by) lines.push(`· ${n}${m}：${xs.join('、')}`);
    }
  } else {
    const edge = op === 'argmax' ? t[0]!.n : t[t.length - 1]!.n;
    const top = t.filter((x) => x.n === edge);
    const word = op === 'argmax' ? '最多' : '最少';
    const left = all.filter((x) => without.includes(x.name));
    const besides = left.length ? `除${left.map((x) => `${x.name}（${x.n}${m}）`).join('、')}外，` : '';
    lines.push(`${besides}${verb}${what}${word}的${who}：${top.map((x) => x.name).join('、')}，${top.length > 1 ? '各' : ''}${edge}${m}。`);
    // "牵头民生实事最少的领导": a leader with none in this list is fewer still; say so.
    if (op === 'argmin' && kind === 'leader') {
      const none = ctx.lexicon.leaders.filter((l) => !all.some((x) => x.name === l) && !without.includes(l));
      if (none.length) lines.push(`另有${none.join('、')}没有${verb}${what}。`);
    }
    const next = t.filter((x) => x.n !== edge);
    const runner = op === 'argmax' ? next.slice(0, 3) : next.slice(-3).reverse();
    if (runner.length) lines.push(`其次：${fmt(runner)}。`);
    // Few tasks at the edge: name them, that is what the leader will ask next.
    if (top.length * edge <= 8)
      for (const x of top) {
        const a = entityAnswer(ctx, { kind, names: [x.name], rel, scope: [scope], level: lv });
        // Sub-items under their project line too: the project line alone names no sub-item.
        const items = a.text.split('\n').filter((l) => l.startsWith('· ') || l.startsWith('  - '));
        // One line per task: joined, a long edge would overflow a line.
        lines.push(...(items.length === 1 ? [`· ${x.name}：${items[0]!.slice(2)}`] : [`${x.name}：`, ...items]));
      }
  }
  if (rel !== 'sole') lines.push(`（几位共同${verb}的，每位都计入）`);
  const ref = scope === 'task' ? { ...ctx.kb.keyTasks[0]!.source, locator: '附件' } : scope === 'voted' ? ctx.kb.voted[0]!.source : { ...ctx.kb.livelihood[0]!.source, locator: '附件1' };
  lines.push(sourceText([ref]));
  return { found: true, text: lines.join('\n'), refs: [ref] };
}

/** Holders (of `among`: leaders who lead anything, or units named as co-operators) with no record
 * in the relation asked: "哪位领导没有单独牵头的任务" → 吴侃; "哪个单位只配合不牵头". */
export function holdersWithout(ctx: AnswerContext, kind: HolderKind, rel: Relation, among: Relation, scope: ListScope): Answer | null {
  // Leaders: every lead leader of any list (one with no 民生实事 is "without" there too).
  const base = kind === 'leader'
    ? [...new Set([...(['task', 'livelihood', 'voted'] as const).flatMap((s) => tally(ctx, kind, 'lead', s).map((t) => t.name))])].map((name) => ({ name, n: tally(ctx, kind, 'lead', scope).find((t) => t.name === name)?.n ?? 0 }))
    : tally(ctx, kind, among, scope);
  if (!base.length) return null;
  const have = new Set(tally(ctx, kind, rel, scope).map((t) => t.name));
  const without = base.filter((t) => !have.has(t.name));
  const [what, m] = SCOPE_WORD[scope];
  const who = kind === 'leader' ? '领导' : '单位';
  const ref = scope === 'task' ? { ...ctx.kb.keyTasks[0]!.source, locator: '附件' } : scope === 'voted' ? ctx.kb.voted[0]!.source : { ...ctx.kb.livelihood[0]!.source, locator: '附件1' };
  const verb = REL_WORD[rel];
  const of = REL_WORD[among];
  if (!without.length) return { found: true, text: `每个${of}${what}的${who}都有${verb}的${what}。\n${sourceText([ref])}`, refs: [ref] };
  const lines = [`${among === rel ? '' : `${of}${what}的${who}中，`}没有${verb}${what}的${who}${without.length}${kind === 'leader' ? '位' : '个'}：${without.map((t) => (t.n ? `${t.name}（${of}${t.n}${m}）` : t.name)).join('、')}。`];
  lines.push(sourceText([ref]));
  return { found: true, text: lines.join('\n'), refs: [ref] };
}
