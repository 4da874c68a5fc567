// The one inbound pipeline every adapter feeds (issue 12, item 3). An adapter turns its wire
// format into one job (an IncomingMessage, or a hint for a message it cannot read) and says how
// to answer; the pipeline does the rest the same way for every platform:
//   admit  — the durable inbox write, before the adapter acknowledges anything (src/store/inbox.ts);
//            dedupe of re-pushes comes from the same write;
//   order  — jobs of one chat run strictly in arrival order (replayed jobs first, at start-up);
//   answer — the router, retried a bounded number of times (src/platforms/attempt.ts), ending in
//            the one apology; never rejects;
//   done   — marked once the answer was handed to the platform (a crash before replays it);
//   deadline — the platform's ack budget: `within` says whether the answer came in time, so the
//            adapter can answer in place or send its placeholder and the answer later.
import { log } from '../log.ts';
import type { Admission, Inbox, InboxEntry } from '../store/inbox.ts';
import type { IncomingMessage, OutgoingReply, Platform } from '../types.ts';
import { attemptHandle, markDone } from './attempt.ts';
import type { MessageHandler } from './types.ts';

// The one apology, for every platform and the console: the router's own words, so an error
// inside the router and one around it read the same.
import { APOLOGY } from '../router.ts';
export { APOLOGY };
/** Images, files, stickers, cards and voice without text are not read. */
export const UNSUPPORTED_REPLY = '暂时只能看懂文字消息，请直接输入问题或命令（/帮助 查看用法）。';

/** What the inbox keeps of a message: the normalised job, enough to redo it after a crash. */
export type StoredMessage = Omit<IncomingMessage, 'receivedAt'> & { receivedAt: string };
export const stored = (m: IncomingMessage): StoredMessage => ({ ...m, receivedAt: m.receivedAt.toISOString() });
export const revived = (m: StoredMessage): IncomingMessage => ({ ...m, receivedAt: new Date(m.receivedAt) });

/** Resolves to the value if `p` settles within `ms`, else to `late` (p keeps running). */
export async function within<T>(p: Promise<T>, ms: number): Promise<{ late: false; value: T } | { late: true }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((r) => (timer = setTimeout(() => r({ late: true }), ms)));
  try {
    return await Promise.race([p.then((value) => ({ late: false as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PipelineDeps {
  platform: Platform;
  handle: MessageHandler;
  /** Without an inbox (the console) nothing is stored or replayed and a throw is one apology. */
  inbox?: Inbox;
  /** Runs before the router, e.g. to put a display name on the message; must not throw. */
  prepare?: (msg: IncomingMessage) => Promise<IncomingMessage>;
}

export interface Submission<T> {
  admitted: Admission;
  /** the job's result in chat order; present when the job is to be processed (new / resume) */
  result?: Promise<T>;
}

export interface Pipeline {
  readonly platform: Platform;
  /** Stores the event (throws when it cannot: the adapter must then not acknowledge) and, when
   * it is new or an unfinished re-push, queues `work` behind the chat's earlier jobs. */
  submit<T>(ev: { eventId: string; messageId: string; chatId: string; payload: unknown }, work: () => Promise<T>): Submission<T>;
  /** Queues work behind the chat's earlier jobs (replay, jobs admitted elsewhere). */
  enqueue<T>(chatId: string, work: () => Promise<T>): Promise<T>;
  /** The router's reply for a message, with retries; `final` false = given up (the apology is
   * the reply and the event is failed already: do not mark it done). Never rejects. */
  answer(msg: IncomingMessage): Promise<{ reply: OutgoingReply; final: boolean; msg: IncomingMessage }>;
  /** Marks the event done (a failure leaves it pending for the next start). */
  done(messageId: string): void;
  /** The unfinished events of an earlier run, in arrival order, claimed. */
  unfinished(): InboxEntry[];
  /** Resolves when every queued job has finished. */
  idle(): Promise<void>;
  /** Waits for the queued jobs, at most `ms`. */
  drain(ms: number): Promise<void>;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { platform, inbox } = deps;
  const queues = new Map<string, Promise<unknown>>();

  function enqueue<T>(chatId: string, work: () => Promise<T>): Promise<T> {
    const prev = queues.get(chatId) ?? Promise.resolve();
    const result = prev.then(work);
    const tail = result.catch((err: unknown) => log.error(`${platform} job failed`, { chat: chatId, err: String(err) }));
    queues.set(chatId, tail);
    void tail.then(() => {
      if (queues.get(chatId) === tail) queues.delete(chatId);
    });
    return result;
  }

  async function answer(raw: IncomingMessage): Promise<{ reply: OutgoingReply; final: boolean; msg: IncomingMessage }> {
    let msg = raw;
    try {
      if (deps.prepare) msg = await deps.prepare(raw);
    } catch (err) {
      log.warn(`${platform}: message preparation failed; handled as it came`, { messageId: raw.messageId, err: String(err) });
    }
    try {
      if (!inbox) return { reply: await deps.handle(msg), final: true, msg };
      return { ...(await attemptHandle(inbox, deps.handle, msg, APOLOGY)), msg };
    } catch (err) {
      log.error(`${platform}: handler failed`, { chat: msg.chatId, messageId: msg.messageId, err: err instanceof Error ? err.message : String(err) });
      return { reply: { text: APOLOGY }, final: !inbox, msg };
    }
  }

  return {
    platform,
    submit(ev, work) {
      if (!inbox) return { admitted: 'new', result: enqueue(ev.chatId, work) };
      const admitted = inbox.admit({ platform, ...ev });
      if (admitted === 'new' || admitted === 'resume') return { admitted, result: enqueue(ev.chatId, work) };
      return { admitted };
    },
    enqueue,
    answer,
    done: (messageId) => {
      if (inbox) markDone(inbox, platform, messageId);
    },
    unfinished: () => (inbox ? inbox.replay(platform) : []),
    async idle() {
      while (queues.size) await Promise.allSettled([...queues.values()]);
    },
    async drain(ms) {
      const pending = Promise.allSettled([...queues.values()]);
      await Promise.race([pending, new Promise((r) => setTimeout(r, ms).unref())]);
    },
  };
}
