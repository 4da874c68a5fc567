// Milestones (节点): the dated targets a lead unit owes on a task. Deleting one sets
// deleted_at; the row stays for the record.
import type { Platform } from '../types.ts';
import { prepared, type Db } from './db.ts';

export const MILESTONE_MAX_CHARS = 200;

export interface MilestoneRow {
  id: number;
  taskNo: number;
  dueDate: string; // yyyy-mm-dd
  dueLabel: string; // as written: 6月底
  text: string;
  targetPercent: number | null;
  unit: string;
  platform: Platform;
  userId: string;
  userName: string;
  chatId: string;
  messageId: string;
  createdAt: string;
  updatedAt: string | null;
  deletedAt: string | null;
}

export type NewMilestone = Omit<MilestoneRow, 'id' | 'updatedAt' | 'deletedAt'>;

const COLS = `id, task_no AS taskNo, due_date AS dueDate, due_label AS dueLabel, text, target_percent AS targetPercent,
  unit, platform, user_id AS userId, user_name AS userName, chat_id AS chatId, message_id AS messageId,
  created_at AS createdAt, updated_at AS updatedAt, deleted_at AS deletedAt`;

export function insertMilestone(db: Db, m: NewMilestone): MilestoneRow {
  const info = prepared(db,
      `INSERT INTO milestones (task_no, due_date, due_label, text, target_percent, unit, platform, user_id, user_name, chat_id, message_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(m.taskNo, m.dueDate, m.dueLabel, m.text, m.targetPercent, m.unit, m.platform, m.userId, m.userName, m.chatId, m.messageId, m.createdAt);
  return getMilestone(db, Number(info.lastInsertRowid))!;
}

export function getMilestone(db: Db, id: number): MilestoneRow | undefined {
  return prepared(db, `SELECT ${COLS} FROM milestones WHERE id = ?`).get(id) as MilestoneRow | undefined;
}

/** Live milestones of one task (or of every task), by due date. */
export function liveMilestones(db: Db, taskNo?: number): MilestoneRow[] {
  return (
    taskNo === undefined
      ? prepared(db, `SELECT ${COLS} FROM milestones WHERE deleted_at IS NULL ORDER BY task_no, due_date, id`).all()
      : prepared(db, `SELECT ${COLS} FROM milestones WHERE task_no = ? AND deleted_at IS NULL ORDER BY due_date, id`).all(taskNo)
  ) as MilestoneRow[];
}

/** Every milestone ever set, deleted ones included (a view of an earlier instant has them). */
export function allMilestones(db: Db): MilestoneRow[] {
  return prepared(db, `SELECT ${COLS} FROM milestones ORDER BY task_no, due_date, id`).all() as MilestoneRow[];
}

export function updateMilestone(
  db: Db,
  id: number,
  change: { dueDate: string; dueLabel: string; text: string; targetPercent: number | null },
  at: string,
): MilestoneRow {
  prepared(db, 'UPDATE milestones SET due_date = ?, due_label = ?, text = ?, target_percent = ?, updated_at = ? WHERE id = ?').run(
    change.dueDate,
    change.dueLabel,
    change.text,
    change.targetPercent,
    at,
    id,
  );
  return getMilestone(db, id)!;
}

export function deleteMilestone(db: Db, id: number, at: string): MilestoneRow {
  prepared(db, 'UPDATE milestones SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id);
  return getMilestone(db, id)!;
}
