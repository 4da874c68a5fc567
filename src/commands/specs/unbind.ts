// /解绑 — leave a unit (or withdraw a pending request); admins unbind others.
import { handleUnbind } from '../../../handlers/bind.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'unbind' }>;

export const unbind = defineCommand<Args>({
  id: 'unbind',
  names: ['解绑', '解除绑定', 'jb', 'unbind'],
  doc: '解除自己的绑定或撤回待批的申请；督查室可 `/解绑 @张三 住建局`',
  access: ANYONE,
  writes: true,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('unbind', rest, o) as Args),
  run: (c, a) => handleUnbind(c.progress(), a),
});
