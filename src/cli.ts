// duban CLI. Stable forms used by automation:
//   duban ask [--json] "问题"        one reply (JSON: {"found":…,"text":…} on one line)
//   duban ask [--json] < questions   one reply per input line, index built once
//   duban ask --explain "问题"       the reading chosen for the question and the runner-up, then the reply
//   duban ask --at yyyy-mm-dd …       live questions (进展, 滞后, 到期的节点) as of that day
//   duban audit [--limit N] [--json] the newest N audit rows (default 50), oldest first;
//                                    --json: one JSON object per line
//   duban remind --dry-run [--at yyyy-mm-dd] [--json]   the day's reminders, nothing sent
//   duban remind --run --at yyyy-mm-dd | --pending [--json] | --resend ID | --mark-sent ID
//                                    operator's real run of a day, and the undelivered messages
import { createInterface } from 'node:readline';
import { answer, explain } from './answer/answer.ts';
import { effectiveEnv } from './config.ts';
import { configureLog } from './log.ts';
import { readOnlyTaskList, type TaskListService } from './taskList.ts';
import { askContext } from './liveContext.ts';
import { liveReading } from './answer/live.ts';
import { READ_ALL } from './progress/liveView.ts';
import { privateUmask } from './store/privacy.ts';
import { formatUserRef } from './refs.ts';

const USAGE = `用法：
  duban ask [--json] "问题"      回答一个问题
  duban ask [--json] < 文件      逐行回答标准输入中的问题
  duban ask --explain "问题"     显示对问题的理解（选用的解读和次选）及答复
  duban ask --at 2026-06-26 "问题"  按某一天回答进展类问题（默认今天）
  duban audit [--limit N] [--json]  打印审计日志（最近N条，默认50）
  duban remind --dry-run [--at 2026-06-26] [--json]  预演某天要发的提醒（不发送、不记录）
  duban remind --run --at 2026-06-26  正式补发某天（今天或以前）的提醒（在服务器上由值班人员运行）
  duban remind --pending [--json]  列出还没送达的提醒；--resend 编号 / --mark-sent 编号 处理无法确认的
  duban doctor [--wecom-login]   检查配置、数据目录、工作日历、备份和平台连通性（--wecom-login：停机时验证企业微信机器人凭据）
  duban export --out 台账.xlsx   导出台账（任务清单、状态、最近进展、下一节点）
  duban bulletin --week [--at 2026-06-26] [--out 督查专报.docx]  生成截至某天一周的督查专报（Word）
  duban import 文件.xlsx [--dry-run] [--yes]  导入任务清单：先显示差异，不加 --dry-run 才生效；删除有进展的任务需 --yes
  duban year 2027 --import 清单.xlsx [--dry-run]  跨年：归档今年（只读），启用新一年的清单（先停止机器人）
  duban backup [--out 文件.sqlite]   备份数据库（机器人运行时也可以）
  duban restore 备份.sqlite          从备份恢复（先停止机器人；原数据库会保留）
  duban migrate --status             数据库版本与待执行的升级`;

type Command = (args: string[]) => Promise<number>;

/** Replies in plain mode may span lines; when several are printed one per line, newlines are
 * kept inside the reply and a blank line separates replies... except the spec asks for one
 * reply per line, so plain replies from stdin are joined with " / ". */
let tasks: TaskListService | undefined;
const dataDir = () => effectiveEnv().DATA_DIR ?? './data';
/** The list the bot answers from (an imported one when there is), without creating a store. */
const knowledge = () => (tasks ??= readOnlyTaskList(dataDir())).knowledge();
/** `--at yyyy-mm-dd`: the day live questions are answered on (default: now). */
let askAt: Date | undefined;

/** The operator's context: the store read-only when it exists (live questions, archived years),
 * with every item readable; with no store, live questions say 暂无进展. */
function askCtx() {
  const base = knowledge();
  return askContext(base, { db: tasks?.db, now: askAt ?? new Date(), access: READ_ALL, dataDir: dataDir() });
}

/** The reply to a blank line in stdin mode: one output line per input line, always. */
const BLANK_LINE_REPLY = { found: false, text: '（空行，没有问题）' };

function render(question: string, json: boolean, oneLine: boolean): string {
  if (oneLine && !question.trim()) return json ? JSON.stringify(BLANK_LINE_REPLY) : BLANK_LINE_REPLY.text;
  let a;
  try {
    a = answer(question, askCtx());
  } catch (err) {
    // a store this build cannot read (an older or damaged file): the documents still answer
    process.stderr.write(`进展数据库读取失败（${err instanceof Error ? err.message : String(err)}），本条只按文件回答。\n`);
    a = answer(question, knowledge());
  }
  if (json) return JSON.stringify({ found: a.found, text: a.text });
  return oneLine ? a.text.replace(/\n+/g, ' / ') : a.text;
}

