// Running one inbox event through the router, for every platform. The router catches its
// handlers' errors itself; what escapes it (a broken store, a bug in the router) is retried a
// bounded number of times, each attempt counted in the inbox, so a poison event ends as
// `failed` with a log line instead of looping.
import { log } from '../log.ts';
import type { Inbox } from '../store/inbox.ts';
import type { IncomingMessage, OutgoingReply } from '../types.ts';
import type { MessageHandler } from './types.ts';

/** Pause between attempts (times the attempt number). */
export const RETRY_PAUSE_MS = 200;
/** Attempts when even counting them fails (a store down): then the event waits for a restart. */
const UNCOUNTED_ATTEMPTS = 5;

/** `final` is false when the event was given up: the caller answers with `apology` and must
 * not mark the event done (it is failed already). */
export async function attemptHandle(
  inbox: Inbox,
  handle: MessageHandler,
  msg: IncomingMessage,
  apology: string,
): Promise<{ reply: OutgoingReply; final: boolean }> {
  for (let n = 1; ; n++) {
    try {
      return { reply: await handle(msg), final: true };
    } catch (err) {
      log.error(`${msg.platform}: handler threw`, { chat: msg.chatId, messageId: msg.messageId, attempt: n, err: err instanceof Error ? err.message : String(err) });
      let again: boolean;
      try {
        again = inbox.retry(msg.platform, msg.messageId, String(err));
      } catch (countErr) {
        // The store is what failed: the attempt cannot be counted on disk. Bounded here instead;
        // the event stays pending and is replayed at the next start if it never gets through.
        log.warn(`${msg.platform}: attempt not counted`, { messageId: msg.messageId, err: String(countErr) });
        again = n < UNCOUNTED_ATTEMPTS;
      }
      if (!again) return { reply: { text: apology }, final: false };
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS * n));
    }
  }
}

/** Marks an event done; a failure leaves it pending, to be replayed at the next start (where
 * the commands' idempotency keeps it from writing twice). */
export function markDone(inbox: Inbox, platform: IncomingMessage['platform'], messageId: string): void {
  try {
    inbox.done(platform, messageId);
  } catch (err) {
    log.error(`${platform}: cannot mark event done`, { messageId, err: String(err) });
  }
}
