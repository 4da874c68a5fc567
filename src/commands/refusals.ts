// Refusals that name who may: every "no" says which units' liaisons (and who they are now) can
// do it, and how the sender could become one.
import type { KeyTask } from '../../knowledge/types.ts';
import { baseUnit, isCollective, reportRolesFor } from '../progress/access.ts';
import { labelOf } from '../items/catalog.ts';
import { liaisonsOf } from '../store/users.ts';
import type { Ctx } from './context.ts';

function currentLiaisons(ctx: Ctx, units: string[]): string {
  const named = units.filter((u) => !isCollective(u)).map(baseUnit);
  const rows = liaisonsOf(ctx.db, named);
  if (rows.length === 0) return '目前还没有绑定的联络员';
  return `现有联络员：${rows.slice(0, 6).map((b) => `${b.unit} ${b.name ?? b.userId}`).join('、')}${rows.length > 6 ? ' 等' : ''}`;
}

function senderSituation(ctx: Ctx, action: string): string {
  const a = ctx.actor;
  if (a.units.length) return `你是${a.units.join('、')}的联络员，`;
  if (a.leader) return `领导账号只能查看，不能${action}。`;
  return `你还没有绑定单位，不能${action}。先发送 /绑定 你的单位（如 /绑定 住建局），督查室批准后即可${action}。`;
}

export function reportRefusal(ctx: Ctx, task: KeyTask): string {
  const label = labelOf(task);
  const leadOnly = !reportRolesFor(task).includes('co');
  const co = task.coUnits.length && !leadOnly ? `或配合单位（${task.coUnits.join('、')}）` : '';
  const lead = task.leadUnits.length ? `牵头单位（${task.leadUnits.join('、')}）${co}的联络员填报，督查室也可代填` : '督查室填报（清单未列牵头单位）';
  const who = `${label}可由${lead}；${currentLiaisons(ctx, leadOnly ? task.leadUnits : [...task.leadUnits, ...task.coUnits])}。`;
  const me = senderSituation(ctx, '填报');
  return ctx.actor.units.length ? `${me}不能填报${label}。${who}` : `${me}${who}`;
}

export function milestoneRefusal(ctx: Ctx, task: KeyTask): string {
  const label = labelOf(task);
  const who = `${label}的节点由牵头单位（${task.leadUnits.join('、') || '未列明'}）的联络员或督查室设置；${currentLiaisons(ctx, task.leadUnits)}。`;
  const me = senderSituation(ctx, '设置节点');
  return ctx.actor.units.length ? `${me}不能设置${label}的节点。${who}` : `${me}${who}`;
}

export function viewRefusal(ctx: Ctx, what: string): string {
  const how = ctx.actor.units.length
    ? `你是${ctx.actor.units.join('、')}的联络员，可以查看本单位牵头或配合的任务（/我的任务）。`
    : '发送 /绑定 你的单位 申请成为联络员。';
  return `${what}只有领导、督查室和相关单位的联络员可以查看。${how}`;
}

export const ADMIN_ONLY = (what: string) => `只有督查室管理员可以${what}。`;
