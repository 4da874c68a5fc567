// /进展 — report progress on a task (writes), or view its state (reads).
import { handleView } from '../../../handlers/progress.ts';
import { handleReport } from '../../../handlers/report.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'report' | 'view' }>;

export const progress = defineCommand<Args>({
  id: 'progress',
  names: ['进展', '进度', '填报', 'jz', 'report', 'progress'],
  help: [
    { section: 'report', order: 20, text: '· /进展 28 已开工建设120套，完成率30% — 填报进展（可加状态：正常推进/滞后/已完成/需协调）' },
    { section: 'report', order: 21, text: '· 其他清单：民生6.1（单项写 民生14）、指标43 白塘镇 完成2座（镇街写累计数）、八好1.4、票决1，如 /进展 八好1.4 布展方案已定稿' },
    { section: 'view', order: 10, text: '· /进展 28 — 最近进展和节点；/滞后 — 滞后任务；/汇总 [单位|领导|镇|指标|住建局]' },
  ],
  doc: '`/进展 28 内容` 填报进展（本单位联络员、督查室）；`/进展 28` 查看状态、最近进展和节点；其他清单写 `民生6.1`、`指标43 白塘镇`、`八好1.4`、`票决1`',
  access: ANYONE,
  writes: (a) => a.kind === 'report',
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('progress', rest, o) as Args),
  run: (c, a) => (a.kind === 'report' ? handleReport(c.progress(), a) : handleView(c.progress(), a)),
});
