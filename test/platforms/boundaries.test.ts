// Typed boundaries (issue 12 item 4): generated junk never passes validation as a message and
// never throws; well-formed bodies with extra fields still do.
import { describe, expect, it } from 'vitest';
import { normalizeMessage, parseMessageEvent } from '../../src/platforms/feishu/receive.ts';
import { normalize, parseAibotBody } from '../../src/platforms/wecom/receive.ts';
import { parseStoredTasks } from '../../src/ledger/store.ts';

// Deterministic generator (mulberry32): a failure is reproducible from its seed.
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const WRONG: unknown[] = [null, 0, 1.5, true, [], ['x'], {}, { a: 1 }, -1, Number.NaN];
function junk(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * 8);
  if (depth > 2 || k < 3) return WRONG[Math.floor(r() * WRONG.length)];
  if (k < 5) return 'é:' + String(Math.floor(r() * 100));
  if (k < 6) return [junk(r, depth + 1), junk(r, depth + 1)];
  const keys = ['message', 'message_id', 'chat_id', 'mentions', 'sender', 'msgid', 'from', 'userid', 'msgtype', 'text', 'content', 'chatid', 'chattype'];
  const o: Record<string, unknown> = {};
  for (let i = 0; i < 3; i++) o[keys[Math.floor(r() * keys.length)]!] = junk(r, depth + 1);
  return o;
}

/** Replaces one field at `path` of a valid body with a value of the wrong type. */
function corrupt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let at: Record<string, unknown> = copy;
  for (const p of path.slice(0, -1)) at = at[p] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const now = () => new Date('2026-03-02T02:00:00Z');
const feishuOk = {
  event_id: 'e1', schema: '2.0', app_id: 'cli_x', unknownFutureField: { deep: [1] },
  sender: { sender_id: { open_id: 'ou_u', user_id: null, union_id: 'on_u' }, sender_type: 'user', tenant_key: 't' },
  message: {
    message_id: 'om_1', chat_id: 'oc_1', chat_type: 'group', message_type: 'text', thread_id: 'omt_1',
    content: JSON.stringify({ text: '@_user_1 谁牵头第28项' }),
    mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot', user_id: null }, name: '督办', mentioned_type: 'bot', tenant_key: 't' }],
  },
};
const wecomOk = {
  msgid: 'm1', aibotid: 'b', chatid: 'c1', chattype: 'group', from: { userid: 'u1' }, response_url: 'https://x', msgtype: 'text',
  text: { content: '@督办 谁牵头第28项' }, aeskey: 'future-field', quote: { msgtype: 'text', text: { content: 'q' } },
};

describe('inbound bodies are validated, not cast', () => {
  it('accepts the published shapes with unknown extra fields', () => {
    expect(normalizeMessage(feishuOk, 'ou_bot', now())).toMatchObject({ ok: true, msg: { messageId: 'om_1', text: '谁牵头第28项' } });
    expect(normalize(wecomOk, { now })).toMatchObject({ kind: 'message', msg: { messageId: 'm1', chatId: 'c1' } });
  });

  it('refuses a body whose read fields have the wrong type, as malformed', () => {
    for (const [path, v] of [[['message', 'message_id'], 7], [['message', 'mentions'], 'x'], [['message', 'content'], { text: 'a' }], [['sender'], 'u'], [['message', 'chat_id'], ['oc']]] as const) {
      const bad = corrupt(feishuOk, [...path], v);
      expect(parseMessageEvent(bad), path.join('.')).toBeUndefined();
      expect(normalizeMessage(bad, 'ou_bot', now())).toEqual({ ok: false, reason: 'malformed' });
    }
    for (const [path, v] of [[['msgid'], 1], [['from'], 'u1'], [['from', 'userid'], 5], [['text', 'content'], ['a']], [['chatid'], {}], [['quote', 'text'], 'q']] as const) {
      const bad = corrupt(wecomOk, [...path], v);
      expect(parseAibotBody(bad), path.join('.')).toBeUndefined();
      expect(normalize(bad, { now }).kind).toBe('invalid');
    }
  });

  it('2000 generated junk bodies never pass as a message and never throw', () => {
    const r = rng(12);
    for (let i = 0; i < 2000; i++) {
      const j = junk(r);
      const f = normalizeMessage(j, 'ou_bot', now());
      const w = normalize(j, { now });
      // junk may by chance be well-typed; it then still lacks the ids every message needs
      if (f.ok) expect.fail(`feishu accepted ${JSON.stringify(j)}`);
      if (w.kind === 'message') expect.fail(`wecom accepted ${JSON.stringify(j)}`);
    }
  });
});

describe('the stored task list is validated', () => {
  const task = { no: 1, category: '聚力提品质', subCategory: '', target: 't', leaders: ['甲'], leadUnits: ['住建局'], coUnits: [], source: { doc: 'key', title: 'x', locator: '第1项', line: 3 }, extra: 1 };
  it('reads a good list and names the list and the field of a bad one', () => {
    expect(parseStoredTasks(JSON.stringify([task]), '清单 #1')).toHaveLength(1);
    expect(() => parseStoredTasks(JSON.stringify([{ ...task, leaders: '甲' }]), '清单 #2')).toThrow(/清单 #2.*0\.leaders/);
    expect(() => parseStoredTasks('{', '清单 #3')).toThrow(/清单 #3：任务清单不是有效的 JSON/);
    expect(() => parseStoredTasks('{}', '清单 #4')).toThrow(/清单 #4/);
  });
});
