// The one owner of the active task list: the bundled key tasks, or the list imported with
// `duban import` (task_lists, src/ledger/store.ts). Every reader — chat, reminders, dashboard,
// export, the CLI — asks this service per use, so an import made by another process is seen
// without a restart. The check per use is one indexed SELECT of the active row's id; the
// answer context (search index) is rebuilt only when that id changes.
import type { KeyTask, KnowledgeBase } from '../knowledge/types.ts';
import { loadKnowledge } from '../knowledge/load.ts';
import { buildContext, type AnswerContext } from './answer/context.ts';
import { knowledgeContext } from './knowledgeContext.ts';
import { activeTaskList } from './ledger/store.ts';
import { existsSync } from 'node:fs';
import { dbPath, openDbFile, prepared, type Db } from './store/db.ts';

export interface TaskListService {
  /** the answer context of the active list */
  knowledge(): AnswerContext;
  kb(): KnowledgeBase;
  tasks(): readonly KeyTask[];
  /** the task_lists row in use, or null for the bundled list */
  importedId(): number | null;
  /** the store the list is read from, when there is one (read-only for the CLI) */
  db?: Db;
}

function activeId(db: Db): number | null {
  const table = prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_lists'").get();
  if (!table) return null;
  const row = prepared(db, 'SELECT id FROM task_lists WHERE active = 1').get() as { id: number } | undefined;
  return row?.id ?? null;
}

/** Without a store (a fresh clone's `ask`), the bundled list. */
export function taskListService(db: Db | undefined): TaskListService {
  let built: { id: number; ctx: AnswerContext } | undefined;
  const knowledge = (): AnswerContext => {
    const id = db?.open ? activeId(db) : null;
    if (id === null) return knowledgeContext();
    if (built?.id !== id) {
      const tasks = activeTaskList(db!);
      if (!tasks) return knowledgeContext();
      built = { id, ctx: buildContext({ ...loadKnowledge(), keyTasks: tasks }) };
    }
    return built.ctx;
  };
  return {
    knowledge,
    kb: () => knowledge().kb,
    tasks: () => knowledge().kb.keyTasks,
    importedId: () => (db?.open ? activeId(db) : null),
    ...(db ? { db } : {}),
  };
}

/** For CLI commands that must not create files (`ask`): the store read-only when it exists,
 * else the bundled list. */
export function readOnlyTaskList(dataDir: string): TaskListService {
  const file = dbPath(dataDir);
  return taskListService(existsSync(file) ? openDbFile(file, { readonly: true }) : undefined);
}
