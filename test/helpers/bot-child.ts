// Child process for the kill -9 tests: the whole bot as `npm start` composes it (startBot), on
// the DATA_DIR and platform settings it is given, without cron jobs. Prints "port N" once it
// listens. The test SIGKILLs it and starts another on the same DATA_DIR.
//   DATA_DIR=… FEISHU_…=… node --import tsx test/helpers/bot-child.ts
import { startBot } from '../../src/app.ts';
import { setLogLevel } from '../../src/log.ts';

setLogLevel('error');
// Only the settings the test passed: a developer's .env or shell must not leak in.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(DATA_DIR|PORT|ADMINS|REMIND_|FEISHU_|WECOM_)/.test(k)));
const bot = await startBot(env, { jobs: false });
process.stdout.write(`port ${bot.port}\n`);
