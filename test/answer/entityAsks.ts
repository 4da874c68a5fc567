// Questions about the holders of the records — leaders, units, towns — generated from the records
// themselves in the colloquial ways leaders type them on a phone, with the answer each must give
// computed from the records by the counting rules of ANSWERS.md. Nothing here lists a name or an
// answer; every name, count and task number comes from the bundled knowledge.
import { cellNames, pinyinOf } from '../../knowledge/lexicon.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { AnswerContext } from '../../src/answer/context.ts';

export interface Ask {
  q: string;
  /** what the reply must satisfy, given its text */
  ok: (reply: string, found: boolean) => boolean;
  label: string;
}

type Rel = 'lead' | 'sole' | 'co';

/** Key tasks a leader or a unit holds (ANSWERS.md: joint leads count; 单独 = the only name). */
export function tasksOf(kb: KnowledgeBase, kind: 'leader' | 'unit', name: string, rel: Rel): number[] {
  return kb.keyTasks
    .filter((t) => {
      const cell = kind === 'leader' ? t.leaders : rel === 'co' ? t.coUnits : t.leadUnits;
      const named = kind === 'leader' ? cell.includes(name) : cell.some((c) => cellNames(c, name));
      return named && (rel !== 'sole' || cell.length === 1);
    })
    .map((t) => t.no);
}

/** The first count a reply states (…重点工作任务6项…) must be the computed one: the count first. */
export function firstCount(reply: string): number | undefined {
  const m = reply.match(/(\d+)项/);
  return m ? Number(m[1]) : undefined;
}

/** The task numbers a reply's first line lists (第26、27、28项). */
export function firstLineNos(reply: string): number[] {
  const m = reply.split('\n')[0]!.match(/第([\d、]+)项/);
  return m ? m[1]!.split('、').map(Number) : [];
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));

const LEADER_COUNT = [
  (x: string) => `${x}牵头几项`,
  (x: string) => `${x}一共牵头多少项任务`,
  (x: string) => `${x}一共管几件事`,
  (x: string) => `${x}牵头的任务有几项？`,
  (x: string) => `${x}手上牵头几个任务啊`,
  (x: string) => `${x}分管的重点任务有多少项呢`,
  (x: string) => `${x}总共牵头了几项`,
  (x: string) => `${x}是牵头几项的`,
  (x: string) => `${x}那边牵头多少个任务？`,
];
const UNIT_LEAD_COUNT = [
  (x: string) => `${x}牵头几项`,
  (x: string) => `${x}牵头多少个任务`,
  (x: string) => `${x}是牵头几项的？`,
  (x: string) => `${x}一共牵头几项啊`,
  (x: string) => `${x}牵头的有几项呢`,
  (x: string) => `${x}牵头了多少项重点任务`,
  (x: string) => `${x}这边牵头几个任务`,
  (x: string) => `${x}总共牵头多少项？`,
];
const UNIT_CO_COUNT = [
  (x: string) => `${x}配合多少个任务`,
  (x: string) => `${x}配合几项`,
  (x: string) => `${x}配合的任务有几项`,
  (x: string) => `${x}是配合几项的呢`,
  (x: string) => `${x}配合了多少项？`,
  (x: string) => `${x}一共配合几个任务`,
  (x: string) => `${x}作为配合单位有几项`,
  (x: string) => `${x}配合的重点任务多少项啊`,
];

/** "曹陶牵头几项", "住建局配合多少个任务": the count computed from the records, stated first. */
export function countAsks(ctx: AnswerContext): Ask[] {
  const kb = ctx.kb;
  const out: Ask[] = [];
  const add = (name: string, kind: 'leader' | 'unit', rel: Rel, forms: ((x: string) => string)[], typed = name) => {
    const n = tasksOf(kb, kind, name, rel).length;
    if (!n) return;
    for (const f of forms) out.push({ q: f(typed), label: `${name} ${rel} ${n}`, ok: (r, found) => found && r.includes(name) && firstCount(r) === n });
  };
  for (const l of ctx.lexicon.leaders) add(l, 'leader', 'lead', LEADER_COUNT);
  for (const u of ctx.lexicon.units) (add(u, 'unit', 'lead', UNIT_LEAD_COUNT), add(u, 'unit', 'co', UNIT_CO_COUNT));
  return out;
}

