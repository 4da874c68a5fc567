// "重点工作任务通知哪天印发的", "专报第2期落款日期": the date a document was issued, from its signature
// (the 落款 passage: issuer and date, knowledge/parsers/passages.ts) or, for the bulletin, whose
// date stands in its masthead, from its head (文头).
import type { Passage, SourceRef } from '../../knowledge/types.ts';
import type { AnswerContext } from './context.ts';
import { clip, sourceText } from './format.ts';
import { charCoverage, longestGap, ordinalClash } from './quote.ts';
import { parseChineseNumber } from './text.ts';
import type { Answer } from './types.ts';

/** How an issue date is asked: 哪天印发的, 什么时候发的, 落款日期, 成文日期. */
export const ASKS_ISSUED = /(?:哪天|哪一天|什么时候|啥时候|何时|几号|几月几[号日])(?:印发|发布|下发|签发|发文|成文|出台|批复|批|发)的?|(?:印发|发布|下发|签发|发文|成文|落款)(?:的)?(?:日期|时间)|落款/;

const DATE = /\d{4}年\d{1,2}月\d{1,2}日/;
/** Words that say which document, not what it is about: they need not be in its title. */
const ASKING = new RegExp(`${ASKS_ISSUED.source}|(?:发文)?(?:字号|文号)(?:是)?(?:多少|什么|啥)?|(?:啥|什么|多少)(?:发文)?(?:字号|文号)|日期|时间|是|的|哪天|几号|[那这哪](?:个|份|篇|件)|[,，、和及还有又]`, 'g');

/** The issue date of the document the question names, or null when no document's title and head
 * hold the question's words. */
/** How a document's number is asked: 文号, 发文字号, 几号文. */
export const ASKS_DOCNO = /文号|字号|几号文|什么号文/;
const DOCNO = /[\u4e00-\u9fa5]{2,6}\s*〔\s*\d{4}\s*〕\s*\d{1,3}\s*号/;

export function signatureAnswer(ctx: AnswerContext, question: string): Answer | null {
  if (ASKS_ISSUER.test(question)) {
    const by = issuerAnswer(ctx, question);
    if (by) return by;
  }
  const to = ASKS_ADDRESSEE.test(question) ? addresseeAnswer(ctx, question) : null;
  const dated = issueAnswer(ctx, question.replace(ASKS_ADDRESSEE, ' '));
  if (!to || !dated?.found) return to ?? dated;
  // "…是批复给哪个局的 哪天批的": both, the addressee first.
  const body = (a: Answer) => a.text.split('\n').filter((l) => !l.startsWith('来源：'));
  return { found: true, text: [...body(to), ...body(dated), sourceText(to.refs)].join('\n'), refs: to.refs };
}

/** How the addressee of a reply or a letter is asked: 批复给哪个局, 函发给谁了, 主送单位. */
const ASKS_ADDRESSEE = /(?:批复|回复|答复|致函|发函|行文|下发|印发|发|批|报|送|写|致|复)给了?(?:谁|哪(?:个|家|位)?(?:单位|部门|局|公司)?)|主送(?:单位|机关)?|(?:是)?给(?:谁|哪个(?:单位|部门|局))的/;

/** The 主送 line of the document the question names: who a reply or a letter is addressed to. */
function addresseeAnswer(ctx: AnswerContext, question: string): Answer | null {
  const subject = question.replace(ASKS_ADDRESSEE, ' ').replace(ASKING, ' ').replace(/[了吗呢啊]/g, ' ').trim();
  if (subject.replace(/\s/g, '').length < 2) return null;
  const best: { score: number; at: Passage }[] = [];
  for (const p of ctx.kb.passages) {
    if (p.section[0] !== '主送') continue;
    // A letter is named by a short form of its title (买公安执法车那个函 for 支持购置公安执法执勤车辆的
    // 函): most of the subject's characters, no word-level match; the few letters rarely share them.
    const score = charShare(subject, withDigits(p.title));
    if (score < 0.8 || ordinalClash(question, p.title)) continue;
    best.push({ score, at: p });
  }
  if (!best.length) return null;
  const top = Math.max(...best.map((b) => b.score));
  const shown = best.filter((b) => b.score === top).slice(0, 3);
  const refs: SourceRef[] = shown.map(({ at }) => ({ doc: at.doc, title: at.title, locator: '主送', line: at.line }));
  return { found: true, text: [...shown.map(({ at }) => `${clip(at.title, 50)}：${at.text.replace("主送：", "主送")}。`), sourceText(refs)].join('\n'), refs };
}

