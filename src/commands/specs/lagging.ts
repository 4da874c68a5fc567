// /滞后 — tasks behind schedule, optionally of one unit, leader or town.
import { handleLagging } from '../../../handlers/lagging.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'lagging' }>;

export const lagging = defineCommand<Args>({
  id: 'lagging',
  names: ['滞后', 'zh', 'lag', 'late', 'overdue'],
  doc: '滞后任务及原因；`/滞后 住建局`、`/滞后 曹陶`、`/滞后 白水镇` 缩小范围',
  access: ANYONE,
  writes: false,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('lagging', rest, o) as Args),
  run: (c, a) => handleLagging(c.progress(), a),
});
