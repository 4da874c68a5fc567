// Local console: a chat in the terminal for newcomers and operators, through the same router
// as every platform. The user is console:<login name>; ADMINS=console:<login name> in .env
// makes you an admin here. The terminal is one group, console:console (the default reminder
// group without a platform) for /订阅 and /退订, so reminders can be tried locally; everything
// else is a private chat.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { actorOf } from '../../commands/context.ts';
import type { RouterDeps } from '../../router.ts';
import { route } from '../../router.ts';
import { setLogSink, type LogLine } from '../../log.ts';
import { createPipeline } from '../pipeline.ts';
import type { IncomingMessage } from '../../types.ts';

export const CONSOLE_CHAT = 'console';
const GROUP_COMMAND = /^[/／](订阅|退订|subscribe|unsubscribe|dy|td)(\s|$)/i;

/** The login name. $USER is often unset (systemd, docker exec, cron), os.userInfo() reads the
 * account database; either can fail in a container with an arbitrary uid. */
export function consoleUser(env: Record<string, string | undefined> = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // no passwd entry for this uid
  }
  return env.USER || 'local';
}

/** "你是 console:alice，身份：…" and, for a non-admin, how to become one. */
export function banner(deps: RouterDeps, user: string): string {
  const key = `console:${user}`;
  let roles = '未绑定';
  let admin = false;
  if (deps.db) {
    const a = actorOf(deps.db, deps.roles ?? { admins: new Set(), leaders: new Set() }, { platform: 'console', userId: user } as IncomingMessage);
    admin = a.isAdmin;
    const parts = [a.isAdmin ? '管理员' : '', a.leader ? '领导' : '', a.units.length ? `联络员（${a.units.join('、')}）` : ''].filter(Boolean);
    if (parts.length) roles = parts.join('、');
  } else admin = deps.roles?.admins.has(key) ?? false;
  const how = admin ? '' : `\n要以管理员身份试用，在 .env 中加上 ADMINS=${key} 后重启。`;
  return `督办助手（本地控制台）。你是 ${key}，身份：${roles}。${how}\n直接输入问题，如“谁牵头第28项”；/帮助 查看用法；Ctrl+D 退出。\n`;
}

/** Interactive console: only warnings and errors, one readable line each, between the chat
 * lines (a JSON line per question would drown the conversation). */
function humanSink(err: NodeJS.WritableStream) {
  return (line: LogLine) => {
    if (line.level !== 'warn' && line.level !== 'error') return;
    const { t: _t, level, msg, ...fields } = line;
    const extra = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
    err.write(`${level === 'error' ? '✖ 错误' : '⚠ 警告'}：${msg}${extra ? `（${extra}）` : ''}\n`);
  };
}

export interface ConsoleOptions {
  /** the interactive console (a terminal): human-readable warnings only. Default: input.isTTY */
  interactive?: boolean;
  /** where those log lines go (default stderr) */
  logTo?: NodeJS.WritableStream;
  user?: string;
}

export async function runConsole(
  deps: RouterDeps,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  opts: ConsoleOptions = {},
): Promise<void> {
  const interactive = opts.interactive ?? input.isTTY ?? false;
  // The console is the one place that changes the log sink: everywhere else (service, CLI) the
  // JSON lines on stderr are what the operator's log collector reads.
  const restore = interactive ? setLogSink(humanSink(opts.logTo ?? process.stderr)) : undefined;
  try {
    const user = opts.user ?? consoleUser();
    const rl = createInterface({ input, output, terminal: input.isTTY ?? false });
    output.write(banner(deps, user));
    if (input.isTTY) rl.setPrompt('> '), rl.prompt();
    let n = 0;
    const session = randomUUID().slice(0, 8);
    // The same pipeline as every platform, without an inbox (nothing to acknowledge or replay).
    const pipeline = createPipeline({ platform: 'console', handle: (m) => route(m, deps) });
    for await (const line of rl) {
      if (line.trim()) {
        const msg: IncomingMessage = {
          platform: 'console',
          messageId: `console-${session}-${n++}`,
          chatId: CONSOLE_CHAT,
          // A private chat (/看板, /导出 are personal), except for the commands that set up a group:
          // those act on the group console:console so reminders can be tried locally.
          isDirect: !GROUP_COMMAND.test(line.trim()),
          userId: user,
          userName: user,
          text: line,
          receivedAt: deps.now?.() ?? new Date(),
        };
        // The console has no inbox to retry from: a busy store is one apology, and the user retypes.
        const { reply } = await pipeline.answer(msg);
        output.write(reply.text + '\n');
      }
      if (input.isTTY) rl.prompt();
    }
  } finally {
    restore?.();
  }
}
