// Every command the bot knows, in /帮助 and docs order. Adding a command: its spec file, one
// line here, and its test.
import { dashboardCmd, exportCmd } from '../dashboard/commands.ts';
import { pushAddressCmd } from '../platforms/wecom/pushAddress.ts';
import { CONTROL, CONTROL_REPLY, parseArgs, type Command, type ParseOptions, type Verb } from './parse.ts';
import { CommandRegistry, type AnySpec } from './registry.ts';
import { approve } from './specs/approve.ts';
import { bind } from './specs/bind.ts';
import { bulletin } from './specs/bulletin.ts';
import { chase } from './specs/chase.ts';
import { close } from './specs/close.ts';
import { edit } from './specs/edit.ts';
import { groupInfo } from './specs/groupInfo.ts';
import { help } from './specs/help.ts';
import { instruct } from './specs/instruct.ts';
import { lagging } from './specs/lagging.ts';
import { leader } from './specs/leader.ts';
import { milestone } from './specs/milestone.ts';
import { mine } from './specs/mine.ts';
import { pending } from './specs/pending.ts';
import { progress } from './specs/progress.ts';
import { reject } from './specs/reject.ts';
import { sign } from './specs/sign.ts';
import { subscribeCmd, unsubscribeCmd } from './specs/subscribe.ts';
import { summary } from './specs/summary.ts';
import { unbind } from './specs/unbind.ts';
import { undo } from './specs/undo.ts';
import { whoami } from './specs/whoami.ts';

export const ALL_COMMANDS: readonly AnySpec[] = [
  help, whoami, bind, unbind, approve, reject, pending, leader,
  progress, edit, undo, mine, milestone, lagging, summary,
  // the supervision loop (issue 16)
  chase, instruct, sign, close,
  subscribeCmd, unsubscribeCmd, groupInfo,
  // contributed by the platform and dashboard folders
  pushAddressCmd, dashboardCmd, exportCmd, bulletin,
];

/** A fresh registry of every command; callers may add or replace specs on their copy. */
export function defaultRegistry(): CommandRegistry {
  return new CommandRegistry(ALL_COMMANDS);
}

const CORE_VERBS = new Set<string>(['help', 'whoami', 'progress', 'edit', 'mine', 'milestone', 'lagging', 'summary', 'undo', 'bind', 'unbind', 'approve', 'reject', 'pending', 'leader'] satisfies Verb[]);
let core: CommandRegistry | undefined;

/** The core verbs' text → Command, as the specs read it (kept for the parser's tests and tools
 * that want a Command without running it). Returns null when `raw` is not a slash command. */
export function parseCommand(raw: string, opts: ParseOptions): Command | null {
  core ??= new CommandRegistry(ALL_COMMANDS.filter((s) => CORE_VERBS.has(s.id)));
  const l = core.lookup(raw);
  if (!l) return null;
  if (!l.hit) return { kind: 'unknown', name: l.name };
  if (CONTROL.test(l.text)) return { kind: 'invalid', verb: l.spec.id as Verb, reply: CONTROL_REPLY };
  return parseArgs(l.spec.id as Verb, l.rest, opts);
}
