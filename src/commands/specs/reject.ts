// /驳回 — an admin rejects a binding request, with an optional reason.
import { handleDecide } from '../../../handlers/bind.ts';
import { ADMIN_ONLY } from '../refusals.ts';
import { parseArgs, type Command } from '../parse.ts';
import { defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'reject' }>;

export const reject = defineCommand<Args>({
  id: 'reject',
  names: ['驳回', '拒绝', 'bh', 'reject'],
  doc: '驳回绑定申请 `/驳回 7 理由`',
  access: { who: 'admin', refusal: ADMIN_ONLY('驳回绑定申请') },
  writes: true,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('reject', rest, o) as Args),
  run: (c, a) => handleDecide(c.progress(), a),
});
