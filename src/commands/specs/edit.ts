// /更正 — correct one's latest report.
import { handleEdit } from '../../../handlers/report.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'edit' }>;

export const edit = defineCommand<Args>({
  id: 'edit',
  names: ['更正', '修改进展', 'gz', 'edit', 'fix'],
  help: { section: 'report', order: 30, text: '· /更正 已开工建设150套，完成率35% — 更正自己最近一条（24小时内）；/撤回 — 撤回自己最近一条' },
  doc: '更正自己最近一条进展（24小时内）；`/更正 28 …` 只看第28项',
  access: ANYONE,
  writes: true,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('edit', rest, o) as Args),
  run: (c, a) => handleEdit(c.progress(), a),
});
