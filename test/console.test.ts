// npm start without credentials: a chat in the terminal through the same router.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { knowledgeContext } from '../src/knowledgeContext.ts';
import { runConsole } from '../src/platforms/console/console.ts';

describe('local console', () => {
  it('answers questions and commands typed in the terminal', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d: Buffer) => (text += d.toString()));
    const done = runConsole({ knowledge: knowledgeContext() }, input, output);
    input.end('谁牵头第28项\n/帮助\n/不存在\n');
    await done;
    expect(text).toContain('督办助手');
    expect(text).toContain('曹陶');
    expect(text).toContain('用法');
    expect(text).toContain('不认识的命令');
  });
});
