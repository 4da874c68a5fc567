// /看板 and /导出, contributed to the command registry by the dashboard. Personal signed links,
// so a direct chat and a leader or admin only; without DASHBOARD_SECRET they say how to turn on.
import { defineCommand, noArgs, type CommandSpec } from '../commands/spec.ts';
import type { IncomingMessage, OutgoingReply } from '../types.ts';
import { handleDashboardCommand, handleExportCommand, type DashboardCommandDeps } from './index.ts';

function linkCommand(
  id: string,
  name: string,
  what: string,
  group: string,
  handle: (m: IncomingMessage, d: DashboardCommandDeps) => OutgoingReply,
  extra: Partial<CommandSpec<null>>,
): CommandSpec<null> {
  return defineCommand<null>({
    id,
    names: [name],
    match: 'word',
    doc: '',
    access: { who: 'readAll', refusal: `${what}只对牵头领导和督查室开放。${id === 'dashboard' ? '如需开通，请联系督查室。' : '如需台账，请联系督查室。'}` },
    writes: false,
    needs: ['dashboard', 'db'],
    chat: { only: 'direct', refusal: `${group}是个人的，不在群里发。请私聊我发送 /${name} 获取。` },
    parse: noArgs,
    // access was checked by the router against the same roles
    run: (c) => handle(c.msg, { ...c.services.dashboard!, isLeaderOrAdmin: () => true }),
    ...extra,
  });
}

export const dashboardCmd = linkCommand('dashboard', '看板', '看板', '看板链接', handleDashboardCommand, {
  help: { section: 'dashboard', order: 10, text: '领导、督查室（私聊机器人）：/看板 — 领导看板链接；/导出 — 台账 Excel 下载链接' },
  doc: '领导、督查室私聊机器人：24小时有效的看板链接（需设置 DASHBOARD_SECRET）',
});

export const exportCmd = linkCommand('export', '导出', '导出台账', '台账下载链接', handleExportCommand, {
  doc: '领导、督查室私聊机器人：30分钟有效的台账 Excel 下载链接（需设置 DASHBOARD_SECRET）',
});
