// /身份 — the sender's roles and bindings.
import { handleWhoami } from '../../../handlers/roles.ts';
import { ANYONE, defineCommand, noArgs } from '../spec.ts';

export const whoami = defineCommand<null>({
  id: 'whoami',
  names: ['身份', '我是谁', 'sf', 'whoami', 'me'],
  doc: '查看自己的角色和绑定',
  access: ANYONE,
  writes: false,
  needs: ['db'],
  parse: noArgs,
  run: (c) => handleWhoami(c.progress()),
});
