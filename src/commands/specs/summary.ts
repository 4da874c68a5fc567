// /汇总 — counts by state, by unit, leader or town, or of one of them.
import { handleSummary } from '../../../handlers/summary.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'summary' | 'summary-of' }>;

export const summary = defineCommand<Args>({
  id: 'summary',
  names: ['汇总', '统计', 'hz', 'summary', 'sum'],
  doc: '按状态计数（各清单）；`/汇总 单位`、`/汇总 领导`、`/汇总 镇`、`/汇总 指标`（镇街指标目标与已报）、`/汇总 住建局` 分列或只看一个',
  access: ANYONE,
  writes: false,
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('summary', rest, o) as Args),
  run: (c, a) => handleSummary(c.progress(), a),
});
