// The platform-neutral message shapes. Adapters turn their wire formats into IncomingMessage
// and deliver OutgoingReply; nothing platform-specific passes the router.
export type Platform = 'console' | 'feishu' | 'wecom';

export interface IncomingMessage {
  platform: Platform;
  /** platform message id, for idempotency */
  messageId: string;
  chatId: string;
  isDirect: boolean;
  userId: string;
  userName: string;
  text: string;
  receivedAt: Date;
  /** People @-mentioned in the message (not the bot itself), as the platform reports them. The
   * text may still contain "@名字"; the command parser removes those. */
  mentions?: { userId: string; name: string }[];
}

export interface OutgoingReply {
  text: string;
  /** platform user ids to @ */
  mentions?: string[];
}
