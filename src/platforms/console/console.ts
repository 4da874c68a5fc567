// Local console: a chat in the terminal for newcomers and operators, through the same router
// as every platform. The user is console:<login name>; ADMINS=console:<login name> in .env
// makes you an admin here.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { RouterDeps } from '../../router.ts';
import { APOLOGY, route } from '../../router.ts';
import { log } from '../../log.ts';
import type { IncomingMessage } from '../../types.ts';

export async function runConsole(
  deps: RouterDeps,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const rl = createInterface({ input, output, terminal: input.isTTY ?? false });
  output.write('督办助手（本地控制台）。直接输入问题，如“谁牵头第28项”；/帮助 查看用法；Ctrl+D 退出。\n');
  if (input.isTTY) rl.setPrompt('> '), rl.prompt();
  let n = 0;
  const session = randomUUID().slice(0, 8);
  for await (const line of rl) {
    if (line.trim()) {
      const msg: IncomingMessage = {
        platform: 'console',
        messageId: `console-${session}-${n++}`,
        chatId: 'console',
        isDirect: true,
        userId: process.env.USER ?? 'local',
        userName: process.env.USER ?? '本地用户',
        text: line,
        receivedAt: deps.now?.() ?? new Date(),
      };
      // The console has no inbox to retry from: a busy store is one apology, and the user retypes.
      const reply = await route(msg, deps).catch((err: unknown) => {
        log.error('console: handler failed', { err: String(err) });
        return { text: APOLOGY };
      });
      output.write(reply.text + '\n');
    }
    if (input.isTTY) rl.prompt();
  }
}
