// Evidence (佐证材料) linked to reports. The bytes live under DATA_DIR/evidence/ab/<sha256>.<ext>
// (content-addressed: the same photo sent twice is stored once); this table says which report
// each file message belongs to. One row per platform message: a redelivered message finds its
// row and is answered the same way without downloading again.
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { prepared, type Db } from './db.ts';
import { DIR_MODE, FILE_MODE } from './privacy.ts';

export interface EvidenceRow {
  id: number;
  reportId: number;
  taskNo: number;
  platform: string;
  userId: string;
  chatId: string;
  messageId: string;
  sha256: string;
  ext: string;
  name: string;
  size: number;
  createdAt: string;
}
export type NewEvidence = Omit<EvidenceRow, 'id'>;

const cols = (t: string) => `${t}.id, ${t}.report_id AS reportId, ${t}.task_no AS taskNo, ${t}.platform, ${t}.user_id AS userId,
  ${t}.chat_id AS chatId, ${t}.message_id AS messageId, ${t}.sha256, ${t}.ext, ${t}.name, ${t}.size, ${t}.created_at AS createdAt`;
const COLS = cols('evidence');

/** Inserts the link (a second insert for the same message returns the first row). */
export function insertEvidence(db: Db, e: NewEvidence): EvidenceRow {
  prepared(db, `INSERT INTO evidence (report_id, task_no, platform, user_id, chat_id, message_id, sha256, ext, name, size, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, message_id) DO NOTHING`)
    .run(e.reportId, e.taskNo, e.platform, e.userId, e.chatId, e.messageId, e.sha256, e.ext, e.name, e.size, e.createdAt);
  return evidenceOfMessage(db, e.platform, e.messageId)!;
}

export function evidenceOfMessage(db: Db, platform: string, messageId: string): EvidenceRow | undefined {
  return prepared(db, `SELECT ${COLS} FROM evidence WHERE platform = ? AND message_id = ?`).get(platform, messageId) as EvidenceRow | undefined;
}

export function evidenceOfReport(db: Db, reportId: number): EvidenceRow[] {
  return prepared(db, `SELECT ${COLS} FROM evidence WHERE report_id = ? ORDER BY id`).all(reportId) as EvidenceRow[];
}

/** Evidence of a task's live reports, oldest first. */
export function evidenceOfTask(db: Db, taskNo: number): EvidenceRow[] {
  return prepared(db, `SELECT ${cols('e')} FROM evidence e
    JOIN reports r ON r.id = e.report_id WHERE e.task_no = ? AND r.revoked_at IS NULL ORDER BY e.id`).all(taskNo) as EvidenceRow[];
}

/** task_no → number of evidence files on its live reports. */
export function evidenceCounts(db: Db): Map<number, number> {
  const rows = prepared(db, `SELECT e.task_no AS taskNo, COUNT(*) AS n FROM evidence e JOIN reports r ON r.id = e.report_id
    WHERE r.revoked_at IS NULL GROUP BY e.task_no`).all() as { taskNo: number; n: number }[];
  return new Map(rows.map((r) => [r.taskNo, r.n]));
}

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Where a file lives, relative to the data directory. */
export const evidencePath = (sha: string, ext: string): string => join('evidence', sha.slice(0, 2), `${sha}.${ext}`);

/** Writes the bytes (once per content) with private modes; returns the sha256. A crash halfway
 * leaves a .part file, never a truncated file under the final name. */
export function saveEvidenceFile(dataDir: string, bytes: Uint8Array, ext: string): string {
  const sha = sha256Hex(bytes);
  const file = join(resolve(dataDir), evidencePath(sha, ext));
  if (existsSync(file)) return sha;
  const root = join(resolve(dataDir), 'evidence');
  const dir = join(root, sha.slice(0, 2));
  for (const d of [root, dir]) {
    mkdirSync(d, { recursive: true, mode: DIR_MODE });
    chmodSync(d, DIR_MODE); // mkdir's mode passes through the caller's umask
  }
  const part = `${file}.part`;
  writeFileSync(part, bytes, { mode: FILE_MODE });
  chmodSync(part, FILE_MODE);
  renameSync(part, file);
  return sha;
}

/** The sender's live reports in a chat (any chat when chatId is undefined) that a file could
 * attach to: those filed since `sinceIso` and the one with message id `replyTo` (a reply may
 * come later than the window). */
export function linkCandidates(db: Db, platform: string, userId: string, chatId: string | undefined, sinceIso: string, replyTo?: string): ReportLink[] {
  return prepared(db, `SELECT id, task_no AS taskNo, user_id AS userId, user_name AS userName, chat_id AS chatId, message_id AS messageId, created_at AS createdAt
    FROM reports WHERE platform = ? AND user_id = ? AND (? IS NULL OR chat_id = ?) AND revoked_at IS NULL AND (created_at >= ? OR message_id = ?)
    ORDER BY created_at DESC, id DESC LIMIT 50`).all(platform, userId, chatId ?? null, chatId ?? null, sinceIso, replyTo ?? '') as ReportLink[];
}
export interface ReportLink {
  id: number;
  taskNo: number;
  userId: string;
  userName: string;
  chatId: string;
  messageId: string;
  createdAt: string;
}

/** Whether the user ever filed a live report in the chat. */
export function hasReportedIn(db: Db, platform: string, userId: string, chatId: string): boolean {
  return !!prepared(db, 'SELECT 1 FROM reports WHERE platform = ? AND user_id = ? AND chat_id = ? AND revoked_at IS NULL LIMIT 1').get(platform, userId, chatId);
}

/** Evidence files on a task's live reports. */
export function countEvidence(db: Db, taskNo: number): number {
  return (prepared(db, `SELECT COUNT(*) AS n FROM evidence e JOIN reports r ON r.id = e.report_id
    WHERE e.task_no = ? AND r.revoked_at IS NULL`).get(taskNo) as { n: number }).n;
}

/** The evidence row of a content hash, on a live report (a withdrawn report's files are not
 * served). The hash is the only key a request can give: the path comes from the row. */
export function evidenceBySha(db: Db, sha256: string): EvidenceRow | undefined {
  return prepared(db, `SELECT ${cols('e')} FROM evidence e JOIN reports r ON r.id = e.report_id
    WHERE e.sha256 = ? AND r.revoked_at IS NULL ORDER BY e.id LIMIT 1`).get(sha256) as EvidenceRow | undefined;
}

export interface EvidenceListing extends EvidenceRow {
  unit: string;
  userName: string;
  reportAt: string;
  reportText: string;
}

/** Every file on a live report with its report's unit, reporter and text, by item then time. */
export function evidenceListing(db: Db): EvidenceListing[] {
  return prepared(db, `SELECT ${cols('e')}, r.unit, r.user_name AS userName, r.created_at AS reportAt, r.text AS reportText
    FROM evidence e JOIN reports r ON r.id = e.report_id WHERE r.revoked_at IS NULL ORDER BY e.task_no, e.id`).all() as EvidenceListing[];
}
