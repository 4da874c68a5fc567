// The lines live replies are made of (live.ts, liveDue.ts): an item's title and lead units, a
// milestone with its outcome, a state with its reason, lists grouped and counted.
import type { ItemCatalog, SupervisedItem } from '../items/catalog.ts';
import { subItemIndex } from '../items/subItem.ts';
import { clip as clipText } from '../progress/format.ts';
import { TASK_STATES } from '../progress/state.ts';
import { localDate, shortDate } from '../progress/time.ts';
import type { AnswerContext } from './context.ts';
import { DOC_LABEL, distinctive, joinNames } from './format.ts';
import type { LiveMilestone, LiveReport, LiveStatus, LiveView } from './liveView.ts';

export const LINE = 22;
/** Lines of items one reply shows; past it the rest are counted with the command to see them.
 * At ~70 characters a line this is under 9 KB (WeCom's stream takes 20,480 bytes). */
export const MAX_ITEMS = 40;

/** A key task that carries a voted project (票决2 is reported as 第27项): its voted number, so
 * a leader who asked about 票决 sees which is which. */
export function votedOf(ctx: AnswerContext, x: SupervisedItem) {
  return x.kind === 'key' ? ctx.kb.voted.find((v) => v.keyTask === x.no) : undefined;
}

/** The 民生实事 sub-item a town's cell of the per-town table breaks down ("指标17（白水镇）" of
 * 民生6.1 "建设和美湘村2个"): the sub-item of the row's project whose text holds the row's words. */
export function parentOf(ctx: AnswerContext, catalog: ItemCatalog, x: SupervisedItem): SupervisedItem | undefined {
  if (x.ref.kind !== 'indicator') return undefined;
  const no = x.ref.no;
  const row = ctx.kb.indicators.find((i) => i.no === no);
  const project = row && ctx.kb.livelihood.find((p) => p.no === row.projectNo);
  const i = row && project ? subItemIndex(row, project) : undefined;
  if (!project || i === undefined) return undefined;
  const single = project.items.length === 1;
  return catalog.ofKind('livelihood').find((p) => p.ref.kind === 'livelihood' && p.ref.project === project.no && p.ref.item === (single ? null : i + 1));
}

export function title(ctx: AnswerContext, x: SupervisedItem, n = LINE): string {
  const v = votedOf(ctx, x);
  return `${x.label} ${v ? `票决${v.no} ` : ''}${distinctive(ctx.kb, x.kind === 'key' ? x.target : x.title, n)}`;
}

/** A cell of many lead units (第54项 has 12) named by its first three. */
export function leads(x: SupervisedItem): string {
  const us = x.leadUnits;
  return us.length > 3 ? `${us.slice(0, 3).join('、')}等${us.length}家` : joinNames(us);
}

export function facts(x: SupervisedItem): string {
  const leads = x.kind === 'indicator' ? `填报镇街：${joinNames(x.leadUnits)}` : `牵头单位：${joinNames(x.leadUnits)}`;
  const quota = x.quota ? `｜目标${x.quota.amount}${x.quota.unit}` : '';
  return `牵头领导：${joinNames(x.leaders)}｜${leads}${quota}`;
}

export const when = (view: LiveView) => `截至${shortDate(view.today)}`;

export function reportLine(r: LiveReport | undefined, n: number): string {
  if (!r) return '最近进展：暂无（还没有联络员填报）';
  return `最近进展：${shortDate(localDate(r.at))} ${r.unit} ${r.userName}：${clipText(r.text, 60)}${n > 1 ? `（共${n}条）` : ''}`;
}


export function milestoneText(m: LiveMilestone, n = 30): string {
  const name = m.label && m.label !== shortDate(m.dueDate) ? `${shortDate(m.dueDate)}（${m.label}）` : shortDate(m.dueDate);
  const outcome = m.outcome === undefined ? '' : m.outcome === '未达成' ? ' — 已过期未达成' : m.outcome === '逾期完成' ? ` — 逾期完成${m.metOn ? `（${shortDate(m.metOn)}）` : ''}` : ` — ${m.outcome}`;
  return `${name} ${clipText(m.text, n)}${outcome}`;
}

export const sourceOf = (x: SupervisedItem) => `来源：${x.kind === 'key' ? DOC_LABEL['key-tasks'] : x.kind === 'measure' ? '开局八好方案' : DOC_LABEL.livelihood} ${x.locator}`.trim();

export const NO_STORE = '暂无进展：这里还没有进展数据库（机器人运行后，联络员用 /进展 填报）。';
export const NOT_YOURS = '进展仅领导、督查室和该项牵头（配合）单位的联络员可查看；联络员先发 /绑定 单位。';

export function countsText(xs: readonly LiveStatus[]): string {
  const parts = TASK_STATES.map((s) => [s, xs.filter((x) => x.state === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${s}${n}项`);
  return parts.join('，') || '无';
}

export function stateText(s: LiveStatus, x: SupervisedItem): string {
  const why = s.state === '滞后' || s.state === '逾期完成' ? `（${s.reason}）` : '';
  const amount = x.quota && s.amount !== undefined ? `，已报${s.amount}${x.quota.unit}` : '';
  const last = s.latest ? `｜${shortDate(localDate(s.latest.at))} ${s.latest.userName}` : '｜未报';
  return `${s.state}${why}${amount}${last}`;
}

export function listName(x: SupervisedItem): string {
  return x.kind === 'key' ? '重点工作任务' : x.kind === 'livelihood' ? '民生实事' : x.kind === 'indicator' ? '镇街指标' : x.kind === 'measure' ? '开局八好' : '票决民生实事';
}

/** Lines of items grouped by list, every one up to MAX_ITEMS, then the count of the rest. */
export function grouped(xs: readonly SupervisedItem[], line: (x: SupervisedItem) => string, more: string): string[] {
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

export function restricted(view: LiveView, items: SupervisedItem[]): { visible: SupervisedItem[]; note?: string } {
  if (view.readsAll) return { visible: items };
  const visible = items.filter((x) => view.canSee(x));
  return { visible, note: visible.length ? `（只列你所在单位相关的${visible.length}项；全部进展领导和督查室可查看）` : undefined };
}
