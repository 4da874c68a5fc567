// Migration 8 (users.name_at), apart from users.ts: db.ts lists it, and users.ts imports db.ts
// at run time, so the migration lives where only a type import points back.
import type { Migration } from './db.ts';

export const USERS_NAME_MIGRATION: Migration = {
  version: 9,
  name: 'users.name_at: when the platform last confirmed a display name; names backfilled into reports and milestones',
  sql: `
    ALTER TABLE users ADD COLUMN name_at TEXT;
    UPDATE reports SET user_name = (SELECT u.name FROM users u WHERE u.platform = reports.platform AND u.user_id = reports.user_id)
      WHERE user_name = user_id AND EXISTS (SELECT 1 FROM users u WHERE u.platform = reports.platform AND u.user_id = reports.user_id AND u.name NOT IN ('', u.user_id));
    UPDATE milestones SET user_name = (SELECT u.name FROM users u WHERE u.platform = milestones.platform AND u.user_id = milestones.user_id)
      WHERE user_name = user_id AND EXISTS (SELECT 1 FROM users u WHERE u.platform = milestones.platform AND u.user_id = milestones.user_id AND u.name NOT IN ('', u.user_id));
  `,
};

