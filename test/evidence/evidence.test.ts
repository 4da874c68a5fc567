// 佐证材料: type and size rules (pure), the linking rule, the content-addressed private store
// and the v10 migration.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { attachEvidence, TooBigError, type IncomingFile } from '../../src/evidence/attach.ts';
import { classify, EVIDENCE_WINDOW_MS, evidenceMaxBytes, linkTarget, NO_REPORT_REPLY, officeZipKind, REFUSED_TYPE_REPLY } from '../../src/evidence/policy.ts';
import { listAudit } from '../../src/store/audit.ts';
import { MIGRATIONS, openDb, type Db } from '../../src/store/db.ts';
import { EVIDENCE_MIGRATION } from '../../src/store/evidenceMigration.ts';
import { evidenceCounts, evidenceOfReport, evidencePath } from '../../src/store/evidence.ts';
import { insertReport, revokeReport } from '../../src/store/reports.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

quietLog();

const JPG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const PDF = new TextEncoder().encode('%PDF-1.7 ...');
const OLE = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]);
const EXE = new TextEncoder().encode('MZ\x90\x00 this is a program');

describe('classify', () => {
  it('takes the type from the content and needs the name only to tell office formats apart', () => {
    expect(classify(JPG)).toBe('jpg');
    expect(classify(PNG, 'IMG_1.JPG')).toBe('png');
    expect(classify(JPG, '现场.jpeg')).toBe('jpg');
    expect(classify(PDF, '验收.pdf')).toBe('pdf');
    expect(classify(OLE, '台账.xls')).toBe('xls');
    expect(classify(OLE, '报告.DOC')).toBe('doc');
    expect(classify(ZIP, '报告.docx')).toBe('docx');
    expect(classify(ZIP, '表.xlsx')).toBe('xlsx');
  });
  it('refuses programs, archives and content that contradicts its name', () => {
    expect(classify(EXE, '照片.jpg')).toBeUndefined();
    expect(classify(ZIP, '资料.zip')).toBeUndefined();
    expect(classify(ZIP)).toBeUndefined();
    expect(classify(OLE, 'x.docx')).toBeUndefined();
    expect(classify(JPG, '伪装.pdf')).toBeUndefined();
    expect(classify(new Uint8Array())).toBeUndefined();
  });
  it('never accepts bytes that start with no known signature, whatever the name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 16 }), fc.constantFrom(undefined, 'a.jpg', 'a.png', 'a.pdf', 'a.doc', 'a.docx', 'a.xls', 'a.xlsx'), (bytes, name) => {
        const known = [JPG.subarray(0, 3), PNG.subarray(0, 8), PDF.subarray(0, 5), OLE.subarray(0, 8), ZIP.subarray(0, 4)].some((sig) => sig.every((b, i) => bytes[i] === b));
        if (!known) expect(classify(bytes, name)).toBeUndefined();
      }),
    );
  });
});

describe('evidenceMaxBytes', () => {
  it('defaults to 10 MB and reads EVIDENCE_MAX_MB', () => {
    expect(evidenceMaxBytes({})).toBe(10 * 1024 * 1024);
    expect(evidenceMaxBytes({ EVIDENCE_MAX_MB: '2' })).toBe(2 * 1024 * 1024);
    for (const bad of ['', 'abc', '0', '-3']) expect(evidenceMaxBytes({ EVIDENCE_MAX_MB: bad })).toBe(10 * 1024 * 1024);
  });
});

