// How an item of any supervised list is written in chat, and the number the store keeps for it.
// Pure: no knowledge, no store. Whether the item exists is the catalog's business
// (src/items/catalog.ts); this module only reads and writes the address.
//
//   28  第28项  #28         key task (重点工作任务), as before (parseItemRef reads it too; /进展
//                            keeps src/commands/parse.ts's taskRef, whose refusals name more cases)
//   民生6.1  民生实事6-1     民生实事 project 6, sub-item 1; 民生14 = a project with one sub-item
//   票决1  票决第1项          人大代表票决民生实事 project 1 (reported through its key task)
//   指标31 白塘镇            附件2 indicator 31, the 白塘镇 cell (白塘 is enough)
//   八好1.4                  开局八好 plan 1 (the 总体方案's （一）), its 4th measure; 八好1 = the
//                            总体方案 row itself
//
// Store numbers: key tasks keep their own number (at most 6 digits, as the parser allows); every
// other item gets a number of 7 digits from its address, so a report of any kind sits in the same
// reports/milestones tables and the same state rule reads it. The mapping is a bijection
// (decodeItemNo(encodeItemNo(r)) = r), so it never depends on the order of a data file.
//
// Entry points: parseItemRef(text) for a command's first argument (any kind), formatItemRef(ref)
// to write it back, itemLabel(ref) for replies, encodeItemNo/decodeItemNo for the store. What an
// address names (title, lead units, towns, milestones) is lookupItem in src/items/catalog.ts.
import { TOWNS, townAliases } from '../../knowledge/normalize.ts';

export type ItemKind = 'key' | 'livelihood' | 'voted' | 'indicator' | 'measure';

export type ItemRef =
  | { kind: 'key'; no: number }
  /** item null: the project as a whole (resolved by the catalog when it has one sub-item) */
  | { kind: 'livelihood'; project: number; item: number | null }
  | { kind: 'voted'; no: number }
  /** town null: the indicator as a whole (a town liaison's own cell is inferred) */
  | { kind: 'indicator'; no: number; town: string | null }
  /** measure null: the plan's row in the 总体方案 */
  | { kind: 'measure'; plan: number; measure: number | null };

export const KIND_NAMES: Record<ItemKind, string> = {
  key: '重点工作任务',
  livelihood: '民生实事',
  voted: '票决民生实事',
  indicator: '民生实事指标（镇街）',
  measure: '开局八好举措',
};

/** The address as the user would type it: 28 / 民生6.1 / 票决1 / 指标31 白塘镇 / 八好1.4 */
export function formatItemRef(r: ItemRef): string {
  switch (r.kind) {
    case 'key':
      return String(r.no);
    case 'livelihood':
      return `民生${r.project}${r.item === null ? '' : `.${r.item}`}`;
    case 'voted':
      return `票决${r.no}`;
    case 'indicator':
      return `指标${r.no}${r.town === null ? '' : ` ${r.town}`}`;
    case 'measure':
      return `八好${r.plan}${r.measure === null ? '' : `.${r.measure}`}`;
  }
}

/** How a reply names the item: 第28项 / 民生6.1 / 票决第1项 / 指标31（白塘镇）/ 八好1.4 */
export function itemLabel(r: ItemRef): string {
  switch (r.kind) {
    case 'key':
      return `第${r.no}项`;
    case 'voted':
      return `票决第${r.no}项`;
    case 'indicator':
      return `指标${r.no}${r.town === null ? '' : `（${r.town}）`}`;
    default:
      return formatItemRef(r);
  }
}

// ---- store numbers ----------------------------------------------------------------------------

const BASE = { livelihood: 1_000_000, voted: 2_000_000, indicator: 3_000_000, measure: 4_000_000 } as const;
/** Bounds the encoding can hold (far above what the lists have: 18 projects, 47 indicators …). */
export const LIMITS = { project: 999, item: 999, voted: 999_999, indicator: 9_999, plan: 999, measure: 999 } as const;

const townIndex = (t: string) => (TOWNS as readonly string[]).indexOf(t) + 1;

/** Whether the ref's numbers fit the encoding (the parser refuses any that do not). */
export function encodable(r: ItemRef): boolean {
  const int = (n: number, max: number, min = 1) => Number.isInteger(n) && n >= min && n <= max;
  switch (r.kind) {
    case 'key':
      return int(r.no, 999_999);
    case 'livelihood':
      return int(r.project, LIMITS.project) && (r.item === null || int(r.item, LIMITS.item));
    case 'voted':
      return int(r.no, LIMITS.voted);
    case 'indicator':
      return int(r.no, LIMITS.indicator) && (r.town === null || townIndex(r.town) > 0);
    case 'measure':
      return int(r.plan, LIMITS.plan) && (r.measure === null || int(r.measure, LIMITS.measure));
  }
}

