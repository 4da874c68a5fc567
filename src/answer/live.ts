// Live questions (issue 13, class 11): "28项进展咋样了", "住建那几项现在咋样", "哪些任务滞后了",
// "本月到期的节点", "民生6.1进度", "白塘镇的任务报了没" are asked in the same words as lookups
// but are about the store: the latest report (date, reporter), the state by the one rule
// (src/progress/state.ts, the same as /滞后 and /汇总) and the milestones of the period asked,
// with the item's static facts beside them. The store is read through the view in the answer
// context (liveView.ts); what a question asks is liveRead.ts.
import type { SupervisedItem } from '../items/catalog.ts';
import { baseUnit, unitRole } from '../progress/access.ts';
import { scopeOf } from '../progress/scope.ts';
import { clip as clipText } from '../progress/format.ts';
import { TASK_STATES } from '../progress/state.ts';
import { localDate, shortDate } from '../progress/time.ts';
import type { AnswerContext } from './context.ts';
import { DOC_LABEL, distinctive, joinNames } from './format.ts';
import { DOCUMENT, DONE_YET, LAG, PLAN, PROGRESS, liveQuery, read, REPORTED, STANDING, type ListFilter, type Reading, type Scope } from './liveRead.ts';
import type { LiveMilestone, LiveReport, LiveStatus, LiveView } from './liveView.ts';
import { askedPeriod } from './periods.ts';
import { itemsOfRefs, subjectWords } from './liveSubject.ts';
import { recentReports, unreportedUnits } from './liveWho.ts';
import { parseQuery, type Query } from './query.ts';
import type { Answer } from './types.ts';

export { withLive, type LiveMilestone, type LiveReport, type LiveStatus, type LiveView } from './liveView.ts';
export { livePeriod, type LivePeriod } from './livePeriod.ts';

const LINE = 22;
/** Lines of items one reply shows; past it the rest are counted with the command to see them.
 * At ~70 characters a line this is under 9 KB (WeCom's stream takes 20,480 bytes). */
const MAX_ITEMS = 40;

/** A key task that carries a voted project (票决2 is reported as 第27项): its voted number, so
 * a leader who asked about 票决 sees which is which. */
function votedOf(ctx: AnswerContext, x: SupervisedItem) {
  return x.kind === 'key' ? ctx.kb.voted.find((v) => v.keyTask === x.no) : undefined;
}

function title(ctx: AnswerContext, x: SupervisedItem, n = LINE): string {
  const v = votedOf(ctx, x);
  return `${x.label} ${v ? `票决${v.no} ` : ''}${distinctive(ctx.kb, x.kind === 'key' ? x.target : x.title, n)}`;
}

/** A cell of many lead units (第54项 has 12) named by its first three. */
function leads(x: SupervisedItem): string {
  const us = x.leadUnits;
  return us.length > 3 ? `${us.slice(0, 3).join('、')}等${us.length}家` : joinNames(us);
}

function facts(x: SupervisedItem): string {
  const leads = x.kind === 'indicator' ? `填报镇街：${joinNames(x.leadUnits)}` : `牵头单位：${joinNames(x.leadUnits)}`;
  const quota = x.quota ? `｜目标${x.quota.amount}${x.quota.unit}` : '';
  return `牵头领导：${joinNames(x.leaders)}｜${leads}${quota}`;
}

const when = (view: LiveView) => `截至${shortDate(view.today)}`;

function reportLine(r: LiveReport | undefined, n: number): string {
  if (!r) return '最近进展：暂无（还没有联络员填报）';
  return `最近进展：${shortDate(localDate(r.at))} ${r.unit} ${r.userName}：${clipText(r.text, 60)}${n > 1 ? `（共${n}条）` : ''}`;
}


function milestoneText(m: LiveMilestone, n = 30): string {
  const name = m.label && m.label !== shortDate(m.dueDate) ? `${shortDate(m.dueDate)}（${m.label}）` : shortDate(m.dueDate);
  const outcome = m.outcome === undefined ? '' : m.outcome === '未达成' ? ' — 已过期未达成' : m.outcome === '逾期完成' ? ` — 逾期完成${m.metOn ? `（${shortDate(m.metOn)}）` : ''}` : ` — ${m.outcome}`;
  return `${name} ${clipText(m.text, n)}${outcome}`;
}

