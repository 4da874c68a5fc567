// /身份 — who the bot thinks you are; /领导 — leaders (list; admin: /领导 @某人 [姓名],
// /领导 删 @某人). Config leaders (LEADERS) are listed but can only be removed in config.
import { audit, commitWrite, refuse, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { leadersOf } from '../src/progress/scope.ts';
import { writeTx } from '../src/store/db.ts';
import { bindingsOfUser, getLeaderRole, listLeaders, removeLeader, setLeader, touchUser, userKey } from '../src/store/users.ts';
import type { OutgoingReply } from '../src/types.ts';
import { resolveTarget } from './bind.ts';

export function handleWhoami(ctx: Ctx): OutgoingReply {
  // Records the display name so an admin can then refer to this user by name in /绑定 @名字.
  writeTx(ctx.db, () => touchUser(ctx.db, { platform: ctx.msg.platform, userId: ctx.msg.userId, name: ctx.msg.userName }, ctx.at));
  const a = ctx.actor;
  const roles: string[] = [];
  if (a.isAdmin) roles.push('督查室管理员');
  if (a.leader) roles.push(`领导${a.leader.person ? `（${a.leader.person}）` : ''}`);
  if (a.units.length) roles.push(`联络员（${a.units.join('、')}）`);
  const pending = bindingsOfUser(ctx.db, ctx.msg.platform, ctx.msg.userId, ['pending']);
  const lines = [`你是 ${ctx.msg.userName}（${userKey(ctx.msg)}）。`, `角色：${roles.join('、') || '普通成员（可以提问）'}。`];
  if (pending.length) lines.push(`待批准：${pending.map((b) => `#${b.id} ${b.unit}`).join('、')}。`);
  if (!a.units.length && !pending.length) lines.push('成为联络员：/绑定 你的单位（如 /绑定 住建局）。');
  return { text: lines.join('\n') };
}

/** Who may list or change leaders is declared in its spec (src/commands/specs/leader.ts). */
export function handleLeader(ctx: Ctx, cmd: Extract<Command, { kind: 'leader-list' | 'leader-grant' | 'leader-revoke' }>): OutgoingReply {
  if (cmd.kind === 'leader-list') {
    const rows = listLeaders(ctx.db);
    const config = [...ctx.roles.leaders];
    if (!rows.length && !config.length) return { text: '还没有设置领导账号。督查室管理员可发送：/领导 @某人 曹陶' };
    return {
      text: [
        '领导账号：',
        ...rows.map((r) => `· ${r.name ?? r.userId}（${r.platform}:${r.userId}）${r.person ? `，任务清单上的${r.person}` : ''}`),
        ...config.map((k) => `· ${k}（配置文件 LEADERS）`),
      ].join('\n'),
    };
  }
  return commitWrite(ctx, () => {
    const target = resolveTarget(ctx, cmd.targets[0]!);
    touchUser(ctx.db, target, ctx.at);
    const before = getLeaderRole(ctx.db, target.platform, target.userId) ?? null;
    if (cmd.kind === 'leader-revoke') {
      if (!before) {
        const inConfig = ctx.roles.leaders.has(userKey(target));
        refuse(inConfig ? `${target.name} 是配置文件（LEADERS）中的领导，请在配置中删除。` : `${target.name} 不是领导账号。`);
      }
      removeLeader(ctx.db, target.platform, target.userId);
      audit(ctx, { action: 'role.revoke', entity: 'role', entityId: `${userKey(target)}:leader`, before, after: null });
      return { text: `${target.name} 不再是领导账号。` };
    }
    const people = leadersOf(ctx.tasks);
    if (cmd.person && !people.includes(cmd.person)) {
      refuse(`任务清单上没有叫“${cmd.person}”的牵头领导。可以是：${people.join('、')}；也可以不写姓名：/领导 @${target.name}`);
    }
    setLeader(ctx.db, target.platform, target.userId, cmd.person, userKey(ctx.msg), ctx.at);
    const after = getLeaderRole(ctx.db, target.platform, target.userId)!;
    audit(ctx, { action: 'role.grant', entity: 'role', entityId: `${userKey(target)}:leader`, before, after });
    return {
      text: `已设 ${target.name} 为领导账号${cmd.person ? `（任务清单上的${cmd.person}，/我的任务 显示其牵头的任务）` : ''}：可以查看全部任务的进展、滞后清单和汇总。`,
      mentions: target.platform === ctx.msg.platform ? [target.userId] : [],
    };
  });
}