const ask: Command = async (args) => {
  const at = args.indexOf('--at');
  if (at >= 0) {
    const day = args[at + 1] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      process.stderr.write('用法：duban ask --at 2026-06-26 "问题"（日期写成 年-月-日）\n');
      return 2;
    }
    // noon in 汨罗 (UTC+8): the day's date whatever the server's zone
    askAt = new Date(`${day}T04:00:00Z`);
    args = [...args.slice(0, at), ...args.slice(at + 2)];
  }
  const json = args.includes('--json');
  if (args.includes('--explain')) {
    const question = args.filter((a) => a !== '--explain' && a !== '--json').join(' ');
    const ctx = askCtx();
    const live = liveReading(question, ctx);
    process.stdout.write(`${explain(question, ctx)}${live ? `\n${live}` : ''}\n\n${render(question, false, false)}\n`);
    return 0;
  }
  const words = args.filter((a) => a !== '--json');
  if (words.length > 0) {
    process.stdout.write(render(words.join(' '), json, false) + '\n');
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // One output line per input line, blank lines included: automation pairs them by position.
  for await (const line of rl) process.stdout.write(render(line, json, true) + '\n');
  return 0;
};

const audit: Command = async (args) => {
  const json = args.includes('--json');
  let limit = 50;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') continue;
    const m = a.match(/^--limit(?:=(.*))?$/);
    const v = m ? (m[1] ?? args[++i]) : undefined;
    if (!m || v === undefined || !/^\d+$/.test(v) || Number(v) < 1) {
      process.stderr.write('用法：duban audit [--limit N] [--json]（N 为正整数）\n');
      return 2;
    }
    limit = Number(v);
  }
  // Loaded here so `ask` never opens the store.
  const { existsSync } = await import('node:fs');
  const { loadConfig } = await import('./config.ts');
  const { dbPath, openDbFile } = await import('./store/db.ts');
  const { listAudit } = await import('./store/audit.ts');
  const file = dbPath(loadConfig().DATA_DIR);
  if (!existsSync(file)) {
    process.stderr.write(`还没有数据库（${file}），没有审计记录。\n`);
    return 0;
  }
  const db = openDbFile(file, { readonly: true });
  try {
    for (const r of listAudit(db, { limit })) {
      if (json) {
        const parse = (x: string | null) => (x === null ? null : (JSON.parse(x) as unknown));
        process.stdout.write(JSON.stringify({ ...r, before: parse(r.before), after: parse(r.after) }) + '\n');
      } else {
        const who = `${formatUserRef(r)}（${r.userName}）`;
        const change = [r.before !== null ? `before=${r.before}` : '', r.after !== null ? `after=${r.after}` : ''].filter(Boolean).join(' ');
        process.stdout.write(`#${r.id} ${r.at} ${who} chat=${r.chatId} msg=${r.messageId} ${r.action} ${r.entity}#${r.entityId} ${change}\n`);
      }
    }
  } finally {
    db.close();
  }
  return 0;
};

const remind: Command = async (args) => {
  const { remindCommand } = await import('./cli/remind.ts');
  const { effectiveEnv } = await import('./config.ts');
  return remindCommand(args, effectiveEnv());
};

const doctor: Command = async (args) => {
  const { doctorCommand } = await import('./cli/doctor.ts');
  const { effectiveEnv } = await import('./config.ts');
  return doctorCommand(args, effectiveEnv());
};

const exportCmd: Command = async (args) => {
  const [{ cliExport }, { effectiveEnv }] = await Promise.all([import('./ledger/cli.ts'), import('./config.ts')]);
  return cliExport(args, effectiveEnv());
};

const importCmd: Command = async (args) => {
  const [{ cliImport }, { effectiveEnv }] = await Promise.all([import('./ledger/cli.ts'), import('./config.ts')]);
  return cliImport(args, effectiveEnv());
};

const yearCmd: Command = async (args) => {
  const [{ cliYear }, { effectiveEnv }] = await Promise.all([import('./ledger/cli.ts'), import('./config.ts')]);
  return cliYear(args, effectiveEnv());
};

// A Map: `duban toString` must be an unknown command, not Object.prototype's.
const backup: Command = async (args) => {
  const [{ backupCommand }, { effectiveEnv }] = await Promise.all([import('./cli/backup.ts'), import('./config.ts')]);
  return backupCommand(args, effectiveEnv());
};
const restore: Command = async (args) => {
  const [{ restoreCommand }, { effectiveEnv }] = await Promise.all([import('./cli/backup.ts'), import('./config.ts')]);
  return restoreCommand(args, effectiveEnv());
};
const bulletinCmd: Command = async (args) => {
  const [{ cliBulletin }, { effectiveEnv }, { loadKnowledge }] = await Promise.all([import('./cli/bulletin.ts'), import('./config.ts'), import('../knowledge/load.ts')]);
  return cliBulletin(args, effectiveEnv(), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), now: () => new Date(), kb: () => loadKnowledge() });
};
const migrateCmd: Command = async (args) => {
  const [{ migrateCommand }, { effectiveEnv }] = await Promise.all([import('./cli/backup.ts'), import('./config.ts')]);
  return migrateCommand(args, effectiveEnv());
};

const COMMANDS = new Map<string, Command>(
  Object.entries({ ask, audit, remind, doctor, export: exportCmd, bulletin: bulletinCmd, import: importCmd, year: yearCmd, backup, restore, migrate: migrateCmd }),
);

async function main(argv: string[]): Promise<number> {
  // Reports, webhook keys and backups are private to the bot's user (src/store/privacy.ts).
  privateUmask();
  configureLog(effectiveEnv());
  const [name, ...rest] = argv;
  const cmd = name ? COMMANDS.get(name) : undefined;
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
