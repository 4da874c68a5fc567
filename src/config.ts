// Configuration from the environment (and .env), validated once at start-up.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { configureStateRule, DEFAULT_STATE_RULE } from './progress/state.ts';

/** 滞后 when the reported 完成率 is more than this many points behind 序时进度 (the state rule,
 * src/progress/state.ts). */
const lagPoints = z.coerce.number('应为 0–100 之间的数').min(0, '应为 0–100 之间的数').max(100, '应为 0–100 之间的数').default(DEFAULT_STATE_RULE.lagPoints);

const schema = z.object({
  DATA_DIR: z.string().default('./data'),
  /** 0 = any free port (tests) */
  PORT: z.coerce.number('应为 0–65535 的整数').int('应为 0–65535 的整数').min(0, '应为 0–65535 的整数').max(65535, '应为 0–65535 的整数').default(8080),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error'], '应为 debug、info、warn 或 error').default('info'),
  ADMINS: z.string().default(''),
  /** Leader user ids (read everything), same form as ADMINS. */
  LEADERS: z.string().default(''),
  /** Signs dashboard links (/看板); the dashboard is off without it. */
  DASHBOARD_SECRET: z.string().min(16, 'DASHBOARD_SECRET 至少16个字符').optional(),
  /** An admin token for the dashboard (?token=…), optional. */
  DASHBOARD_ADMIN_TOKEN: z.string().min(16, 'DASHBOARD_ADMIN_TOKEN 至少16个字符').optional(),
  /** How people reach this server, for links: https://duban.example.gov.cn */
  PUBLIC_BASE_URL: z.string().url('应为完整网址（含 https://）').optional(),
  /** Where the daily backups go (default DATA_DIR/backups). */
  BACKUP_DIR: z.string().optional(),
  /** How many automatic backups to keep. */
  BACKUP_KEEP: z.coerce.number('应为 1–365 的整数').int('应为 1–365 的整数').min(1, '应为 1–365 的整数').max(365, '应为 1–365 的整数').default(14),
  /** Daily backup time, China time. */
  BACKUP_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM').default('02:30'),
  SCHEDULE_LAG_POINTS: lagPoints,
  FEISHU_APP_ID: z.string().optional(),
  WECOM_BOT_ID: z.string().optional(),
});

export type Config = z.infer<typeof schema>;

/** Minimal .env reader: KEY=VALUE lines, # comments; the real environment wins. */
export function readDotEnv(path = '.env'): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/);
    if (m) out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** .env under the real environment, with empty values dropped: `KEY=` in .env.example means
 * "not set", never "set to the empty string". */
export function effectiveEnv(path = '.env'): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...readDotEnv(path), ...process.env };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v.trim() !== ''));
}

/** A right value per key, shown in the refusal so the operator can copy it. */
const EXAMPLES: Record<string, string> = {
  PORT: '8080', LOG_LEVEL: 'info', DASHBOARD_SECRET: '一串至少16个字符的随机字符', DASHBOARD_ADMIN_TOKEN: '一串至少16个字符的随机字符',
  PUBLIC_BASE_URL: 'https://duban.example.gov.cn', BACKUP_KEEP: '14', BACKUP_TIME: '02:30',
  REMIND_TIME: '09:00', REMIND_LEAD_DAYS: '7,3,1,0', REMIND_ESCALATE_WORKDAYS: '3', REMIND_QUARTERLY: 'true',
  REMIND_DEFAULT_GROUP: 'feishu:oc_xxx', DIGEST_WEEKDAY: '1', SCHEDULE_LAG_POINTS: '15', DIGEST_BULLETIN: 'false', REMIND_FLOOD_SEASON_START: '04-01',
};

/** One Chinese line per bad value: the key, what is wrong (with the value as given) and an
 * example of a right one. zod's own wording is English; only our messages (Chinese) are kept. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], env: Record<string, string | undefined>): string[] {
  return issues.map((i) => {
    const key = String(i.path[0] ?? '');
    const own = /[\u4e00-\u9fff]/.test(i.message) ? i.message : '取值无效';
    const given = env[key] === undefined ? '' : `（现在是“${env[key]}”）`;
    const example = EXAMPLES[key] ? `，例如 ${key}=${EXAMPLES[key]}` : '';
    return `${key}${given}：${own}${example}`;
  });
}

export function loadConfig(env: Record<string, string | undefined> = effectiveEnv()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`配置有误：${describeIssues(parsed.error.issues, env).join('；')}`);
  }
  return parsed.data;
}

/** The state rule's setting from the environment, applied process-wide so the bot and every CLI
 * command (export, 专报, reminders) read one and the same state. Refuses a bad value the way
 * loadConfig does. */
export function applyStateRule(env: Record<string, string | undefined> = effectiveEnv()): void {
  const parsed = z.object({ SCHEDULE_LAG_POINTS: lagPoints }).safeParse(env);
  if (!parsed.success) throw new Error(`配置有误：${describeIssues(parsed.error.issues, env).join('；')}`);
  configureStateRule({ lagPoints: parsed.data.SCHEDULE_LAG_POINTS });
}
