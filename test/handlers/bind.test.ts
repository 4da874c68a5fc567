// Binding liaisons: a request approved by an admin, or an admin binding someone directly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idOf, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(() => {
  chat = makeChat({ admins: ['王主任'] });
});
afterEach(() => chat.close());

describe('/绑定 → /批准', () => {
  it('a request waits for an admin, who is @-mentioned', async () => {
    const r = await chat.sayFull('张三', 'g', '/绑定 住建局');
    expect(r.text).toBe('已提交申请#1：张三 申请成为住建局的联络员，等待督查室批准（管理员发送 /批准 1，或 /驳回 1）。');
    expect(r.mentions).toEqual([idOf('王主任')]);
    expect(chat.bindings()).toEqual([{ id: 1, userId: idOf('张三'), unit: '住建局', status: 'pending' }]);
    expect(await chat.say('张三', 'g', '/进展 28 已开工')).toContain('不能填报');
    expect(await chat.say('张三', 'g', '/绑定 住建局')).toContain('还在等待督查室批准');

    expect(await chat.say('王主任', 'g', '/待批')).toContain('#1 张三（feishu:id-张三）→ 住建局');
    const ok = await chat.sayFull('王主任', 'g', '/批准 1');
    expect(ok.text).toContain('已批准申请#1：张三 成为住建局的联络员');
    expect(ok.mentions).toEqual([idOf('张三')]);
    expect(chat.bindings()[0]!.status).toBe('active');
    expect(await chat.say('张三', 'g', '/进展 28 已开工')).toContain('已记录');
    expect(await chat.say('张三', 'g', '/绑定 住建局')).toBe('你已经是住建局的联络员了。');
    expect(await chat.say('王主任', 'g', '/批准 1')).toContain('已经批准');
    expect(await chat.say('王主任', 'g', '/待批')).toBe('没有待批准的绑定申请。');
    expect(chat.audit().map((a) => a.action)).toEqual(['binding.request', 'binding.approve', 'report.create']);
  });

  it('accepts unit aliases and towns without 镇', async () => {
    expect(await chat.say('张三', 'g', '/绑定 住房和城乡建设局')).toContain('住建局的联络员');
    expect(await chat.say('李四', 'g', '/bd 白水')).toContain('白水镇的联络员');
    expect(await chat.say('赵六', 'g', '/绑定 汨罗市发展和改革局')).toContain('发改局的联络员');
  });

  it('/驳回 with a reason', async () => {
    await chat.say('张三', 'g', '/绑定 住建局');
    expect(await chat.say('王主任', 'g', '/驳回 1 不是本单位人员')).toBe('已驳回申请#1（张三 → 住建局）：不是本单位人员');
    expect(chat.bindings()[0]!.status).toBe('rejected');
    // may ask again
    expect(await chat.say('张三', 'g', '/绑定 住建局')).toContain('已提交申请#2');
  });

  it('only admins approve, reject, list or bind others', async () => {
    await chat.say('张三', 'g', '/绑定 住建局');
    expect(await chat.say('张三', 'g', '/批准 1')).toBe('只有督查室管理员可以批准绑定申请。');
    expect(await chat.say('李四', 'g', '/驳回 1')).toBe('只有督查室管理员可以驳回绑定申请。');
    expect(await chat.say('李四', 'g', '/待批')).toContain('只有督查室管理员');
    expect(await chat.say('李四', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] })).toContain('只有督查室管理员可以为他人绑定单位');
    expect(chat.bindings().map((b) => b.status)).toEqual(['pending']);
  });

  it('unknown unit: says so and suggests', async () => {
    const r = await chat.say('张三', 'g', '/绑定 住建');
    expect(r).toContain('不认识单位“住建”');
    expect(r).toContain('住建局');
    expect(chat.count('bindings')).toBe(0);
  });
});

describe('admin binds directly: /绑定 @某人 单位', () => {
  it('binds a mentioned person at once', async () => {
    const r = await chat.sayFull('王主任', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] });
    expect(r.text).toContain('已绑定（#1）：张三 成为住建局的联络员');
    expect(r.mentions).toEqual([idOf('张三')]);
    expect(chat.bindings()).toEqual([{ id: 1, userId: idOf('张三'), unit: '住建局', status: 'active' }]);
    expect(chat.audit().map((a) => a.action)).toEqual(['binding.create']);
  });

  it('approves a pending request instead of duplicating it', async () => {
    await chat.say('张三', 'g', '/绑定 住建局');
    expect(await chat.say('王主任', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] })).toContain('已批准申请#1');
    expect(chat.bindings()).toHaveLength(1);
  });

  it('resolves a typed @name against users the bot has seen, or refuses', async () => {
    expect(await chat.say('王主任', 'g', '/绑定 @李四 城管局')).toContain('找不到 @李四');
    await chat.say('李四', 'g', '/身份');
    expect(await chat.say('王主任', 'g', '/绑定 @李四 城管局')).toContain('李四 成为城管局的联络员');
    expect(await chat.say('王主任', 'g', '/绑定 @console:alice 城管局')).toContain('alice 成为城管局的联络员');
  });

  it("an admin's own request takes effect at once", async () => {
    expect(await chat.say('王主任', 'g', '/绑定 住建局')).toContain('已绑定（#1）：王主任 成为住建局的联络员');
  });
});

