// 督查专报 (issue 16 item 5), as data: the store's picture of a week → the bulletin's four
// sections in the words of the 开局八好 专报 (【总体进展】【工作进展】【存在问题】【下步工作】). Pure:
// the .docx (docx.ts) and the leaders' short message (text.ts) only lay this out, and the tests
// read the facts here.
import { bulletinLine } from '../progress/format.ts';
import { TASK_STATES, percentText, type TaskState } from '../progress/state.ts';
import { addDays, localDate, shortDate } from '../progress/time.ts';

/** One supervised item as the bulletin sees it: any list (key tasks today; the other lists of
 * issue 15 plug in as further `lists`). */
export interface BulletinItem {
  /** 第28项 — how the office addresses it */
  ref: string;
  title: string;
  leadUnits: readonly string[];
  leaders: readonly string[];
  state: TaskState;
  /** the state rule's phrase */
  reason: string;
  /** milestones not yet past due */
  upcoming: readonly { dueDate: string; dueLabel: string; text: string }[];
}

export interface BulletinReport {
  /** the item's ref (第28项) within its list */
  list: string;
  ref: string;
  unit: string;
  /** ISO instant */
  createdAt: string;
  text: string;
  percent: number | null;
  status: string | null;
}

export interface BulletinInput {
  /** the last day covered, yyyy-mm-dd (local) */
  to: string;
  /** the first day covered */
  from: string;
  /** 第N期 */
  issue: number;
  office: string;
  lists: readonly { name: string; items: readonly BulletinItem[] }[];
  /** live reports filed from `from` to `to` (any order) */
  reports: readonly BulletinReport[];
  /** how far ahead 【下步工作】 looks, in days after `to` (default 14) */
  aheadDays?: number;
  /** caps per section, so the document stays a few pages (defaults 15 / 20 / 15) */
  limits?: { progress?: number; problems?: number; next?: number };
}

/** A paragraph of a section: a bold lead and its text (the 专报's "● **标题。**正文" form). */
export interface Entry {
  lead: string;
  text: string;
}

export interface ListCount {
  name: string;
  total: number;
  counts: Record<TaskState, number>;
}

export interface BulletinModel {
  title: string;
  issue: string;
  office: string;
  /** 2026年6月26日 */
  date: string;
  /** 6月20日至6月26日 */
  period: string;
  counts: ListCount[];
  overall: string[];
  progress: Entry[];
  problems: Entry[];
  /** one line: the lead units with most lagging items */
  problemUnits: string;
  next: Entry[];
  /** entries left out by the caps, per section */
  omitted: { progress: number; problems: number; next: number };
}

export const BULLETIN_TITLE = '督查专报';

function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

const joinUnits = (xs: readonly string[]) => (xs.length > 3 ? `${xs.slice(0, 3).join('、')}等` : xs.join('、'));
const sentence = (s: string) => (/[。！？；…]$/.test(s) ? s : `${s}。`);

export function longDate(d: string): string {
  return `${d.slice(0, 4)}年${shortDate(d)}`;
}

/** The seven days ending on `to` (a week's bulletin), and its number: the week of the year. */
export function weekOf(to: string): { from: string; to: string; issue: number } {
  const start = `${to.slice(0, 4)}-01-01`;
  const day = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  return { from: addDays(to, -6), to, issue: Math.floor(day / 7) + 1 };
}

/** How much a report tells the leaders: a completion first, then a reported 完成率, then a
 * call for coordination, then the rest. */
function weight(r: BulletinReport): number {
  if (r.status === '已完成' || (r.percent !== null && r.percent >= 100)) return 0;
  if (r.percent !== null) return 1;
  if (r.status === '需协调') return 2;
  return 3;
}

