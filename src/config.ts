// Configuration from the environment (and .env), validated once at start-up.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const schema = z.object({
  DATA_DIR: z.string().default('./data'),
  /** 0 = any free port (tests) */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  ADMINS: z.string().default(''),
  /** Leader user ids (read everything), same form as ADMINS. */
  LEADERS: z.string().default(''),
  /** Signs dashboard links (/看板); the dashboard is off without it. */
  DASHBOARD_SECRET: z.string().min(16, 'DASHBOARD_SECRET 至少16个字符').optional(),
  /** An admin token for the dashboard (?token=…), optional. */
  DASHBOARD_ADMIN_TOKEN: z.string().min(16, 'DASHBOARD_ADMIN_TOKEN 至少16个字符').optional(),
  /** How people reach this server, for links: https://duban.example.gov.cn */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Where the daily backups go (default DATA_DIR/backups). */
  BACKUP_DIR: z.string().optional(),
  /** How many automatic backups to keep. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  /** Daily backup time, China time. */
  BACKUP_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM').default('02:30'),
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

export function loadConfig(env: Record<string, string | undefined> = effectiveEnv()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`配置有误：${issues}`);
  }
  return parsed.data;
}
