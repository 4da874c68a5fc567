// /领导 — list leader accounts (leaders, admins) or grant/revoke one (admins).
import { handleLeader } from '../../../handlers/roles.ts';
import { ADMIN_ONLY } from '../refusals.ts';
import { parseArgs, type Command } from '../parse.ts';
import { defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'leader-list' | 'leader-grant' | 'leader-revoke' }>;

export const leader = defineCommand<Args>({
  id: 'leader',
  names: ['领导', 'ld', 'leader'],
  doc: '`/领导` 列出领导账号（领导、督查室）；督查室 `/领导 @某人 曹陶` 设为领导，`/领导 删 @某人`',
  access: (a) =>
    a.kind === 'leader-list'
      ? { who: 'readAll', refusal: '领导名单只有领导和督查室可以查看。' }
      : { who: 'admin', refusal: ADMIN_ONLY('设置领导账号') },
  writes: (a) => a.kind !== 'leader-list',
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('leader', rest, o) as Args),
  run: (c, a) => handleLeader(c.progress(), a),
});
