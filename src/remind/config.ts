// Reminder settings from the environment (documented in .env.example).
import { z } from 'zod';

const csvInts = z
  .string()
  .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, '应为逗号分隔的天数，如 7,3,1,0')
  .transform((s) => [...new Set(s.split(',').map((x) => Number(x.trim())))].sort((a, b) => b - a));

const schema = z.object({
  REMIND_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM').default('09:00'),
  REMIND_LEAD_DAYS: csvInts.default([7, 3, 1, 0]),
  REMIND_ESCALATE_WORKDAYS: z.coerce.number().int().min(1).max(30).default(3),
  REMIND_QUARTERLY: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** platform:chatId of the group that gets reminders no subscription claims */
  REMIND_DEFAULT_GROUP: z.string().min(3).default('console:console'),
  /** platform:chatId of the leaders' group for escalations (default: the default group) */
  REMIND_LEADERS_GROUP: z.string().optional(),
  /** 1 = Monday … 7 = Sunday; the digest goes out on the first workday on or after it */
  DIGEST_WEEKDAY: z.coerce.number().int().min(1).max(7).default(1),
  CALENDAR_FILE: z.string().optional(),
});

export type RemindConfig = z.infer<typeof schema>;

export function remindConfig(env: Record<string, string | undefined> = process.env): RemindConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`提醒配置有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  }
  return parsed.data;
}