export function encodeItemNo(r: ItemRef): number {
  if (!encodable(r)) throw new RangeError(`not encodable: ${JSON.stringify(r)}`);
  switch (r.kind) {
    case 'key':
      return r.no;
    case 'livelihood':
      return BASE.livelihood + r.project * 1000 + (r.item ?? 0);
    case 'voted':
      return BASE.voted + r.no;
    case 'indicator':
      return BASE.indicator + r.no * 100 + (r.town === null ? 0 : townIndex(r.town));
    case 'measure':
      return BASE.measure + r.plan * 1000 + (r.measure ?? 0);
  }
}

/** The ref a store number stands for, or undefined for a number no ref encodes to. */
export function decodeItemNo(no: number): ItemRef | undefined {
  if (!Number.isInteger(no) || no < 1) return undefined;
  let r: ItemRef | undefined;
  if (no < BASE.livelihood) r = { kind: 'key', no };
  else if (no < BASE.voted) {
    const x = no - BASE.livelihood;
    r = { kind: 'livelihood', project: Math.floor(x / 1000), item: x % 1000 || null };
  } else if (no < BASE.indicator) r = { kind: 'voted', no: no - BASE.voted };
  else if (no < BASE.measure) {
    const x = no - BASE.indicator;
    const t = x % 100;
    r = { kind: 'indicator', no: Math.floor(x / 100), town: t === 0 ? null : (TOWNS[t - 1] ?? '') };
  } else if (no < 5_000_000) {
    const x = no - BASE.measure;
    r = { kind: 'measure', plan: Math.floor(x / 1000), measure: x % 1000 || null };
  }
  return r && encodable(r) && encodeItemNo(r) === no ? r : undefined;
}

export function kindOfNo(no: number): ItemKind {
  return decodeItemNo(no)?.kind ?? 'key';
}

// ---- parsing ----------------------------------------------------------------------------------

export type AddressParse = { ref: ItemRef; length: number } | { error: string } | null;

const TOWN_WORDS: [string, string][] = TOWNS.flatMap((t) => townAliases(t).map((a) => [a, t] as [string, string])).sort(
  (a, b) => b[0].length - a[0].length,
);

/** The canonical town for a word (白塘 / 白塘镇 / 归义街道办 → …), or undefined. */
export function resolveTown(word: string): string | undefined {
  const w = word.replace(/\s+/g, '');
  return TOWN_WORDS.find(([a]) => a === w)?.[1];
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 / 四十七 / 6 → the number; small numerals only (lists have at most a few hundred rows). */
function readNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return s.replace(/^0+(?=\d)/, '').length > 6 ? undefined : Number(s);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return undefined;
  let total = 0;
  let cur = 0;
  for (const c of s) {
    if (c === '百') total += (cur || 1) * 100, (cur = 0);
    else if (c === '十') total += (cur || 1) * 10, (cur = 0);
    else cur = CN_DIGIT[c]!;
  }
  return total + cur;
}

const NUM = '(\\d+|[零〇一二两三四五六七八九十百]+)';
/** What may not follow an address's number: more digits, a decimal or a unit that makes it a
 * quantity (指标31.5, 民生6% are refused, not read as 指标31 or 民生6). */
const END = '(?![\\d.%月年日万千])';
/** Between a project (plan) and its sub-item (measure): 6.1 · 6-1 · 6·1 (full-width folded). */
const SUB = `(?:[.·\\-_]${NUM})?`;

type ListKind = Exclude<ItemKind, 'key'>;

const WORDS: [string, ListKind][] = [
  ['票决民生实事', 'voted'], ['票决项目', 'voted'], ['票决', 'voted'],
  ['民生指标', 'indicator'], ['指标', 'indicator'],
  ['开局八好', 'measure'], ['八好', 'measure'],
  ['民生实事', 'livelihood'], ['民生', 'livelihood'],
];

export const ADDRESS_EXAMPLES: Record<ListKind, string> = {
  livelihood: '/进展 民生6.1 已完成选址',
  voted: '/进展 票决1 已完成30座',
  indicator: '/进展 指标31 白塘镇 完成2个',
  measure: '/进展 八好1.4 布展方案已定稿',
};

const form = (kind: ListKind, sub: boolean) => new RegExp(`^\\s*第?\\s*${NUM}${sub ? SUB : ''}[项个]?${END}`);
const FORMS: Record<ListKind, RegExp> = {
  livelihood: form('livelihood', true),
  voted: form('voted', false),
  indicator: form('indicator', false),
  measure: form('measure', true),
};

function bad(token: string, kind: ListKind): { error: string } {
  return { error: `编号“${token.slice(0, 14)}”不对：编号是不带正负号的整数。请改成例如：${ADDRESS_EXAMPLES[kind]}（写法见 /帮助）` };
}

/**
 * An address of a non-key list at the start of `f` (already width-folded): its ref and the
 * number of characters it takes (the caller cuts its cursor there). For 指标N, a town word
 * right after the number is part of it (指标31 白塘镇); a word that ends like a town (…镇,
 * …街道) but is none is an error, not text. null when `f` does not start with a list word.
 */
