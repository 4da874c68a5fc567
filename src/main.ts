// Composition root: config, knowledge, then the platforms that have credentials. With none,
// the local console, so `npm install && npm start` is a working bot on a fresh machine.
import { loadConfig } from './config.ts';
import { knowledgeContext } from './knowledgeContext.ts';
import { log } from './log.ts';
import { runConsole } from './platforms/console/console.ts';
import { parseUserList } from './progress/access.ts';
import { dbPath, openDb } from './store/db.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = performance.now();
  const knowledge = knowledgeContext();
  log.info('knowledge ready', { ms: Math.round(performance.now() - started), tasks: knowledge.kb.keyTasks.length });
  const platforms: string[] = [];
  if (config.FEISHU_APP_ID) platforms.push('feishu');
  if (config.WECOM_BOT_ID) platforms.push('wecom');
  if (platforms.length) log.warn('platform adapters are not built yet; starting the console', { platforms });
  const roles = { admins: parseUserList(config.ADMINS, 'ADMINS'), leaders: parseUserList(config.LEADERS, 'LEADERS') };
  const now = () => new Date();
  const db = openDb(config.DATA_DIR, { now });
  log.info('store ready', { file: dbPath(config.DATA_DIR), admins: roles.admins.size, leaders: roles.leaders.size });
  try {
    await runConsole({ knowledge, db, roles, now });
  } finally {
    db.close();
  }
}

main().catch((err) => {
  log.error('start-up failed', { err: err instanceof Error ? err.message : String(err) });
  process.exitCode = 1;
});