export function buildBulletin(input: BulletinInput): BulletinModel {
  const ahead = input.aheadDays ?? 14;
  const cap = { progress: 15, problems: 20, next: 15, ...input.limits };
  const counts: ListCount[] = input.lists.map((l) => {
    const c = Object.fromEntries(TASK_STATES.map((s) => [s, 0])) as Record<TaskState, number>;
    for (const it of l.items) c[it.state]++;
    return { name: l.name, total: l.items.length, counts: c };
  });
  const byRef = new Map<string, BulletinItem>();
  for (const l of input.lists) for (const it of l.items) byRef.set(`${l.name}\n${it.ref}`, it);

  // 【工作进展】 the latest report of each item in the period, most telling first
  const inPeriod = input.reports.filter((r) => {
    const d = localDate(r.createdAt);
    return d >= input.from && d <= input.to && byRef.has(`${r.list}\n${r.ref}`);
  });
  const latest = new Map<string, BulletinReport>();
  for (const r of inPeriod) {
    const k = `${r.list}\n${r.ref}`;
    const cur = latest.get(k);
    if (!cur || r.createdAt > cur.createdAt) latest.set(k, r);
  }
  const notable = [...latest.values()].sort((a, b) => weight(a) - weight(b) || b.createdAt.localeCompare(a.createdAt));
  const progress = notable.slice(0, cap.progress).map((r): Entry => {
    const it = byRef.get(`${r.list}\n${r.ref}`)!;
    const pct = r.percent === null ? '' : !r.text.includes(`${r.percent}%`) ? `，完成率${percentText(r.percent)}` : r.percent > 100 ? '，超额' : '';
    return { lead: `${r.ref} ${clip(it.title, 24)}（${r.unit}）`, text: sentence(`${shortDate(localDate(r.createdAt))}：${clip(r.text, 80)}${pct}`) };
  });

  // 【存在问题】 every lagging item with its reason and units
  const lagging = input.lists.flatMap((l) => l.items.filter((it) => it.state === '滞后'));
  const problems = lagging.slice(0, cap.problems).map((it): Entry => {
    const who = [joinUnits(it.leadUnits), it.leaders.join('、')].filter(Boolean).join('，');
    return { lead: `${it.ref} ${clip(it.title, 24)}${who ? `（${who}）` : ''}`, text: sentence(it.reason) };
  });
  const perUnit = new Map<string, number>();
  for (const it of lagging) for (const u of new Set(it.leadUnits)) perUnit.set(u, (perUnit.get(u) ?? 0) + 1);
  const topUnits = [...perUnit.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-Hans-CN')).slice(0, 5);
  const problemUnits = topUnits.length ? `滞后任务较多的牵头单位：${topUnits.map(([u, n]) => `${u}${n}项`).join('、')}。` : '';

  // 【下步工作】 milestones due in the next `ahead` days, by date
  const horizon = addDays(input.to, ahead);
  // by date, then in the lists' order (key tasks first: a year-end date is shared by hundreds of
  // measures and town cells, which must not push the key tasks out of the cap), then by ref
  const upcoming = input.lists
    .flatMap((l, li) => l.items.filter((it) => it.state !== '已完成' && it.state !== '逾期完成').flatMap((it) => it.upcoming.map((m) => ({ it, m, li }))))
    .filter(({ m }) => m.dueDate > input.to && m.dueDate <= horizon)
    .sort((a, b) => a.m.dueDate.localeCompare(b.m.dueDate) || a.li - b.li || a.it.ref.localeCompare(b.it.ref, 'zh-Hans-CN', { numeric: true }));
  const next = upcoming.slice(0, cap.next).map(({ it, m }): Entry => ({
    lead: `${shortDate(m.dueDate)}${m.dueLabel && m.dueLabel !== shortDate(m.dueDate) ? `（${m.dueLabel}）` : ''}`,
    text: sentence(`${it.ref} ${clip(m.text, 40)}${it.leadUnits.length ? `（${joinUnits(it.leadUnits)}）` : ''}`),
  }));

  const period = `${shortDate(input.from)}至${shortDate(input.to)}`;
  const itemsReported = latest.size;
  const overall = [
    ...counts.map((c) => `${c.name}${c.total}项：${bulletinLine(c.counts)}。`),
    `本期（${period}）收到进展${inPeriod.length}条，涉及${itemsReported}项。`,
  ];
  return {
    title: BULLETIN_TITLE,
    issue: `第${input.issue}期`,
    office: input.office,
    date: longDate(input.to),
    period,
    counts,
    overall,
    progress,
    problems,
    problemUnits,
    next,
    omitted: { progress: notable.length - progress.length, problems: lagging.length - problems.length, next: upcoming.length - next.length },
  };
}

/** The short version for the leaders' group on the digest day: one screen. */
export function bulletinText(m: BulletinModel): string {
  const lines = [`【${m.title}】${m.issue}（${m.period}）`, ...m.overall];
  if (m.problems.length) {
    const refs = m.problems.slice(0, 8).map((e) => e.lead.replace(/ .*（/, '（').replace(/，[^（）]*）$/, '）'));
    lines.push(`滞后：${refs.join('、')}${m.problems.length + m.omitted.problems > 8 ? `等${m.problems.length + m.omitted.problems}项` : ''}。`);
  }
  if (m.next.length) lines.push(`下步节点：${m.next.slice(0, 3).map((e) => `${e.lead} ${clip(e.text.replace(/。$/, ''), 28)}`).join('；')}${m.next.length + m.omitted.next > 3 ? '等' : ''}。`);
  lines.push('完整专报（Word）：督查室私聊机器人发送 /专报。');
  return lines.join('\n');
}
