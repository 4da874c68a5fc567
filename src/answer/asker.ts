// The asker's words around a question (knowledge/asker.json): who asks (财政所, 人大代表), what for
// (讲话稿, 提案), how they ask (问下, 想了解), how the reply should come (你帮我看下, 拉个单子出来)
// and voice-input filler (那个, 就是说). None is a word of the subject, and left in they pull the
// search toward passages about speeches, reports and lists, or make a subject (财政所) of the asker.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cutWords } from './dictionary.ts';

type Kind = 'who' | 'self' | 'purpose' | 'ask' | 'say' | 'request' | 'filler' | 'glue';
/** alsoTopic: a body that is a subject too (人大票决, 审计整改); kind: of a word of telling */
interface Group { words: string[]; reason: string; kind?: 'ask' | 'say'; alsoTopic?: boolean }
type AskerFile = Record<'who' | 'purpose' | 'telling' | 'request' | 'filler' | 'glue', Group[]>;

const FILE: AskerFile = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../knowledge/asker.json'), 'utf8'));

const KIND = new Map<string, Kind>();
for (const [cls, groups] of Object.entries(FILE) as [keyof AskerFile, Group[]][]) {
  if (!Array.isArray(groups)) continue;
  for (const g of groups) for (const w of g.words) if (!KIND.has(w)) KIND.set(w, cls === 'telling' ? g.kind! : cls === 'who' && !g.alsoTopic ? 'self' : cls);
}
/** words of asking that are names too (统计 for 统计局): no asker's run on their own */
const ALSO_TOPIC = new Set(FILE.telling.filter((g) => g.alsoTopic).flatMap((g) => g.words));
const LONGEST = Math.max(...[...KIND.keys()].map((w) => w.length));
/** filler said anywhere; the others (那个, 就是) only where a clause starts */
const ANYWHERE = FILE.filler[0]!.words;
const FILLER_ANYWHERE = new RegExp(ANYWHERE.map((w) => `${w}+`).join('|'), 'g');
const FILLER_START = new RegExp(`^(?:(?:${FILE.filler.flatMap((g) => g.words).join('|')})[\\s，,]*)+(?=[\\u4e00-\\u9fa5]|$)`);
const REQUESTS = FILE.request.flatMap((g) => g.words).sort((a, b) => b.length - a.length);
/** "…进度填了没有没填的话就催一下", "…最新数你帮我看一下": a request closing the question's own clause */
const TRAILING_REQUEST = new RegExp(`(?:[\\u4e00-\\u9fa5]{1,3}的话)?就?(?:你|麻烦你?|请)?(?:${REQUESTS.join('|')})[吧哈呗]?[。.!！~～]*$`);
/** 罗列一下, 排列一下, 汇报一下: the request's verb is the end of a word of the question's own */
const WORD_BEFORE = /[罗排并陈开汇解细述都部]$/;

/** known: a word of the lexicon, even where read as part of the question's own word */
interface Token { word: string; kind: Kind | undefined; at: number; known: boolean }

/** The clause read as the asker's words, longest first; a character that is none of them is a
 * token of its own (kind undefined). A one-character word is the asker's only where it stands
 * apart: not right after a character of the question's own (弼时 is not 弼 + 时, 专报 not 专 + 报),
 * nor opening a dictionary word of the question's own (突出问题 is not …出 + 问 + 题); 稿 is a
 * suffix (电商稿). */
function tokens(clause: string): Token[] {
  const out: Token[] = [];
  // the dictionary word each character stands in
  let wordAt: string[] | undefined;
  const apart = (at: number) => {
    wordAt ??= cutWords(clause).flatMap((w) => [...w].map(() => w));
    return [...(wordAt[at] ?? '')].every((ch) => KIND.has(ch));
  };
  for (let at = 0; at < clause.length;) {
    let len = Math.min(LONGEST, clause.length - at);
    for (; len > 0 && !KIND.has(clause.slice(at, at + len)); len--);
    const word = len ? clause.slice(at, at + len) : clause[at]!;
    const prev = out[out.length - 1];
    const single = len === 1 && KIND.get(word) !== 'purpose';
    const joined = single && prev !== undefined && (!prev.known || !apart(at));
    out.push({ word, kind: len && !joined ? KIND.get(word) : undefined, at, known: len > 0 });
    at += word.length;
  }
  return out;
}

