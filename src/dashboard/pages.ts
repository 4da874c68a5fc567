// The dashboard's pages, rendered on the server from the store and the knowledge base. Every
// figure comes from ledgerView (src/ledger/status.ts), i.e. the task-state rule of /汇总.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { groupCounts } from '../ledger/export.ts';
import { cachedView, ledgerView, countViews, nextLine, taskMilestones, reportText, type LedgerView, type TaskView } from '../ledger/status.ts';
import { activeTaskList, type LedgerTask } from '../ledger/store.ts';
import { bulletinLine, clip, lagReason, milestoneTally, outcomeText } from '../progress/format.ts';
import { scopeOf, type ScopeKind } from '../progress/scope.ts';
import { TASK_STATES, type TaskState } from '../progress/state.ts';
import { shortDate, shortDateTime } from '../progress/time.ts';
import type { WorkCalendar } from '../remind/calendar.ts';
import type { RemindConfig } from '../remind/config.ts';
import type { Db } from '../store/db.ts';
import { latestReports } from '../store/reports.ts';
import { evidenceOfTask, type EvidenceRow } from '../store/evidence.ts';
import { evidenceHref, isImage } from './evidence.ts';
import { closedLabel } from '../loop/format.ts';
import { chasesOf, closuresOf, instructionsOf, isClosed, unsignedCounts } from '../store/loop.ts';
import { barChart, esc, legend, page, STATE_COLOR, stackedBars, stateBadge } from './html.ts';
import { catalogOf, labelOf, type SupervisedItem } from '../items/catalog.ts';
import { ALL_TOWNS } from '../progress/scope.ts';
import { unitRole } from '../progress/access.ts';
import { latestAmounts } from '../store/items.ts';

export interface PageCtx {
  db: Db;
  kb: KnowledgeBase;
  calendar: WorkCalendar;
  remindConfig: RemindConfig;
  now: Date;
  today: string;
  query: URLSearchParams;
  /** see CALENDAR_WAIT_MS in calendar.ts */
  calendarWaitMs?: number;
}

export interface Rendered {
  status: number;
  /** a Buffer for the calendar page, which arrives as bytes from its worker */
  html: string | Buffer;
}

function tasksOf(ctx: PageCtx): LedgerTask[] {
  return activeTaskList(ctx.db) ?? ctx.kb.keyTasks;
}

/** Every list's items, key tasks first, in one pass of the state rule: an item's state depends on
 * its own rows only, so each page's subset is read from it. Built per request, each list was a
 * loadBoard over a year of reports. */
function everything(ctx: PageCtx): LedgerView {
  const base = tasksOf(ctx);
  return cachedView(ctx.db, 'all', [ctx.kb, base], ctx.today, () =>
    ledgerView(ctx.db, ctx.kb, [...base, ...catalogOf({ ...ctx.kb, keyTasks: base }).all.filter((x) => x.kind !== 'key')], ctx.today),
  );
}

function subset(all: LedgerView, tasks: LedgerTask[]): LedgerView {
  return { today: all.today, tasks, views: new Map(tasks.map((t) => [t.no, all.views.get(t.no)!])) };
}

/** The key tasks, cached on their own so that the groups memoised on the view survive requests. */
function view(ctx: PageCtx): LedgerView {
  const base = tasksOf(ctx);
  return cachedView(ctx.db, 'key', [ctx.kb, base], ctx.today, () => subset(everything(ctx), base));
}

/** The other lists (民生实事, 镇街指标, 开局八好 …) as ledger views: the same state rule, by item. */
function itemView(ctx: PageCtx, pick: (x: SupervisedItem) => boolean): LedgerView {
  const all = everything(ctx);
  return subset(all, all.tasks.slice(tasksOf(ctx).length).filter((t) => pick(t as SupervisedItem)));
}

const LIST_TITLES: [SupervisedItem['kind'], string][] = [['livelihood', '民生实事'], ['indicator', '民生实事指标（镇街）'], ['measure', '开局八好'], ['voted', '票决民生实事']];

