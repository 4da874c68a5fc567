// /绑定 — ask to become a unit's liaison (an admin binds others directly).
import { handleBind } from '../../../handlers/bind.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'bind' }>;

export const bind = defineCommand<Args>({
  id: 'bind',
  names: ['绑定', 'bd', 'bind'],
  help: { section: 'report', order: 10, text: '· /绑定 住建局 — 申请成为本单位联络员（督查室 /批准 后生效）；/解绑 住建局' },
  doc: '申请成为单位联络员（督查室 `/批准` 后生效）；督查室 `/绑定 @张三 住建局` 直接绑定',
  access: ANYONE,
  writes: true,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('bind', rest, o) as Args),
  run: (c, a) => handleBind(c.progress(), a),
});
