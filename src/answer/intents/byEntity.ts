// What a leader or a unit leads or cooperates on: "曹陶分管哪些任务", "住建局牵头几项",
// "李岳星单独负责几项", "杨盛和吴艳平都牵头的有哪些". Every item is listed, one short line each;
// long lists are grouped by category rather than cut.
import { cellNames } from '../../../knowledge/lexicon.ts';
import type { KeyTask, KnowledgeBase, LivelihoodItem, LivelihoodProject, SourceRef, VotedProject } from '../../../knowledge/types.ts';
import type { AnswerContext } from '../context.ts';
import { clip, distinctive, gist, joinNames, lineBudget, sourceText } from '../format.ts';
import type { Answer } from '../types.ts';

/** lead: named in the lead cell; sole: the only name there; joint: one of several; co: named
 * among the cooperating units; any: lead or co. */
export type Relation = 'lead' | 'sole' | 'joint' | 'co' | 'any';
export type HolderKind = 'leader' | 'unit';
/** measure: the 开局八好 plans' measures, listed only when the question names them. */
export type ListScope = 'task' | 'livelihood' | 'voted' | 'measure';

interface Cells {
  leaders?: string[];
  leadUnits: string[];
  coUnits: string[];
}

function leadCell(c: Cells, kind: HolderKind): string[] {
  return kind === 'leader' ? (c.leaders ?? []) : c.leadUnits;
}

function named(cell: string[], kind: HolderKind, name: string): boolean {
  return kind === 'leader' ? cell.includes(name) : cell.some((u) => cellNames(u, name));
}

export function holds(c: Cells, kind: HolderKind, name: string, rel: Relation): boolean {
  const lead = leadCell(c, kind);
  const leads = named(lead, kind, name);
  switch (rel) {
    case 'lead': return leads;
    case 'sole': return leads && lead.length === 1;
    case 'joint': return leads && lead.length > 1;
    case 'co': return kind === 'unit' && named(c.coUnits, kind, name);
    case 'any': return leads || (kind === 'unit' && named(c.coUnits, kind, name));
  }
}

export interface Portfolio {
  tasks: KeyTask[];
  items: { p: LivelihoodProject; i: LivelihoodItem }[];
  voted: VotedProject[];
}

/** Records held by every one of the names (one name: that name's records). */
export function portfolio(ctx: AnswerContext, kind: HolderKind, names: string[], rel: Relation): Portfolio {
  const all = (c: Cells) => names.every((n) => holds(c, kind, n, rel));
  return {
    tasks: ctx.kb.keyTasks.filter(all),
    items: ctx.kb.livelihood.flatMap((p) => p.items.filter(all).map((i) => ({ p, i }))),
    voted: ctx.kb.voted.filter(all),
  };
}

export function taskLine(t: KeyTask, kb?: KnowledgeBase, n = 26): string {
  const heading = kb ? ownHeading(kb, t) : '';
  return `第${t.no}项 ${heading ? `${heading}：` : ''}${kb ? distinctive(kb, t.target, n) : gist(t.target)}`;
}

/** The table's second-level heading when it heads this task alone (巩固全国双拥模范城（县）成果
 * over 第52项): it is then the task's own name, the words a leader asks it by, and the target
 * text below it may not repeat them. */
export function ownHeading(kb: KnowledgeBase, t: KeyTask): string {
  if (!t.subCategory || t.target.includes(t.subCategory)) return '';
  return kb.keyTasks.filter((x) => x.subCategory === t.subCategory).length === 1 ? t.subCategory : '';
}

/** One line per task; more than ten are grouped under their category so a long list scans. */
export function taskLines(ts: KeyTask[], extra?: (t: KeyTask) => string, kb?: KnowledgeBase, n = 26): string[] {
  const line = (t: KeyTask) => `· ${taskLine(t, kb, n)}${extra ? extra(t) : ''}`;
  if (ts.length <= 10) return ts.map(line);
  const out: string[] = [];
  let cat = '';
  for (const t of ts) {
    if (t.category !== cat) out.push(`【${(cat = t.category)}】`);
    out.push(line(t));
  }
  return out;
}

/** One line per sub-item; sub-items of one project under its name, so each line keeps room for
 * the figure (…筛查率达90%以上). */
