// The frames a question can be read in. Each looks at the analysed question and proposes the
// readings it could execute, naming the parts it uses; understand.ts scores and orders them.
import type { ListScope, Relation } from './intents/byEntity.ts';
import { entityAnswer, holds, namedHeading, taskLine } from './intents/byEntity.ts';
import { holdersWithout, rank, taskPeople, taskTowns, type PeopleField } from './intents/relations.ts';
import { askedBound, proseTownTable, townIndicator, townShares, townTable, unsplitIndicator, type Bound, type TownOp } from './intents/townTable.ts';
import { has, slotsOf, type Analysis, type Frame, type Proposal } from './understand.ts';
import { clip, distinctive, lineBudget, orgName, sourceText } from './format.ts';
import type { SourceRef } from '../../knowledge/types.ts';
import type { Answer } from './types.ts';
import type { NumberRef } from './query.ts';
import { yearAnswer } from './intents/byYear.ts';
import { goodHits, searchRecords } from './records.ts';
import { askedYear, routeYear } from './years.ts';
import { HELD_ONLY, parseChineseNumber } from './text.ts';
import { askedPeriod } from './periods.ts';
import { noPeriodFigure, periodAnswer } from './intents/byPeriod.ts';
import { appointmentAnswer, POST_WORD } from './intents/appointments.ts';
import { askedAttribute, attributeAnswer, ASKS_LEVEL, levelAnswer } from './intents/attribute.ts';

function scopeOf(a: Analysis, measures = false): ListScope[] {
  const s = new Set<ListScope>();
  for (const l of slotsOf(a, 'list')) if (measures || l.value !== 'measure') s.add(l.value === 'indicator' ? 'livelihood' : (l.value as ListScope));
  // "医保牵头几个子项": only the 民生实事 have sub-items.
  if (!s.size && /(?:几|多少)个?子项|哪些子项|哪几个子项/.test(a.q.text)) s.add('livelihood');
  // "教体局牵头哪些，民生实事也算上": the key tasks and the list named besides them.
  if (s.size && has(a, 'also').length) {
    // "…开局八好也算上": the plan measures on top of everything a holder is listed with.
    if (s.has('measure') && s.size === 1) for (const x of ['task', 'livelihood', 'voted'] as const) s.add(x);
    s.add('task');
  }
  return [...s];
}

/** 共同/一起 with one name asks for the tasks shared with others; 都 with one name is only "all". */
function relationOf(a: Analysis, kind: 'leader' | 'unit', text: string): Relation {
  if (has(a, 'sole').length) return 'sole';
  if (has(a, 'joint').some((c) => text.slice(c.at, c.end) !== '都')) return 'joint';
  if (kind === 'leader') return 'lead';
  const lead = has(a, 'lead').some((c) => text.slice(c.at, c.end) === '牵头');
  // 参与 is being on the task at all, lead or co; 配合/协助 is the co-operating cell.
  // "是配合单位的有哪几项": the co-operating cell named as a role.
  const co = has(a, 'co').some((c) => text.slice(c.at, c.end) !== '参与') || has(a, 'askCoUnit').length > 0;
  return co && !lead ? 'co' : lead && !co ? 'lead' : 'any';
}

/** "杨盛和住建局都牵头的", "曹陶和住建局一起负责哪些": a leader and a unit on the same tasks. */
const mixedFrame: Frame = (a, ctx) => {
  if (slotsOf(a, 'number').length) return [];
  const leaders = [...new Set(slotsOf(a, 'leader').map((s) => s.value))];
  const units = [...new Set(slotsOf(a, 'unit').map((s) => s.value))];
  // "分别": each on its own, not the tasks they share.
  if (!leaders.length || !units.length || has(a, 'each').length) return [];
  const scope = scopeOf(a);
  return [{
    frame: 'entity',
    op: 'intersection',
    relation: 'lead',
    names: [...leaders, ...units],
    scope,
    slots: [...slotsOf(a, 'leader', 'unit', 'list')],
    cues: has(a, 'lead', 'co', 'list', 'count', 'joint', 'and'),
    usesResidue: false,
    run: () => leaderAndUnit(ctx, leaders, units, scope, has(a, 'co').length > 0 && !has(a, 'lead').length),
  }];
};

