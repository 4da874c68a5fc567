// One 佐证材料 file, behind the dashboard's page session (the caller checked it): looked up by
// its content hash only — the request names a hash, the row names the file, so no request can
// reach any other path. Images are shown inline (thumbnails on the item page), everything else
// downloads with its sender's name in Content-Disposition.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isImage, MIME, type EvidenceExt } from '../evidence/policy.ts';
import type { HttpResponse } from '../http/server.ts';
import type { Db } from '../store/db.ts';
import { evidenceBySha, evidencePath, type EvidenceRow } from '../store/evidence.ts';

export const EVIDENCE_PATH = '/dashboard/evidence';

const SHA = /^[0-9a-f]{64}$/;

/** The link of a file on the dashboard (relative: same origin, same session cookie). */
export const evidenceHref = (e: Pick<EvidenceRow, 'sha256'>): string => `${EVIDENCE_PATH}?f=${e.sha256}`;

export { isImage };

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
export function attachmentHeader(name: string, ext: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || `evidence.${ext}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function serveEvidence(db: Db, dataDir: string | undefined, f: string | null, notFound: () => HttpResponse): HttpResponse {
  if (!dataDir || !f || !SHA.test(f)) return notFound();
  const row = evidenceBySha(db, f);
  const mime = row && (MIME as Record<string, string | undefined>)[row.ext];
  if (!row || !mime) return notFound();
  let body: Buffer;
  try {
    body = readFileSync(join(resolve(dataDir), evidencePath(row.sha256, row.ext)));
  } catch {
    return notFound();
  }
  return {
    status: 200,
    headers: {
      'content-type': mime,
      'content-disposition': isImage(row.ext) ? 'inline' : attachmentHeader(row.name, row.ext as EvidenceExt),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      // a served file is data, never a page: nothing in it may run or load anything
      'content-security-policy': "default-src 'none'; sandbox",
      'referrer-policy': 'no-referrer',
    },
    body,
  };
}