const STRONG = new Set<Kind | undefined>(['who', 'self', 'purpose', 'ask', 'request']);
/** What the asker's words leave of a clause, and whether they said who asks or what for. */
const SELF = /^(?:我是|我叫|我在)/;
/** 小王, 老周: how one names oneself after 我是…的 */
const OWN_NAME = /的?[小老][\u4e00-\u9fa5]$/;
const ASKS = /哪|谁|什么|多少|几|吗|啥|怎么|如何|是否|有没有/;
function residue(clause: string): { rest: string; strong: boolean; context: boolean; droppable: boolean } {
  const ts = tokens(clause);
  const has = (...ks: Kind[]) => ts.some((t) => ks.includes(t.kind!));
  // "组织部想了解一下", "神鼎山卫生院问的": what stands before the words of asking is who asks
  // a clause that asks (…地址在哪, 启动资金谁调度) is the question, whoever's words are in it
  const asks = ASKS.test(clause);
  const first = ts.findIndex((t) => t.kind);
  const body = !asks && first > 0 && ts.slice(first).some((t) => t.kind === 'ask' || t.kind === 'purpose') ? first : 0;
  const rest = ts.slice(body).filter((t) => !t.kind).map((t) => t.word).join('');
  // a body that is a subject too counts as the asker only when it tells (党校讲科技创新) or is said
  // of oneself (我是…): 人大票决的… names the vote
  const self = has('self') || /^(?:我|作为)/.test(clause);
  const telling = has('purpose', 'ask') || (has('who') && has('say'));
  // "我打字慢，…", "我们村有个低保户老人走了，…": a remark about oneself, not an introduction (我是罗江
  // 镇的) nor what belongs to one's body (我们岳阳县的民生实事…)
  const remark = /^我(?![是在叫])/.test(clause) && !clause.includes('的');
  return { rest, strong: !asks && ts.some((t) => STRONG.has(t.kind)), context: !asks && (telling || self), droppable: !asks && (telling || remark) };
}
/** "6月份", "第2期": a date left of the asker's clause (要出6月份通报) is no subject of its own. */
const hasTopic = (rest: string) => rest.replace(WHEN_SAID, '').length >= 2;
/** the dates and days an occasion is said with (明天开会, 要出6月份通报) */
const WHEN_SAID = /[\d０-９]+|月份|季度|今天|明天|后天|今晚|明早|下周|本周|这周|下星期|周[一二三四五六日]|上午|下午|晚上|[第年月日号期个项周.、\s]/g;

/** "财政所问下新市街道…", "讲话稿里要提2025年…", "帮领导回顾一下…": the asker's words at the head of
 * the question's own clause, up to a word of asking (or of saying, after a word of what for) or a
 * request, where the dictionary cuts a word (问题 is not 问 + 题). */
function leadRun(clause: string): number {
  const ts = tokens(clause);
  let cut = 0;
  let purpose = false;
  let strong = false;
  for (const t of ts) {
    if (!t.kind) break;
    if (t.kind === 'purpose') purpose = true;
    // (a word of asking alone is no asker's run: 统计有没有逾期的 asks about 统计局)
    if (STRONG.has(t.kind) && !(t.kind === 'ask' && ALSO_TOPIC.has(t.word))) strong = true;
    const end = t.at + t.word.length;
    if (strong && (t.kind === 'ask' || t.kind === 'request' || (t.kind === 'say' && purpose)) && cutsAt(clause, end)) cut = end;
  }
  return clause.length - cut >= 4 ? cut : 0;
}

/** "…哪个单位负责的我要对接一下", "…有哪些就是说写材料要用的": the asker's words closing the question's
 * own clause. Words of what for are subjects too (…在什么会上做的, …怎么调度的), so the run must
 * hold a request, be said of oneself (我…), or say the use (…材料要用). */
