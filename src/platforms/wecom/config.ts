// WeCom settings from the environment, validated once. The AI bot (智能机器人) runs over the
// long connection (ws, default: no public URL needed) or over HTTPS callbacks (callback mode,
// needs WECOM_TOKEN + WECOM_ENCODING_AES_KEY). Group webhooks (消息推送) are per group and live
// in the WebhookStore, not here; only their base URL is configurable (tests, 政务微信).
import { z } from 'zod';

export const DEFAULT_WS_URL = 'wss://openws.work.weixin.qq.com';
export const DEFAULT_WEBHOOK_BASE = 'https://qyapi.weixin.qq.com';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

const schema = z
  .object({
    WECOM_BOT_ID: z.preprocess(blankToUndefined, z.string().trim().min(1, '缺少 WECOM_BOT_ID')),
    WECOM_BOT_SECRET: optionalString,
    WECOM_BOT_NAME: optionalString,
    WECOM_MODE: z.preprocess(blankToUndefined, z.enum(['ws', 'callback']).default('ws')),
    WECOM_WS_URL: z.preprocess(
      blankToUndefined,
      z.string().trim().regex(/^wss?:\/\//, 'WECOM_WS_URL 须以 ws:// 或 wss:// 开头').default(DEFAULT_WS_URL),
    ),
    WECOM_TOKEN: optionalString,
    WECOM_ENCODING_AES_KEY: z.preprocess(
      blankToUndefined,
      z.string().trim().regex(/^[A-Za-z0-9]{43}$/, 'WECOM_ENCODING_AES_KEY 须为 43 位字母数字').optional(),
    ),
    WECOM_WEBHOOK_BASE: z.preprocess(
      blankToUndefined,
      z.string().trim().regex(/^https?:\/\//, 'WECOM_WEBHOOK_BASE 须以 http(s):// 开头').default(DEFAULT_WEBHOOK_BASE),
    ),
  })
  .superRefine((c, ctx) => {
    if (c.WECOM_MODE === 'ws' && !c.WECOM_BOT_SECRET)
      ctx.addIssue({ code: 'custom', path: ['WECOM_BOT_SECRET'], message: '长连接模式（WECOM_MODE=ws）需要 WECOM_BOT_SECRET' });
    if (c.WECOM_MODE === 'callback') {
      if (!c.WECOM_TOKEN) ctx.addIssue({ code: 'custom', path: ['WECOM_TOKEN'], message: '回调模式需要 WECOM_TOKEN' });
      if (!c.WECOM_ENCODING_AES_KEY)
        ctx.addIssue({ code: 'custom', path: ['WECOM_ENCODING_AES_KEY'], message: '回调模式需要 WECOM_ENCODING_AES_KEY' });
    }
  });

export interface WecomConfig {
  botId: string;
  /** long-connection secret (ws mode) */
  botSecret?: string;
  /** the bot's display name, to strip "@名字" exactly (optional) */
  botName?: string;
  mode: 'ws' | 'callback';
  wsUrl: string;
  /** callback mode */
  token?: string;
  encodingAesKey?: string;
  /** base URL of the webhook (消息推送) and response_url API, without trailing slash */
  webhookBase: string;
}

/** Issue 6 spells the callback settings WECOM_CALLBACK_TOKEN / WECOM_CALLBACK_AES_KEY; both
 * spellings are accepted, the WECOM_TOKEN / WECOM_ENCODING_AES_KEY ones win. */
export function loadWecomConfig(env: Record<string, string | undefined>): WecomConfig {
  const parsed = schema.safeParse({
    ...env,
    WECOM_TOKEN: env.WECOM_TOKEN || env.WECOM_CALLBACK_TOKEN,
    WECOM_ENCODING_AES_KEY: env.WECOM_ENCODING_AES_KEY || env.WECOM_CALLBACK_AES_KEY,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`企业微信配置有误：${issues}`);
  }
  const c = parsed.data;
  return {
    botId: c.WECOM_BOT_ID,
    botSecret: c.WECOM_BOT_SECRET,
    botName: c.WECOM_BOT_NAME,
    mode: c.WECOM_MODE,
    wsUrl: c.WECOM_WS_URL,
    token: c.WECOM_TOKEN,
    encodingAesKey: c.WECOM_ENCODING_AES_KEY,
    webhookBase: c.WECOM_WEBHOOK_BASE.replace(/\/+$/, ''),
  };
}

/** True when WeCom should start at all (the bot starts WeCom when WECOM_BOT_ID is set). */
export function wecomEnabled(env: Record<string, string | undefined>): boolean {
  return Boolean(env.WECOM_BOT_ID?.trim());
}
