// The slash-command parser: text in, a command (or a Chinese explanation of what to type
// instead) out. Pure; knows nothing of the store, the task list or the sender.
//
// Forgiving about: full-width ／：，％ and digits, spaces (or none) between the command and its
// arguments, 「第28项」 / 第二十八项 / 28项 / #28 task references, and short English aliases.
// Strict about numbers: a task, milestone or request number is an unsigned integer standing on
// its own (28, 第28项 …); "-1", "1e9", "28.5", "第9999999项" are refused with a reply naming what
// was wrong, never read as a nearby valid number.
// Report and milestone text is returned exactly as typed after the one trimming rule documented
// in docs/reporting.md (TEXT_SEP below), never rewritten.
import { digitsForNumerals, foldWidth } from '../answer/text.ts';
import { MILESTONE_MAX_CHARS } from '../store/milestones.ts';
import { REPORT_MAX_CHARS, type ReportStatus } from '../store/reports.ts';
import { DUE_EXAMPLES, parseDue } from './due.ts';
import { MAX_PERCENT } from '../progress/state.ts';
import { encodeItemNo, formatItemRef, parseItemAddress, type ItemRef } from '../items/address.ts';

export interface Due {
  date: string; // yyyy-mm-dd
  label: string; // as written
}

export interface ReportBody {
  text: string;
  percent: number | null;
  status: ReportStatus | null;
  /** set when the text has percentages that were not taken as 完成率 (no 完成率/进度 before them) */
  percentNote?: string;
}

/** Set when the item was addressed in a list's own words (民生6.1, 指标43 白塘镇, 八好1.4, 票决1):
 * the handler resolves it through the item catalog (src/items/catalog.ts); taskNo then holds the
 * address's store number. Absent for a key task's plain number. */
export interface Addressed {
  ref?: ItemRef;
}

export type SummaryBy = 'all' | 'unit' | 'leader' | 'town' | 'indicator';

export type Command =
  | { kind: 'help' }
  | { kind: 'whoami' }
  | ({ kind: 'report'; taskNo: number } & Addressed & ReportBody)
  | ({ kind: 'edit'; taskNo: number | null } & Addressed & ReportBody)
  | ({ kind: 'view'; taskNo: number } & Addressed)
  | { kind: 'mine' }
  | ({ kind: 'milestone-add'; taskNo: number; due: Due; text: string; targetPercent: number | null } & Addressed)
  | ({ kind: 'milestone-list'; taskNo: number } & Addressed)
  | { kind: 'milestone-edit'; id: number; due: Due | null; text: string | null; targetPercent: number | null }
  | { kind: 'milestone-delete'; id: number }
  | { kind: 'lagging'; scope: string | null }
  | { kind: 'summary'; by: SummaryBy }
  | { kind: 'summary-of'; name: string }
  | ({ kind: 'undo'; taskNo: number | null } & Addressed)
  | { kind: 'bind'; unit: string; targets: string[] }
  | { kind: 'unbind'; unit: string | null; targets: string[] }
  | { kind: 'approve'; id: number }
  | { kind: 'reject'; id: number; note: string | null }
  | { kind: 'pending' }
  | { kind: 'leader-list' }
  | { kind: 'leader-grant'; targets: string[]; person: string | null }
  | { kind: 'leader-revoke'; targets: string[] }
  | { kind: 'invalid'; verb: Verb | null; reply: string }
  | { kind: 'unknown'; name: string };

/** The core verbs whose arguments this module reads. Their names live in their command specs
 * (src/commands/specs/), not here. */
export type Verb =
  | 'help' | 'whoami' | 'progress' | 'edit' | 'mine' | 'milestone' | 'lagging' | 'summary' | 'undo'
  | 'bind' | 'unbind' | 'approve' | 'reject' | 'pending' | 'leader';

export interface ParseOptions {
  /** the clock's local year, for dates written without one (6月底) */
  year: number;
  /** display names of users @-mentioned in the message (IncomingMessage.mentions) */
  mentionNames?: readonly string[];
}

/** C0/C1 control characters other than tab and newline, and bidi overrides. */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Invisible characters that copy-paste brings along: dropped silently. */
export const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/g;
/** Separators allowed between the command word and its arguments. Not "-" or "+": before a
 * number they are a sign, and swallowing them turned "/进展 -1" into task 1. */
