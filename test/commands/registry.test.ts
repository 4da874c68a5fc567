// Issue 12: a command is declared once. A new command defined in one place (below, as it would be
// in its own spec file) is routed, permission-checked, written exactly once with its audit row,
// and listed in /帮助; the docs' table and /帮助 follow the specs; a command whose service is off
// says how to turn it on.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/commands/all.ts';
import { audit, commitWrite, requireTask } from '../../src/commands/context.ts';
import { documentedTable, DOC_FILE } from '../../src/commands/docs.ts';
import { taskRef } from '../../src/commands/parse.ts';
import { CommandRegistry, renderCommandTable } from '../../src/commands/registry.ts';
import { defineCommand, type CommandSpec } from '../../src/commands/spec.ts';
import { ADMIN_ONLY } from '../../src/commands/refusals.ts';
import { route } from '../../src/router.ts';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';
import { idOf, makeChat, type Chat } from '../helpers/chat.ts';

/** /催办 28 — an admin nudges a task's lead unit; recorded in the audit log. */
const nudge: CommandSpec<{ no: number }> = defineCommand({
  id: 'nudge',
  names: ['催办', 'cb', 'nudge'],
  help: { section: 'admin', order: 20, text: '督查室：/催办 28 — 记录一次催办' },
  doc: '督查室记录一次催办',
  access: { who: 'admin', refusal: ADMIN_ONLY('催办') },
  writes: true,
  needs: ['db'],
  parse: (rest) => {
    const ref = taskRef(rest, '/催办 28');
    return ref && 'no' in ref ? { ok: true, args: { no: ref.no } } : { ok: false, reply: '请写任务编号，例如：/催办 28' };
  },
  run: (c, a) => {
    const ctx = c.progress();
    const task = requireTask(ctx, a.no, (n) => `/催办 ${n}`);
    return commitWrite(ctx, () => {
      audit(ctx, { action: 'task.nudge', entity: 'task', entityId: task.no, before: null, after: { by: ctx.msg.userName } });
      return { text: `已催办第${task.no}项（${task.leadUnits.join('、')}）。` };
    });
  },
});

let chat: Chat;
afterEach(() => chat?.close());

describe('a command declared in one place', () => {
  it('is routed, permission-checked, audited once and listed in /帮助', async () => {
    chat = makeChat({ admins: ['督查室'] });
    chat.deps.commands = defaultRegistry().add(nudge);

    expect(await chat.say('张三', 'g', '/催办 28')).toBe('只有督查室管理员可以催办。');
    expect(chat.count('audit')).toBe(0);
    expect(chat.count('processed_messages')).toBe(0);

    expect(await chat.say('督查室', 'g', '/催办')).toBe('请写任务编号，例如：/催办 28');
    expect(await chat.say('督查室', 'g', '/cb 9999')).toContain('没有第9999项');
    expect(chat.count('audit')).toBe(0);

    const r = await chat.say('督查室', 'g', '/催办 28', { messageId: 'n1' });
    expect(r).toMatch(/^已催办第28项/);
    expect(chat.audit().map((a) => [a.action, a.entityId, a.messageId])).toEqual([['task.nudge', '28', 'n1']]);
    // redelivered by the platform: the recorded reply, nothing written twice
    expect(await chat.say('督查室', 'g', '/催办 28', { messageId: 'n1' })).toContain('已经处理过');
    expect(chat.count('audit')).toBe(1);
    expect(chat.count('processed_messages')).toBe(1);

    const help = await chat.say('张三', 'g', '/帮助');
    expect(help).toContain('督查室：/催办 28 — 记录一次催办');
    expect(renderCommandTable(chat.deps.commands)).toContain('`/催办` `/cb` `/nudge` | 督查室 | 是 | 督查室记录一次催办 |');
  });

  it('a write that throws after writing leaves nothing behind', async () => {
    chat = makeChat({ admins: ['督查室'] });
    const broken = defineCommand<null>({
      id: 'broken', names: ['坏命令'], doc: '', access: { who: 'anyone' }, writes: true, needs: ['db'],
      parse: () => ({ ok: true, args: null }),
      run: (c) => {
        const ctx = c.progress();
        audit(ctx, { action: 'half', entity: 'task', entityId: 1, before: null, after: null });
        throw new Error('boom');
      },
    });
    chat.deps.commands = defaultRegistry().add(broken);
    expect(await chat.say('督查室', 'g', '/坏命令')).toContain('抱歉');
    expect(chat.count('audit')).toBe(0);
    expect(chat.count('processed_messages')).toBe(0);
  });

  it('refuses a name another command already has', () => {
    expect(() => new CommandRegistry([nudge]).add({ ...nudge, id: 'other', names: ['CB'] })).toThrow(/taken by nudge/);
  });
});

