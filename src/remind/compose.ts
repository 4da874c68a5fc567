// One screen per group per day. A group's reminder reads: heading, counts, then one block per
// lead unit with the items that need action, then where to see the rest. Pure.
//
// - A task with several lead units is listed once, in one "联合牵头" block that names the
//   units of each item (listing it under each unit repeated tasks such as 第54项, with twelve
//   lead units, twelve times in the default group).
// - New items (reminders, a first overdue notice, a first escalation) take two lines; a repeat
//   of an overdue item already notified (the weekly ladder steps w1, w2 …) takes one; the
//   quarterly check-ins of a unit take one line together.
// - When a group's day does not fit one screen (MAX_LINES, and the platform's byte budget) it is
//   split into parts of whole unit blocks — a block longer than a part on its own is cut between
//   items, never inside one — so the platforms' own splitters never cut an item either. Each
//   part is its own message with the mentions of its own units.
import type { WorkCalendar } from './calendar.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import type { Notice } from './plan.ts';
import { decodeItemNo, formatItemRef, kindOfNo } from '../items/address.ts';

export interface Liaison {
  userId: string;
  name: string;
}

export interface LatestReport {
  date: IsoDate;
  text: string;
  percent: number | null;
  status: string | null;
}

export interface ComposeDeps {
  calendar: WorkCalendar;
  /** liaisons bound to a unit on the group's platform */
  liaisons(unit: string, group: string): Liaison[];
  latestReport(taskNo: number): LatestReport | undefined;
  /** the dashboard's list of overdue tasks, when the dashboard is on */
  listUrl?: string;
  /** one short line every message of the day carries, e.g. that the calendar is provisional */
  note?: string;
}

export interface ComposedMessage {
  group: string;
  text: string;
  mentions: Liaison[];
  /** item labels covered, e.g. 第28项, 票决第1项 */
  tasks: string[];
  /** the notices this message carries (for recording) */
  notices: Notice[];
}

/** One screen on a phone. */
export const MAX_LINES = 40;
/** WeCom's group webhook sends reminders as text (real @ needs text's mentioned_list), capped at
 * 2,048 bytes (see platforms/wecom/webhook.ts); elsewhere one WeCom markdown message's 4,096
 * bytes, well inside a Feishu card's 30 KB. */
export const MAX_BYTES = 4096;
export const WECOM_TEXT_BYTES = 2048;

