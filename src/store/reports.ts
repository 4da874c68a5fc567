// Progress reports. A report is never deleted: an undo sets revoked_at, a correction updates
// text/percent/status in place (the audit row keeps the before and after).
import type { Platform } from '../types.ts';
import { prepared, type Db } from './db.ts';

export const REPORT_STATUSES = ['正常推进', '滞后', '已完成', '需协调'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_MAX_CHARS = 500;

export interface ReportRow {
  id: number;
  taskNo: number;
  platform: Platform;
  userId: string;
  userName: string;
  unit: string;
  text: string;
  percent: number | null;
  status: ReportStatus | null;
  chatId: string;
  messageId: string;
  createdAt: string;
  editedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

export type NewReport = Omit<ReportRow, 'id' | 'editedAt' | 'revokedAt' | 'revokedBy'>;

const COLS = `id, task_no AS taskNo, platform, user_id AS userId, user_name AS userName, unit, text, percent,
  status, chat_id AS chatId, message_id AS messageId, created_at AS createdAt, edited_at AS editedAt,
  revoked_at AS revokedAt, revoked_by AS revokedBy`;

export function insertReport(db: Db, r: NewReport): ReportRow {
  const info = prepared(db,
      `INSERT INTO reports (task_no, platform, user_id, user_name, unit, text, percent, status, chat_id, message_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.taskNo, r.platform, r.userId, r.userName, r.unit, r.text, r.percent, r.status, r.chatId, r.messageId, r.createdAt);
  return getReport(db, Number(info.lastInsertRowid))!;
}

export function getReport(db: Db, id: number): ReportRow | undefined {
  return prepared(db, `SELECT ${COLS} FROM reports WHERE id = ?`).get(id) as ReportRow | undefined;
}

/** Live (not revoked) reports of a task, newest first. */
export function latestReports(db: Db, taskNo: number, limit: number): ReportRow[] {
  return prepared(db, `SELECT ${COLS} FROM reports WHERE task_no = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`)
    .all(taskNo, limit) as ReportRow[];
}

export function countLiveReports(db: Db, taskNo: number): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM reports WHERE task_no = ? AND revoked_at IS NULL').get(taskNo) as { n: number }).n;
}

/** The user's newest live report (on one task, when given). */
export function lastOwnReport(db: Db, platform: string, userId: string, taskNo: number | null): ReportRow | undefined {
  return (
    taskNo === null
      ? prepared(db, `SELECT ${COLS} FROM reports WHERE platform = ? AND user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1`)
          .get(platform, userId)
      : prepared(db,
            `SELECT ${COLS} FROM reports WHERE platform = ? AND user_id = ? AND task_no = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1`,
          )
          .get(platform, userId, taskNo)
  ) as ReportRow | undefined;
}

export function revokeReport(db: Db, id: number, by: string, at: string): ReportRow {
  prepared(db, 'UPDATE reports SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL').run(at, by, id);
  return getReport(db, id)!;
}

export function editReport(
  db: Db,
  id: number,
  change: { text: string; percent: number | null; status: ReportStatus | null },
  at: string,
): ReportRow {
  prepared(db, 'UPDATE reports SET text = ?, percent = ?, status = ?, edited_at = ? WHERE id = ?').run(
    change.text,
    change.percent,
    change.status,
    at,
    id,
  );
  return getReport(db, id)!;
}

/** The slice of a report the task-state rule reads. */
export interface StateReportRow {
  taskNo: number;
  createdAt: string;
  percent: number | null;
  status: ReportStatus | null;
}

/** Every live report, oldest first, from the covering index only. */
export function liveStateReports(db: Db, taskNos?: readonly number[]): StateReportRow[] {
  const base = `SELECT task_no AS taskNo, created_at AS createdAt, percent, status FROM reports INDEXED BY reports_live_state
    WHERE revoked_at IS NULL`;
  if (!taskNos) return prepared(db, `${base} ORDER BY task_no, created_at`).all() as StateReportRow[];
  if (taskNos.length === 0) return [];
  const marks = taskNos.map(() => '?').join(', ');
  return prepared(db, `${base} AND task_no IN (${marks}) ORDER BY task_no, created_at`).all(...taskNos) as StateReportRow[];
}

/** Reports withdrawn with /撤回, with when (few: /撤回 works for 24 hours): a view of an
 * earlier instant (a reminder preview of a past day) still counts the ones withdrawn after it. */
export function revokedReports(db: Db): (ReportRow & { revokedAt: string })[] {
  return prepared(db, `SELECT ${COLS} FROM reports WHERE revoked_at IS NOT NULL ORDER BY task_no, created_at, id`).all() as (ReportRow & { revokedAt: string })[];
}

/** The task's latest live report filed by instant `at` (ISO), through the live-state index. */
export function latestLiveReportAt(db: Db, taskNo: number, at: string): ReportRow | undefined {
  const hit = prepared(db, `SELECT id FROM reports INDEXED BY reports_live_state WHERE task_no = ? AND revoked_at IS NULL AND created_at <= ?
    ORDER BY created_at DESC LIMIT 1`).get(taskNo, at) as { id: number } | undefined;
  return hit ? getReport(db, hit.id) : undefined;
}

/** Live reports filed in [fromIso, toIso] (ISO instants), oldest first: a bulletin's period. */
export function reportsBetween(db: Db, fromIso: string, toIso: string): ReportRow[] {
  return prepared(db, `SELECT ${COLS} FROM reports WHERE revoked_at IS NULL AND created_at >= ? AND created_at <= ? ORDER BY created_at, id`).all(fromIso, toIso) as ReportRow[];
}
