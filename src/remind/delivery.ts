// Delivery of the outbox: exactly once per part where the platform allows it, at most once
// where it cannot tell.
//
// Why this exists (issue 11, Build 1): the daily job and the every-minute retry job fire in the
// same tick at REMIND_TIME, and each drained the outbox. The daily job enqueued the day's rows
// and started sending; while it awaited the platform, the retry job read the same rows, still
// 'pending', and sent them again (node-cron's noOverlap is per job). The same happened between
// the start-up run and the retry job when a send took over a minute, and between runDigests and
// the retry job. Now a drainer sends a row only after claiming it with one conditional UPDATE
// (src/store/delivery.ts), in this process or any other on the same database.
//
// The rule for sends whose outcome is unknown (issue 10, Build 3) — a reset or timeout after the
// request was written, or the expired lease of a sender that died mid-part:
// - Feishu: sent again with the same uuid, which Feishu dedupes for one hour; past that window
//   (50 minutes from the first attempt, with margin) the row becomes 'uncertain' instead.
// - WeCom (webhook or AI bot): no idempotency key. The row becomes 'uncertain' and is not sent
//   again automatically; `duban remind --pending` lists it, `--resend ID` sends the parts not yet
//   recorded (the one uncertain part may then arrive twice: the documented at-most-one repeat),
//   `--mark-sent ID` settles it.
// Failures known to precede acceptance (connection refused, 45009, a 5xx with an errcode, …) are
// retried with the backoff below.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { log } from '../log.ts';
import type { PartProgress, SendResult } from '../platforms/types.ts';
import {
  acceptedParts,
  acceptPart,
  beginPart,
  claim,
  claimState,
  expiredClaims,
  finishFailed,
  finishSent,
  releaseExpired,
  renewLease,
  type ClaimState,
  type FailedTo,
} from '../store/delivery.ts';
import { dueOutbox, type OutboxRow } from '../store/outbox.ts';
import type { Deliver, RemindDeps } from './runner.ts';
import { splitStoredKey } from '../refs.ts';

/** Retry schedule after a failed send: 1, 2, 4 … minutes, at most an hour apart, 10 tries. */
export const MAX_ATTEMPTS = 10;
export function backoffMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}

/** Feishu succeeds a uuid at most once within one hour; we stay 10 minutes inside it. */
export const FEISHU_UUID_SAFE_MS = 50 * 60_000;

export interface DeliveryOptions {
  /** How long a claim holds without renewal; renewed every third of it while sending and at
   * every part. A sender that died is noticed this long after its last renewal. */
  leaseMs?: number;
  /** Who claims: unique per process (host, pid, random — a restarted container reuses pids). */
  claimer?: string;
}

export const DEFAULT_LEASE_MS = 2 * 60_000;
export const PROCESS_CLAIMER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** What draining needs: the store, the clock, the claim settings (RemindDeps has them). */
export type OutboxDeps = Pick<RemindDeps, 'db' | 'now' | 'delivery'>;

export type SendOutcome = 'sent' | 'failed' | 'uncertain' | 'dead' | 'skipped' | 'lost';

function platformOf(groupKey: string): string {
  return splitStoredKey(groupKey).platform;
}

/** May a part that possibly reached the platform be sent again at `at` without a duplicate? */
export function resendIsSafe(groupKey: string, firstAttemptAt: string | null, at: Date): boolean {
  switch (platformOf(groupKey)) {
    case 'feishu':
      return firstAttemptAt !== null && at.getTime() - new Date(firstAttemptAt).getTime() < FEISHU_UUID_SAFE_MS;
    case 'console':
      return true; // the local terminal: a repeat is harmless
    default:
      return false; // WeCom: the webhook and aibot_send_msg have no idempotency key
  }
}

function partLabel(part: string | null): string {
  const n = part?.match(/\d+$/);
  return n ? `第${Number(n[0]) + 1}段` : '一段';
}

/** Expired claims become claimable again, or uncertain, by the rule above. */
export function recoverExpiredClaims(deps: OutboxDeps): number {
  const now = deps.now();
  const at = now.toISOString();
  let n = 0;
  for (const c of expiredClaims(deps.db, at)) {
    const inFlight = c.inflightPart !== null;
    const safe = !inFlight || resendIsSafe(c.groupKey, c.firstAttemptAt, now);
    const error = !inFlight
      ? '发送进程中断（租约过期），当时没有正在发送的分段，可以安全重发'
      : safe
        ? `发送进程中断（租约过期），${partLabel(c.inflightPart)}可能已送达；飞书凭相同 uuid 去重，重发`
        : `发送进程中断（租约过期），${partLabel(c.inflightPart)}可能已送达企业微信；企业微信无法去重，不自动重发`;
    if (releaseExpired(deps.db, c, at, safe ? 'pending' : 'uncertain', error)) {
      n++;
      log[safe ? 'warn' : 'error']('outbox claim expired', { outbox: c.id, group: c.groupKey, claimer: c.claimedBy, part: c.inflightPart, to: safe ? 'pending' : 'uncertain' });
    }
  }
  return n;
}

/** Sends every pending message whose retry time has come, each only after claiming it. One
 * failure never stops the rest; a row another drainer holds is skipped. */