export function partLimits(group: string): { lines: number; bytes: number } {
  return { lines: MAX_LINES, bytes: group.startsWith('wecom:') ? WECOM_TEXT_BYTES : MAX_BYTES };
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const WEEK = ['日', '一', '二', '三', '四', '五', '六'];
const HEAD: Record<Notice['kind'], string> = { reminder: '节点提醒', overdue: '逾期提醒', escalation: '逾期督办', instruction: '批示未签收' };
const JOINT = '联合牵头';
const byName = new Intl.Collator('zh');

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').replace(/[。；;，,\s]+$/, '');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

function md(d: IsoDate): string {
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

/** A repeat of a ladder step already announced (w1, w2 … of overdue and escalation). */
function isRepeat(n: Notice): boolean {
  return n.kind !== 'reminder' && !n.key.endsWith(':w0');
}

/** Lower is more urgent: new escalations and overdue notices first, then reminders by lead
 * time, then check-ins, then repeats. */
function urgency(n: Notice): number {
  if (n.milestone.source === 'quarter') return 20;
  if (isRepeat(n)) return 30;
  if (n.kind === 'instruction') return 0;
  if (n.kind === 'escalation') return 0;
  if (n.kind === 'overdue') return 1;
  return 2 + Math.min(n.lead ?? 0, 10);
}

function dueText(n: Notice, day: IsoDate, cal: WorkCalendar): string {
  const due = n.milestone.dueDate;
  const days = daysBetween(day, due);
  if (days > 0) return `${md(due)}到期（剩${days}天，${cal.workdaysBetween(day, due)}个工作日）`;
  if (days === 0) return '今天到期';
  return `${md(due)}到期，已逾期${-days}天`;
}

/** A title clipped to n characters; a voted project keeps its track in brackets, which is what
 * tells its two items apart (城镇危旧房整治项目（城市危旧房）/（农村危房）). */
function titleText(s: string, n: number): string {
  const t = /^(.*)（([^（）]+)）$/.exec(s.trim());
  if (!t || t[2]!.length > 8) return clip(s, n);
  return `${clip(t[1]!, Math.max(4, n - t[2]!.length - 2))}（${t[2]}）`;
}

function reportText(r: LatestReport | undefined): string {
  if (!r) return '暂无进展';
  const text = clip(r.text, 14);
  // Over 100 % says 超额 (a bare "120%" reads like a typo), also when the text has the rate.
  const pct = r.percent === null || text.includes(`${r.percent}%`) ? '' : `${r.percent}%`;
  const extra = [pct, r.percent !== null && r.percent > 100 ? '超额' : '', r.status ?? ''].filter(Boolean).join('，');
  return `${md(r.date)}进展：${text}${extra ? `（${extra}）` : ''}`;
}

interface Item {
  lines: string[];
  notices: Notice[];
  units: string[];
}

interface Block {
  key: string;
  /** lead units whose liaisons this block mentions */
  units: string[];
  head: string;
  items: Item[];
  rank: number;
}

function unitsLabel(units: string[], group: string, deps: ComposeDeps): string {
  const named = units.slice(0, 3).map((u) => (deps.liaisons(u, group).length ? u : `**${u}**`));
  return units.length > 3 ? `${named.join('、')}等${units.length}家` : named.join('、');
}

function unitHead(unit: string, group: string, deps: ComposeDeps): string {
  const ls = deps.liaisons(unit, group);
  return ls.length ? `▍${unit} ${ls.map((l) => `@${l.name}`).join(' ')}` : `▍**${unit}**（未绑定联络员）`;
}

/** A block's items: new ones first (most urgent first), then its check-ins in one line, then
 * repeats. */
function itemsOf(ns: Notice[], joint: boolean, group: string, day: IsoDate, deps: ComposeDeps): Item[] {
  const sorted = [...ns].sort((a, b) => urgency(a) - urgency(b) || a.milestone.dueDate.localeCompare(b.milestone.dueDate) || a.milestone.taskNo - b.milestone.taskNo);
  const whose = (n: Notice) => (joint ? `｜${unitsLabel(n.milestone.leadUnits, group, deps)}` : '');
  const items: Item[] = [];
  const checkIns = sorted.filter((n) => n.milestone.source === 'quarter');
  let checkInLine = checkIns.length > 0;
  // A town's indicator cells falling due together (the year-end of every cell) take one item:
  // seven lines about one deadline would push everything else off the screen.
  const cellGroups = new Map<string, Notice[]>();
  for (const n of sorted) {
    if (n.kind === 'escalation' || isRepeat(n) || kindOfNo(n.milestone.taskNo) !== 'indicator') continue;
    const k = `${n.kind}:${n.milestone.dueDate}:${n.milestone.leadUnits.join('、')}`;
    cellGroups.set(k, [...(cellGroups.get(k) ?? []), n]);
  }
  const grouped = new Map<Notice, Notice[]>();
  for (const xs of cellGroups.values()) if (xs.length >= CELL_GROUP_MIN) for (const n of xs) grouped.set(n, xs);
  for (const n of sorted) {
    const m = n.milestone;
    if (m.source === 'quarter') continue;
    const group = grouped.get(n);
    if (group) {
      if (group[0] === n) items.push(cellGroupItem(group, joint ? whose(n) : '', day, deps));
      continue;
    }
    if (n.kind === 'instruction') {
      // one line: who instructed when, the words, and the answer to type
      const still = isRepeat(n) ? '仍未签收' : '未签收';
      items.push({ lines: [`· ${m.itemLabel} ${m.leaders[0] ?? ''}批示（${md(m.dueDate)}）${still}：${clip(m.text, 16)}｜/签收 ${m.taskNo}${whose(n)}`], notices: [n], units: m.leadUnits });
      continue;
    }
    if (checkInLine && isRepeat(n)) (items.push(checkInItem(checkIns, day)), (checkInLine = false));
    const leaders = m.leaders.join('、') || '未注明';
    if (isRepeat(n)) {
      const leader = n.kind === 'escalation' ? `（${leaders}）` : '';
      items.push({ lines: [`· ${m.itemLabel}${leader} ${titleText(m.itemTitle, 12)}：仍逾期${-daysBetween(day, m.dueDate)}天${whose(n)}`], notices: [n], units: m.leadUnits });
      continue;
    }
    const leader = n.kind === 'escalation' ? `（牵头领导：${leaders}）` : '';
    items.push({
      lines: [
        `· ${m.itemLabel}${leader}${leader ? '' : ' '}${titleText(m.itemTitle, leader ? 10 : 14)}：${dueText(n, day, deps.calendar)}${whose(n)}`,
        `  ${clip(`${m.dueLabel} ${m.text}`, 18)}｜${reportText(deps.latestReport(m.taskNo))}`,
      ],
      notices: [n],
      units: m.leadUnits,
    });
  }
  if (checkInLine) items.push(checkInItem(checkIns, day));
  return items;
}

/** From this many cells of one town due together, they are reminded as one item. */
const CELL_GROUP_MIN = 3;

function cellGroupItem(ns: Notice[], whose: string, day: IsoDate, deps: ComposeDeps): Item {
  const first = ns[0]!;
  const nos = ns.map((n) => decodeItemNo(n.milestone.taskNo)).map((r) => (r?.kind === 'indicator' ? r.no : 0));
  const reported = ns.filter((n) => deps.latestReport(n.milestone.taskNo) !== undefined).length;
  return {
    lines: [
      `· 民生实事指标${ns.length}项（指标${nos.join('、')}）：${dueText(first, day, deps.calendar)}${whose}`,
      `  ${clip(`${first.milestone.dueLabel} 完成本镇目标数`, 18)}｜已报${reported}项，/我的任务 查看`,
    ],
    notices: ns,
    units: first.milestone.leadUnits,
  };
}

/** The quarterly check-ins of one block as one line: due ones, then missed ones. */
function checkInItem(checkIns: Notice[], day: IsoDate): Item {
  const parts: string[] = [];
  const due = checkIns.filter((n) => n.kind === 'reminder');
  const missed = checkIns.filter((n) => n.kind !== 'reminder');
  const nos = (xs: Notice[]) => `第${[...new Set(xs.map((n) => n.milestone.taskNo))].sort((a, b) => a - b).join('、')}项`;
  if (due.length) parts.push(`${nos(due)}${due[0]!.milestone.dueDate === day ? '今天' : `${md(due[0]!.milestone.dueDate)}前`}报送`);
  if (missed.length) parts.push(`${nos(missed)}未报送（${md(missed[0]!.milestone.dueDate)}到期）`);
  return { lines: [`· 季度进展：${parts.join('；')}`], notices: checkIns, units: [...new Set(checkIns.flatMap((n) => n.milestone.leadUnits))] };
}

function blocksOf(group: string, day: IsoDate, notices: Notice[], deps: ComposeDeps): Block[] {
  const byKey = new Map<string, Notice[]>();
  for (const n of notices) {
    const us = n.milestone.leadUnits;
    const k = us.length > 1 ? JOINT : (us[0] ?? '未注明单位');
    byKey.set(k, [...(byKey.get(k) ?? []), n]);
  }
  const blocks: Block[] = [];
  for (const [key, ns] of byKey) {
    const joint = key === JOINT;
    const units = joint ? [...new Set(ns.flatMap((n) => n.milestone.leadUnits))] : [key];
    let head = joint ? `▍${JOINT}` : unitHead(key, group, deps);
    let items = itemsOf(ns, joint, group, day, deps);
    // A unit owing nothing but its check-ins takes one line: heading and check-ins together.
    if (items.length === 1 && items[0]!.notices.every((n) => n.milestone.source === 'quarter')) {
      head = `${head.replace(/（未绑定联络员）$/, '（未绑定）')}｜${items[0]!.lines[0]!.slice(2)}`;
      items = [{ ...items[0]!, lines: [] }];
    }
    blocks.push({ key, units, head, items, rank: Math.min(...ns.map(urgency)) });
  }
  // The most urgent unit first; the joint block after the single units of the same urgency.
  return blocks.sort((a, b) => a.rank - b.rank || Number(a.key === JOINT) - Number(b.key === JOINT) || byName.compare(a.key, b.key));
}

function countsLine(notices: Notice[], day: IsoDate): string {
  const instructions = notices.filter((n) => n.kind === 'instruction').length;
  const tasks = notices.filter((n) => n.milestone.source !== 'quarter' && n.kind !== 'instruction');
  const soon = tasks.filter((n) => n.kind === 'reminder');
  const today = soon.filter((n) => n.milestone.dueDate === day).length;
  const late = tasks.filter((n) => n.kind !== 'reminder');
  const fresh = late.filter((n) => !isRepeat(n)).length;
  const checkIns = notices.filter((n) => n.milestone.source === 'quarter');
  const parts: string[] = [];
  if (soon.length) parts.push(`即将到期${soon.length}项${today ? `（今天${today}项）` : ''}`);
  if (late.length) parts.push(`逾期${late.length}项${fresh && fresh < late.length ? `（新增${fresh}项）` : ''}`);
  if (checkIns.length) {
    const due = checkIns.filter((n) => n.kind === 'reminder').length;
    const missed = checkIns.length - due;
    parts.push([due ? `季度进展待报${due}项` : '', missed ? `季度进展未报${missed}项` : ''].filter(Boolean).join('、'));
  }
  if (instructions) parts.push(`批示未签收${instructions}条`);
  return parts.join('、');
}

/** A block as lines; a block too long for one part is cut between items, the rest under the
 * same heading marked 续. */
function blockChunks(b: Block, room: { lines: number; bytes: number }): { lines: string[]; items: Item[] }[] {
  const out: { lines: string[]; items: Item[] }[] = [];
  let cur: { lines: string[]; items: Item[] } = { lines: [b.head], items: [] };
  for (const it of b.items) {
    const next = [...cur.lines, ...it.lines];
    if (cur.items.length && (next.length > room.lines || utf8(next.join('\n')) > room.bytes)) {
      out.push(cur);
      cur = { lines: [`${b.head.replace(/（未绑定联络员）$/, '')}（续）`, ...it.lines], items: [it] };
    } else cur = { lines: next, items: [...cur.items, it] };
  }
  out.push(cur);
  return out;
}

/** The footer's example: a key task's number, or the address of the first item of another list
 * when the message is only about those (八好1.4, 指标43 白塘镇 …). */
function fillHint(notices: readonly Notice[]): string {
  if (notices.some((n) => kindOfNo(n.milestone.taskNo) === 'key')) return '填报：/进展 编号 内容，如 /进展 28 完成率30%';
  const ref = decodeItemNo(notices[0]!.milestone.taskNo);
  return `填报：/进展 编号 内容，如 /进展 ${ref ? formatItemRef(ref) : '28'} 已完成…`;
}

/** Builds the messages for one group from the notices routed to it: usually one, more only
 * when the day does not fit one screen. */
export function composeGroupMessages(group: string, day: IsoDate, notices: Notice[], deps: ComposeDeps): ComposedMessage[] {
  if (!notices.length) return [];
  const limits = partLimits(group);
  const kinds = (['reminder', 'overdue', 'escalation', 'instruction'] as const).filter((k) => notices.some((n) => n.kind === k));
  const heading = `【${kinds.map((k) => HEAD[k]).join('、')}】${md(day)}（周${WEEK[new Date(`${day}T00:00:00Z`).getUTCDay()]}）`;
  const counts = countsLine(notices, day);
  const blocks = blocksOf(group, day, notices, deps);
  // Where to see the rest: the dashboard's list when it is on, else /滞后 for a unit.
  // (A missed check-in is not 滞后 under the task-state rule: its line already says what to do.)
  const late = notices.filter((n) => n.kind !== 'reminder' && n.kind !== 'instruction' && n.milestone.source !== 'quarter');
  // An imported list may name no lead unit: then the hint is the plain command.
  const lateUnits = [...new Set(late.flatMap((n) => n.milestone.leadUnits.slice(0, 1)))];
  const lateHint = lateUnits.length === 0 ? '逾期详情：/滞后' : lateUnits.length === 1 ? `逾期详情：/滞后 ${lateUnits[0]}` : `逾期详情：/滞后 单位名（如 /滞后 ${lateUnits[0]}）`;
  const footer = [
    ...(!late.length ? [] : deps.listUrl ? [`逾期清单：${deps.listUrl}`] : [lateHint]),
    fillHint(notices),
    ...(deps.note ? [deps.note] : []),
  ];
  // Room for "（1/2）" on the heading and the footer on the last part, whichever part it is.
  const fixed = [`${heading}（99/99）`, counts, ...footer];
  const budget = { lines: limits.lines - fixed.length, bytes: limits.bytes - utf8(fixed.join('\n')) - 1 };
  const parts: { lines: string[]; items: Item[] }[] = [];
  let cur: { lines: string[]; items: Item[] } = { lines: [], items: [] };
  const fits = (lines: string[]) => lines.length <= budget.lines && utf8(lines.join('\n')) <= budget.bytes;
  for (const b of blocks) {
    for (const chunk of blockChunks(b, budget)) {
      if (cur.items.length && !fits([...cur.lines, ...chunk.lines])) {
        parts.push(cur);
        cur = { lines: [], items: [] };
      }
      cur = { lines: [...cur.lines, ...chunk.lines], items: [...cur.items, ...chunk.items] };
    }
  }
  parts.push(cur);
  return parts.map((p, i) => {
    const head = parts.length > 1 ? `${heading}（${i + 1}/${parts.length}）` : heading;
    const lines = [head, ...(i === 0 && counts ? [counts] : []), ...p.lines, ...(i === parts.length - 1 ? footer : [])];
    const ns = p.items.flatMap((it) => it.notices);
    const mentions = new Map<string, Liaison>();
    for (const u of new Set(p.items.flatMap((it) => it.units))) for (const l of deps.liaisons(u, group)) mentions.set(l.userId, l);
    return {
      group,
      text: lines.join('\n'),
      mentions: [...mentions.values()],
      tasks: [...new Set(ns.map((n) => n.milestone.itemLabel))],
      notices: ns,
    };
  });
}
