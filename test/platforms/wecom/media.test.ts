// WeCom AI-bot photos and files as 佐证材料: the encrypted download (AES-256-CBC, 32-byte PKCS#7,
// IV = key[0..16)) from a fake storage host that follows the published format, through the real
// adapter in both transports (long connection: the per-URL aeskey; callback: the EncodingAESKey),
// into the same evidence path as Feishu (content hash, size and type limits, Chinese replies).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { attachEvidence } from '../../../src/evidence/attach.ts';
import { REFUSED_TYPE_REPLY, tooBigReply } from '../../../src/evidence/policy.ts';
import { createHttpServer, type HttpServer } from '../../../src/http/server.ts';
import { createPipeline } from '../../../src/platforms/pipeline.ts';
import { createWecomAdapter, type WecomAdapter } from '../../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../../src/platforms/wecom/config.ts';
import { MEDIA_REPLY, startTurn, UNSUPPORTED_REPLY } from '../../../src/platforms/wecom/conversation.ts';
import { DECRYPT_FAILED_REPLY, decryptMedia, dispositionName, DOWNLOAD_FAILED_REPLY, MediaDecryptError, mediaKey } from '../../../src/platforms/wecom/media.ts';
import { memoryWebhookStore } from '../../../src/platforms/wecom/webhookStore.ts';
import { openDb, type Db } from '../../../src/store/db.ts';
import { evidenceOfReport, evidencePath } from '../../../src/store/evidence.ts';
import { sqliteInbox } from '../../../src/store/inbox.ts';
import { insertReport, latestReports } from '../../../src/store/reports.ts';
import { createBinding, touchUser } from '../../../src/store/users.ts';
import { knowledgeContext } from '../../../src/knowledgeContext.ts';
import { route } from '../../../src/router.ts';
import { routerDeps } from '../../helpers/router.ts';
import { FakeAibotServer, until } from '../../fakes/wecom/aibotWsServer.ts';
import { CallbackDriver, refresh } from '../../fakes/wecom/callbackDriver.ts';
import { encryptMedia, keyOfEncodingAesKey, mediaMessage, newAeskey, startFakeMediaHost, type FakeMediaHost } from '../../fakes/wecom/mediaServer.ts';
import { tempDataDir } from '../../helpers/chat.ts';
import { memoryInbox } from '../../helpers/inbox.ts';
import { quietLog } from '../../helpers/quietLog.ts';

quietLog();

const TOKEN = 'QDG6eK';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const MAX = 4096;
const JPG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 61 }, (_, i) => i)]);
const PDF = new TextEncoder().encode('%PDF-1.7 验收单 ...');
const PNG_LIKE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const BIG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Uint8Array(MAX)]);

describe('media decryption (pure)', () => {
  it('every length round-trips, whatever the pad (1..32, which Node’s own unpadding refuses above 16)', () => {
    const key = newAeskey().key;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (plain) => {
        expect(Uint8Array.from(decryptMedia(encryptMedia(plain, key), key))).toEqual(plain);
      }),
    );
  });
  it('a flipped last byte, a truncated body or the wrong key is a MediaDecryptError', () => {
    const { key } = newAeskey();
    const c = encryptMedia(JPG, key);
    const tampered = Buffer.from(c);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => decryptMedia(tampered, key)).toThrow(MediaDecryptError);
    expect(() => decryptMedia(c.subarray(0, c.length - 5), key)).toThrow(MediaDecryptError);
    expect(() => decryptMedia(new Uint8Array(0), key)).toThrow(MediaDecryptError);
    expect(() => mediaKey('c2hvcnQ=', undefined)).toThrow(MediaDecryptError);
    expect(() => mediaKey(undefined, undefined)).toThrow(MediaDecryptError);
    expect(mediaKey(undefined, AES)).toEqual(keyOfEncodingAesKey(AES));
  });
  it('file names come from Content-Disposition, as a label only (never a path)', () => {
    expect(dispositionName(`attachment; filename*=UTF-8''${encodeURIComponent('验收单.pdf')}`)).toBe('验收单.pdf');
    expect(dispositionName('attachment; filename="report.docx"')).toBe('report.docx');
    expect(dispositionName(`attachment; filename*=UTF-8''${encodeURIComponent('../../etc/passwd')}`)).toBe('passwd');
    expect(dispositionName(undefined)).toBeUndefined();
  });
  it('without an evidence store an image or a file gets MEDIA_REPLY, a sticker the text-only hint; the router is never asked', async () => {
    let asked = 0;
    const pipeline = createPipeline({ platform: 'wecom', inbox: memoryInbox(), handle: async () => (asked++, { text: 'x' }) });
    const deps = { pipeline, now: () => new Date('2026-03-05T02:00:00Z') };
    const answer = async (body: Record<string, unknown>) => {
      const t = startTurn(body as never, deps);
      if (t.kind !== 'reply') throw new Error(`no reply: ${t.kind}`);
      return t.answer;
    };
    expect(await answer({ ...mediaMessage({ kind: 'image', url: 'https://x/enc', aeskey: 'k' }) })).toBe(MEDIA_REPLY);
    expect(await answer({ aibotid: 'A', chattype: 'single', from: { userid: 'u1' }, msgid: 'S1', msgtype: 'emotion' })).toBe(UNSUPPORTED_REPLY);
    expect(asked).toBe(0);
  });
});

