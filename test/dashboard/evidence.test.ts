// The item page lists 佐证材料 under their report: names (escaped: a file name is the sender's
// words), image thumbnails and file download links, all served by content hash behind the same
// signed session as the pages; an unsigned or forged request gets no byte of a file.
import { afterEach, describe, expect, it } from 'vitest';
import { makeDashboardLink, registerDashboard } from '../../src/dashboard/index.ts';
import { taskPage } from '../../src/dashboard/pages.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { insertEvidence, saveEvidenceFile } from '../../src/store/evidence.ts';
import { latestReports, revokeReport } from '../../src/store/reports.ts';
import { NOW, seed, TODAY, type Seeded } from '../ledger/seed.ts';
import { quietLog } from '../helpers/quietLog.ts';

quietLog();

let s: Seeded | undefined;
let http: HttpServer | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  s?.close();
});

const render = (x: Seeded) =>
  String(taskPage({ db: x.db, kb: x.kb, calendar: buildCalendar(), remindConfig: remindConfig({}), now: NOW, today: TODAY, query: new URLSearchParams('no=28') }).html);

const JPG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 7, 7, 7]);
const PDF = new TextEncoder().encode('%PDF-1.7 验收');

/** Stores two files on task 28's newest report; returns their hashes. */
function withFiles(x: Seeded) {
  const report = latestReports(x.db, 28, 1)[0]!;
  const files = [
    { name: '<b>现场</b>.jpg', ext: 'jpg', bytes: JPG },
    { name: '验收单 "终".pdf', ext: 'pdf', bytes: PDF },
  ].map((f, i) => {
    const sha256 = saveEvidenceFile(x.dir, f.bytes, f.ext);
    insertEvidence(x.db, {
      reportId: report.id, taskNo: 28, platform: 'feishu', userId: 'u', chatId: 'g', messageId: `f${i}`,
      sha256, ext: f.ext, name: f.name, size: f.bytes.byteLength, createdAt: report.createdAt,
    });
    return { ...f, sha256 };
  });
  return { report, files };
}

describe('dashboard 佐证材料', () => {
  it('shows the count, the names escaped, a thumbnail per image and a link per file; nothing when there is none', () => {
    s = seed();
    expect(render(s)).not.toContain('佐证材料');
    const { files } = withFiles(s);
    const html = render(s);
    expect(html).toContain('<td data-evidence-count>2份</td>');
    expect(html).toContain('佐证材料2份：&lt;b&gt;现场&lt;/b&gt;.jpg、验收单 &quot;终&quot;.pdf');
    expect(html).not.toContain('<b>现场</b>');
    expect(html).toContain(`<img src="/dashboard/evidence?f=${files[0]!.sha256}" alt="&lt;b&gt;现场&lt;/b&gt;.jpg"`);
    expect(html).toContain(`<a href="/dashboard/evidence?f=${files[1]!.sha256}" data-evidence-file>验收单 &quot;终&quot;.pdf</a>`);
  });

  it('serves a file only to a signed session, by hash, with its type; images inline, files as attachments', async () => {
    s = seed();
    const { report, files } = withFiles(s);
    http = createHttpServer();
    const SECRET = 'test-secret-0123456789abcdef';
    registerDashboard(http, { db: s.db, kb: () => s!.kb, calendar: buildCalendar(), remindConfig: remindConfig({}), now: () => NOW, secret: SECRET, dataDir: s.dir });
    const base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    const [img, pdf] = files;
    const url = (sha: string) => `${base}/dashboard/evidence?f=${sha}`;

    // no credential, a forged signature, an export-scope link: 403 and none of the bytes
    const refused = [
      url(img!.sha256),
      `${url(img!.sha256)}&u=feishu:ou_x&exp=${Math.floor(NOW.getTime() / 1000) + 3600}&scope=page&sig=AAAA`,
      makeDashboardLink(base, 'feishu:ou_x', 600, 'another-secret-0123456789', NOW).replace('/dashboard?', `/dashboard/evidence?f=${img!.sha256}&`),
    ];
    for (const u of refused) {
      const r = await fetch(u, { redirect: 'manual' });
      expect(r.status, u).toBe(403);
      expect(Buffer.from(await r.arrayBuffer()).includes(Buffer.from(JPG))).toBe(false);
    }

    // a signed link → session cookie → the file
    const signed = makeDashboardLink(base, 'feishu:ou_leader', 3600, SECRET, NOW);
    const login = await fetch(signed, { redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const get = (u: string) => fetch(u, { headers: { cookie } });
    const a = await get(url(img!.sha256));
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('image/jpeg');
    expect(a.headers.get('content-disposition')).toBe('inline');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await a.arrayBuffer())).toEqual(JPG);
    const b = await get(url(pdf!.sha256));
    expect(b.headers.get('content-type')).toBe('application/pdf');
    expect(b.headers.get('content-disposition')).toBe(`attachment; filename="___ ___.pdf"; filename*=UTF-8''${encodeURIComponent('验收单 "终".pdf')}`);
    expect(new Uint8Array(await b.arrayBuffer())).toEqual(PDF);
    // the page's CSP lets the thumbnails load from the same origin
    expect((await get(`${base}/dashboard/task?no=28`)).headers.get('content-security-policy')).toContain("img-src 'self'");

    // only a known hash of a live report: paths, other names and withdrawn reports are 404
    for (const f of ['../duban.sqlite', `${img!.sha256}.jpg`, img!.sha256.toUpperCase(), '0'.repeat(64), `evidence/${img!.sha256.slice(0, 2)}/${img!.sha256}.jpg`]) {
      const r = await get(`${base}/dashboard/evidence?f=${encodeURIComponent(f)}`);
      expect(r.status, f).toBe(404);
    }
    revokeReport(s.db, report.id, 'u', NOW.toISOString());
    expect((await get(url(img!.sha256))).status).toBe(404);
  });
});
