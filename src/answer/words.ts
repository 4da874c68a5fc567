// Pinyin-IME slips in the words of a question, not only in names (issue 13, class 5): leaders
// type 充电装 for 充电桩, 保障性住放 for 保障性住房, 乡村医声 for 乡村医生. A three-character piece of
// the question that occurs nowhere in the documents, and sounds like a piece of a record with one
// character different, is written as the record writes it. Words that do occur anywhere in the
// documents are never touched, and two-character pieces are left alone (too many homophones), so
// a question about something the documents lack stays a question about it.
import { pinyin } from 'pinyin-pro';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import { isWord } from './dictionary.ts';

export interface WordSounds {
  /** every three-character piece of every document and record */
  seen: Set<string>;
  /** pinyin of a three-character piece of a record → the pieces that sound so */
  bySound: Map<string, string[]>;
  /** pinyin of the characters of the records */
  charPy: Map<string, string>;
  /** every two-character piece of every document and record */
  pairs: Set<string>;
  /** the records' own texts, one a line */
  records: string;
}

const CJK_RUN = /[\u4e00-\u9fff]+/g;

export function buildWordSounds(kb: KnowledgeBase): WordSounds {
  const seen = new Set<string>();
  const pairs = new Set<string>();
  const add = (text: string) => {
    for (const run of text.match(CJK_RUN) ?? []) {
      for (let i = 0; i + 3 <= run.length; i++) seen.add(run.slice(i, i + 3));
      for (let i = 0; i + 2 <= run.length; i++) pairs.add(run.slice(i, i + 2));
    }
  };
  kb.passages.forEach((p) => add(p.text));
  const records = [
    ...kb.keyTasks.map((t) => t.target),
    ...kb.livelihood.flatMap((p) => [p.name, ...p.items.map((i) => i.text)]),
    ...kb.indicators.map((i) => i.text),
    ...kb.voted.map((v) => v.name),
  ];
  records.forEach(add);
  const charPy = new Map<string, string>();
  const bySound = new Map<string, string[]>();
  for (const text of records)
    for (const run of text.match(CJK_RUN) ?? []) {
      for (const c of run) if (!charPy.has(c)) charPy.set(c, pinyin(c, { toneType: 'none' }));
      for (let i = 0; i + 3 <= run.length; i++) {
        const w = run.slice(i, i + 3);
        const key = [...w].map((c) => charPy.get(c)).join(' ');
        const list = bySound.get(key);
        if (!list) bySound.set(key, [w]);
        else if (!list.includes(w)) list.push(w);
      }
    }
  // Quotation marks left out: “向阳花”活动 goes on as 向阳花活动.
  return { seen, bySound, charPy, pairs, records: records.join('\n').replace(/[“”"‘’'「」]/g, '') };
}

/** Item numbers and numerals (第十项, 10项): their neighbours are not a word. */
const NUMBERISH = /[第项号零一二两三四五六七八九十百]/;
/** A numeral that counts: next to another numeral or digit, or before a measure word (五级, 三个). */
const COUNTING = /[\d零〇一二两三四五六七八九十百千万第]/;
const MEASURE_AFTER = /[项个号条家座所批次年月日天届期名位人户套台处亩元种类级A倍成栋间辆]/;

/** Whether the piece at `at` holds an item number or a counting numeral. "端五文化博物馆": a numeral
 * in the middle of a name (端午 typed 端五) counts nothing, and may be a slip like any character;
 * 一, 两, 十, 百 stay untouched (一共, 一下, 十大 are everyday words). */
function numberish(chars: string[], at: number): boolean {
  for (let i = at; i < at + 3; i++) {
    const c = chars[i]!;
    if (!NUMBERISH.test(c)) continue;
    if (!/[二三四五六七八九]/.test(c)) return true;
    if (COUNTING.test(chars[i - 1] ?? '') || COUNTING.test(chars[i + 1] ?? '') || MEASURE_AFTER.test(chars[i + 1] ?? '')) return true;
  }
  return false;
}

/** Characters of how a question asks (是, 归谁, 哪, 吗), never a slip of a topic word. */
const ASKING_CHAR = /[是归谁哪吗呢么啥咋的了有在和与及个多少几要去来给把被让叫问查看说]/;
const ASKING_WORD = /^(?:如何|怎么|怎样|什么|多少|为何|是否|有无|几何|何时|何地)$/;

/** The question with each slipped three-character piece written as the records write it.
 * `keep` marks characters not to touch (names already matched). */
export function repairWords(text: string, ws: WordSounds, keep: (at: number) => boolean = () => false, prefer?: (piece: string) => boolean): string {
  const chars = [...text];
  if (chars.length !== text.length) return text;
  const out = chars.slice();
  const py = (c: string) => ws.charPy.get(c) ?? pinyin(c, { toneType: 'none' });
  // A character that is part of a piece the documents do have is written right (民生实事一共: 事 is
  // in 生实事, so 实事一 is not a slip of 实施一).
  const sound = new Array<boolean>(chars.length).fill(false);
  for (let at = 0; at + 3 <= chars.length; at++)
    if (ws.seen.has(chars.slice(at, at + 3).join(''))) sound[at] = sound[at + 1] = sound[at + 2] = true;
  for (let at = 0; at + 3 <= out.length; at++) {
    const w = out.slice(at, at + 3).join('');
    if (!/^[\u4e00-\u9fff]{3}$/.test(w) || numberish(out, at) || ws.seen.has(w) || keep(at) || keep(at + 1) || keep(at + 2)) continue;
    // "薄物馆": a character with several readings (薄 bó/báo) is heard in each of them.
    const keys = [...w].reduce<string[]>((acc, c) => acc.flatMap((k) => readings(c, py).map((r) => (k ? `${k} ${r}` : r))), ['']);
    const cands = [...new Set(keys.flatMap((k) => ws.bySound.get(k) ?? []))];
    if (!cands.length) continue;
    // A record that goes on with the question's neighbouring character (老旧电题 → 老旧电梯,
    // 向阳化活动 → “向阳花”活动, 和美香村 → 和美湘村) is evidence the piece is that record's word.
    const goesOn = (c: string) => (at > 0 && ws.records.includes(out[at - 1]! + c)) || (at + 3 < out.length && ws.records.includes(c + out[at + 3]!));
    // One character different, and only one way to read it; with several, the one a record
    // goes on with. A character of a piece the documents have stays, unless a record goes on.
    let one = cands.filter((c) => [...c].filter((ch, i) => ch !== w[i]).length === 1 && [...c].every((ch, i) => ch === w[i] || ((!sound[at + i] || goesOn(c)) && !ASKING_CHAR.test(w[i]!))));
    if (one.length > 1) one = one.filter(goesOn);
    // Still two (和美相村: 和美乡村 of a key task, 和美湘村 of the per-town table): the one the
    // question's other names point at, when the caller knows (a town named asks the town table).
    if (one.length > 1 && prefer && one.filter(prefer).length === 1) one = one.filter(prefer);
    if (one.length !== 1) continue;
    // A changed edge character that makes a word the documents write with its neighbour outside
    // the piece is no slip: 投资实际增长 has 实际, so 际增长 is not 济增长 (经济增长) — unless a
    // record goes on with the question's neighbour (题更 is a pair of 问题更加, but a record has 老旧电梯).
    const i = [...one[0]!].findIndex((ch, k) => ch !== w[k]);
    if (!goesOn(one[0]!) && ((i === 0 && at > 0 && ws.pairs.has(out[at - 1]! + w[0])) || (i === 2 && at + 3 < out.length && ws.pairs.has(w[2]! + out[at + 3])))) continue;
    // The question's edge character makes a common word with its neighbour outside the piece
    // (推进正|常: 正常, 签约相|加: 相加) while the repaired one makes none inside it (进政, 约项):
    // no slip. 旧电提|要 stays a slip: 提要 is a word, but so is the repaired 电梯.
    const r = one[0]!;
    const left = at > 0 ? out[at - 1]! : '', right = at + 3 < out.length ? out[at + 3]! : '';
    if (i === 0 && left && isWord(left + w[0]) && !isWord(r.slice(0, 2))) continue;
    if (i === 2 && right && isWord(w[2] + right) && !isWord(r.slice(1, 3))) continue;
    // The changed character is part of an asking word (推进如何 is no slip of 推进入河排污口).
    const around = `${left}${w}${right}`, c = i + (left ? 1 : 0);
    if (ASKING_WORD.test(around.slice(Math.max(0, c - 1), c + 1)) || ASKING_WORD.test(around.slice(c, c + 2))) continue;
    for (let k = 0; k < 3; k++) out[at + k] = one[0]![k]!;
  }
  return out.join('');
}

const READINGS = new Map<string, string[]>();

/** Every reading of a character, its usual one first. */
function readings(c: string, py: (c: string) => string): string[] {
  let r = READINGS.get(c);
  if (!r) READINGS.set(c, (r = [...new Set([py(c), ...(pinyin(c, { toneType: 'none', multiple: true, type: 'array' }) as string[])])].slice(0, 3)));
  return r;
}

/** The words that say a role on a task: a question's verb, the one thing a homophone slip there
 * (签头, 配和, 负则) must not turn into a topic word. */
const ROLE_VERBS = ['牵头', '负责', '配合', '分管', '参与', '协助', '主抓', '主管', '协同'];
let rolePy: Map<string, string> | undefined;

/** "曹陶签头哪些", "住建局配和几项": a two-character piece that the documents never write and that
 * sounds like a role verb with one character different is that verb. */
export function repairRoleVerbs(text: string, ws: WordSounds, keep: (at: number) => boolean = () => false): string {
  rolePy ??= soundTable(ROLE_VERBS);
  return repairPairs(text, ws, rolePy, keep);
}

/** pinyin of each two-character word → the word */
export function soundTable(words: readonly string[]): Map<string, string> {
  return new Map(words.map((v) => [[...v].map((c) => pinyin(c, { toneType: 'none' })).join(' '), v]));
}

/** Each two-character piece the documents never write, no everyday word either (`isWord`), that
 * sounds like a word of `table` with one character different, written as that word. */
export function repairPairs(text: string, ws: WordSounds, table: Map<string, string>, keep: (at: number) => boolean = () => false, everyday = false): string {
  const chars = [...text];
  if (chars.length !== text.length) return text;
  const py = (c: string) => ws.charPy.get(c) ?? pinyin(c, { toneType: 'none' });
  for (let at = 0; at + 2 <= chars.length; at++) {
    const w = chars[at]! + chars[at + 1]!;
    if (!/^[\u4e00-\u9fff]{2}$/.test(w) || ws.pairs.has(w) || keep(at) || keep(at + 1) || (everyday && isWord(w))) continue;
    const verb = table.get(`${py(chars[at]!)} ${py(chars[at + 1]!)}`);
    if (!verb || [...verb].filter((c, i) => c !== w[i]).length !== 1) continue;
    chars[at] = verb[0]!;
    chars[at + 1] = verb[1]!;
  }
  return chars.join('');
}

/** The names of the lists (民生实事, 票决, 重点任务): the question's handle on which list it means,
 * so a homophone slip there (民生实是, 票绝第1项) must not leave it a topic word. */
const LIST_NAMES = ['民生实事', '重点任务', '重点工作', '开局八好', '票决'];
let listPy: { name: string; py: string }[] | undefined;

/** A piece the documents never write that sounds like a list's name with one character different
 * is that name. */
export function repairListNames(text: string, ws: WordSounds, keep: (at: number) => boolean = () => false): string {
  listPy ??= LIST_NAMES.map((name) => ({ name, py: [...name].map((c) => pinyin(c, { toneType: 'none' })).join(' ') }));
  const chars = [...text];
  if (chars.length !== text.length) return text;
  const py = (c: string) => ws.charPy.get(c) ?? pinyin(c, { toneType: 'none' });
  for (const { name, py: want } of listPy)
    for (let at = 0; at + name.length <= chars.length; at++) {
      const w = chars.slice(at, at + name.length).join('');
      if (w === name || !/^[\u4e00-\u9fff]+$/.test(w) || written(w, ws)) continue;
      // Two characters may differ in a four-character name, as for the lexicon's names (重点人物 is
      // 重点任务 typed by sound: 人物/任务 are both ren wu).
      const differ = [...name].filter((c, i) => c !== w[i]).length;
      if ([...w].some((_, i) => keep(at + i)) || differ < 1 || differ > (name.length >= 4 ? 2 : 1)) continue;
      if ([...w].map(py).join(' ') !== want) continue;
      for (let i = 0; i < name.length; i++) chars[at + i] = name[i]!;
    }
  return chars.join('');
}

/** Whether the documents may write `w`: every piece of it occurs in them. */
function written(w: string, ws: WordSounds): boolean {
  if (w.length === 2) return ws.pairs.has(w);
  for (let i = 0; i + 3 <= w.length; i++) if (!ws.seen.has(w.slice(i, i + 3))) return false;
  return true;
}
