// Live questions (issue 13, class 11): "28项进展咋样了", "住建那几项现在咋样", "哪些任务滞后了",
// "本月到期的节点", "民生6.1进度", "白塘镇的任务报了没" are asked in the same words as lookups
// but are about the store: the latest report (date, reporter), the state by the one rule
// (src/progress/state.ts, the same as /滞后 and /汇总) and the milestones of the period asked,
// with the item's static facts beside them. The store is read through the view in the answer
// context (liveView.ts); what a question asks is liveRead.ts; the lines of a reply liveLines.ts,
// a scope's items liveScope.ts, what falls due in a period liveDue.ts.
import type { SupervisedItem } from '../items/catalog.ts';
import { clip as clipText } from '../progress/format.ts';
import { localDate, shortDate } from '../progress/time.ts';
import type { AnswerContext } from './context.ts';
import { periodAnswer } from './liveDue.ts';
import { countsText, facts, parentOf, grouped, leads, listName, milestoneText, NO_STORE, NOT_YOURS, reportLine, restricted, sourceOf, stateText, title, votedOf, when } from './liveLines.ts';
import { DOCUMENT, DONE_YET, FEASIBLE, LAG, PLAN, PROGRESS, liveQuery, read, REPORTED, SO_FAR, STANDING, type Reading } from './liveRead.ts';
import { scopeItems } from './liveScope.ts';
import type { LiveStatus, LiveView } from './liveView.ts';
import { itemsOfRefs, subjectWords } from './liveSubject.ts';
import { mostReported, recentReports, unreportedUnits } from './liveWho.ts';
import { parseQuery, type Query } from './query.ts';
import type { Answer } from './types.ts';
export { withLive, type LiveMilestone, type LiveReport, type LiveStatus, type LiveView } from './liveView.ts';
export { livePeriod, type LivePeriod } from './livePeriod.ts';

/** How a stored item stands, a line each: state, latest report, missed and next nodes (or that
 * the asker may not see it). */
function standing(view: LiveView, x: SupervisedItem, status: Map<number, LiveStatus>): string[] {
  if (!view.canSee(x)) return [NOT_YOURS];
  const s = status.get(x.no)!;
  const amount = x.quota ? `｜已报${s.amount ?? 0}${x.quota.unit}` : '';
  const next = s.milestones.find((m) => m.outcome === '未到期');
  return [
    `状态：${s.state}（${s.reason}，${when(view)}）${amount}`,
    reportLine(s.latest, s.reports),
    ...s.milestones.filter((m) => m.outcome === '未达成').slice(0, 3).map((m) => `未达成节点：${milestoneText(m)}`),
    ...(next ? [`下一节点：${milestoneText(next)}`] : []),
  ];
}

function itemAnswer(ctx: AnswerContext, view: LiveView, items: SupervisedItem[], missing: string[], reported: boolean): Answer {
  if (!items.length) return { found: false, text: missing.join('\n'), refs: [] };
  const visible = items.filter((x) => view.canSee(x));
  const status = view.stored && visible.length ? view.status(visible) : new Map<number, LiveStatus>();
  const refs = items.map((x) => x.source);
  if (items.length === 1) {
    const x = items[0]!;
    const v = votedOf(ctx, x);
    const parent = parentOf(ctx, view.catalog, x);
    const lines = [`${x.label}${v ? `（票决${v.no} ${v.name}）` : ''}${parent ? `（${parent.label}的分解）` : ''} ${clipText(x.target, 70)}`, facts(x)];
    if (!view.stored) {
      lines.push(NO_STORE);
      const next = view.milestones(x).find((m) => m.dueDate >= view.today);
      if (next) lines.push(`下一节点：${milestoneText(next)}`);
    } else lines.push(...standing(view, x, status));
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


/** The towns of the board: the indicator table's columns. */
const townsOf = (view: LiveView) => new Set(view.catalog.ofKind('indicator').map((x) => x.leadUnits[0]!));

/** The days a "who reported" question looks back over: 今天, 本周, 本月 up to today; 最近 and no
 * period: every report (the newest first). */
function recentWindow(view: LiveView, p: Reading['period']): { from: string; to: string; label: string } | undefined {
  if (!p || p.from > view.today || p.label === '近两周') return undefined;
  return { from: p.from, to: p.to < view.today ? p.to : view.today, label: p.label };
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
  if (r.kind === 'who' && r.most) return mostReported(view, visible, status, `${who}${note ?? ''}`, r.towns ? townsOf(view) : undefined);
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
  if (!documents || q.numbers.length || DOCUMENT.test(q.text) || !(PROGRESS.test(q.text) || REPORTED.test(q.text) || LAG.test(q.text) || DONE_YET.test(q.text) || SO_FAR.test(q.text) || FEASIBLE.test(q.text))) return null;
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

/** "28项？": the documents' reply on the item with its standing beside it, before the source. */
function wholeItem(ctx: AnswerContext, view: LiveView, r: Reading, documents: (q: string) => Answer): Answer {
  const items = r.scope.kind === 'items' ? r.scope.items : [];
  const d = documents(r.question);
  if (!d.found || !view.stored) return itemAnswer(ctx, view, items, [], false);
  const x = items[0]!;
  const lines = d.text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('来源：'));
  lines.splice(at < 0 ? lines.length : at, 0, ...standing(view, x, view.canSee(x) ? view.status([x]) : new Map()));
  return { ...d, text: lines.join('\n') };
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
  if (r.kind === 'item' && r.bare && documents) return wholeItem(ctx, view, r, documents);
  if (r.kind === 'item' && r.scope.kind === 'items') return itemAnswer(ctx, view, r.scope.items, r.scope.missing, r.reported);
  if (r.kind === 'period') return periodAnswer(ctx, view, r, documents);
  return scopeAnswer(ctx, view, r, documents);
}
