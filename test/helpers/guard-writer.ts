// Child process for the WAL-loss test: starts the store the way the bot does (open, migrate,
// checkpoint with the guard marker), then writes users as fast as it can, printing "ack N" after
// each commit, until the test SIGKILLs it.
//   DATA_DIR=… node --import tsx test/helpers/guard-writer.ts
import { setLogLevel } from '../../src/log.ts';
import { openDb } from '../../src/store/db.ts';
import { recordCheckpoint } from '../../src/store/guard.ts';

setLogLevel('error');
const dir = process.env.DATA_DIR;
if (!dir) throw new Error('DATA_DIR is required');
const db = openDb(dir);
recordCheckpoint(db, dir, false);
const insert = db.prepare(
  "INSERT INTO audit (at, platform, user_id, user_name, chat_id, message_id, action, entity, entity_id) VALUES (?, 'console', 'w', 'w', 'c', ?, 'test.write', 'test', ?)",
);
for (let i = 0; ; i++) {
  insert.run(new Date().toISOString(), `m${i}`, String(i));
  process.stdout.write(`ack ${i}\n`);
}
