// /订阅, /退订 and /推送地址 through the real router, as people type them in a group.
import { describe, expect, it } from 'vitest';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';
import { listSubscriptions } from '../../src/store/outbox.ts';
import { route } from '../../src/router.ts';
import { idOf, makeChat } from '../helpers/chat.ts';

describe('/订阅', () => {
  it('lets an admin route a unit, a leader, everything and the leaders group to this group', async () => {
    const chat = makeChat({ admins: ['督查室'] });
    expect(await chat.say('督查室', 'oc_a', '/订阅 市住建局')).toBe('已订阅：住建局。本群现订阅：住建局。');
    expect(await chat.say('督查室', 'oc_a', '/订阅 曹陶')).toContain('曹陶（逾期督办）');
    expect(await chat.say('督查室', 'oc_b', '/订阅 全部')).toContain('已订阅：全部');
    expect(await chat.say('督查室', 'oc_c', '/订阅 领导')).toContain('领导群');
    expect(listSubscriptions(chat.db).map((s) => `${s.groupKey} ${s.scope}`)).toEqual([
      'feishu:oc_a leader:曹陶', 'feishu:oc_a unit:住建局', 'feishu:oc_b all', 'feishu:oc_c leaders',
    ]);
    expect(await chat.say('张三', 'oc_a', '/订阅')).toBe('本群订阅的提醒：曹陶（逾期督办）、住建局。\n本群ID：feishu:oc_a');
    expect(await chat.say('督查室', 'oc_a', '/订阅 住建局')).toContain('无需重复');
    expect(await chat.say('督查室', 'oc_a', '/退订 住建局')).toContain('已退订住建局');
    expect(await chat.say('督查室', 'oc_a', '/退订')).toContain('已退订全部订阅');
    expect(listSubscriptions(chat.db, 'feishu:oc_a')).toEqual([]);
    expect(chat.audit().filter((a) => a.entity === 'subscription').map((a) => a.action)).toEqual([
      'subscription.add', 'subscription.add', 'subscription.add', 'subscription.add', 'subscription.remove', 'subscription.remove',
    ]);
    chat.close();
  });

  it('refuses non-admins, direct chats and unknown names, and writes nothing', async () => {
    const chat = makeChat({ admins: ['督查室'] });
    expect(await chat.say('张三', 'oc_a', '/订阅 住建局')).toContain('只有管理员');
    const direct = await route(
      { platform: 'feishu', messageId: 'dm1', chatId: 'dm', isDirect: true, userId: idOf('督查室'), userName: '督查室', text: '/订阅 住建局', receivedAt: new Date() },
      chat.deps,
    );
    expect(direct.text).toContain('请在要接收提醒的群里发送');
    const reply = await chat.say('督查室', 'oc_a', '/订阅 住房局');
    expect(reply).toContain('不认识“住房局”');
    expect(listSubscriptions(chat.db, 'feishu:oc_a')).toEqual([]);
    chat.close();
  });

  it('writes once when the platform delivers the same message twice', async () => {
    const chat = makeChat({ admins: ['督查室'] });
    await chat.say('督查室', 'oc_a', '/订阅 住建局', { messageId: 'same' });
    await chat.say('督查室', 'oc_a', '/退订 住建局', { messageId: 'x' });
    expect(await chat.say('督查室', 'oc_a', '/订阅 住建局', { messageId: 'same' })).toContain('已经处理过');
    expect(listSubscriptions(chat.db, 'feishu:oc_a')).toEqual([]);
    chat.close();
  });
});

describe('/推送地址 (WeCom)', () => {
  it('stores the key for the group, shows it masked, audits it masked, and is admin only', async () => {
    const chat = makeChat({ admins: ['督查室'] });
    chat.deps.webhooks = sqliteWebhookStore(chat.db);
    chat.deps.roles = { ...chat.deps.roles!, admins: new Set([...chat.deps.roles!.admins, `wecom:${idOf("督查室")}`]) };
    const key = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    const url = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
    expect(await chat.say('张三', 'wr_g', `/推送地址 ${url}`, { platform: 'wecom' })).toContain('只有管理员');
    const set = await chat.say('督查室', 'wr_g', `/推送地址 ${url}`, { platform: 'wecom' });
    expect(set).toContain('已绑定');
    expect(set).not.toContain(key);
    expect(chat.deps.webhooks.get('wr_g')?.key).toBe(key);
    expect(await chat.say('张三', 'wr_g', '/订阅', { platform: 'wecom' })).toContain('会真正@联络员');
    const audit = chat.audit().find((a) => a.entity === 'webhook')!;
    expect(audit.action).toBe('webhook.set');
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(await chat.say('督查室', 'wr_g', '/推送地址 删除', { platform: 'wecom' })).toContain('已删除');
    expect(await chat.say('张三', 'wr_g', '/订阅', { platform: 'wecom' })).toContain('不能真正@到人');
    chat.close();
  });
});