export const VERB_SEP = /^[\s,、:;.。—~～]+/;
/** Separators between a number or date and the text after it (folded: ，：； are , : ;). Only
 * these are trimmed from report and milestone text; "-已开工" keeps its dash. */
const TEXT_SEP = /^[\s,、:;]+/;

/** Width folding that keeps every index: full-width ASCII and the ideographic space map to
 * exactly one half-width character, so a match on the folded text slices the original. */
export function fold1(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** The original text and its folded twin, cut together. */
export class Cursor {
  constructor(
    readonly o: string,
    readonly f: string,
  ) {}
  static of(s: string): Cursor {
    return new Cursor(s, fold1(s));
  }
  cut(n: number): Cursor {
    return new Cursor(this.o.slice(n), this.f.slice(n));
  }
  skip(re: RegExp = TEXT_SEP): Cursor {
    const m = this.f.match(re);
    return m ? this.cut(m[0].length) : this;
  }
  get empty(): boolean {
    return this.f.trim() === '';
  }
}

const invalid = (verb: Verb | null, reply: string): Command => ({ kind: 'invalid', verb, reply });

export const EXAMPLE = {
  report: '/进展 28 已开工建设120套，完成率30%',
  view: '/进展 28',
  milestone: '/节点 28 6月底 完成主体结构',
  bind: '/绑定 住建局',
};

export const CONTROL_REPLY =
  '消息里有看不见的控制字符（常见于从别处复制的文字），没有记录。请删掉后手动重新输入，例如：' + EXAMPLE.report;

/** The arguments of a core verb, `rest` being the text after the command word. */
export function parseArgs(verb: Verb, rest: Cursor, opts: ParseOptions): Command {
  switch (verb) {
    case 'help':
    case 'whoami':
    case 'mine':
    case 'pending':
      return { kind: verb };
    case 'progress':
      return parseProgress(rest);
    case 'edit':
      return parseEdit(rest);
    case 'milestone':
      return parseMilestone(rest, opts.year);
    case 'lagging':
      return { kind: 'lagging', scope: rest.empty ? null : foldWidth(rest.f).slice(0, 30) };
    case 'summary':
      return parseSummary(rest);
    case 'undo': {
      if (rest.empty) return { kind: 'undo', taskNo: null };
      const ref = itemRef(rest, '/撤回 28');
      if (ref && 'error' in ref) return invalid(verb, ref.error);
      if (ref && ref.rest.empty) return { kind: 'undo', taskNo: ref.no, ...refOf(ref) };
      return invalid(verb, '撤回不需要写内容：发送 /撤回 撤回你最近一条进展（24小时内），或 /撤回 28 撤回你在第28项的最近一条。');
    }
    case 'bind':
    case 'unbind':
      return parseBind(verb, rest, opts.mentionNames ?? []);
    case 'approve':
    case 'reject': {
      const m = foldWidth(rest.f).match(/^#?(\d{1,9})(?:\s+(.*))?$/s);
      const cmd = verb === 'approve' ? '/批准' : '/驳回';
      if (!m) return invalid(verb, `请写申请编号，例如：${cmd} 7（发送 /待批 查看待批准的申请）。`);
      if (verb === 'approve') {
        if (m[2]) return invalid(verb, `批准只需写申请编号，例如：/批准 ${m[1]}`);
        return { kind: 'approve', id: Number(m[1]) };
      }
      return { kind: 'reject', id: Number(m[1]), note: m[2]?.trim().slice(0, 100) || null };
    }
    case 'leader':
      return parseLeader(rest, opts.mentionNames ?? []);
  }
}

// ---- task references and report bodies ------------------------------------------------------

// Numerals of every size are matched (千, 万 …) so that "第二十八万项" is refused as a whole
// instead of being read as 第二十八 with "万项" as text.
const CN_CHARS = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';
const CN_NUM = `[${CN_CHARS}]+`;
const OPEN = '[「『“"【\\[(]';
const CLOSE = '[」』”"】\\])]';
/** What may not follow a number for it to be a task number: more digits or numerals, a decimal
 * part, a letter (1e9, 28a), a percent or a date unit (6月, 2026-). */
const NUM_END = `(?![\\d${CN_CHARS}]|[.]\\d|[a-z%月年日季/-])`;
const INNER =
  `第\\s*(?:\\d+|${CN_NUM})(?:\\s*[项号条]|${NUM_END})` +
  `|任务\\s*(?:\\d+|${CN_NUM})(?:\\s*[项号条]|${NUM_END})` +
  `|(?:#|no\\.?)\\s*\\d+(?:[项号条]|${NUM_END})` +
  `|\\d+[项号条]` +
  `|${CN_NUM}[项号条]` +
  `|\\d+${NUM_END}`;
/** A closing bracket is part of the reference only after an opening one, and 项/号/条 only
 * directly after a bare number: "/进展 28 项目已开工" keeps "项目已开工" as its text. */
const TASK_REF = new RegExp(`^(?:${OPEN}\\s*(?:${INNER})(?:\\s*${CLOSE})?|(?:${INNER}))`, 'i');
/** Something that starts like a number (possibly signed) — when TASK_REF does not accept it,
 * the reply names it rather than saying no number was seen. */
const NUMBERISH = new RegExp(`^(?:${OPEN}\\s*)?(?:第|任务|#|no\\.?)?\\s*[-+−]?\\s*(?:\\d|[${CN_CHARS}]+[项号条])`, 'i');
/** Larger than any list will be; also keeps Number() exact. */
const MAX_DIGITS = 6;

function numberError(token: string, example: string): string {
  return `编号“${token.slice(0, 12)}”不对：编号是不带正负号的整数，如 28、第28项。请改成例如：${example}`;
}

/** The first word of the folded text, for error messages. */
function firstToken(cur: Cursor): string {
  return foldWidth(cur.f).split(' ')[0] ?? '';
}

/** A task number at the start: 28, 第28项, 「第28项」, 第二十八项, 28项, #28, 任务28. An error when
 * the start looks like a number but is not an unsigned integer of sensible size; null when it
 * does not look like a number at all. */
export function taskRef(cur: Cursor, example: string): { no: number; rest: Cursor } | { error: string } | null {
  const m = cur.f.match(TASK_REF);
  if (!m) return NUMBERISH.test(cur.f) ? { error: numberError(firstToken(cur), example) } : null;
  const converted = foldWidth(digitsForNumerals(m[0]));
  const digits = converted.match(/\d+/);
  // a numeral digitsForNumerals could not read (二十八万) stays in Chinese: refused, not guessed
  if (!digits || new RegExp(`[${CN_CHARS}]`).test(converted)) return { error: numberError(m[0].trim(), example) };
  if (digits[0].replace(/^0+(?=\d)/, '').length > MAX_DIGITS) return { error: numberError(digits[0], example) };
  return { no: Number(digits[0]), rest: cur.cut(m[0].length).skip() };
}

/** An item of any list at the start: a list address (民生6.1 …, see src/items/address.ts) or a
 * key task number (taskRef). */
export function itemRef(cur: Cursor, example: string): { no: number; ref?: ItemRef; rest: Cursor } | { error: string } | null {
  const a = parseItemAddress(cur.f);
  if (a === null) return taskRef(cur, example);
  if ('error' in a) return a;
  return { no: encodeItemNo(a.ref), ref: a.ref, rest: cur.cut(a.length).skip() };
}

const refOf = (r: { ref?: ItemRef }): Addressed => (r.ref ? { ref: r.ref } : {});

// Lookups keyed by user text are Maps (never plain objects, whose prototype answers "constructor").
const STATUS_WORDS = new Map<string, ReportStatus>([['正常推进', '正常推进'], ['滞后', '滞后'], ['已完成', '已完成'], ['需协调', '需协调'], ['需要协调', '需协调']]);
const DELIM = '\\s,.;:!?、。()\\[\\]【】「」“”"\'|/';
const STATUS_RE = new RegExp(`(?:^|[${DELIM}])(?:状态\\s*[:为是]?\\s*)?(正常推进|滞后|已完成|需要协调|需协调)(?=$|[${DELIM}])`, 'g');
// 完成率 only where the text says so: 完成率30%, 完成了30%, 进度30%, 完成30%. A lone percentage
// (投资增长19.7%) is a figure of the report, never its 完成率 (issue 15).
const KEYED_PERCENT = /(?:完成率|完成进度|总进度|进度|完成比例|完成)\s*(?:了|已)?(?:达到|达|为|是|约|:)?\s*(-?\d+(?:\.\d+)?)\s*%/g;
const BARE_PERCENT = /(?<![\d.])(\d+(?:\.\d+)?)\s*%/g;

function charCount(s: string): number {
  return [...s].length;
}

/** Percent and status out of a report text (the text itself is kept as typed). */
function readBody(cur: Cursor, verb: Verb): ReportBody | { error: string } {
  const text = cur.o.trim();
  const f = fold1(text);
  const n = charCount(text);
  if (n > REPORT_MAX_CHARS) {
    return { error: `进展内容有${n}字，超过${REPORT_MAX_CHARS}字上限，没有记录。请精简到${REPORT_MAX_CHARS}字以内，或分几条发送。` };
  }
  const keyed = [...new Set([...f.matchAll(KEYED_PERCENT)].map((m) => Number(m[1])))];
  const bare = [...f.matchAll(BARE_PERCENT)].map((m) => Number(m[1]));
  const example = verb === 'edit' ? '/更正 已开工建设120套，完成率30%' : EXAMPLE.report;
  // 完成率 written but not as a number (完成率三十%, a card's field filled with words)
  const wordy = keyed.length === 0 ? f.match(/完成率\s*[:：]?\s*([^\d\s%，,。；;、-][^\d%，,。；;\s]{0,7})%/) : null;
  if (wordy && !/^(?:达到|达|为|是|约|了|已)$/.test(wordy[1]!)) {
    return { error: `完成率要写数字（你写的是“${wordy[1]}%”），没有记录。例如：${example}` };
  }
  if (keyed.length > 1) {
    return { error: `完成率写了${keyed.length}个（${keyed.map((x) => x + '%').join('、')}），没有记录。请只写一个，例如：${example}` };
  }
  let percent: number | null = null;
  let percentNote: string | undefined;
  if (keyed.length === 1) percent = keyed[0]!;
  else if (bare.length > 0) {
    const shown = [...new Set(bare)].slice(0, 3).map((x) => x + '%').join('、');
    percentNote = `${bare.length > 1 ? `文中有多个百分数（${shown}），` : `文中的百分数（${shown}）`}没有当作完成率；如需记录完成率，请写明“完成率N%”。`;
  }
  if (percent !== null && !(percent >= 0 && percent <= MAX_PERCENT)) {
    return { error: `完成率只能在0%到${MAX_PERCENT}%之间（超过100%为超额完成），你写的是${percent}%，没有记录。请改成例如：${example}` };
  }
  if (percent !== null) percent = Math.round(percent * 100) / 100;
  const statuses = [...new Set([...f.matchAll(STATUS_RE)].map((m) => STATUS_WORDS.get(m[1]!)!))];
  if (statuses.length > 1) {
    return { error: `状态写了${statuses.length}个（${statuses.join('、')}），没有记录。请只写一个：正常推进、滞后、已完成或需协调。` };
  }
  return { text, percent, status: statuses[0] ?? null, ...(percentNote ? { percentNote } : {}) };
}

const NO_TASK = `没看到任务编号。填报请写：${EXAMPLE.report}；查看请写：${EXAMPLE.view}`;

function parseProgress(rest: Cursor): Command {
  if (rest.empty) return invalid('progress', `请写任务编号。填报：${EXAMPLE.report}；查看：${EXAMPLE.view}`);
  const ref = itemRef(rest, EXAMPLE.report);
  if (!ref) return invalid('progress', NO_TASK);
  if ('error' in ref) return invalid('progress', ref.error);
  if (ref.rest.empty) return { kind: 'view', taskNo: ref.no, ...refOf(ref) };
  const body = readBody(ref.rest, 'progress');
  if ('error' in body) return invalid('progress', body.error);
  return { kind: 'report', taskNo: ref.no, ...refOf(ref), ...body };
}

function parseEdit(rest: Cursor): Command {
  const usage = '请写更正后的内容，例如：/更正 已开工建设150套，完成率35%（更正你最近一条进展），或 /更正 28 …（你在第28项的最近一条）。';
  if (rest.empty) return invalid('edit', usage);
  // A task number only counts when something follows it: "/更正 120套…" is text. A number-like
  // word standing alone ("-1 …", "1e9 …") is refused rather than taken as text or as a task.
  const ref = /^[-+−]\s*\d|^\d+[项号条]|^第|^[「『“"【\[(#]|^任务|^\d[\d.e+-]*[\s项号条]|^(?:民生实事|民生|票决|民生指标|指标|开局八好|八好)\s*第?\s*[\d一二三四五六七八九十-]/i.test(rest.f) ? itemRef(rest, '/更正 28 已开工建设150套') : null;
  if (ref && 'error' in ref) return invalid('edit', ref.error);
  const bodyCur = ref ? ref.rest : rest;
  if (bodyCur.empty) return invalid('edit', usage);
  const body = readBody(bodyCur, 'edit');
  if ('error' in body) return invalid('edit', body.error);
  return { kind: 'edit', taskNo: ref?.no ?? null, ...(ref ? refOf(ref) : {}), ...body };
}

// ---- milestones ------------------------------------------------------------------------------

const MILESTONE_USAGE = `设节点：${EXAMPLE.milestone}；查看：/节点 28；修改：/节点 改 5 9月底 完成主体结构；删除：/节点 删 5`;
const TARGET_PERCENT = /(?:完成率|完成进度|总进度|进度)\s*(?:达到|达|为|是|:)?\s*(-?\d+(?:\.\d+)?)\s*%/;

function milestoneText(cur: Cursor): { text: string; targetPercent: number | null } | { error: string } {
  const text = cur.o.trim();
  const n = charCount(text);
  if (n > MILESTONE_MAX_CHARS) return { error: `节点内容有${n}字，超过${MILESTONE_MAX_CHARS}字上限，没有记录。请精简后再发。` };
  const m = fold1(text).match(TARGET_PERCENT);
  const targetPercent = m ? Number(m[1]) : null;
  if (targetPercent !== null && !(targetPercent >= 0 && targetPercent <= 100)) {
    return { error: `节点的完成率目标只能在0%到100%之间，你写的是${targetPercent}%，没有记录。例如：/节点 28 6月底 完成主体结构，完成率50%` };
  }
  return { text, targetPercent };
}

function readDue(cur: Cursor, year: number): { due: Due; rest: Cursor } | { error: string } | null {
  const d = parseDue(cur.f, year);
  if (!d) return null;
  if (!d.ok) return { error: `节点日期不对：${d.reason}。日期可以写：${DUE_EXAMPLES}。` };
  return { due: { date: d.date, label: d.label }, rest: cur.cut(d.length).skip() };
}

function parseMilestone(rest: Cursor, year: number): Command {
  if (rest.empty) return invalid('milestone', MILESTONE_USAGE);
  const op = rest.f.match(/^(改|修改|编辑|edit|删除|删|del|delete|rm)(?![a-z])/i);
  if (op) {
    const isDelete = /^(删|删除|del|delete|rm)$/i.test(op[1]!);
    const after = rest.cut(op[0].length).skip();
    const example = isDelete ? '/节点 删 5' : '/节点 改 5 9月底 完成主体结构';
    const idm = after.f.match(new RegExp(`^#?\\s*(\\d+)${NUM_END}`, 'i'));
    if (!idm) {
      const why = NUMBERISH.test(after.f) ? numberError(firstToken(after), example) : `请写节点编号（/节点 28 可查看编号），例如：${example}`;
      return invalid('milestone', why);
    }
    if (idm[1]!.replace(/^0+(?=\d)/, '').length > MAX_DIGITS) return invalid('milestone', numberError(idm[1]!, example));
    const id = Number(idm[1]);
    const tail = after.cut(idm[0].length).skip();
    if (isDelete) {
      if (!tail.empty) return invalid('milestone', `删除节点只需写编号，例如：/节点 删 ${id}`);
      return { kind: 'milestone-delete', id };
    }
    if (tail.empty) return invalid('milestone', `请写新的日期或内容，例如：/节点 改 ${id} 9月底 完成主体结构`);
    const d = readDue(tail, year);
    if (d && 'error' in d) return invalid('milestone', d.error);
    const textCur = d ? d.rest : tail;
    if (textCur.empty) return { kind: 'milestone-edit', id, due: d!.due, text: null, targetPercent: null };
    const t = milestoneText(textCur);
    if ('error' in t) return invalid('milestone', t.error);
    return { kind: 'milestone-edit', id, due: d?.due ?? null, text: t.text, targetPercent: t.targetPercent };
  }
  const ref = itemRef(rest, EXAMPLE.milestone);
  if (!ref) return invalid('milestone', `没看到任务编号。${MILESTONE_USAGE}`);
  if ('error' in ref) return invalid('milestone', ref.error);
  if (ref.rest.empty) return { kind: 'milestone-list', taskNo: ref.no, ...refOf(ref) };
  const d = readDue(ref.rest, year);
  if (!d) return invalid('milestone', `没看懂节点日期“${foldWidth(ref.rest.f).slice(0, 10)}”。日期可以写：${DUE_EXAMPLES}。例如：${EXAMPLE.milestone}`);
  if ('error' in d) return invalid('milestone', d.error);
  if (d.rest.empty) return invalid('milestone', `节点内容是空的：请写到期要完成什么，例如：/节点 ${ref.ref ? formatItemRef(ref.ref) : ref.no} ${d.due.label} 完成主体结构`);
  const t = milestoneText(d.rest);
  if ('error' in t) return invalid('milestone', t.error);
  return { kind: 'milestone-add', taskNo: ref.no, ...refOf(ref), due: d.due, text: t.text, targetPercent: t.targetPercent };
}

// ---- summary ---------------------------------------------------------------------------------

function parseSummary(rest: Cursor): Command {
  const arg = foldWidth(rest.f).replace(/^按/, '').replace(/\s+/g, '');
  if (!arg || /^(全部|全市|总|all)$/i.test(arg)) return { kind: 'summary', by: 'all' };
  if (/^(单位|牵头单位|部门|unit|units)$/i.test(arg)) return { kind: 'summary', by: 'unit' };
  if (/^(领导|牵头领导|leader|leaders)$/i.test(arg)) return { kind: 'summary', by: 'leader' };
  if (/^(镇|镇街|乡镇|镇街道|街道|town|towns)$/i.test(arg)) return { kind: 'summary', by: 'town' };
  if (/^(指标|镇街指标|民生指标|民生实事指标|indicators?)$/i.test(arg)) return { kind: 'summary', by: 'indicator' };
  return { kind: 'summary-of', name: arg.slice(0, 30) };
}

// ---- people: bind, unbind, leader --------------------------------------------------------------

/** Removes @mentions from the text: first the display names the platform reported (which may
 * contain spaces), then any other @word. */
function takeMentions(s: string, names: readonly string[]): { targets: string[]; rest: string } {
  let rest = foldWidth(s);
  const targets: string[] = [];
  for (const name of [...names].map((n) => foldWidth(n)).filter(Boolean).sort((a, b) => b.length - a.length)) {
    const at = `@${name}`;
    if (rest.includes(at)) {
      targets.push(name);
      rest = rest.split(at).join(' ');
    }
  }
  rest = rest.replace(/@([^\s@]+)/g, (_, name: string) => (targets.push(name), ' '));
  return { targets, rest: rest.replace(/\s+/g, ' ').trim() };
}

function parseBind(verb: 'bind' | 'unbind', rest: Cursor, names: readonly string[]): Command {
  const { targets, rest: unitText } = takeMentions(rest.o, names);
  const unit = unitText.replace(/^(为|到|成|为联络员)/, '').replace(/(的?联络员)$/, '').trim();
  if (targets.length > 1) return invalid(verb, `一次只能${verb === 'bind' ? '绑定' : '解绑'}一个人。`);
  if (unit.length > 30) return invalid(verb, `单位名太长。请写单位简称，例如：${EXAMPLE.bind}`);
  if (verb === 'unbind') return { kind: 'unbind', unit: unit || null, targets };
  if (!unit) {
    return invalid(verb, `请写单位名，例如：${EXAMPLE.bind}${targets.length ? `（督查室为他人绑定：/绑定 @${targets[0]} 住建局）` : ''}`);
  }
  return { kind: 'bind', unit, targets };
}

function parseLeader(rest: Cursor, names: readonly string[]): Command {
  const { targets, rest: words } = takeMentions(rest.o, names);
  const revoke = /^(删除|删|取消|撤销|移除|remove|rm)(?![a-z])/i.exec(words);
  if (revoke) {
    if (targets.length !== 1) return invalid('leader', '请 @ 一个人，例如：/领导 删 @张三');
    return { kind: 'leader-revoke', targets };
  }
  if (targets.length === 0) {
    if (words) return invalid('leader', '请 @ 要设为领导的人，例如：/领导 @张三 曹陶（“曹陶”是任务清单上的牵头领导姓名，可省略）');
    return { kind: 'leader-list' };
  }
  if (targets.length > 1) return invalid('leader', '一次只能设置一个人，例如：/领导 @张三 曹陶');
  return { kind: 'leader-grant', targets, person: words ? words.replace(/\s+/g, '').slice(0, 10) : null };
}
