// Issue 10 item 7: command names, units, leaders and scopes typed by users must never reach
// Object.prototype. "/constructor" used to echo the message (Object(msg) as the reply),
// "/toString" answered "[object Undefined]", "/valueOf" an apology. Every path gets the normal
// "不认识的命令" reply: the chat router (configured like the app, with extra commands), the WeCom
// callback (real adapter, real router, encrypted requests) and the local console.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpServer } from '../../src/http/server.ts';
import { runConsole } from '../../src/platforms/console/console.ts';
import { memoryInbox } from '../helpers/inbox.ts';
import { createWecomAdapter } from '../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../src/platforms/wecom/config.ts';
import { memoryWebhookStore } from '../../src/platforms/wecom/webhookStore.ts';
import { defaultRegistry } from '../../src/commands/all.ts';
import { ANYONE, defineCommand, noArgs } from '../../src/commands/spec.ts';
import { route, type RouterDeps } from '../../src/router.ts';
import { CallbackDriver, textMessage } from '../fakes/wecom/callbackDriver.ts';
import { makeChat, type Chat } from '../helpers/chat.ts';

export const PROTO_NAMES = [
  'toString', 'valueOf', '__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', '__defineGetter__', '__lookupSetter__', 'prototype',
];
const unknownReply = (name: string) => `不认识的命令“/${name}”`;

let chat: Chat;
let deps: RouterDeps;
beforeAll(() => {
  chat = makeChat({ admins: ['王主任'] });
  // as the app wires it: every command in the registry, a stand-in /看板 among them
  const commands = defaultRegistry().add(
    defineCommand({ id: 'dashboard', names: ['看板'], match: 'word', doc: '', access: ANYONE, writes: false, parse: noArgs, run: () => ({ text: '看板链接' }) }),
  );
  deps = { ...chat.deps, commands };
});
afterAll(() => chat.close());

const say = async (text: string, user = '王主任') =>
  (await route({ platform: 'feishu', messageId: `m-${Math.random()}`, chatId: 'g', isDirect: false, userId: `id-${user}`, userName: user, text, receivedAt: new Date() }, deps)).text;

describe('chat router', () => {
  it.each(PROTO_NAMES)('/%s is an unknown command', async (name) => {
    expect(await say(`/${name}`)).toContain(unknownReply(name));
    expect(await say(`／${name} 28`)).toContain(unknownReply(name));
  });

  it('the real extra command still works', async () => {
    expect(await say('/看板')).toBe('看板链接');
  });

  it.each(['constructor', '__proto__', 'toString'])('%s as a unit, leader or scope is just an unknown name', async (name) => {
    expect(await say(`/绑定 ${name}`, '张三')).toMatch(/不认识单位/);
    expect(await say(`/汇总 ${name}`)).toMatch(/没有|不认识|找不到/);
    expect(await say(`/滞后 ${name}`)).toMatch(/没有|不认识|找不到/);
    expect(await say(`/订阅 ${name}`)).toMatch(/不认识/);
    expect(chat.count('bindings')).toBe(0);
  });
});

describe('WeCom callback', () => {
  it('answers every prototype name with the unknown-command reply in an encrypted stream', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const TOKEN = 'QDG6eK';
    const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    const http = createHttpServer();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: 'http://127.0.0.1:9' });
    const adapter = createWecomAdapter({ config, handle: (m) => route(m, deps), inbox: memoryInbox(), webhooks: memoryWebhookStore(), http });
    try {
      await adapter.start();
      const port = await http.listen(0, '127.0.0.1');
      const driver = new CallbackDriver(`http://127.0.0.1:${port}/wecom/callback`, TOKEN, AES);
      for (const name of PROTO_NAMES) {
        const r = await driver.post(textMessage({ text: `@督办助手 /${name}`, chatid: 'CHAT1', userid: 'lisi' }));
        expect(r.status, name).toBe(200);
        expect(r.plain?.stream?.content, name).toContain(unknownReply(name));
      }
    } finally {
      await adapter.stop();
      await http.close();
      vi.restoreAllMocks();
    }
  });
});

describe('local console', () => {
  it('answers every prototype name with the unknown-command reply', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const done = runConsole(deps, input, output);
    input.end(PROTO_NAMES.map((n) => `/${n}\n`).join(''));
    await done;
    // after the banner (who you are, how to become admin, how to use)
    const all = text.split('\n');
    const lines = all.slice(all.findIndex((l) => l.includes('Ctrl+D')) + 1).filter(Boolean);
    expect(lines).toHaveLength(PROTO_NAMES.length);
    PROTO_NAMES.forEach((n, i) => expect(lines[i]).toContain(unknownReply(n)));
  });
});
