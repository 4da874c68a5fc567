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
}

export interface OutgoingReply {
  text: string;
  /** platform user ids to @ */
  mentions?: string[];
}