const BOTH = [
  (a: string, b: string) => `${a}和${b}都牵头的有哪些`,
  (a: string, b: string) => `${a}跟${b}一起牵头哪几项`,
  (a: string, b: string) => `${a}、${b}共同牵头的任务`,
  (a: string, b: string) => `${a}与${b}都牵头的是哪些？`,
  (a: string, b: string) => `${a}和${b}同时牵头几项`,
  (a: string, b: string) => `${a}跟${b}共同负责的有几项呢`,
  (a: string, b: string) => `${a}和${b}两个人都牵头的任务有哪些`,
  (a: string, b: string) => `${a}和${b}一块牵头的是哪几项啊`,
];
const SOLE = [
  (a: string) => `${a}单独牵头的`,
  (a: string) => `${a}单独牵头几项`,
  (a: string) => `${a}一个人牵头的有哪些`,
  (a: string) => `${a}独自负责哪些任务`,
  (a: string) => `${a}自己一个人牵头的是哪几项？`,
  (a: string) => `${a}单独负责的任务有多少项呢`,
  (a: string) => `${a}独立牵头几项啊`,
  (a: string) => `${a}单独牵头的任务是哪些`,
  (a: string) => `${a}自己牵头几项`,
];
const OTHERS = [
  (n: number) => `还有谁一起牵头第${n}项`,
  (n: number, a: string) => `第${n}项除了${a}还有谁牵头`,
  (n: number) => `第${n}项还有哪些领导牵头`,
  (n: number, a: string) => `${n}项${a}跟谁一起牵头`,
  (n: number) => `第${n}项是哪几位领导牵头的？`,
  (n: number) => `第${n}项都有谁牵头呢`,
  (n: number) => `第${n}项牵头领导都有谁啊`,
  (n: number, a: string) => `第${n}项${a}和谁共同牵头`,
];

/** "A和B都牵头的", "A单独牵头的", "还有谁一起牵头第N项": exactly the records' tasks and names. */
export function qualifierAsks(ctx: AnswerContext): Ask[] {
  const kb = ctx.kb;
  const out: Ask[] = [];
  const leaders = ctx.lexicon.leaders;
  for (let i = 0; i < leaders.length; i++)
    for (let j = i + 1; j < leaders.length; j++) {
      const [a, b] = [leaders[i]!, leaders[j]!];
      const shared = tasksOf(kb, 'leader', a, 'lead').filter((n) => tasksOf(kb, 'leader', b, 'lead').includes(n));
      if (!shared.length) continue;
      for (const f of BOTH) out.push({ q: f(a, b), label: `${a}+${b} ${shared.join('、')}`, ok: (r, found) => found && same(firstLineNos(r), shared) && firstCount(r) === shared.length });
    }
  for (const a of leaders) {
    const sole = tasksOf(kb, 'leader', a, 'sole');
    if (!sole.length) continue;
    for (const f of SOLE) out.push({ q: f(a), label: `${a} sole ${sole.length}`, ok: (r, found) => found && firstCount(r) === sole.length && (sole.length > 12 || same(firstLineNos(r), sole)) });
  }
  for (const t of kb.keyTasks.filter((t) => t.leaders.length > 1))
    for (const f of OTHERS) {
      const a = t.leaders[0]!;
      out.push({ q: f(t.no, a), label: `第${t.no}项 ${t.leaders.join('、')}`, ok: (r, found) => found && t.leaders.slice(1).every((l) => r.includes(l)) });
    }
  return out;
}

/** 住建局 → 住建, 国资服务中心 → 国资: the generic tail dropped. */
function tailless(name: string): string | undefined {
  return name.match(/^(.{2,6}?)(?:分局|局|服务中心|事务中心|中心)$/)?.[1];
}

/** The short forms a unit is spoken of by, each naming it alone among the units. */
export function unitShortForms(ctx: AnswerContext, unit: string): string[] {
  const units = ctx.lexicon.units;
  const names = [...ctx.lexicon.leaders, ...ctx.lexicon.towns];
  const forms = new Set<string>();
  const t = tailless(unit);
  if (t) forms.add(t);
  // The first two characters, where no other unit, leader or town starts so.
  const two = unit.slice(0, 2);
  if (unit.length >= 4 && !units.some((o) => o !== unit && o.startsWith(two)) && !names.some((n) => n.startsWith(two))) forms.add(two);
  // 发改局（国动办）: the bracketed office is the unit too.
  for (const e of ctx.kb.directory.units) if (e.name.startsWith(`${unit}（`)) forms.add(e.name.match(/（(.+)）/)![1]!);
  // Ordinary words of the documents (市场, 政府) are no short form: the lexicon's own
  // exceptions decide (an alias it does not hold as this unit is left out).
  return [...forms].filter((f) => f.length >= 2 && f !== unit && ctx.lexicon.entries.some((e) => e.alias === f && e.canon === unit));
}