const sourceOf = (x: SupervisedItem) => `来源：${x.kind === 'key' ? DOC_LABEL['key-tasks'] : x.kind === 'measure' ? '开局八好方案' : DOC_LABEL.livelihood} ${x.locator}`.trim();

const NO_STORE = '暂无进展：这里还没有进展数据库（机器人运行后，联络员用 /进展 填报）。';
const NOT_YOURS = '进展仅领导、督查室和该项牵头（配合）单位的联络员可查看；联络员先发 /绑定 单位。';

function itemAnswer(ctx: AnswerContext, view: LiveView, items: SupervisedItem[], missing: string[], reported: boolean): Answer {
  if (!items.length) return { found: false, text: missing.join('\n'), refs: [] };
  const visible = items.filter((x) => view.canSee(x));
  const status = view.stored && visible.length ? view.status(visible) : new Map<number, LiveStatus>();
  const refs = items.map((x) => x.source);
  if (items.length === 1) {
    const x = items[0]!;
    const v = votedOf(ctx, x);
    const lines = [`${x.label}${v ? `（票决${v.no} ${v.name}）` : ''} ${clipText(x.target, 70)}`, facts(x)];
    if (!view.stored) {
      lines.push(NO_STORE);
      const next = view.milestones(x).find((m) => m.dueDate >= view.today);
      if (next) lines.push(`下一节点：${milestoneText(next)}`);
    } else if (!view.canSee(x)) lines.push(NOT_YOURS);
    else {
      const s = status.get(x.no)!;
      const amount = x.quota ? `｜已报${s.amount ?? 0}${x.quota.unit}` : '';
      lines.push(`状态：${s.state}（${s.reason}，${when(view)}）${amount}`);
      lines.push(reportLine(s.latest, s.reports));
      const missed = s.milestones.filter((m) => m.outcome === '未达成');
      const next = s.milestones.find((m) => m.outcome === '未到期');
      for (const m of missed.slice(0, 3)) lines.push(`未达成节点：${milestoneText(m)}`);
      if (next) lines.push(`下一节点：${milestoneText(next)}`);
    }
    lines.push(...missing, sourceOf(x));
    return { found: true, text: lines.join('\n'), refs };
  }
  const lines: string[] = [];
  if (view.stored && visible.length) {
    const shown = visible.map((x) => status.get(x.no)!);
    const done = shown.filter((s) => s.reports > 0).length;
    lines.push(`${items.length}项（${when(view)}）：${reported ? `已报${done}项，未报${visible.length - done}项；` : ''}${countsText(shown)}`);
  } else lines.push(`${items.length}项：`);
  for (const x of items) {
    const s = status.get(x.no);
    const who = x.kind === 'indicator' ? '' : `｜${leads(x)}`;
    lines.push(`· ${title(ctx, x)}${who}：${!view.stored ? '暂无进展' : !s ? '无权查看' : stateText(s, x)}`);
  }
  if (!view.stored) lines.push(NO_STORE);
  else if (visible.length < items.length) lines.push(NOT_YOURS);
  lines.push(...missing);
  return { found: true, text: lines.join('\n'), refs };
}