describe('linkTarget', () => {
  const at = new Date('2026-03-05T02:00:00Z');
  const r = (id: number, minutesBefore: number, over: Partial<{ userId: string; chatId: string; messageId: string }> = {}) => ({
    id, userId: 'u', chatId: 'g', messageId: `m${id}`, createdAt: new Date(at.getTime() - minutesBefore * 60_000).toISOString(), ...over,
  });
  it('a file attaches to the sender’s newest report in the chat within 10 minutes, never to someone else’s', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ min: fc.integer({ min: -5, max: 30 }), user: fc.constantFrom('u', 'v'), chat: fc.constantFrom('g', 'h') }), { maxLength: 8 }),
        (specs) => {
          const reports = specs.map((s, i) => r(i + 1, s.min, { userId: s.user, chatId: s.chat }));
          const hit = linkTarget(reports, { userId: 'u', chatId: 'g', at });
          const ok = reports.filter((x) => x.userId === 'u' && x.chatId === 'g' && Date.parse(x.createdAt) <= at.getTime() && at.getTime() - Date.parse(x.createdAt) <= EVIDENCE_WINDOW_MS);
          if (!ok.length) expect(hit).toBeUndefined();
          else {
            expect(ok).toContain(hit);
            expect(ok.every((x) => Date.parse(x.createdAt) <= Date.parse(hit!.createdAt))).toBe(true);
          }
        },
      ),
    );
  });
  it('in a direct chat (chatId undefined) the sender’s newest report in any chat, still never someone else’s', () => {
    const reports = [r(1, 3, { chatId: 'g' }), r(2, 2, { chatId: 'h' }), r(3, 1, { userId: 'v', chatId: 'g' })];
    expect(linkTarget(reports, { userId: 'u', chatId: undefined, at })?.id).toBe(2);
    expect(linkTarget(reports, { userId: 'u', chatId: 'g', at })?.id).toBe(1);
  });
  it('a reply to the sender’s own /进展 attaches to it even hours later', () => {
    const reports = [r(1, 300), r(2, 1)];
    expect(linkTarget(reports, { userId: 'u', chatId: 'g', at, replyTo: 'm1' })?.id).toBe(1);
    expect(linkTarget([r(1, 300, { userId: 'v' })], { userId: 'u', chatId: 'g', at, replyTo: 'm1' })).toBeUndefined();
  });
});

