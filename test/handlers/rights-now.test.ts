// Issue 10 item 8 (chat half): rights are those of the sender at the time of the message.
// - a liaison unbound since filing cannot /更正 or /撤回 the old report;
// - a quoted message is somebody else's words: quoting "/进展 …" never runs it as the quoter.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer } from '../../src/http/server.ts';
import { normalizeMessage } from '../../src/platforms/feishu/receive.ts';
import { memoryInbox } from '../helpers/inbox.ts';
import { createWecomAdapter } from '../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../src/platforms/wecom/config.ts';
import { normalize } from '../../src/platforms/wecom/receive.ts';
import { memoryWebhookStore } from '../../src/platforms/wecom/webhookStore.ts';
import { QUOTED_COMMAND_REPLY, route } from '../../src/router.ts';
import { atBot, BOT_OPEN_ID } from '../fakes/feishu/events.ts';
import { CallbackDriver, textMessage } from '../fakes/wecom/callbackDriver.ts';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'] });
  await bindVia(chat, '王主任', '张三', '住建局');
});
afterEach(() => chat.close());

describe('/更正 and /撤回 re-check the binding', () => {
  beforeEach(async () => {
    expect(await chat.say('张三', 'g', '/进展 28 已开工建设120套')).toContain('已记录');
    expect(await chat.say('张三', 'g', '/解绑')).toContain('不再是住建局的联络员');
  });

  it('an unbound liaison can neither correct nor undo his report', async () => {
    for (const cmd of ['/更正 已开工建设999套', '/更正 28 已开工建设999套', '/撤回', '/撤回 28']) {
      const r = await chat.say('张三', 'g', cmd);
      expect(r, cmd).toMatch(/已不是住建局的联络员/);
      expect(r, cmd).toMatch(/联系督查室/);
    }
    expect(chat.reports()).toEqual([expect.objectContaining({ text: '已开工建设120套', revokedAt: null, editedAt: null })]);
    expect(chat.audit().filter((a) => a.action === 'report.edit' || a.action === 'report.revoke')).toEqual([]);
  });

  it('bound again, he may (the rule is the binding now, not a grudge)', async () => {
    await bindVia(chat, '王主任', '张三', '住建局');
    expect(await chat.say('张三', 'g', '/更正 已开工建设150套')).toContain('已更正第28项进展');
    expect(await chat.say('张三', 'g', '/撤回')).toContain('已撤回第28项进展');
  });

  it('bound to another unit of the same task is not enough: the report is in 住建局\'s name', async () => {
    // task 28's cooperating units are 相关镇政府、街道办: as 白水镇 he may report on it, but not amend 住建局's
    await bindVia(chat, '王主任', '张三', '白水镇');
    expect(await chat.say('张三', 'g', '/撤回')).toMatch(/已不是住建局的联络员/);
  });
});

describe('quoted commands are not run', () => {
  const wecomAdmin = 'wangzhuren';
  const depsFor = (c: Chat) => ({ ...c.deps, roles: { admins: new Set([`wecom:${wecomAdmin}`]), leaders: new Set<string>() } });

  it('WeCom normalisation marks a quote that stands in for the text', () => {
    const base = { msgid: 'm1', chatid: 'C', chattype: 'group', from: { userid: wecomAdmin }, msgtype: 'text' };
    const quote = { msgtype: 'text', text: { content: '/进展 28 已完成' } };
    const onlyQuote = normalize({ ...base, text: { content: '@督办助手' }, quote }, { now: () => new Date() });
    expect(onlyQuote).toMatchObject({ kind: 'message', msg: { text: '/进展 28 已完成', textIsQuote: true } });
    const typed = normalize({ ...base, text: { content: '@督办助手 /进展 28 已开工' }, quote }, { now: () => new Date() });
    expect(typed.kind === 'message' && typed.msg.textIsQuote).toBeFalsy();
  });

  it('through the WeCom callback and the real router: the quoting admin gets a refusal, nothing is stored', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const TOKEN = 'QDG6eK';
    const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    const http = createHttpServer();
    const config = loadWecomConfig({ WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: 'http://127.0.0.1:9' });
    const deps = depsFor(chat);
    const adapter = createWecomAdapter({ config, handle: (m) => route(m, deps), inbox: memoryInbox(), webhooks: memoryWebhookStore(), http });
    try {
      await adapter.start();
      const driver = new CallbackDriver(`http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/wecom/callback`, TOKEN, AES);
      const before = chat.count('reports');
      for (const quote of ['/进展 28 已完成', '／节点 28 6月底 完成主体结构', '/绑定 @lisi 住建局']) {
        const r = await driver.post(textMessage({ text: '@督办助手', chatid: 'CHAT1', userid: wecomAdmin, quote }));
        expect(r.plain?.stream?.content, quote).toBe(QUOTED_COMMAND_REPLY);
      }
      expect(chat.count('reports')).toBe(before);
      expect(chat.count('milestones')).toBe(0);
      expect(chat.bindings().filter((b) => b.userId === 'lisi')).toEqual([]);
      // the same admin typing the command himself (quoting something else) is obeyed
      const own = await driver.post(textMessage({ text: '@督办助手 /进展 28 已开工', chatid: 'CHAT1', userid: wecomAdmin, quote: '随便什么' }));
      expect(own.plain?.stream?.content).toContain('已记录第28项进展');
      expect(chat.count('reports')).toBe(before + 1);
    } finally {
      await adapter.stop();
      await http.close();
      vi.restoreAllMocks();
    }
  });

  it('Feishu: a reply to a command message carries only the replier\'s own text', () => {
    // Feishu delivers replies with parent_id/root_id but not the parent's content: nothing quoted
    // can enter the text. This pins that down should someone start fetching the parent.
    const ev = atBot('这个呢');
    Object.assign(ev.event.message, { parent_id: 'om_parent', root_id: 'om_parent' });
    const n = normalizeMessage(ev.event, BOT_OPEN_ID, new Date());
    expect(n).toMatchObject({ ok: true, msg: { text: '这个呢' } });
    expect(n.ok && n.msg.textIsQuote).toBeFalsy();
  });
});
