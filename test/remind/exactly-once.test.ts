// Exactly once per part, whatever the interleaving of drainers (issue 11 Build 1, issue 10
// Build 3). Drainers here are independent: each has its own database connection, claimer id
// and adapter (as separate processes would), all running the real adapters, SDKs and HTTP
// clients against the local fakes of WeCom's webhook and Feishu's Open API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeDeliver } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { createFeishuAdapter } from '../../src/platforms/feishu/adapter.ts';
import type { PlatformAdapter } from '../../src/platforms/types.ts';
import { memoryInbox } from '../helpers/inbox.ts';
import { createWecomAdapter } from '../../src/platforms/wecom/adapter.ts';
import { loadWecomConfig } from '../../src/platforms/wecom/config.ts';
import { splitByBytes } from '../../src/platforms/wecom/split.ts';
import { flushOutbox, recoverExpiredClaims, resendIsSafe } from '../../src/remind/delivery.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { beginPart, claim, claimState, listUnsent, requeue } from '../../src/store/delivery.ts';
import { enqueue, listOutbox } from '../../src/store/outbox.ts';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';
import { APP_ID, APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN } from '../fakes/feishu/events.ts';
import { FakeFeishu } from '../fakes/feishu/server.ts';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom/webhookServer.ts';

setLogLevel('error');
// The failures these tests provoke are logged at error level by design; keep the output quiet.
beforeEach(() => void vi.spyOn(process.stderr, 'write').mockImplementation(() => true));
afterEach(() => vi.restoreAllMocks());

const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const tried: string[] = [];
afterAll(() => process.stdout.write(`exactly-once properties: ${tried.join(', ')}\n`));

const dataDir = () => mkdtempSync(join(tmpdir(), 'duban-once-'));
const keyOf = (i: number) => `hook-key-${String(i).padStart(4, '0')}-0000-0000-000000000000`;

/** A reminder of `lines` lines for chat `chat-i` (WeCom: ~60 bytes a line, 2,048 a part). */
function textOf(i: number, lines: number): string {
  return Array.from({ length: lines }, (_, l) => `第${l + 1}项（消息${i}）：住建局牵头，6月30日节点，剩余7天（5个工作日）。`).join('\n');
}

function seed(db: Db, platform: 'wecom' | 'feishu', sizes: number[]): void {
  const hooks = sqliteWebhookStore(db);
  sizes.forEach((lines, i) => {
    if (platform === 'wecom') hooks.set(`chat-${i}`, keyOf(i), 'admin', new Date());
    enqueue(db, { idemKey: `k${i}`, groupKey: `${platform}:chat-${i}`, kind: 'remind', text: textOf(i, lines), mentions: [], tasks: [], at: new Date(Date.now() - 1000).toISOString() }, []);
  });
}

function wecomAdapter(fake: FakeWecomApi, db: Db): PlatformAdapter {
  const config = loadWecomConfig({ WECOM_BOT_ID: 'bot', WECOM_MODE: 'callback', WECOM_TOKEN: 'tok', WECOM_ENCODING_AES_KEY: AES, WECOM_WEBHOOK_BASE: fake.base });
  return createWecomAdapter({ config, handle: async () => ({ text: '' }), inbox: memoryInbox(), webhooks: sqliteWebhookStore(db), webhook: { backoffMs: 1, rateLimitWaitMs: 5, timeoutMs: 2000 } });
}

function feishuAdapter(fake: FakeFeishu): PlatformAdapter {
  return createFeishuAdapter({
    config: { appId: APP_ID, appSecret: APP_SECRET, mode: 'webhook', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, domain: fake.baseUrl },
    handle: async () => ({ text: '' }),
    inbox: memoryInbox(),
    api: { backoffMs: 20, maxWaitMs: 200 },
  });
}

/** `n` drainers at once, each with its own connection, claimer and adapter, each starting after
 * its own small delay. */
async function drainAtOnce(dir: string, n: number, delays: number[], adapter: (db: Db) => PlatformAdapter): Promise<void> {
  const dbs = Array.from({ length: n }, () => openDb(dir));
  try {
    await Promise.all(
      dbs.map(async (db, i) => {
        await new Promise((r) => setTimeout(r, delays[i] ?? 0));
        await flushOutbox({ db, now: () => new Date(), delivery: { claimer: `drainer-${i}` } }, makeDeliver([adapter(db)], process.stdout));
      }),
    );
  } finally {
    for (const db of dbs) db.close();
  }
}

