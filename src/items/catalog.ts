// Every supervised list as one list of items: the key tasks (the active list: bundled or
// imported), the 民生实事 sub-items, the town cells of the 民生实事 indicators, the 开局八好
// measures, and the 票决 projects that have no key task of their own. Each item is a KeyTask in
// shape (number, lead leader/units, co-units, document milestones), so the state rule, the
// board, the reports and milestones tables and the reminders read every kind the same way.
// Pure: built from the knowledge base and options, cached per knowledge base.
import { findDeadlines } from '../../knowledge/deadlines.ts';
import type { DocMilestone, Indicator, KeyTask, KnowledgeBase, Measure } from '../../knowledge/types.ts';
import { subItemIndex } from './subItem.ts';
import { encodeItemNo, formatItemRef, itemLabel, KIND_NAMES, type ItemKind, type ItemRef } from './address.ts';

export interface SupervisedItem extends KeyTask {
  kind: ItemKind;
  ref: ItemRef;
  /** how replies name it: 第28项 / 民生6.1 / 指标31（白塘镇）/ 八好1.4 */
  label: string;
  /** short title for lists */
  title: string;
  /** towns the item names (an indicator cell: its town) */
  towns: string[];
  /** an indicator cell's number the town owes, with the unit of measure */
  quota?: { amount: number; unit: string };
  /** where in the documents, e.g. 附件1 第6项 / 二、（二）1 */
  locator: string;
}

export interface ItemOptions {
  /** MM-DD on which the flood season starts; 汛期前 is the day before (REMIND_FLOOD_SEASON_START) */
  floodSeasonStart: string;
}

export const DEFAULT_ITEM_OPTIONS: ItemOptions = { floodSeasonStart: '04-01' };

export interface MeasurePlan {
  no: number;
  /** the 总体方案's row title, e.g. 担当好稳增长挑大梁的责任 */
  title: string;
  measures: Measure[];
}

export interface ItemCatalog {
  /** every item: key tasks first, then 民生实事, indicator cells, 开局八好, 票决 without a task */
  all: readonly SupervisedItem[];
  byNo: ReadonlyMap<number, SupervisedItem>;
  ofKind(kind: ItemKind): readonly SupervisedItem[];
  plans: readonly MeasurePlan[];
  kb: KnowledgeBase;
}

/** The year the lists are for: the key tasks' document milestones carry it, else 2026. */
function listYear(kb: KnowledgeBase): number {
  const d = kb.keyTasks.flatMap((t) => t.milestones ?? []).find((m) => /^\d{4}-/.test(m.date))?.date;
  return d ? Number(d.slice(0, 4)) : 2026;
}

