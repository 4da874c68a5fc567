// The supervision loop in chat (issue 16), docs/督办闭环.md:
//   /催办 28 [再次] [话]   督查室, leaders: posts now to the lead units' groups, @ their liaisons;
//                         once per item per day unless 再次
//   /批示 28 话            leaders, 督查室: posted the same way; the liaison answers /签收 28
//   /批示                  the sender's instructions (督查室: everyone's) and whether signed
//   /签收 28               a lead unit's liaison signs the item's open instructions
import { audit, commitWrite, refuse, requireTask, type Ctx } from '../src/commands/context.ts';
import type { ChaseArgs, InstructArgs, SignArgs } from '../src/loop/parse.ts';
import { enqueuePost, itemHeading, leadUnitsOf, whereText, type NotifyService } from '../src/loop/post.ts';
import { actingUnit } from '../src/progress/access.ts';
import { loadBoard, type TaskStatus } from '../src/progress/board.ts';
import { clip } from '../src/progress/format.ts';
import { localDate, shortDate, shortDateTime } from '../src/progress/time.ts';
import { daysBetween } from '../src/remind/dates.ts';
import { chasesOf, insertChase, insertInstruction, instructionsBy, instructionsOf, isClosed, openClosure, recentInstructions, signInstructions, type InstructionRow } from '../src/store/loop.ts';
import { liaisonsOf, userKey } from '../src/store/users.ts';
import type { KeyTask } from '../knowledge/types.ts';
import type { OutgoingReply } from '../src/types.ts';
import type { Origin } from '../src/store/loop.ts';

export function originOf(ctx: Ctx): Origin {
  const m = ctx.msg;
  return { platform: m.platform, userId: m.userId, userName: m.userName, chatId: m.chatId, messageId: m.messageId, at: ctx.at };
}

/** How a post names its author: the office, or the leader (by the 牵头领导 name when linked). */
function authorOf(ctx: Ctx): string {
  const a = ctx.actor;
  if (a.leader) return a.leader.person ?? ctx.msg.userName;
  return ctx.msg.userName.includes('督查室') ? ctx.msg.userName : `督查室（${ctx.msg.userName}）`;
}

function refuseIfClosed(ctx: Ctx, task: KeyTask, what: string): void {
  const c = openClosure(ctx.db, task.no);
  if (c?.status === 'closed') refuse(`第${task.no}项已于${shortDate(localDate(c.decidedAt!))}销号，不再${what}。如需继续推进，督查室可先发送 /销号 ${task.no} 撤销。`);
}

/** The milestone a chase points at: the latest missed one, else the next one. */
export function chaseMilestone(s: TaskStatus, today: string): string | null {
  const missed = s.missed[s.missed.length - 1];
  if (missed) return `逾期节点：${shortDate(missed.dueDate)} ${clip(missed.text, 24)}（已逾期${daysBetween(missed.dueDate, today)}天）`;
  const next = s.milestones.find((m) => m.dueDate >= today);
  if (next) return `下一节点：${shortDate(next.dueDate)} ${clip(next.text, 24)}（${next.dueDate === today ? '今天到期' : `剩${daysBetween(today, next.dueDate)}天`}）`;
  return null;
}

function unboundNote(ctx: Ctx, task: KeyTask): string {
  return liaisonsOf(ctx.db, leadUnitsOf(task)).length === 0 ? `\n${leadUnitsOf(task).join('、') || '牵头单位'}还没有绑定联络员，消息里只写了单位名（/绑定 @某人 单位 绑定后才能 @ 到人）。` : '';
}

export function handleChase(ctx: Ctx, notify: NotifyService, a: ChaseArgs): OutgoingReply {
  const task = requireTask(ctx, a.item.taskNo, (n) => `/催办 ${n} 请本周内报送进展`);
  refuseIfClosed(ctx, task, '催办');
  return commitWrite(ctx, () => {
    const today = chasesOf(ctx.db, task.no, ctx.today);
    if (today.length && !a.repeat) {
      const last = today[today.length - 1]!;
      refuse(`第${task.no}项今天已催办过（${shortDateTime(last.createdAt)}，${last.userName}），同一事项每天只催办一次。确需再次催办，请发送：/催办 ${task.no} 再次 ${a.text || '请今天下班前报送进展'}`);
    }
    const s = loadBoard(ctx.db, [task], ctx.today, true).get(task.no)!;
    const milestone = chaseMilestone(s, ctx.today);
    const repeat = today.length > 0;
    const row = insertChase(ctx.db, { taskNo: task.no, day: ctx.today, text: a.text, units: leadUnitsOf(task), milestone, repeat, ...originOf(ctx) });
    const author = authorOf(ctx);
    const groups = enqueuePost(ctx.db, notify, {
      key: `chase:${row.id}`,
      task,
      at: ctx.at,
      text: (units) =>
        [
          itemHeading(repeat ? '再次催办' : '催办', task),
          ...units,
          ...(milestone ? [milestone] : []),
          ...(a.text ? [`${author}：${a.text}`] : []),
          `请尽快填报进展：/进展 ${task.no} 内容`,
        ].join('\n'),
    });
    audit(ctx, { action: 'task.chase', entity: 'chase', entityId: row.id, before: null, after: { ...row, groups } });
    return { text: `已${repeat ? '再次' : ''}催办第${task.no}项（${leadUnitsOf(task).join('、') || '牵头单位未列明'}），已发往${whereText(ctx.db, groups, notify)}。${unboundNote(ctx, task)}` };
  });
}