const sizesArb = fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 4 });
const drainersArb = fc.integer({ min: 2, max: 4 });
const delaysArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 });

describe('concurrent drains', () => {
  it('WeCom webhook: each part is posted once, however 2–4 drainers interleave (with refusals WeCom retries)', { timeout: 120_000 }, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(sizesArb, drainersArb, delaysArb, fc.array(fc.constantFrom('errcode-1' as const, 'http500-errcode' as const), { maxLength: 3 }), async (sizes, n, delays, faults) => {
        runs++;
        const fake = await startFakeWecomApi({ keys: sizes.map((_, i) => keyOf(i)) });
        const dir = dataDir();
        try {
          const db = openDb(dir);
          seed(db, 'wecom', sizes);
          db.close();
          fake.faults.push(...faults);
          await drainAtOnce(dir, n, delays, (d) => wecomAdapter(fake, d));
          const check = openDb(dir);
          const rows = listOutbox(check, 100);
          check.close();
          expect(rows.map((r) => r.status)).toEqual(sizes.map(() => 'sent'));
          sizes.forEach((lines, i) => {
            const expected = splitByBytes(`${textOf(i, lines)}`, 2048);
            expect(fake.messages.filter((m) => m.key === keyOf(i)).map((m) => m.content)).toEqual(expected);
          });
          expect(fake.attempts.filter((a) => a.errcode === 0)).toHaveLength(fake.messages.length);
        } finally {
          await fake.close();
        }
      }),
      { numRuns: 12 },
    );
    tried.push(`WeCom ${runs} interleavings`);
  });

  it('Feishu: each part is created by one HTTP request, however 2–4 drainers interleave', { timeout: 120_000 }, async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }), drainersArb, delaysArb, async (sizes, n, delays) => {
        runs++;
        const fake = await new FakeFeishu().start();
        const dir = dataDir();
        try {
          const db = openDb(dir);
          seed(db, 'feishu', sizes);
          db.close();
          await drainAtOnce(dir, n, delays, () => feishuAdapter(fake));
          const check = openDb(dir);
          const rows = listOutbox(check, 100);
          check.close();
          expect(rows.map((r) => r.status)).toEqual(sizes.map(() => 'sent'));
          const creates = fake.requests.filter((r) => r.op === 'create').length;
          expect(creates).toBe(fake.sent().length);
          expect(new Set(fake.sent().map((m) => m.uuid)).size).toBe(creates);
          for (const [i] of sizes.entries()) expect(fake.sent(`chat-${i}`).length).toBeGreaterThan(0);
        } finally {
          await fake.stop();
        }
      }),
      { numRuns: 10 },
    );
    tried.push(`Feishu ${runs} interleavings`);
  });
});

