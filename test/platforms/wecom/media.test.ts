// WeCom photos and files are not yet taken as 佐证材料 (AI-bot media arrive encrypted): the
// sender is told so plainly, while other unreadable types keep the text-only hint.
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../../src/platforms/pipeline.ts';
import { MEDIA_REPLY, startTurn, UNSUPPORTED_REPLY } from '../../../src/platforms/wecom/conversation.ts';
import { memoryInbox } from '../../helpers/inbox.ts';

const base = { aibotid: 'A', chattype: 'single', from: { userid: 'u1' } };

describe('wecom media', () => {
  it('an image or a file gets the "not yet supported" reply; a sticker the text-only hint; the router is never asked', async () => {
    let asked = 0;
    const pipeline = createPipeline({ platform: 'wecom', inbox: memoryInbox(), handle: async () => (asked++, { text: 'x' }) });
    const deps = { pipeline, now: () => new Date('2026-03-05T02:00:00Z') };
    const answer = async (body: Record<string, unknown>) => {
      const t = startTurn(body as never, deps);
      if (t.kind !== 'reply') throw new Error(`no reply: ${t.kind}`);
      return t.answer;
    };
    expect(await answer({ ...base, msgid: 'I1', msgtype: 'image', image: { url: 'https://x/enc', aeskey: 'k' } })).toBe(MEDIA_REPLY);
    expect(await answer({ ...base, msgid: 'F1', msgtype: 'file', file: { url: 'https://x/enc' } })).toBe(MEDIA_REPLY);
    expect(await answer({ ...base, msgid: 'S1', msgtype: 'emotion' })).toBe(UNSUPPORTED_REPLY);
    expect(MEDIA_REPLY).toContain('企业微信暂不支持');
    expect(asked).toBe(0);
  });
});