function leaderAndUnit(ctx: Parameters<Frame>[1], leaders: string[], units: string[], scope: ListScope[], co: boolean): Answer {
  const want = (s: ListScope) => !scope.length || scope.includes(s);
  const unitOn = (c: { leadUnits: string[]; coUnits: string[] }) => units.every((u) => holds(c, 'unit', u, co ? 'co' : 'lead'));
  const tasks = want('task') ? ctx.kb.keyTasks.filter((t) => leaders.every((l) => t.leaders.includes(l)) && unitOn(t)) : [];
  const items = want('livelihood') ? ctx.kb.livelihood.flatMap((p) => p.items.filter((i) => leaders.every((l) => i.leaders.includes(l)) && unitOn(i)).map((i) => ({ p, i }))) : [];
  const who = `${leaders.join('、')}牵头、${units.join('、')}${co ? '配合' : '牵头'}`;
  if (!tasks.length && !items.length) return { found: false, text: `没有${who}的任务。可分别问“${leaders[0]}牵头哪些”“${units[0]}牵头哪些”。`, refs: [] };
  const width = lineBudget(tasks.length + items.length);
  const lines = [`${who}的：重点工作任务${tasks.length}项${tasks.length ? `（第${tasks.map((t) => t.no).join('、')}项）` : ''}${items.length ? `、民生实事${items.length}个子项` : ''}。`];
  for (const t of tasks) lines.push(`· ${taskLine(t, ctx.kb, width)}`);
  for (const { p, i } of items) lines.push(`· 民生实事第${p.no}项 ${distinctive(ctx.kb, i.text, width)}`);
  const refs = [...tasks.map((t) => t.source), ...items.map((x) => x.p.source)];
  lines.push(sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** One leader or unit, or several of one kind joined by 和/都: their tasks. */
const entityFrame: Frame = (a, ctx) => {
  if (slotsOf(a, 'number').length) return [];
  const out: Proposal[] = [];
  // "新市街道配合哪些任务", "弼时配合哪些": a town's government is named in the unit cells, so a
  // town asked with a role word and nothing else is a holder like a unit.
  // A leftover measure word ("有哪几项" leaves 项) names no subject.
  // "屈子祠镇在哪几项任务里": being on the tasks at all, said by where it stands.
  const inTasks = /在(?:哪些|哪几项|哪几个|几项|多少项|哪)(?:重点)?(?:任务|工作|事)(?:里面|里|中|当中)/.test(a.q.text);
  const townHolder = !slotsOf(a, 'leader', 'unit').length && (has(a, 'lead', 'co', 'askCoUnit').length > 0 || inTasks) && !a.residue.replace(/(?:^|\s)(?:项|个|件|条|任务|事|事情|工作|里|中|里面|当中)(?=\s|$)/g, ' ').trim();
  for (const kind of ['leader', 'unit'] as const) {
    const slots = kind === 'unit' && townHolder ? slotsOf(a, 'town') : slotsOf(a, kind);
    const names = [...new Set(slots.map((s) => s.value))];
    if (!names.length) continue;
    const scope = scopeOf(a, true);
    const levelSlots = scope.includes('livelihood') ? slotsOf(a, 'level') : [];
    const level = levelSlots[0]?.value as '省级' | '岳阳市级' | undefined;
    const common = { slots: [...slots, ...slotsOf(a, 'list'), ...levelSlots], usesResidue: false, kind, scope };
    // "一共几项" is a count: its 一共 is explained with it.
    const cues = [...has(a, 'lead', 'co', 'list', 'count', 'sole', 'also'), ...(kind === 'unit' ? has(a, 'askCoUnit') : []), ...(has(a, 'count').length ? has(a, 'sum') : [])];
    if (names.length > 1) {
      const joint = has(a, 'joint');
      const coWords = has(a, 'co').map((c) => a.q.text.slice(c.at, c.end));
      const rel: Relation = kind !== 'unit' || !coWords.length ? 'lead' : coWords.every((w) => w === '参与') ? 'any' : 'co';
      // "杨盛比曹陶多牵头几项", "吴艳平和曹陶谁牵头的多": the two counts and their difference.
      const compare = names.length === 2 && COMPARE.test(a.q.text);
      if (compare)
        out.push({ ...common, frame: 'entity', op: 'count', field: 'compare', relation: rel, names, usesResidue: true, cues: [...cues, ...has(a, 'and', 'max', 'min')], run: () => compareHolders(ctx, kind, names, rel, scope) });
      else if (joint.length)
        out.push({ ...common, frame: 'entity', op: 'intersection', relation: rel, names, cues: [...cues, ...joint, ...has(a, 'and')], run: () => intersection(ctx, kind, names, rel, scope) });
      else
        out.push({ ...common, frame: 'entity', op: 'each', relation: rel, names, cues: [...cues, ...has(a, 'and', 'each')], run: () => each(ctx, kind, names, rel, scope, has(a, 'count').length > 0 && !has(a, 'list').length) });
      continue;
    }
    const rel = relationOf(a, kind, a.q.text);
    // "住建局在防风险这块牵头几项": a heading of the table as the rest of the question, the holder's
    // tasks under it (the table's own grouping, not a word search).
    const heading = scope.every((x) => x === 'task') ? namedHeading(ctx.kb, a.residue, a.q.text) : undefined;
    if (heading && rel !== 'co')
      out.push({
        ...common,
        usesResidue: true,
        frame: 'entity',
        op: has(a, 'count').length ? 'count' : 'list',
        field: `heading:${heading}`,
        relation: rel,
        names,
        cues: [...cues, ...has(a, 'joint'), ...has(a, 'and')],
        run: () => { const x = entityAnswer(ctx, { kind, names, rel, scope: ['task'], heading }); return x.found ? x : null; },
      });
    // "向恩泽和谁一起牵头文明城市": the partner asked on one task named by its topic, among the
    // holder's own joint tasks: that task's people, not the whole joint list.
    const topic = a.residue.replace(/(?:^|\s)(?:项|个|件|条|任务|事|事情|工作|那项|这项|的)(?=\s|$)/g, ' ').trim();
    if (rel === 'joint' && topic && scope.every((x) => x === 'task'))
      out.push({
        ...common,
        usesResidue: true,
        frame: 'entity',
        op: 'lookup',
        field: 'partnerOnTopic',
        relation: rel,
        names,
        cues: [...cues, ...has(a, 'joint'), ...has(a, 'and')],
        run: () => partnerOnTopic(ctx, kind, names[0]!, topic),
      });
    out.push({
      ...common,
      frame: 'entity',
      op: has(a, 'count').length ? 'count' : 'list',
      relation: rel,
      names,
      cues: [...cues, ...has(a, 'joint'), ...has(a, 'and'), ...has(a, 'within'), ...(rel === 'joint' || rel === 'sole' ? has(a, kind === 'leader' ? 'askLeader' : 'askUnit') : kind === 'leader' ? has(a, 'askUnit') : [])],
      run: () => {
        // "地铁那项是住建局单独牵头吗": a word of the question the documents never write is a
        // subject they lack; the holder's list would read as if it answered.
        const foreign = foreignWord(ctx, kind, names, topic);
        if (foreign) return { found: false, text: `没有在文件中找到${names.join('、')}的“${foreign}”。可问“${names[0]}牵头哪些”看全部。`, refs: [] };
        // "李亚江牵头的任务涉及哪些单位": the units are asked, every one, with their items.
        if (kind === 'leader' && rel === 'lead' && has(a, 'askUnit').length) {
          const u = leaderUnits(ctx, names[0]!, scope);
          if (u) return u;
        }
        // "吴侃有没有单独牵头的": a yes-or-no about how many, answered like a count (0 is an answer).
        const x = entityAnswer(ctx, { kind, names, rel, scope, count: has(a, 'count').length > 0 || /有没有|有无|是否有|有不有/.test(a.q.text), level });
        // "牵头加配合一共几项": the total said first, then each role's list.
        if (x.found && kind === 'unit' && rel === 'any' && has(a, 'count').length) return { ...x, text: `${anyTotal(ctx, names[0]!, scope)}\n${x.text}` };
        // A town none of whose tasks is in that relation: its share of the town table instead,
        // unless the cell was asked by name ("是配合单位的任务"): then say none names it.
        if (x.found || !(kind === 'unit' && townHolder)) return x;
        const explicit = has(a, 'askCoUnit', 'askUnit').length > 0 || inTasks || has(a, 'co').some((c) => a.q.text.slice(c.at, c.end) !== '参与');
        if (!explicit) return null;
        return { found: false, text: `重点工作任务和民生实事里没有点名${names[0]}${rel === 'co' ? '配合' : '牵头'}的任务；不少任务的配合单位写的是“各镇政府、街道办”“相关镇政府、街道办”（泛指，不是具体镇）。可问“${names[0]}有哪些指标”看它在民生实事附件2中分到的任务数。`, refs: [] };
      },
    });
  }
  return out;
};

/** A word of two or more Han characters in the topic none of whose character pairs the holders'
 * own records (tasks, 民生实事 items, voted projects, plan measures) write (地铁 of 住建局), or
 * undefined. */
function foreignWord(ctx: Parameters<Frame>[1], kind: 'leader' | 'unit', names: string[], topic: string): string | undefined {
  const words = topic.split(/\s+/).filter((w) => /^[\u4e00-\u9fff]{2,}$/.test(w));
  if (!words.length) return undefined;
  const kb = ctx.kb;
  const mine = (c: { leaders?: string[]; leadUnits: string[]; coUnits: string[] }) => names.some((n) => holds(c, kind, n, 'any'));
  const text = [...kb.keyTasks.filter(mine).map((t) => t.target), ...kb.livelihood.flatMap((p) => p.items.filter(mine).map((i) => `${p.name}${i.text}`)), ...kb.voted.filter(mine).map((v) => `${v.name}${v.content}`), ...kb.measures.filter(mine).map((m) => m.text)].join('\n');
  return words.find((w) => [...w].slice(1).every((c, i) => !text.includes(w[i]! + c)));
}

/** The one joint task of a holder its topic names, and who shares it. "曹陶和谁一起牵头保障房" where
 * the task the topic names is one the holder leads alone: that task, saying no one shares it (the
 * whole joint list would read as partners on it). None or several: no reading. */
function partnerOnTopic(ctx: Parameters<Frame>[1], kind: 'leader' | 'unit', name: string, topic: string): Answer | null {
  const field = kind === 'leader' ? 'leaders' : 'leadUnits';
  const among = (rel: Relation) => {
    const mine = new Set(ctx.kb.keyTasks.filter((t) => holds(t, kind, name, rel)).map((t) => `task:${t.no}`));
    return goodHits(searchRecords(ctx, topic, (r) => mine.has(r.id)), 0.6);
  };
  const joint = among('joint');
  if (joint.length) return joint.length === 1 ? taskPeople(ctx, { list: 'task', no: Number(joint[0]!.id.slice(5)), explicit: true }, field, [name]) : null;
  // Led alone, or (曹陶和谁一起牵头龙舟) not the holder's at all: the one task named, saying so.
  const alone = among('sole');
  const other = alone.length ? alone : goodHits(searchRecords(ctx, topic, (r) => r.id.startsWith('task:')), 0.6);
  if (!other.length || other.length > 3) return null;
  const each = other.map((h) => taskPeople(ctx, { list: 'task', no: Number(h.id.slice(5)), explicit: true }, field, [name])).filter((x): x is Answer => x !== null);
  if (each.length === 1) return each[0]!;
  // A few tasks of that topic, none the holder's: each with who does lead it.
  const refs = each.flatMap((x) => x.refs);
  return { found: true, text: [...each.map((x) => x.text.split('\n').filter((l) => !l.startsWith('来源：')).join('\n')), sourceText(refs)].join('\n'), refs };
}

const COMPARE = /谁(?:牵头|负责|配合|管)?(?:的)?(?:任务)?(?:更)?(?:多|少)|哪个(?:更)?(?:多|少)|比[^，,。？?]{1,8}?(?:多|少)|相差|差几|差多少|多几|少几|一样多/;

function compareHolders(ctx: Parameters<Frame>[1], kind: 'leader' | 'unit', names: string[], rel: Relation, scope: ListScope[]): Answer {
  const want = (s: ListScope) => !scope.length || scope.includes(s);
  const lists: [string, string, { leaders?: string[]; leadUnits: string[]; coUnits: string[] }[], SourceRef][] = [];
  // A list the knowledge does not have (another county's with no 民生实事) is left out.
  if (want('task') && ctx.kb.keyTasks.length) lists.push(['重点工作任务', '项', ctx.kb.keyTasks, { ...ctx.kb.keyTasks[0]!.source, locator: '附件' }]);
  if (want('livelihood') && ctx.kb.livelihood.length) lists.push(['民生实事', '个子项', ctx.kb.livelihood.flatMap((p) => p.items), { ...ctx.kb.livelihood[0]!.source, locator: '附件1' }]);
  const word = { lead: '牵头', sole: '单独牵头', joint: '与他人共同牵头', co: '配合', any: '牵头或配合' }[rel];
  if (!lists.length) return { found: false, text: `没有可比的清单。可分别问“${names[0]}${word}哪些”。`, refs: [] };
  const lines: string[] = [];
  for (const [what, m, cells] of lists) {
    const [x, y] = names.map((n) => cells.filter((c) => holds(c, kind, n, rel)).length) as [number, number];
    if (!x && !y && lines.length) continue;
    const diff = x === y ? '一样多' : `${x > y ? names[0] : names[1]}多${Math.abs(x - y)}${m}`;
    lines.push(`${word}${what}：${names[0]}${x}${m}，${names[1]}${y}${m}，${diff}。`);
  }
  const refs = lists.map((l) => l[3]);
  lines.push(`可分别问“${names[0]}${word}哪些”看每项内容。`, sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** "农业农村局牵头和配合一共几项": each list's total over both roles, with the split. */
function anyTotal(ctx: Parameters<Frame>[1], name: string, scope: ListScope[]): string {
  const want = (s: ListScope) => !scope.length || scope.includes(s);
  const parts: string[] = [];
  const split = (cells: { leaders?: string[]; leadUnits: string[]; coUnits: string[] }[], what: string, m: string) => {
    const lead = cells.filter((c) => holds(c, 'unit', name, 'lead')).length;
    const co = cells.filter((c) => !holds(c, 'unit', name, 'lead') && holds(c, 'unit', name, 'co')).length;
    if (lead + co) parts.push(`${what}${lead + co}${m}（牵头${lead}、配合${co}）`);
  };
  if (want('task')) split(ctx.kb.keyTasks, '重点工作任务', '项');
  if (want('livelihood')) split(ctx.kb.livelihood.flatMap((p) => p.items), '民生实事', '个子项');
  return `${name}牵头或配合的共：${parts.join('，') || '0项'}。`;
}

/** Items joined with 、 in lines of at most `width` characters. */
function wrapped(items: string[], width = 200): string[] {
  const out: string[] = [];
  let line = '';
  for (const x of items) {
    if (line && line.length + x.length + 1 > width) (out.push(line), (line = ''));
    line = line ? `${line}、${x}` : x;
  }
  if (line) out.push(line);
  return out;
}

/** The lead units of a leader's tasks and 民生实事 sub-items, each with the items it leads. */
function leaderUnits(ctx: Parameters<Frame>[1], name: string, scope: ListScope[]): Answer | null {
  const want = (s: ListScope) => !scope.length || scope.includes(s);
  const tasks = want('task') ? ctx.kb.keyTasks.filter((t) => t.leaders.includes(name)) : [];
  const items = want('livelihood') ? ctx.kb.livelihood.flatMap((p) => p.items.filter((i) => i.leaders.includes(name)).map((i) => ({ p, i }))) : [];
  if (!tasks.length && !items.length) return null;
  // "发改局（国动办）" counts for 发改局 (ANSWERS.md).
  const base = (u: string) => orgName(u).replace(/（[^）]*）$/, '');
  const byUnit = (rows: { no: number; units: string[] }[]) => {
    const m = new Map<string, number[]>();
    for (const r of rows) for (const u of new Set(r.units.map(base))) m.set(u, [...(m.get(u) ?? []), r.no]);
    return [...m].sort((x, y) => y[1].length - x[1].length);
  };
  const lines: string[] = [];
  const refs: SourceRef[] = [];
  if (tasks.length) {
    const units = byUnit(tasks.map((t) => ({ no: t.no, units: t.leadUnits })));
    lines.push(`${name}牵头的重点工作任务${tasks.length}项（第${tasks.map((t) => t.no).join('、')}项），牵头单位${units.length}个：`);
    lines.push(...wrapped(units.map(([u, ns]) => `${u}（第${[...new Set(ns)].join('、')}项）`)));
    refs.push(...tasks.slice(0, 3).map((t) => t.source));
  }
  if (items.length) {
    const units = byUnit(items.map(({ p, i }) => ({ no: p.no, units: i.leadUnits })));
    lines.push(`${name}牵头的民生实事${items.length}个子项，牵头单位${units.length}个：`);
    lines.push(...wrapped(units.map(([u, ns]) => `${u}（第${[...new Set(ns)].join('、')}项）`)));
    refs.push(items[0]!.p.source);
  }
  lines.push(`可问“${name}牵头哪些”看每项内容。`, sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

function intersection(ctx: Parameters<Frame>[1], kind: 'leader' | 'unit', names: string[], rel: Relation, scope: ListScope[]): Answer {
  if (rel === 'any') return involvedAll(ctx, names, scope);
  const a = entityAnswer(ctx, { kind, names, rel, scope });
  if (a.found) return a;
  // Nothing in common is an answer too: say so with each one's own count.
  const own = names.map((n) => {
    const x = entityAnswer(ctx, { kind, names: [n], rel, scope });
    return { n, first: x.text.split('\n')[0]!, refs: x.refs };
  });
  const refs = own.flatMap((o) => o.refs).slice(0, 3);
  if (!refs.length) return a;
  return { found: true, text: [`${names.join('和')}没有共同${rel === 'co' ? '配合' : '牵头'}的任务。`, ...own.map((o) => o.first), sourceText(refs)].join('\n'), refs };
}

/** "住建局跟水利局都参与的": tasks and sub-items every named unit is on, as lead or co-operator. */
function involvedAll(ctx: Parameters<Frame>[1], names: string[], scope: ListScope[]): Answer {
  const want = (s: ListScope) => !scope.length || scope.includes(s);
  const role = (c: { leadUnits: string[]; coUnits: string[] }, n: string) => (holds(c, 'unit', n, 'lead') ? '牵头' : '配合');
  const on = (c: { leadUnits: string[]; coUnits: string[] }) => names.every((n) => holds(c, 'unit', n, 'any'));
  const tasks = want('task') ? ctx.kb.keyTasks.filter(on) : [];
  const items = want('livelihood') ? ctx.kb.livelihood.flatMap((p) => p.items.filter(on).map((i) => ({ p, i }))) : [];
  const who = names.join('和');
  if (!tasks.length && !items.length) return { found: false, text: `没有查到${who}都参与（牵头或配合）的任务。可分别问“${names[0]}牵头哪些”。`, refs: [] };
  const roles = (c: { leadUnits: string[]; coUnits: string[] }) => `（${names.map((n) => `${n}${role(c, n)}`).join('，')}）`;
  const width = lineBudget(tasks.length + items.length);
  const lines = [`${who}都参与的：重点工作任务${tasks.length}项${items.length ? `、民生实事${items.length}个子项` : ''}。`];
  for (const t of tasks) lines.push(`· ${taskLine(t, ctx.kb, width)}${roles(t)}`);
  for (const { p, i } of items) lines.push(`· 民生实事第${p.no}项 ${distinctive(ctx.kb, i.text, width)}${roles(i)}`);
  const refs = [...tasks.map((t) => t.source), ...items.map((x) => x.p.source)];
  lines.push(sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** Bytes of a reply with several names' lists before it is given as their counts instead: well
 * inside one WeCom AI-bot stream (20,480), so two or three holders' lists come whole. */
const EACH_MAX = 14000;

function each(ctx: Parameters<Frame>[1], kind: 'leader' | 'unit', names: string[], rel: Relation, scope: ListScope[], countOnly = false): Answer {
  const parts = names.map((n) => entityAnswer(ctx, { kind, names: [n], rel: kind === 'unit' && rel === 'lead' ? 'lead' : rel, scope }));
  const found = parts.filter((p) => p.found);
  if (!found.length) return parts[0]!;
  const refs = found.flatMap((p) => p.refs);
  const whole = found.map((p) => p.text).join('\n\n');
  // "杨盛和曹陶分别牵头几项": each one's count line (with its item numbers and list headings);
  // the same when the lists together would not fit a phone message.
  if (!countOnly && Buffer.byteLength(whole) <= EACH_MAX) return { found: true, text: whole, refs };
  const heads = found.flatMap((p) => p.text.split('\n').filter((l) => !l.startsWith('·') && !l.startsWith('  ') && !l.startsWith('【') && !l.startsWith('来源') && !l.startsWith('涉及')));
  return { found: true, text: [...heads, `可分别问“${names[0]}牵头哪些”看每项内容。`, sourceText(refs)].join('\n'), refs };
}

/** "第21项有几个牵头领导", "第40项还有谁一起牵头", "第17项配合单位有几个". */
const taskPeopleFrame: Frame = (a, ctx) => {
  // "充电桩那项李亚江之外还有谁": a task named by its words in place of its number.
  // Searched only when the question asks of a task's people at all (the search costs).
  const asksPeople = has(a, 'sole', 'others', 'joint').length > 0 || has(a, 'count').some((c) => has(a, 'askLeader', 'askUnit', 'askCoUnit').some((k) => k.at === c.end));
  const byTopic = a.q.numbers.length || slotsOf(a, 'town').length || !asksPeople ? undefined : taskByTopic(a, ctx);
  const ref = a.q.numbers[0] ?? byTopic;
  if (!ref || ref.list === 'indicator') return [];
  // "第17项有哪几个镇配合": the towns among the item's cells.
  // (A 民生实事's towns are its shares of the town table, not its cells.)
  if (!byTopic && has(a, 'askTown').length && ref.list !== 'livelihood' && !slotsOf(a, 'town', 'leader', 'unit').length)
    return [{
      frame: 'taskPeople',
      op: has(a, 'count').length ? 'count' : 'list',
      field: 'towns',
      slots: slotsOf(a, 'number', 'list'),
      cues: has(a, 'askTown', 'co', 'lead', 'count', 'list', 'askCoUnit', 'askUnit'),
      usesResidue: false,
      run: () => taskTowns(ctx, ref),
    }];
  const sole = has(a, 'sole');
  const op = sole.length ? 'sole' : has(a, 'others').length ? 'others' : has(a, 'count').length ? 'count' : has(a, 'joint').length ? 'others' : undefined;
  if (!op) return [];
  const coCue = has(a, 'askCoUnit', 'co');
  const unitCue = has(a, 'askUnit');
  const leaderCue = has(a, 'askLeader', 'lead');
  // "第26项是住建局单独牵头吗": a unit named says the cell asked about is the units'.
  const unitNamed = slotsOf(a, 'unit').length > 0 && !slotsOf(a, 'leader').length;
  const field: PeopleField | undefined = coCue.length && !sole.length ? 'coUnits' : unitCue.length || unitNamed ? 'leadUnits' : leaderCue.length || /谁/.test(a.q.text) ? 'leaders' : undefined;
  if (!field) return [];
  // A task named by its words is asked about its people only by words about them: alone, who
  // else, how many leaders or units (几个领导); a figure asked (目标多少) is the record's own.
  if (byTopic && !(sole.length || has(a, 'others').length || (op === 'others' && /谁|哪位|哪个|哪家|哪些/.test(a.q.text)) || (op === 'count' && has(a, 'count').some((c) => has(a, 'askLeader', 'askUnit', 'askCoUnit').some((k) => k.at === c.end)))))
    return [];
  const besides = field === 'leaders' ? slotsOf(a, 'leader') : slotsOf(a, 'unit');
  return [{
    frame: 'taskPeople',
    op,
    field,
    slots: [...slotsOf(a, 'number', 'list'), ...besides],
    cues: [...coCue, ...unitCue, ...leaderCue, ...sole, ...has(a, 'count', 'others', 'joint', 'list')],
    usesResidue: byTopic !== undefined,
    run: () => taskPeople(ctx, ref, field, [...new Set(besides.map((s) => s.value))], op === 'sole'),
  }];
};

/** Words around a task's name that are no part of it (那项, 这个, 吗). */
const TASK_FILLER = /(?:^|\s)(?:那项|这项|那个|这个|那条|这条|那一项|项|个|件|条|任务|事|事情|工作|吗|呢|的)(?=\s|$)/g;

/** "端午博物馆是文旅广电局一家牵头吗", "戴帽工程交通安全隐患清零 几个领导一起牵头": the one key task
 * the question's other words find (as goodHits ranks them), as if its number were written. */
function taskByTopic(a: Analysis, ctx: Parameters<Frame>[1]): NumberRef | undefined {
  const topic = a.residue.replace(TASK_FILLER, ' ').trim();
  if (topic.replace(/\s/g, '').length < 2) return undefined;
  const hits = goodHits(searchRecords(ctx, topic, (r) => r.id.startsWith('task:')), 0.6);
  return hits.length === 1 ? { list: 'task', no: Number(hits[0]!.id.slice(5)), explicit: true } : undefined;
}

/** "哪个领导牵头的任务最少", "哪个单位牵头的任务最多", "各位领导分别牵头几项". */
const rankFrame: Frame = (a, ctx) => {
  if (slotsOf(a, 'number').length) return [];
  const out: Proposal[] = [];
  for (const [kind, cue] of [['leader', 'askLeader'], ['unit', 'askUnit']] as const) {
    const ext = has(a, 'max', 'min');
    // "谁牵头的任务最多": 谁 with most/least asks for a leader.
    const ask = has(a, cue).length || kind !== 'leader' || !ext.length || !/谁/.test(a.q.text) || has(a, 'askUnit').length ? has(a, cue) : ext;
    // "除了杨盛谁牵头最多": the names after 除了 are left out of the ranking, not asked about.
    const except = has(a, 'others').length ? slotsOf(a, kind) : [];
    const without = [...new Set(except.map((x) => x.value))];
    if (!ask.length || (slotsOf(a, kind).length && !except.length)) continue;
    // "牵头任务超过10项的领导", "牵头5项以上的单位有哪些": the holders whose count passes the bound.
    // "哪些领导只牵头一项": that count exactly.
    const only = heldExactly(a.q.text);
    const bound = only ?? askedBound(a.q.text);
    const leftover = a.residue.replace(BOUND_WORDS, ' ').replace(TASK_FILLER, ' ').trim();
    if (bound && (!bound.exact || only) && !slotsOf(a, kind).length && !leftover) {
      const rel: Relation = kind === 'unit' && has(a, 'co').length && !has(a, 'lead').length ? 'co' : has(a, 'sole').length ? 'sole' : 'lead';
      out.push({ frame: 'rank', op: 'list', field: 'bound', relation: rel, kind, scope: ['task'], slots: slotsOf(a, 'list'), cues: [...ask, ...has(a, 'lead', 'co', 'sole', 'list', 'count', 'each')], usesResidue: true, run: () => holdersBeyond(ctx, kind, rel, bound) });
      continue;
    }
    const spread = has(a, 'each', 'list', 'count');
    const not = has(a, 'not');
    if (!ext.length && !spread.length && !not.length) continue;
    const scope = scopeOf(a)[0] ?? 'task';
    // "哪位领导没有单独牵头的任务", "哪个单位只配合不牵头": the holders with none in the relation.
    if (not.length && !ext.length) {
      const coWords = has(a, 'co');
      const rel: Relation = has(a, 'sole').length ? 'sole' : kind === 'unit' && coWords.length && !has(a, 'lead').length ? 'co' : 'lead';
      const among: Relation = kind === 'unit' && coWords.length && rel === 'lead' ? 'co' : 'lead';
      out.push({
        frame: 'rank',
        op: 'whichNot',
        relation: rel,
        kind,
        scope: [scope],
        slots: slotsOf(a, 'list'),
        cues: [...ask, ...not, ...spread, ...has(a, 'lead', 'co', 'sole')],
        usesResidue: false,
        run: () => holdersWithout(ctx, kind, rel, among, scope),
      });
      continue;
    }
    const op = ext.length ? (ext[0]!.kind === 'max' ? 'argmax' : 'argmin') : 'each';
    const rel = has(a, 'sole').length ? 'sole' : kind === 'unit' && has(a, 'co').length ? 'co' : 'lead';
    const levelSlots = scope === 'livelihood' ? slotsOf(a, 'level') : [];
    const level = levelSlots[0]?.value as '省级' | '岳阳市级' | undefined;
    out.push({
      frame: 'rank',
      op,
      relation: rel,
      kind,
      scope: [scope],
      slots: [...slotsOf(a, 'list'), ...except, ...levelSlots],
      names: without.length ? without.map((n) => `除${n}`) : undefined,
      cues: [...new Set([...ask, ...ext, ...spread, ...has(a, 'lead', 'co', 'sole'), ...(except.length ? has(a, 'others') : [])])],
      usesResidue: false,
      run: () => rank(ctx, kind, rel, scope, op, without, level),
    });
  }
  return out;
};

/** The words of a bound (超过10项, 5项以上, 只1项) as the residue keeps them. */
const BOUND_WORDS = /超过|多于|大于|高于|不少于|至少|不低于|少于|低于|不到|不足|小于|不超过|及以上|及以下|以上|以下|只有|只|仅有|仅|就|才|恰好|正好|\d+|[一二两三四五六七八九十]+(?=项)|项|个/g;

/** "只牵头一项", "仅负责2项", "恰好三项": a count of tasks held exactly (a holder's, not an item's
 * number: digitsForNumerals leaves a numeral after 只/仅 as it is). */
function heldExactly(text: string): Bound | undefined {
  const m = text.match(new RegExp(`${HELD_ONLY}\\s*(\\d{1,2}|[一二两三四五六七八九十]{1,3})\\s*项`));
  if (!m) return undefined;
  const n = /\d/.test(m[1]!) ? Number(m[1]) : parseChineseNumber(m[1]!);
  return Number.isFinite(n) ? { n, above: true, strict: false, exact: true } : undefined;
}

/** Holders whose count of key tasks in the relation passes the bound, most first. A name only in
 * brackets (国动办 of 发改局（国动办）) is no holder of its own (ANSWERS.md). */
function holdersBeyond(ctx: Parameters<Frame>[1], kind: 'leader' | 'unit', rel: Relation, b: NonNullable<ReturnType<typeof askedBound>>): Answer {
  const own = (x: string) => kind === 'leader' || rel === 'co' || ctx.kb.keyTasks.some((t) => t.leadUnits.some((c) => c.replace(/（[^）]*）/g, '').split(/[、，,\s]+/).some((u) => holds({ leadUnits: [u], coUnits: [] }, 'unit', x, 'lead'))));
  const names = (kind === 'leader' ? ctx.lexicon.leaders : ctx.lexicon.units).filter(own);
  const pass = (c: number) => (b.exact ? c === b.n : b.above ? (b.strict ? c > b.n : c >= b.n) : b.strict ? c < b.n : c <= b.n);
  const counted = names.map((x) => [x, ctx.kb.keyTasks.filter((t) => holds(t, kind, x, rel)).length] as const).filter(([, c]) => c > 0 && pass(c)).sort((x, y) => y[1] - x[1]);
  const word = `${b.exact ? '只有' : b.above ? (b.strict ? '超过' : '不少于') : b.strict ? '少于' : '不超过'}${b.n}项`;
  const who = kind === 'leader' ? '领导' : '单位';
  const role = rel === 'co' ? '配合' : rel === 'sole' ? '单独牵头' : '牵头';
  const refs = [{ ...ctx.kb.keyTasks[0]!.source, locator: '附件' }];
  if (!counted.length) return { found: true, text: `${role}重点工作任务${word}的${who}：没有。\n${sourceText(refs)}`, refs };
  return { found: true, text: `${role}重点工作任务${word}的${who}${counted.length}${kind === 'leader' ? '位' : '个'}：${counted.map(([x, c]) => `${x}（${c}项）`).join('、')}。\n${sourceText(refs)}`, refs };
}

/** "哪项任务牵头单位最多", "哪些任务只有一个牵头单位", "哪些任务是四个领导一起牵头的": tasks
 * chosen by the size of one of their cells. */
const taskCellFrame: Frame = (a, ctx) => {
  const ask = has(a, 'askTask');
  // "哪些任务…" (plural) is also a list question about topics; it asks for tasks by a cell only
  // with a cell word and a size or an extreme (checked below). "牵头领导最少的任务" asks for
  // tasks as well.
  // A cell's size said ("两个以上领导牵头的任务", "没有配合单位的任务") with a word for tasks asks for
  // tasks too.
  const sized = /(?:[1-9]|[一二两三四五六七八九十])\s*(?:个|位|家)(?:以上)?(?:领导|单位|市领导|副市长|牵头单位|牵头领导|配合单位|子项)|(?:没有|无)(?:配合单位|牵头单位|子项)/.test(a.q.text) && /任务|事项|项目|民生实事|(?:都|一起|共同|同时)(?:牵头|负责)的/.test(a.q.text);
  const asksTasks = ask.length > 0 || sized || /哪些任务|哪几项任务|哪几项|哪个民生实事|哪些民生实事|哪个项目|哪些项目|哪一个项目|(?:最多|最少)的(?:任务|重点任务|重点工作|事项|项目|民生实事)/.test(a.q.text);
  if (!asksTasks || slotsOf(a, 'number', 'leader', 'unit', 'town').length) return [];
  const coCue = has(a, 'askCoUnit');
  const unitCue = has(a, 'askUnit');
  const leaderCue = has(a, 'askLeader');
  const scope = scopeOf(a)[0] ?? 'task';
  // "民生实事哪项子项最多": a project's sub-items are one of its cells too.
  const items = scope === 'livelihood' && /子项|小项/.test(a.q.text);
  const field: CellField | undefined = items ? 'items' : coCue.length ? 'coUnits' : unitCue.length ? 'leadUnits' : leaderCue.length ? 'leaders' : undefined;
  if (!field) return [];
  const ext = has(a, 'max', 'min');
  const sole = has(a, 'sole');
  const size = a.q.text.match(/([1-9]|[一二两三四五六七八九十])\s*(?:个|位|家)(?:以上)?(?:领导|单位|市领导|副市长|牵头单位|牵头领导|配合单位|子项)/);
  const none = /(?:没有|无)(?:配合单位|牵头单位|子项)/.test(a.q.text);
  const n = size ? (/\d/.test(size[1]!) ? Number(size[1]) : parseChineseNumber(size[1]!)) : none ? 0 : sole.length ? 1 : undefined;
  if (!ext.length && n === undefined) return [];
  const op = ext.length ? (ext[0]!.kind === 'max' ? 'argmax' : 'argmin') : 'list';
  return [{
    frame: 'taskCell',
    op,
    field,
    scope: [scope],
    slots: slotsOf(a, 'list'),
    cues: [...ask, ...coCue, ...unitCue, ...leaderCue, ...ext, ...sole, ...has(a, 'lead', 'co', 'joint', 'count', 'list'), ...(none ? has(a, 'not') : [])],
    usesResidue: true,
    run: () => tasksByCell(ctx, field, op, n, /以上|多于|超过/.test(a.q.text), scope),
  }];
};

type CellField = PeopleField | 'items';

interface CellRow {
  label: string;
  text: string;
  leaders: string[];
  leadUnits: string[];
  coUnits: string[];
  items: string[];
  source: SourceRef;
}

/** The records of a list with their cells: a 民生实事 project's are the union over its sub-items. */
function cellRows(ctx: Parameters<Frame>[1], scope: ListScope): CellRow[] {
  const kb = ctx.kb;
  if (scope === 'livelihood')
    return kb.livelihood.map((p) => {
      const union = (f: (i: (typeof p.items)[number]) => string[]) => [...new Set(p.items.flatMap(f))];
      return { label: `民生实事第${p.no}项`, text: p.name, leaders: union((i) => i.leaders), leadUnits: union((i) => i.leadUnits), coUnits: union((i) => i.coUnits), items: p.items.map((i) => i.text), source: p.source };
    });
  if (scope === 'voted') return kb.voted.map((v) => ({ label: `票决第${v.no}项`, text: v.name, leaders: v.leaders, leadUnits: v.leadUnits, coUnits: v.coUnits, items: v.tracks.map((t) => t.name), source: v.source }));
  return kb.keyTasks.map((t) => ({ label: `第${t.no}项`, text: t.target, leaders: t.leaders, leadUnits: t.leadUnits, coUnits: t.coUnits, items: [], source: t.source }));
}

function tasksByCell(ctx: Parameters<Frame>[1], field: CellField, op: 'argmax' | 'argmin' | 'list', n: number | undefined, atLeast: boolean, scope: ListScope = 'task'): Answer | null {
  const named = (t: CellRow) => t[field].filter((x) => field === 'items' || !/^(各|相关|市直|市级统筹)/.test(x));
  const tasks = cellRows(ctx, scope);
  const word = { leaders: '牵头领导', leadUnits: '牵头单位', coUnits: '配合单位', items: '子项' }[field];
  const measure = field === 'leaders' ? '位' : '个';
  const what = { task: '重点工作任务', livelihood: '民生实事', voted: '票决民生实事', measure: '举措' }[scope];
  let pick: CellRow[];
  let head: string;
  let generic = 0;
  if (op === 'list' && n === 0 && !atLeast) {
    // "没有配合单位的": the cell empty; a cell with only 相关镇政府、市直相关单位 names no unit either,
    // and is counted apart, since a reader may mean either.
    pick = tasks.filter((t) => t[field].length === 0);
    generic = tasks.filter((t) => t[field].length > 0 && named(t).length === 0).length;
    head = `没有${word}的${what}共${pick.length}项`;
  } else if (op === 'list') {
    pick = tasks.filter((t) => (atLeast ? named(t).length >= n! : named(t).length === n));
    head = `${word}${atLeast ? `${n}${measure}以上` : `只有${n}${measure}`}的${what}共${pick.length}项`;
  } else {
    const sizes = tasks.map((t) => named(t).length).filter((k) => k > 0);
    const edge = op === 'argmax' ? Math.max(...sizes) : Math.min(...sizes);
    pick = tasks.filter((t) => named(t).length === edge);
    head = `${word}${op === 'argmax' ? '最多' : '最少'}的${what}（${edge}${measure}）共${pick.length}项`;
  }
  if (!pick.length && n === 0 && op === 'list')
    return { found: true, text: [`${what}都写了${word}，没有空着的${generic ? `；其中${generic}项只写了“相关镇政府、街道办”“市直相关单位”等泛指` : ''}。`, sourceText(tasks.slice(0, 1).map((t) => t.source))].join('\n'), refs: tasks.slice(0, 1).map((t) => t.source) };
  if (!pick.length) return { found: false, text: `没有${head.replace(/共0项$/, '')}。`, refs: [] };
  const width = lineBudget(pick.length);
  const nums = pick.map((t) => t.label.replace(/^(民生实事|票决)?第|项$/g, ''));
  const lines = [`${head}：${pick[0]!.label.replace(/第\d+项$/, '')}第${nums.join('、')}项。`];
  // Every record on its line; a few also with the cell's names, many with their words only.
  for (const t of pick)
    lines.push(pick.length <= 15 && named(t).length ? `· ${t.label} ${distinctive(ctx.kb, t.text, Math.min(width, 40))}（${clip(named(t).map(orgName).join('、'), 60)}）` : `· ${t.label} ${distinctive(ctx.kb, t.text, Math.min(width, 40))}`);
  if (generic) lines.push(`另有${generic}项的${word}只写了“相关镇政府、街道办”“市直相关单位”等泛指，没有具体单位。`);
  const refs = pick.map((t) => t.source);
  lines.push(sourceText(refs));
  return { found: true, text: lines.join('\n'), refs };
}

/** Words naming the whole city, its government or a table, and the lists themselves. */
const CITY_WIDE = /汨罗市|汨罗|全市|我市|市里|市政府|政府|附件\d*|分解表|任务表|表格|表|里面|里头|当中|[里中]|民生实事|指标|重点任务|重点工作|任务/g;

const ONLY_TOWNS = /只看镇(?:里)?|只算镇|只要镇|只比镇|不算街道|不含街道|不包括街道|不看街道|不计街道|街道不算|街道除外|除去街道|排除街道|除了?街道(?:以外|之外|外)?/;
const ONLY_STREETS = /只看街道|只算街道|只比街道|不算镇|(?<!街)镇不算/;
const OTHER_TOWNS = /(?:其他|其余|别的|另外的?|剩下的?)(?:的)?(?:镇街?|乡镇|街道|地方)/;

/** "乡村医生哪个镇要配得最多", "哪几个镇街没有向阳花指导任务", "和美湘村加起来几个". */
const townTableFrame: Frame = (a, ctx) => {
  // "家庭医生签约除了归义街道哪个镇最多": towns after 除了 are left out, not asked about.
  const except = has(a, 'others').length ? slotsOf(a, 'town') : [];
  // "只看镇不算街道", "街道不算": the streets (or the towns) left out of the ranking.
  const streets = ctx.lexicon.towns.filter((t) => t.endsWith('街道'));
  const only = ONLY_TOWNS.test(a.q.text) ? streets : ONLY_STREETS.test(a.q.text) ? ctx.lexicon.towns.filter((t) => !t.endsWith('街道')) : [];
  // "两个街道桥梁合计几座", "哪个街道…是0": streets named and no town word: only the streets.
  const streetsOnly = !only.length && !slotsOf(a, 'town').length && /街道/.test(a.q.text) && !/镇/.test(a.q.text);
  if (streetsOnly) only.push(...ctx.lexicon.towns.filter((t) => !t.endsWith('街道')));
  // "技能培训归义多少 其他镇多少": the named town's figure, then the rest's.
  const otherTowns = except.length > 0 && OTHER_TOWNS.test(a.q.text);
  const without = [...new Set([...except.map((s) => s.value), ...only])];
  if (slotsOf(a, 'number', 'leader', 'unit').length || slotsOf(a, 'town').length > except.length) return [];
  const town = [...has(a, 'askTown'), ...(streetsOnly || otherTowns ? has(a, 'count', 'list').slice(0, 1) : [])];
  const sum = has(a, 'sum');
  // "职业技能培训加起来多少人次": a sum of an indicator the table breaks down by town, though no
  // town word is said.
  const sumOnly = !town.length && sum.length > 0 && !/镇|街道/.test(a.q.text);
  // "禁止开垦陡坡地面积最小的是哪": most or least of a breakdown by town asks for a town.
  // "桥梁整治倒数第一是哪个", "家庭医生签约前三是哪几个": a place in the ranking asks for towns too.
  const ranked = /倒数第\s*(?:\d|[一二三四五六七八九十])|倒数|前\s*(?:\d|[两二三四五六七八九十])\s*(?:名|个|位)?|第\s*(?:\d|[一二三四五六七八九十])\s*(?:名|位)/.test(a.q.text);
  // The ranking and bound words say which towns, not of what.
  const topic = a.residue.replace(ONLY_TOWNS, ' ').replace(ONLY_STREETS, ' ').replace(OTHER_TOWNS, ' ').replace(/(?:[两二2]个|哪个|哪些|各|每个)?街道|(?:^|\s)镇(?=\s|$)/g, ' ').replace(/排在?|倒数|名列|前(?=\d|[两二三四五六七八九十])|第(?=\d|[二三四五六七八九十])/g, ' ').replace(/\d+(?:\.\d+)?|超过|多于|大于|高于|不少于|至少|不低于|少于|低于|不到|不足|小于|不超过|以上|以下/g, ' ').replace(/(?:^|\s)个(?=\s|$)/g, ' ');
  // "流动供销网点分2个的有哪些": the towns with one figure, asked for by it.
  const exact = has(a, 'list').length > 0 && askedBound(a.q.text)?.exact === true;
  // "家庭医生签约目标超过1.5万人的有哪些": a bound on a per-town figure, the list asked, asks for
  // the towns past it, though no town word is said (not items: 超过…的项目/任务 names them).
  const bounded = has(a, 'list').length > 0 && askedBound(a.q.text) !== undefined && !/项目|任务|事项|举措/.test(a.q.text);
  // "流动供销网点没有任务的有哪些": which towns have none of a breakdown.
  const implicit = !town.length && (has(a, 'max', 'min', 'not').length > 0 || ranked || exact || bounded) && (/哪|谁/.test(a.q.text) || only.length > 0 || ranked) && !has(a, 'askUnit', 'askLeader', 'askTask', 'askCoUnit').length && (townIndicator(ctx, topic) !== undefined || proseTownTable(ctx, topic) !== undefined);
  if (!town.length && !sum.length && !implicit) return [];
  // "全市今年的重点任务一共几项", "附件2里总共几个指标": the whole city or a table named, with
  // nothing to sum of, asks how long a list is.
  if (sumOnly && !a.residue.replace(CITY_WIDE, ' ').trim()) return [];
  if (sumOnly && !townIndicator(ctx, a.residue) && !proseTownTable(ctx, a.residue)) return [];
  const ext = has(a, 'max', 'min', 'not');
  // "排第二", "最多的三个镇", "前三名", "倒数第二": a rank, read as most (or least) with the ranking.
  const rankAt = a.q.text.match(/(倒数)?第\s*(\d|[一二三四五六七八九十])\s*(?:多|少|名|位|高|低)?|前\s*(\d|[两二三四五六七八九十])\s*(?:名|个|位)?|(?:最多|最少|最高|最低)的\s*(\d|[两二三四五六七八九十])\s*个/);
  const rankN = rankAt ? (rankAt[2] ?? rankAt[3] ?? rankAt[4])! : undefined;
  const k = rankN ? (/\d/.test(rankN) ? Number(rankN) : parseChineseNumber(rankN)) : undefined;
  const topOnly = Boolean(rankAt && !rankAt[2]);
  // "哪个街道家庭医生签约多": the comparison said at the end, away from 哪个.
  const tail = !ext.length && town.length && !/多少|几/.test(a.q.text) ? a.q.text.match(/(?:更)?(多|高|大|少|低|小)(?:一些|些|点)?\s*[?？吗呢啊]?\s*$/)?.[1] : undefined;
  const tailOp: TownOp | undefined = tail ? (/[多高大]/.test(tail) ? 'argmax' : 'argmin') : undefined;
  const op: TownOp = ext[0]?.kind === 'max' ? 'argmax' : ext[0]?.kind === 'min' || rankAt?.[1] ? 'argmin' : ext[0]?.kind === 'not' ? 'whichNot' : k ? 'argmax' : tailOp ?? (sum.length ? 'sum' : 'distribution');
  return [{
    frame: 'townTable',
    op,
    field: 'towns',
    names: without.length ? without.map((n) => `除${n}`) : undefined,
    slots: [...slotsOf(a, 'list', 'year'), ...except],
    cues: [...town, ...sum, ...ext, ...has(a, 'count', 'list', 'each'), ...(except.length ? has(a, 'others') : [])],
    usesResidue: true,
    run: () => {
      const ind = townIndicator(ctx, topic);
      if (ind) return townTable(ctx, ind, op, op === 'distribution' ? askedBound(a.q.text) : undefined, without, k, topOnly, otherTowns);
      // "禁止开垦陡坡地哪个镇面积最大": a sentence of the documents that gives a figure per town.
      const prose = proseTownTable(ctx, topic);
      if (prose) return townTable(ctx, prose, op, op === 'distribution' ? askedBound(a.q.text) : undefined, without, k, topOnly, otherTowns);
      const unsplit = unsplitIndicator(ctx, topic);
      if (unsplit) return unsplit;
      // "哪个镇分到的民生实事指标最多": the indicators themselves counted per town.
      if (slotsOf(a, 'list').some((l) => l.value === 'livelihood' || l.value === 'indicator') || /指标/.test(a.q.text))
        if (!topic.replace(/民生实事|民生|实事|指标|任务|分到|分解|分配|数量|个数|\s/g, '') && op !== 'whichNot') {
          const shares = townShares(ctx, op);
          if (shares) return shares;
        }
      // "汨罗有几个镇街": the towns themselves.
      if (!a.residue.replace(/汨罗|全市|市里|我市|一共|总共|\s/g, '') && (op === 'distribution' || op === 'sum')) return townList(ctx);
      // Most, least, none or a sum across towns of something no table breaks down by town: the
      // documents cannot answer it, and a loosely related record would read as if they did.
      return op === 'distribution' ? null : noTownTable(ctx);
    },
  }];
};

function townList(ctx: Parameters<Frame>[1]): Answer {
  const towns = ctx.lexicon.towns;
  const streets = towns.filter((t) => t.endsWith('街道'));
  const ref = { ...ctx.kb.indicators[0]!.source, locator: '附件2' };
  return {
    found: true,
    text: [`共${towns.length}个镇（街道）：${towns.length - streets.length}个镇、${streets.length}个街道。`, towns.join('、'), sourceText([ref])].join('\n'),
    refs: [ref],
  };
}

function noTownTable(ctx: Parameters<Frame>[1]): Answer {
  const examples = ctx.kb.indicators.filter((i) => i.towns && Object.keys(i.towns).length > 1).slice(0, 3).map((i) => `“${clip(i.text, 10)}”`);
  return { found: false, text: `文件中没有按镇（街道）分解的这项数字。按镇分解的只有民生实事附件2的指标，如${examples.join('、')}。`, refs: [] };
}

/** A document other than the work report named, or a date: the year says which document or
 * meeting, not which year's figures. */
const NOT_A_YEAR_ASK = /专报|简报|公报|常务会议|会议纪要|市长办公会|批复|任免|\d{1,2}月\d{1,2}日/;

/** "2024年住建局牵头几项", "24年曹陶负责哪些": the lead lists (who leads what) are 2026's; no
 * document assigns another year's work to leaders or units, so say that instead of answering
 * with 2026's list. */
const yearHolderFrame: Frame = (a) => {
  const year = askedYear(a.q.text);
  const route = routeYear(year);
  if (route.kind === 'current' || NOT_A_YEAR_ASK.test(a.q.text)) return [];
  const holders = slotsOf(a, 'leader', 'unit');
  if (!holders.length || slotsOf(a, 'number').length) return [];
  const names = [...new Set(holders.map((s) => s.value))];
  return [{
    frame: 'yearHolder',
    op: 'lookup',
    field: `${year}年`,
    slots: [...slotsOf(a, 'year', 'list', 'document'), ...holders],
    cues: has(a, 'lead', 'co', 'count', 'list', 'sole', 'joint', 'askLeader', 'askUnit'),
    usesResidue: true,
    run: () => ({
      found: false,
      text: `文件中只有2026年的牵头清单（重点工作任务、民生实事），没有${year}年${names.join('、')}牵头的任务。可问“${names[0]}牵头哪些”看2026年的；${year === 2024 || year === 2025 ? `${year}年的${year === 2024 ? '工作情况' : '目标'}见2024年政府工作报告，可问“${year}年+事项”。` : ''}`,
      refs: [],
    }),
  }];
};

/** "2024年GDP多少", "25年固定资产投资目标", "2023年…": another year than the ledger's. */
const yearFrame: Frame = (a, ctx) => {
  const route = routeYear(askedYear(a.q.text));
  if (route.kind === 'current' || NOT_A_YEAR_ASK.test(a.q.text)) return [];
  if (slotsOf(a, 'number', 'leader', 'unit').length) return [];
  // "24年的政府工作报告是谁作的": the year names the document; its author is asked.
  if (askedAttribute(a.q.text)?.name === 'author') return [];
  const towns = slotsOf(a, 'town');
  // "2024年民生实事有几项": the list named is the subject asked about in that year's text.
  // (Not 重点任务: the report has no numbered task list, and its words are everywhere.)
  const lists = slotsOf(a, 'list').filter((s) => s.value !== 'task').map((s) => a.q.text.slice(s.at, s.end));
  const topic = [a.residue, ...towns.map((t) => a.q.text.slice(t.at, t.end)), ...(a.residue ? [] : lists)].join(' ').trim();
  const relative = !/\d\d\s*年/.test(a.q.text);
  return [{
    frame: 'year',
    op: 'lookup',
    field: route.kind === 'section' ? route.section : `${route.year}年`,
    slots: [...slotsOf(a, 'year', 'list', 'document'), ...towns],
    cues: has(a, 'count', 'list', 'when', 'sum', 'max', 'min', 'lead'),
    usesResidue: true,
    run: () => yearAnswer(ctx, route, topic, a.q.text, relative),
  }];
};

/** "票决项目二季度要完成啥", "农村危房下半年要做到哪一步", "6月底前要完成哪些": the nodes of a period. */
const periodFrame: Frame = (a, ctx) => {
  const period = askedPeriod(a.q.text);
  if (!period || !slotsOf(a, 'period').length || slotsOf(a, 'number', 'leader', 'unit', 'town').length) return [];
  if (routeYear(askedYear(a.q.text)).kind !== 'current') return [];
  const lists = slotsOf(a, 'list').map((s) => s.value);
  const onlyVoted = lists.includes('voted') || lists.includes('livelihood');
  return [{
    frame: 'period',
    op: 'list',
    field: `milestones:${period.from}..${period.to}`,
    slots: slotsOf(a, 'period', 'list', 'year'),
    cues: has(a, 'when', 'list', 'count', 'each'),
    usesResidue: true,
    run: () => periodAnswer(ctx, period, a.residue, onlyVoted) ?? noPeriodFigure(period, a.q.text, a.residue),
  }];
};

/** "…办公室设在哪", "…从什么时候开始执行", "…由谁主持": the sentence stating the attribute. */
const attributeFrame: Frame = (a, ctx) => {
  const attr = askedAttribute(a.q.text);
  if (!attr || slotsOf(a, 'number').length) return [];
  // "许强当的啥组长", "马慧是什么召集人": the person is given and the post asked, not who holds it.
  const person = [...ctx.lexicon.people, ...ctx.lexicon.leaders].some((p) => a.q.text.includes(p));
  if (attr.name === 'chair' && person && /(?:啥|什么|哪个|哪)[^，。？?]{0,4}(?:组长|召集人|牵头人)/.test(a.q.text)) return [];
  // "…联系电话多少": a cue inside the attribute's own asking words (多少 of 电话多少) asks for the
  // attribute, not a count the cascade would look up.
  const asking = [...a.q.text.matchAll(new RegExp(attr.ask.source, 'g'))].map((m) => ({ at: m.index!, end: m.index! + m[0].length }));
  // Only with a subject besides the contact words (杨盛的电话多少 names no notice).
  const subject = a.residue.replace(/联系(?:人|电话|方式)?|电话|号码|公告|公示|通知|的/g, '').replace(/\s+/g, '');
  const inAsk = subject.length < 2 ? [] : a.cues.filter((c) => asking.some((m) => c.at >= m.at && c.at <= m.end + 1 && /^是?$/.test(a.q.text.slice(m.end, Math.max(m.end, c.at)))));
  return [{
    frame: 'attribute',
    op: 'lookup',
    field: attr.name,
    slots: slotsOf(a, 'list', 'document', 'year', 'town', 'unit', 'leader', 'period'),
    cues: [...new Set([...has(a, 'when', 'lead', 'askLeader', 'askUnit'), ...inAsk])],
    usesResidue: true,
    run: () => attributeAnswer(ctx, attr, a.q.text, a.q.topicWithTowns || a.residue),
  }];
};

/** "和美湘村属于哪类民生实事": which of the 民生实事 (and so which level) an item is, asked by its kind. */
const ASKS_KIND_OF_LIST = /(?:属于|是|算)(?:哪类|哪一类|哪种|什么类)(?:的)?民生实事/;

/** "家庭医生签约是省级还是岳阳市级": the 民生实事 it belongs to, with its number and level. */
const levelFrame: Frame = (a, ctx) => {
  if (!(ASKS_LEVEL.test(a.q.text) || ASKS_KIND_OF_LIST.test(a.q.text)) || a.q.numbers.length || slotsOf(a, 'leader', 'unit').length) return [];
  return [{
    frame: 'level',
    op: 'lookup',
    field: 'level',
    slots: slotsOf(a, 'list', 'town'),
    // 管 of 托管 is read as a lead cue; the level question explains it as part of the subject.
    cues: has(a, 'list', 'count', 'lead', 'askTask'),
    usesResidue: true,
    // "老旧电梯更新算哪一级": the asking's 算 and the 一级/类 its 哪 leaves are no subject words.
    run: () => levelAnswer(ctx, (a.q.topicWithTowns || a.residue).replace(/(?<!预|核|结|计|清)算(?=\s|$)|(?:^|\s)(?:一级|一类|类|种)(?=\s|$)/g, ' ')),
  }];
};

/** "这次任了哪几个公安局副局长", "免了几个副局长": every person the gazette appoints to (or removes
 * from) a post, when no person is named (a named person's post is a passage question). */
const appointmentFrame: Frame = (a, ctx) => {
  const text = a.q.text;
  const verb = text.match(/任命|提拔|任职|任了|担任|当了|新任|免去|免职|免了|撤/);
  if (!verb || !POST_WORD.test(text) || slotsOf(a, 'number', 'leader').length) return [];
  if (ctx.lexicon.people.some((p) => text.includes(p))) return [];
  const asks = has(a, 'list', 'count').length > 0 || /谁|哪些人|哪几位|哪一位|哪位|哪几个|什么人/.test(text);
  if (!asks) return [];
  const bare = text.replace(/这次|本次|这回|新任|任命了?|任了|担任了?|当了|提拔了?|任职|免去了?|免职|免了|撤了?|哪几个|哪几位|哪些人|哪些|几个|几位|几名|多少个?|多少名|什么人|哪一位|哪位|谁|是|的|了|都|人|同志|被|为|有/g, ' ');
  const post = [...bare.matchAll(new RegExp(`[\\u4e00-\\u9fa5]{0,12}?(?:${POST_WORD.source})`, 'g'))].map((m) => m[0]).pop();
  if (!post) return [];
  const kind = /免|撤/.test(verb[0]) ? '免' : '任';
  return [{
    frame: 'appointment',
    op: has(a, 'count').length ? 'count' : 'list',
    field: `${kind}:${post}`,
    slots: slotsOf(a, 'unit', 'document', 'year'),
    cues: has(a, 'list', 'count', 'lead', 'askTask'),
    usesResidue: true,
    run: () => appointmentAnswer(ctx, kind, post, has(a, 'count').length > 0),
  }];
};

/** "李亚江分管哪些局", "杨盛主管哪几个部门": the units in a leader's portfolio. The documents
 * assign tasks to leaders and units, never units to leaders, so the reply says so (found:false)
 * and gives, labelled as such, the lead units of the tasks the leader leads — the nearest fact
 * the documents hold, not an answer dressed as one. */
const PORTFOLIO_UNITS = /(?:分管|主管|管|联系|分工)(?:的|了)?(?:哪些|哪几个|哪几家|哪个|几个|多少个|什么|啥)?(?:局|单位|部门|口子|系统|条线|委办局|局办|科局)/;

const portfolioFrame: Frame = (a, ctx) => {
  const leaders = [...new Set(slotsOf(a, 'leader').map((s) => s.value))];
  if (leaders.length !== 1 || slotsOf(a, 'number', 'unit', 'list').length || !PORTFOLIO_UNITS.test(a.q.text)) return [];
  const name = leaders[0]!;
  return [{
    frame: 'portfolio',
    op: 'list',
    field: 'units',
    kind: 'leader',
    names: leaders,
    slots: slotsOf(a, 'leader'),
    cues: has(a, 'lead', 'list', 'count', 'askUnit'),
    usesResidue: true,
    run: () => {
      const tasks = ctx.kb.keyTasks.filter((t) => t.leaders.includes(name));
      const items = ctx.kb.livelihood.flatMap((p) => p.items.filter((i) => i.leaders.includes(name)));
      // "发改局（国动办）" counts for 发改局 (ANSWERS.md).
      const units = [...new Set([...tasks, ...items].flatMap((c) => c.leadUnits).map((u) => orgName(u).replace(/（[^）]*）$/, '')))];
      const led = units.length
        ? [`按重点工作任务和民生实事，${name}牵头的${tasks.length}项任务${items.length ? `、${items.length}个民生实事子项` : ''}由这${units.length}个单位牵头（这是任务的牵头单位，不是分管名单）：`, ...wrapped(units)]
        : [];
      return { found: false, text: [`文件中没有市领导分管哪些单位的分工，只写了每项任务的牵头领导和牵头单位。`, ...led, `可问“${name}牵头哪些”看他的任务。`].join('\n'), refs: [] };
    },
  }];
};

export const FRAMES: Frame[] = [portfolioFrame, appointmentFrame, yearHolderFrame, yearFrame, periodFrame, attributeFrame, levelFrame, taskPeopleFrame, taskCellFrame, rankFrame, townTableFrame, mixedFrame, entityFrame];
