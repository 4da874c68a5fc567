// Issue 10 item 4: odd numbers never address a nearby task ("/进展 -1" was task 1, "/进展 1e9 …"
// task 1 with text "e9 …"), and report/milestone text is stored exactly as typed after the one
// documented trimming rule (docs/reporting.md, "输入有误时"). Property-based: the parser alone for
// many inputs, then the real router and store for fewer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/commands/all.ts';
import { makeChat, type Chat } from '../helpers/chat.ts';

const parse = (text: string) => parseCommand(text, { year: 2026 });
const TASKS = 69;

/** Number-shaped words: integers of any sign and size, decimals, exponents, padded, full-width. */
const numberWord = fc.oneof(
  fc.integer({ min: -200, max: 200 }).map(String),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: -12, max: 12 })).map(([a, e]) => `${a}e${e}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 0, max: 99 }).map((n) => `00${n}`),
  fc.integer({ min: 0, max: 99 }).map((n) => `+${n}`),
  fc.integer({ min: 0, max: 99 }).map((n) => `−${n}`), // U+2212 minus
  fc.integer({ min: 0, max: 99 }).map((n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
);
const framed = fc.tuple(numberWord, fc.constantFrom('%s', '第%s项', '#%s', '%s项', '任务%s', '「第%s项」', '【%s】')).map(([n, f]) => ({
  n,
  typed: f.replace('%s', n),
}));

/** The value a word stands for when it is a plain unsigned integer (full-width digits folded). */
function unsignedValue(word: string): number | undefined {
  const ascii = word.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return /^\d+$/.test(ascii) && ascii.replace(/^0+(?=\d)/, '').length <= 6 ? Number(ascii) : undefined;
}

// The trimming rule of docs/reporting.md: CRLF → LF, zero-width characters removed, surrounding
// whitespace trimmed, and the spaces / ，,、：:；; between the number (or date) and the text.
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/g;
const trimmed = (t: string) => t.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim().replace(/^[\s,，、:：;；]+/, '');

/** Text made of what tends to break parsers: separators, signs, digits, markup, CJK, newlines. */
const textUnit = fc.constantFrom(
  '-', '—', '+', '~', '.', '。', ',', '，', '、', ':', '：', ';', '；', ' ', '\u3000', '\n', '\r\n', '\u200b', '\t',
  '1', '2', '0', 'e', 'E', '#', '第', '项', '号', '(', ')', '【', '】', '<', '>', '@', '[', ']', '*', '_', '`',
  '已', '开', '工', '建', '设', '套', 'a', 'Z', '🙂', '"', "'", '\\', '/', '%',
);
const anyText = fc.string({ unit: textUnit, minLength: 1, maxLength: 40 });
/** The same without % or digits: never a completion rate, so it must be accepted when non-empty. */
const plainText = fc.string({ unit: textUnit.filter((c) => !/[%\d]/.test(c)), minLength: 1, maxLength: 40 });

describe('task numbers (parser)', () => {
  it('addresses exactly the unsigned integer typed, or refuses', () => {
    fc.assert(
      fc.property(framed, ({ n, typed }) => {
        const cmd = parse(`/进展 ${typed} 已开工`)!;
        const want = unsignedValue(n);
        if (want !== undefined) expect(cmd).toMatchObject({ kind: 'report', taskNo: want, text: '已开工' });
        else {
          expect(cmd.kind).toBe('invalid');
          expect((cmd as { reply: string }).reply).toMatch(/编号“.+”不对/);
        }
        for (const c of [parse(`/撤回 ${typed}`)!, parse(`/节点 ${typed} 6月底 完成主体结构`)!, parse(`/更正 ${typed} 已开工`)!]) {
          if (want !== undefined) expect(c).toMatchObject({ taskNo: want });
          else expect(c.kind).toBe('invalid');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('milestone ids are unsigned integers too', () => {
    fc.assert(
      fc.property(numberWord, (n) => {
        const want = unsignedValue(n);
        const cmd = parse(`/节点 删 ${n}`)!;
        if (want !== undefined && want <= 999_999) expect(cmd).toEqual({ kind: 'milestone-delete', id: want });
        else expect(cmd.kind).toBe('invalid');
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['/进展 -1 已开工', '“-1”'],
    ['/进展 1e9 已开工', '“1e9”'],
    ['/进展 28.5 已开工', '“28.5”'],
    ['/进展 第二十八万项 已开工', '“第二十八万项”'],
    ['/进展 第12345678项 已开工', '“12345678”'],
    ['/撤回 -3', '“-3”'],
    ['/节点 改 -5 9月底', '“-5”'],
  ])('%s is refused naming %s', (text, token) => {
    const cmd = parse(text)!;
    expect(cmd.kind).toBe('invalid');
    expect((cmd as { reply: string }).reply).toContain(token);
    expect((cmd as { reply: string }).reply).toMatch(/例如：\//);
  });

  it('a leading dash is part of the text; 项 after a space is text, not part of the number', () => {
    expect(parse('/进展 28 -已开工')).toMatchObject({ kind: 'report', taskNo: 28, text: '-已开工' });
    expect(parse('/进展 28 — 已开工')).toMatchObject({ taskNo: 28, text: '— 已开工' });
    expect(parse('/进展 28 项目已开工')).toMatchObject({ taskNo: 28, text: '项目已开工' });
    expect(parse('/节点 28 6月底 -完成主体')).toMatchObject({ kind: 'milestone-add', text: '-完成主体' });
  });
});

describe('through the router and the store', () => {
  let chat: Chat;
  beforeAll(() => {
    chat = makeChat({ admins: ['王主任'] });
  });
  afterAll(() => chat.close());

  const newest = () => chat.reports().at(-1);

  it('a report lands on the typed task or nowhere', async () => {
    await fc.assert(
      fc.asyncProperty(framed, async ({ n, typed }) => {
        const before = chat.count('reports');
        const reply = await chat.say('王主任', 'g', `/进展 ${typed} 已开工`);
        const want = unsignedValue(n);
        if (want !== undefined && want >= 1 && want <= TASKS) {
          expect(chat.count('reports')).toBe(before + 1);
          expect(newest()).toMatchObject({ taskNo: want, text: '已开工' });
        } else {
          expect(chat.count('reports')).toBe(before);
          expect(reply).toMatch(/编号“.+”不对|没有第\d+项/);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('report text is stored exactly as typed after trimming', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, plainText), async (t) => {
        const before = chat.count('reports');
        const reply = await chat.say('王主任', 'g', `/进展 28 ${t}`);
        const stored = chat.count('reports') > before ? newest() : undefined;
        if (stored) expect(stored.text).toBe(trimmed(t));
        else if (trimmed(t) !== '' && !t.includes('%')) expect.fail(`not recorded: ${JSON.stringify(t)} → ${reply}`);
      }),
      { numRuns: 150 },
    );
  });

  it('milestone text likewise', async () => {
    await fc.assert(
      fc.asyncProperty(plainText, async (t) => {
        const before = chat.count('milestones');
        const reply = await chat.say('王主任', 'g', `/节点 28 6月底 ${t}`);
        if (trimmed(t) === '') return void expect(chat.count('milestones')).toBe(before);
        expect(chat.count('milestones'), reply).toBe(before + 1);
        expect(chat.milestones().at(-1)!.text).toBe(trimmed(t));
      }),
      { numRuns: 100 },
    );
  });
});
