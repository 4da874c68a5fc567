import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { handlePushAddress, stamp } from '../../../src/platforms/wecom/pushAddress.ts';
import { memoryWebhookStore, parseWebhookKey } from '../../../src/platforms/wecom/webhookStore.ts';
import type { IncomingMessage } from '../../../src/types.ts';

const KEY = '693a91f6-7a3c-4bc4-97a0-0ec2afa5aaa1';
const at = new Date('2026-05-01T09:30:00+08:00');
const msg = (text: string, over: Partial<IncomingMessage> = {}): IncomingMessage => ({
  platform: 'wecom',
  messageId: 'm',
  chatId: 'CHAT1',
  isDirect: false,
  userId: 'admin1',
  userName: 'admin1',
  text,
  receivedAt: at,
  ...over,
});
const deps = (webhooks = memoryWebhookStore()) => ({ webhooks, isAdmin: (m: IncomingMessage) => m.userId === 'admin1', now: () => at });

describe('/推送地址', () => {
  it('binds a webhook URL for the chat and echoes the key only masked', () => {
    const d = deps();
    const r = handlePushAddress(msg(`/推送地址 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`), d);
    expect(r.text).toContain('693a…aaa1');
    expect(r.text).not.toContain(KEY);
    expect(d.webhooks.get('CHAT1')).toMatchObject({ key: KEY, setBy: 'admin1', setAt: at });
  });

  it('accepts a bare key, shows the current one masked, replaces and deletes', () => {
    const d = deps();
    handlePushAddress(msg(`/推送地址 ${KEY}`), d);
    const show = handlePushAddress(msg('/推送地址'), d);
    expect(show.text).toContain('693a…aaa1');
    expect(show.text).toContain('admin1');
    expect(show.text).not.toContain(KEY);
    const other = 'ffff0000-7a3c-4bc4-97a0-0ec2afa5bbbb';
    expect(handlePushAddress(msg(`／推送地址 ${other}`), d).text).toContain('替换了原来的 693a…aaa1');
    expect(handlePushAddress(msg('/推送地址 删除'), d).text).toContain('已删除');
    expect(d.webhooks.get('CHAT1')).toBeUndefined();
    expect(handlePushAddress(msg('/推送地址'), d).text).toContain('还没有绑定');
    expect(handlePushAddress(msg('/推送地址 删除'), d).text).toContain('无需删除');
  });

  it('refuses non-admins, direct chats and malformed input', () => {
    const d = deps();
    expect(handlePushAddress(msg(`/推送地址 ${KEY}`, { userId: 'u2' }), d).text).toContain('只有管理员');
    expect(handlePushAddress(msg(`/推送地址 ${KEY}`, { isDirect: true }), d).text).toContain('在要接收提醒的群里');
    expect(handlePushAddress(msg('/推送地址 https://example.com/hook?key=abc'), d).text).toContain('没认出');
    expect(handlePushAddress(msg('/推送地址 ab!'), d).text).toContain('用法');
    expect(d.webhooks.list()).toHaveLength(0);
  });

  it('parses webhook URLs of private deployments (政务微信) but not other paths', () => {
    expect(parseWebhookKey(`https://zwwx.example.gov.cn/cgi-bin/webhook/send?key=${KEY}`)).toBe(KEY);
    expect(parseWebhookKey(`<https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}>`)).toBe(KEY);
    expect(parseWebhookKey(`https://qyapi.weixin.qq.com/cgi-bin/message/send?key=${KEY}`)).toBeUndefined();
    expect(parseWebhookKey('not a key')).toBeUndefined();
  });
});

describe('/推送地址 time stamps', () => {
  it('are China wall-clock time (Asia/Shanghai) whatever zone the server runs in', () => {
    const zone = process.env.TZ;
    const china = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    try {
      fc.assert(
        fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata'), (d, tz) => {
          process.env.TZ = tz;
          expect(stamp(d)).toBe(china.format(d));
        }),
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('the shown binding carries the China time it was set at', () => {
    const d = deps();
    const late = new Date('2026-05-01T23:30:00+08:00'); // 15:30 UTC
    d.webhooks.set('CHAT1', KEY, 'admin1', late);
    expect(handlePushAddress(msg('/推送地址'), d).text).toContain('2026-05-01 23:30');
  });
});