describe('/解绑', () => {
  it('removes the own binding; reports stay', async () => {
    await chat.say('王主任', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] });
    await chat.say('张三', 'g', '/进展 28 已开工');
    expect(await chat.say('张三', 'g', '/解绑')).toBe('你不再是住建局的联络员。已填报的进展保留不变。');
    expect(chat.bindings()[0]!.status).toBe('removed');
    expect(chat.reports()).toHaveLength(1);
    expect(await chat.say('张三', 'g', '/进展 28 又一条')).toContain('不能填报');
    expect(await chat.say('张三', 'g', '/解绑')).toBe('你没有绑定任何单位。');
  });

  it('asks which when bound to several units; withdraws a pending request', async () => {
    await chat.say('王主任', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] });
    await chat.say('张三', 'g', '/绑定 城管局');
    expect(await chat.say('张三', 'g', '/解绑')).toContain('绑定了多个单位（住建局、城管局）');
    expect(await chat.say('张三', 'g', '/解绑 城管局')).toContain('撤回了成为城管局联络员的申请#2');
    expect(await chat.say('张三', 'g', '/解绑 发改局')).toBe('你不是发改局的联络员，也没有待批准的申请。');
  });

  it("only admins unbind others", async () => {
    await chat.say('王主任', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] });
    expect(await chat.say('李四', 'g', '/解绑 @张三 住建局', { mentions: ['张三'] })).toContain('只有督查室管理员');
    expect(await chat.say('王主任', 'g', '/解绑 @张三 住建局', { mentions: ['张三'] })).toBe('张三不再是住建局的联络员。已填报的进展保留不变。');
    expect(chat.audit().map((a) => a.action)).toEqual(['binding.create', 'binding.remove']);
  });
});

describe('/身份 and /领导', () => {
  it('shows roles', async () => {
    await chat.say('王主任', 'g', '/绑定 @张三 住建局', { mentions: ['张三'] });
    expect(await chat.say('张三', 'g', '/身份')).toBe('你是 张三（feishu:id-张三）。\n角色：联络员（住建局）。');
    expect(await chat.say('路人', 'g', '/whoami')).toContain('普通成员（可以提问）');
    expect(await chat.say('王主任', 'g', '/身份')).toContain('督查室管理员');
  });

  it('an admin makes someone a leader, linked to a 牵头领导 name, and removes it', async () => {
    await chat.say('曹市长', 'g', '/身份');
    expect(await chat.say('曹市长', 'g', '/滞后')).toContain('只有领导、督查室和相关单位的联络员可以查看');
    expect(await chat.say('王主任', 'g', '/领导 @曹市长 曹陶', { mentions: ['曹市长'] })).toContain('已设 曹市长 为领导账号（任务清单上的曹陶');
    expect(await chat.say('曹市长', 'g', '/滞后')).toContain('没有滞后任务');
    const mine = await chat.say('曹市长', 'g', '/我的任务');
    expect(mine).toContain('曹陶牵头');
    expect(mine).toContain('第28项 建设保障性住房408套');
    expect(await chat.say('王主任', 'g', '/领导')).toContain('曹市长（feishu:id-曹市长），任务清单上的曹陶');
    expect(await chat.say('王主任', 'g', '/领导 @曹市长 张飞', { mentions: ['曹市长'] })).toContain('任务清单上没有叫“张飞”的牵头领导');
    expect(await chat.say('张三', 'g', '/领导 @曹市长', { mentions: ['曹市长'] })).toBe('只有督查室管理员可以设置领导账号。');
    expect(await chat.say('王主任', 'g', '/领导 删 @曹市长', { mentions: ['曹市长'] })).toBe('曹市长 不再是领导账号。');
    expect(await chat.say('曹市长', 'g', '/汇总')).toContain('只有领导、督查室');
    expect(chat.audit().map((a) => a.action)).toEqual(['role.grant', 'role.revoke']);
  });
});
