// The shared inbound pipeline (src/platforms/pipeline.ts): per-chat arrival order for any
// interleaving, dedupe of re-pushes, the one apology after bounded retries (poison → failed),
// and the deadline helper.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APOLOGY, createPipeline, within } from '../../src/platforms/pipeline.ts';
import { MAX_ATTEMPTS } from '../../src/store/inbox.ts';
import type { IncomingMessage } from '../../src/types.ts';
import { memoryInbox } from '../helpers/inbox.ts';
import { quietLog } from '../helpers/quietLog.ts';

quietLog();

const msg = (id: string, chatId = 'c1'): IncomingMessage => ({
  platform: 'wecom', messageId: id, chatId, isDirect: false, userId: 'u', userName: 'u', text: '在吗', receivedAt: new Date('2026-03-05T02:00:00Z'),
});

describe('inbound pipeline', () => {
  it('runs the jobs of each chat in arrival order, whatever their durations and the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ chat: fc.constantFrom('a', 'b', 'c'), ms: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 15 }), async (jobs) => {
        const p = createPipeline({ platform: 'wecom', inbox: memoryInbox(), handle: async () => ({ text: '' }) });
        const finished: { chat: string; n: number }[] = [];
        jobs.forEach((j, n) => {
          const sub = p.submit({ eventId: `e${n}`, messageId: `m${n}`, chatId: j.chat, payload: {} }, async () => {
            await new Promise((r) => setTimeout(r, j.ms));
            finished.push({ chat: j.chat, n });
          });
          expect(sub.admitted).toBe('new');
        });
        await p.idle();
        for (const chat of ['a', 'b', 'c']) {
          const order = finished.filter((f) => f.chat === chat).map((f) => f.n);
          expect(order).toEqual(jobs.flatMap((j, n) => (j.chat === chat ? [n] : [])));
        }
      }),
      { numRuns: 30 },
    );
  });

  it('a re-push of a message being processed or done is not run again', async () => {
    const p = createPipeline({ platform: 'feishu', inbox: memoryInbox(), handle: async () => ({ text: '' }) });
    let runs = 0;
    const ev = { eventId: 'e1', messageId: 'm1', chatId: 'c1', payload: {} };
    const first = p.submit(ev, async () => void runs++);
    expect(p.submit({ ...ev, eventId: 'e2' }, async () => void runs++)).toEqual({ admitted: 'in-progress' });
    await first.result;
    p.done('m1');
    expect(p.submit({ ...ev, eventId: 'e3' }, async () => void runs++)).toEqual({ admitted: 'done' });
    expect(runs).toBe(1);
  });

  it('a handler that keeps throwing ends in the one apology and a failed event, not a loop', async () => {
    const inbox = memoryInbox();
    let calls = 0;
    const p = createPipeline({ platform: 'wecom', inbox, handle: async () => { calls++; throw new Error('store down'); } });
    p.submit({ eventId: 'e1', messageId: 'm1', chatId: 'c1', payload: {} }, async () => undefined);
    const r = await p.answer(msg('m1'));
    expect(r).toMatchObject({ reply: { text: APOLOGY }, final: false });
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(inbox.counts('wecom')).toMatchObject({ failed: 1, pending: 0 });
  });

  it('without an inbox (the console) a throw is one apology at once', async () => {
    let calls = 0;
    const p = createPipeline({ platform: 'console', handle: async () => { calls++; throw new Error('busy'); } });
    expect((await p.answer(msg('m1'))).reply.text).toBe(APOLOGY);
    expect(calls).toBe(1);
  });

  it('prepare runs before the router, and a failing prepare does not lose the message', async () => {
    const seen: string[] = [];
    const handle = async (m: IncomingMessage) => (seen.push(m.userName), { text: 'ok' });
    await createPipeline({ platform: 'feishu', inbox: memoryInbox(), handle, prepare: async (m) => ({ ...m, userName: '张三' }) }).answer(msg('m1'));
    await createPipeline({ platform: 'feishu', inbox: memoryInbox(), handle, prepare: async () => { throw new Error('no'); } }).answer(msg('m2'));
    expect(seen).toEqual(['张三', 'u']);
  });

  it('within: the value when in time, late otherwise (the work goes on)', async () => {
    expect(await within(Promise.resolve(7), 1000)).toEqual({ late: false, value: 7 });
    let release!: (v: number) => void;
    const slow = new Promise<number>((r) => (release = r));
    expect(await within(slow, 5)).toEqual({ late: true });
    release(8);
    expect(await slow).toBe(8);
  });
});
