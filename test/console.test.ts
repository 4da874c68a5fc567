// npm start without credentials: a chat in the terminal through the same router.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { knowledgeContext } from '../src/knowledgeContext.ts';
import { consoleUser, runConsole } from '../src/platforms/console/console.ts';
import { userInfo } from 'node:os';
import { defaultRegistry } from '../src/commands/all.ts';
import { captureLog, log, logLevel, setLogLevel } from '../src/log.ts';
import { parseUserList } from '../src/progress/access.ts';
import { openDb } from '../src/store/db.ts';
import { tempDataDir } from './helpers/chat.ts';
import { APOLOGY } from '../src/platforms/pipeline.ts';
import { routerDeps } from './helpers/router.ts';

describe('local console', () => {
  it('answers questions and commands typed in the terminal', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const done = runConsole(routerDeps({ knowledge: knowledgeContext() }), input, output);
    input.end('谁牵头第28项\n/帮助\n/不存在\n');
    await done;
    expect(text).toContain('督办助手');
    expect(text).toContain('曹陶');
    expect(text).toContain('用法');
    expect(text).toContain('不认识的命令');
  });
});

describe('console identity, logs and groups (issue 14 item 7)', () => {
  const chat = async (lines: string, roles: string, opts: { interactive?: boolean } = {}) => {
    const db = openDb(tempDataDir());
    const input = new PassThrough();
    const output = new PassThrough();
    const logTo = new PassThrough();
    let text = '';
    let logs = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    logTo.on('data', (d: Buffer) => (logs += d.toString()));
    const deps = routerDeps({ knowledge: knowledgeContext(), db, roles: { admins: parseUserList(roles, 'ADMINS'), leaders: new Set<string>() }, commands: defaultRegistry() });
    const done = runConsole(deps, input, output, { user: 'alice', logTo, ...opts });
    input.end(lines);
    await done;
    db.close();
    return { text, logs };
  };

  it('the login name comes from the account database, not only $USER', () => {
    expect(consoleUser({})).toBe(userInfo().username);
  });

  it('the banner says who you are and how to become admin', async () => {
    expect((await chat('', 'console:alice')).text).toContain('你是 console:alice，身份：管理员。');
    const guest = (await chat('', '')).text;
    expect(guest).toContain('你是 console:alice，身份：未绑定。');
    expect(guest).toContain('ADMINS=console:alice');
  });

  it('/订阅 works locally: the console is the group console:console for it', async () => {
    const { text } = await chat('/订阅\n', 'console:alice');
    expect(text).not.toContain('按群设置');
    expect(text).toMatch(/订阅/);
  });

  it('interactive: the JSON log lines stay out of the chat (they still flow when not interactive)', async () => {
    const level = logLevel();
    setLogLevel('info');
    const cap = captureLog();
    try {
      await chat('谁牵头第28项\n', 'console:alice');
      const plain = cap.lines.length;
      expect(plain).toBeGreaterThan(0); // a question is logged
      const { logs, text } = await chat('谁牵头第28项\n', 'console:alice', { interactive: true });
      expect(text).toContain('曹陶');
      expect(cap.lines.length).toBe(plain); // nothing went to the JSON sink
      expect(logs).not.toContain('{'); // and info lines are not printed as text either
      log.warn('after the console');
      expect(cap.lines.at(-1)?.msg).toBe('after the console'); // sink restored
    } finally {
      cap.restore();
      setLogLevel(level);
    }
  });
});

describe('console through the shared pipeline', () => {
  it('a busy store is the one apology of every platform, and the next line is answered', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    let calls = 0;
    const good = knowledgeContext();
    // The first question meets a busy store (the router rethrows it for a retry; the console has
    // no inbox to retry from), the second a working one.
    const knowledge = () => {
      if (calls++ === 0) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      return good;
    };
    const captured = captureLog();
    try {
      const done = runConsole(routerDeps({ knowledge }), input, output, { user: 'alice', interactive: false });
      input.end('谁牵头第28项\n谁牵头第28项\n');
      await done;
    } finally {
      captured.restore();
    }
    expect(captured.lines.some((l) => l.level === 'error' && l.msg === 'console: handler failed')).toBe(true);
    const lines = text.split('\n');
    expect(lines).toContain(APOLOGY);
    expect(text).toContain('曹陶');
    expect(text.indexOf(APOLOGY)).toBeLessThan(text.indexOf('曹陶'));
  });
});
