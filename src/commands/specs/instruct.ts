// /批示 — a leader's instruction on an item, posted to the lead units' group; /批示 alone lists
// the sender's instructions and whether they were signed.
import { handleInstruct, handleInstructList } from '../../../handlers/loop.ts';
import { parseInstruct, type InstructArgs } from '../../loop/parse.ts';
import { defineCommand } from '../spec.ts';

export const instruct = defineCommand<InstructArgs>({
  id: 'instruct',
  names: ['批示', 'ps', 'instruct'],
  doc: '领导、督查室：`/批示 28 抓紧推进，月底前开工` 发到牵头单位所在群并 @ 联络员，联络员 `/签收 28`；`/批示` 查看自己的批示和签收情况',
  access: { who: 'readAll', refusal: '只有领导和督查室可以批示。' },
  writes: (a) => a.kind === 'instruct',
  needs: ['db', 'notify'],
  posts: true,
  parse: (rest) => parseInstruct(rest),
  run: (c, a) => (a.kind === 'instruct' ? handleInstruct(c.progress(), c.services.notify!, a) : handleInstructList(c.progress())),
});
