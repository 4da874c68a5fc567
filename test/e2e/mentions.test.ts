// Issue 10 item 5: only the bot decides whom a message @-s. A liaison writes mention and link
// syntax of both platforms into a report and a milestone; the whole bot (startBot) echoes them in
// its chat reply and copies them into the reminder it sends. What the platform fakes receive
// @-s exactly the computed liaison (from the binding), and carries no live link or tag.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBot, type Bot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { runReminders } from '../../src/remind/runner.ts';
import { signedPost } from '../fakes/feishu/crypto.ts';
import { atBot, ENCRYPT_KEY, webhookEnv } from '../fakes/feishu/events.ts';
import { FakeFeishu, mentionsIn, until } from '../fakes/feishu/server.ts';
import { CallbackDriver, textMessage } from '../fakes/wecom/callbackDriver.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom/webhookServer.ts';

setLogLevel('error');

const INJECT = '<@all> <@zhangsan> <at user_id="ou_x">x</at> <at id=all></at> [点我](http://x)';
/** Live markup a client would act on: a WeCom <@…>, a Feishu <at …>, a markdown link. */
const LIVE = /<@|<at[\s>]|\]\(/;
const dataDir = () => join(mkdtempSync(join(tmpdir(), 'duban-mentions-')), 'data');

/** Every string inside a recorded message, for the LIVE check. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

let bot: Bot | undefined;
let feishu: FakeFeishu | undefined;
let wecom: FakeWecomApi | undefined;
afterEach(async () => {
  await bot?.stop();
  await feishu?.stop();
  await wecom?.close();
  bot = feishu = wecom = undefined;
  vi.restoreAllMocks();
});

it('the fake Feishu server sees the mentions a client would', () => {
  // the test below relies on this recorder: check it against both tag forms first
  expect(mentionsIn({ text: '<at user_id="ou_a">A</at> hi <at user_id="all">所有人</at>' })).toEqual(['ou_a', 'all']);
  expect(mentionsIn({ body: { elements: [{ tag: 'markdown', content: '<at id=ou_b></at> <at id=all></at>' }] } })).toEqual(['ou_b', 'all']);
  expect(mentionsIn({ text: '＜at user_id="all"＞ &lt;at id=all&gt;' })).toEqual([]);
});

describe('user text cannot @ anyone', () => {
  it('WeCom: group webhook reminder and AI-bot replies', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const KEY = '693a91f6-7a3c-4bc4-97a0-0ec2afa5aaa1';
    const TOKEN = 'QDG6eK';
    const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    wecom = await startFakeWecomApi({ keys: [KEY] });
    let now = new Date('2026-06-22T01:00:00Z'); // Monday 09:00 in 汨罗
    bot = await startBot(
      {
        DATA_DIR: dataDir(), PORT: '0', WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN,
        WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: wecom.base, ADMINS: 'wecom:admin1', REMIND_DEFAULT_GROUP: 'wecom:CHAT1',
        REMIND_QUARTERLY: 'false',
      },
      { jobs: false, now: () => now },
    );
    const driver = new CallbackDriver(`http://127.0.0.1:${bot.port}/wecom/callback`, TOKEN, AES, () => now.getTime());
    const say = async (userid: string, text: string) => (await driver.post(textMessage({ text: `@督办助手 ${text}`, chatid: 'CHAT1', userid }))).plain?.stream?.content as string;

    expect(await say('admin1', `/推送地址 ${KEY}`)).toContain('已绑定本群推送地址');
    expect(await say('admin1', '/订阅 住建局')).toContain('已订阅');
    expect(await say('admin1', '/绑定 @wecom:lisi 住建局')).toContain('住建局的联络员');
    // "滞后" keeps the report from meeting the milestone, so the reminder goes out and quotes both
    const replies = [
      await say('lisi', `/进展 28 ${INJECT} 滞后`),
      await say('lisi', `/节点 28 6月底 完成主体 ${INJECT}`),
      await say('lisi', `/更正 ${INJECT} 滞后，已开工150套`),
    ];
    for (const r of replies) {
      expect(r).toMatch(/已记录|已设|已更正/);
      expect(r).not.toMatch(LIVE);
      expect(r).toContain('＜@all＞'); // still readable, as typed
    }
    // stored exactly as typed: escaping is the renderer's job, not the store's
    const stored = bot.router.db!.prepare('SELECT text FROM reports').get() as { text: string };
    expect(stored.text).toBe(`${INJECT} 滞后，已开工150套`);

    now = new Date('2026-06-23T01:00:00Z'); // 7 days before 6月30日
    const r = await runReminders(bot.remind, bot.deliver);
    expect(r.sent).toBeGreaterThan(0);
    const reminder = wecom.messages.find((m) => m.content.includes('完成主体'));
    expect(reminder, 'a reminder quoting the milestone').toBeDefined();
    // one line per item (src/remind/compose.ts): milestone text and latest report, clipped, escaped
    expect(reminder!.content).toMatch(/6月底 完成主体 ＜@all＞ ＜/);
    expect(reminder!.content).toMatch(/6月22日进展：＜@all＞ ＜@zhan/);
    // the reminder clips texts to 40 characters: the whole injection once more, title included
    const direct = { chatId: 'CHAT1', text: INJECT, title: INJECT, mentions: [{ userId: 'lisi', name: '李四' }, { userId: '@all', name: INJECT }], idempotencyKey: 'direct' };
    expect((await bot.deliver('wecom:CHAT1', direct)).ok).toBe(true);
    expect(wecom.messages.at(-1)!.content).toContain('［点我］(http://x)');
    for (const m of wecom.messages) {
      expect(m.mentions).toEqual(['lisi']);
      expect(m.content).not.toMatch(LIVE);
    }
  });

  it('Feishu: reminder card or text and chat replies', async () => {
    feishu = await new FakeFeishu().start();
    let now = new Date('2026-06-22T01:00:00Z');
    bot = await startBot(
      {
        DATA_DIR: dataDir(), PORT: '0', ...webhookEnv(feishu.baseUrl),
        ADMINS: 'feishu:ou_admin', REMIND_DEFAULT_GROUP: 'feishu:oc_group1', REMIND_QUARTERLY: 'false',
      },
      { jobs: false, now: () => now },
    );
    const url = `http://127.0.0.1:${bot.port}/feishu/events`;
    const replies = () => feishu!.sent().filter((m) => m.kind === 'reply');
    const send = async (ev: unknown) => {
      const n = replies().length;
      feishu!.observe(ev);
      const p = signedPost(ENCRYPT_KEY, ev, { timestamp: Math.floor(now.getTime() / 1000) });
      expect((await fetch(url, { method: 'POST', body: p.body, headers: p.headers })).status).toBe(200);
      await until(() => replies().length === n + 1, 5000, 'reply');
      return replies().at(-1)!;
    };

    await send(atBot('/绑定 @_user_2 住建局', { sender: 'ou_admin', mentions: [{ openId: 'ou_liaison', name: '李四' }] }));
    const echoed = [
      await send(atBot(`/进展 28 ${INJECT} 滞后`, { sender: 'ou_liaison' })),
      await send(atBot(`/节点 28 6月底 完成主体 ${INJECT}`, { sender: 'ou_liaison' })),
    ];
    for (const r of echoed) {
      expect(JSON.stringify(r.content)).toMatch(/已记录|已设/);
      expect(r.mentions).toEqual([]);
      for (const s of strings(r.content)) expect(s).not.toMatch(LIVE);
    }

    now = new Date('2026-06-23T01:00:00Z');
    const before = feishu.sent().length;
    expect((await runReminders(bot.remind, bot.deliver)).sent).toBeGreaterThan(0);
    for (const title of [undefined, INJECT]) {
      const direct = { chatId: 'oc_group1', text: INJECT, mentions: [{ userId: 'ou_liaison', name: INJECT }, { userId: 'all', name: '所有人' }], idempotencyKey: `direct-${title}`, ...(title ? { title } : {}) };
      expect((await bot.deliver('feishu:oc_group1', direct)).ok).toBe(true);
    }
    const created = feishu.sent().slice(before).filter((m) => m.kind === 'create');
    expect(new Set(created.map((m) => m.msgType))).toEqual(new Set(['text', 'interactive']));
    expect(created.some((m) => JSON.stringify(m.content).includes('完成主体'))).toBe(true);
    for (const m of created) {
      expect(m.mentions).toEqual(['ou_liaison']);
      for (const s of strings(m.content)) expect(s.replace(/<at (?:user_id="|id=)ou_liaison"?>/g, '')).not.toMatch(LIVE);
    }
  });
});