/** How the issuer of a document is asked: 哪个单位编发的, 谁印发的, 发文单位. */
const ASKS_ISSUER = /(?:哪个单位|哪家单位|哪个部门|谁|哪里)(?:编发|编印|印发|发布|下发|主办|编|发|出)的|(?:编发|发文|印发|落款)(?:单位|机关)|谁(?:编发|编印|主办)/;
/** A unit's name as a head or a signature writes it. */
const ISSUER = /^[\u4e00-\u9fa5“”]{2,30}(?:组|办公室|人民政府|委员会|指挥部|专班)$/;

/** "专报第2期是哪个单位编发的": the issuer its signature or masthead names. */
function issuerAnswer(ctx: AnswerContext, question: string): Answer | null {
  const subject = question.replace(ASKS_ISSUER, ' ').replace(ASKING, ' ').trim();
  if (subject.replace(/\s/g, '').length < 2) return null;
  let best: { score: number; at: Passage; by: string } | undefined;
  for (const p of ctx.kb.passages) {
    if (p.section[0] !== '落款' && p.section[0] !== '文头') continue;
    const named = withDigits(`${p.title} ${p.section[0] === '文头' ? p.text : ''}`);
    const score = charCoverage(subject, named);
    if (score < 0.8 || longestGap(subject, named) >= 2 || ordinalClash(question, named)) continue;
    const by = p.text.split('；').map((x) => x.trim().replace(/^落款[:：]/, '')).find((x) => ISSUER.test(x));
    if (by && (!best || score > best.score)) best = { score, at: p, by };
  }
  if (!best) return null;
  const { at, by } = best;
  const ref: SourceRef = { doc: at.doc, title: at.title, locator: at.section[0]!, line: at.line };
  // "…是谁编的 哪天": the date the same signature or masthead gives, with it.
  const sign = ctx.kb.passages.find((p) => p.title === at.title && p.doc === at.doc && p.section[0] === '落款');
  const date = /哪天|哪一天|日期|什么时候|啥时候|几号|时间/.test(question) ? (sign?.text.match(DATE) ?? at.text.match(DATE))?.[0] : undefined;
  return { found: true, text: [`${clip(at.title, 50)}：${at.section[0] === '落款' ? '落款' : '文头署'}${by}${date ? `，${date}` : ''}。`, sourceText([ref])].join('\n'), refs: [ref] };
}

/** A title also with its ordinals in digits (第二批 → 第2批) and without its years: questions have
 * their numerals turned to digits before anything reads them, titles write them in Chinese. */
function withDigits(title: string): string {
  const digits = title.replace(/第([一二三四五六七八九十百]{1,4})(批|期|届|轮|次)/g, (all, n: string, c: string) => {
    const v = parseChineseNumber(n);
    return Number.isNaN(v) ? all : `第${v}${c}`;
  });
  // The question's years are no subject words (quote.ts contentRuns drops them): the title's
  // years are left out too, so 运用第2批 meets 运用2026年第二批 as written.
  const bare = digits.replace(/(?:20)?\d\d\s*年度?/g, '');
  return bare === title ? title : `${title} ${bare}`;
}

/** Share of the subject's Chinese characters that the title holds, each anywhere. */
function charShare(subject: string, title: string): number {
  const cs = subject.match(/[\u4e00-\u9fa5]/g) ?? [];
  return cs.length ? cs.filter((c) => title.includes(c)).length / cs.length : 0;
}

