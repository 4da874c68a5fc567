// /催办 — the office (or a leader) chases an item's lead units in their group, now.
// The id is 'nudge': the registry test declares its own /催办 under that id and replaces this one.
import { handleChase } from '../../../handlers/loop.ts';
import { parseChase, type ChaseArgs } from '../../loop/parse.ts';
import { defineCommand } from '../spec.ts';

export const chase = defineCommand<ChaseArgs>({
  id: 'nudge',
  names: ['催办', 'cb', 'nudge', 'chase'],
  help: { section: 'admin', order: 20, text: '督查室、领导：/催办 28 话 — 在牵头单位群里 @ 联络员催办（每项每天一次，再催：/催办 28 再次 …）；/批示 28 内容；/批示 — 签收情况' },
  doc: '督查室、领导：立即在牵头单位所在群 @ 联络员催办，写明逾期节点和督查室的话；每项每天一次，`/催办 28 再次 …` 再催',
  access: { who: 'readAll', refusal: '只有督查室和领导可以催办。联络员请用 /进展 填报进展。' },
  writes: true,
  needs: ['db', 'notify'],
  posts: true,
  parse: (rest) => parseChase(rest),
  run: (c, a) => handleChase(c.progress(), c.services.notify!, a),
});
