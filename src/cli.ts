// duban CLI. Stable forms used by automation:
//   duban ask [--json] "问题"        one reply (JSON: {"found":…,"text":…} on one line)
//   duban ask [--json] < questions   one reply per input line, index built once
import { createInterface } from 'node:readline';
import { answer } from './answer/answer.ts';
import { knowledgeContext } from './knowledgeContext.ts';

const USAGE = `用法：
  duban ask [--json] "问题"      回答一个问题
  duban ask [--json] < 文件      逐行回答标准输入中的问题`;

type Command = (args: string[]) => Promise<number>;

/** Replies in plain mode may span lines; when several are printed one per line, newlines are
 * kept inside the reply and a blank line separates replies... except the spec asks for one
 * reply per line, so plain replies from stdin are joined with " / ". */
function render(question: string, json: boolean, oneLine: boolean): string {
  const a = answer(question, knowledgeContext());
  if (json) return JSON.stringify({ found: a.found, text: a.text });
  return oneLine ? a.text.replace(/\n+/g, ' / ') : a.text;
}

const ask: Command = async (args) => {
  const json = args.includes('--json');
  const words = args.filter((a) => a !== '--json');
  if (words.length > 0) {
    process.stdout.write(render(words.join(' '), json, false) + '\n');
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    process.stdout.write(render(line, json, true) + '\n');
  }
  return 0;
};

const COMMANDS: Record<string, Command> = { ask };

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const cmd = name ? COMMANDS[name] : undefined;
  if (!cmd) {
    process.stderr.write(USAGE + '\n');
    return name ? 2 : 0;
  }
  return cmd(rest);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`出错：${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
