// /销号 — a lead unit asks to close an item (the office approves with /批准 销号28); the
// office reopens a closed one with /销号 28 撤销.
import { handleClose } from '../../../handlers/close.ts';
import { parseClose, type CloseArgs } from '../../loop/parse.ts';
import { ANYONE, defineCommand } from '../spec.ts';

export const close = defineCommand<CloseArgs>({
  id: 'close',
  names: ['销号', 'xh', 'close'],
  doc: '牵头单位联络员申请销号 `/销号 28 完成情况`，督查室 `/批准 销号28` 或 `/驳回 销号28 理由`（督查室自己发即直接销号）；`/销号 28 撤销` 督查室重新打开、申请人撤回申请',
  access: ANYONE,
  writes: true,
  needs: ['db'],
  parse: (rest) => parseClose(rest),
  run: (c, a) => handleClose(c.progress(), a),
});
