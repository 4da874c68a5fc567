// What every platform adapter offers the rest of the bot. Conversation flows in through
// `handle` (the router); reminders and digests flow out through `sendToChat`.
import type { IncomingMessage, OutgoingReply, Platform } from '../types.ts';

export type MessageHandler = (msg: IncomingMessage) => Promise<OutgoingReply>;

/** A proactive message to a group: reminders, digests, admin alerts. */
export interface GroupMessage {
  chatId: string;
  /** Plain text; adapters escape it for their markup. */
  text: string;
  /** People to @-notify. Platforms that cannot @ from this channel render names in bold. */
  mentions: { userId: string; name: string }[];
  /** Optional heading for card-style rendering. */
  title?: string;
  /** Stable id of this logical message; adapters use it as the platform's idempotency key so a
   * retry never posts twice. */
  idempotencyKey: string;
}

export interface SendResult {
  ok: boolean;
  /** platform message ids of the parts sent (a long message may be split) */
  messageIds: string[];
  error?: string;
  /** true when retrying can help (rate limit, network), false for permanent errors */
  retryable?: boolean;
}

export interface PlatformAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  sendToChat(msg: GroupMessage): Promise<SendResult>;
}