function trailRun(clause: string): number {
  const ts = tokens(clause);
  let cut = clause.length;
  let used = false;
  let request = false;
  for (let i = ts.length - 1; i >= 0 && ts[i]!.kind; i--) {
    const t = ts[i]!;
    if (t.kind === 'request') request = true;
    if (USE.test(t.word)) used = true;
    const wanted = request || /^(?:我|给领导|帮领导)/.test(t.word) || (used && t.kind === 'purpose');
    if (wanted && cutsAt(clause, t.at)) cut = t.at;
  }
  return cut >= 4 ? cut : clause.length;
}
const USE = /^要?用的?$/;

function cutsAt(s: string, at: number): boolean {
  let pos = 0;
  for (const w of cutWords(s)) {
    if (pos === at) return true;
    if (pos > at) return false;
    pos += w.length;
  }
  return pos === at;
}

export interface AskerReading {
  /** the question without the asker's words */
  question: string;
  /** the question without its leading context clause too (写提案想提流动供销，…), to try when the
   * question finds nothing */
  bare?: string;
}

const SPLIT = /([\s，,：:。；;！!？?]+)/;

/** The question with the asker's clauses and runs taken out. A clause made only of the asker's
 * words goes; the first clause, when it says who asks or what for beside words of its own
 * (提案关注出生缺陷防治，…), keeps those words, and `bare` is the question without it. */
export function readAsker(typed: string): AskerReading {
  const parts = typed.replace(FILLER_ANYWHERE, ' ').split(SPLIT);
  const clauses: { text: string; sep: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const text = parts[i]!.replace(FILLER_START, '').trim();
    if (text) clauses.push({ text, sep: parts[i + 1] ?? '' });
    else if (clauses.length) clauses[clauses.length - 1]!.sep += parts[i + 1] ?? '';
  }
  const kept: { text: string; sep: string }[] = [];
  const contexts: number[] = [];
  clauses.forEach((c, i) => {
    const r = residue(c.text);
    const last = i === clauses.length - 1;
    // a clause of the asker's own: 我是镇里的联络员, 写分工表要用, 财政所问一下
    if (clauses.length > 1 && r.strong && !hasTopic(r.rest)) return;
    // "…我是镇里的小王": the asker's own name
    if (i > 0 && SELF.test(c.text) && !hasTopic(r.rest.replace(OWN_NAME, ''))) return;
    const lead = leadRun(c.text);
    // a clause said for the asker's sake beside words of its own (提案关注出生缺陷防治，…; 我是弼时的支书):
    // those words stay; what for (not who: 我是罗江镇的 names the subject) may go on a retry
    if (!last && r.context) {
      if (r.droppable) contexts.push(kept.length);
      return kept.push({ text: lead ? c.text.slice(lead).replace(FILLER_START, '') : r.rest, sep: ' ' });
    }
    kept.push(lead ? { text: c.text.slice(lead).replace(FILLER_START, ''), sep: c.sep } : c);
  });
  if (!kept.length) return { question: typed };
  // "…，没填的话就催一下": a clause that is only a request (and its condition)
  if (kept.length > 1 && kept[kept.length - 1]!.text.search(TRAILING_REQUEST) === 0) kept.pop();
  const last = kept[kept.length - 1]!;
  const m = last.text.match(TRAILING_REQUEST);
  let text = m && m.index! >= 4 && !WORD_BEFORE.test(last.text.slice(0, m.index)) ? last.text.slice(0, m.index) : last.text;
  text = text.slice(0, trailRun(text));
  kept[kept.length - 1] = { text, sep: last.sep };
  const join = (cs: { text: string; sep: string }[]) => cs.map((c, i) => c.text + (i < cs.length - 1 ? (/[：:]/.test(c.sep) ? ' ' : c.sep) : c.sep)).join('').trim();
  const question = join(kept).replace(/[\s，,：:]+$/, '');
  const rest = contexts.length ? join(kept.filter((_, i) => !contexts.includes(i))) : '';
  // (a retry of "多少" alone, from 讲话稿里要讲2024年粮食总产量，多少, would ask nothing)
  const bare = rest.replace(/[^\u4e00-\u9fa5A-Za-z0-9]/g, '').length >= 4 ? rest : undefined;
  const unchanged = question.replace(/\s+/g, '') === typed.replace(/\s+/g, '');
  return { question: unchanged ? typed : question, bare };
}
