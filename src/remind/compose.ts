// One message per group per run, grouped by lead unit: never one ping per task. Pure.
import type { WorkCalendar } from './calendar.ts';
import { daysBetween, type IsoDate } from './dates.ts';
import type { Notice } from './plan.ts';

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

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];
const HEAD: Record<Notice['kind'], string> = { reminder: '节点提醒', overdue: '逾期提醒', escalation: '逾期督办' };

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function md(d: IsoDate): string {
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

function when(n: Notice, day: IsoDate, cal: WorkCalendar): string {
  const due = n.milestone.dueDate;
  const days = daysBetween(day, due);
  if (days > 0) return `${md(due)}到期，还剩${days}天（${cal.workdaysBetween(day, due)}个工作日）`;
  if (days === 0) return `今天（${md(due)}）到期`;
  return `${md(due)}已到期，逾期${-days}天（${-cal.workdaysBetween(day, due)}个工作日）`;
}

function reportLine(r: LatestReport | undefined): string {
  if (!r) return '最近进展：暂无填报';
  const extra = [r.percent !== null ? `${r.percent}%` : '', r.status ?? ''].filter(Boolean).join('，');
  return `最近进展：${md(r.date)} ${clip(r.text, 40)}${extra ? `（${extra}）` : ''}`;
}

/** Builds the message for one group from the notices routed to it. */
export function composeGroupMessage(group: string, day: IsoDate, notices: Notice[], deps: ComposeDeps): ComposedMessage {
  const kinds = [...new Set(notices.map((n) => n.kind))];
  const title = kinds.map((k) => HEAD[k]).join('、');
  const lines = [`【${title}】${md(day)}（周${WEEK[new Date(`${day}T00:00:00Z`).getUTCDay()]}）`];
  const mentions = new Map<string, Liaison>();
  const byUnits = new Map<string, Notice[]>();
  for (const n of notices) {
    const k = n.milestone.leadUnits.join('、') || '未注明单位';
    byUnits.set(k, [...(byUnits.get(k) ?? []), n]);
  }
  for (const [units, ns] of byUnits) {
    const parts: string[] = [];
    for (const u of units.split('、')) {
      const ls = deps.liaisons(u, group);
      for (const l of ls) mentions.set(l.userId, l);
      parts.push(ls.length ? `${u} ${ls.map((l) => `@${l.name}`).join(' ')}` : `**${u}**（未绑定联络员）`);
    }
    lines.push('', `▍${parts.join('；')}`);
    // Quarterly check-ins of many tasks read as one line per unit and step, not a block each.
    const checkIns = ns.filter((n) => n.milestone.source === 'quarter');
    for (const kind of ['reminder', 'overdue', 'escalation'] as const) {
      const same = checkIns.filter((n) => n.kind === kind);
      if (!same.length) continue;
      const n0 = same[0]!;
      const what = kind === 'reminder' ? '季度进展报送' : '季度进展未报送';
      const who = kind === 'escalation' ? `（牵头领导：${[...new Set(same.flatMap((n) => n.milestone.leaders))].join('、')}）` : '';
      const nos = same.map((n) => n.milestone.taskNo).sort((a, b) => a - b);
      lines.push(`· ${what}：第${nos.join('、')}项${who}——${n0.milestone.dueLabel}，${when(n0, day, deps.calendar)}`);
    }
    for (const n of ns) {
      if (checkIns.includes(n)) continue;
      const m = n.milestone;
      const lead = n.kind === 'escalation' ? `（牵头领导：${m.leaders.join('、') || '—'}）` : '';
      lines.push(`· ${m.itemLabel} ${clip(m.itemTitle.replace(/。$/, ''), 30)}${lead}`);
      lines.push(`  节点：${m.dueLabel} ${clip(m.text, 40)}——${when(n, day, deps.calendar)}`);
      lines.push(`  ${reportLine(deps.latestReport(m.taskNo))}`);
    }
  }
  lines.push('', '填报进展：/进展 编号 内容，如 /进展 28 已开工120套 完成率30%');
  return {
    group,
    text: lines.join('\n'),
    mentions: [...mentions.values()],
    tasks: [...new Set(notices.map((n) => n.milestone.itemLabel))],
    notices,
  };
}
