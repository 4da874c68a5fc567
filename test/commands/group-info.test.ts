// /群信息: an admin learns the group's id in the form REMIND_*_GROUP takes; it is a valid one.
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../src/commands/all.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { parseUserList } from '../../src/progress/access.ts';
import { parseChatRef } from '../../src/refs.ts';
import { route } from '../../src/router.ts';
import { openDb } from '../../src/store/db.ts';
import { tempDataDir } from '../helpers/chat.ts';
import { routerDeps } from '../helpers/router.ts';

// access checks read the user's bindings: the router wants the store
const deps = routerDeps({ db: openDb(tempDataDir()), knowledge: knowledgeContext(), roles: { admins: parseUserList('feishu:ou_admin', 'ADMINS'), leaders: new Set<string>() }, commands: defaultRegistry() });
const say = async (userId: string, text: string, isDirect = false) =>
  (await route({ platform: 'feishu', messageId: `m-${Math.random()}`, chatId: 'oc_abc123', isDirect, userId, userName: userId, text, receivedAt: new Date() }, deps)).text;

describe('/群信息', () => {
  it('tells an admin the group id, in the form REMIND_DEFAULT_GROUP accepts', async () => {
    const text = await say('ou_admin', '/群信息');
    expect(text).toContain('REMIND_DEFAULT_GROUP=feishu:oc_abc123');
    const ref = /本群 ID：(\S+)/.exec(text)![1]!;
    expect(parseChatRef(ref)).toEqual({ platform: 'feishu', chatId: 'oc_abc123' });
  });

  it('refuses others and private chats', async () => {
    expect(await say('ou_someone', '/群信息')).toContain('只有管理员');
    expect(await say('ou_admin', '/群信息', true)).toContain('请在要查看的群里');
  });
});
