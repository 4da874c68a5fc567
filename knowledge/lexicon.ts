// One lexicon of the names a question can contain — leaders, units, towns — built from the
// records themselves, so an imported task list (another year's, another county's) is understood
// without a code change. Each alias carries its pinyin: leaders type on phones with pinyin IMEs,
// and the usual slip is a homophone (住健局, 杨胜). Exceptions are hand-kept in lexicon.json,
// each with its reason.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { TOWNS, townAliases, UNIT_ALIASES } from './normalize.ts';
import type { KnowledgeBase } from './types.ts';

export type EntityKind = 'leader' | 'unit' | 'town';

export interface LexEntry {
  alias: string;
  canon: string;
  kind: EntityKind;
  /** A short form that is also an ordinary word (发改, 交通, 卫健): it names a unit only when a
   * role word follows it (发改牵头…, 住建那几项). */
  weak: boolean;
  /** pinyin of the alias; empty when it is matched only as written (a surname title, or a
   * prefixed form whose base has its own pinyin) */
  py: string[];
}

export interface Mention {
  kind: EntityKind;
  canon: string;
  alias: string;
  /** what the question actually has at [at, end): differs from alias for a homophone slip */
  written: string;
  at: number;
  end: number;
  via: 'text' | 'pinyin';
}

export interface Lexicon {
  entries: LexEntry[]; // longest alias first
  leaders: string[];
  units: string[];
  towns: string[];
  byPinyin: Map<string, LexEntry[]>;
  /** the longest alias with pinyin, in characters: how long a homophone window can be */
  longest: number;
  /** unit and town names of five characters or more, by their first character (one inner slip) */
  longByFirst: Map<string, LexEntry[]>;
  notAfter: Map<string, string>;
  /** People the documents name besides the leaders (appointees, the mayor, a group's head):
   * no role on a task, but a question about them must find them through a homophone slip. */
  people: string[];
  /** pinyin of each of `people` → the name */
  peopleByPinyin: Map<string, string>;
}

interface HandFile {
  notAfter: { alias: string; before: string }[];
  notAliases: { alias: string }[];
  shortForms: { alias: string; canon: string }[];
  pinyinFirstChar: { pinyin: string; char: string; except: string }[];
  lookAlike: { char: string; as: string }[];
  topicShortForms?: { alias: string; full: string }[];
  surnames?: { chars: string };
}

const HAND: HandFile = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'lexicon.json'), 'utf8'));

const CJK = /^[\u4e00-\u9fff]+$/;

/** pinyinOf is pure and asked for the same strings again (every rebuild of the lexicon, the
 * question's spans): remembered per distinct string, up to a bound (questions are unbounded). */
const PINYIN_CACHE = new Map<string, readonly string[]>();
const PINYIN_CACHE_MAX = 20_000;

export function pinyinOf(s: string): string[] {
  const hit = PINYIN_CACHE.get(s);
  if (hit) return [...hit];
  const py = pinyinUncached(s);
  if (PINYIN_CACHE.size >= PINYIN_CACHE_MAX) PINYIN_CACHE.clear();
  PINYIN_CACHE.set(s, py);
  return [...py];
}

function pinyinUncached(s: string): string[] {
  const py = pinyin(s, { toneType: 'none', type: 'array' });
  // pinyin-pro returns one syllable per character for CJK text; anything else (Latin runs,
  // surrogate pairs) is compared character by character.
  if (py.length === s.length) return py;
  return [...s].length === s.length ? [...s].map((c) => (CJK.test(c) ? pinyin(c, { toneType: 'none' }) : c)) : s.split('');
}

/** "发改局（国动办）" counts for 发改局 (ANSWERS.md) and for the office in the bracket, which the
 * unit hosts: one cell, two names. */
export function outerUnit(cell: string): string {
  return cell.replace(/[（(][^（）()]+[）)]$/, '');
}

function innerUnit(cell: string): string | undefined {
  return cell.match(/[（(]([^（）()]+)[）)]$/)?.[1];
}

/** Whether a unit cell of a record names the unit asked about. */
export function cellNames(cell: string, unit: string): boolean {
  return cell === unit || outerUnit(cell) === unit || innerUnit(cell) === unit;
}

const COLLECTIVE = /^(各|相关|市直|市级统筹)/;

