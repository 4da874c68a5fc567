// Child process for the outbox tests: one drainer of the outbox, composed like the bot
// (createAdapters + makeDeliver from src/app.ts, from env), running flushOutbox once and printing
// its counts as JSON. The tests run several at once, or SIGKILL one mid-send.
//   DATA_DIR=… LEASE_MS=… FEISHU_*/WECOM_* node --import tsx test/helpers/outbox-sender.ts
import { createAdapters, makeDeliver } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';
import { memoryInbox } from './inbox.ts';
import { flushOutbox } from '../../src/remind/delivery.ts';
import { openDb } from '../../src/store/db.ts';
import { sqliteWebhookStore } from '../../src/store/webhooks.ts';

setLogLevel('error');
const dir = process.env.DATA_DIR;
if (!dir) throw new Error('DATA_DIR is required');
const db = openDb(dir);
const now = () => new Date();
const adapters = createAdapters(process.env, {
  handle: async () => ({ text: '' }),
  inbox: memoryInbox(),
  webhooks: sqliteWebhookStore(db),
  now,
  dataDir: dir,
  http: () => undefined,
});
process.stdout.write('ready\n');
const r = await flushOutbox({ db, now, delivery: { leaseMs: Number(process.env.LEASE_MS ?? 120_000) } }, makeDeliver(adapters, process.stdout));
process.stdout.write(JSON.stringify(r) + '\n');
db.close();
