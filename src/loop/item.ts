// The item a supervision-loop command (/催办, /批示, /签收, /销号, /批准 销号) is about. Today
// an item is a key task, addressed like /进展 addresses it (28, 第28项, 第二十八项 …). This is the
// one place that reads the item argument, so it can be switched to the supervised-item
// addressing of issue 15 (民生实事, 开局八好, town indicators) without touching the commands.
import { taskRef, type Cursor } from '../commands/parse.ts';

export interface ItemRef {
  /** the key task's number */
  taskNo: number;
}

/** The item at the start of `cur` and the text after it, or the Chinese reply naming what to
 * type instead (`example` is the command written right, e.g. "/催办 28 请本周内报送进展"). */
export function parseItemArg(cur: Cursor, example: string): { item: ItemRef; rest: Cursor } | { error: string } {
  const ref = taskRef(cur, example);
  if (ref === null) return { error: `请写事项编号（重点工作任务的编号，如 28、第28项），例如：${example}` };
  if ('error' in ref) return { error: ref.error };
  return { item: { taskNo: ref.no }, rest: ref.rest };
}