const SHORT_UNIT = [
  (s: string) => `${s}牵头几项`,
  // a short form before 的 and the holder's standing words (住建的工作, 住建的完成情况)
  (s: string) => `${s}的工作有哪些`,
  (s: string) => `${s}的任务完成情况`,
  (s: string) => `${s}牵头哪些任务`,
  (s: string) => `${s}牵头的有几项？`,
  (s: string) => `${s}那几项是啥`,
  (s: string) => `${s}在牵头哪些事`,
  (s: string) => `${s}牵头了多少项呢`,
  (s: string) => `${s}一共牵头几个任务啊`,
  (s: string) => `${s}牵头的重点任务都有哪些`,
];
const SHORT_LEADER = [
  (s: string) => `${s}牵头几项`,
  (s: string) => `${s}分管哪些任务`,
  (s: string) => `${s}牵头的有几项？`,
  (s: string) => `${s}手上有哪些任务啊`,
  (s: string) => `${s}一共牵头多少项`,
  (s: string) => `${s}负责的任务是哪些呢`,
  (s: string) => `${s}牵头了几个任务`,
  (s: string) => `${s}管的重点工作有哪些`,
];

/** Units and leaders by their short forms: the same holder, its count first. */
export function shortNameAsks(ctx: AnswerContext): Ask[] {
  const kb = ctx.kb;
  const out: Ask[] = [];
  for (const u of ctx.lexicon.units) {
    const n = tasksOf(kb, 'unit', u, 'lead').length;
    if (!n) continue;
    for (const s of unitShortForms(ctx, u))
      for (const f of SHORT_UNIT) out.push({ q: f(s), label: `${s}=${u} ${n}`, ok: (r, found) => found && r.includes(u) && r.includes(`${n}项`) });
  }
  const leaders = ctx.lexicon.leaders;
  for (const l of leaders) {
    if (leaders.filter((o) => o[0] === l[0]).length !== 1) continue;
    const n = tasksOf(kb, 'leader', l, 'lead').length;
    for (const title of ['市长', '副市长'])
      for (const f of SHORT_LEADER) out.push({ q: f(l[0] + title), label: `${l[0]}${title}=${l} ${n}`, ok: (r, found) => found && r.includes(l) && r.includes(`${n}项`) });
  }
  return out;
}

/** 白水镇 → 白水, 归义街道 → 归义: a town as it is spoken of (汨罗镇 keeps its 镇: 汨罗 is the city). */
export function townShort(ctx: AnswerContext, town: string): string | undefined {
  const s = town.replace(/(?:镇|街道)$/, '');
  return s.length >= 2 && s !== town && ctx.lexicon.entries.some((e) => e.alias === s && e.canon === town) ? s : undefined;
}

/** A per-town indicator's subject as a leader names it: its longest run of Han characters, clipped. */
export function indicatorSubject(text: string): string {
  const runs = text.replace(/[（(].*$/, '').match(/[\u4e00-\u9fff]+/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0]!.slice(0, 6);
}

export const TOWN_FORMS = [
  (t: string, s: string) => `${t}${s}多少`,
  (t: string, s: string) => `${t}${s}分了几个`,
  (t: string, s: string) => `${s}${t}要完成多少`,
  (t: string, s: string) => `${t}的${s}是多少`,
  (t: string, s: string) => `${t}那边${s}几个？`,
  (t: string, s: string) => `${s}在${t}是多少呢`,
  (t: string, s: string) => `${t}${s}任务多少啊`,
  (t: string, s: string) => `${t}${s}目标是多少`,
];

/** Characters the documents write, by reading: the common characters a pinyin IME offers. */
export function charsBySound(ctx: AnswerContext): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const [c, py] of ctx.words.charPy) by.set(py, [...(by.get(py) ?? []), c]);
  return by;
}

/** One character of `name` (not the first of a two-character one) replaced by another the
 * documents write that reads the same: a homophone slip. `avoid` says which results are no slip
 * (another name, a word of the documents). */
