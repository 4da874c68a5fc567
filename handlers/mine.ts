// /我的任务 — the tasks of the sender's units (or, for a leader, the tasks they lead), each
// with its state.
import type { Ctx } from '../src/commands/context.ts';
import { unitRole } from '../src/progress/access.ts';
import { loadBoard, type TaskStatus } from '../src/progress/board.ts';
import { countStates, countsLine, lagReason, taskTitle } from '../src/progress/format.ts';
import type { KeyTask } from '../knowledge/types.ts';
import type { OutgoingReply } from '../src/types.ts';

function line(s: TaskStatus): string {
  // the reason where it tells something beyond the state word
  const why = s.state === '滞后' || s.state === '逾期完成' || s.judged.some((j) => j.outcome === '逾期完成') ? `（${lagReason(s)}）` : '';
  return `· ${taskTitle(s.task)} — ${s.state}${why}`;
}

export function handleMine(ctx: Ctx): OutgoingReply {
  const a = ctx.actor;
  const out: string[] = [];
  if (a.units.length) {
    const board = loadBoard(ctx.db, ctx.tasks, ctx.today);
    for (const unit of a.units) {
      const lead: KeyTask[] = [];
      const co: KeyTask[] = [];
      const collective: KeyTask[] = [];
      for (const t of ctx.tasks) {
        const r = unitRole(t, unit);
        if (r === 'lead') lead.push(t);
        else if (r === 'co') co.push(t);
        else if (r === 'co-collective') collective.push(t);
      }
      const st = (ts: KeyTask[]) => ts.map((t) => board.get(t.no)!);
      out.push(`${unit}：牵头${lead.length}项，配合${co.length}项。`);
      if (lead.length) out.push(`牵头 ${countsLine(countStates(st(lead)))}`, ...st(lead).map(line));
      if (co.length) out.push(`配合 ${countsLine(countStates(st(co)))}`, ...st(co).map(line));
      if (collective.length) {
        out.push(`另有${collective.length}项的配合单位是“各镇政府、街道办”“市直各单位”等泛指，${unit}也可填报：第${collective.map((t) => t.no).join('、')}项。`);
      }
    }
    out.push('填报：/进展 编号 内容；查看：/进展 编号');
  }
  if (a.leader?.person) {
    const ts = ctx.tasks.filter((t) => t.leaders.includes(a.leader!.person!));
    const board = loadBoard(ctx.db, ts, ctx.today);
    out.push(`${a.leader.person}牵头 ${countsLine(countStates(board.values()))}`, ...[...board.values()].map(line));
  }
  if (out.length) return { text: out.join('\n') };
  if (a.leader || a.isAdmin) {
    return { text: `你${a.isAdmin ? '是督查室管理员' : '是领导'}，没有绑定单位。查看全部：/汇总、/汇总 单位、/滞后；查看某项：/进展 28。` };
  }
  return { text: '你还没有绑定单位。发送 /绑定 你的单位（如 /绑定 住建局）申请成为联络员，督查室批准后即可查看和填报本单位的任务。' };
}