function isoDayBefore(year: number, mmdd: string): string {
  const d = new Date(`${year}-${mmdd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Deadlines in a list item's own text: 7月底前, 年内 … (knowledge/deadlines.ts) and 汛期前 (the
 * configured flood-season start, minus one day). */
export function textMilestones(text: string, year: number, opts: ItemOptions, from: string): DocMilestone[] {
  const out: DocMilestone[] = findDeadlines(text, year).map((d) => ({ date: d.date, label: d.label, text: d.clause, from }));
  for (const clause of text.split(/[，。；;]/)) {
    if (!/汛期前|汛前/.test(clause)) continue;
    const date = isoDayBefore(year, opts.floodSeasonStart);
    if (!out.some((m) => m.date === date)) out.push({ date, label: '汛期前', text: clause.trim(), from });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const clipTitle = (s: string, n = 30) => {
  const c = [...s.replace(/[。；;，,]+$/, '')];
  return c.length > n ? c.slice(0, n - 1).join('') + '…' : c.join('');
};

function item(ref: ItemRef, base: Omit<SupervisedItem, 'no' | 'kind' | 'ref' | 'label'>): SupervisedItem {
  return { ...base, no: encodeItemNo(ref), kind: ref.kind, ref, label: itemLabel(ref) };
}

/** The 8 sub-plans numbered by the 总体方案's （一）…（八） rows; a sub-plan the 总体方案 does
 * not name comes after them in document order. */
export function measurePlans(measures: readonly Measure[]): MeasurePlan[] {
  const overall = measures.filter((m) => /总体方案/.test(m.plan));
  const rest = measures.filter((m) => !/总体方案/.test(m.plan));
  const names = [...new Set(rest.map((m) => m.plan))];
  const order = [
    ...overall.map((o) => names.find((n) => n.startsWith(o.title)) ?? ''),
    ...names.filter((n) => !overall.some((o) => n.startsWith(o.title))),
  ];
  return order.map((name, i) => ({
    no: i + 1,
    title: overall[i]?.title ?? name.replace(/实施方案$/, ''),
    measures: name ? rest.filter((m) => m.plan === name) : [],
  }));
}

function indicatorCells(ind: Indicator, kb: KnowledgeBase, year: number): SupervisedItem[] {
  if (!ind.towns) return [];
  const project = kb.livelihood.find((p) => p.no === ind.projectNo);
  // The sub-item of the same target (same words), for its lead leader and unit.
  const sub = project ? project.items[subItemIndex(ind, project) ?? 0] : undefined;
  // A town whose figure is 0 owes nothing on this indicator: no cell.
  return Object.entries(ind.towns).filter(([, amount]) => amount > 0).map(([town, amount]) =>
    item({ kind: 'indicator', no: ind.no, town }, {
      category: '民生实事指标',
      subCategory: ind.project,
      target: `${town}：${ind.text}，${town}目标${amount}${ind.unit}`,
      title: clipTitle(ind.text, 24),
      leaders: sub?.leaders ?? [],
      // The town owes its own number (属地责任): it reports the cell; the sub-item's lead unit
      // co-ordinates and reads it.
      leadUnits: [town],
      coUnits: sub?.leadUnits ?? [],
      towns: [town],
      quota: { amount, unit: ind.unit },
      // Met only by reaching the number (完成率 = reported ÷ target): a count quota, not any
      // report. A rate (%) is a level the town reports, not a share done: any report meets it.
      milestones: [{ date: `${year}-12-31`, label: '年底', text: `完成${amount}${ind.unit}`, from: `民生实事指标${ind.no}`, ...(ind.unit === '%' ? {} : { targetPercent: 100 }) }],
      source: ind.source,
      locator: ind.source.locator,
    }),
  );
}

export function buildCatalog(kb: KnowledgeBase, opts: ItemOptions = DEFAULT_ITEM_OPTIONS): ItemCatalog {
  const year = listYear(kb);
  const all: SupervisedItem[] = kb.keyTasks.map((t) => ({
    ...t,
    kind: 'key',
    ref: { kind: 'key', no: t.no },
    label: `第${t.no}项`,
    title: clipTitle(t.target),
    towns: [],
    locator: t.source.locator,
  }));
  for (const p of kb.livelihood) {
    const single = p.items.length === 1;
    p.items.forEach((x, i) => {
      const ref: ItemRef = { kind: 'livelihood', project: p.no, item: single ? null : i + 1 };
      const from = `民生实事${formatItemRef(ref).slice(2)}`;
      const own = textMilestones(x.text, year, opts, from);
      all.push(
        item(ref, {
          category: `民生实事（${p.level}）`,
          subCategory: p.name,
          target: single || p.name === x.text ? x.text : `${p.name}：${x.text}`,
          title: clipTitle(x.text, 24),
          leaders: x.leaders,
          leadUnits: x.leadUnits,
          coUnits: x.coUnits,
          towns: [],
          // The notice sets no dates of its own beyond the year ("如期高质量完成"): year-end.
          milestones: own.length ? own : [{ date: `${year}-12-31`, label: '年底', text: '如期高质量完成', from: '民生实事通知' }],
          source: { ...p.source, line: x.line },
          locator: `${p.source.locator.replace(/第\d+项.*$/, '')}第${p.no}项${single ? '' : `第${i + 1}子项`}`,
        }),
      );
    });
  }
  for (const ind of kb.indicators) all.push(...indicatorCells(ind, kb, year));
  const plans = measurePlans(kb.measures);
  const overall = kb.measures.filter((m) => /总体方案/.test(m.plan));
  plans.forEach((plan, pi) => {
    const head = overall[pi];
    const entries: [ItemRef, Measure][] = [
      ...(head ? [[{ kind: 'measure', plan: plan.no, measure: null }, head] as [ItemRef, Measure]] : []),
      ...plan.measures.map((m, mi) => [{ kind: 'measure', plan: plan.no, measure: mi + 1 }, m] as [ItemRef, Measure]),
    ];
    for (const [ref, m] of entries) {
      all.push(
        item(ref, {
          category: '开局八好',
          subCategory: plan.title,
          target: `${m.title}：${m.text.startsWith(m.title) ? m.text.slice(m.title.length).replace(/^[。：:，,]/, '') : m.text}`,
          title: clipTitle(m.title, 24),
          leaders: [],
          leadUnits: m.leadUnits,
          coUnits: m.coUnits,
          towns: [],
          milestones: textMilestones(m.text, year, opts, `开局八好${formatItemRef(ref).slice(2)}`),
          source: m.source,
          locator: [...m.section.slice(1), m.no].join(' '),
        }),
      );
    }
  });
  const keyNos = new Set(kb.keyTasks.map((t) => t.no));
  for (const v of kb.voted) {
    if (v.keyTask !== undefined && keyNos.has(v.keyTask)) continue;
    all.push(
      item({ kind: 'voted', no: v.no }, {
        category: '票决民生实事',
        subCategory: v.name,
        target: `${v.name}：${v.content}`,
        title: clipTitle(v.name, 24),
        leaders: v.leaders,
        leadUnits: v.leadUnits,
        coUnits: v.coUnits,
        towns: [],
        milestones: v.tracks.flatMap((tr) => tr.milestones.map((m) => ({ date: m.date, label: m.label, text: m.text, from: `票决第${v.no}项${tr.name ? `（${tr.name}）` : ''}` }))),
        source: v.source,
        locator: v.source.locator,
      }),
    );
  }
  const byNo = new Map(all.map((x) => [x.no, x]));
  const kinds = new Map<ItemKind, SupervisedItem[]>();
  for (const x of all) (kinds.get(x.kind) ?? kinds.set(x.kind, []).get(x.kind)!).push(x);
  return { all, byNo, ofKind: (k) => kinds.get(k) ?? [], plans, kb };
}

const cache = new WeakMap<KnowledgeBase, Map<string, ItemCatalog>>();

/** The catalog of a knowledge base (built once per base and options). */
export function catalogOf(kb: KnowledgeBase, opts: ItemOptions = DEFAULT_ITEM_OPTIONS): ItemCatalog {
  let m = cache.get(kb);
  if (!m) cache.set(kb, (m = new Map()));
  const k = opts.floodSeasonStart;
  let c = m.get(k);
  if (!c) m.set(k, (c = buildCatalog(kb, opts)));
  return c;
}

export function isSupervised(t: KeyTask): t is SupervisedItem {
  return typeof (t as Partial<SupervisedItem>).label === 'string';
}

/** 第28项 / 民生6.1 / 指标31（白塘镇）/ 八好1.4 for any task-shaped item. */
export function labelOf(t: { no: number } & Partial<Pick<SupervisedItem, 'label'>>): string {
  return t.label ?? `第${t.no}项`;
}

// ---- lookup -----------------------------------------------------------------------------------

export type Lookup = { item: SupervisedItem; via?: string } | { error: string };

/** What the lookup needs to know of the sender: the units (towns) it reports for. */
export interface LookupActor {
  units: readonly string[];
}

/**
 * The item an address names. Ambiguous or unknown addresses get a Chinese reply naming what
 * exists: 民生99 (no such project), 民生6 (two sub-items: which?), 指标31 不存在镇 is caught by the
 * parser, 指标8 (no per-town figures), 指标31 without a town (the sender's own town when bound
 * to exactly one that has a figure). 票决N answers with its key task (`via` says so).
 */
export function lookupItem(c: ItemCatalog, ref: ItemRef, actor?: LookupActor): Lookup {
  const kb = c.kb;
  const example = (addr: string) => `/进展 ${addr} …`;
  switch (ref.kind) {
    case 'key': {
      const x = c.byNo.get(ref.no);
      if (x) return { item: x };
      const nos = kb.keyTasks.map((t) => t.no);
      return { error: `没有第${ref.no}项。重点工作任务共${nos.length}项${nos.length ? `（第${Math.min(...nos)}–${Math.max(...nos)}项）` : ''}。` };
    }
    case 'voted': {
      const v = kb.voted.find((x) => x.no === ref.no);
      if (!v) return { error: `没有票决第${ref.no}项。票决民生实事共${kb.voted.length}项（${kb.voted.map((x) => `票决${x.no} ${x.name}`).join('；')}）。` };
      const own = c.byNo.get(encodeItemNo(ref));
      if (own) return { item: own };
      const t = c.byNo.get(v.keyTask!)!;
      return { item: t, via: `票决第${v.no}项（${v.name}）按重点工作任务第${t.no}项填报` };
    }
    case 'livelihood': {
      const p = kb.livelihood.find((x) => x.no === ref.project);
      if (!p) return { error: `没有民生实事第${ref.project}项。民生实事共${kb.livelihood.length}项（省级1–10、岳阳市级11–18），例如：${example('民生6.1')}` };
      const single = p.items.length === 1;
      if (ref.item === null || single) {
        if (single && ref.item !== null && ref.item !== 1) return { error: `民生实事第${p.no}项（${p.name}）只有一项，请写 民生${p.no}。` };
        if (single) return { item: c.byNo.get(encodeItemNo({ kind: 'livelihood', project: p.no, item: null }))! };
        return { error: `民生实事第${p.no}项（${p.name}）有${p.items.length}个子项，请写子项编号：\n${p.items.map((x, i) => `· 民生${p.no}.${i + 1} ${clipTitle(x.text, 20)}（${x.leadUnits.join('、')}）`).join('\n')}` };
      }
      const x = c.byNo.get(encodeItemNo(ref));
      if (!x) return { error: `民生实事第${p.no}项（${p.name}）只有${p.items.length}个子项（民生${p.no}.1–民生${p.no}.${p.items.length}）。` };
      return { item: x };
    }
    case 'indicator': {
      const ind = kb.indicators.find((x) => x.no === ref.no);
      if (!ind) return { error: `没有第${ref.no}个指标。民生实事指标共${kb.indicators.length}个（指标1–指标${kb.indicators.length}），例如：/进展 指标31 白塘镇 完成2个` };
      if (!ind.towns) return { error: `指标${ind.no}（${clipTitle(ind.text, 20)}）没有分到镇街${ind.note ? `（${ind.note}）` : ''}，请按民生实事填报：/进展 民生${ind.projectNo} …（有子项时写 民生${ind.projectNo}.1 等）。` };
      const targets = Object.entries(ind.towns);
      let town = ref.town;
      if (town === null) {
        const mine = (actor?.units ?? []).filter((u) => ind.towns![u] !== undefined);
        if (mine.length === 1) town = mine[0]!;
        else return { error: `请写镇街：/进展 指标${ind.no} 白塘镇 完成2个。指标${ind.no}（${clipTitle(ind.text, 20)}）各镇街目标：${targets.map(([t, n]) => `${t}${n}`).join('、')}（单位：${ind.unit}）。` };
      }
      const x = c.byNo.get(encodeItemNo({ kind: 'indicator', no: ind.no, town }));
      if (!x) return { error: `指标${ind.no}（${clipTitle(ind.text, 20)}）没有给${town}分配目标。有目标的镇街：${targets.map(([t]) => t).join('、')}。` };
      return { item: x };
    }
    case 'measure': {
      const plan = c.plans.find((p) => p.no === ref.plan);
      if (!plan) return { error: `没有八好${ref.plan}。开局八好共${c.plans.length}个方案：${c.plans.map((p) => `八好${p.no} ${p.title}`).join('；')}。` };
      const x = c.byNo.get(encodeItemNo(ref));
      if (!x) return { error: `八好${plan.no}（${plan.title}）共有${plan.measures.length}条举措（八好${plan.no}.1–八好${plan.no}.${plan.measures.length}）。` };
      return { item: x };
    }
  }
}

/** One line naming the list an item is from, for replies: 民生实事（省级）· 住有所居 */
export function listName(x: SupervisedItem): string {
  return x.kind === 'key' ? KIND_NAMES.key : `${x.category}${x.subCategory ? ` · ${x.subCategory}` : ''}`;
}
