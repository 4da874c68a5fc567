// 佐证材料 from WeCom in the whole bot (as `npm start` builds it, AI bot over the long connection
// against the fakes): a liaison reports in the group, then sends the photo in the single chat
// with the bot (the only place WeCom delivers a lone image); the encrypted download is stored
// under DATA_DIR/evidence and shows on the dashboard behind its signed link.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/app.ts';
import { makeDashboardLink } from '../../src/dashboard/index.ts';
import { setLogLevel } from '../../src/log.ts';
import { evidenceOfTask, evidencePath } from '../../src/store/evidence.ts';
import { createBinding } from '../../src/store/users.ts';
import { FakeAibotServer, until } from '../fakes/wecom/aibotWsServer.ts';
import { mediaMessage, newAeskey, startFakeMediaHost, type FakeMediaHost } from '../fakes/wecom/mediaServer.ts';

setLogLevel('error');

let bot: Bot | undefined;
let server: FakeAibotServer | undefined;
let host: FakeMediaHost | undefined;
afterEach(async () => {
  await bot?.stop();
  await server?.close();
  await host?.close();
  bot = server = host = undefined;
});

const PNG = Uint8Array.from(Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f8cfc0f01f0005ff02fe' + 'a7a1e4f80000000049454e44ae426082', 'hex'));
const SECRET = 'e2e-dashboard-secret-0123456789';

describe('WeCom 佐证材料 in the running bot', () => {
  it('a report in the group, then a photo in the single chat: decrypted, stored, linked, on the dashboard', async () => {
    server = await FakeAibotServer.start();
    host = await startFakeMediaHost();
    const dataDir = join(mkdtempSync(join(tmpdir(), 'duban-e2e-')), 'data');
    bot = await startBot(
      {
        DATA_DIR: dataDir, PORT: '0', WECOM_BOT_ID: 'bot1', WECOM_BOT_SECRET: 'sec-ret', WECOM_WS_URL: server.url, WECOM_BOT_NAME: '督办助手',
        REMIND_DEFAULT_GROUP: 'wecom:CHAT1', DASHBOARD_SECRET: SECRET, EVIDENCE_MAX_MB: '1',
      },
      { jobs: false },
    );
    await until(() => server!.connected, 5000, 'long connection');
    const db = bot.router.db!;
    const at = new Date().toISOString();
    createBinding(db, { platform: 'wecom', userId: 'wangwu', unit: '住建局', status: 'active', requestedBy: 'x', requestedAt: at, chatId: 'CHAT1', decidedBy: 'x' });
    const say = async (body: Record<string, unknown>) => {
      const req = server!.push(body);
      await until(() => server!.streams.get(req)!.finished, 10_000, 'final frame');
      return server!.streams.get(req)!.frames.at(-1)!.content;
    };
    const group = { aibotid: 'bot1', chatid: 'CHAT1', chattype: 'group', from: { userid: 'wangwu' }, msgtype: 'text' };
    expect(await say({ ...group, msgid: 'R1', text: { content: '@督办助手 /进展 28 主体完工' } })).toMatch(/第28项/);

    const k = newAeskey();
    const photo = mediaMessage({ kind: 'image', userid: 'wangwu', url: host.publish(PNG, { key: k.key }), aeskey: k.aeskey });
    expect(await say(photo)).toBe('已附佐证材料1份（第28项）。');
    const big = newAeskey();
    const tooBig = Uint8Array.from([...PNG.subarray(0, 8), ...new Uint8Array(1024 * 1024 + 10)]);
    expect(await say(mediaMessage({ kind: 'image', userid: 'wangwu', url: host.publish(tooBig, { key: big.key }), aeskey: big.aeskey }))).toBe('文件超过 1 MB，未保存。请压缩后再发，或分几份发送。');

    const [row] = evidenceOfTask(db, 28);
    expect(row).toMatchObject({ platform: 'wecom', userId: 'wangwu', ext: 'png', size: PNG.byteLength });
    expect(Uint8Array.from(readFileSync(join(dataDir, evidencePath(row!.sha256, 'png'))))).toEqual(PNG);

    const base = `http://127.0.0.1:${bot.port}`;
    const login = await fetch(makeDashboardLink(base, 'wecom:leader', 600, SECRET, new Date()), { redirect: 'manual' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${base}/dashboard/task?no=28`, { headers: { cookie } })).text();
    expect(page).toContain(`<img src="/dashboard/evidence?f=${row!.sha256}"`);
    const img = await fetch(`${base}/dashboard/evidence?f=${row!.sha256}`, { headers: { cookie } });
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(PNG);
    expect((await fetch(`${base}/dashboard/evidence?f=${row!.sha256}`)).status).toBe(403);
  });
});
