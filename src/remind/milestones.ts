// Every milestone the bot reminds about, from every source, as one shape:
//  - voted:    the dated milestones of the 人大代表票决 projects (each track);
//  - text:     deadlines written into key-task texts (年内, 7月底前 …), and the document
//              milestones of every other list (src/items/catalog.ts): 开局八好 deadlines
//              (7月底前, 汛期前, 年内), the 民生实事 year-end, each town's indicator cell;
//  - set:      milestones lead units set with /节点 (the store);
//  - quarter:  a quarterly check-in at each quarter end for every key task with no other
//              milestone in that quarter (REMIND_QUARTERLY=false turns it off).
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { lastDayOfMonth, type IsoDate } from './dates.ts';
import { findDeadlines } from '../../knowledge/deadlines.ts';
import { catalogOf, labelOf, type ItemOptions } from '../items/catalog.ts';

/** 'instruction' stands for an unsigned 批示 (src/loop/remind.ts): not a milestone, but it is
 * routed, composed and recorded like one. */
export type MilestoneSource = 'voted' | 'text' | 'set' | 'quarter' | 'instruction';

export interface RemindMilestone {
  /** stable identity, part of the exactly-once key: voted:1:0:2026-03-31, text:27:2026-12-31,
   * set:12, quarter:28:2026-Q2 */
  key: string;
  source: MilestoneSource;
  /** the key task whose reports count toward this milestone */
  taskNo: number;
  /** how the reminder names the item: 第28项 / 票决第1项 */
  itemLabel: string;
  itemTitle: string;
  dueDate: IsoDate;
  dueLabel: string;
  text: string;
  targetPercent: number | null;
  leadUnits: string[];
  leaders: string[];
}

/** A milestone set with /节点, as the store holds it. */
export interface SetMilestone {
  id: number;
  taskNo: number;
  dueDate: IsoDate;
  dueLabel: string;
  text: string;
  targetPercent: number | null;
}

export interface CollectOptions {
  year: number;
  quarterly: boolean;
  /** how list texts are read (汛期前 …) */
  items?: ItemOptions;
}

export function collectMilestones(kb: KnowledgeBase, set: readonly SetMilestone[], opts: CollectOptions): RemindMilestone[] {
  const out: RemindMilestone[] = [];
  const task = new Map(kb.keyTasks.map((t) => [t.no, t]));
  for (const v of kb.voted) {
    const taskNo = v.keyTask;
    if (taskNo === undefined) continue;
    v.tracks.forEach((tr, ti) => {
      for (const m of tr.milestones) {
        if (!m.date.startsWith(`${opts.year}-`)) continue;
        out.push({
          key: `voted:${v.no}:${ti}:${m.date}`,
          source: 'voted',
          taskNo,
          itemLabel: `票决第${v.no}项`,
          itemTitle: tr.name ? `${v.name}（${tr.name}）` : v.name,
          dueDate: m.date,
          dueLabel: m.label,
          text: m.text,
          targetPercent: null,
          leadUnits: v.leadUnits,
          leaders: v.leaders,
        });
      }
    });
  }
  for (const t of kb.keyTasks)
    for (const d of findDeadlines(t.target, opts.year))
      out.push({
        key: `text:${t.no}:${d.date}`,
        source: 'text',
        taskNo: t.no,
        itemLabel: `第${t.no}项`,
        itemTitle: t.target,
        dueDate: d.date,
        dueLabel: d.label,
        text: d.clause,
        targetPercent: null,
        leadUnits: t.leadUnits,
        leaders: t.leaders,
      });
  const items = catalogOf(kb, opts.items);
  for (const x of items.all) {
    if (x.kind === 'key') continue;
    for (const m of x.milestones ?? []) {
      if (!m.date.startsWith(`${opts.year}-`)) continue;
      out.push({
        key: `item:${x.no}:${m.date}`,
        source: 'text',
        taskNo: x.no,
        itemLabel: x.label,
        itemTitle: x.title,
        dueDate: m.date,
        dueLabel: m.label,
        text: m.text,
        targetPercent: m.targetPercent ?? null,
        leadUnits: x.leadUnits,
        leaders: x.leaders,
      });
    }
  }
  for (const m of set) {
    const t = task.get(m.taskNo) ?? items.byNo.get(m.taskNo);
    if (!t) continue;
    const x = items.byNo.get(t.no);
    out.push({
      key: `set:${m.id}`,
      source: 'set',
      taskNo: t.no,
      itemLabel: labelOf(x ?? t),
      itemTitle: x && x.kind !== 'key' ? x.title : t.target,
      dueDate: m.dueDate,
      dueLabel: m.dueLabel,
      text: m.text,
      targetPercent: m.targetPercent,
      leadUnits: t.leadUnits,
      leaders: t.leaders,
    });
  }
  if (opts.quarterly) {
    const quarterOf = (d: IsoDate) => Math.ceil(Number(d.slice(5, 7)) / 3);
    for (const t of kb.keyTasks)
      for (let q = 1; q <= 4; q++) {
        const has = out.some((m) => m.taskNo === t.no && m.source !== 'quarter' && m.dueDate.startsWith(`${opts.year}-`) && quarterOf(m.dueDate) === q);
        if (has) continue;
        out.push({
          key: `quarter:${t.no}:${opts.year}-Q${q}`,
          source: 'quarter',
          taskNo: t.no,
          itemLabel: `第${t.no}项`,
          itemTitle: t.target,
          dueDate: lastDayOfMonth(opts.year, q * 3),
          dueLabel: `${['一', '二', '三', '四'][q - 1]}季度末`,
          text: '报送本季度进展',
          targetPercent: null,
          leadUnits: t.leadUnits,
          leaders: t.leaders,
        });
      }
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
}