// ---- through the real adapter ----

let host: FakeMediaHost;
let db: Db;
let dir: string;
let reportId: number;
let clock: number;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world() {
  clock = Date.parse('2026-03-05T02:00:00Z');
  host = await startFakeMediaHost({ now: () => clock });
  dir = tempDataDir();
  db = openDb(dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => void db.close(), () => host.close());
  // lisi reported in the unit's group; WeCom delivers photos only in the single chat with the bot
  reportId = insertReport(db, {
    taskNo: 28, platform: 'wecom', userId: 'lisi', userName: 'lisi', unit: '住建局', text: '已完成主体', percent: 60, status: null,
    chatId: 'CHAT1', messageId: 'report-msg', createdAt: new Date(clock - 60_000).toISOString(),
  }).id;
  return { db, inbox: sqliteInbox(db, { now: () => new Date(clock) }), evidence: (f: Parameters<typeof attachEvidence>[1]) => attachEvidence({ db, dataDir: dir, maxBytes: MAX }, f) };
}

const stored = () => evidenceOfReport(db, reportId);
const fileBytes = (sha: string, ext: string) => Uint8Array.from(readFileSync(join(dir, evidencePath(sha, ext))));

describe('long connection: per-URL aeskey', () => {
  async function start() {
    const w = await world();
    const server = await FakeAibotServer.start();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: 'sec-ret', WECOM_WS_URL: server.url });
    const adapter = createWecomAdapter({
      config, handle: async () => ({ text: 'router' }), inbox: w.inbox, webhooks: memoryWebhookStore(), evidence: w.evidence,
      now: () => new Date(clock), ws: { heartbeatMs: 100, reconnectBaseMs: 20, placeholderAfterMs: 2000, startTimeoutMs: 3000 },
    });
    cleanups.push(() => server.close(), () => adapter.stop());
    await adapter.start();
    const send = async (body: Record<string, unknown>) => {
      const req = server.push(body);
      await until(() => server.streams.get(req)!.finished, 5000, 'final frame');
      return server.streams.get(req)!.frames.at(-1)!.content;
    };
    return { send, server };
  }

  it('a photo and a named PDF are decrypted, stored by content hash and linked to the sender’s report in the group', async () => {
    const { send } = await start();
    const a = newAeskey();
    expect(await send(mediaMessage({ kind: 'image', userid: 'lisi', url: host.publish(JPG, { key: a.key }), aeskey: a.aeskey, msgid: 'IMG1' }))).toBe('已附佐证材料1份（第28项）。');
    const b = newAeskey();
    expect(await send(mediaMessage({ kind: 'file', userid: 'lisi', url: host.publish(PDF, { key: b.key, fileName: '验收单.pdf' }), aeskey: b.aeskey }))).toBe('已附佐证材料2份（第28项）。');
    const rows = stored();
    expect(rows.map((r) => [r.platform, r.chatId, r.ext, r.name, r.size])).toEqual([
      ['wecom', 'lisi', 'jpg', '图片.jpg', JPG.byteLength],
      ['wecom', 'lisi', 'pdf', '验收单.pdf', PDF.byteLength],
    ]);
    expect(fileBytes(rows[0]!.sha256, 'jpg')).toEqual(JPG);
    expect(fileBytes(rows[1]!.sha256, 'pdf')).toEqual(PDF);
  });

  it('a tampered, oversized or wrongly keyed download gets a clear reply and stores nothing', async () => {
    const { send } = await start();
    // fixed keys: a wrong key then fails the same way on every run
    let n = 1;
    const k = () => {
      const key = Buffer.alloc(32, n++);
      return { key, aeskey: key.toString('base64') };
    };
    const cases: [Uint8Array, Parameters<FakeMediaHost['publish']>[1]['fault'] | undefined, 'own' | 'other', string][] = [
      [JPG, 'tamper-last', 'own', DECRYPT_FAILED_REPLY],
      [JPG, 'tamper-first', 'own', REFUSED_TYPE_REPLY],
      [BIG, undefined, 'own', tooBigReply(0)],
      [BIG, 'chunked', 'own', tooBigReply(0)],
      [JPG, undefined, 'other', DECRYPT_FAILED_REPLY],
    ];
    for (const [plain, fault, which, want] of cases) {
      const a = k();
      const url = host.publish(plain, { key: a.key, ...(fault ? { fault } : {}) });
      expect(await send(mediaMessage({ kind: 'image', userid: 'lisi', url, aeskey: which === 'own' ? a.aeskey : k().aeskey })), `${fault ?? 'plain'} ${which}`).toBe(want);
    }
    expect(stored()).toEqual([]);
  });
});