export function homophones(name: string, by: Map<string, string[]>, avoid: (s: string) => boolean, pick: () => number): string[] {
  const py = pinyinOf(name);
  const out: string[] = [];
  for (let i = name.length === 2 ? 1 : 0; i < name.length; i++) {
    const alts = (by.get(py[i]!) ?? []).filter((c) => c !== name[i]);
    if (!alts.length) continue;
    const s = name.slice(0, i) + alts[Math.floor(pick() * alts.length)]! + name.slice(i + 1);
    if (!avoid(s)) out.push(s);
  }
  return out;
}

const LEADER_LIST = [
  (x: string) => `${x}管哪些事`,
  (x: string) => `${x}手上有哪些任务`,
  (x: string) => `${x}负责的都列一下`,
  (x: string) => `${x}牵头的任务有哪些？`,
  (x: string) => `帮我列一下${x}牵头的任务`,
  (x: string) => `${x}分管的重点任务都是啥`,
  (x: string) => `${x}那边牵头的事有哪几项`,
  (x: string) => `${x}牵头哪些工作啊`,
];
const UNIT_LIST = [
  (x: string) => `${x}牵头哪些事`,
  (x: string) => `${x}手上牵头的任务有哪些`,
  (x: string) => `${x}牵头的都列一下`,
  (x: string) => `${x}牵头的任务是哪些？`,
  (x: string) => `帮我列下${x}牵头的工作`,
  (x: string) => `${x}牵头的重点任务都有啥`,
  (x: string) => `${x}牵头了哪几项呢`,
  (x: string) => `${x}那边牵头哪些任务`,
];
const UNIT_CO_LIST = [
  (x: string) => `${x}配合哪些事`,
  (x: string) => `${x}配合的任务有哪些`,
  (x: string) => `${x}配合的都列一下`,
  (x: string) => `${x}是配合单位的有哪些任务？`,
  (x: string) => `帮我列下${x}配合的工作`,
  (x: string) => `${x}参与配合的重点任务都有啥`,
  (x: string) => `${x}配合了哪几项呢`,
  (x: string) => `${x}那边配合哪些任务`,
];

/** The task numbers a reply states for one role: on the role's line (…：第3、5项), or, when that
 * line only counts (配合重点工作任务2项：), the task lines under it. */
export function roleNos(reply: string, role: '牵头' | '配合'): number[] | undefined {
  const lines = reply.split('\n');
  const at = lines.findIndex((l) => new RegExp(`${role}(?:“[^”]+”类)?重点工作任务\\d+项`).test(l));
  if (at < 0) return undefined;
  const m = lines[at]!.match(/第([\d、]+)项/);
  if (m) return m[1]!.split('、').map(Number);
  const out: number[] = [];
  for (const l of lines.slice(at + 1)) {
    if (l.startsWith('【')) continue;
    const b = l.match(/^· 第(\d+)项/);
    if (!b) break;
    out.push(Number(b[1]));
  }
  return out;
}

/** "X管哪些事", "X配合的都列一下": every task number of the role listed, none other. */
export function listAsks(ctx: AnswerContext): Ask[] {
  const kb = ctx.kb;
  const out: Ask[] = [];
  const add = (name: string, kind: 'leader' | 'unit', rel: Rel, forms: ((x: string) => string)[]) => {
    const want = tasksOf(kb, kind, name, rel);
    if (!want.length) return;
    const role = rel === 'co' ? '配合' : '牵头';
    for (const f of forms) out.push({ q: f(name), label: `${name} ${rel} ${want.length}`, ok: (r, found) => { const got = roleNos(r, role); return found && r.includes(name) && !!got && same(got, want); } });
  };
  for (const l of ctx.lexicon.leaders) add(l, 'leader', 'lead', LEADER_LIST);
  for (const u of ctx.lexicon.units) (add(u, 'unit', 'lead', UNIT_LIST), add(u, 'unit', 'co', UNIT_CO_LIST));
  return out;
}

const MOST = [
  (k: string, w: string) => `哪个${k}牵头${w}`,
  (k: string, w: string) => `牵头任务${w}的是哪个${k}`,
  (k: string, w: string) => `哪个${k}牵头的任务${w}？`,
  (k: string, w: string) => `${w}牵头任务的${k}是谁`,
  (k: string, w: string) => `谁牵头的重点任务${w}（${k}）`,
  (k: string, w: string) => `哪个${k}手上牵头的事${w}啊`,
  (k: string, w: string) => `牵头${w}的${k}是哪个`,
  (k: string, w: string) => `重点任务哪个${k}牵头${w}呢`,
];

