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
  /** Set when `text` is not the sender's own words but a message they quoted (WeCom: the user
   * sent only "@机器人" with a quote). Such text may be asked about, never run as a command:
   * otherwise quoting a liaison's "/进展 …" would execute it with the quoting admin's rights. */
  textIsQuote?: boolean;
}

export interface OutgoingReply {
  text: string;
  /** platform user ids to @ */
  mentions?: string[];
}
