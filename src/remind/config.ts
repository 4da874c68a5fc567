// Reminder settings from the environment (documented in .env.example).
import { z } from 'zod';
import { describeIssues } from '../config.ts';

const csvInts = z
  .string()
  .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, '应为逗号分隔的天数，如 7,3,1,0')
  .transform((s) => [...new Set(s.split(',').map((x) => Number(x.trim())))].sort((a, b) => b - a));

const schema = z.object({
  REMIND_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM').default('09:00'),
  REMIND_LEAD_DAYS: csvInts.default([7, 3, 1, 0]),
  REMIND_ESCALATE_WORKDAYS: z.coerce.number('应为 1–30 的整数').int('应为 1–30 的整数').min(1, '应为 1–30 的整数').max(30, '应为 1–30 的整数').default(3),
  REMIND_QUARTERLY: z.enum(['true', 'false'], '应为 true 或 false').default('true').transform((v) => v === 'true'),
  /** platform:chatId of the group that gets reminders no subscription claims */
  REMIND_DEFAULT_GROUP: z.string().min(3, '应为 平台:群ID').default('console:console'),
  /** platform:chatId of the leaders' group for escalations (default: the default group) */
  REMIND_LEADERS_GROUP: z.string().optional(),
  /** 1 = Monday … 7 = Sunday; the digest goes out on the first workday on or after it */
  DIGEST_WEEKDAY: z.coerce.number('应为 1–7（1 为周一）').int('应为 1–7（1 为周一）').min(1, '应为 1–7（1 为周一）').max(7, '应为 1–7（1 为周一）').default(1),
  /** the short 督查专报 of the past week to the leaders' group on the digest day */
  DIGEST_BULLETIN: z.enum(['true', 'false'], '应为 true 或 false').default('false').transform((v) => v === 'true'),
  CALENDAR_FILE: z.string().optional(),
  /** MM-DD the flood season starts; a list's "汛期前" is the day before */
  REMIND_FLOOD_SEASON_START: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 月-日，如 04-01')
    .refine((s) => !Number.isNaN(Date.parse(`2026-${s}T00:00:00Z`)) && new Date(`2026-${s}T00:00:00Z`).toISOString().slice(5, 10) === s, '不是存在的日期')
    .default('04-01'),
  // Read only to know whether the dashboard is on (see listUrl); the secret is not kept.
  PUBLIC_BASE_URL: z.string().optional(),
  DASHBOARD_SECRET: z.string().optional(),
});

/** Reminders point to the dashboard's overdue list when the dashboard is served and reachable
 * from outside (DASHBOARD_SECRET and PUBLIC_BASE_URL set). The link carries no signature: a group
 * is no place for a personal one (see /看板); leaders with a session open it, anyone else gets
 * the page that says how to ask for access. Live runs and previews read it from one place. */
const withLinks = schema.transform(({ PUBLIC_BASE_URL, DASHBOARD_SECRET, ...rest }) => ({
  ...rest,
  listUrl: DASHBOARD_SECRET?.trim() && PUBLIC_BASE_URL?.trim() ? `${PUBLIC_BASE_URL.trim().replace(/\/+$/, '')}/dashboard/lagging` : undefined,
}));

export type RemindConfig = z.output<typeof withLinks>;

export function remindConfig(env: Record<string, string | undefined> = process.env): RemindConfig {
  const parsed = withLinks.safeParse(env);
  if (!parsed.success) {
    throw new Error(`提醒配置有误：${describeIssues(parsed.error.issues, env).join('；')}`);
  }
  return parsed.data;
}

/** The instant of the scheduled run on `day` (REMIND_TIME, China time): what a preview of that
 * day sees of the store. */
export function runInstant(day: string, config: Pick<RemindConfig, 'REMIND_TIME'>): Date {
  return new Date(`${day}T${config.REMIND_TIME}:00+08:00`);
}