function issueAnswer(ctx: AnswerContext, question: string): Answer | null {
  const asksDate = ASKS_ISSUED.test(question);
  const asksNo = ASKS_DOCNO.test(question);
  if (!asksDate && !asksNo) return null;
  const subject = question.replace(ASKING, ' ').trim();
  if (subject.replace(/\s/g, '').length < 2) return null;
  // Each document (a notice, a reply, the bulletin): its title, head and signature.
  const docs = new Map<string, { head?: Passage; sign?: Passage }>();
  for (const p of ctx.kb.passages) {
    const kind = p.section[0] === '落款' ? 'sign' : p.section[0] === '文头' ? 'head' : undefined;
    if (!kind) continue;
    const key = `${p.doc}|${p.title}`;
    const d = docs.get(key) ?? docs.set(key, {}).get(key)!;
    d[kind] ??= p;
  }
  // "汨政函〔2026〕5号哪天印发的": a number typed names that document alone (its tail: words typed
  // before the issuer, 请问 or 我想了解, are no part of it)
  const typedNo = question.match(DOCNO)?.[0].replace(/\s+/g, '');
  const noTail = typedNo?.slice(Math.max(0, typedNo.indexOf('〔') - 3));
  const found: { score: number; date: string; at: Passage; issuer?: string; no?: string; issued?: string }[] = [];
  const undated: { score: number; at: Passage }[] = [];
  for (const { head, sign } of docs.values()) {
    const at = sign ?? head!;
    const named = withDigits(`${at.title} ${head?.text ?? ''}`);
    if (noTail && !named.replace(/\s+/g, '').includes(noTail)) continue;
    const score = charCoverage(subject, named);
    // "专报第3期": another issue than the one there is, not its date.
    if (score < 0.8 || longestGap(subject, named) >= 2 || ordinalClash(question, named)) continue;
    const date = (sign?.text.match(DATE) ?? head?.text.match(DATE))?.[0];
    // Only the number asked: every fitting document with a number, dated or not.
    if (!asksDate) {
      // The number is how a document is cited, with its date: both are given.
      const no = `${at.title} ${head?.text ?? ''}`.match(DOCNO)?.[0];
      if (no) found.push({ score, date: no.replace(/\s+/g, ''), at, issued: date });
      continue;
    }
    // "…文号和印发日期": both asked, the number goes with the date.
    const no = asksNo ? named.match(DOCNO)?.[0].replace(/\s+/g, '') : undefined;
    if (date) found.push({ score, date, at, issuer: sign?.text.match(/汨罗市人民政府(?:办公室)?/)?.[0], no });
    else undated.push({ score, at });
  }
  // "民生实事通知哪天下发的": the notice the question names best may carry no date at all (汨办函
  // 〔2026〕4号 has none); that is said, not another notice's date given as its.
  const best = Math.max(0, ...found.map((f) => f.score));
  const blank = undated.filter((u) => u.score >= best).sort((a, b) => b.score - a.score)[0];
  const blankLine = blank ? `${clip(blank.at.title, 50)}：文中没有写印发（落款）日期。` : undefined;
  if (blank && blank.score > best) {
    const at = blank.at;
    const ref: SourceRef = { doc: at.doc, title: at.title, locator: at.section.join(' ') || at.title, line: at.line };
    return { found: true, text: [blankLine!, sourceText([ref])].join('\n'), refs: [ref] };
  }
  if (!found.length) return null;
  // Documents that fit the question equally well (two 职务任免 notices): each with its date.
  const top = Math.max(...found.map((f) => f.score));
  // The gazette reprints the key-tasks notice: one line per date.
  const shown = found.filter((f, i) => f.score === top && !found.slice(0, i).some((g) => g.score === top && g.date === f.date && g.issuer === f.issuer)).slice(0, 3);
  const refs: SourceRef[] = shown.map(({ at }) => ({ doc: at.doc, title: at.title, locator: at.section.join(' ') || at.title, line: at.line }));
  const lines = !asksDate
    ? shown.map((f) => `${clip(f.at.title.replace(f.date, '').replace(/[（(]\s*[）)]/g, '').trim(), 50)}：文号${f.date}${f.issued ? `，${f.at.section[0] === '落款' ? '落款日期' : '文头所署日期'}${f.issued}` : ''}。`)
    : shown.map((f) => `${clip(f.no ? f.at.title.replace(f.no, '').replace(/[（(]\s*[）)]/g, '').trim() : f.at.title, 50)}：${f.no ? `文号${f.no}，` : ''}${f.at.section[0] === '落款' ? `落款${f.issuer ? `${f.issuer}，` : ''}${f.date}` : `文头所署日期${f.date}`}。`);
  return { found: true, text: [...(blankLine ? [blankLine] : []), ...lines, sourceText(refs)].join('\n'), refs };
}