/** One section per other list with items in the view. */
function itemSections(iv: LedgerView, today: string): string {
  const vs = [...iv.views.values()];
  return LIST_TITLES.map(([kind, title]) => {
    const xs = vs.filter((v) => (v.task as SupervisedItem).kind === kind);
    return xs.length ? `<section data-list="${kind}"><h2>${title}（${xs.length}项）</h2><p>${esc(bulletinLine(countViews(xs)))}</p>${taskTable(xs, today)}</section>` : '';
  }).join('');
}

/** A town's cells: target, reported, state. */
function townCells(ctx: PageCtx, town: string): string {
  const iv = itemView(ctx, (x) => x.kind === 'indicator' && x.leadUnits[0] === town);
  const vs = [...iv.views.values()];
  if (!vs.length) return '';
  const done = latestAmounts(ctx.db);
  const rows = vs
    .map((v) => {
      const x = v.task as SupervisedItem;
      const d = done.get(x.no);
      return `<tr class="tone-${v.tone}" data-cell="${esc(labelOf(x))}"><td>${taskLink(v, 24)}</td><td class="num">${esc(`${x.quota!.amount}${x.quota!.unit}`)}</td><td class="num" data-reported>${d ? esc(`${d.amount}${x.quota!.unit}`) : '未报'}</td><td>${stateBadge(v.state)}</td></tr>`;
    })
    .join('');
  return `<section data-list="indicator"><h2>${esc(town)}的民生实事指标（${vs.length}项）</h2><div class="tbl"><table><thead><tr><th>指标</th><th>目标</th><th>已报</th><th>状态</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

/** Per town: how many cells it owes, how many it reported, how many reached their number. */
function townTable(ctx: PageCtx): string {
  const cells = catalogOf({ ...ctx.kb, keyTasks: tasksOf(ctx) }).ofKind('indicator');
  if (!cells.length) return '';
  const iv = itemView(ctx, (x) => x.kind === 'indicator');
  const done = latestAmounts(ctx.db);
  const rows = ALL_TOWNS.map((town) => {
    const own = cells.filter((x) => x.leadUnits[0] === town);
    if (!own.length) return '';
    const rep = own.filter((x) => done.has(x.no));
    const full = rep.filter((x) => x.quota!.unit !== '%' && done.get(x.no)!.amount >= x.quota!.amount);
    const lag = own.filter((x) => iv.views.get(x.no)?.state === '滞后');
    return `<tr data-town="${esc(town)}"><td><a href="/dashboard/tasks?town=${encodeURIComponent(town)}">${esc(town)}</a></td><td class="num">${own.length}</td><td class="num" data-reported>${rep.length}</td><td class="num">${full.length}</td><td class="num">${lag.length || ''}</td></tr>`;
  }).join('');
  return `<section data-list="indicator"><h2>民生实事指标：各镇街目标与已报</h2><p class="muted">每个镇街承担的指标项数、已填报的项数、已报数达到目标数的项数（比率类指标不计）。</p><div class="tbl"><table><thead><tr><th>镇街</th><th>指标</th><th>已报</th><th>达目标</th><th>滞后</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

const sub = (ctx: PageCtx) => `截至${shortDateTime(ctx.now.toISOString())}　状态口径同 /汇总`;
const QUARTERS = ['一季度', '二季度', '三季度', '四季度'];
const NEAR_ROWS = 30;

function quarterOf(v: TaskView): string {
  return v.next ? QUARTERS[Math.ceil(Number(v.next.dueDate.slice(5, 7)) / 3) - 1]! : '无后续节点';
}

function taskLink(v: TaskView | LedgerTask, max = 28): string {
  const t = 'task' in v ? v.task : v;
  const title = (t as Partial<SupervisedItem>).kind && (t as SupervisedItem).kind !== 'key' ? (t as SupervisedItem).title : t.target;
  return `<a href="/dashboard/task?no=${t.no}">${esc(labelOf(t))}</a> ${esc(clip(title.replace(/[。；;]+$/, ''), max))}`;
}

/** Under the state badge and its reason: that it is closed, unsigned instructions. */
function stateNotes(v: TaskView, unsigned: ReadonlyMap<number, number>): string {
  const notes = [
    v.status.closedAt ? closedLabel(v.status.closedAt) : '',
    unsigned.get(v.task.no) ? `批示未签收 ${unsigned.get(v.task.no)} 条` : '',
  ].filter(Boolean);
  return notes.map((n) => `<div class="muted">${esc(n)}</div>`).join('');
}

function taskTable(vs: TaskView[], today: string, unsigned: ReadonlyMap<number, number> = new Map()): string {
  if (!vs.length) return '<p class="muted">没有任务。</p>';
  const rows = vs
    .map(
      (v) =>
        `<tr class="tone-${v.tone}" data-task="${v.task.no}"><td>${taskLink(v)}</td><td>${esc(v.task.leadUnits.join('、'))}</td><td class="hide-s">${esc(v.task.leaders.join('、'))}</td><td>${stateBadge(v.state)}<div class="muted" data-reason>${esc(lagReason(v.status))}</div>${stateNotes(v, unsigned)}</td><td>${esc(nextLine(v.next, today))}</td></tr>`,
    )
    .join('');
  return `<div class="tbl"><table><thead><tr><th>任务</th><th>牵头单位</th><th class="hide-s">牵头领导</th><th>状态</th><th>下一节点</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** 批示未签收 N 条, naming the items (linked), when there are any. */
function unsignedNote(ctx: PageCtx): string {
  const by = [...unsignedCounts(ctx.db).entries()].sort((a, b) => a[0] - b[0]);
  if (!by.length) return '';
  const n = by.reduce((x, [, k]) => x + k, 0);
  const items = by.slice(0, 10).map(([no, k]) => `<a href="/dashboard/task?no=${no}">第${no}项</a>${k > 1 ? ` ${k}条` : ''}`).join('、');
  return `<p data-unsigned>批示未签收 ${n} 条：${items}${by.length > 10 ? ' 等' : ''}</p>`;
}

export function overviewPage(ctx: PageCtx): Rendered {
  const lv = view(ctx);
  const vs = [...lv.views.values()];
  const c = countViews(vs);
  const cards = TASK_STATES.map(
    (s) => `<div class="card" style="background:${STATE_COLOR[s]}"><a href="/dashboard/tasks?state=${encodeURIComponent(s)}"><span class="n" data-count="${s}">${c[s]}</span>${s}</a></div>`,
  ).join('');
  const thisQuarter = Math.ceil(Number(lv.today.slice(5, 7)) / 3) - 1;
  const byQuarter = [...QUARTERS.slice(thisQuarter), '无后续节点'].map((q) => ({
    label: q,
    counts: countViews(vs.filter((v) => quarterOf(v) === q)),
    href: `/dashboard/tasks?q=${encodeURIComponent(q)}`,
  }));
  const near = vs.filter((v) => v.near);
  const lagUnits = groupCounts(lv, 'unit').filter((g) => g.counts['滞后'] > 0).slice(0, 5);
  const body = `
<section><h2>重点工作任务 <span data-count="total">${lv.tasks.length}</span> 项</h2><p data-bulletin>${esc(bulletinLine(c))}。</p>${unsignedNote(ctx)}<div class="cards">${cards}</div></section>
<section><h2>按状态</h2><p class="muted" data-export>下载台账（Excel）：私聊督办助手发送 /导出，得到30分钟内有效的下载链接。</p>${barChart(TASK_STATES.map((s) => ({ label: s, value: c[s], color: STATE_COLOR[s] })), { title: '按状态的任务数' })}</section>
<section><h2>按下一节点所在季度（今年）</h2>${stackedBars(byQuarter, { title: '按季度的任务数' })}${legend()}</section>
<section><h2>7天内到期节点（${near.length}项）</h2>${taskTable(near.slice(0, NEAR_ROWS), lv.today, unsignedCounts(ctx.db))}${near.length > NEAR_ROWS ? `<p class="muted">只列出前${NEAR_ROWS}项。</p>` : ''}</section>
<section><h2>滞后较多的牵头单位</h2>${
    lagUnits.length
      ? `<ul>${lagUnits.map((g) => `<li><a href="/dashboard/tasks?unit=${encodeURIComponent(g.name)}">${esc(g.name)}</a>：滞后${g.counts['滞后']}项 / 牵头${g.views.length}项</li>`).join('')}</ul><p><a href="/dashboard/lagging">查看全部滞后任务 →</a></p>`
      : '<p class="muted">目前没有滞后任务。</p>'
  }</section>`;
  const iv = itemView(ctx, () => true);
  const others = LIST_TITLES.map(([kind, title]) => {
    const xs = [...iv.views.values()].filter((v) => (v.task as SupervisedItem).kind === kind);
    return xs.length ? `<li data-list="${kind}">${title} ${xs.length}项：${esc(bulletinLine(countViews(xs)))}</li>` : '';
  }).join('');
  const more = others ? `<section><h2>其他清单</h2><ul>${others}</ul><p class="muted">按单位、领导、镇街的页面里逐项列出；滞后的在滞后清单里。</p></section>` : '';
  return { status: 200, html: page('督办看板', sub(ctx), '/dashboard', body + more) };
}

const KIND_PAGE: Record<ScopeKind, { path: string; title: string; param: string; note: string }> = {
  unit: { path: '/dashboard/units', title: '按牵头单位', param: 'unit', note: '统计各单位牵头的任务' },
  leader: { path: '/dashboard/leaders', title: '按牵头领导', param: 'leader', note: '统计各领导牵头的任务' },
  town: { path: '/dashboard/towns', title: '按镇街', param: 'town', note: '统计点名该镇街及“各镇政府、街道办”配合的任务' },
};

export function groupPage(ctx: PageCtx, kind: ScopeKind): Rendered {
  const lv = view(ctx);
  const k = KIND_PAGE[kind];
  const gs = groupCounts(lv, kind);
  const href = (name: string) => `/dashboard/tasks?${k.param}=${encodeURIComponent(name)}`;
  const rows = gs
    .map(
      (g) =>
        `<tr data-group="${esc(g.name)}"><td><a href="${href(g.name)}">${esc(g.name)}</a></td><td class="num">${g.views.length}</td>${TASK_STATES.map((s) => `<td class="num" data-state="${s}">${g.counts[s] || ''}</td>`).join('')}</tr>`,
    )
    .join('');
  const body = `
<section><h2>${k.title}</h2><p class="muted">${k.note}；按滞后项数排序。</p>${stackedBars(gs.map((g) => ({ label: g.name, counts: g.counts, href: href(g.name) })), { title: k.title })}${legend()}</section>
<section><div class="tbl"><table><thead><tr><th>名称</th><th>合计</th>${TASK_STATES.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div></section>${kind === 'town' ? townTable(ctx) : ''}`;
  return { status: 200, html: page(k.title, sub(ctx), k.path, body) };
}

export function taskListPage(ctx: PageCtx): Rendered {
  const lv = view(ctx);
  let vs = [...lv.views.values()];
  const titles: string[] = [];
  for (const kind of ['unit', 'leader', 'town'] as const) {
    const name = ctx.query.get(KIND_PAGE[kind].param);
    if (!name) continue;
    const scope = scopeOf(kind, name, lv.tasks);
    const nos = new Set((kind === 'unit' ? scope.lead : scope.tasks).map((t) => t.no));
    vs = vs.filter((v) => nos.has(v.task.no));
    titles.push(kind === 'unit' ? `${name}牵头` : kind === 'leader' ? `${name}牵头` : name);
  }
  const state = ctx.query.get('state');
  if (state && (TASK_STATES as readonly string[]).includes(state)) {
    vs = vs.filter((v) => v.state === state);
    titles.push(state);
  }
  const q = ctx.query.get('q');
  if (q) {
    vs = vs.filter((v) => quarterOf(v) === q);
    titles.push(`下一节点在${q}`);
  }
  const title = titles.length ? `${titles.join('·')}的任务` : '全部任务';
  const c = countViews(vs);
  // the other lists of the same unit, leader or town (not narrowed by state or quarter filters)
  const unit = ctx.query.get('unit');
  const leader = ctx.query.get('leader');
  const town = ctx.query.get('town');
  const others = town
    ? townCells(ctx, town)
    : unit
      ? itemSections(itemView(ctx, (x) => x.kind !== 'indicator' && unitRole(x, unit) === 'lead'), lv.today)
      : leader
        ? itemSections(itemView(ctx, (x) => x.leaders.includes(leader)), lv.today)
        : '';
  const body = `<section><h2>${esc(title)}（${vs.length}项）</h2><p>${esc(bulletinLine(c))}</p>${taskTable(vs, lv.today, unsignedCounts(ctx.db))}</section>${others}`;
  return { status: 200, html: page(title, sub(ctx), '', body) };
}

export function laggingPage(ctx: PageCtx): Rendered {
  const lv = view(ctx);
  const vs = [...lv.views.values()].filter((v) => v.state === '滞后');
  const lagItems = [...itemView(ctx, () => true).views.values()].filter((v) => v.state === '滞后');
  const more = lagItems.length ? `<section data-list="other"><h2>其他清单滞后（${lagItems.length}项）</h2>${taskTable(lagItems, lv.today)}</section>` : '';
  const body = `<section><h2>滞后任务（${vs.length}项）</h2><p class="muted">滞后：联络员自报滞后，或有节点已过期且没有达标的进展，或报告的完成率明显落后于序时进度。</p>${taskTable(vs, lv.today, unsignedCounts(ctx.db))}</section>${more}`;
  return { status: 200, html: page('滞后清单', sub(ctx), '/dashboard/lagging', body) };
}

export function taskPage(ctx: PageCtx): Rendered {
  const no = Number(ctx.query.get('no'));
  const keys = view(ctx);
  const lv = Number.isInteger(no) && !keys.views.has(no) ? itemView(ctx, (x) => x.no === no) : keys;
  const v = Number.isInteger(no) ? lv.views.get(no) : undefined;
  if (!v) return { status: 404, html: page('没有这项任务', sub(ctx), '', `<section><p>没有第${esc(ctx.query.get('no') ?? '')}项任务。<a href="/dashboard/tasks">全部任务</a></p></section>`) };
  const t = v.task;
  const reports = latestReports(ctx.db, t.no, 200);
  // the rule's own judgement of each milestone (the same one the state came from)
  const judged = new Map(v.status.judged.map((j) => [j.milestone.id, j]));
  const ms = taskMilestones(v.status);
  const msRows = ms
    .map((m) => {
      const j = judged.get(m.id);
      const state = j ? outcomeText(j) : '未到期';
      const tone = j?.outcome === '未达成' ? ' class="tone-red"' : j?.outcome === '逾期完成' ? ' class="tone-yellow"' : '';
      return `<tr${tone}><td>${esc(shortDate(m.dueDate))}</td><td>${esc(m.dueLabel)}</td><td>${esc(m.text)}</td><td class="muted">${esc(m.from)}</td><td data-outcome>${esc(state)}</td></tr>`;
    })
    .join('');
  const loop = loopSection(ctx, t.no);
  // 佐证材料 under their report: images as thumbnails, files as download links, both served by
  // content hash behind this same session (evidence.ts)
  const evidence = evidenceOfTask(ctx.db, t.no);
  const byReport = new Map<number, EvidenceRow[]>();
  for (const e of evidence) byReport.set(e.reportId, [...(byReport.get(e.reportId) ?? []), e]);
  const evidenceItem = (e: EvidenceRow) =>
    isImage(e.ext)
      ? `<a href="${evidenceHref(e)}" data-evidence-image><img src="${evidenceHref(e)}" alt="${esc(e.name)}" width="96" height="96" loading="lazy" style="object-fit:cover;vertical-align:middle"></a>`
      : `<a href="${evidenceHref(e)}" data-evidence-file>${esc(e.name)}</a>`;
  const evidenceNote = (id: number) => {
    const es = byReport.get(id);
    return es ? ` <span class="muted" data-evidence>佐证材料${es.length}份：${esc(es.map((e) => e.name).join('、'))}</span><div>${es.map(evidenceItem).join(' ')}</div>` : '';
  };
  const timeline = reports
    .map((r) => `<li><b>${esc(shortDateTime(r.createdAt))}</b> ${esc(r.unit)} ${esc(r.userName)}：${esc(reportText(r))}${evidenceNote(r.id)}</li>`)
    .join('');
  const body = `
<section><h2>${esc(labelOf(t))} ${stateBadge(v.state)}</h2><p>${esc(t.target)}</p>
<div class="tbl"><table><tbody>
<tr><th>项目</th><td>${esc([t.category, t.subCategory].filter(Boolean).join(' / '))}</td></tr>
<tr><th>牵头领导</th><td>${esc(t.leaders.join('、'))}</td></tr>
<tr><th>牵头单位</th><td>${esc(t.leadUnits.join('、'))}</td></tr>
<tr><th>配合单位</th><td>${esc(t.coUnits.join('、') || '—')}</td></tr>
${t.deadline ? `<tr><th>时间节点</th><td>${esc(t.deadline)}</td></tr>` : ''}
<tr><th>下一节点</th><td>${esc(nextLine(v.next, lv.today) || '—')}</td></tr>
<tr><th>${v.state === '滞后' ? '滞后原因' : '状态说明'}</th><td data-reason>${esc(lagReason(v.status))}</td></tr>
${milestoneTally(v.status) ? `<tr><th>节点情况</th><td data-tally>${esc(milestoneTally(v.status).replace(/^节点：/, ''))}</td></tr>` : ''}
${v.status.closedAt ? `<tr><th>销号</th><td data-closed>${esc(closedLabel(v.status.closedAt))}</td></tr>` : ''}
${evidence.length ? `<tr><th>佐证材料</th><td data-evidence-count>${evidence.length}份</td></tr>` : ''}
${loop.unsigned ? `<tr><th>批示</th><td data-unsigned>批示未签收 ${loop.unsigned} 条</td></tr>` : ''}
<tr><th>来源</th><td class="muted">${esc(`${t.source.title} ${t.source.locator}`)}</td></tr>
</tbody></table></div></section>
<section><h2>节点（${ms.length}个）</h2>${ms.length ? `<div class="tbl"><table><thead><tr><th>日期</th><th>写法</th><th>内容</th><th>来源</th><th>情况</th></tr></thead><tbody>${msRows}</tbody></table></div>` : '<p class="muted">没有设定节点。牵头单位可发 /节点 设定。</p>'}</section>
${loop.html}
<section><h2>进展记录（${reports.length}条）</h2>${reports.length ? `<ul data-timeline>${timeline}</ul>` : '<p class="muted">暂无填报。</p>'}</section>`;
  return { status: 200, html: page(labelOf(t), sub(ctx), '', body) };
}

/** 督办记录: 催办, 批示 and their 签收, 销号 requests and decisions, newest first. */
function loopSection(ctx: PageCtx, no: number): { html: string; unsigned: number } {
  const ins = instructionsOf(ctx.db, no);
  const events: { at: string; text: string }[] = [
    ...chasesOf(ctx.db, no).map((c) => ({ at: c.createdAt, text: `${c.repeat ? '再次催办' : '催办'}（${c.userName}）${c.text ? `：${c.text}` : ''}` })),
    ...ins.map((i) => ({ at: i.createdAt, text: `${i.leader}批示：${i.text}｜${i.signedAt ? `${i.signedUnit} ${i.signedName} ${shortDateTime(i.signedAt)} 签收` : '未签收'}` })),
    ...closuresOf(ctx.db, no).flatMap((c) => [
      { at: c.requestedAt, text: `${c.unit} ${c.userName} 申请销号：${c.text}` },
      ...(c.decidedAt && c.status !== 'pending'
        ? [{ at: c.decidedAt, text: { closed: '销号', reopened: '销号', returned: `退回销号申请：${c.note ?? ''}`, withdrawn: '撤回销号申请', pending: '' }[c.status] + `（${c.decidedName ?? ''}）` }]
        : []),
      ...(c.reopenedAt ? [{ at: c.reopenedAt, text: `撤销销号，重新打开${c.reopenNote ? `：${c.reopenNote}` : ''}` }] : []),
    ]),
  ].sort((a, b) => b.at.localeCompare(a.at));
  // a closed item's unsigned instructions are not outstanding (unsignedCounts, the reminders)
  const unsigned = isClosed(ctx.db, no) ? 0 : ins.filter((i) => !i.signedAt).length;
  if (!events.length) return { html: '', unsigned };
  const items = events.map((e) => `<li><b>${esc(shortDateTime(e.at))}</b> ${esc(e.text)}</li>`).join('');
  return { html: `<section><h2>督办记录（${events.length}条）</h2><ul data-loop>${items}</ul></section>`, unsigned };
}

export type StateCounts = Record<TaskState, number>;
