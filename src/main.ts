// `npm start`. See src/app.ts for what is started.
import { main } from './app.ts';
import { log } from './log.ts';

main().catch((err) => {
  log.error('start-up failed', { err: err instanceof Error ? err.message : String(err) });
  process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