function collectUnits(kb: KnowledgeBase): Set<string> {
  const canon = new Set<string>();
  const add = (xs: string[]) =>
    xs.forEach((x) => {
      canon.add(outerUnit(x));
      const inner = innerUnit(x);
      if (inner) canon.add(inner);
    });
  kb.keyTasks.forEach((t) => (add(t.leadUnits), add(t.coUnits)));
  kb.livelihood.forEach((p) => p.items.forEach((i) => (add(i.leadUnits), add(i.coUnits))));
  kb.voted.forEach((v) => (add(v.leadUnits), add(v.coUnits)));
  kb.measures.forEach((m) => (add(m.leadUnits), add(m.coUnits)));
  return canon;
}

function collectLeaders(kb: KnowledgeBase): string[] {
  const people = new Set<string>();
  kb.keyTasks.forEach((t) => t.leaders.forEach((p) => people.add(p)));
  kb.livelihood.forEach((p) => p.items.forEach((i) => i.leaders.forEach((l) => people.add(l))));
  kb.voted.forEach((v) => v.leaders.forEach((l) => people.add(l)));
  return [...people];
}

/** 住建局 → 住建, 生态环境分局 → 生态环境, 国资服务中心 → 国资, 高新区管委会 → 高新区: the way
 * units are spoken of (the generic tail dropped). */
function shortForm(name: string): string | undefined {
  const m = name.match(/^(.{2,6}?)(?:分局|支局|局|服务中心|事务中心|管委会|大队|集团)$/);
  return m ? m[1] : undefined;
}

/** 高新区管委会 → 高新区管理委员会, 政府办 → 政府办公室: the written-out generic tail a leader may
 * type for the short one the tables use. */
function longForms(name: string): string[] {
  const out: string[] = [];
  if (name.endsWith('管委会')) out.push(name.replace(/管委会$/, '管理委员会'));
  if (/^[\u4e00-\u9fa5]{2,4}办$/.test(name)) out.push(`${name}公室`);
  return out;
}

/** The towns of the knowledge base's own directory (an imported county brings its own), in
 * the order of its per-town table. */
function townNames(kb: KnowledgeBase): string[] {
  const own = kb.directory.towns.map((t) => t.name);
  return own.length ? own : [...TOWNS];
}

/** Names of people as the documents introduce them: "许强同志任组长", "市长马慧主持", "李晓萌（女）同志". */
function documentPeople(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  const NOT_A_NAME = /^(?:主要|相关|有关|全体|各位|分管|联系|以上|上述|其他|等)|[等的和及、]|负责|领导|干部|老$|人员/;
  for (const p of kb.passages)
    for (const m of p.text.matchAll(/([\u4e00-\u9fa5]{2,3}?)(?:（女）)?(?:等)?同志|市长([\u4e00-\u9fa5]{2,3}?)(?=主持|同志|出席|强调|指出|讲话|要求)|([\u4e00-\u9fa5]{2,3}?)市长(?=主持|出席|强调|指出|讲话|要求)/g)) {
      // "由许强同志", "免去郑杰同志": the word before the name is not part of it.
      const name = (m[1] ?? m[2] ?? m[3])!.replace(/^[由去任和与及是为将对请要经]/, '');
      if (name.length >= 2 && !NOT_A_NAME.test(name)) out.add(name);
    }
  return [...out];
}

/** What follows a person's name in a question about them: a post, an act, a duty. */
const PERSON_AFTER = /^(?:同志|市长|副市长|主任|局长)?(?:任|当|主持|担任|兼任|是|的职务|职务|分管|负责|被|免|调|现在|出席|讲话|牵头|要求)/;

/** "马惠主持的是第几次常务会" → 马慧, "许墙当的啥组长" → 许强: a piece of the question that the
 * documents never write, sounds like one person they name and differs from the name in one
 * character, and is followed by what is asked of a person, is that person's name. `seen` says
 * whether the documents write a piece. */
export function repairPeople(lex: Lexicon, text: string, seen: (piece: string) => boolean): string {
  if (!lex.people.length || !/[\u4e00-\u9fff]/.test(text)) return text;
  let out = text;
  for (const len of [3, 2])
    for (let at = 0; at + len <= out.length; at++) {
      const piece = out.slice(at, at + len);
      if (!CJK.test(piece) || seen(piece) || !PERSON_AFTER.test(out.slice(at + len))) continue;
      const name = lex.peopleByPinyin.get(pinyinOf(piece).join(' '));
      if (!name || name.length !== len || [...name].filter((c, i) => c !== piece[i]).length !== 1) continue;
      out = out.slice(0, at) + name + out.slice(at + len);
    }
  return out;
}

