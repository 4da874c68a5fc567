// The one table of commands. Lookup turns "/进展28 …" into its spec and the text after the
// name; /帮助 and the docs' command table are generated from the same specs.
import { foldWidth } from '../answer/text.ts';
import { Cursor, INVISIBLE, VERB_SEP } from './parse.ts';
import type { CommandSpec, HelpLine, HelpSection } from './spec.ts';

// The registry stores specs of many argument types; run and parse meet only inside the router.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = CommandSpec<any>;

export type Lookup =
  | { hit: true; spec: AnySpec; rest: Cursor; text: string }
  | { hit: false; name: string };

export class CommandRegistry {
  // Maps, not objects: the keys are what users type, and "/constructor" must find nothing.
  private readonly byId = new Map<string, AnySpec>();
  private word: [string, AnySpec][] = [];
  private prefix: [string, AnySpec][] = [];

  constructor(specs: readonly AnySpec[] = []) {
    for (const s of specs) this.add(s);
  }

  /** Adds a spec, replacing one with the same id. A name taken by another spec is a bug. */
  add(spec: AnySpec): this {
    this.byId.delete(spec.id);
    for (const other of this.byId.values())
      for (const n of spec.names)
        if (other.names.some((o) => o.toLowerCase() === n.toLowerCase())) throw new Error(`command name "${n}" of ${spec.id} is taken by ${other.id}`);
    this.byId.set(spec.id, spec);
    const all = [...this.byId.values()];
    const aliases = (mode: 'word' | 'prefix') =>
      all
        .filter((s) => (s.match ?? 'prefix') === mode)
        .flatMap((s) => s.names.map((n) => [n.toLowerCase(), s] as [string, AnySpec]))
        .sort((a, b) => b[0].length - a[0].length);
    this.word = aliases('word');
    this.prefix = aliases('prefix');
    return this;
  }

  get(id: string): AnySpec | undefined {
    return this.byId.get(id);
  }

  specs(): AnySpec[] {
    return [...this.byId.values()];
  }

  names(): string[] {
    return this.specs().flatMap((s) => s.names);
  }

  /** undefined when `raw` is not a slash command */
  lookup(raw: string): Lookup | undefined {
    const text = raw.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
    let cur = Cursor.of(text);
    if (!cur.f.startsWith('/')) return undefined;
    cur = cur.cut(1).skip(/^\s+/);
    const head = cur.f.toLowerCase();
    // Word-matched names first: they were checked before the verb table, and "/dy" must not be
    // read as a prefix of something longer.
    const w = this.word.find(([n]) => head.startsWith(n) && (head.length === n.length || /\s/.test(head[n.length]!)));
    if (w) return { hit: true, spec: w[1], rest: cur.cut(w[0].length).skip(/^\s+/), text };
    // A Latin name must not run into more Latin letters: "/helpme" is not /help.
    const p = this.prefix.find(([n]) => head.startsWith(n) && (!/^[a-z]/.test(n) || !/^[a-z]/.test(head.slice(n.length))));
    if (p) return { hit: true, spec: p[1], rest: cur.cut(p[0].length).skip(VERB_SEP), text };
    return { hit: false, name: foldWidth(cur.f).split(/\s/)[0]!.slice(0, 20) };
  }
}

const SECTIONS: { id: HelpSection; title?: string }[] = [
  { id: 'report', title: '进展填报（联络员）：' },
  { id: 'view', title: '查看（领导、督查室、相关联络员）：' },
  { id: 'admin' },
  { id: 'remind' },
  { id: 'platform' },
  { id: 'dashboard' },
  { id: 'more', title: '其他：' },
];

const HELP_HEAD = [
  '督办助手用法：直接提问即可，例如',
  '· 谁牵头第28项 / 第二十八项',
  '· 民生实事第3项 / 票决第2项 / 第43个指标',
  '· 曹陶牵头哪些任务 / 住建局牵头几项',
  '· 白水镇要建几个和美湘村',
  '· 自建桥梁9月底前要完成多少座',
  '· 什么是三高四新',
  '',
];

/** The short names people use most, for the last line of /帮助. */
const SHORT = ['progress', 'milestone', 'summary', 'lagging', 'undo', 'bind'];

function helpLines(s: AnySpec): readonly HelpLine[] {
  return s.help === undefined ? [] : Array.isArray(s.help) ? s.help : [s.help as HelpLine];
}

export function renderHelp(reg: CommandRegistry): string {
  const specs = reg.specs();
  const lines = [...HELP_HEAD];
  for (const sec of SECTIONS) {
    const own = specs.flatMap((s) => helpLines(s)).filter((h) => h.section === sec.id).sort((a, b) => a.order - b.order);
    if (!own.length) continue;
    if (sec.title) lines.push(sec.title);
    lines.push(...own.map((h) => h.text));
  }
  const short = SHORT.map((id) => reg.get(id)).filter((s) => s !== undefined);
  const latin = (s: AnySpec) => s.names.find((n) => /^[a-z]{2}$/.test(n));
  lines.push(`英文简写：${short.map((s) => `/${latin(s)} ${s.names[0]}`).join('，')}，/help`);
  return lines.join('\n');
}

const WHO: Record<string, string> = { anyone: '所有人', admin: '督查室', readAll: '领导、督查室' };

/** The command table of docs/reporting.md (between its "commands" markers). */
export function renderCommandTable(reg: CommandRegistry): string {
  const rows = reg.specs().map((s) => {
    const who = typeof s.access === 'function' ? '见说明' : WHO[s.access.who];
    const names = s.names.map((n) => `\`/${n}\``).join(' ');
    const writes = s.writes === false ? '否' : s.writes === true ? '是' : '部分';
    return `| ${names} | ${who} | ${writes} | ${s.doc.replace(/\|/g, '\\|')} |`;
  });
  return ['| 命令（及简写） | 谁可以用 | 写入 | 说明 |', '|---|---|---|---|', ...rows].join('\n');
}