export function parseItemAddress(f: string): AddressParse {
  const w = WORDS.find(([word]) => f.startsWith(word));
  if (!w) return null;
  const [word, kind] = w;
  const after = f.slice(word.length);
  const m = after.match(FORMS[kind]);
  const token = (word + after).split(/\s/)[0] ?? word;
  if (!m) {
    if (/^\s*(?:第\s*)?[-+−]?\s*[\d零〇一二两三四五六七八九十百]/.test(after)) return bad(token, kind);
    return { error: `请在“${word}”后写编号，例如：${ADDRESS_EXAMPLES[kind]}（写法见 /帮助）` };
  }
  // A Chinese numeral runs into the words after it (指标一样…, 八好三年…): it is an address only
  // when 项/个, a separator, a town or the end follows.
  const last = m[2] ?? m[1]!;
  const next = after.slice(m[0].length);
  if (/[^\d]$/.test(last) && !/[项个]$/.test(m[0]) && /^[\u4e00-\u9fff]/.test(next) && !(kind === 'indicator' && townAfter(next))) return null;
  const a = readNumber(m[1]!);
  const b = m[2] === undefined ? null : readNumber(m[2]);
  if (a === undefined || b === undefined || a === 0 || b === 0) return bad(word + m[0].trim(), kind);
  let length = word.length + m[0].length;
  let ref: ItemRef;
  if (kind === 'livelihood') ref = { kind, project: a, item: b };
  else if (kind === 'measure') ref = { kind, plan: a, measure: b };
  else if (kind === 'voted') ref = { kind, no: a };
  else {
    const t = townAfter(f.slice(length));
    if (t && 'error' in t) return t;
    ref = { kind, no: a, town: t?.town ?? null };
    length += t?.length ?? 0;
  }
  if (!encodable(ref)) return bad(word + m[0].trim(), kind);
  return { ref, length };
}

/** A town word after an indicator number (separated by spaces or nothing). */
function townAfter(s: string): { town: string; length: number } | { error: string } | null {
  const lead = s.match(/^[\s,、:;]*/)![0].length;
  const rest = s.slice(lead);
  for (const [alias, town] of TOWN_WORDS) {
    if (!rest.startsWith(alias)) continue;
    // Right after an indicator number a town word is the cell, with or without a space
    // (指标31白塘完成2个): indicator texts never start with a town name.
    return { town, length: lead + alias.length };
  }
  const word = rest.match(/^([\u4e00-\u9fff]{1,8}?(?:镇|街道|乡))(?=$|[\s,、:;])/);
  if (word) {
    return { error: `没有“${word[1]}”这个镇（街道）。镇街共15个：${TOWNS.join('、')}。例如：/进展 指标31 白塘镇 完成2个` };
  }
  return null;
}

// ---- one entry point for any item -------------------------------------------------------------

const OPEN_Q = '[「『“"【\\[(]?';
const CLOSE_Q = '[」』”"】\\])]?';
/** A key task's number: 28 · 第28项 · 28项 · #28 · 任务28 · 第二十八项 · 「第28项」 (the forms /进展 takes). */
const KEY_NO = new RegExp(`^${OPEN_Q}\\s*(?:第\\s*${NUM}\\s*[项号条]?|任务\\s*${NUM}|#\\s*${NUM}|${NUM}\\s*[项号条]|(\\d+))(?![\\d.%月年日万千a-z/-])\\s*${CLOSE_Q}`, 'i');

/**
 * Any item at the start of `text` (width-folded by the caller or not: full-width digits and
 * punctuation are folded here): a key task number or a list address. Returns the ref and the text
 * after it (separators trimmed), a Chinese reply for an address that is not readable, or null when
 * the text does not start with an item. For new commands (/催办 …): /进展 reads through
 * src/commands/parse.ts, whose refusals name more cases, and agrees with this on every form.
 */
export function parseItemRef(text: string): { ref: ItemRef; rest: string } | { error: string } | null {
  const f = text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trimStart();
  const cut = (n: number) => f.slice(n).replace(/^[\s,、:;，：；]+/, '');
  const a = parseItemAddress(f);
  if (a && 'error' in a) return a;
  if (a) return { ref: a.ref, rest: cut(a.length) };
  const m = f.match(KEY_NO);
  if (!m) {
    // starts like a number but is none (28.5, -1, 1e9, 28%): named, never read as a nearby item
    const t = f.match(/^[「『“"【\[(]?\s*(?:第|任务|#)?\s*[-+−]?\s*\d\S*/);
    return t ? { error: `编号“${t[0].trim().slice(0, 12)}”不对：编号是不带正负号的整数，如 28、第28项。` } : null;
  }
  const raw = m.slice(1).find((x) => x !== undefined)!;
  const no = readNumber(raw);
  if (no === undefined || no === 0 || no > 999_999) return { error: `编号“${m[0].trim().slice(0, 12)}”不对：编号是不带正负号的整数，如 28、第28项。` };
  return { ref: { kind: 'key', no }, rest: cut(m[0].length) };
}
