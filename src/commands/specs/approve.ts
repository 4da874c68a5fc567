// /批准 — an admin approves a binding request.
import { handleDecide } from '../../../handlers/bind.ts';
import { ADMIN_ONLY } from '../refusals.ts';
import { parseArgs, type Command } from '../parse.ts';
import { defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'approve' }>;

export const approve = defineCommand<Args>({
  id: 'approve',
  names: ['批准', '同意', 'pz', 'approve'],
  doc: '批准绑定申请 `/批准 7`',
  access: { who: 'admin', refusal: ADMIN_ONLY('批准绑定申请') },
  writes: true,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('approve', rest, o) as Args),
  run: (c, a) => handleDecide(c.progress(), a),
});
