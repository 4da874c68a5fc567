// duban bulletin --week [--at yyyy-mm-dd] [--out 督查专报.docx] — the week's 督查专报 as a Word
// document (src/bulletin/): the seven days ending on --at (default today), the board as it stood
// at the end of that day. Exit codes: 0 written, 2 bad arguments.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { weeklyBulletin } from '../bulletin/data.ts';
import { bulletinDocx } from '../bulletin/docx.ts';
import { applyStateRule } from '../config.ts';
import type { CliIo, Env } from '../ledger/cli.ts';
import { ensureLedgerSchema } from '../ledger/store.ts';
import { chinaDate, isIsoDate } from '../remind/dates.ts';
import { openDb } from '../store/db.ts';

export const BULLETIN_USAGE = '用法：duban bulletin --week [--at 2026-06-26] [--out 督查专报.docx]';

type Args = { at?: string; out?: string } | { error: string };

export function parseBulletinArgs(args: readonly string[]): Args {
  let week = false;
  let at: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--week') {
      week = true;
      continue;
    }
    const m = /^--(at|out)(?:=(.*))?$/.exec(a);
    if (!m) return { error: `不认识的参数“${a}”。${BULLETIN_USAGE}` };
    const v = m[2] ?? args[++i];
    if (v === undefined || v === '') return { error: `--${m[1]} 后面要写${m[1] === 'at' ? '日期，如 --at 2026-06-26' : '文件名，如 --out 督查专报.docx'}。` };
    if (m[1] === 'at') at = v;
    else out = v;
  }
  if (!week) return { error: `请写 --week（每周专报：截至 --at 那天的七天）。${BULLETIN_USAGE}` };
  if (at !== undefined && !isIsoDate(at)) return { error: `日期“${at}”不对，请写成 2026-06-26 这样。` };
  if (out !== undefined && !/\.docx$/i.test(out)) return { error: `输出文件应以 .docx 结尾（Word 和 WPS 都能打开）：${out}` };
  return { ...(at ? { at } : {}), ...(out ? { out } : {}) };
}

export async function cliBulletin(args: string[], env: Env, io: Pick<CliIo, 'out' | 'err' | 'now' | 'kb'>): Promise<number> {
  const parsed = parseBulletinArgs(args);
  if ('error' in parsed) {
    io.err(`${parsed.error}\n`);
    return 2;
  }
  const now = io.now();
  const today = chinaDate(now);
  const to = parsed.at ?? today;
  if (to > today) {
    io.err(`不能为将来的日期（${to}）出专报：今天是${today}。\n`);
    return 2;
  }
  applyStateRule(env);
  const db = openDb(env.DATA_DIR ?? './data');
  try {
    ensureLedgerSchema(db);
    const model = weeklyBulletin({ db, kb: io.kb(), to, now });
    const file = parsed.out ?? `督查专报-${to}.docx`;
    writeFileSync(file, await bulletinDocx(model));
    const lag = model.problems.length + model.omitted.problems;
    io.out(`已生成督查专报：${resolve(file)}（${model.issue}，${model.period}，进展${model.progress.length + model.omitted.progress}项，滞后${lag}项，下步节点${model.next.length + model.omitted.next}个）\n`);
    return 0;
  } finally {
    db.close();
  }
}
