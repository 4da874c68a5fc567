// The operator's side, as the operator types it: `duban remind --run --at D` through the real
// CLI against the WeCom webhook fake, `--pending` / `--mark-sent`, and the start-up rule for a
// console default group with a platform configured (bot and doctor).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { startBot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { recoverExpiredClaims } from '../../src/remind/delivery.ts';
import { openDb } from '../../src/store/db.ts';
import { beginPart, claim } from '../../src/store/delivery.ts';
import { enqueue, listOutbox, subscribe } from '../../src/store/outbox.ts';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';
import { startFakeWecomApi } from '../fakes/wecom/webhookServer.ts';

setLogLevel('error');
const exec = promisify(execFile);
const KEY = '693a91f6-7a3c-4bc4-97a0-0ec2afa5aaa1';
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const wecomEnv = (base: string) => ({ WECOM_BOT_ID: 'bot', WECOM_MODE: 'callback', WECOM_TOKEN: 'tok', WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: base });

/** The CLI as `npm run --silent duban -- remind …`, asynchronously (the fakes live in this process). */
async function duban(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  try {
    const r = await exec('npm', ['run', '--silent', 'duban', '--', ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'error', ...env }, timeout: 60_000 });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, out: x.stdout ?? '', err: x.stderr ?? '' };
  }
}