export async function flushOutbox(deps: OutboxDeps, deliver: Deliver): Promise<{ sent: number; failed: number; uncertain: number; skipped: number }> {
  recoverExpiredClaims(deps);
  const counts = { sent: 0, failed: 0, uncertain: 0, skipped: 0 };
  for (const row of dueOutbox(deps.db, deps.now().toISOString())) {
    const outcome = await sendIfClaimed(deps, deliver, row);
    if (outcome === 'sent') counts.sent++;
    else if (outcome === 'uncertain') counts.uncertain++;
    else if (outcome === 'skipped') counts.skipped++;
    else counts.failed++;
  }
  return counts;
}

/** Claims one row and, if this caller got it, sends it. */
export async function sendIfClaimed(deps: OutboxDeps, deliver: Deliver, row: OutboxRow): Promise<SendOutcome> {
  const leaseMs = deps.delivery?.leaseMs ?? DEFAULT_LEASE_MS;
  const claimer = deps.delivery?.claimer ?? PROCESS_CLAIMER;
  const now = deps.now();
  if (!claim(deps.db, row.id, claimer, now.toISOString(), new Date(now.getTime() + leaseMs).toISOString())) return 'skipped';
  return sendClaimed(deps, deliver, row, claimer, leaseMs);
}

async function sendClaimed(deps: OutboxDeps, deliver: Deliver, row: OutboxRow, claimer: string, leaseMs: number): Promise<SendOutcome> {
  const { db } = deps;
  const leaseUntil = () => new Date(deps.now().getTime() + leaseMs).toISOString();
  const accepted = acceptedParts(db, row.id);
  let held = true;
  let inflight: string | undefined;
  const renew = setInterval(() => {
    if (held && !renewLease(db, row.id, claimer, leaseUntil())) held = false;
  }, Math.max(20, Math.floor(leaseMs / 3)));
  renew.unref();
  const progress: PartProgress = {
    accepted,
    beforePart(part) {
      if (held && !beginPart(db, row.id, claimer, part, leaseUntil())) held = false;
      if (held) inflight = part;
      return held;
    },
    onAccepted(part, messageId) {
      inflight = undefined;
      accepted.set(part, messageId);
      if (!acceptPart(db, row.id, claimer, part, messageId, deps.now().toISOString(), leaseUntil())) held = false;
    },
  };
  const chatId = splitStoredKey(row.groupKey).id;
  let result: SendResult;
  try {
    // No title: reminder, digest and alert texts carry their own heading line; a title here made
    // WeCom print it twice (【节点提醒】\n【节点提醒】6月23日…) and Feishu put it over the heading.
    result = await deliver(row.groupKey, { chatId, text: row.text, mentions: row.mentions, idempotencyKey: row.idemKey, progress, ...(row.actions.length ? { actions: row.actions } : {}) });
  } catch (err) {
    // Our own code threw: whether a part was out depends on where.
    result = { ok: false, messageIds: [], error: String(err), retryable: true, uncertain: inflight !== undefined };
  } finally {
    clearInterval(renew);
  }
  const now = deps.now();
  if (result.ok) {
    if (finishSent(db, row.id, claimer, now.toISOString(), result.messageIds)) return 'sent';
    log.error('outbox row sent but its claim was taken over meanwhile', { outbox: row.id, group: row.groupKey });
    return 'lost';
  }
  const state = claimState(db, row.id);
  const to = failedTo(row, state, result, now);
  const error =
    to.status === 'uncertain'
      ? `${result.error ?? 'send failed'}（${partLabel(state?.inflightPart ?? inflight ?? null)}可能已送达，重发可能重复，不自动重发）`
      : (result.error ?? 'send failed');
  if (!finishFailed(db, row.id, claimer, error, now.toISOString(), to)) {
    log.error('outbox send failed and its claim was taken over meanwhile', { outbox: row.id, group: row.groupKey, error: result.error });
    return 'lost';
  }
  log[to.status === 'pending' ? 'warn' : 'error']('reminder send failed', {
    group: row.groupKey,
    outbox: row.id,
    attempt: row.attempts + 1,
    error: result.error,
    uncertain: result.uncertain === true,
    to: to.status,
  });
  return to.status === 'pending' ? 'failed' : to.status;
}

function failedTo(row: OutboxRow, state: ClaimState | undefined, result: SendResult, now: Date): FailedTo {
  const attempt = row.attempts + 1;
  const maybeLanded = result.uncertain === true;
  const next = new Date(now.getTime() + backoffMs(attempt));
  // The retry happens at `next`: a part that may have landed (now or in an earlier attempt)
  // must still be safe to repeat then.
  const landedEver = maybeLanded || state?.maybeLandedAt != null;
  if (landedEver && !resendIsSafe(row.groupKey, state?.firstAttemptAt ?? null, next)) return { status: 'uncertain' };
  if (result.retryable === false || attempt >= MAX_ATTEMPTS) return maybeLanded ? { status: 'uncertain' } : { status: 'dead', maybeLanded: false };
  return { status: 'pending', nextAttemptAt: next.toISOString(), maybeLanded };
}
