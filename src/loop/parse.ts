// Arguments of the supervision-loop commands: text in, arguments (or a Chinese reply naming what
// to type instead) out. Pure. Words are kept as typed, after the trimming /进展 uses.
import type { Cursor } from '../commands/parse.ts';
import type { Parsed } from '../commands/spec.ts';
import { parseItemArg, type ItemRef } from './item.ts';

export const CHASE_MAX_CHARS = 200;
export const INSTRUCTION_MAX_CHARS = 300;
export const CLOSE_MAX_CHARS = 500;
export const NOTE_MAX_CHARS = 100;

export const EXAMPLES = {
  chase: '/催办 28 请本周内报送进展',
  chaseAgain: '/催办 28 再次 请今天下班前报送',
  instruct: '/批示 28 抓紧推进，月底前开工',
  sign: '/签收 28',
  close: '/销号 28 已完成全部408套建设任务',
  reopen: '/销号 28 撤销 理由',
  approve: '/批准 销号28',
  reject: '/驳回 销号28 理由',
};

export type ChaseArgs = { kind: 'chase'; item: ItemRef; text: string; repeat: boolean };
export type InstructArgs = { kind: 'instruct'; item: ItemRef; text: string } | { kind: 'instruct-list' };
export type SignArgs = { kind: 'sign'; item: ItemRef };
export type CloseArgs = { kind: 'close-request'; item: ItemRef; text: string } | { kind: 'close-undo'; item: ItemRef; note: string | null };
export type DecideCloseArgs = { kind: 'close-approve'; item: ItemRef } | { kind: 'close-reject'; item: ItemRef; note: string };

const chars = (s: string) => [...s].length;

function tooLong(what: string, text: string, max: number): string | undefined {
  const n = chars(text);
  return n > max ? `${what}有${n}字，超过${max}字上限，没有记录。请精简到${max}字以内。` : undefined;
}

const fail = (reply: string): { ok: false; reply: string } => ({ ok: false, reply });

/** /催办 28 [再次] [话] */
export function parseChase(rest: Cursor): Parsed<ChaseArgs> {
  if (rest.empty) return fail(`请写要催办的事项编号，例如：${EXAMPLES.chase}`);
  const r = parseItemArg(rest, EXAMPLES.chase);
  if ('error' in r) return fail(r.error);
  const again = r.rest.f.match(/^(再次|再催|又催|again)(?![a-z])/i);
  const body = again ? r.rest.cut(again[0].length).skip() : r.rest;
  const text = body.o.trim();
  const long = tooLong('催办的话', text, CHASE_MAX_CHARS);
  if (long) return fail(long);
  return { ok: true, args: { kind: 'chase', item: r.item, text, repeat: again !== null } };
}

/** /批示 28 话 · /批示 (the sender's instructions) */
export function parseInstruct(rest: Cursor): Parsed<InstructArgs> {
  if (rest.empty) return { ok: true, args: { kind: 'instruct-list' } };
  const r = parseItemArg(rest, EXAMPLES.instruct);
  if ('error' in r) return fail(r.error);
  const text = r.rest.o.trim();
  if (!text) return fail(`批示内容是空的，没有记录。请写批示，例如：/批示 ${r.item.taskNo} 抓紧推进，月底前开工（只发 /批示 查看已作的批示）`);
  const long = tooLong('批示内容', text, INSTRUCTION_MAX_CHARS);
  if (long) return fail(long);
  return { ok: true, args: { kind: 'instruct', item: r.item, text } };
}

/** /签收 28 */
export function parseSign(rest: Cursor): Parsed<SignArgs> {
  if (rest.empty) return fail(`请写要签收批示的事项编号，例如：${EXAMPLES.sign}`);
  const r = parseItemArg(rest, EXAMPLES.sign);
  if ('error' in r) return fail(r.error);
  if (!r.rest.empty) return fail(`签收只需写事项编号，例如：/签收 ${r.item.taskNo}（落实情况请用 /进展 ${r.item.taskNo} 内容 填报）`);
  return { ok: true, args: { kind: 'sign', item: r.item } };
}

const UNDO = /^(撤销|取消|撤回|重新打开|reopen|undo)(?![a-z])/i;

/** /销号 28 情况说明 · /销号 28 撤销 [理由] */
export function parseClose(rest: Cursor): Parsed<CloseArgs> {
  if (rest.empty) return fail(`请写事项编号和完成情况，例如：${EXAMPLES.close}`);
  const r = parseItemArg(rest, EXAMPLES.close);
  if ('error' in r) return fail(r.error);
  const undo = r.rest.f.match(UNDO);
  if (undo) {
    const note = r.rest.cut(undo[0].length).skip().o.trim();
    const long = tooLong('理由', note, NOTE_MAX_CHARS);
    if (long) return fail(long);
    return { ok: true, args: { kind: 'close-undo', item: r.item, note: note || null } };
  }
  const text = r.rest.o.trim();
  if (!text) return fail(`请写完成情况，督查室据此审核销号，例如：/销号 ${r.item.taskNo} 已完成全部408套建设任务`);
  const long = tooLong('销号说明', text, CLOSE_MAX_CHARS);
  if (long) return fail(long);
  return { ok: true, args: { kind: 'close-request', item: r.item, text } };
}

/** The 销号 form of /批准 and /驳回: "销号28", "销号 第28项 理由". undefined when the
 * arguments are not about a closure (then they are a binding request's number). */
export function parseDecideClose(verb: 'approve' | 'reject', rest: Cursor): Parsed<DecideCloseArgs> | undefined {
  const m = rest.f.match(/^销号/);
  if (!m) return undefined;
  const after = rest.cut(m[0].length).skip();
  const example = verb === 'approve' ? EXAMPLES.approve : EXAMPLES.reject;
  const r = parseItemArg(after, example);
  if ('error' in r) return fail(r.error);
  const note = r.rest.o.trim();
  if (verb === 'approve') {
    if (note) return fail(`批准销号只需写事项编号，例如：/批准 销号${r.item.taskNo}`);
    return { ok: true, args: { kind: 'close-approve', item: r.item } };
  }
  if (!note) return fail(`退回销号申请要写明理由，联络员据此补充，例如：/驳回 销号${r.item.taskNo} 请补充竣工验收材料`);
  const long = tooLong('理由', note, NOTE_MAX_CHARS);
  if (long) return fail(long);
  return { ok: true, args: { kind: 'close-reject', item: r.item, note } };
}