/** A sub-item that states no figure ("提质改造全市城乡电网") takes it from its row of the indicator
 * table (附件2: 投入资金9534万元), where the figure is. */
export function itemFigure(kb: KnowledgeBase, p: LivelihoodProject, i: LivelihoodItem): string {
  if (/\d/.test(i.text)) return '';
  const ind = kb.indicators.find((x) => x.projectNo === p.no && (x.text.includes(i.text) || i.text.includes(x.text)));
  if (!ind) return '';
  const rest = ind.text.replace(i.text, '').replace(/^[，,；;\s]+/, '');
  const said = /\d/.test(rest) ? rest : (ind.note ?? '').split(/[，,；;。]/).find((c) => /\d/.test(c)) ?? '';
  return said ? `（${clip(said, 30)}）` : '';
}

function itemLines(items: Portfolio['items'], kb: KnowledgeBase, n: number, units = false): string[] {
  const out: string[] = [];
  let at = -1;
  // A leader's sub-items name their lead units: who to call is what a leader reads them for.
  const who = (p: LivelihoodProject, i: LivelihoodItem) => itemFigure(kb, p, i) + (units && i.leadUnits.length ? `（${clip(joinNames(i.leadUnits), 24)}）` : '');
  items.forEach(({ p, i }) => {
    if (i.text === p.name) return void out.push(`· 第${p.no}项 ${distinctive(kb, i.text, n)}${who(p, i)}`);
    const several = items.filter((x) => x.p === p).length > 1;
    if (!several) return void out.push(`· 第${p.no}项 ${clip(p.name, 14)}：${distinctive(kb, i.text, n)}${who(p, i)}`);
    if (at !== p.no) out.push(`· 第${(at = p.no)}项 ${p.name}：`);
    out.push(`  - ${distinctive(kb, i.text, n)}${who(p, i)}`);
  });
  return out;
}

/** Projects a unit only cooperates on, one line per project with its sub-items. */
function coProjectLines(items: Portfolio['items'], kb: KnowledgeBase, n: number): string[] {
  const by = new Map<number, Portfolio['items']>();
  for (const x of items) by.set(x.p.no, [...(by.get(x.p.no) ?? []), x]);
  return [...by.values()].flatMap((xs) => {
    const p = xs[0]!.p;
    const subs = xs.filter((x) => x.i.text !== p.name);
    if (!subs.length) return [`· 第${p.no}项 ${distinctive(kb, p.name, n)}${itemFigure(kb, p, xs[0]!.i)}`];
    if (subs.length === 1) return [`· 第${p.no}项 ${clip(p.name, 14)}：${distinctive(kb, subs[0]!.i.text, n)}${itemFigure(kb, p, subs[0]!.i)}`];
    // Every sub-item on its own line: a joined line clipped at a fixed width drops the last ones.
    return [`· 第${p.no}项 ${p.name}：`, ...subs.map((x) => `  - ${distinctive(kb, x.i.text, n)}${itemFigure(kb, p, x.i)}`)];
  });
}

const nos = (xs: { no: number }[]) => xs.map((x) => x.no).join('、');

export interface EntityAsk {
  kind: HolderKind;
  names: string[];
  rel: Relation;
  /** the lists the question names; empty = all */
  scope: ListScope[];
  /** a count was asked ("几项"): none is an answer (0项), not "not found" */
  count?: boolean;
  /** only the 民生实事 of this level ("岳阳市级民生实事里…") */
  level?: LivelihoodProject['level'];
  /** only the key tasks under this heading of the table ("杨盛牵头的防风险任务": 聚力防风险) */
  heading?: string;
}

/** "防风险", "城市更新": a heading of the key-task table (category or second level) a question's
 * subject names, whole or as its tail after the verb (聚力防风险 → 防风险); at least three
 * characters, so a common word (安全) names none. The longest heading wins. */
