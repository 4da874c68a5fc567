// 佐证材料 on Feishu: an image or file message after (or replying to) the sender's /进展 is
// downloaded through the real SDK from the fake's GET /open-apis/im/v1/messages/:id/resources/:key,
// stored by content hash, linked to the report and acknowledged; too big, refused type and "no
// report" each get their Chinese reply and store nothing.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachEvidence } from '../../../src/evidence/attach.ts';
import { NO_REPORT_REPLY, REFUSED_TYPE_REPLY } from '../../../src/evidence/policy.ts';
import { UNSUPPORTED_REPLY } from '../../../src/platforms/pipeline.ts';
import { openDb, type Db } from '../../../src/store/db.ts';
import { evidenceOfReport, evidencePath } from '../../../src/store/evidence.ts';
import { insertReport } from '../../../src/store/reports.ts';
import { fileEvent } from '../../fakes/feishu/events.ts';
import { until } from '../../fakes/feishu/server.ts';
import { tempDataDir } from '../../helpers/chat.ts';
import { harness, type Harness } from './harness.ts';

const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 300 }, (_, i) => i % 256)]);
const PDF = Buffer.from('%PDF-1.4 验收单 ...');

let h: Harness | undefined;
let db: Db | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  db?.close();
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setup(maxBytes = 1024 * 1024) {
  dir = tempDataDir();
  const d = openDb(dir);
  db = d;
  const report = insertReport(d, {
    taskNo: 28, platform: 'feishu', userId: 'ou_alice', userName: '张三', unit: '住建局', text: '已开工120套', percent: 30, status: null,
    chatId: 'oc_group1', messageId: 'om_report1', createdAt: new Date(Date.now() - 60_000).toISOString(),
  });
  h = await harness('ws', { evidence: (f) => attachEvidence({ db: d, dataDir: dir!, maxBytes }, f) });
  return { report, h };
}
const replies = () => h!.fake.sent('oc_group1').map((m) => ({ text: m.content.text as string, replyTo: m.replyTo }));
const downloads = () => h!.fake.requests.filter((r) => r.op === 'resource');

describe('feishu evidence', () => {
  it('a photo right after /进展 and a file replying to it are stored, linked and counted', async () => {
    const { report } = await setup();
    h!.fake.resources.set('om_img1/img_v3_a', { type: 'image', bytes: JPG, contentType: 'image/jpeg' });
    h!.fake.resources.set('om_file1/file_v3_b', { type: 'file', bytes: PDF, contentType: 'application/pdf' });
    await h!.fake.push(fileEvent({ kind: 'image', key: 'img_v3_a', messageId: 'om_img1', sender: 'ou_alice' }));
    await until(() => replies().length === 1, 5000, 'image acknowledged');
    await h!.fake.push(fileEvent({ kind: 'file', key: 'file_v3_b', fileName: '验收单.pdf', messageId: 'om_file1', sender: 'ou_alice', parentId: 'om_report1' }));
    await until(() => replies().length === 2, 5000, 'file acknowledged');
    expect(replies()).toEqual([
      { text: '已附佐证材料1份（第28项）。', replyTo: 'om_img1' },
      { text: '已附佐证材料2份（第28项）。', replyTo: 'om_file1' },
    ]);
    expect(downloads().map((r) => r.path)).toEqual([
      '/open-apis/im/v1/messages/om_img1/resources/img_v3_a',
      '/open-apis/im/v1/messages/om_file1/resources/file_v3_b',
    ]);
    const rows = evidenceOfReport(db!, report.id);
    expect(rows.map((r) => [r.ext, r.name, r.size])).toEqual([['jpg', '图片.jpg', JPG.length], ['pdf', '验收单.pdf', PDF.length]]);
    expect(readFileSync(join(dir!, evidencePath(rows[0]!.sha256, 'jpg')))).toEqual(JPG);
    expect(h!.received).toEqual([]); // files never reach the router as text
  });

  it('too big, a refused type, or no /进展 to attach to: the reply says so and nothing is stored; a stranger in the group is not answered', async () => {
    const { report } = await setup(200);
    h!.fake.resources.set('om_big/img_big', { type: 'image', bytes: JPG });
    h!.fake.resources.set('om_exe/file_exe', { type: 'file', bytes: Buffer.from('MZ\x90\x00 program') });
    await h!.fake.push(fileEvent({ kind: 'image', key: 'img_big', messageId: 'om_big', sender: 'ou_alice' }));
    await until(() => replies().length === 1, 5000, 'too big');
    // same chat, so handled before the next one: bob never reported here and gets no answer
    await h!.fake.push(fileEvent({ kind: 'image', key: 'img_x', messageId: 'om_other', sender: 'ou_bob' }));
    await h!.fake.push(fileEvent({ kind: 'file', key: 'file_exe', fileName: 'setup.exe', messageId: 'om_exe', sender: 'ou_alice' }));
    await until(() => replies().length === 2, 5000, 'refused');
    await h!.fake.push(fileEvent({ kind: 'image', key: 'img_y', messageId: 'om_dm', sender: 'ou_bob', chatType: 'p2p', chatId: 'oc_bob' }));
    await until(() => h!.fake.sent('oc_bob').length === 1, 5000, 'no report, direct chat');
    const texts = replies().map((r) => r.text);
    expect(texts[0]).toMatch(/超过.*MB/);
    expect(texts[1]).toBe(REFUSED_TYPE_REPLY);
    expect(h!.fake.sent('oc_bob')[0]!.content.text).toBe(NO_REPORT_REPLY);
    expect(downloads()).toHaveLength(2); // bob's photos were not fetched
    expect(evidenceOfReport(db!, report.id)).toEqual([]);
  });

  it('a resource the API refuses gets a "send again" reply, not the apology or silence', async () => {
    await setup();
    await h!.fake.push(fileEvent({ kind: 'image', key: 'img_missing', messageId: 'om_gone', sender: 'ou_alice' }));
    await until(() => replies().length === 1, 5000, 'reply');
    expect(replies()[0]!.text).toContain('重发');
  });

  it('without an evidence store an image in a direct chat still gets the text-only hint', async () => {
    h = await harness('ws');
    await h.fake.push(fileEvent({ kind: 'image', key: 'img_a', messageId: 'om_i', sender: 'ou_alice', chatType: 'p2p', chatId: 'oc_p2p' }));
    await until(() => h!.fake.sent().length === 1, 5000, 'hint');
    expect(h.fake.sent()[0]!.content.text).toBe(UNSUPPORTED_REPLY);
  });
});