function countsText(xs: readonly LiveStatus[]): string {
  const parts = TASK_STATES.map((s) => [s, xs.filter((x) => x.state === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${s}${n}项`);
  return parts.join('，') || '无';
}

function stateText(s: LiveStatus, x: SupervisedItem): string {
  const why = s.state === '滞后' || s.state === '逾期完成' ? `（${s.reason}）` : '';
  const amount = x.quota && s.amount !== undefined ? `，已报${s.amount}${x.quota.unit}` : '';
  const last = s.latest ? `｜${shortDate(localDate(s.latest.at))} ${s.latest.userName}` : '｜未报';
  return `${s.state}${why}${amount}${last}`;
}

/** The towns of the board: the indicator table's columns. */
const townsOf = (view: LiveView) => new Set(view.catalog.ofKind('indicator').map((x) => x.leadUnits[0]!));

/** The days a "who reported" question looks back over: 今天, 本周, 本月 up to today; 最近 and no
 * period: every report (the newest first). */
function recentWindow(view: LiveView, p: Reading['period']): { from: string; to: string; label: string } | undefined {
  if (!p || p.from > view.today || p.label === '近两周') return undefined;
  return { from: p.from, to: p.to < view.today ? p.to : view.today, label: p.label };
}

/** The items of a scope, as /滞后 and /汇总 read it (src/progress/scope.ts) for the key tasks: a
 * unit's lead tasks (and, asked what lags, the ones it co-operates on, as /滞后 住建局 lists them),
 * a town's tasks with those of 各镇政府、街道办; on the other lists the items it leads, a town's
 * own indicator cells. Key tasks first, then the other lists, each in list order. */
function scopeItems(view: LiveView, scope: Scope, filter?: ListFilter, withCo = false): { items: SupervisedItem[]; name: string; co: number } {
  const all = view.catalog.all.filter((x) => !filter || filter.test(x));
  const keys = all.filter((x) => x.kind === 'key');
  const others = all.filter((x) => x.kind !== 'key');
  switch (scope.kind) {
    case 'items':
      return { items: scope.items, name: '', co: 0 };
    case 'all':
      return { items: all, name: '', co: 0 };
    case 'leader':
      return { items: all.filter((x) => x.leaders.includes(scope.name)), name: scope.name, co: 0 };
    case 'unit': {
      const s = scopeOf('unit', scope.name, keys);
      const mine = new Set((withCo ? s.tasks : s.lead).map((t) => t.no));
      const items = [...keys.filter((x) => mine.has(x.no)), ...others.filter((x) => unitRole(x, scope.name) === 'lead')];
      return { items, name: scope.name, co: withCo ? 0 : s.tasks.length - s.lead.length };
    }
    case 'town': {
      // asked what lags: every task /滞后 白塘镇 lists; asked how it stands or whether it reported:
      // the ones that name the town, the 各镇 tasks counted (they are everyone's)
      const s = scopeOf('town', scope.name, keys);
      const named = new Set(s.tasks.filter((t) => unitRole(t, scope.name) !== 'co-collective').map((t) => t.no));
      const mine = new Set(s.tasks.map((t) => t.no));
      const own = (x: SupervisedItem) => (x.kind === 'indicator' ? x.leadUnits[0] === scope.name : x.leadUnits.some((u) => baseUnit(u) === scope.name));
      const pick = withCo ? mine : named;
      return { items: [...keys.filter((x) => pick.has(x.no)), ...others.filter(own)], name: scope.name, co: withCo ? 0 : mine.size - named.size };
    }
  }
}

function listName(x: SupervisedItem): string {
  return x.kind === 'key' ? '重点工作任务' : x.kind === 'livelihood' ? '民生实事' : x.kind === 'indicator' ? '镇街指标' : x.kind === 'measure' ? '开局八好' : '票决民生实事';
}

/** Lines of items grouped by list, every one up to MAX_ITEMS, then the count of the rest. */
function grouped(xs: readonly SupervisedItem[], line: (x: SupervisedItem) => string, more: string): string[] {
  const out: string[] = [];
  const lists = [...new Set(xs.map(listName))];
  let shown = 0;
  for (const l of lists) {
    const mine = xs.filter((x) => listName(x) === l);
    if (lists.length > 1) out.push(`【${l}】${mine.length}项`);
    for (const x of mine) {
      if (shown >= MAX_ITEMS) break;
      out.push(`· ${line(x)}`);
      shown++;
    }
  }
  if (xs.length > shown) out.push(`……另有${xs.length - shown}项，${more}`);
  return out;
}

function restricted(view: LiveView, items: SupervisedItem[]): { visible: SupervisedItem[]; note?: string } {
  if (view.readsAll) return { visible: items };
  const visible = items.filter((x) => view.canSee(x));
  return { visible, note: visible.length ? `（只列你所在单位相关的${visible.length}项；全部进展领导和督查室可查看）` : undefined };
}

/** The documents' own answer, when it is the bulletin's account of progress (专报: 省级民生实事
 * 5项滞后): shown beside the store's, which may be younger or older than it. */
function besides(question: string, documents: ((q: string) => Answer) | undefined): string[] {
  const d = documents?.(question);
  if (!d?.found || !d.refs.some((x) => x.doc === 'bulletin')) return [];
  return [`文件中：${d.text}`];
}

function scopeAnswer(ctx: AnswerContext, view: LiveView, r: Reading, documents?: (q: string) => Answer): Answer {
  const a = scopeReply(ctx, view, r);
  const more = besides(r.question, documents);
  return more.length ? { ...a, text: [a.text, ...more].join('\n') } : a;
}

function scopeReply(ctx: AnswerContext, view: LiveView, r: Reading): Answer {
  const { items, name, co } = scopeItems(view, r.scope, r.filter, r.kind === 'lag');
  const who = name ? `${name}${r.scope.kind === 'town' ? '的' : r.scope.kind === 'unit' && r.kind === 'lag' ? '相关的' : '牵头的'}${r.filter?.label ?? ''}` : r.filter?.label ?? '';
  if (!items.length) return { found: true, text: `${who || '清单里'}没有这样的事项。`, refs: [] };
  const refs = items.slice(0, 3).map((x) => x.source);
  if (!view.stored) {
    // nothing to judge: the scope's items (its static facts) — the whole board only as counts
    const lists = [...new Set(items.map(listName))].map((l) => `${l}${items.filter((x) => listName(x) === l).length}项`);
    const lines = r.scope.kind === 'all' ? [`${who}清单：${lists.join('、')}。`] : [`${who}事项${items.length}项：`, ...grouped(items, (x) => title(ctx, x), '可问“第N项进展”')];
    return { found: true, text: [...lines, NO_STORE].join('\n'), refs };
  }
  const { visible, note } = restricted(view, items);
  if (!visible.length) return { found: true, text: `${who}事项${items.length}项。${NOT_YOURS}`, refs };
  const status = view.status(visible);
  const st = (x: SupervisedItem) => status.get(x.no)!;
  const headCounts = (xs: SupervisedItem[]) => countsText(xs.map(st));
  if (r.kind === 'lag') {
    // "3月底的节点还没完成的": what lags for a node of that (past) period, that node named
    const p = r.period && r.period.from <= view.today ? r.period : undefined;
    const missedIn = (x: SupervisedItem) => st(x).milestones.filter((m) => m.outcome === '未达成' && p && m.dueDate >= p.from && m.dueDate <= p.to);
    const lag = visible.filter((x) => st(x).state === '滞后' && (!p || missedIn(x).length > 0));
    const of = p ? `${p.label}（${shortDate(p.from)}–${shortDate(p.to)}）节点未达成、` : '';
    const head = `${who}${of}滞后${lag.length}项（${when(view)}，共${visible.length}项：${headCounts(visible)}）${note ?? ''}`;
    if (!lag.length) return { found: true, text: `${who}${of ? `${of.slice(0, -1)}：` : ''}没有滞后的事项（${when(view)}，共${visible.length}项：${headCounts(visible)}）${note ?? ''}。`, refs };
    const why = (x: SupervisedItem) => (p ? `未达成：${missedIn(x).map((m) => milestoneText(m, 24).replace(/ — 已过期未达成$/, '')).join('；')}` : st(x).reason);
    const lines = [`${head}：`, ...grouped(lag, (x) => `${title(ctx, x, 16)}｜${leads(x)}｜${why(x)}｜${st(x).latest ? `最近进展${shortDate(localDate(st(x).latest!.at))}` : '尚无进展'}`, '可发 /滞后 单位 分单位查看'), '查看一项：/进展 编号'];
    return { found: true, text: lines.join('\n'), refs };
  }
  if (r.kind === 'who') return unreportedUnits(view, visible, status, `${who}${note ?? ''}`, r.towns ? townsOf(view) : undefined);
  if (r.kind === 'recent') return recentReports(view, visible, status, `${who}${note ?? ''}`, recentWindow(view, r.period));
  if (r.kind === 'state') {
    const hits = visible.filter((x) => st(x).state === r.state);
    const tail = `（${when(view)}，共${visible.length}项：${headCounts(visible)}）${note ?? ''}`;
    if (!hits.length) return { found: true, text: `${who}没有${r.state}的事项${tail}。`, refs };
    const lines = [`${who}${r.state}${hits.length}项${tail}：`, ...grouped(hits, (x) => `${title(ctx, x, 18)}${x.kind === 'indicator' ? '' : `｜${leads(x)}`}：${stateText(st(x), x)}`, '可问“第N项进展”')];
    return { found: true, text: lines.join('\n'), refs };
  }
  // progress / reported
  const done = visible.filter((x) => st(x).reports > 0).length;
  const also = co ? `；另${r.scope.kind === 'town' ? '与各镇街共同承担' : '配合'}${co}项` : '';
  const head = r.reported
    ? `${who}事项${visible.length}项（${when(view)}）：已报${done}项，未报${visible.length - done}项；${headCounts(visible)}${also}${note ?? ''}`
    : `${who}事项${visible.length}项（${when(view)}）：${headCounts(visible)}${also}${note ?? ''}`;
  // The whole board is long: its counts per list, the lagging named, as /汇总 does.
  const order = (xs: SupervisedItem[]) => (r.reported ? [...xs.filter((x) => st(x).reports === 0), ...xs.filter((x) => st(x).reports > 0)] : xs);
  if (r.scope.kind === 'all' && !r.filter) {
    const lists = [...new Set(visible.map(listName))];
    const lines = [head + '：', ...lists.map((l) => `· ${l}${countsText(visible.filter((x) => listName(x) === l).map(st))}`)];
    const lag = visible.filter((x) => st(x).state === '滞后');
    if (lag.length) lines.push(`滞后：${lag.slice(0, 12).map((x) => x.label).join('、')}${lag.length > 12 ? `等${lag.length}项` : ''}（问“哪些任务滞后了”看原因）`);
    lines.push('分单位看：“住建局的任务进展”或 /汇总 单位');
    return { found: true, text: lines.join('\n'), refs };
  }
  const lines = [head + '：', ...grouped(order(visible), (x) => `${title(ctx, x, 18)}：${stateText(st(x), x)}`, '可问“第N项进展”')];
  return { found: true, text: lines.join('\n'), refs };
}

interface DueRow {
  x: SupervisedItem;
  m: LiveMilestone;
}

/** Milestones of the lists' own year-end (民生实事 "如期完成", every indicator cell): one line of
 * counts, not one line each, or a 下半年 question would list hundreds. */
const yearEndRoutine = (x: SupervisedItem, m: LiveMilestone) => (x.kind === 'indicator' || x.kind === 'livelihood') && /-12-31$/.test(m.dueDate) && /年底/.test(m.label ?? '');

function periodAnswer(ctx: AnswerContext, view: LiveView, r: Reading, documents?: (q: string) => Answer): Answer {
  const p = r.period!;
  const { items, name } = scopeItems(view, r.scope, r.filter);
  const { visible, note } = view.stored ? restricted(view, items) : { visible: items, note: undefined };
  const status = view.stored && visible.length ? view.status(visible) : new Map<number, LiveStatus>();
  const rows: DueRow[] = [];
  for (const x of visible) {
    const ms = status.get(x.no)?.milestones ?? view.milestones(x);
    for (const m of ms) if (m.dueDate >= p.from && m.dueDate <= p.to) rows.push({ x, m });
  }
  rows.sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate) || a.x.no - b.x.no);
  // Without a list named, the key tasks (票决 projects included) are listed and the other lists
  // counted: their text deadlines and year-end nodes would bury the tasks.
  // The other lists' dated deadlines (端午文化博物馆7月底前) are listed too; their 全年/年内 ones
  // only counted.
  const main = (d: DueRow) => r.filter !== undefined || r.scope.kind !== 'all' || d.x.kind === 'key' || d.x.kind === 'voted' || !/全年|年内|年底|年末/.test(d.m.label ?? '');
  const routine = rows.filter((d) => yearEndRoutine(d.x, d.m) || !main(d));
  const listed = rows.filter((d) => !yearEndRoutine(d.x, d.m) && main(d));
  // nothing of the key tasks in the period: the other lists' nodes are the answer, when few
  const others = !listed.length && routine.length > 0 && routine.length <= MAX_ITEMS;
  if (others) listed.push(...routine.splice(0));
  const keysOnly = listed.every((d) => d.x.kind === 'key' || d.x.kind === 'voted');
  const who = name ? `${name}${r.scope.kind === 'town' ? '' : '牵头的'}${r.filter?.label ?? (r.scope.kind === 'town' ? '' : '事项')}` : r.filter?.label ?? (others || !keysOnly ? '' : '重点工作任务');
  const range = `${shortDate(p.from)}–${shortDate(p.to)}`;
  if (!listed.length && !routine.length) {
    // a month of the documents' year: their reply names the months that have nodes
    // (the board's next nodes first, then the months that have nodes)
    const d = r.scope.kind === 'all' && !r.filter && askedPeriod(r.question) ? documents?.(r.question) : undefined;
    const none = nonePeriod(ctx, view, visible, status, `${name || r.filter ? who : ''}${p.label}（${range}）`, p.to, note);
    return d && !d.found && /节点在/.test(d.text) ? { ...none, text: `${none.text}\n${d.text.replace(/^文件中没有[^。]*。/, '')}` } : none;
  }
  const tally = view.stored && listed.length ? `：${(['已达成', '逾期完成', '未达成', '未到期'] as const).map((o) => [o, listed.filter((d) => d.m.outcome === o).length] as const).filter(([, n]) => n).map(([o, n]) => `${o === '未达成' ? '已过期未达成' : o}${n}个`).join('，')}` : '';
  const lines = [`${who}${p.label}（${range}）到期的节点${listed.length}个（${view.stored ? when(view) : '按文件和已设节点'}）${tally}${note ?? ''}：`];
  const shown = listed.slice(0, MAX_ITEMS);
  // a node's words are what is due: whole, up to what a line holds
  for (const d of shown) lines.push(`· ${title(ctx, d.x, 14)}｜${leads(d.x)}｜${milestoneText(d.m, shown.length > 15 ? 40 : 90)}`);
  if (listed.length > shown.length) lines.push(`……另有${listed.length - shown.length}个，可按单位问：“住建局${p.label}到期的节点”`);
  if (routine.length) {
    const by = [...new Set(routine.map((d) => listName(d.x)))].map((l) => `${l}${routine.filter((d) => listName(d.x) === l).length}个`);
    lines.push(`另有${by.join('、')}（可问“开局八好${p.label}到期的节点”，或 /汇总）`);
  }
  if (!view.stored) lines.push(NO_STORE);
  return { found: true, text: lines.join('\n'), refs: [...new Set(shown.map((d) => d.x.source))].slice(0, 3) };
}

/** A period with no node ("本周到期的节点" in a quiet week): said so, with the scope's next nodes
 * after it, so the leader learns when the next one falls instead of getting the generic hint. */
function nonePeriod(ctx: AnswerContext, view: LiveView, visible: readonly SupervisedItem[], status: Map<number, LiveStatus>, what: string, after: string, note?: string): Answer {
  const all: DueRow[] = [];
  for (const x of visible) for (const m of status.get(x.no)?.milestones ?? view.milestones(x)) if (m.dueDate > after) all.push({ x, m });
  // the lists' routine year-end nodes only when nothing else is left (a town's indicator cells)
  const dated = all.filter((d) => !yearEndRoutine(d.x, d.m));
  const next = (dated.length ? dated : all).sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate) || a.x.no - b.x.no);
  const first = next[0]?.m.dueDate;
  // the nodes of the first day after, at most five: "the next one" may be several on one day
  const day = next.filter((d) => d.m.dueDate === first);
  const shown = day.slice(0, 5);
  const lines = [`${what}没有到期的节点${note ?? ''}。`];
  if (shown.length) lines.push(`之后最近的节点（${shortDate(first!)}${day.length > shown.length ? `，共${day.length}个` : ''}）：`, ...shown.map((d) => `· ${title(ctx, d.x, 14)}｜${leads(d.x)}｜${milestoneText(d.m, 60)}`));
  else lines.push('之后没有再到期的节点。');
  if (!view.stored) lines.push(NO_STORE);
  // found:false as for a month the documents have no node in: nothing is due, the text says so
  return { found: false, text: lines.join('\n'), refs: [] };
}

/** The live reading of a question, for `duban ask --explain` (undefined: not a live question by
 * its words; a subject may still be pinned to a task by the documents' answer). */
export function liveReading(question: string, ctx: AnswerContext): string | undefined {
  const view = ctx.live;
  if (!view) return undefined;
  const r = read(liveQuery(parseQuery(question, ctx), ctx.words, ctx.lexicon), view);
  if (!r) return undefined;
  const scope = r.scope.kind === 'items' ? r.scope.items.map((x) => x.label).join('、') || '（编号不存在）' : r.scope.kind === 'all' ? '全部' : `${r.scope.kind}:${r.scope.name}`;
  return `进展问题（${r.kind}）：${scope}${r.filter ? `｜清单:${r.filter.label}` : ''}${r.period ? `｜时段:${r.period.label} ${r.period.from}–${r.period.to}` : ''}｜截至${view.today}${view.stored ? '' : '（无数据库）'}`;
}

/** "保障房进展怎么样", "白水镇和美湘村建得咋样": a subject that the documents' answer pins to
 * supervised items (liveSubject.ts) is asked about those items. */
function bySubject(question: string, q: Query, ctx: AnswerContext, view: LiveView, documents?: (q: string) => Answer): Answer | null {
  if (!documents || q.numbers.length || DOCUMENT.test(q.text) || !(PROGRESS.test(q.text) || REPORTED.test(q.text) || LAG.test(q.text) || DONE_YET.test(q.text))) return null;
  if (PLAN.test(q.text) && !STANDING.test(q.text)) return null;
  // the subject alone first: "建得怎么样了" is no words of the documents
  const subject = subjectWords(question);
  const asked = [...(subject.length >= 2 && subject !== question ? [subject] : []), question];
  for (const s of asked) {
    const d = documents(s);
    if (!d.found) continue;
    const items = itemsOfRefs(view, d.refs, q.towns);
    if (!items.length) return null;
    // the bulletin's account of the same subject (城镇新增就业462人) beside the store's
    const a = itemAnswer(ctx, view, items, [], REPORTED.test(q.text));
    const more = besides(question, documents);
    return more.length ? { ...a, text: [a.text, ...more].join('\n') } : a;
  }
  return null;
}

/** The live reply, or null when the question is not a live one (or there is no view). */
export function liveAnswer(question: string, ctx: AnswerContext, documents?: (q: string) => Answer): Answer | null {
  const view = ctx.live;
  if (!view) return null;
  // empty and overlong questions get the engine's own replies
  if (!question.trim() || question.trim().length > 200) return null;
  const q = liveQuery(parseQuery(question, ctx), ctx.words, ctx.lexicon);
  const r = read(q, view);
  if (!r) return bySubject(question, q, ctx, view, documents);
  if (r.kind === 'item' && r.scope.kind === 'items') return itemAnswer(ctx, view, r.scope.items, r.scope.missing, r.reported);
  if (r.kind === 'period') return periodAnswer(ctx, view, r, documents);
  return scopeAnswer(ctx, view, r, documents);
}