describe('attachEvidence', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) if (db.open) db.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const t0 = new Date('2026-03-05T02:00:00Z');
  function setup() {
    const dir = tempDataDir();
    dirs.push(dir);
    const db = openDb(dir);
    dbs.push(db);
    const report = insertReport(db, {
      taskNo: 28, platform: 'feishu', userId: 'ou_a', userName: '李四', unit: '住建局', text: '已开工', percent: 30, status: null,
      chatId: 'oc_g', messageId: 'om_report', createdAt: t0.toISOString(),
    });
    return { dir, db, report, deps: { db, dataDir: dir, maxBytes: 1024 } };
  }
  let downloads = 0;
  const file = (over: Partial<IncomingFile> = {}): IncomingFile => ({
    platform: 'feishu', chatId: 'oc_g', userId: 'ou_a', messageId: 'om_img', kind: 'image', isDirect: false, at: new Date(t0.getTime() + 60_000),
    download: async () => (downloads++, JPG), ...over,
  });

  it('stores the photo privately by its sha256, links it and says so; a redelivery is answered without a second download', async () => {
    const { dir, db, report, deps } = setup();
    downloads = 0;
    expect(await attachEvidence(deps, file())).toBe('已附佐证材料1份（第28项）。');
    const [row] = evidenceOfReport(db, report.id);
    expect(row).toMatchObject({ taskNo: 28, ext: 'jpg', size: JPG.byteLength, name: '图片.jpg' });
    const path = join(dir, evidencePath(row!.sha256, 'jpg'));
    expect(path).toContain(join('evidence', row!.sha256.slice(0, 2), `${row!.sha256}.jpg`));
    expect(Uint8Array.from(readFileSync(path))).toEqual(JPG);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'evidence')).mode & 0o777).toBe(0o700);
    expect(await attachEvidence(deps, file())).toBe('已附佐证材料1份（第28项）。');
    expect(downloads).toBe(1);
    const audited = listAudit(db, {}).filter((a) => a.action === 'evidence.attach');
    expect(audited.map((a) => [a.entityId, a.userName, a.messageId])).toEqual([[String(row!.id), '李四', 'om_img']]);
    expect(await attachEvidence(deps, file({ messageId: 'om_pdf', kind: 'file', fileName: '验收单.pdf', download: async () => PDF }))).toBe('已附佐证材料2份（第28项）。');
    expect(evidenceCounts(db).get(28)).toBe(2);
    revokeReport(db, report.id, 'ou_a', t0.toISOString());
    expect(evidenceCounts(db).get(28)).toBeUndefined();
  });

  it('no report to attach to: the hint to a reporter or in a direct chat, silence to a stranger in a group; nothing is downloaded', async () => {
    const { deps } = setup();
    downloads = 0;
    expect(await attachEvidence(deps, file({ at: new Date(t0.getTime() + EVIDENCE_WINDOW_MS + 1000) }))).toBe(NO_REPORT_REPLY);
    expect(await attachEvidence(deps, file({ userId: 'ou_other' }))).toBe('');
    expect(await attachEvidence(deps, file({ chatId: 'oc_other' }))).toBe('');
    expect(await attachEvidence(deps, file({ userId: 'ou_other', chatId: 'oc_p2p', isDirect: true }))).toBe(NO_REPORT_REPLY);
    expect(downloads).toBe(0);
    // replying to the /进展 message works after the window
    expect(await attachEvidence(deps, file({ at: new Date(t0.getTime() + 5 * 3600_000), replyTo: 'om_report' }))).toBe('已附佐证材料1份（第28项）。');
  });

  it('a file without a name: a PDF is 文件.pdf, an Office zip is told apart by its parts, a bare zip is refused', async () => {
    const { db, report, deps } = setup();
    const zipWith = (part: string) => Uint8Array.from([...ZIP.subarray(0, 4), ...new TextEncoder().encode(`\x14\x00${part}...`)]);
    expect(await attachEvidence(deps, file({ messageId: 'n1', kind: 'file', download: async () => PDF }))).toMatch(/已附/);
    expect(await attachEvidence(deps, file({ messageId: 'n2', kind: 'file', download: async () => zipWith('word/document.xml') }))).toMatch(/已附/);
    expect(await attachEvidence(deps, file({ messageId: 'n3', kind: 'file', download: async () => zipWith('xl/workbook.xml') }))).toMatch(/已附/);
    expect(await attachEvidence(deps, file({ messageId: 'n4', kind: 'file', download: async () => zipWith('payload.bin') }))).toBe(REFUSED_TYPE_REPLY);
    expect(evidenceOfReport(db, report.id).map((e) => [e.name, e.ext])).toEqual([['文件.pdf', 'pdf'], ['文件.docx', 'docx'], ['文件.xlsx', 'xlsx']]);
    expect(officeZipKind(PDF)).toBeUndefined();
  });

  it('too big or a refused type: a clear reply, nothing stored', async () => {
    const { db, report, deps } = setup();
    expect(await attachEvidence(deps, file({ download: async () => { throw new TooBigError(); } }))).toMatch(/超过 .*MB/);
    expect(await attachEvidence(deps, file({ messageId: 'm2', download: async () => new Uint8Array(2048).fill(0xff) }))).toMatch(/超过/);
    expect(await attachEvidence(deps, file({ messageId: 'm3', kind: 'file', fileName: 'a.exe', download: async () => EXE }))).toBe(REFUSED_TYPE_REPLY);
    expect(evidenceOfReport(db, report.id)).toEqual([]);
  });
});

describe('migration 10', () => {
  it('is the last migration and can run twice on the same database', () => {
    expect(Math.max(...MIGRATIONS.map((m) => m.version))).toBe(10);
    const dir = tempDataDir();
    const db = openDb(dir);
    try {
      expect(() => db.exec(EVIDENCE_MIGRATION.sql)).not.toThrow();
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
