// /专报 — the 督查室's download link for the week's 督查专报 (.docx), the same way /导出 gives the
// ledger: a 30-minute personal signed link (src/dashboard/), asked for in a direct chat.
import { handleBulletinCommand } from '../../dashboard/index.ts';
import { defineCommand, noArgs } from '../spec.ts';

export const bulletin = defineCommand<null>({
  id: 'bulletin',
  names: ['专报', 'zb', 'bulletin'],
  match: 'word',
  help: { section: 'dashboard', order: 20, text: '督查室（私聊机器人）：/专报 — 本周督查专报（Word）下载链接' },
  doc: '督查室私聊机器人：30分钟有效的本周督查专报（Word，总体进展、工作进展、存在问题、下步工作）下载链接（需设置 DASHBOARD_SECRET）',
  access: { who: 'admin', refusal: '督查专报只对督查室开放。领导可发送 /看板 查看进展，或 /导出 下载台账。' },
  writes: false,
  needs: ['dashboard', 'db'],
  chat: { only: 'direct', refusal: '专报下载链接是个人的，不在群里发。请私聊我发送 /专报 获取。' },
  parse: noArgs,
  // access was checked by the router (admins only)
  run: (c) => handleBulletinCommand(c.msg, { ...c.services.dashboard!, isLeaderOrAdmin: () => true }),
});
