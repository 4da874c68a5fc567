// /订阅 and /退订 — which reminders this group receives. Anyone may look; admins change it.
import { handleSubscribe } from '../../../handlers/subscribe.ts';
import type { Access, CommandSpec } from '../spec.ts';
import { defineCommand } from '../spec.ts';

interface Args {
  arg: string;
}

const setterOnly = (on: boolean) => (a: Args): Access =>
  on && !a.arg.trim() ? { who: 'anyone' } : { who: 'admin', refusal: '只有管理员（督查室）可以设置本群订阅。发送 /订阅 可查看本群当前订阅。' };

function spec(on: boolean, id: string, names: string[]): CommandSpec<Args> {
  return defineCommand<Args>({
    id,
    names,
    match: 'word',
    ...(on ? { help: { section: 'remind' as const, order: 10, text: '提醒（督查室在群里设置）：/订阅 住建局|曹陶|全部|领导 — 本群接收哪些提醒；/订阅 查看；/退订' } } : {}),
    doc: on
      ? '`/订阅` 查看本群订阅；督查室 `/订阅 住建局|曹陶|全部|领导` 设置本群接收哪些提醒'
      : '督查室 `/退订 住建局` 退掉一项，`/退订` 退掉本群全部订阅',
    access: setterOnly(on),
    writes: on ? (a: Args) => a.arg.trim() !== '' : true,
    needs: ['db'],
    offReply: { db: '订阅需要数据库，当前没有打开。' },
    parse: (rest) => ({ ok: true, args: { arg: rest.o } }),
    run: (c, a) => handleSubscribe(c.progress(), a.arg, on, c.services.webhooks),
  });
}

export const subscribeCmd = spec(true, 'subscribe', ['订阅', 'subscribe', 'dy']);
export const unsubscribeCmd = spec(false, 'unsubscribe', ['退订', 'unsubscribe', 'td']);