/** The documents' own words, where a short form's other uses show. */
function documentText(kb: KnowledgeBase): string {
  return [
    ...kb.passages.map((p) => p.text),
    ...kb.keyTasks.map((t) => t.target),
    ...kb.livelihood.flatMap((p) => [p.name, ...p.items.map((i) => i.text)]),
    ...kb.indicators.map((i) => i.text),
    ...kb.measures.map((m) => m.title),
  ].join('\n');
}

/** Whether the documents write `s` followed by more of a word (not its tail 局, not a list's 、
 * or 等): then it is an ordinary word as well as a unit's short form. */
function ordinaryWord(text: string, s: string, canon: string): boolean {
  // The unit's own tail (人社局, 发改局（国动办）, 国资服务中心) continues the name, not a word.
  const tail = new Set(['局', '等', canon.startsWith(s) ? canon[s.length]! : '局']);
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
    const next = text[at + s.length] ?? '';
    if (/[\u4e00-\u9fff]/.test(next) && !tail.has(next)) return true;
  }
  return false;
}

export function buildLexicon(kb: KnowledgeBase): Lexicon {
  const towns = new Set<string>(townNames(kb));
  const notAlias = new Set(HAND.notAliases.map((x) => x.alias));
  const raw: (Omit<LexEntry, 'py'> & { exact?: boolean })[] = [];
  const push = (alias: string, canon: string, kind: EntityKind, weak = false, exact = false) => {
    if (alias.length >= 2 && !notAlias.has(alias)) raw.push({ alias, canon, kind, weak, exact });
  };

  const leaders = collectLeaders(kb);
  for (const p of leaders) push(p, p, 'leader');
  // "曹市长": a surname with a title names a leader only when no other leader shares it.
  for (const p of leaders)
    if (leaders.filter((o) => o[0] === p[0]).length === 1)
      // Exact only: the surname is the one character that tells who, and 付市长 sounds like
      // 副市长 — a homophone here would put a name on "哪位副市长".
      // 付 is what the IME gives for 副 (both fù): "曹付市长" is 曹副市长, not 付文勇.
      for (const title of ['市长', '副市长', '常务副市长', '常务', ...(p[0] === '付' ? [] : ['付市长', '常务付市长'])]) push(p[0] + title, p, 'leader', false, true);
  // "傅市长": a common surname no leader has, sounding like the one leader surname of that sound (付)
  for (const s of HAND.surnames?.chars ?? '') {
    if (leaders.some((o) => o[0] === s)) continue;
    const like = leaders.filter((o) => pinyinOf(o[0]!)[0] === pinyinOf(s)[0]);
    if (like.length !== 1) continue;
    for (const title of ['市长', '副市长', '常务副市长']) push(s + title, like[0]!, 'leader', false, true);
  }
  for (const e of kb.directory.people) for (const a of e.aliases) push(a, e.name, 'leader');
  // "艳平牵头哪些": a two-character given name names the one leader who has it; weak, so only
  // before a role word.
  for (const p of leaders)
    if (p.length === 3 && leaders.filter((o) => o.endsWith(p.slice(1))).length === 1) {
      push(p.slice(1), p, 'leader', true);
      // "亚江市长那个企业上云": the given name with a title is as plain a name as 曹市长; exact
      // only, like the surname forms.
      for (const title of ['市长', '副市长', '常务副市长', '同志']) push(p.slice(1) + title, p, 'leader', false, true);
    }

  const units = [...collectUnits(kb)].filter((c) => !COLLECTIVE.test(c) && !towns.has(c));
  const shorts = new Map<string, Set<string>>();
  const addShort = (name: string, canon: string) => {
    const s = shortForm(name);
    if (s) shorts.set(s, (shorts.get(s) ?? new Set()).add(canon));
  };
  for (const c of units) {
    const base = [c, ...(UNIT_ALIASES[c] ?? []), ...(kb.directory.units.find((e) => e.name === c)?.aliases ?? [])];
    const spellings = [...base, ...base.flatMap(longForms)];
    // 市住健局 is matched as 市 + a slip of 住建局, so the prefixed forms need no pinyin of their own
    // (pinyin of every alias is most of the lexicon's start-up time).
    for (const a of spellings) (push(a, c, 'unit'), push('市' + a, c, 'unit', false, true), push('汨罗市' + a, c, 'unit', false, true), addShort(a, c));
  }
  // A bracketed cell written whole ("发改局（国动办）") is the outer unit.
  for (const e of kb.directory.units) if (outerUnit(e.name) !== e.name) push(e.name, outerUnit(e.name), 'unit');
  // "市监局", "交运局", "文广局": the initials of a four-character name's two words with its tail,
  // the way such units are spoken of; kept only when no other unit's name has those characters.
  for (const c of units) {
    const m = c.match(/^([\u4e00-\u9fa5]{4})(局|分局|支局)$/);
    if (!m) continue;
    const initials = m[1]![0]! + m[1]![2]!;
    if (units.some((o) => o !== c && o.includes(initials))) continue;
    // 生态环境分局 is 生环分局 as well as 生环局: the tail kept as written, and the bare 局.
    for (const tail of new Set([m[2]!, '局'])) {
      addShort(`${initials}${tail}`, c);
      push(`${initials}${tail}`, c, 'unit');
      push(`市${initials}${tail}`, c, 'unit', false, true);
    }
  }
  // "生态分局", "应急局", "文旅局": a long unit name's first word with its tail, the way a leader
  // clips it on a phone; kept only when no other unit starts with that word.
  for (const c of units) {
    const m = c.match(/^([\u4e00-\u9fa5]{2})[\u4e00-\u9fa5]{2,4}?(分局|支局|局)$/);
    if (!m || units.some((o) => o !== c && o.startsWith(m[1]!))) continue;
    for (const tail of new Set([m[2]!, '局'])) {
      push(`${m[1]}${tail}`, c, 'unit');
      push(`市${m[1]}${tail}`, c, 'unit', false, true);
    }
  }
  const strong = new Set(raw.map((r) => r.alias));
  const prose = documentText(kb);
  for (const [s, canons] of shorts)
    // A short form two units share (商务 of 商务局 and 商务粮食局 is one unit; 农业 → one) is kept
    // only when it points at one unit. It is weak (a role word must follow) when the documents
    // use it as an ordinary word too (交通安全, 农文旅); one they write only as the unit (人社,
    // 教体, 发改、工信等) names the unit wherever it stands ("人社今年新增就业多少").
    if (canons.size === 1 && !strong.has(s)) push(s, [...canons][0]!, 'unit', ordinaryWord(prose, s, [...canons][0]!));
  for (const f of HAND.shortForms) if (units.includes(f.canon) && !strong.has(f.alias)) push(f.alias, f.canon, 'unit', true);

  for (const t of towns) {
    // 白水镇政府 and the like are written out in documents, not typed: exact match is enough.
    for (const a of townAliases(t)) push(a, t, 'town', false, /政府|办/.test(a));
    for (const a of kb.directory.towns.find((x) => x.name === t)?.aliases ?? []) push(a, t, 'town');
  }

  const seen = new Set<string>();
  const unique = raw.sort((a, b) => b.alias.length - a.alias.length).filter((r) => !seen.has(r.alias) && seen.add(r.alias));
  const entries: LexEntry[] = unique.map(({ exact, ...e }) => ({ ...e, py: CJK.test(e.alias) && !exact ? pinyinOf(e.alias) : [] }));
  const byPinyin = new Map<string, LexEntry[]>();
  for (const e of entries) if (e.py.length) byPinyin.set(e.py.join(' '), [...(byPinyin.get(e.py.join(' ')) ?? []), e]);
  const longByFirst = new Map<string, LexEntry[]>();
  for (const e of entries)
    if (e.alias.length >= 5 && !e.weak && e.kind !== 'leader' && CJK.test(e.alias)) longByFirst.set(e.alias[0]!, [...(longByFirst.get(e.alias[0]!) ?? []), e]);
  // 任弼时 gives 弼时, a town: a name the lexicon has already is not a person's.
  const people = documentPeople(kb).filter((p) => !leaders.includes(p) && !seen.has(p));
  const peopleByPinyin = new Map<string, string>();
  for (const p of people) {
    const key = pinyinOf(p).join(' ');
    // Two people who sound alike: a slip cannot say which.
    peopleByPinyin.set(key, peopleByPinyin.has(key) ? '' : p);
  }
  return {
    entries,
    leaders,
    people,
    peopleByPinyin,
    units,
    towns: [...towns],
    byPinyin,
    longest: Math.max(2, ...entries.filter((e) => e.py.length).map((e) => e.alias.length)),
    longByFirst,
    notAfter: new Map(HAND.notAfter.map((x) => [x.alias, x.before])),
  };
}