export function handleInstruct(ctx: Ctx, notify: NotifyService, a: Extract<InstructArgs, { kind: 'instruct' }>): OutgoingReply {
  const task = requireTask(ctx, a.item.taskNo, (n) => `/批示 ${n} 抓紧推进，月底前开工`);
  refuseIfClosed(ctx, task, '批示');
  return commitWrite(ctx, () => {
    const leader = authorOf(ctx);
    const row = insertInstruction(ctx.db, { taskNo: task.no, text: a.text, leader, ...originOf(ctx) });
    const groups = enqueuePost(ctx.db, notify, {
      key: `instruction:${row.id}`,
      task,
      at: ctx.at,
      actions: [{ label: '签收', command: `/签收 ${task.no}` }],
      text: (units) =>
        [itemHeading('领导批示', task), `${leader}批示：${a.text}`, ...units, `请牵头单位联络员回复 /签收 ${task.no}，落实情况用 /进展 ${task.no} 填报`].join('\n'),
    });
    audit(ctx, { action: 'instruction.create', entity: 'instruction', entityId: row.id, before: null, after: { ...row, groups } });
    return { text: `已发出第${task.no}项批示（#${row.id}）到${whereText(ctx.db, groups, notify)}，等待${leadUnitsOf(task).join('、') || '牵头单位'}签收。发送 /批示 查看签收情况。${unboundNote(ctx, task)}` };
  });
}

function instructionLine(i: InstructionRow, closed: boolean): string {
  const state = i.signedAt ? `已签收（${i.signedUnit} ${i.signedName}，${shortDate(localDate(i.signedAt))}）` : closed ? '未签收（事项已销号）' : '未签收';
  return `· #${i.id} 第${i.taskNo}项 ${shortDate(localDate(i.createdAt))} ${clip(i.text, 30)}｜${state}`;
}

export function handleInstructList(ctx: Ctx): OutgoingReply {
  const mine = ctx.actor.leader !== null && !ctx.actor.isAdmin;
  const rows = mine ? instructionsBy(ctx.db, ctx.msg.platform, ctx.msg.userId) : recentInstructions(ctx.db);
  const who = mine ? '你的批示' : '最近的批示';
  if (!rows.length) return { text: `${mine ? '你还没有作过批示' : '还没有批示'}。批示：/批示 28 抓紧推进，月底前开工` };
  // a closed item's unsigned 批示 are shown as such, not counted as outstanding
  const closed = new Set(rows.filter((r) => !r.signedAt && isClosed(ctx.db, r.taskNo)).map((r) => r.taskNo));
  const open = rows.filter((r) => !r.signedAt && !closed.has(r.taskNo)).length;
  return { text: [`${who}${rows.length}条（未签收${open}条）：`, ...rows.map((r) => instructionLine(r, closed.has(r.taskNo))), '签收：牵头单位联络员发送 /签收 编号'].join('\n') };
}

export function handleSign(ctx: Ctx, a: SignArgs): OutgoingReply {
  const task = requireTask(ctx, a.item.taskNo, (n) => `/签收 ${n}`);
  const unit = actingUnit(ctx.actor, task, ['lead']);
  if (!unit) {
    const me = ctx.actor.units.length ? `你是${ctx.actor.units.join('、')}的联络员，` : '你还没有绑定牵头单位，';
    refuse(`${me}不能签收第${task.no}项的批示：由牵头单位（${task.leadUnits.join('、')}）的联络员签收。`);
  }
  return commitWrite(ctx, () => {
    const open = instructionsOf(ctx.db, task.no).filter((i) => !i.signedAt);
    if (!open.length) refuse(`第${task.no}项没有待签收的批示。`);
    signInstructions(ctx.db, open.map((i) => i.id), { by: userKey(ctx.msg), name: ctx.msg.userName, unit, at: ctx.at });
    for (const i of open) audit(ctx, { action: 'instruction.sign', entity: 'instruction', entityId: i.id, before: i, after: { ...i, signedAt: ctx.at, signedName: ctx.msg.userName, signedUnit: unit } });
    const leaders = [...new Set(open.filter((i) => i.platform === ctx.msg.platform && i.userId !== ctx.msg.userId).map((i) => i.userId))];
    return {
      text: [`已签收第${task.no}项批示${open.length}条（${unit} ${ctx.msg.userName}）：`, ...open.map((i) => `· ${i.leader} ${shortDate(localDate(i.createdAt))}：${clip(i.text, 40)}`), `请按批示落实，进展用 /进展 ${task.no} 内容 填报。`].join('\n'),
      mentions: leaders,
    };
  });
}
