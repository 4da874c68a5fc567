// /批准 — an admin approves a binding request (/批准 7) or an item's 销号 (/批准 销号28).
import { handleDecide } from '../../../handlers/bind.ts';
import { handleDecideClose } from '../../../handlers/close.ts';
import { parseDecideClose, type DecideCloseArgs } from '../../loop/parse.ts';
import { ADMIN_ONLY } from '../refusals.ts';
import { parseArgs, type Command } from '../parse.ts';
import { defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'approve' }> | DecideCloseArgs;

export const approve = defineCommand<Args>({
  id: 'approve',
  names: ['批准', '同意', 'pz', 'approve'],
  doc: '批准绑定申请 `/批准 7`；批准销号 `/批准 销号28`',
  access: (a) => ({ who: 'admin', refusal: ADMIN_ONLY(a.kind === 'approve' ? '批准绑定申请' : '批准销号') }),
  writes: true,
  needs: ['db'],
  parse: (rest, o) => parseDecideClose('approve', rest) ?? fromCommand(parseArgs('approve', rest, o) as Extract<Command, { kind: 'approve' }>),
  run: (c, a) => (a.kind === 'approve' ? handleDecide(c.progress(), a) : handleDecideClose(c.progress(), a)),
});