describe('a 图文混排 message in a group: "@机器人 /进展 28 …" with photos', () => {
  it('the real router files the report, then the photos attach to it; a bad photo says so; a redelivery changes nothing', async () => {
    const w = await world();
    const server = await FakeAibotServer.start();
    const at = new Date(clock).toISOString();
    touchUser(w.db, { platform: 'wecom', userId: 'wangwu', name: 'wangwu' }, at);
    createBinding(w.db, { platform: 'wecom', userId: 'wangwu', unit: '住建局', status: 'active', requestedBy: 'x', requestedAt: at, chatId: 'CHAT1', decidedBy: 'x' });
    const router = routerDeps({ knowledge: knowledgeContext(), db: w.db, now: () => new Date(clock) });
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: 'sec-ret', WECOM_WS_URL: server.url, WECOM_BOT_NAME: '督办助手' });
    const adapter = createWecomAdapter({
      config, handle: (m) => route(m, router), inbox: w.inbox, webhooks: memoryWebhookStore(), evidence: w.evidence,
      now: () => new Date(clock), ws: { heartbeatMs: 100, reconnectBaseMs: 20, placeholderAfterMs: 2000, startTimeoutMs: 3000 },
    });
    cleanups.push(() => server.close(), () => adapter.stop());
    await adapter.start();
    const a = newAeskey();
    const b = newAeskey();
    const body = {
      msgid: 'MIX1', aibotid: 'bot1', chatid: 'CHAT1', chattype: 'group', from: { userid: 'wangwu' }, msgtype: 'mixed',
      mixed: {
        msg_item: [
          { msgtype: 'text', text: { content: '@督办助手 /进展 28 主体完工，完成率80%' } },
          { msgtype: 'image', image: { url: host.publish(JPG, { key: a.key }), aeskey: a.aeskey } },
          { msgtype: 'image', image: { url: host.publish(JPG, { key: b.key, fault: 'tamper-last' }), aeskey: b.aeskey } },
        ],
      },
    };
    const send = async () => {
      const req = server.push(body);
      await until(() => server.streams.get(req)!.finished, 5000, 'final frame');
      return server.streams.get(req)!.frames.at(-1)!.content;
    };
    const reply = await send();
    expect(reply).toMatch(/第28项/);
    expect(reply).toContain('已附佐证材料1份（第28项）。');
    expect(reply).toContain(DECRYPT_FAILED_REPLY);
    const report = latestReports(w.db, 28, 1)[0]!;
    expect(report).toMatchObject({ userId: 'wangwu', percent: 80 });
    const rows = evidenceOfReport(w.db, report.id);
    expect(rows.map((r) => [r.messageId, r.chatId, r.ext])).toEqual([['MIX1#0', 'CHAT1', 'jpg']]);
    expect(fileBytes(rows[0]!.sha256, 'jpg')).toEqual(JPG);
    // WeCom re-sends the same msgid: the inbox drops it; nothing is filed or downloaded again
    const downloads = host.downloads.length;
    server.push(body);
    await adapter.idle();
    expect(latestReports(w.db, 28, 10).filter((r) => r.userId === 'wangwu')).toHaveLength(1);
    expect(host.downloads.length).toBe(downloads);

    // a photo with only the @ (nothing for the router): it attaches to the report of minutes ago
    const c = newAeskey();
    const only = { ...body, msgid: 'MIX2', mixed: { msg_item: [{ msgtype: 'text', text: { content: '@督办助手' } }, { msgtype: 'image', image: { url: host.publish(PNG_LIKE, { key: c.key }), aeskey: c.aeskey } }] } };
    const req = server.push(only);
    await until(() => server.streams.get(req)!.finished, 5000, 'final frame');
    expect(server.streams.get(req)!.frames.at(-1)!.content).toBe('已附佐证材料2份（第28项）。');
    expect(latestReports(w.db, 28, 10).filter((r) => r.userId === 'wangwu')).toHaveLength(1);
  });
});

