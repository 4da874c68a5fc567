// A file message from a liaison → evidence on their report. The order matters: first which
// report (no download when there is none), then the bytes under the size cap, then the type from
// the content, then the file and its link. Every outcome is one short Chinese reply (or none,
// for a stranger's photo in a group).
import { log } from '../log.ts';
import { appendAudit } from '../store/audit.ts';
import { writeTx, type Db } from '../store/db.ts';
import { evidenceOfMessage, evidenceOfReport, hasReportedIn, insertEvidence, linkCandidates, saveEvidenceFile } from '../store/evidence.ts';
import { classify, EVIDENCE_WINDOW_MS, isImage, linkTarget, NO_REPORT_REPLY, officeZipKind, REFUSED_TYPE_REPLY, tooBigReply } from './policy.ts';

/** The download stopped because the file is larger than allowed. */
export class TooBigError extends Error {
  constructor() {
    super('evidence file over the size limit');
  }
}

export interface IncomingFile {
  platform: string;
  chatId: string;
  userId: string;
  messageId: string;
  /** the message this one replies to (Feishu parent_id) */
  replyTo?: string;
  /** the file name the sender gave (images have none) */
  fileName?: string;
  kind: 'image' | 'file';
  /** a direct chat with the bot (in a group, strangers' photos are not answered) */
  isDirect: boolean;
  at: Date;
  /** Fetches the bytes; rejects with TooBigError past maxBytes (it should stop reading then).
   * A platform that learns the file name only from the download (WeCom: Content-Disposition)
   * returns it with the bytes. */
  download: (maxBytes: number) => Promise<Uint8Array | { bytes: Uint8Array; fileName?: string }>;
}

export interface EvidenceDeps {
  db: Db;
  dataDir: string;
  maxBytes: number;
}

export const attachedReply = (count: number, taskNo: number) => `已附佐证材料${count}份（第${taskNo}项）。`;

export async function attachEvidence(deps: EvidenceDeps, f: IncomingFile): Promise<string> {
  const { db } = deps;
  const again = evidenceOfMessage(db, f.platform, f.messageId);
  if (again) return attachedReply(evidenceOfReport(db, again.reportId).length, again.taskNo);
  const since = new Date(f.at.getTime() - EVIDENCE_WINDOW_MS).toISOString();
  // In a direct chat the sender's report may be in any chat: WeCom delivers images and files to
  // the bot only in single chats, so a liaison reports in the group and sends the photo privately.
  const inChat = f.isDirect ? undefined : f.chatId;
  const report = linkTarget(linkCandidates(db, f.platform, f.userId, inChat, since, f.replyTo), { ...f, chatId: inChat });
  // In a group the bot sees every photo (the permission that lets it see photos at all): one
  // from someone who never reported there is not meant for it and gets no answer ('').
  if (!report) return f.isDirect || hasReportedIn(db, f.platform, f.userId, f.chatId) ? NO_REPORT_REPLY : '';
  let bytes: Uint8Array;
  let fileName = f.fileName;
  try {
    const got = await f.download(deps.maxBytes);
    if (got instanceof Uint8Array) bytes = got;
    else (bytes = got.bytes), (fileName ??= got.fileName);
  } catch (err) {
    if (err instanceof TooBigError) return tooBigReply(Math.round(deps.maxBytes / 1024 / 1024));
    throw err;
  }
  if (bytes.byteLength > deps.maxBytes) return tooBigReply(Math.round(deps.maxBytes / 1024 / 1024));
  // no name (WeCom files may come without one): an Office zip still says what it is inside
  const office = fileName?.trim() ? undefined : officeZipKind(bytes);
  const ext = bytes.byteLength ? classify(bytes.subarray(0, 16), fileName?.trim() || (office && `x.${office}`)) : undefined;
  if (!ext) return REFUSED_TYPE_REPLY;
  const sha = saveEvidenceFile(deps.dataDir, bytes, ext);
  const name = (fileName?.trim() || `${isImage(ext) ? '图片' : '文件'}.${ext}`).slice(0, 200);
  const row = writeTx(db, () => {
    const e = insertEvidence(db, {
      reportId: report.id,
      taskNo: report.taskNo,
      platform: f.platform,
      userId: f.userId,
      chatId: f.chatId,
      messageId: f.messageId,
      sha256: sha,
      ext,
      name,
      size: bytes.byteLength,
      createdAt: f.at.toISOString(),
    });
    // the same transaction: a file on a report is a fact the audit log answers for
    appendAudit(db, {
      at: f.at.toISOString(), platform: f.platform, userId: f.userId, userName: report.userName, chatId: f.chatId, messageId: f.messageId,
      action: 'evidence.attach', entity: 'evidence', entityId: String(e.id), before: null,
      after: { reportId: report.id, taskNo: report.taskNo, name, ext, size: bytes.byteLength, sha256: sha },
    });
    return e;
  });
  log.info('evidence attached', { report: report.id, task: report.taskNo, size: bytes.byteLength, ext });
  return attachedReply(evidenceOfReport(db, row.reportId).length, row.taskNo);
}
