import { describe, expect, it } from 'vitest';
import { loadWecomConfig } from '../../../src/platforms/wecom/config.ts';
import { fitStream, normalize, stripBotMention, STREAM_MAX_BYTES } from '../../../src/platforms/wecom/receive.ts';
import { escapeMarkdown } from '../../../src/platforms/wecom/render.ts';
import { splitByBytes, truncateBytes } from '../../../src/platforms/wecom/split.ts';

const now = () => new Date('2026-05-01T09:00:00+08:00');
const base = { msgid: 'M1', aibotid: 'B', chatid: 'C1', chattype: 'group', from: { userid: 'u1' }, msgtype: 'text' };

describe('normalize', () => {
  it('strips the leading @BotName (known name or first token), keeps other @s', () => {
    expect(stripBotMention('@督办助手 谁牵头第28项', true)).toBe('谁牵头第28项');
    expect(stripBotMention('@督办助手\u2005/绑定 @张三 住建局', true)).toBe('/绑定 @张三 住建局');
    expect(stripBotMention('@督办 助手 问题', true, '督办 助手')).toBe('问题');
    expect(stripBotMention('@张三 你好', true, '督办助手')).toBe('@张三 你好');
    expect(stripBotMention('@督办助手', true)).toBe('');
    expect(stripBotMention('  你好 ', false)).toBe('你好');
    expect(stripBotMention('@张三 @督办助手 你看下', true, '督办助手')).toBe('@张三 你看下');
  });

  it('group → chatid, single → from.userid', () => {
    const g = normalize({ ...base, text: { content: '@bot 问' } }, { now });
    expect(g).toMatchObject({ kind: 'message', msg: { chatId: 'C1', isDirect: false, userId: 'u1', userName: 'u1', messageId: 'M1', text: '问', platform: 'wecom' } });
    const d = normalize({ ...base, chattype: 'single', chatid: undefined, text: { content: '问' } }, { now });
    expect(d).toMatchObject({ kind: 'message', msg: { chatId: 'u1', isDirect: true } });
  });

  it('quote: context for questions, untouched commands, the question itself when empty', () => {
    const quote = { msgtype: 'text', text: { content: '端午文化博物馆什么时候开放' } };
    const q = (content: string) => normalize({ ...base, text: { content }, quote }, { now });
    expect(q('@bot 这个呢')).toMatchObject({ msg: { text: '这个呢\n\n引用：端午文化博物馆什么时候开放' } });
    expect(q('@bot /进展 28 已开工')).toMatchObject({ msg: { text: '/进展 28 已开工' } });
    expect(q('@bot')).toMatchObject({ msg: { text: '端午文化博物馆什么时候开放' } });
  });

  it('mixed and voice carry text; image is unsupported; missing fields invalid', () => {
    expect(normalize({ ...base, msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '@bot 看图' } }, { msgtype: 'image' }] } }, { now })).toMatchObject({ msg: { text: '看图' } });
    expect(normalize({ ...base, chattype: 'single', msgtype: 'voice', voice: { content: '谁牵头' } }, { now })).toMatchObject({ msg: { text: '谁牵头' } });
    expect(normalize({ ...base, msgtype: 'image' }, { now }).kind).toBe('unsupported');
    expect(normalize({ ...base, msgid: undefined }, { now }).kind).toBe('invalid');
    expect(normalize({ ...base, chatid: undefined }, { now }).kind).toBe('invalid');
  });
});

describe('byte budgets', () => {
  it('split never breaks a character and respects the limit', () => {
    const s = '甲乙丙丁\n'.repeat(300) + '长'.repeat(5000);
    for (const max of [100, 2048, 4096]) {
      const parts = splitByBytes(s, max);
      expect(parts.every((p) => Buffer.byteLength(p) <= max)).toBe(true);
      expect(parts.join('').replace(/\n/g, '')).toBe(s.replace(/\n/g, ''));
    }
    expect(truncateBytes('ab长', 4)).toBe('ab');
  });

  it('fitStream keeps ≤ 20,480 bytes, with follow-ups or a truncation note', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `第${i}行 内容`).join('\n');
    const a = fitStream(long, true);
    expect(Buffer.byteLength(a.first)).toBeLessThanOrEqual(STREAM_MAX_BYTES);
    expect(a.rest.length).toBeGreaterThan(0);
    const b = fitStream(long, false);
    expect(Buffer.byteLength(b.first)).toBeLessThanOrEqual(STREAM_MAX_BYTES);
    expect(b.first).toContain('已截断');
    expect(fitStream('短', true)).toEqual({ first: '短', rest: [] });
  });

  it('escapes markdown in plain text', () => {
    expect(escapeMarkdown('# 标题 *强调* <@x> [链接](http://x)')).toBe('\\# 标题 \\*强调\\* ＜@x＞ ［链接］(http://x)');
  });
});

describe('config', () => {
  it('defaults to ws mode and the public endpoints', () => {
    expect(loadWecomConfig({ WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's' })).toMatchObject({
      mode: 'ws',
      wsUrl: 'wss://openws.work.weixin.qq.com',
      webhookBase: 'https://qyapi.weixin.qq.com',
    });
  });
  it('callback mode needs token + AES key (either spelling); errors are in Chinese', () => {
    expect(() => loadWecomConfig({ WECOM_BOT_ID: 'b', WECOM_MODE: 'callback' })).toThrow(/回调模式需要 WECOM_TOKEN/);
    expect(() => loadWecomConfig({ WECOM_BOT_ID: 'b' })).toThrow(/WECOM_BOT_SECRET/);
    const c = loadWecomConfig({ WECOM_BOT_ID: 'b', WECOM_MODE: 'callback', WECOM_CALLBACK_TOKEN: 't', WECOM_CALLBACK_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', WECOM_WEBHOOK_BASE: 'http://127.0.0.1:9/' });
    expect(c).toMatchObject({ mode: 'callback', token: 't', webhookBase: 'http://127.0.0.1:9' });
    expect(() => loadWecomConfig({ WECOM_BOT_ID: 'b', WECOM_MODE: 'callback', WECOM_TOKEN: 't', WECOM_ENCODING_AES_KEY: 'short' })).toThrow(/43/);
  });
});