describe('/帮助 and the docs follow the specs', () => {
  it('every command is named in /帮助', async () => {
    chat = makeChat();
    const help = await chat.say('张三', 'g', '/帮助');
    for (const s of defaultRegistry().specs()) if (s.id !== 'help') expect(help, s.id).toContain(`/${s.names[0]}`);
  });

  it('the command table in docs/reporting.md is the one the specs generate (npx tsx src/commands/docs.ts)', () => {
    expect(documentedTable(readFileSync(DOC_FILE, 'utf8'))).toBe(renderCommandTable(defaultRegistry()));
  });
});

describe('a command whose service is off', () => {
  it('/看板 and /导出 without DASHBOARD_SECRET say how to turn them on', async () => {
    chat = makeChat({ leaders: ['曹陶'] });
    for (const text of ['/看板', '/导出']) {
      expect(await chat.say('曹陶', 'g', text)).toBe('未启用：设置 DASHBOARD_SECRET 后可用。');
    }
  });

  it('/看板 with the dashboard on gives a leader a link in a direct chat only', async () => {
    chat = makeChat({ leaders: ['曹陶'] });
    chat.deps.dashboard = { baseUrl: 'https://duban.example', secret: 's'.repeat(32), now: () => new Date('2026-03-05T02:00:00Z') };
    const direct = async (user: string, text: string) =>
      (await route({ platform: 'feishu', messageId: `d-${Math.random()}`, chatId: 'dm', isDirect: true, userId: idOf(user), userName: user, text, receivedAt: new Date() }, chat.deps)).text;
    expect(await direct('曹陶', '/看板')).toMatch(/^督办看板（24小时内有效[\s\S]*https:\/\/duban\.example\/dashboard/);
    expect(await direct('张三', '/看板')).toBe('看板只对牵头领导和督查室开放。如需开通，请联系督查室。');
    expect(await chat.say('曹陶', 'g', '/看板')).toBe('看板链接是个人的，不在群里发。请私聊我发送 /看板 获取。');
  });
});

describe('/推送地址 follows the write rule', () => {
  it('key, masked audit and processed-message row commit together; a redelivery writes nothing', async () => {
    chat = makeChat();
    chat.deps.webhooks = sqliteWebhookStore(chat.db);
    chat.deps.roles = { admins: new Set([`wecom:${idOf('督查室')}`]), leaders: new Set() };
    const key = '693a91f6-7a3c-4bc4-97a0-0ec2afa5aaa1';
    const r = await chat.say('督查室', 'wr_g', `/推送地址 ${key}`, { platform: 'wecom', messageId: 'w1' });
    expect(r).toContain('已绑定');
    expect(chat.count('processed_messages')).toBe(1);
    expect(chat.audit().map((a) => a.action)).toEqual(['webhook.set']);
    chat.deps.webhooks.remove('wr_g');
    expect(await chat.say('督查室', 'wr_g', `/推送地址 ${key}`, { platform: 'wecom', messageId: 'w1' })).toContain('已经处理过');
    expect(chat.deps.webhooks.get('wr_g')).toBeUndefined();
    expect(chat.count('audit')).toBe(1);
  });
});
