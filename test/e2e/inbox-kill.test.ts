// kill -9 loses no acknowledged event (issue 10, "Why" 2): the whole bot in a child process,
// Feishu webhook mode against the fake Open API in this process, receives N signed, encrypted
// `/进展` events over HTTP. It is SIGKILLed at a random point after the k-th HTTP 200, restarted
// on the same DATA_DIR, killed again while it replays, restarted, and finally every event is
// re-pushed the way Feishu does (same message_id, new event_id). Properties:
//   - every event that got HTTP 200 is stored exactly once and was answered;
//   - no event is stored twice, whatever was killed when;
//   - after the re-push, every event (acknowledged or not) is stored exactly once, and the
//     re-push of finished events writes and answers nothing new.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setLogLevel } from '../../src/log.ts';
import { signedPost } from '../fakes/feishu/crypto.ts';
import { atBot, ENCRYPT_KEY, webhookEnv } from '../fakes/feishu/events.ts';
import { FakeFeishu } from '../fakes/feishu/server.ts';
import { CallbackDriver, textMessage } from '../fakes/wecom/callbackDriver.ts';
import { startFakeWecomApi } from '../fakes/wecom/webhookServer.ts';
import { driveAndKill, peek, startChild, waitFor, type BotChild } from '../helpers/kill.ts';

