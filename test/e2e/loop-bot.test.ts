// /催办 and /批示 in the whole bot (as `npm start` builds it, Feishu webhook mode against the fake
// Open API): the post leaves through the outbox right after the command's commit — no cron job
// runs here (jobs: false), so only the router's kick can have sent it — with a real @ of the
// bound liaison, the office's words escaped, and an idempotency uuid.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { atBot, postEvent, webhookEnv } from '../fakes/feishu/events.ts';
import { FakeFeishu, until } from '../fakes/feishu/server.ts';

setLogLevel('error');

let bot: Bot | undefined;
let fake: FakeFeishu | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.stop();
  bot = fake = undefined;
});

describe('the supervision loop in the running bot', () => {
  it('/催办 posts at once to the default group, @ the liaison; /批示 and /签收 close the loop', async () => {
    fake = await new FakeFeishu().start();
    const now = new Date('2026-06-23T02:00:00Z');
    bot = await startBot(
      {
        DATA_DIR: join(mkdtempSync(join(tmpdir(), 'duban-e2e-')), 'data'),
        PORT: '0',
        ...webhookEnv(fake.baseUrl),
        ADMINS: 'feishu:ou_admin',
        LEADERS: 'feishu:ou_cao',
        REMIND_DEFAULT_GROUP: 'feishu:oc_group1',
      },
      { jobs: false, now: () => now },
    );
    const url = `http://127.0.0.1:${bot.port}/feishu/events`;
    const send = async (ev: unknown) => {
      fake!.observe(ev);
      expect(await postEvent(url, ev, now)).toBe(200);
    };
    const replies = () => fake!.sent().filter((m) => m.kind === 'reply');
    const created = () => fake!.sent().filter((m) => m.kind === 'create');
    const textOf = (m: { content: unknown }) => JSON.stringify(m.content);

    await send(atBot('/绑定 @_user_2 住建局', { sender: 'ou_admin', mentions: [{ openId: 'ou_zhang', name: '张三' }] }));
    await until(() => replies().length === 1, 5000, 'binding');

    await send(atBot('/催办 28 请本周内报送 <at user_id="all"></at>', { sender: 'ou_admin' }));
    await until(() => replies().length === 2 && created().length === 1, 5000, 'chase posted');
    expect(textOf(replies()[1]!)).toContain('已催办第28项');
    const post = created()[0]!;
    expect(post.chatId).toBe('oc_group1');
    expect(post.uuid).toBeTruthy();
    expect(textOf(post)).toContain('催办');
    expect(textOf(post)).toContain('ou_zhang');
    // the typed tag arrives with full-width brackets: text, not an @ of everyone
    expect(textOf(post)).not.toMatch(/<at user_id=\\"all|<at id=all/);
    expect(textOf(post)).toContain('＜at user_id=');

    await send(atBot('/批示 28 抓紧推进，月底前开工', { sender: 'ou_cao' }));
    await until(() => replies().length === 3 && created().length === 2, 5000, 'instruction posted');
    expect(textOf(created()[1]!)).toContain('抓紧推进，月底前开工');
    expect(created()[1]!.msgType).toBe('interactive');
    expect(textOf(created()[1]!)).toContain('"command":"/签收 28"');
    await send(atBot('/签收 28', { sender: 'ou_zhang' }));
    await until(() => replies().length === 4, 5000, 'signed');
    expect(textOf(replies()[3]!)).toContain('已签收第28项批示1条');
    expect(bot.router.db!.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'").get()).toEqual({ n: 2 });
  });
});
