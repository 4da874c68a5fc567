// Child process for the crash test: writes /进展 reports through the real router as fast as it
// can and prints "ack <message id>" after each reply that says it was recorded — i.e. after the
// commit. The test SIGKILLs it mid-stream and checks every acknowledged id survived.
//   DATA_DIR=… WRITER=a [START=0] node --import tsx test/helpers/crash-writer.ts
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { setLogLevel } from '../../src/log.ts';
import { defaultRegistry } from '../../src/commands/all.ts';
import { route } from '../../src/router.ts';
import { openDb } from '../../src/store/db.ts';

setLogLevel('error');
const dir = process.env.DATA_DIR;
if (!dir) throw new Error('DATA_DIR is required');
const writer = process.env.WRITER ?? 'w';
const db = openDb(dir);
const deps = {
  knowledge: knowledgeContext(),
  db,
  roles: { admins: new Set([`console:${writer}`]), leaders: new Set<string>() },
  now: () => new Date(),
  commands: defaultRegistry(),
};
process.stdout.write('ready\n');
for (let i = Number(process.env.START ?? 0); ; i++) {
  const messageId = `${writer}-${i}`;
  const reply = await route(
    {
      platform: 'console',
      messageId,
      chatId: 'crash',
      isDirect: true,
      userId: writer,
      userName: writer,
      text: `/进展 ${(i % 69) + 1} 第${i}次写入，完成率${i % 101}%`,
      receivedAt: new Date(),
    },
    deps,
  );
  if (!reply.text.startsWith('已记录')) throw new Error(`unexpected reply: ${reply.text}`);
  process.stdout.write(`ack ${messageId}\n`);
}
