// /待批 — the binding requests and the 销号 requests waiting for an admin.
import { handlePending } from '../../../handlers/bind.ts';
import { pendingClosureLines } from '../../../handlers/close.ts';
import { ADMIN_ONLY } from '../refusals.ts';
import { defineCommand, noArgs } from '../spec.ts';

export const pending = defineCommand<null>({
  id: 'pending',
  names: ['待批', '待审批', 'db', 'pending'],
  help: { section: 'admin', order: 10, text: '督查室：/待批、/批准 7、/驳回 7 理由、/绑定 @某人 住建局、/领导 @某人 曹陶；/身份 — 查看自己的角色' },
  doc: '待批准的绑定申请和销号申请',
  access: { who: 'admin', refusal: ADMIN_ONLY('查看待批准的申请') },
  writes: false,
  needs: ['db'],
  parse: noArgs,
  run: (c) => {
    const ctx = c.progress();
    const bindings = handlePending(ctx);
    const closures = pendingClosureLines(ctx);
    return closures.length ? { text: `${bindings.text}\n${closures.join('\n')}` } : bindings;
  },
});
