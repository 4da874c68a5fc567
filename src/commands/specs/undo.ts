// /撤回 — withdraw one's latest report (kept, marked withdrawn).
import { handleUndo } from '../../../handlers/undo.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'undo' }>;

export const undo = defineCommand<Args>({
  id: 'undo',
  names: ['撤回', '撤销', 'ch', 'undo'],
  doc: '撤回自己最近一条进展（24小时内）；`/撤回 28` 只撤第28项的',
  access: ANYONE,
  writes: true,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('undo', rest, o) as Args),
  run: (c, a) => handleUndo(c.progress(), a),
});
