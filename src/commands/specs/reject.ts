// /驳回 — an admin rejects a binding request, with an optional reason (/驳回 7 理由), or sends
// an item's 销号 request back with a reason (/驳回 销号28 理由).
import { handleDecide } from '../../../handlers/bind.ts';
import { handleDecideClose } from '../../../handlers/close.ts';
import { parseDecideClose, type DecideCloseArgs } from '../../loop/parse.ts';
import { ADMIN_ONLY } from '../refusals.ts';
import { parseArgs, type Command } from '../parse.ts';
import { defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'reject' }> | DecideCloseArgs;

export const reject = defineCommand<Args>({
  id: 'reject',
  names: ['驳回', '拒绝', 'bh', 'reject'],
  doc: '驳回绑定申请 `/驳回 7 理由`；退回销号申请 `/驳回 销号28 理由`',
  access: (a) => ({ who: 'admin', refusal: ADMIN_ONLY(a.kind === 'reject' ? '驳回绑定申请' : '退回销号申请') }),
  writes: true,
  needs: ['db'],
  parse: (rest, o) => parseDecideClose('reject', rest) ?? fromCommand(parseArgs('reject', rest, o) as Extract<Command, { kind: 'reject' }>),
  run: (c, a) => (a.kind === 'reject' ? handleDecide(c.progress(), a) : handleDecideClose(c.progress(), a)),
});
