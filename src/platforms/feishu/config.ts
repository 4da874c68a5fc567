// Feishu configuration from the environment. Parsed with zod once at start-up; the app secret,
// encrypt key and verification token are never logged (src/log.ts redacts them by key name).
import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());

export const feishuEnvSchema = z
  .object({
    FEISHU_APP_ID: z.string().trim().regex(/^cli_[0-9a-zA-Z]+$/, '应为开放平台“凭证与基础信息”中的 App ID（cli_ 开头）'),
    FEISHU_APP_SECRET: z.string().trim().min(1, '缺少 App Secret'),
    FEISHU_MODE: z.preprocess(blankToUndefined, z.enum(['ws', 'webhook']).default('ws')),
    FEISHU_ENCRYPT_KEY: optionalString,
    FEISHU_VERIFICATION_TOKEN: optionalString,
    FEISHU_DOMAIN: z.preprocess(blankToUndefined, z.string().url().default('https://open.feishu.cn')),
    FEISHU_BOT_NAME: optionalString,
  })
  .superRefine((env, ctx) => {
    // Webhook mode is reachable from the internet: without an Encrypt Key there is no signature
    // (so no replay window either) and the verification token travels in plaintext. Require both.
    if (env.FEISHU_MODE === 'webhook') {
      if (!env.FEISHU_ENCRYPT_KEY)
        ctx.addIssue({ code: 'custom', path: ['FEISHU_ENCRYPT_KEY'], message: 'webhook 模式必须配置 Encrypt Key（事件与回调 → 加密策略）' });
      if (!env.FEISHU_VERIFICATION_TOKEN)
        ctx.addIssue({ code: 'custom', path: ['FEISHU_VERIFICATION_TOKEN'], message: 'webhook 模式必须配置 Verification Token（事件与回调 → 加密策略）' });
    }
  });

export interface FeishuConfig {
  appId: string;
  appSecret: string;
  mode: 'ws' | 'webhook';
  encryptKey?: string;
  verificationToken?: string;
  /** Open-platform base URL without a trailing slash. */
  domain: string;
  /** Display name only; never used to detect mentions. */
  botName?: string;
}

export function parseFeishuConfig(env: Record<string, string | undefined>): FeishuConfig {
  const parsed = feishuEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`飞书配置有误：${issues}`);
  }
  const e = parsed.data;
  return {
    appId: e.FEISHU_APP_ID,
    appSecret: e.FEISHU_APP_SECRET,
    mode: e.FEISHU_MODE,
    ...(e.FEISHU_ENCRYPT_KEY ? { encryptKey: e.FEISHU_ENCRYPT_KEY } : {}),
    ...(e.FEISHU_VERIFICATION_TOKEN ? { verificationToken: e.FEISHU_VERIFICATION_TOKEN } : {}),
    domain: e.FEISHU_DOMAIN.replace(/\/+$/, ''),
    ...(e.FEISHU_BOT_NAME ? { botName: e.FEISHU_BOT_NAME } : {}),
  };
}