setLogLevel('error');
const N = 200;
const root = mkdtempSync(join(tmpdir(), 'duban-kill-'));
const children: BotChild[] = [];
afterAll(() => {
  for (const c of children) c.proc.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

describe('durable inbox across kill -9 (Feishu webhook, the real app)', () => {
  it('stores every acknowledged event exactly once; re-pushes store the rest once and nothing twice', { timeout: 120_000 }, async () => {
    const fake = await new FakeFeishu().start();
    fake.enforceChatLimit = false;
    try {
      const dataDir = join(root, 'data');
      const env = {
        DATA_DIR: dataDir,
        ...webhookEnv(fake.baseUrl),
        ADMINS: 'feishu:ou_admin',
        REMIND_DEFAULT_GROUP: 'feishu:oc_g0',
      };
      const ids = Array.from({ length: N }, (_, i) => `om_kill_${i}`);
      const event = (i: number) =>
        atBot(`/进展 ${(i % 69) + 1} 第${i}次填报，完成率${i % 101}%`, { sender: 'ou_admin', chatId: `oc_g${i % 4}`, messageId: ids[i] });
      const request = (i: number) => ({
        index: i,
        send: async (port: number) => {
          const ev = event(i); // a fresh event_id each time, as a Feishu re-push has
          fake.observe(ev);
          const p = signedPost(ENCRYPT_KEY, ev);
          const r = await fetch(`http://127.0.0.1:${port}/feishu/events`, { method: 'POST', body: p.body, headers: p.headers });
          await r.arrayBuffer();
          return r.status;
        },
      });
      const stored = () =>
        peek(dataDir, (db) => db.prepare('SELECT message_id AS id, COUNT(*) AS n FROM reports GROUP BY message_id').all() as { id: string; n: number }[]);
      const pending = () => peek(dataDir, (db) => (db.prepare("SELECT COUNT(*) AS n FROM inbox WHERE state = 'pending'").get() as { n: number }).n);
      const repliesTo = (id: string) => fake.sent().filter((m) => m.kind === 'reply' && m.replyTo === id).length;

      // Run 1: killed at a random point after the k1-th ack.
      const k1 = rand(40, 120);
      const a = await startChild(env);
      children.push(a);
      const run1 = await driveAndKill(a, ids.map((_, i) => request(i)), k1);
      const storedAtKill = stored().length;

      // Run 2: replays run 1's unfinished events while the rest arrive; killed again, early.
      const rest = ids.map((_, i) => i).filter((i) => !run1.acked.includes(i));
      const k2 = rand(5, 30);
      const b = await startChild(env);
      children.push(b);
      const run2 = await driveAndKill(b, rest.map(request), k2);
      const acked = new Set([...run1.acked, ...run2.acked]);

      // Run 3: no new events; whatever is still pending is finished at start-up.
      const c = await startChild(env);
      children.push(c);
      await waitFor(() => pending() === 0, 60_000, 'the inbox to drain');
      let rows = stored();
      const count = new Map(rows.map((r) => [r.id, r.n]));
      const missing = [...acked].filter((i) => count.get(ids[i]!) !== 1);
      expect(missing).toEqual([]);
      expect(rows.filter((r) => r.n > 1)).toEqual([]);
      expect([...acked].filter((i) => repliesTo(ids[i]!) < 1)).toEqual([]);
      const storedBeforeRepush = rows.length;

      // Feishu re-pushes everything (same message_id, new event_id).
      const repliesBefore = fake.sent().length;
      const doneBefore = new Set(rows.map((r) => r.id));
      for (const i of ids.keys()) expect(await request(i).send(c.port)).toBe(200);
      await waitFor(() => pending() === 0 && stored().length === N, 60_000, 'every event stored');
      rows = stored();
      expect(rows).toHaveLength(N);
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      const newReplies = fake.sent().slice(repliesBefore);
      // a re-push of a finished event is ignored: no reply to it
      expect(newReplies.filter((m) => doneBefore.has(m.replyTo ?? ''))).toEqual([]);
      const failed = peek(dataDir, (db) => (db.prepare("SELECT COUNT(*) AS n FROM inbox WHERE state = 'failed'").get() as { n: number }).n);
      expect(failed).toBe(0);
      if (process.env.INBOX_FIGURES)
        console.log(
          `N=${N}; run 1 killed after ack ${run1.killedAt} (k1=${k1}), ${run1.acked.length} acked, ${storedAtKill} stored at the kill; ` +
            `run 2 killed after ack ${run2.killedAt} (k2=${k2}); acked in all ${acked.size}, stored after restart ${storedBeforeRepush} ` +
            `(each acked once, none twice); after the re-push ${rows.length} stored, ${newReplies.length} new replies`,
        );
      c.proc.kill('SIGKILL');
      await c.exited;
    } finally {
      await fake.stop();
    }
  });
});

describe('durable inbox across kill -9 (WeCom callback, the real app)', () => {
  it('stores every acknowledged message exactly once; the re-push stores the rest once', { timeout: 120_000 }, async () => {
    const TOKEN = 'QDG6eK';
    const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    const M = 120;
    const api = await startFakeWecomApi();
    try {
      const dataDir = join(root, 'wecom');
      const env = {
        DATA_DIR: dataDir, WECOM_BOT_ID: 'bot1', WECOM_MODE: 'callback', WECOM_TOKEN: TOKEN, WECOM_ENCODING_AES_KEY: AES,
        WECOM_WEBHOOK_BASE: api.base, ADMINS: 'wecom:zhangsan', REMIND_DEFAULT_GROUP: 'wecom:CHAT0',
      };
      const msgs = Array.from({ length: M }, (_, i) => {
        api.responseCodes.add(`RC${i}`);
        return textMessage({
          text: `@督办助手 /进展 ${(i % 69) + 1} 第${i}次填报，完成率${i % 101}%`, chatid: `CHAT${i % 3}`, userid: 'zhangsan', msgid: `WKILL${i}`,
          responseUrl: `${api.base}/cgi-bin/aibot/response?response_code=RC${i}`,
        });
      });
      const request = (i: number) => ({
        index: i,
        send: async (port: number) => (await new CallbackDriver(`http://127.0.0.1:${port}/wecom/callback`, TOKEN, AES).post(msgs[i]!)).status,
      });
      const stored = () =>
        peek(dataDir, (db) => db.prepare('SELECT message_id AS id, COUNT(*) AS n FROM reports GROUP BY message_id').all() as { id: string; n: number }[]);
      const pending = () => peek(dataDir, (db) => (db.prepare("SELECT COUNT(*) AS n FROM inbox WHERE state = 'pending'").get() as { n: number }).n);

      const k = rand(30, 80);
      const a = await startChild(env);
      children.push(a);
      const run = await driveAndKill(a, msgs.map((_, i) => request(i)), k);
      const b = await startChild(env);
      children.push(b);
      await waitFor(() => pending() === 0, 60_000, 'the inbox to drain');
      let rows = stored();
      const count = new Map(rows.map((r) => [r.id, r.n]));
      expect(run.acked.filter((i) => count.get(msgs[i]!.msgid) !== 1)).toEqual([]);
      expect(rows.filter((r) => r.n > 1)).toEqual([]);
      const afterRestart = rows.length;

      for (const i of msgs.keys()) expect(await request(i).send(b.port)).toBe(200);
      await waitFor(() => pending() === 0 && stored().length === M, 60_000, 'every message stored');
      rows = stored();
      expect(rows.filter((r) => r.n !== 1)).toEqual([]);
      expect(rows).toHaveLength(M);
      // no message was answered twice through its one-shot response_url
      expect(new Set(api.responses.map((r) => r.code)).size).toBe(api.responses.length);
      if (process.env.INBOX_FIGURES)
        console.log(`WeCom callback: M=${M}; killed after ack ${run.killedAt} (k=${k}), ${run.acked.length} acked, ${afterRestart} stored after restart (each acked once, none twice), ${api.responses.length} answered via response_url on replay; after the re-push ${rows.length} stored`);
      b.proc.kill('SIGKILL');
      await b.exited;
    } finally {
      await api.close();
    }
  });
});
