// The weekly digest: per group, counts on schedule / behind / done and the behind list, in the
// bulletin's words ("…项达到时序进度，…项滞后"). Uses the same board as /汇总.
import type { KeyTask, KnowledgeBase } from '../../knowledge/types.ts';
import { loadKnowledge } from '../../knowledge/load.ts';
import { catalogOf, type SupervisedItem } from '../items/catalog.ts';
import { unitRole } from '../progress/access.ts';
import { countsLine } from '../progress/format.ts';
import { loadBoard } from '../progress/board.ts';
import { bulletinLine, countStates } from '../progress/format.ts';
import { scopeOf } from '../progress/scope.ts';
import type { Db } from '../store/db.ts';
import { listSubscriptions, type Subscription } from '../store/outbox.ts';
import type { WorkCalendar } from './calendar.ts';
import { PROVISIONAL_LINE } from './calendarAlert.ts';
import { runInstant, type RemindConfig } from './config.ts';
import { addDays, weekday, type IsoDate } from './dates.ts';

/** The digest goes out on the first workday on or after the configured weekday of each week. */
export function isDigestDay(day: IsoDate, digestWeekday: number, cal: WorkCalendar): boolean {
  if (!cal.isWorkday(day)) return false;
  const iso = (d: IsoDate) => ((weekday(d) + 6) % 7) + 1; // 1 = Monday
  const target = addDays(day, digestWeekday - iso(day));
  if (target > day) return false;
  // No workday between the target weekday and today: today is the first one.
  for (let d = target; d < day; d = addDays(d, 1)) if (cal.isWorkday(d)) return false;
  return true;
}

export interface DigestMessage {
  group: string;
  text: string;
  tasks: string[];
}

function scopedTasks(scopes: string[], tasks: readonly KeyTask[]): { title: string; tasks: KeyTask[] } {
  if (!scopes.length || scopes.includes('all') || scopes.includes('leaders')) return { title: '全部重点工作任务', tasks: [...tasks] };
  const picked = new Map<number, KeyTask>();
  const names: string[] = [];
  for (const s of scopes) {
    const [kind, name] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    if (kind !== 'unit' && kind !== 'leader') continue;
    names.push(name);
    for (const t of scopeOf(kind, name, tasks).tasks) picked.set(t.no, t);
  }
  return { title: names.join('、'), tasks: [...picked.values()].sort((a, b) => a.no - b.no) };
}

const withLists = new WeakMap<readonly KeyTask[], KnowledgeBase>();

/** The other lists (民生实事, 镇街指标, 开局八好) beside these key tasks. Only key tasks are ever
 * imported (src/taskList.ts does the same), so the others are the bundled ones. */
function otherItems(tasks: readonly KeyTask[]): readonly SupervisedItem[] {
  let kb = withLists.get(tasks);
  if (!kb) withLists.set(tasks, (kb = { ...loadKnowledge(), keyTasks: [...tasks] }));
  return catalogOf(kb).all.filter((x) => x.kind !== 'key');
}

function scopedItems(scopes: string[], items: readonly SupervisedItem[]): SupervisedItem[] {
  if (!scopes.length || scopes.includes('all') || scopes.includes('leaders')) return [...items];
  const picked = new Set<SupervisedItem>();
  for (const s of scopes) {
    const [kind, name] = [s.slice(0, s.indexOf(':')), s.slice(s.indexOf(':') + 1)];
    for (const x of items) if ((kind === 'unit' && unitRole(x, name) === 'lead') || (kind === 'leader' && x.leaders.includes(name))) picked.add(x);
  }
  return items.filter((x) => picked.has(x));
}

const LISTS: [SupervisedItem['kind'], string][] = [['livelihood', '民生实事'], ['indicator', '镇街指标'], ['measure', '开局八好'], ['voted', '票决民生实事']];

/** `asOf` (ISO instant): the states as they stood then (a preview of a past day); default now. */
/** `note`: one closing line every digest of the day carries (the calendar is provisional). */
export function composeDigests(db: Db, tasks: readonly KeyTask[], subs: readonly Subscription[], defaultGroup: string, day: IsoDate, asOf?: string, note?: string): DigestMessage[] {
  const groups = new Map<string, string[]>();
  for (const s of subs) groups.set(s.groupKey, [...(groups.get(s.groupKey) ?? []), s.scope]);
  if (!groups.has(defaultGroup)) groups.set(defaultGroup, []);
  const board = loadBoard(db, tasks, day, false, asOf);
  const others = otherItems(tasks);
  const otherBoard = loadBoard(db, others, day, false, asOf);
  const out: DigestMessage[] = [];
  for (const [group, scopes] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const { title, tasks: ts } = scopedTasks(scopes, tasks);
    if (!ts.length) continue;
    const states = ts.map((t) => board.get(t.no)!);
    const c = countStates(states);
    const behind = states.filter((s) => s.state === '滞后');
    const lines = [`【每周汇总】截至${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日，${title}${ts.length}项：${bulletinLine(c)}。`];
    if (behind.length) {
      lines.push('滞后清单：');
      for (const s of behind.slice(0, 10)) lines.push(`· 第${s.task.no}项 ${s.task.target.slice(0, 24)}${s.task.target.length > 24 ? '…' : ''}（${s.task.leadUnits.join('、')}）`);
      if (behind.length > 10) lines.push(`……共${behind.length}项，发送 /滞后 查看全部`);
    }
    // the other lists in the same scope: one count line each, their lagging items named (few)
    const xs = scopedItems(scopes, others).map((x) => otherBoard.get(x.no)!);
    const counts = LISTS.map(([kind, name]) => [name, xs.filter((st) => (st.task as SupervisedItem).kind === kind)] as const).filter(([, v]) => v.length);
    if (counts.length) lines.push(`其他清单：${counts.map(([name, v]) => `${name}${countsLine(countStates(v))}`).join('；')}`);
    const late = xs.filter((st) => st.state === '滞后');
    for (const st of late.slice(0, 5)) lines.push(`· ${(st.task as SupervisedItem).label} ${(st.task as SupervisedItem).title}（${st.task.leadUnits.join('、')}）`);
    if (late.length > 5) lines.push(`……其他清单共${late.length}项滞后，发送 /滞后 查看全部`);
    if (note) lines.push(note);
    out.push({ group, text: lines.join('\n'), tasks: [...behind.map((s) => `第${s.task.no}项`), ...late.map((st) => (st.task as SupervisedItem).label)] });
  }
  return out;
}

/** What the weekly digest run would send on `day` (nothing on other days), as the store stood
 * at that day's run: the preview behind `remind --dry-run --digest`. */
export function previewDigests(db: Db, tasks: readonly KeyTask[], config: RemindConfig, cal: WorkCalendar, day: IsoDate): DigestMessage[] {
  if (!isDigestDay(day, config.DIGEST_WEEKDAY, cal)) return [];
  return composeDigests(db, tasks, listSubscriptions(db), config.REMIND_DEFAULT_GROUP, day, runInstant(day, config).toISOString(), digestNote(cal, day));
}

/** The state rule's 序时进度 and the digest day both count workdays: a provisional year says so. */
export function digestNote(cal: WorkCalendar, day: IsoDate): string | undefined {
  return cal.isProvisional(Number(day.slice(0, 4))) ? PROVISIONAL_LINE : undefined;
}
