// /节点 — set, list, edit and delete a task's milestones.
import { handleMilestoneAdd, handleMilestoneDelete, handleMilestoneEdit, handleMilestoneList } from '../../../handlers/milestone.ts';
import { parseArgs, type Command } from '../parse.ts';
import { ANYONE, defineCommand, fromCommand } from '../spec.ts';

type Args = Extract<Command, { kind: 'milestone-add' | 'milestone-list' | 'milestone-edit' | 'milestone-delete' }>;

export const milestone = defineCommand<Args>({
  id: 'milestone',
  names: ['节点', 'jd', 'milestone', 'ms', 'node'],
  help: [
    { section: 'report', order: 40, text: '· /节点 28 6月底 完成主体结构 — 牵头单位设节点（日期可写 6月15日、三季度末、年底）' },
    { section: 'report', order: 50, text: '· /节点 28 — 查看节点；/节点 改 5 9月底 新内容；/节点 删 5' },
  ],
  doc: '牵头单位设节点 `/节点 28 6月底 完成主体结构`；`/节点 28` 查看，`/节点 改 5 …`、`/节点 删 5`',
  access: ANYONE,
  writes: (a) => a.kind !== 'milestone-list',
  needs: ['db'],
  parse: (rest, o) => fromCommand(parseArgs('milestone', rest, o) as Args),
  run: (c, a) => {
    const ctx = c.progress();
    switch (a.kind) {
      case 'milestone-add': return handleMilestoneAdd(ctx, a);
      case 'milestone-list': return handleMilestoneList(ctx, a);
      case 'milestone-edit': return handleMilestoneEdit(ctx, a);
      case 'milestone-delete': return handleMilestoneDelete(ctx, a);
    }
  },
});