/** What must follow a weak short form (or a two-character homophone) for it to be a name:
 * a role or a question about its tasks, not the rest of a topic word (科技创新, 交通安全). */
// "住建的完成率", "发改的工作": after 的 the words of a holder's standing (its tasks, their progress)
// say the short form is the unit; the documents never write these short forms before 的.
// "住建的呢": the short form alone, asked about as a whole, is the unit.
const ROLE_AFTER = /^(?:(?:局|的)?呢\s*[?？]?\s*$|(?:局|的)?(?:牵头|的(?:完成率|完成情况|进展|进度|情况|工作|事情|事儿|事|活儿|活|担子|重点工作|项目)|负责|配合|参与|协助|分管|主抓|管|那|这|有哪|有几|有什么|有啥|一共|总共|共|几项|多少项|和|与|跟|、|都|单独|独自|一家(?=牵头|负责)|自己(?=牵头|负责|单独)|还|任务|的任务|干|要干|抓|搞|弄|做|在(?:搞|抓|管|做|干|牵头|负责|配合|分管|参与)|作为(?:牵头|配合|责任)|民生实事|民生(?=几|多少|有|哪|的)|重点任务|票决))/;

/** "住建在民生实事里牵头啥", "农业农村在附件1牵头哪些": where to look said between the name and its role. */
const ROLE_AFTER_PLACE = new RegExp(`^(?:(?:在|从)[^，。？?！!\\s在]{1,14}?(?:里面|里头|当中|之中|里|中|上)?(?:的|都|还|也)?)?(?:${ROLE_AFTER.source.slice(1)})`);