describe('sends whose outcome is unknown', () => {
  it('WeCom: a reset after WeCom took part 2 leaves the message uncertain; nothing is resent until the operator says so, then only that part repeats', { timeout: 30_000 }, async () => {
    const fake = await startFakeWecomApi({ keys: [keyOf(0)] });
    const dir = dataDir();
    const db = openDb(dir);
    try {
      seed(db, 'wecom', [80]);
      let n = 0;
      fake.onAccepted = () => {
        if (++n === 2) fake.faults.unshift('accept-reset');
      };
      const deps = { db, now: () => new Date() };
      const deliver = () => makeDeliver([wecomAdapter(fake, db)], process.stdout);
      expect(await flushOutbox(deps, deliver())).toMatchObject({ uncertain: 1, sent: 0 });
      const parts = splitByBytes(`${textOf(0, 80)}`, 2048);
      expect(parts.length).toBeGreaterThanOrEqual(3);
      expect(fake.messages.map((m) => m.content)).toEqual(parts.slice(0, 2));
      const [row] = listUnsent(db);
      expect(row).toMatchObject({ status: 'uncertain', partsAccepted: 1, inflightPart: 'hook1' });
      expect(row!.lastError).toContain('第2段可能已送达');
      // later drains (the retry job, a restart) leave it alone
      fake.onAccepted = undefined;
      expect(await flushOutbox(deps, deliver())).toMatchObject({ sent: 0, failed: 0, uncertain: 0 });
      expect(fake.messages).toHaveLength(2);
      // the operator re-queues it: part 1 is skipped, part 2 may repeat (once), the rest go out
      expect(requeue(db, row!.id, new Date().toISOString())).toBe(true);
      expect(await flushOutbox(deps, deliver())).toMatchObject({ sent: 1 });
      const counts = parts.map((p) => fake.messages.filter((m) => m.content === p).length);
      expect(counts).toEqual(parts.map((_, i) => (i === 1 ? 2 : 1)));
      expect(listUnsent(db)).toEqual([]);
    } finally {
      db.close();
      await fake.close();
    }
  });

  it('Feishu: a dropped answer after Feishu created the message is retried with the same uuid: no duplicate', { timeout: 30_000 }, async () => {
    const fake = await new FakeFeishu().start();
    const dir = dataDir();
    const db = openDb(dir);
    try {
      seed(db, 'feishu', [300]);
      fake.dropAfterCreate = 1;
      expect(await flushOutbox({ db, now: () => new Date() }, makeDeliver([feishuAdapter(fake)], process.stdout))).toMatchObject({ sent: 1 });
      const uuids = fake.sent().map((m) => m.uuid);
      expect(uuids.length).toBeGreaterThan(1);
      expect(new Set(uuids).size).toBe(uuids.length);
      expect(fake.requests.filter((r) => r.op === 'create').length).toBe(uuids.length + 1);
    } finally {
      db.close();
      await fake.stop();
    }
  });

  it('an expired lease (a sender that died) follows the rule: nothing in flight → resent; in flight → Feishu within the uuid hour resends, WeCom and late Feishu become uncertain', () => {
    const t0 = new Date('2026-06-23T01:00:00Z');
    const lease = new Date(t0.getTime() + 60_000).toISOString();
    const cases = [
      { group: 'wecom:a', inFlight: false, after: 5, want: 'pending' },
      { group: 'wecom:b', inFlight: true, after: 5, want: 'uncertain' },
      { group: 'feishu:c', inFlight: true, after: 5, want: 'pending' },
      { group: 'feishu:d', inFlight: true, after: 120, want: 'uncertain' },
      { group: 'feishu:e', inFlight: false, after: 120, want: 'pending' },
    ] as const;
    for (const c of cases) {
      const db = openDb(dataDir());
      try {
        const id = enqueue(db, { idemKey: 'x', groupKey: c.group, kind: 'remind', text: 't', mentions: [], tasks: [], at: t0.toISOString() }, [])!.id;
        // a sender that claimed the row (and maybe handed part 0 over) and then died
        expect(claim(db, id, 'dead-sender', t0.toISOString(), lease)).toBe(true);
        if (c.inFlight) expect(beginPart(db, id, 'dead-sender', 'hook0', lease)).toBe(true);
        // before the lease ends nobody touches it
        expect(recoverExpiredClaims({ db, now: () => new Date(t0.getTime() + 30_000) })).toBe(0);
        expect(recoverExpiredClaims({ db, now: () => new Date(t0.getTime() + c.after * 60_000) })).toBe(1);
        expect(claimState(db, id)?.status, c.group).toBe(c.want);
        // and a second recovering drainer finds nothing left to do
        expect(recoverExpiredClaims({ db, now: () => new Date(t0.getTime() + c.after * 60_000) })).toBe(0);
      } finally {
        db.close();
      }
    }
    expect(resendIsSafe('feishu:x', t0.toISOString(), new Date(t0.getTime() + 49 * 60_000))).toBe(true);
    expect(resendIsSafe('feishu:x', t0.toISOString(), new Date(t0.getTime() + 51 * 60_000))).toBe(false);
    expect(resendIsSafe('wecom:x', t0.toISOString(), t0)).toBe(false);
  });

  it('claims are exclusive under every interleaving of claim attempts by several claimers', () => {
    const dir = dataDir();
    const dbs = [openDb(dir), openDb(dir), openDb(dir)];
    let runs = 0;
    try {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 40 }), (steps) => {
          runs++;
          const db = dbs[0]!;
          db.exec("DELETE FROM reminder_log; DELETE FROM outbox_parts; DELETE FROM outbox;");
          const at = new Date().toISOString();
          const ids = Array.from({ length: 5 }, (_, i) => enqueue(db, { idemKey: `c${runs}-${i}`, groupKey: 'wecom:x', kind: 'remind', text: 't', mentions: [], tasks: [], at }, [])!.id);
          const owner = new Map<number, number>();
          for (const [who, row] of steps) {
            const got = claim(dbs[who]!, ids[row]!, `p${who}`, at, new Date(Date.now() + 60_000).toISOString());
            if (got) {
              expect(owner.has(row)).toBe(false);
              owner.set(row, who);
            } else expect(owner.has(row)).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      for (const d of dbs) d.close();
    }
    tried.push(`${runs} claim sequences`);
  });
});
