// Issue 10 item 9 (router half): generated commands and text through the real router with a real
// temp store. Slash verbs from the real verb table with junk arguments, Object.prototype names,
// huge and signed numbers, unicode, 100 KB messages, empty and blank text, from an admin, a liaison
// and a stranger on every platform, with redelivered message ids. Each input must get a non-empty
// Chinese reply; none may throw, reject, or fall into the router's apology (which means a handler
// threw and was caught).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultRegistry } from '../../src/commands/all.ts';
import { ANYONE, defineCommand, noArgs } from '../../src/commands/spec.ts';
import type { Platform } from '../../src/types.ts';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

const APOLOGY = '抱歉，处理这条消息时出错了';
const PROTO = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];
/** Every command word the router knows: the parser's table and the feature commands. */
const WORDS = defaultRegistry().names();

const oddWord = fc.constantFrom(
  '-1', '+28', '−3', '1e9', '28.5', 'NaN', 'Infinity', '0x1C', '0028', '99999999999999999999', '第99999999项', '第二十八万项', '#', '#-1',
  '@', '@all', '@张三', '@console:x', '<@all>', '<at id=all></at>', '[点我](http://x)', "' OR 1=1; --", '\u0000', '\u202e', '\u200b',
  '　', '／', '%', '完成率150%', '完成率-5%', '滞后', '已完成', '6月底', '2月30日', '13月底', '三季度末', '2026-06-30', '改', '删', '全部',
  '领导', '单位', '镇', '住建局', '白水', '曹陶', '\n', '\r\n', '🙂', '\ud800',
);
const junk = fc.oneof(
  { arbitrary: oddWord, weight: 4 },
  { arbitrary: fc.integer({ min: -5, max: 80 }).map(String), weight: 3 },
  { arbitrary: fc.constantFrom(...PROTO), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String), weight: 1 },
  { arbitrary: fc.double().map(String), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);
const args = fc.array(junk, { maxLength: 5 }).chain((parts) => fc.constantFrom(' ', '', '　', '，').map((sep) => parts.join(sep)));
const slash = fc.constantFrom('/', '／', '/ ', ' /');
const command = fc.tuple(slash, fc.constantFrom(...WORDS), fc.constantFrom('', ' ', '　', '：', '-'), args).map(([s, w, sep, a]) => `${s}${w}${sep}${a}`);
const protoCommand = fc.tuple(slash, fc.constantFrom(...PROTO), args).map(([s, w, a]) => `${s}${w} ${a}`);
const huge = fc.tuple(fc.constantFrom('/进展 28 ', '/节点 28 6月底 ', '谁牵头', '/', ''), fc.constantFrom(100_000, 2001, 2000, 501, 500)).map(([p, n]) => p + '字'.repeat(n));
const blank = fc.constantFrom('', ' ', '\n', '\t', '　', '\u200b', '/', '／', '/ ', '/\u0000');
/** Nearly valid commands, so the write paths (store, audit, state echo) see junk text too. */
const task = fc.oneof(fc.integer({ min: 1, max: 69 }).map(String), fc.constantFrom('28', '第28项', '「第28项」', '#28', '二十八项'));
const words = fc.array(junk, { minLength: 1, maxLength: 4 }).map((a) => a.join(' '));
const nearlyValid = fc.oneof(
  fc.tuple(task, words).map(([t, w]) => `/进展 ${t} ${w}`),
  fc.tuple(task, fc.constantFrom('6月底', '9月15日', '三季度末', '年底'), words).map(([t, d, w]) => `/节点 ${t} ${d} ${w}`),
  fc.tuple(fc.option(task, { nil: '' }), words).map(([t, w]) => `/更正 ${t} ${w}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.option(fc.constantFrom('9月底', ''), { nil: '' }), words).map(([id, d, w]) => `/节点 改 ${id} ${d} ${w}`),
  fc.integer({ min: 1, max: 9 }).map((id) => `/节点 删 ${id}`),
  fc.option(task, { nil: '' }).map((t) => `/撤回 ${t}`),
  fc.tuple(fc.constantFrom('绑定', '解绑', '批准', '驳回', '订阅', '退订', '汇总', '滞后', '领导'), words).map(([v, w]) => `/${v} ${w}`),
  task.map((t) => `/进展 ${t}`),
);
const text = fc.oneof(
  { arbitrary: nearlyValid, weight: 6 },
  { arbitrary: command, weight: 6 },
  { arbitrary: protoCommand, weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 80 }), weight: 1 },
  { arbitrary: huge, weight: 1 },
  { arbitrary: blank, weight: 1 },
);
const input = fc.record({
  text,
  user: fc.constantFrom('王主任', '张三', '路人'),
  platform: fc.constantFrom<Platform>('feishu', 'feishu', 'wecom', 'console'),
  chat: fc.constantFrom('g', 'oc_other'),
  mentions: fc.option(fc.subarray(['张三', '李四', '王主任'], { minLength: 1 }), { nil: undefined }),
  /** a small pool of ids: platforms redeliver */
  repeatId: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 4 }),
  hours: fc.constantFrom(0, 0, 0, 1, 30),
});

let chat: Chat;
let stderr: string[];
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);
beforeAll(async () => {
  chat = makeChat({ admins: ['王主任'] });
  // wired as the app wires it: feature commands in the lookup that user text reaches
  chat.deps.commands = defaultRegistry().add(
    defineCommand({ id: 'dashboard', names: ['看板'], match: 'word', doc: '', access: ANYONE, writes: false, parse: noArgs, run: () => ({ text: '看板链接（测试）' }) }),
  );
  await bindVia(chat, '王主任', '张三', '住建局');
  stderr = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  vi.restoreAllMocks();
  chat.close();
});

describe('router fuzz', () => {
  it('every generated message gets a Chinese reply, nothing throws', async () => {
    let tried = 0;
    let seq = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(input, async (i) => {
        tried++;
        chat.advanceHours(i.hours);
        const messageId = i.repeatId === undefined ? `fuzz-${++seq}` : `fuzz-repeat-${i.repeatId}`;
        const r = await chat.sayFull(i.user, i.chat, i.text, { platform: i.platform, messageId, ...(i.mentions ? { mentions: i.mentions } : {}) });
        expect(typeof r.text).toBe('string');
        expect(r.text.trim(), JSON.stringify(i.text.slice(0, 80))).not.toBe('');
        expect(r.text, JSON.stringify(i.text.slice(0, 80))).toMatch(/[\u4e00-\u9fff]/);
        expect(r.text, JSON.stringify(i.text.slice(0, 80))).not.toContain(APOLOGY);
        if (r.mentions !== undefined) expect(r.mentions.every((m) => typeof m === 'string')).toBe(true);
      }),
      { numRuns: 6000, interruptAfterTimeLimit: 10_000 },
    );
    // let any stray promise surface before judging
    await new Promise((r) => setTimeout(r, 20));
    expect(rejections).toEqual([]);
    expect(stderr.filter((l) => l.includes('handler failed'))).toEqual([]);
    const ms = Date.now() - started;
    process.stdout.write(`router fuzz: ${tried} inputs in ${ms} ms (${chat.count('reports')} reports, ${chat.count('milestones')} milestones, ${chat.count('bindings')} bindings written)\n`);
    expect(tried).toBeGreaterThan(500);
  }, 30_000);
});
