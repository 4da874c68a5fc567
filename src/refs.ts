// "platform:id" keys of groups and users (REMIND_DEFAULT_GROUP, ADMINS, subscriptions, outbox
// rows). One parse and one format instead of slicing at the first colon in each module; the
// id itself may contain colons.
import type { Platform } from './types.ts';

export const PLATFORMS: readonly Platform[] = ['console', 'feishu', 'wecom'];

export interface ChatRef {
  platform: Platform;
  chatId: string;
}

export interface UserRef {
  platform: Platform;
  userId: string;
}

function split(key: string): { platform: Platform; id: string } | undefined {
  const i = key.indexOf(':');
  const platform = key.slice(0, i);
  if (i <= 0 || i === key.length - 1 || !(PLATFORMS as readonly string[]).includes(platform)) return undefined;
  return { platform: platform as Platform, id: key.slice(i + 1) };
}

/** undefined when `key` is not `platform:chatId` with a known platform and a non-empty id */
export function parseChatRef(key: string): ChatRef | undefined {
  const r = split(key);
  return r && { platform: r.platform, chatId: r.id };
}

export function parseUserRef(key: string): UserRef | undefined {
  const r = split(key);
  return r && { platform: r.platform, userId: r.id };
}

/** Platform and id of a stored key (outbox rows, reminder logs), which was written by
 * formatChatRef and so is not re-checked: the platform may be one this build does not run. */
export function splitStoredKey(key: string): { platform: string; id: string } {
  const i = key.indexOf(':');
  return { platform: i < 0 ? '' : key.slice(0, i), id: key.slice(i + 1) };
}

// Loose on the platform: stored rows carry it as text.
export const formatChatRef = (r: { platform: string; chatId: string }): string => `${r.platform}:${r.chatId}`;
export const formatUserRef = (r: { platform: string; userId: string }): string => `${r.platform}:${r.userId}`;
