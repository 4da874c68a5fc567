// The store as the answer engine sees it (issue 13, class 11): a read-only view passed in the
// answer context (context.ts `live`), so answer() stays a function of (question, knowledge, store
// state, the view's "today"). Implemented over the store in src/progress/liveView.ts; composed per
// question in src/liveContext.ts. Without a view (pure tests, the bench) live questions are
// answered from the documents as before.
import type { ItemCatalog, SupervisedItem } from '../items/catalog.ts';
import type { MilestoneOutcome, TaskState } from '../progress/state.ts';
import type { AnswerContext } from './context.ts';

/** One milestone as the rule judged it. */
export interface LiveMilestone {
  dueDate: string; // yyyy-mm-dd
  label?: string;
  text: string;
  /** 票决第1项（桥梁）, 民生实事6.1, or undefined for one set with /节点 */
  from?: string;
  /** undefined when there is no store to judge it against */
  outcome?: MilestoneOutcome;
  metOn?: string;
}

export interface LiveReport {
  at: string; // ISO instant
  userName: string;
  unit: string;
  text: string;
}

/** An item's standing in the store on the view's day. */
export interface LiveStatus {
  state: TaskState;
  /** the state rule's one phrase (6月底节点未达成, 完成率30%，序时25%) */
  reason: string;
  latest?: LiveReport;
  reports: number;
  /** a quota item's latest reported amount */
  amount?: number;
  milestones: LiveMilestone[];
}

/** The read-only store as the answer engine sees it. */
export interface LiveView {
  /** the local date "now" is (from the injected clock; an archived year: its last day at most) */
  today: string;
  /** the year of the list the store runs */
  year: number;
  /** false: there is no database here (a fresh clone's `ask`): no progress to tell */
  stored: boolean;
  /** every supervised list of the knowledge the question is answered from */
  catalog: ItemCatalog;
  /** whether the asker may read the progress of the whole board (leaders, 督查室, the CLI) */
  readsAll: boolean;
  /** whether the asker may read this item's progress (its liaisons, or readsAll) */
  canSee(item: SupervisedItem): boolean;
  /** the items' standing by the one state rule; only called when `stored` */
  status(items: readonly SupervisedItem[]): Map<number, LiveStatus>;
  /** the items' milestones (documents and /节点) without a judgement: for a view with no store */
  milestones(item: SupervisedItem): LiveMilestone[];
}

/** The context with a view of the store attached. The knowledge context is shared by every
 * question (lazy getters, memo tables keyed by it): the view is layered over it, not copied in. */
export function withLive(ctx: AnswerContext, live: LiveView): AnswerContext {
  return Object.create(ctx, { live: { value: live, enumerable: true } }) as AnswerContext;
}