export function namedHeading(kb: KnowledgeBase, subject: string, text?: string): string | undefined {
  // "在防风险这块": where to look said around the heading is not part of it.
  const s = subject.replace(/\s+/g, '').replace(/类|方面|板块|领域|这块|那块|条线/g, '').replace(/^[在从对]/, '');
  const heads = [...new Set(kb.keyTasks.flatMap((t) => [t.category, t.subCategory]))].filter((h) => h.length >= 3);
  const own = s.length >= 3 ? heads.filter((h) => h.includes(s)).sort((a, b) => a.length - b.length)[0] : undefined;
  if (own || !text || !s) return own;
  // The subject as what is left after the asking words went (主要经济目标 leaves 主 经济): a
  // heading the question writes whole, holding every character left.
  return heads.filter((h) => text.includes(h) && [...s].every((c) => h.includes(c))).sort((a, b) => b.length - a.length)[0];
}

const underHeading = (h: string | undefined) => (t: KeyTask) => !h || t.category === h || t.subCategory === h;

const REL_WORD: Record<Relation, string> = { lead: '牵头', sole: '单独牵头', joint: '与他人共同牵头', co: '配合', any: '牵头或配合' };

function subject(a: EntityAsk): string {
  return a.names.length > 1 ? `${a.names.join('和')}都` : a.names[0]!;
}