/** "哪个单位牵头最多", "哪位领导牵头最少": the holders with the most or fewest lead tasks, computed. */
export function extremeAsks(ctx: AnswerContext): Ask[] {
  const out: Ask[] = [];
  for (const [kind, k, names] of [['leader', '领导', ctx.lexicon.leaders], ['unit', '单位', ctx.lexicon.units]] as const) {
    // "发改局（国动办）" counts for 发改局 (ANSWERS.md): a name only in brackets is no holder of its own here.
    const own = (x: string) => kind === 'leader' || ctx.kb.keyTasks.some((t) => t.leadUnits.some((c) => cellNames(c.replace(/（[^）]*）/g, ''), x)));
    const n = new Map(names.filter(own).map((x) => [x, tasksOf(ctx.kb, kind, x, 'lead').length] as const).filter(([, c]) => c > 0));
    for (const [w, pick] of [['最多', Math.max], ['最少', Math.min]] as const) {
      const best = pick(...n.values());
      const want = [...n].filter(([, c]) => c === best).map(([x]) => x);
      for (const f of MOST) out.push({ q: f(k, w), label: `${k}${w} ${want.join('、')} ${best}`, ok: (r, found) => found && want.every((x) => r.split('\n')[0]!.includes(x)) && r.split('\n')[0]!.includes(`${best}项`) });
    }
  }
  return out;
}

const TOWN_MOST = [
  (s: string, w: string) => `哪个镇${s}${w}`,
  (s: string, w: string) => `${s}哪个镇${w}`,
  (s: string, w: string) => `${s}${w}的是哪个镇`,
  (s: string, w: string) => `${s}分得${w}的镇街是哪个？`,
  (s: string, w: string) => `哪个乡镇${s}任务${w}啊`,
  (s: string, w: string) => `${s}哪个镇街${w}呢`,
  (s: string, w: string) => `${s}${w}是哪个地方`,
  (s: string, w: string) => `各镇${s}哪个${w}`,
];

/** "哪个镇X最多/最少" over each per-town indicator: the towns at the extreme, computed from the table. */
export function townExtremeAsks(ctx: AnswerContext): Ask[] {
  const out: Ask[] = [];
  for (const ind of ctx.kb.indicators) {
    if (!ind.towns) continue;
    const vals = Object.entries(ind.towns);
    // Every town the same share asks no extreme.
    if (new Set(vals.map(([, v]) => v)).size < 2) continue;
    const s = indicatorSubject(ind.text);
    for (const [w, pick] of [['最多', Math.max], ['最少', Math.min]] as const) {
      // A 0 is a town with no share of the task (the engine says 没有分解任务), not the fewest.
      const best = pick(...vals.filter(([, v]) => v > 0).map(([, v]) => v));
      const want = vals.filter(([, v]) => v === best).map(([t]) => t);
      for (const f of TOWN_MOST) out.push({ q: f(s, w), label: `${s}${w} ${want.join('、')} ${best}`, ok: (r, found) => found && want.every((t) => r.split('\n').slice(0, 2).join('').includes(t)) });
    }
  }
  return out;
}

const EACH_LEADER = [
  () => '副市长们各牵头几项',
  () => '领导们分别负责多少项',
  () => '市领导们每人牵头几项',
  () => '各位副市长都牵头多少项？',
  () => '领导们各自管几项啊',
  () => '副市长们每人分管几个任务',
  () => '市领导们分别牵头多少个重点任务',
  () => '牵头领导们各负责几项呢',
];

/** "副市长们各牵头几项": a title made plural is every leader, each with the count computed. */
export function eachLeaderAsks(ctx: AnswerContext): Ask[] {
  const want = ctx.lexicon.leaders.map((l) => [l, tasksOf(ctx.kb, 'leader', l, 'lead').length] as const).filter(([, n]) => n > 0);
  return EACH_LEADER.map((f) => ({ q: f(), label: 'each leader', ok: (r: string, found: boolean) => found && want.every(([l, n]) => r.includes(`${l}：${n}项`)) }));
}

