// /撤回 [28] — undo one's own last report within 24 hours. The report is kept, marked revoked,
// and no longer counts; the audit log keeps who revoked it and when.
import { audit, commitWrite, type Ctx } from '../src/commands/context.ts';
import type { Command } from '../src/commands/parse.ts';
import { clip } from '../src/progress/format.ts';
import { labelOf } from '../src/items/catalog.ts';
import { shortDateTime } from '../src/progress/time.ts';
import { revokeReport } from '../src/store/reports.ts';
import { userKey } from '../src/store/users.ts';
import type { OutgoingReply } from '../src/types.ts';
import { ownRecentReport } from './report.ts';

export function handleUndo(ctx: Ctx, cmd: Extract<Command, { kind: 'undo' }>): OutgoingReply {
  return commitWrite(ctx, () => {
    const before = ownRecentReport(ctx, cmd.taskNo, '撤回', cmd.ref);
    const after = revokeReport(ctx.db, before.id, userKey(ctx.msg), ctx.at);
    audit(ctx, { action: 'report.revoke', entity: 'report', entityId: after.id, before, after });
    return {
      text: `已撤回${labelOf(ctx.task(after.taskNo) ?? { no: after.taskNo })}进展 #${after.id}（${shortDateTime(after.createdAt)}“${clip(after.text, 30)}”）。记录保留并标注为已撤回，不再计入进度。`,
    };
  });
}
