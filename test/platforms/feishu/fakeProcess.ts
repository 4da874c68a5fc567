// The fake Open API in a process of its own (for the benchmark: the platform is not on the
// bot's CPU). IPC: {observe: envelope} registers an event's chat; {count: id} asks for the
// number of replies recorded.
import { FakeFeishu } from '../../fakes/feishu/server.ts';

const fake = await new FakeFeishu().start();
fake.enforceChatLimit = false;
process.on('message', (m: { observe?: unknown[]; count?: number }) => {
  if (m.observe) for (const ev of m.observe) fake.observe(ev);
  if (m.count !== undefined) process.send!({ count: m.count, replies: fake.sent().filter((x) => x.kind === 'reply').length });
});
process.send!({ baseUrl: fake.baseUrl });