/** Tasks, livelihood sub-items and voted projects of one name or common to several. */
export function entityAnswer(ctx: AnswerContext, a: EntityAsk): Answer {
  const want = (s: ListScope) => a.scope.length === 0 || a.scope.includes(s);
  const rel = a.rel;
  const lines: string[] = [];
  const refs: SourceRef[] = [];
  const who = subject(a);
  let measureCount = 0;
  const showCo = a.kind === 'unit' && (rel === 'any' || rel === 'co');
  const leadRel: Relation = rel === 'any' || rel === 'co' ? 'lead' : rel;
  const ofLevel = (p: Portfolio): Portfolio => (a.level ? { ...p, items: p.items.filter((x) => x.p.level === a.level) } : p);
  const inHeading = (p: Portfolio): Portfolio => (a.heading ? { tasks: p.tasks.filter(underHeading(a.heading)), items: [], voted: [] } : p);
  const lead = inHeading(ofLevel(portfolio(ctx, a.kind, a.names, leadRel)));
  const co = inHeading(ofLevel(showCo ? portfolio(ctx, a.kind, a.names, 'co') : { tasks: [], items: [], voted: [] }));
  const headWord = a.heading ? `“${a.heading}”类` : '';
  const levelWord = a.level ?? '';
  const coOnly = rel === 'co';
  // One budget over every line the reply will carry, so a long portfolio stays phone-sized and
  // a short one shows its targets whole.
  const shownCount = (want('task') ? (coOnly ? 0 : lead.tasks.length) + co.tasks.length : 0) + (want('livelihood') ? (coOnly ? 0 : lead.items.length) + co.items.length : 0);
  const width = lineBudget(shownCount);

  if (want('task')) {
    // "弼时镇参与哪些": with co tasks and no lead ones, "牵头0项" is only noise.
    if (!coOnly && !(rel === 'any' && !lead.tasks.length && co.tasks.length)) {
      const single = a.names.length === 1 && rel === 'lead' ? portfolio(ctx, a.kind, a.names, 'sole').tasks.filter(underHeading(a.heading)).length : undefined;
      const soleNote = single !== undefined && lead.tasks.length ? `（其中单独牵头${single}项）` : '';
      const allLead = rel === 'sole' || rel === 'joint' ? portfolio(ctx, a.kind, a.names, 'lead').tasks.length : undefined;
      const ofAll = allLead !== undefined ? `（共牵头${allLead}项）` : '';
      lines.push(`${who}${REL_WORD[leadRel]}${headWord}重点工作任务${lead.tasks.length}项${soleNote}${ofAll}${lead.tasks.length ? `：第${nos(lead.tasks)}项` : ''}。`);
      // Joint leads name the partners: that is what "共同" asks.
      const partners = (t: KeyTask) => {
        const others = leadCell(t, a.kind).filter((x) => !a.names.some((n) => (a.kind === 'unit' ? cellNames(x, n) : x === n)));
        return rel === 'joint' && others.length ? `（与${clip(others.join('、'), 16)}）` : '';
      };
      if (a.kind === 'leader' && lead.tasks.length && a.names.length === 1) {
        const count = new Map<string, number>();
        for (const t of lead.tasks) for (const u of t.leadUnits) count.set(u, (count.get(u) ?? 0) + 1);
        const units = [...count].sort((x, y) => y[1] - x[1]).map(([u]) => u);
        lines.push(`涉及牵头单位：${units.slice(0, 6).join('、')}${units.length > 6 ? `等${units.length}个` : ''}。`);
      }
      // "发改局（国动办）" counts for 发改局 (ANSWERS.md): say where the cell reads otherwise.
      if (a.kind === 'unit')
        for (const t of lead.tasks) {
          const cell = t.leadUnits.find((u) => !a.names.includes(u) && a.names.some((n) => cellNames(u, n)));
          if (cell) lines.push(`（第${t.no}项牵头单位写作“${cell}”，计入${a.names.find((n) => cellNames(cell, n))}。）`);
        }
      lines.push(...taskLines(lead.tasks, partners, ctx.kb, width));
      // One task only ("国动办牵头那项是啥"): the reply is that task, so it also says who leads it
      // and with whom, as the task's own reply would.
      const only = lead.tasks.length === 1 ? lead.tasks[0]! : undefined;
      if (only && a.kind === 'unit') lines.push(`牵头领导：${only.leaders.join('、')}；牵头单位：${only.leadUnits.join('、')}。`);
      refs.push(...lead.tasks.map((t) => t.source));
    }
    // "负责" reads as lead or co: with lead tasks and no co ones, "配合0项" is only noise.
    if (showCo && (co.tasks.length || coOnly || !lead.tasks.length)) {
      lines.push(`${who}配合${headWord}重点工作任务${co.tasks.length}项${co.tasks.length ? '：' : '。'}`);
      lines.push(...taskLines(co.tasks, undefined, ctx.kb, width));
      refs.push(...co.tasks.map((t) => t.source));
    }
  }
  if (want('livelihood')) {
    const scoped = a.scope.includes('livelihood');
    if (!coOnly && (lead.items.length || scoped)) {
      const projects = [...new Set(lead.items.map((x) => x.p.no))];
      // Which half each project is in (1–10 省级, 11–18 岳阳市级), unless one half was asked.
      const byLevel = (['省级', '岳阳市级'] as const).map((lv) => [lv, [...new Set(lead.items.filter((x) => x.p.level === lv).map((x) => x.p.no))]] as const).filter(([, ns]) => ns.length);
      const nos = levelWord || byLevel.length < 1 ? `第${projects.join('、')}项` : byLevel.map(([lv, ns]) => `${lv}第${ns.join('、')}项`).join('；');
      lines.push(`${who}${REL_WORD[leadRel]}${levelWord}民生实事${lead.items.length}个子项${projects.length ? `（${nos}）` : ''}${lead.items.length ? '：' : '。'}`);
      lines.push(...itemLines(lead.items, ctx.kb, width, a.kind === 'leader'));
      refs.push(...lead.items.map((x) => ({ ...x.p.source, line: x.i.line })));
    }
    if (showCo && (co.items.length || scoped)) {
      lines.push(`${who}配合${levelWord}民生实事${co.items.length}个子项${co.items.length ? '：' : '。'}`);
      lines.push(...coProjectLines(co.items, ctx.kb, width));
      refs.push(...co.items.map((x) => x.p.source));
    }
  }
  // Only the voted list asked ("…分管的票决项目"): the reply is that list, so it says whose and how many.
  if (want('voted') && !coOnly && lead.voted.length && a.scope.length === 1)
    lines.push(`${who}${REL_WORD[leadRel]}票决民生实事${lead.voted.length}项：`, ...lead.voted.map((v) => `· 票决第${v.no}项 ${clip(v.name, 30)}`));
  else if (want('voted') && !coOnly && lead.voted.length)
    lines.push(`票决民生实事：牵头第${lead.voted.map((v) => v.no).join('、')}项（${lead.voted.map((v) => clip(v.name, 12)).join('、')}）。`);
  if (want('voted') && !coOnly) refs.push(...lead.voted.map((v) => v.source));
  const measuresAsked = a.scope.includes('measure');
  if (measuresAsked) {
    if (a.kind === 'leader') lines.push('“开局八好”各方案的举措按单位分工（X牵头，Y等按职责分工负责），没有写牵头领导。');
    else {
      const mine = ctx.kb.measures.filter((m) => {
        const cells = (coOnly ? [] : m.leadUnits).concat(showCo ? m.coUnits : []);
        return a.names.every((n) => cells.some((u) => cellNames(u, n)));
      });
      lines.push(`${who}在“开局八好”方案中${REL_WORD[coOnly ? 'co' : showCo ? 'any' : 'lead']}的举措${mine.length}条${mine.length ? '：' : '。'}`);
      // Grouped by plan: the plan says which of the eight goals a measure serves.
      let plan = '';
      for (const m of mine) {
        if (m.plan !== plan) lines.push(`【${clip((plan = m.plan).replace(/实施方案$/, ''), 24)}】`);
        const role = showCo ? (m.leadUnits.some((u) => a.names.some((n) => cellNames(u, n))) ? '（牵头）' : '（配合）') : '';
        lines.push(`· ${clip(m.title, 30)}${role}`);
      }
      refs.push(...mine.map((m) => m.source));
      measureCount = mine.length;
    }
  }
  if (a.kind === 'unit' && a.names.length === 1 && a.scope.length === 0 && !coOnly && !a.heading) {
    const measures = ctx.kb.measures.filter((m) => m.leadUnits.some((u) => cellNames(u, a.names[0]!)));
    // A few are named (their headings); many are counted, the reply stays a phone message.
    if (measures.length) lines.push(`另有“开局八好”方案中牵头举措${measures.length}条${measures.length <= 6 ? `：${measures.map((m) => clip(m.title, 16)).join('；')}` : ''}。`);
  }
  // Only the lists asked about count: "税务局牵头的民生实事" is none, whatever its key tasks.
  const n = (s: ListScope, k: number) => (want(s) ? k : 0);
  const total = measureCount + n('task', coOnly ? co.tasks.length : lead.tasks.length + co.tasks.length) + n('livelihood', coOnly ? co.items.length : lead.items.length + co.items.length) + n('voted', coOnly ? 0 : lead.voted.length);
  if (!total) {
    // "吴侃单独牵头几项": 0, with what the name does lead, when it leads anything.
    // "城管局配合了几项": 0 too, when the unit leads tasks of its own.
    const all = a.names.length === 1 && a.count && (rel === 'sole' || rel === 'joint' || rel === 'co') ? portfolio(ctx, a.kind, a.names, 'lead') : undefined;
    if (all && all.tasks.length) {
      const refs0 = all.tasks.map((t) => t.source);
      return {
        found: true,
        text: [`${who}${REL_WORD[rel]}${a.scope.includes('livelihood') && !a.scope.includes('task') ? '民生实事0个子项' : '重点工作任务0项'}（共牵头${all.tasks.length}项：第${nos(all.tasks)}项${rel === 'co' ? '' : `，${rel === 'sole' ? '都与他人共同牵头' : '都是单独牵头'}`}）。`, ...taskLines(all.tasks, undefined, ctx.kb, width), sourceText(refs0)].join('\n'),
        refs: refs0,
      };
    }
    // "杨盛负责的票决项目有吗": the list asked is named in the reply, with who does lead it.
    const votedOnly = a.scope.length === 1 && a.scope[0] === 'voted';
    const votedBy = votedOnly ? `票决民生实事${ctx.kb.voted.length}项由${[...new Set(ctx.kb.voted.flatMap((v) => (a.kind === 'leader' ? v.leaders : v.leadUnits)))].join('、')}牵头。` : '';
    const none = `没有查到${who}${REL_WORD[rel]}的${votedOnly ? '票决民生实事' : a.scope.includes('livelihood') ? `${levelWord}民生实事` : '任务'}。${votedBy}`;
    // "城管局配合哪些": none, and what it does lead, so the reply is not a dead end.
    const led = a.names.length === 1 && rel === 'co' ? portfolio(ctx, a.kind, a.names, 'lead') : undefined;
    const also = led?.tasks.length ? `它牵头重点工作任务${led.tasks.length}项：第${nos(led.tasks)}项。` : '';
    return { found: false, text: a.names.length > 1 ? `${none}可分别问“${a.names[0]}牵头哪些”。` : none + also, refs: [] };
  }
  lines.push(sourceText(refs));
  return { found: true, text: lines.filter(Boolean).join('\n'), refs };
}
