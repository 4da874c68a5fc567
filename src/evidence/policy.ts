// What a piece of evidence (佐证材料) may be, decided from bytes and names only: no I/O here.
// The type is sniffed from the content, not trusted from the name, so an .exe renamed .jpg is
// refused; office files need the name as well (a .docx is a zip, a .doc an OLE container).
export const EVIDENCE_WINDOW_MS = 10 * 60_000;
export const DEFAULT_EVIDENCE_MAX_MB = 10;

export const ALLOWED_EXTS = ['jpg', 'png', 'pdf', 'doc', 'docx', 'xls', 'xlsx'] as const;
export type EvidenceExt = (typeof ALLOWED_EXTS)[number];

export const MIME: Record<EvidenceExt, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Pictures are shown (thumbnails); every other type is downloaded. */
export const isImage = (ext: string): boolean => ext === 'jpg' || ext === 'png';

export const REFUSED_TYPE_REPLY = '佐证材料只收图片（jpg/png）、PDF、Word（doc/docx）和 Excel（xls/xlsx），这个文件未保存。';
export const tooBigReply = (maxMb: number) => `文件超过 ${maxMb} MB，未保存。请压缩后再发，或分几份发送。`;
export const NO_REPORT_REPLY = '请先发送 /进展 编号 内容，再发图片（10 分钟内发送，或直接回复那条 /进展 消息）。';

/** EVIDENCE_MAX_MB as bytes; a missing, non-numeric or non-positive value is the default. */
export function evidenceMaxBytes(env: Record<string, string | undefined>): number {
  const mb = Number(env.EVIDENCE_MAX_MB);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_EVIDENCE_MAX_MB) * 1024 * 1024);
}

type Family = 'jpg' | 'png' | 'pdf' | 'ole' | 'zip';

function sniff(head: Uint8Array): Family | undefined {
  const starts = (...b: number[]) => b.every((x, i) => head[i] === x);
  if (starts(0xff, 0xd8, 0xff)) return 'jpg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  return undefined;
}

function nameExt(name: string | undefined): string | undefined {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name?.trim() ?? '');
  if (!m) return undefined;
  const e = m[1]!.toLowerCase();
  return e === 'jpeg' ? 'jpg' : e;
}

/** A zip's Office kind from the part names its local headers carry in plain text: a WeCom file
 * can arrive without a name, and a .docx and a .xlsx differ only inside. */
export function officeZipKind(bytes: Uint8Array): 'docx' | 'xlsx' | undefined {
  if (sniff(bytes.subarray(0, 16)) !== 'zip') return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256 * 1024)).toString('latin1');
  const word = text.includes('word/document.xml');
  const xl = text.includes('xl/workbook.xml');
  return word === xl ? undefined : word ? 'docx' : 'xlsx';
}

/** The stored type of a file, or undefined when it is refused. */
export function classify(head: Uint8Array, name?: string): EvidenceExt | undefined {
  const fam = sniff(head);
  const ext = nameExt(name);
  // a phone's PNG saved as .jpg is still a picture; anything else must say what it is
  if (fam === 'jpg' || fam === 'png') return ext === undefined || ext === 'jpg' || ext === 'png' ? fam : undefined;
  if (fam === 'pdf') return ext === undefined || ext === 'pdf' ? 'pdf' : undefined;
  if (fam === 'ole') return ext === 'doc' || ext === 'xls' ? ext : undefined;
  if (fam === 'zip') return ext === 'docx' || ext === 'xlsx' ? ext : undefined;
  return undefined;
}

/** The report a file attaches to: the one it replies to (the sender's own), else the sender's
 * newest report in the same chat (any chat when chatId is undefined: a direct chat with the
 * bot) filed at most EVIDENCE_WINDOW_MS before the file. */
export interface LinkCandidate {
  id: number;
  userId: string;
  chatId: string;
  messageId: string;
  createdAt: string;
}
export function linkTarget<R extends LinkCandidate>(
  reports: readonly R[],
  file: { userId: string; chatId: string | undefined; replyTo?: string; at: Date },
): R | undefined {
  const own = reports.filter((r) => r.userId === file.userId && (file.chatId === undefined || r.chatId === file.chatId));
  if (file.replyTo) {
    const replied = own.find((r) => r.messageId === file.replyTo);
    if (replied) return replied;
  }
  const t = file.at.getTime();
  return own
    .filter((r) => {
      const c = Date.parse(r.createdAt);
      return c <= t && t - c <= EVIDENCE_WINDOW_MS;
    })
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)[0];
}