function roleFollows(text: string, end: number): boolean {
  // "发改（国动办）牵头": the unit's second name in brackets, as the tables write it, then the role.
  // "住建在民生实事里牵头啥": where to look said between the name and its role.
  // "曹涛副市长分管的": a person's post between the name and the role.
  // "城管今年牵头啥", "卫健一起牵头的": the year or a joint word between the name and its role.
  return ROLE_AFTER_PLACE.test(text.slice(end).replace(/^[(（][^()（）]{1,10}[)）]/, '').replace(/^(?:同志|常务副市长|副市长|市长)/, '').replace(/^(?:今年|今年度|全年|2026年|26年)?(?:一起|共同|联合)?(?=牵头|负责|配合)/, ''));
}

/** Finds the names in a question, longest first, without overlaps; then, in what is left,
 * homophones of names by pinyin. A homophone must differ from the name in one character (two in
 * names of four or more), and a two-character one must be followed by a role word, so an
 * unrelated word is not turned into a name. */
export function findMentions(lex: Lexicon, text: string): Mention[] {
  const taken: boolean[] = new Array(text.length).fill(false);
  const out: Mention[] = [];
  const free = (at: number, end: number) => !taken.slice(at, end).some(Boolean);
  const take = (e: LexEntry, at: number, end: number, via: Mention['via']) => {
    for (let i = at; i < end; i++) taken[i] = true;
    out.push({ kind: e.kind, canon: e.canon, alias: e.alias, written: text.slice(at, end), at, end, via });
  };
  for (const e of lex.entries) {
    for (let from = 0; ; ) {
      const at = text.indexOf(e.alias, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + e.alias.length;
      if (!free(at, end)) continue;
      if (at > 0 && lex.notAfter.get(e.alias) === text[at - 1]) continue;
      if (e.weak && !roleFollows(text, end)) continue;
      // "白水真": the short form followed by a slip of the rest of the full name (镇) is the full
      // name, so the slip does not stay behind in the topic.
      const longer = end < text.length && /[\u4e00-\u9fff]/.test(text[end]!) && free(end, end + 1)
        ? lex.byPinyin.get(pinyinOf(text.slice(at, end + 1)).join(' '))?.find((x) => x.canon === e.canon && x.alias.startsWith(e.alias))
        : undefined;
      if (longer) take(longer, at, end + 1, 'pinyin');
      else take(e, at, end, 'text');
    }
  }
  if (/[\u4e00-\u9fff]/.test(text)) {
    const py = pinyinOf(text);
    // Up to the longest name (重大能源项目建设指挥部): a slip in a long name's first characters
    // must not leave a shorter name inside it to be found instead (整府办金融发展中心 is not 政府办).
    for (let len = Math.min(lex.longest, text.length); len >= 2; len--)
      for (let at = 0; at + len <= text.length; at++) {
        const end = at + len;
        if (!CJK.test(text.slice(at, end))) continue;
        // Names found as written inside the window (汨罗供电公司 in 国亡汨罗供电公司) are parts of it.
        const inside = out.filter((m) => m.at >= at && m.end <= end);
        const covered = inside.reduce((n, m) => n + m.end - m.at, 0);
        if (taken.slice(at, end).filter(Boolean).length !== covered) continue;
        const cands = lex.byPinyin.get(py.slice(at, end).join(' '));
        if (!cands) continue;
        const fits: { e: LexEntry; diff: number }[] = [];
        for (const e of cands) {
          // Only the slipped name's own shorter forms may sit inside it, never another name.
          if (inside.some((m) => m.canon !== e.canon)) continue;
          let diff = 0;
          for (let i = 0; i < len; i++) if (e.alias[i] !== text[at + i]) diff++;
          // "吴燕萍": a leader's surname typed right and both given-name characters slipped to
          // others that sound the same is that leader (the pinyin already matched whole).
          const givenSlip = len === 3 && e.kind === 'leader' && text[at] === e.alias[0];
          if (diff === 0 || diff > (len >= 4 || givenSlip ? 2 : 1)) continue;
          if ((len === 2 || e.weak) && !roleFollows(text, end)) continue;
          if (at > 0 && lex.notAfter.get(e.alias) === text[at - 1]) continue;
          fits.push({ e, diff });
        }
        // The closest name; a slip as close to two names (饶晴 of 饶清 and 饶青) cannot say which.
        const least = Math.min(...fits.map((f) => f.diff));
        const best = fits.filter((f) => f.diff === least);
        if (!best.length || new Set(best.map((f) => f.e.canon)).size > 1) continue;
        for (const m of inside) out.splice(out.indexOf(m), 1);
        for (let i = at; i < end; i++) taken[i] = false;
        take(best[0]!.e, at, end, 'pinyin');
      }
    // "农业农材局": a long unit or town name with one character inside it mistyped (neither the
    // first, which says whose, nor the last, which says what kind: 自然资源厅 is not 自然资源局).
    for (let at = 0; at + 5 <= text.length; at++)
      for (const e of lex.longByFirst.get(text[at]!) ?? []) {
        const n = e.alias.length;
        if (at + n > text.length || text[at + n - 1] !== e.alias[n - 1] || !free(at, at + n)) continue;
        let diff = 0;
        // An administrative level written in place of another (汨罗市政府 against 汨罗镇政府) is
        // another body, not a slip.
        let level = false;
        for (let i = 1; i < n - 1; i++) if (text[at + i] !== e.alias[i]) (diff++, (level ||= ADMIN_LEVEL.test(text[at + i]!) && ADMIN_LEVEL.test(e.alias[i]!)));
        if (diff === 1 && !level && CJK.test(text.slice(at, at + n))) take(e, at, at + n, 'pinyin');
      }
  }
  return out.sort((a, b) => a.at - b.at);
}

const ADMIN_LEVEL = /[省市县区镇乡街村]/;

const NUMERAL = '[\\d零〇一二两三四五六七八九十百]';

/** Repairs what a homophone slip broke outside names: "弟28项" → "第28项". The character's
 * usual reading decides, so 的 (de, rarely di) in "曹陶的3项任务" stays. */
export function repairNumberPrefix(text: string): string {
  return text.replace(new RegExp(`([\\u4e00-\\u9fff])(?=${NUMERAL}{1,4}\\s*[项个号条])`, 'g'), (ch) => {
    for (const r of HAND.pinyinFirstChar)
      if (ch !== r.char && !r.except.includes(ch) && pinyin(ch, { toneType: 'none' }) === r.pinyin) return r.char;
    return ch;
  });
}

/** Characters that look like another one and are typed for it (汩 for 汨), written as the
 * documents write them; the table is hand-kept (lexicon.json lookAlike), each with its reason. */
export function repairLookAlikes(text: string): string {
  let out = text;
  for (const r of HAND.lookAlike ?? []) out = out.split(r.char).join(r.as);
  return out;
}

/** The question with every homophone name written as the name, so later rules see 住建局. */
export function correctedText(text: string, mentions: Mention[]): string {
  let out = '';
  let at = 0;
  for (const m of mentions) if (m.via === 'pinyin') (out += text.slice(at, m.at) + m.alias, (at = m.end));
  return out + text.slice(at);
}

/** "社消零增长多少": a spoken short form of a figure's name (lexicon.json topicShortForms, each
 * with its reason) written out as the documents write it, before anything reads the question. */
export function spellOutShortForms(text: string): string {
  let out = text;
  for (const f of HAND.topicShortForms ?? []) if (out.includes(f.alias) && !out.includes(f.full)) out = out.split(f.alias).join(f.full);
  return out;
}
