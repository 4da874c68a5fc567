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
  /** Buttons, each standing for a command the clicker could type (e.g. 签收 → "/签收 28"), run
   * with the clicker's rights. Adapters that cannot show buttons leave them out. */
  actions?: MessageAction[];
  /** Stable id of this logical message; adapters use it as the platform's idempotency key so a
   * retry never posts twice. */
  idempotencyKey: string;
  /** Per-part bookkeeping of a message that may be split (the outbox passes it): parts accepted
   * earlier are not sent again, and each part is reported the moment the platform accepts it. */
  progress?: PartProgress;
}

export interface MessageAction {
  label: string;
  command: string;
}

export interface PartProgress {
  /** part id → platform message id of the parts accepted in earlier attempts: skipped */
  accepted: ReadonlyMap<string, string>;
  /** Called right before a part is handed to the platform. false = stop sending: this sender
   * no longer owns the message (its claim was taken over). */
  beforePart(part: string): boolean;
  /** Called as soon as the platform accepted a part, before the next one is sent. */
  onAccepted(part: string, messageId: string): void;
}

export interface SendResult {
  ok: boolean;
  /** platform message ids of the parts sent (a long message may be split) */
  messageIds: string[];
  error?: string;
  /** true when retrying can help (rate limit, network), false for permanent errors */
  retryable?: boolean;
  /** The failed part may have reached the platform: the request was written and then the
   * connection was reset or timed out before an answer. Whether it may be sent again depends on
   * the platform having an idempotency key (src/remind/delivery.ts). */
  uncertain?: boolean;
}

export interface PlatformAdapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  sendToChat(msg: GroupMessage): Promise<SendResult>;
  /** connection state for /healthz, e.g. 'ready', 'reconnecting' (absent: 'running') */
  status?(): string;
}