describe('callback mode: the EncodingAESKey', () => {
  let http: HttpServer;
  async function start() {
    const w = await world();
    http = createHttpServer();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES });
    const adapter: WecomAdapter = createWecomAdapter({ config, handle: async () => ({ text: 'router' }), inbox: w.inbox, webhooks: memoryWebhookStore(), http, evidence: w.evidence, now: () => new Date(clock) });
    await adapter.start();
    const port = await http.listen(0, '127.0.0.1');
    cleanups.push(() => http.close(), () => adapter.stop());
    const driver = new CallbackDriver(`http://127.0.0.1:${port}/wecom/callback`, TOKEN, AES, () => clock);
    // the first POST answers with the final frame or a placeholder; refreshes fetch the rest
    const send = async (body: Record<string, unknown>) => {
      let r = await driver.post(body);
      for (let i = 0; !r.plain.stream.finish && i < 200; i++) {
        await new Promise((res) => setTimeout(res, 20));
        r = await driver.post(refresh(r.plain.stream.id));
      }
      return r.plain.stream.content as string;
    };
    return { send };
  }

  it('decrypts with the callback key; a redelivered message is not downloaded twice', async () => {
    const { send } = await start();
    const url = host.publish(JPG, { key: keyOfEncodingAesKey(AES) });
    const msg = mediaMessage({ kind: 'image', userid: 'lisi', url, msgid: 'CB-IMG' });
    expect(await send(msg)).toBe('已附佐证材料1份（第28项）。');
    expect(await send(msg)).toBe('已附佐证材料1份（第28项）。');
    expect(host.downloads).toHaveLength(1);
    expect(fileBytes(stored()[0]!.sha256, 'jpg')).toEqual(JPG);
  });

  it('a tampered file, an oversized one and an expired URL are refused with a reply; nothing stored', async () => {
    const { send } = await start();
    const key = keyOfEncodingAesKey(AES);
    expect(await send(mediaMessage({ kind: 'file', userid: 'lisi', url: host.publish(PDF, { key, fault: 'tamper-last', fileName: 'a.pdf' }) }))).toBe(DECRYPT_FAILED_REPLY);
    expect(await send(mediaMessage({ kind: 'image', userid: 'lisi', url: host.publish(BIG, { key }) }))).toBe(tooBigReply(0));
    const late = host.publish(JPG, { key });
    clock += 5 * 60_000 + 1000;
    expect(await send(mediaMessage({ kind: 'image', userid: 'lisi', url: late }))).toBe(DOWNLOAD_FAILED_REPLY);
    expect(stored()).toEqual([]);
  });
});