const POINTER = [
  (n: number) => `下列哪位领导牵头第${n}项`,
  (n: number) => `以下哪个领导负责第${n}项？`,
  (n: number) => `下面哪位市领导牵头${n}号任务`,
  (n: number) => `上述哪些领导牵头第${n}项`,
  // the leader asked by a title (归哪个副市长管, 是哪位领导的): the asking, no topic word
  (n: number) => `第${n}项归哪个副市长管`,
  (n: number) => `第${n}项是哪位领导的`,
  (n: number) => `${n}号任务由哪个市长负责`,
];

/** "下列哪位领导牵头第N项": a pointer to the choices before the question word names nothing; the
 * reply is the item's leaders, every one. */
export function pointerAsks(ctx: AnswerContext): Ask[] {
  return ctx.kb.keyTasks.flatMap((t) => POINTER.map((f) => ({ q: f(t.no), label: `第${t.no}项 ${t.leaders.join('、')}`, ok: (r: string, found: boolean) => found && !r.includes('没有写') && t.leaders.every((l) => r.includes(l)) })));
}

const BOUND = [
  (k: string, n: number) => ({ q: `牵头任务超过${n}项的${k}`, pass: (c: number) => c > n }),
  (k: string, n: number) => ({ q: `牵头${n}项以上的${k}有哪些`, pass: (c: number) => c >= n }),
  (k: string, n: number) => ({ q: `哪些${k}牵头的任务多于${n}项`, pass: (c: number) => c > n }),
  (k: string, n: number) => ({ q: `牵头重点任务不少于${n}项的${k}是哪几个`, pass: (c: number) => c >= n }),
];

/** "牵头任务超过10项的领导": every holder whose lead count passes the bound, none other, computed. */
export function boundAsks(ctx: AnswerContext): Ask[] {
  const out: Ask[] = [];
  for (const [kind, k, names] of [['leader', '领导', ctx.lexicon.leaders], ['unit', '单位', ctx.lexicon.units]] as const) {
    const own = (x: string) => kind === 'leader' || ctx.kb.keyTasks.some((t) => t.leadUnits.some((c) => cellNames(c.replace(/（[^）]*）/g, ''), x)));
    const counts = names.filter(own).map((x) => [x, tasksOf(ctx.kb, kind, x, 'lead').length] as const).filter(([, c]) => c > 0);
    for (const n of [3, 5, 8, 10])
      for (const f of BOUND) {
        const { q, pass } = f(k, n);
        const want = counts.filter(([, c]) => pass(c));
        const not = counts.filter(([, c]) => !pass(c));
        out.push({ q, label: `${k} ${q} ${want.length}`, ok: (r, found) => found && want.every(([x, c]) => r.includes(`${x}（${c}项）`)) && not.every(([x]) => !r.includes(`${x}（`)) });
      }
  }
  return out;
}

const OTHERS_SUBJECT = [
  (x: string, s: string) => `${x}单独牵头的${s}`,
  (x: string, s: string) => `${s}那项是${x}一家牵头吗`,
  (x: string, s: string) => `${x}自己牵头的${s}有哪些`,
];

/** "住建局单独牵头的地铁项目": a subject none of the holder's records holds (here a key task's own
 * words the holder is not on) must not get the holder's whole sole list as if it answered. */
export function foreignSubjectAsks(ctx: AnswerContext): Ask[] {
  const out: Ask[] = [];
  const kb = ctx.kb;
  for (const l of ctx.lexicon.leaders) {
    const sole = tasksOf(kb, 'leader', l, 'sole');
    if (!sole.length) continue;
    const mine = [...kb.keyTasks.filter((t) => t.leaders.includes(l)).map((t) => t.target), ...kb.livelihood.flatMap((p) => p.items.filter((i) => i.leaders.includes(l)).map((i) => `${p.name}${i.text}`)), ...kb.voted.filter((v) => v.leaders.includes(l)).map((v) => `${v.name}${v.content}`)].join('\n');
    const other = kb.keyTasks.filter((t) => !t.leaders.includes(l));
    let picked = 0;
    for (const t of other) {
      const s = (t.target.match(/[\u4e00-\u9fff]{4,}/g) ?? []).map((r) => r.slice(0, 4)).find((w) => [...w].slice(1).every((c, i) => !mine.includes(w[i]! + c)));
      if (!s || picked++ >= 2) continue;
      for (const f of OTHERS_SUBJECT) out.push({ q: f(l, s), label: `${l} ∌ ${s}`, ok: (r) => !r.includes(`${l}单独牵头重点工作任务${sole.length}项`) });
    }
  }
  return out;
}
