// A real inbox (the SQLite one, migrations and all) on an in-memory database: adapter tests get
// the bot's exact admission rules without a data directory.
import { openDbFile } from '../../src/store/db.ts';
import { sqliteInbox, type Inbox, type InboxOptions } from '../../src/store/inbox.ts';

export function memoryInbox(opts: InboxOptions = {}): Inbox {
  return sqliteInbox(openDbFile(':memory:'), opts);
}
