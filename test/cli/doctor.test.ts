// duban doctor through doctorCommand with an env: each misconfiguration of issue 14 is a ✗ (exit
// 1) or ⚠ with its fix, each bad setting is reported once, WeCom connectivity is probed against
// local fakes without logging in (which would kick a running bot), and the last backup's age.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../src/cli/doctor.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { createBackup } from '../../src/store/backup.ts';
import { openDb } from '../../src/store/db.ts';
import { subscribe } from '../../src/store/outbox.ts';
import { insertReport } from '../../src/store/reports.ts';
import { FakeAibotServer } from '../fakes/wecom/aibotWsServer.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom/webhookServer.ts';

let dir: string;
let api: FakeWecomApi;
let bot: FakeAibotServer;

beforeAll(async () => {
  api = await startFakeWecomApi();
  bot = await FakeAibotServer.start('bot1', 'sec-ret');
});
afterAll(async () => {
  await api.close();
  await bot.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'duban-doctor-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A WeCom set-up that passes, pointed at the fakes; tests override single settings. */
const wecomEnv = (over: Record<string, string | undefined> = {}) => ({
  DATA_DIR: join(dir, 'data'),
  ADMINS: 'wecom:zhangsan',
  REMIND_DEFAULT_GROUP: 'wecom:wr_office',
  WECOM_BOT_ID: 'bot1',
  WECOM_BOT_SECRET: 'sec-ret',
  WECOM_WS_URL: bot.url,
  WECOM_WEBHOOK_BASE: api.base,
  ...over,
});

async function doctor(env: Record<string, string | undefined>, args: string[] = [], now = new Date()): Promise<{ code: number; text: string; line: (check: string) => string }> {
  const out: string[] = [];
  const code = await doctorCommand(args, env, (s) => out.push(s), () => now);
  const text = out.join('');
  const line = (check: string) => text.split('\n').find((l) => l.slice(2).startsWith(`${check}：`)) ?? '';
  return { code, text, line };
}

describe('duban doctor', () => {
  it('passes a good WeCom set-up, probing the webhook base and the long connection without logging in', async () => {
    const r = await doctor(wecomEnv());
    expect(r.text).not.toContain('✗');
    expect(r.code).toBe(0);
    expect(r.line('企业微信消息推送')).toMatch(/^✓ .*能访问 http:\/\/127\.0\.0\.1/);
    expect(r.line('企业微信长连接')).toMatch(/^✓ /);
    expect(r.line('企业微信机器人凭据')).toContain('duban doctor --wecom-login');
    expect(bot.subscribes).toBe(0);
    expect(api.messages).toHaveLength(0);
  });

  it('fails when WeCom cannot be reached, with the fix', async () => {
    const r = await doctor(wecomEnv({ WECOM_WS_URL: 'ws://127.0.0.1:1', WECOM_WEBHOOK_BASE: 'http://127.0.0.1:1' }));
    expect(r.code).toBe(1);
    expect(r.line('企业微信消息推送')).toMatch(/^✗ .*qyapi\.weixin\.qq\.com:443/);
    expect(r.line('企业微信长连接')).toMatch(/^✗ 企业微信长连接：连不上 ws:\/\/127\.0\.0\.1:1/);
  });

  it('--wecom-login verifies the secret, and refuses while the bot runs on the data directory', async () => {
    const before = bot.subscribes;
    expect((await doctor(wecomEnv(), ['--wecom-login'])).line('企业微信机器人凭据')).toMatch(/^✓ .*有效/);
    const wrong = await doctor(wecomEnv({ WECOM_BOT_SECRET: 'nope' }), ['--wecom-login']);
    expect(wrong.code).toBe(1);
    expect(wrong.line('企业微信机器人凭据')).toMatch(/^✗ .*errcode 40014.*WECOM_BOT_SECRET/);
    expect(bot.subscribes).toBe(before + 2);

    const data = join(dir, 'data');
    openDb(data).close();
    writeFileSync(join(data, 'duban.pid'), String(process.ppid)); // a live process that is not us
    const running = await doctor(wecomEnv(), ['--wecom-login']);
    expect(running.line('企业微信机器人凭据')).toMatch(new RegExp(`^✗ .*机器人正在运行（进程 ${process.ppid}）`));
    expect(bot.subscribes).toBe(before + 2);
  });

  it('ADMINS without a platform prefix, and no admins at all', async () => {
    const noPrefix = await doctor(wecomEnv({ ADMINS: 'zhangsan' }));
    expect(noPrefix.code).toBe(1);
    expect(noPrefix.line('管理员')).toMatch(/^✗ 管理员：ADMINS 中的“zhangsan”应写成 平台:用户ID/);
    const none = await doctor(wecomEnv({ ADMINS: undefined }));
    expect(none.code).toBe(1);
    expect(none.line('管理员')).toMatch(/^✗ 管理员：没有配置 ADMINS/);
    const otherPlatform = await doctor(wecomEnv({ ADMINS: 'feishu:ou_1' }));
    expect(otherPlatform.line('管理员')).toMatch(/^✗ .*没有企业微信的用户/);
    // the local console runs without admins: a reminder, not a failure
    const console = await doctor({ DATA_DIR: join(dir, 'data') });
    expect(console.line('管理员')).toMatch(/^⚠ 管理员：没有配置 ADMINS/);
  });

  it('a reminder group on a platform that is not configured', async () => {
    const r = await doctor(wecomEnv({ REMIND_LEADERS_GROUP: 'feishu:oc_leaders' }));
    expect(r.code).toBe(1);
    expect(r.line('提醒接收群')).toMatch(/^✗ .*REMIND_LEADERS_GROUP=feishu:oc_leaders 所在的平台（feishu）没有配置/);
  });

  it('DASHBOARD_SECRET without PUBLIC_BASE_URL: links would point at localhost', async () => {
    const r = await doctor(wecomEnv({ DASHBOARD_SECRET: 'x'.repeat(32) }));
    expect(r.code).toBe(1);
    expect(r.line('领导看板')).toMatch(/^✗ .*http:\/\/localhost:8080.*PUBLIC_BASE_URL=https:/);
    const ok = await doctor(wecomEnv({ DASHBOARD_SECRET: 'x'.repeat(32), PUBLIC_BASE_URL: 'https://duban.example.gov.cn' }));
    expect(ok.line('领导看板')).toMatch(/^✓ /);
  });

  it('reports a bad REMIND_TIME once', async () => {
    const r = await doctor(wecomEnv({ REMIND_TIME: '25:00' }));
    expect(r.code).toBe(1);
    expect(r.text.split('\n').filter((l) => l.includes('REMIND_TIME'))).toHaveLength(1); // one line (which may show the key and an example)
    expect(r.line('基本配置')).toMatch(/^✗ .*REMIND_TIME/);
  });

  it('warns about groups subscribed on a platform no longer configured (their reminders would end dead)', async () => {
    const db = openDb(join(dir, 'data'));
    subscribe(db, 'wecom:wr_units', '住建局', 'wecom:zhangsan', '2026-06-01T02:00:00Z');
    db.close();
    expect((await doctor(wecomEnv())).line('提醒订阅')).toMatch(/^✓ 提醒订阅：1个群订阅了提醒，所在平台都已配置/);
    const db2 = openDb(join(dir, 'data'));
    subscribe(db2, 'feishu:oc_old', '发改局', 'feishu:ou_1', '2026-06-01T02:00:00Z');
    db2.close();
    const r = await doctor(wecomEnv());
    expect(r.line('提醒订阅')).toMatch(/^⚠ 提醒订阅：1个群订阅了提醒，但所在平台没有配置.*feishu:oc_old/);
    expect(r.line('提醒订阅')).not.toContain('wr_units');
    expect(r.code).toBe(0);
  });

  it('warns when there is no backup of a store with data, or the newest is older than two days', async () => {
    const data = join(dir, 'data');
    const empty = await doctor(wecomEnv());
    expect(empty.line('备份')).toMatch(/^✓ 备份：还没有数据/);

    const db = openDb(data);
    insertReport(db, {
      taskNo: 28, platform: 'wecom', userId: 'zhangsan', userName: '张三', unit: '住建局', text: '已开工', percent: null,
      status: null, chatId: 'wr1', messageId: 'm1', createdAt: '2026-06-01T02:00:00Z',
    });
    const none = await doctor(wecomEnv());
    expect(none.line('备份')).toMatch(/^⚠ 备份：.*里没有备份，而数据库已有数据：运行 duban backup/);
    expect(none.code).toBe(0);

    const file = await createBackup(db, { dir: join(data, 'backups') });
    db.close();
    expect((await doctor(wecomEnv())).line('备份')).toMatch(/^✓ 备份：最近的备份：0小时前/);
    const old = new Date(Date.now() - 3 * 24 * 3600_000);
    utimesSync(file, old, old);
    const stale = await doctor(wecomEnv());
    expect(stale.line('备份')).toMatch(/^⚠ 备份：最近的备份是3天前的 .*自动备份没有在运行/);
  });

  it('the work calendar on the doctor\'s clock: next year missing from 12-01 (warning with the CALENDAR_FILE format), this year missing once it has begun, fine with the file', async () => {
    // the first year the holiday data lacks (2027 today; the test follows a package upgrade)
    const last = Math.max(...buildCalendar().years);
    const next = last + 1;
    const at = (d: string) => new Date(`${d}T09:00:00+08:00`);
    expect((await doctor(wecomEnv(), [], at(`${last}-11-30`))).line('工作日历')).toMatch(/^✓ 工作日历：/);
    const dec = await doctor(wecomEnv(), [], at(`${last}-12-01`));
    expect(dec.line('工作日历')).toMatch(new RegExp(`^⚠ 工作日历：.*缺少${next}年（暂按周一至周五）`));
    expect(dec.text).toContain(`CALENDAR_FILE=`);
    expect(dec.text).toContain(`{"years":[${next}]`);
    expect(dec.code).toBe(0);
    const jan = await doctor(wecomEnv(), [], at(`${next}-01-04`));
    expect(jan.line('工作日历')).toMatch(new RegExp(`^⚠ 工作日历：今年（${next}年）没有节假日数据，提醒正按周一至周五暂算。$`));
    expect(jan.code).toBe(0); // the bot runs on the guess: a warning, not a refusal
    const file = join(dir, 'calendar.json');
    writeFileSync(file, JSON.stringify({ years: [next], holidays: [`${next}-01-01`], workdays: [] }));
    expect((await doctor(wecomEnv({ CALENDAR_FILE: file }), [], at(`${next}-01-04`))).line('工作日历')).toMatch(new RegExp(`^✓ 工作日历：已有${next}年的节假日数据`));
  });
});