describe('duban remind --run --at D', () => {
  it('sends a past day once through the WeCom webhook, sends nothing new when re-run, and refuses a future day', { timeout: 120_000 }, async () => {
    const fake = await startFakeWecomApi({ keys: [KEY] });
    const dir = join(mkdtempSync(join(tmpdir(), 'duban-run-')), 'data');
    try {
      const db = openDb(dir);
      sqliteWebhookStore(db).set('wr_default', KEY, 'admin', new Date());
      db.close();
      const env = { ...wecomEnv(fake.base), DATA_DIR: dir, REMIND_DEFAULT_GROUP: 'wecom:wr_default' };
      const first = await duban(['remind', '--run', '--at', '2026-06-23'], env);
      expect(first.code, first.err).toBe(0);
      // a day in the default group can take more than one WeCom text message (2048 bytes each)
      expect(first.out).toMatch(/2026-06-23 的提醒：新记录(\d+)条。本次发送成功\1条，失败0条，无法确认0条/);
      const posted = fake.messages.length;
      expect(posted).toBeGreaterThan(0);
      expect(fake.messages[0]!.content).toContain('6月23日');
      const again = await duban(['remind', '--run', '--at', '2026-06-23'], env);
      expect(again.out).toContain('新记录0条');
      expect(fake.messages).toHaveLength(posted);
      expect((await duban(['remind', '--pending'], env)).out).toContain('所有提醒都已送达');

      const future = await duban(['remind', '--run', '--at', '2099-01-05'], env);
      expect(future.code).toBe(2);
      expect(future.err).toContain('不能为将来的日期（2099-01-05）正式发送提醒');
      expect(fake.messages).toHaveLength(posted);
    } finally {
      await fake.close();
    }
  });
  it('a reminder for a group nobody can receive (a console group, a platform no longer configured) stays unsent and is listed, never recorded as sent', { timeout: 120_000 }, async () => {
    const fake = await startFakeWecomApi({ keys: [KEY] });
    const dir = join(mkdtempSync(join(tmpdir(), 'duban-nowhere-')), 'data');
    try {
      const db = openDb(dir);
      sqliteWebhookStore(db).set('wr_default', KEY, 'admin', new Date());
      // subscriptions left from the console try-out and from a Feishu set-up since removed
      subscribe(db, 'console:console', 'unit:住建局', 'console:admin', '2026-06-01T00:00:00Z');
      subscribe(db, 'feishu:oc_gone', 'unit:农业农村局', 'feishu:admin', '2026-06-01T00:00:00Z');
      db.close();
      const env = { ...wecomEnv(fake.base), DATA_DIR: dir, REMIND_DEFAULT_GROUP: 'wecom:wr_default' };
      const r = await duban(['remind', '--run', '--at', '2026-06-23'], env);
      expect(r.code, r.err).toBe(1);
      expect(r.out).toMatch(/失败2条/);
      expect(r.out).toContain('duban remind --pending');
      const check = openDb(dir);
      const rows = listOutbox(check, 100);
      check.close();
      const of = (g: string) => rows.filter((x) => x.groupKey === g).map((x) => x.status);
      expect(of('console:console')).toEqual(['dead']);
      expect(of('feishu:oc_gone')).toEqual(['dead']);
      expect(of('wecom:wr_default')).toEqual(['sent']);
      // the WeCom default group got its own reminder, not the units routed to the dead groups
      expect(fake.messages.length).toBeGreaterThan(0);
      for (const m of fake.messages) expect(m.content).not.toMatch(/▍(住建局|农业农村局)/);
      const pending = await duban(['remind', '--pending'], env);
      expect(pending.out).toMatch(/#\d+ 发送失败 console:console 节点提醒 .*最近错误：console:console 是本地控制台，已配置平台时无人接收/);
      expect(pending.out).toMatch(/#\d+ 发送失败 feishu:oc_gone 节点提醒 .*最近错误：平台 feishu 没有启用/);
      // a re-run does not turn them into sent ones, nor send them again
      const again = await duban(['remind', '--run', '--at', '2026-06-23'], env);
      expect(again.out).toContain('新记录0条');
      expect((await duban(['remind', '--pending', '--json'], env)).out.trim().split('\n').map((l) => (JSON.parse(l) as { status: string }).status)).toEqual(['dead', 'dead']);
    } finally {
      await fake.close();
    }
  });
});

describe('duban remind --pending', () => {
  it('lists an uncertain message with group, kind, created, attempts and error; --mark-sent settles it', { timeout: 60_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'duban-pending-')), 'data');
    const db = openDb(dir);
    const t0 = new Date('2026-06-23T01:00:00Z');
    const id = enqueue(db, { idemKey: 'u1', groupKey: 'wecom:wr_zjj', kind: 'remind', text: 't', mentions: [], tasks: [], at: t0.toISOString() }, [])!.id;
    const lease = new Date(t0.getTime() + 60_000).toISOString();
    claim(db, id, 'crashed', t0.toISOString(), lease);
    beginPart(db, id, 'crashed', 'hook0', lease);
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // the expiry is logged as an error
    recoverExpiredClaims({ db, now: () => new Date(t0.getTime() + 5 * 60_000) });
    quiet.mockRestore();
    db.close();
    const env = { DATA_DIR: dir };
    const text = await duban(['remind', '--pending'], env);
    expect(text.out).toContain(`#${id} 无法确认 wecom:wr_zjj 节点提醒 创建于 2026-06-23 09:00，尝试1次；最近错误：发送进程中断（租约过期），第1段可能已送达企业微信`);
    expect(text.out).toContain('duban remind --mark-sent 编号');
    const json = (await duban(['remind', '--pending', '--json'], env)).out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(json).toEqual([expect.objectContaining({ id, status: 'uncertain', group: 'wecom:wr_zjj', kind: 'remind', createdAt: t0.toISOString(), attempts: 1 })]);
    expect((await duban(['remind', '--mark-sent', String(id)], env)).out).toContain(`#${id} 已标记为已送达`);
    expect((await duban(['remind', '--pending'], env)).out).toContain('所有提醒都已送达');
  });
});

describe('unclaimed reminders need a real group once a platform is configured', () => {
  it('the bot refuses to start with REMIND_DEFAULT_GROUP=console:console and says why in Chinese; doctor flags it', { timeout: 60_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'duban-target-')), 'data');
    const env = { ...wecomEnv('http://127.0.0.1:1'), DATA_DIR: dir, PORT: '0', REMIND_DEFAULT_GROUP: 'console:console' };
    await expect(startBot(env, { jobs: false })).rejects.toThrow(/已配置企业微信，但 REMIND_DEFAULT_GROUP=console:console 指向本地控制台/);
    await expect(startBot({ ...env, REMIND_DEFAULT_GROUP: 'feishu:oc_x' }, { jobs: false })).rejects.toThrow(/平台（feishu）没有配置/);
    const doctor = await duban(['doctor'], env);
    expect(doctor.code).toBe(1);
    expect(doctor.out).toMatch(/✗ 提醒接收群：已配置企业微信，但 REMIND_DEFAULT_GROUP=console:console/);
  });
});
