// Pure pieces: config parsing, message normalization, rendering and the progress card.
import { describe, expect, it } from 'vitest';
import { escapeText, parseProgressAction, progressCard, progressCommand, renderMessage, splitText, CARD_ACTION_KIND } from '../../../src/platforms/feishu/cards.ts';
import { parseFeishuConfig } from '../../../src/platforms/feishu/config.ts';
import { normalizeMessage } from '../../../src/platforms/feishu/receive.ts';
import { atBot, BOT_OPEN_ID, messageEvent, webhookEnv } from '../../fakes/feishu/events.ts';

const flat = (env: { header: object; event: object }) => ({ ...env.header, ...env.event });
const now = new Date('2025-09-01T00:00:00Z');

describe('feishu config', () => {
  it('defaults to the long connection and the Feishu domain', () => {
    const c = parseFeishuConfig({ FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: '' });
    expect(c).toEqual({ appId: 'cli_0123456789abcdef', appSecret: 's', mode: 'ws', domain: 'https://open.feishu.cn' });
  });
  it('webhook mode requires the encrypt key and verification token; errors never echo the secret', () => {
    // the helper's webhook settings without the two keys webhook mode needs
    const { FEISHU_ENCRYPT_KEY: _k, FEISHU_VERIFICATION_TOKEN: _t, ...keyless } = webhookEnv('https://open.feishu.cn');
    expect(() => parseFeishuConfig(keyless)).toThrow(/FEISHU_ENCRYPT_KEY/);
    expect(() => parseFeishuConfig({ FEISHU_APP_ID: 'x', FEISHU_APP_SECRET: 'sekrit' })).toThrow(/^(?!.*sekrit).*FEISHU_APP_ID/);
    expect(() => parseFeishuConfig({ FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 's', FEISHU_MODE: 'http' })).toThrow(/FEISHU_MODE/);
  });
});

describe('normalizeMessage', () => {
  it('group @bot: strips the bot placeholder, keeps other mentions as @name', () => {
    const ev = atBot('/进展 28 已开工 @_user_2 协助', { mentions: [{ openId: 'ou_bob', name: '王五' }] });
    const n = normalizeMessage(flat(ev), BOT_OPEN_ID, now);
    expect(n.ok && n.msg).toMatchObject({ text: '/进展 28 已开工 @王五 协助', mentions: [{ userId: 'ou_bob', name: '王五' }], isDirect: false });
  });
  it('detects the bot by open_id, never by name', () => {
    const sameName = messageEvent({ text: '@_user_1 hi', mentions: [{ openId: 'ou_impostor', name: '督办助手', bot: true }] });
    expect(normalizeMessage(flat(sameName), BOT_OPEN_ID, now)).toEqual({ ok: false, reason: 'not-mentioned' });
  });
  it('@_all does not count as mentioning the bot', () => {
    const all = messageEvent({ text: '@_all 开会' });
    expect(normalizeMessage(flat(all), BOT_OPEN_ID, now)).toMatchObject({ ok: false });
  });
  it('reads post (rich text) content', () => {
    const ev = messageEvent({
      chatType: 'p2p',
      post: { title: '周报', content: [[{ tag: 'text', text: '第28项 ' }, { tag: 'a', text: '链接', href: 'http://x' }], [{ tag: 'text', text: '完成率30%' }]] },
    });
    const n = normalizeMessage(flat(ev), BOT_OPEN_ID, now);
    expect(n.ok && n.msg.text).toBe('周报\n第28项 链接\n完成率30%');
  });
  it('ignores bots, images and empty text', () => {
    expect(normalizeMessage(flat(messageEvent({ chatType: 'p2p', text: 'x', senderType: 'app' })), BOT_OPEN_ID, now)).toMatchObject({ reason: 'not-user' });
    expect(normalizeMessage(flat(messageEvent({ chatType: 'p2p', messageType: 'image' })), BOT_OPEN_ID, now)).toMatchObject({ reason: 'unsupported-type' });
    expect(normalizeMessage(flat(atBot('  ')), BOT_OPEN_ID, now)).toMatchObject({ reason: 'empty' });
  });
});

describe('rendering', () => {
  it('short text stays text; lists become cards', () => {
    expect(renderMessage('第28项由住建局牵头。')[0]!.msgType).toBe('text');
    expect(renderMessage(Array.from({ length: 10 }, (_, i) => `- ${i}`).join('\n'))[0]!.msgType).toBe('interactive');
  });
  it('escapes markup in text', () => {
    expect(escapeText('<at user_id="all">x</at>')).not.toContain('<');
  });
  it('splits on lines and caps the number of parts with a note', () => {
    expect(splitText('aaa\nbbb\nccc', 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    const parts = renderMessage('很长的一行内容\n'.repeat(8000));
    expect(parts).toHaveLength(4);
    expect(parts.every((p) => Buffer.byteLength(JSON.stringify({ msg_type: 'interactive', content: p.content })) < 30 * 1024)).toBe(true);
    expect(parts[3]!.content).toContain('内容过长');
  });
  it('progress card click → command', () => {
    const card = JSON.stringify(progressCard({ taskId: '28', title: '保障性住房' }));
    expect(card).toContain('"update_multi":true');
    const a = parseProgressAction({ value: { kind: CARD_ACTION_KIND, task: '28', status: '滞后' }, form_value: { note: ' 资金\n未到位 ' } });
    expect(a && progressCommand(a)).toBe('/进展 28 滞后 资金 未到位');
    expect(parseProgressAction({ value: { kind: CARD_ACTION_KIND, task: '28; rm', status: '滞后' } })).toBeUndefined();
    expect(parseProgressAction({ value: { kind: 'other' } })).toBeUndefined();
  });
});
