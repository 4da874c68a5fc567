// The whole bot, as `npm start` builds it, in Feishu webhook mode against the fake Open API:
// a signed event in, the real router and store, the reply out; a reminder run delivered
// through the same adapter with its idempotency key.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { runReminders } from '../../src/remind/runner.ts';
import { atBot, fileEvent, postEvent, webhookEnv } from '../fakes/feishu/events.ts';
import { FakeFeishu, until } from '../fakes/feishu/server.ts';

setLogLevel('error');

let bot: Bot | undefined;
let fake: FakeFeishu | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.stop();
  bot = fake = undefined;
});

describe('the bot on Feishu (webhook mode), end to end', () => {
  it('answers, records a report under the permission rules, and delivers reminders once', async () => {
    fake = await new FakeFeishu().start();
    let now = new Date('2026-06-23T01:00:00Z'); // 09:00 in 汨罗
    bot = await startBot(
      {
        DATA_DIR: join(mkdtempSync(join(tmpdir(), 'duban-e2e-')), 'data'),
        PORT: '0',
        ...webhookEnv(fake.baseUrl),
        ADMINS: 'feishu:ou_admin',
        REMIND_DEFAULT_GROUP: 'feishu:oc_group1',
      },
      { jobs: false, now: () => now },
    );
    const url = `http://127.0.0.1:${bot.port}/feishu/events`;
    const send = async (ev: unknown) => {
      fake!.observe(ev);
      // Feishu signs with its own clock; the bot's clock is the injected one.
      expect(await postEvent(url, ev, now)).toBe(200);
    };
    const replies = () => fake!.sent().filter((m) => m.kind === 'reply');
    const textOf = (m: { content: any }) => JSON.stringify(m.content);

    await send(atBot('谁牵头第28项'));
    await until(() => replies().length === 1, 5000, 'answer');
    expect(textOf(replies()[0]!)).toContain('曹陶');

    await send(atBot('/进展 28 已开工建设120套，完成率30%', { sender: 'ou_zhang' }));
    await until(() => replies().length === 2, 5000, 'refusal');
    expect(textOf(replies()[1]!)).toContain('住建局');

    await send(atBot('/绑定 @_user_2 住建局', { sender: 'ou_admin', mentions: [{ openId: 'ou_zhang', name: '张三' }] }));
    await until(() => replies().length === 3, 5000, 'binding');
    await send(atBot('/进展 28 已开工建设120套，完成率30%', { sender: 'ou_zhang' }));
    await until(() => replies().length === 4, 5000, 'report');
    expect(textOf(replies()[2]!)).toContain('张三');
    expect(textOf(replies()[3]!)).toContain('已记录');
    const stored = bot.router.db!.prepare('SELECT task_no AS taskNo, percent, user_id AS userId FROM reports').all();
    expect(stored).toEqual([{ taskNo: 28, percent: 30, userId: 'ou_zhang' }]);

    // 6月30日 milestones (票决) → a reminder to the default group, through the adapter.
    const before = fake.sent().filter((m) => m.kind === 'create').length;
    await runReminders(bot.remind, bot.deliver);
    const created = fake.sent().filter((m) => m.kind === 'create');
    expect(created.length).toBeGreaterThan(before);
    const reminder = created[created.length - 1]!;
    expect(reminder.chatId).toBe('oc_group1');
    expect(reminder.uuid).toBeTruthy();
    expect(textOf(reminder)).toContain('节点提醒');
    // A second run the same day sends nothing new.
    now = new Date('2026-06-23T03:00:00Z');
    await runReminders(bot.remind, bot.deliver);
    expect(fake.sent().filter((m) => m.kind === 'create').length).toBe(created.length);
  });

  it('a liaison reports with a photo: the photo is downloaded, stored under DATA_DIR/evidence and linked (佐证材料)', async () => {
    fake = await new FakeFeishu().start();
    const now = new Date('2026-06-23T01:00:00Z');
    const dataDir = join(mkdtempSync(join(tmpdir(), 'duban-e2e-')), 'data');
    bot = await startBot(
      {
        DATA_DIR: dataDir, PORT: '0', ...webhookEnv(fake.baseUrl), ADMINS: 'feishu:ou_admin', REMIND_DEFAULT_GROUP: 'feishu:oc_group1',
      },
      { jobs: false, now: () => now },
    );
    const url = `http://127.0.0.1:${bot.port}/feishu/events`;
    const send = async (ev: unknown) => {
      fake!.observe(ev);
      expect(await postEvent(url, ev, now)).toBe(200);
    };
    const replies = () => fake!.sent().filter((m) => m.kind === 'reply');
    await send(atBot('/绑定 @_user_2 住建局', { sender: 'ou_admin', mentions: [{ openId: 'ou_zhang', name: '张三' }] }));
    await until(() => replies().length === 1, 5000, 'binding');
    await send(atBot('/进展 28 已开工建设120套，完成率30%', { sender: 'ou_zhang' }));
    await until(() => replies().length === 2, 5000, 'report');
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 7, 7, 7]);
    fake.resources.set('om_photo/img_v3_site', { type: 'image', bytes: photo, contentType: 'image/jpeg' });
    await send(fileEvent({ kind: 'image', key: 'img_v3_site', messageId: 'om_photo', sender: 'ou_zhang' }));
    await until(() => replies().length === 3, 5000, 'evidence');
    expect(replies()[2]!.content.text).toBe('已附佐证材料1份（第28项）。');
    const row = bot.router.db!.prepare('SELECT e.task_no AS taskNo, e.sha256, r.user_id AS userId FROM evidence e JOIN reports r ON r.id = e.report_id').get() as { taskNo: number; sha256: string; userId: string };
    expect(row).toMatchObject({ taskNo: 28, userId: 'ou_zhang' });
    expect(existsSync(join(dataDir, 'evidence', row.sha256.slice(0, 2), `${row.sha256}.jpg`))).toBe(true);
  });
});
