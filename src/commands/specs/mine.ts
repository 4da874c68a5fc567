// /我的任务 — the sender's unit's tasks (a leader's own tasks).
import { handleMine } from '../../../handlers/mine.ts';
import { ANYONE, defineCommand, noArgs } from '../spec.ts';

export const mine = defineCommand<null>({
  id: 'mine',
  names: ['我的任务', '我的', 'wd', 'mine', 'my'],
  help: { section: 'report', order: 60, text: '· /我的任务 — 本单位的任务和状态' },
  doc: '本单位牵头、配合的任务及状态；领导账号看自己牵头的任务',
  access: ANYONE,
  writes: false,
  needs: ['db'],
  parse: noArgs,
  run: (c) => handleMine(c.progress()),
});
