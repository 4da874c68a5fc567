// Splits every bundled source document into searchable passages (the full-text fallback of the
// answer engine). A passage is one paragraph / numbered item (long ones cut at sentence ends),
// carrying the (sub-)document title, its heading path and the 1-based line where it starts.
//
// The sources are PDF extractions: a paragraph is often wrapped over several lines separated
// by blank lines, sometimes in the middle of a word ("拆迁" / "安置群众"). A block that does not
// end a sentence is therefore joined with the next block unless that one clearly starts
// something new (a heading, a numbered item, a title, a document number, page furniture).
//
// The gazette has no markdown: its sub-documents are found by document numbers (汨政告〔2026〕1号),
// title lines (汨罗市人民政府关于…的批复), plan titles (…实施方案), 附件 markers and meeting
// headers (第 51 次); the table of contents supplies the document numbers that the body omits.
import { DOCS } from '../sources.ts';
import { squeezeCjk } from '../normalize.ts';
import type { DocId, Passage } from '../types.ts';

/** Passages longer than this are cut at sentence ends (then at 、，； if one sentence is longer). */
export const PASSAGE_MAX = 600;
/** When a long paragraph is cut, a new piece starts at a bold lead / 一是 once the piece has this much. */
const PIECE_MIN_BEFORE_LEAD = 150;
const SPLIT_AT_LEADS = 360;

interface Seg {
  off: number; // offset in Block.text where this source line starts
  line: number; // 1-based source line
}

interface Block {
  text: string; // squeezed, lines joined; ** markers still present
  segs: Seg[];
  line: number;
  row: boolean; // a table row (tab separated)
  cells?: string[];
}

// ---------------------------------------------------------------- text helpers

const CN_NUM = '一二三四五六七八九十';
const TERMINAL = /[。！？；：…!?;:]$/;

// Bold runs (**…**) are kept as \u0001…\u0002 while splitting, so that an opening marker is never
// mistaken for a closing one; plain() drops them.
const B_OPEN = '\u0001';
const B_CLOSE = '\u0002';

const COLOPHON = '主编|编辑|地址|电话|传真|邮编|邮箱|网址';

function plain(s: string): string {
  return s.replace(/[\u0001\u0002]|\*\*/g, '');
}

function markBold(s: string): string {
  return s.replace(/\*\*([^*]*?)\*\*/g, `${B_OPEN}$1${B_CLOSE}`).replace(/\*\*/g, '');
}

function cleanLine(raw: string): string {
  return squeezeCjk(
    raw
      .replace(/^\s*#{1,6}\s+/, '') // markdown headings in the key-tasks notice
      .replace(/^\s*-\s+/, '') // list markers
      .replace(/\^\[\d+\]/g, '') // footnote references to the glossary: “三高四新”^[1]
      .replace(/<\/?p>/g, ' '),
  );
}

/** True when the paragraph text ends a sentence (or a "（…牵头/负责）" annotation). */
function isTerminated(text: string): boolean {
  const t = plain(text).trim();
  if (TERMINAL.test(t)) return true;
  return /(负责|牵头|为准|负责人)[）)]$/.test(t);
}

type Numbering = { level: number; heading: boolean };

/** Numbering at the start of a block: 【】 0, 一、 1, （一） 2, 1. 3, （1） 4; items (一是, 第一，, ●) 9. */
function numbering(text: string): Numbering | null {
  const t = plain(text);
  if (/^【[^】]+】$/.test(t)) return { level: 0, heading: true };
  if (new RegExp(`^[${CN_NUM}]+、`).test(t)) return { level: 1, heading: false };
  if (new RegExp(`^[（(][${CN_NUM}]+[）)]`).test(t)) return { level: 2, heading: false };
  if (/^\d{1,2}[.．、]/.test(t)) return { level: 3, heading: false };
  if (/^[（(]\d{1,2}[）)]/.test(t)) return { level: 4, heading: false };
  if (new RegExp(`^[${CN_NUM}]+是|^第[${CN_NUM}]+[，、]|^●`).test(t)) return { level: 9, heading: false };
  return null;
}

const RE_DOCNO = /^((?:汨政(?:告|函|人|办发|办函)|汨办函)〔\d{4}〕\d+号)$/;
const RE_MEETING = /^(?:〔\d{4}〕)?第(\d+)次$/;
const RE_AGENDA = new RegExp(`^(—|[${CN_NUM}]{1,3})$`);
const RE_ATTACH_MARK = /^附件\s*\d*$/;
const RE_ATTACH_LIST = /^附件[:：]/;
const RE_LABEL = /^[\u4e00-\u9fa5 ]{2,6}[:：]/; // 联系电话：… / 注：…

function isTitle(t: string): boolean {
  const p = plain(t);
  return (
    /^汨罗市人民政府(办公室)?《?关于/.test(p) &&
    p.length <= 120 &&
    !/[。；]/.test(p) &&
    /(公告|批复|函|通知|》)$/.test(p)
  );
}

function isPlanTitle(t: string): boolean {
  const p = plain(t);
  return p.length <= 60 && !/[，。；：:]/.test(p) && /方案$/.test(p) && !numbering(p);
}

function isTableTitle(t: string): boolean {
  const p = plain(t);
  return p.length <= 50 && !/[，。；：:]/.test(p) && /表$/.test(p) && !numbering(p);
}

/** An unnumbered short heading such as 2024年工作回顾 / 加强政府自身建设 / 注释：. */
function isPlainHeading(t: string): boolean {
  const p = plain(t);
  if (/^注释[:：]$/.test(p)) return true;
  return p.length <= 16 && !/[，。；：、！？“”,.;:!?（）()]/.test(p);
}

function isFurniture(t: string): boolean {
  const p = plain(t);
  return (
    /^MLDR/.test(p) ||
    /^汨罗市人民政府(办公室)?(\d{4}年\d{1,2}月\d{1,2}日)?$/.test(p) ||
    /^\d{4}年\d{1,2}月\d{1,2}日$/.test(p) ||
    /^(特此|专此)(批复|致函|通知|公告)?[，,。]?(敬请支持)?[。！]?$/.test(p) ||
    (/分布图$/.test(p) && p.length < 40) ||
    /^[（(]审议稿[）)]$/.test(p) ||
    /^单位[:：]\S{1,6}$/.test(p) ||
    /^各位代表[、，！!]?(各位同志)?[！!]?$/.test(p)
  );
}

/** Title lookup key: no spaces, brackets, book-title marks or parenthesised remarks. */
function titleKey(s: string): string {
  return plain(s)
    .replace(/[（(][^（）()]*[）)]/g, '')
    .replace(/[《》〈〉\s]/g, '');
}

// ---------------------------------------------------------------- blocks

function toBlocks(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let cur: { n: number; raw: string }[] = [];
  const flush = () => {
    if (!cur.length) return;
    if (cur.some((l) => l.raw.includes('\t'))) {
      for (const l of cur) {
        const cells = l.raw.split('\t').map((c) => cleanLine(c));
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        blocks.push({ text: cells.join(' '), segs: [{ off: 0, line: l.n }], line: l.n, row: true, cells });
      }
    } else {
      let text = '';
      const segs: Seg[] = [];
      for (const l of cur) {
        const c = cleanLine(l.raw);
        if (!c) continue;
        // "出席：…" / "列席：" printed on consecutive lines are separate fields, not a wrapped line.
        if (text && /^(出席|列席|记\s*录|联系人|联系电话|通讯地址)[:：]/.test(c)) text += '；';
        segs.push({ off: text.length, line: l.n });
        text += c;
      }
      if (text) blocks.push({ text: markBold(text), segs, line: segs[0]!.line, row: false });
    }
    cur = [];
  };
  lines.forEach((raw, i) => {
    if (raw.trim() === '') flush();
    else cur.push({ n: i + 1, raw });
  });
  flush();
  return blocks;
}

function appendBlock(a: Block, b: Block, sep = ''): Block {
  const base = a.text.length + sep.length;
  return {
    text: a.text + sep + b.text,
    segs: [...a.segs, ...b.segs.map((s) => ({ off: s.off + base, line: s.line }))],
    line: a.line,
    row: false,
  };
}

function lineAt(segs: Seg[], off: number): number {
  let line = segs[0]!.line;
  for (const s of segs) if (s.off <= off) line = s.line;
  return line;
}

// ---------------------------------------------------------------- long paragraphs

interface Piece {
  text: string;
  off: number;
}

/** Sentence units of a paragraph: cut after 。！？； (keeping closing quotes/brackets with them). */
function sentenceUnits(text: string, breakers: RegExp): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  const re = new RegExp(`${breakers.source}[”’」』）)》】\u0002]*`, 'g');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ text: text.slice(start, end), off: start });
    start = end;
  }
  if (start < text.length) out.push({ text: text.slice(start), off: start });
  return out;
}

function startsWithLead(s: string): boolean {
  return /^\u0001|^[一二三四五六七八九十]+是|^第[一二三四五六七八九十]+[，、]|^[（(][一二三四五六七八九十\d]+[）)]/.test(s);
}

/** Cuts text (with bold markers) into pieces whose plain length is ≤ PASSAGE_MAX; a paragraph
 * longer than SPLIT_AT_LEADS is also cut before its bold leads / 一是… so each piece is one topic. */
function splitLong(text: string): Piece[] {
  if (plain(text).length <= SPLIT_AT_LEADS) return [{ text, off: 0 }];
  let units = sentenceUnits(text, /[。！？!?]/);
  // A single sentence longer than the limit: cut at ；, then at ，、.
  units = units.flatMap((u) => {
    if (plain(u.text).length <= PASSAGE_MAX) return [u];
    const sub = sentenceUnits(u.text, /[；;]/);
    return sub.flatMap((s) =>
      plain(s.text).length <= PASSAGE_MAX
        ? [{ text: s.text, off: u.off + s.off }]
        : sentenceUnits(s.text, /[，、,]/).map((c) => ({ text: c.text, off: u.off + s.off + c.off })),
    );
  });
  const pieces: Piece[] = [];
  let cur: Piece | null = null;
  for (const u of units) {
    const len = cur ? plain(cur.text).length : 0;
    const ulen = plain(u.text).length;
    if (cur && (len + ulen > PASSAGE_MAX || (len >= PIECE_MIN_BEFORE_LEAD && startsWithLead(u.text)))) {
      pieces.push(cur);
      cur = null;
    }
    cur = cur ? { text: cur.text + u.text, off: cur.off } : { text: u.text, off: u.off };
  }
  if (cur) pieces.push(cur);
  // A tiny tail reads badly on its own: give it back to the previous piece if that still fits.
  const last = pieces[pieces.length - 1];
  const prev = pieces[pieces.length - 2];
  if (last && prev && plain(last.text).length < 40 && plain(prev.text + last.text).length <= PASSAGE_MAX + 40) {
    pieces.splice(pieces.length - 2, 2, { text: prev.text + last.text, off: prev.off });
  }
  return pieces;
}

/** The lead of a numbered paragraph ("（一）大力实施产业培塑行动，产业体系结构更优") used as the
 * section of the later pieces of that paragraph, so each piece says what it is about. */
function leadOf(text: string): string | null {
  const p = plain(text);
  const bold = /^\u0001([^\u0002]{2,40}?)[。．]?\u0002/.exec(text.replace(/^●\s*/, ''));
  if (bold) return bold[1]!;
  if (!numbering(p) || numbering(p)!.level === 9) return null;
  const m = /^[^。！？；]{2,50}/.exec(p);
  return m ? m[0] : null;
}

// ---------------------------------------------------------------- tables kept as text

/** Formats the small tables of the gazette (land-use tax grades, land reserve plan) as text.
 * The big task tables are structured elsewhere and skipped. */
function tablePassages(rows: Block[]): { text: string; line: number }[] {
  if (!rows.length) return [];
  const cellsOf = (b: Block) => b.cells ?? [];
  const h1 = cellsOf(rows[0]!);
  const sameRow = (a: string[], b: string[]) => a.join('\t') === b.join('\t');
  let h2: string[] | null = null;
  const data: Block[] = [];
  for (let i = 1; i < rows.length; i++) {
    const c = cellsOf(rows[i]!);
    const prev = cellsOf(rows[i - 1]!);
    if (sameRow(c, h1)) continue; // header repeated after a page break
    if (c[0] === '' && (sameRow(prev, h1) || (h2 && sameRow(c, h2))) && !c.some((x) => /^\d+(\.\d+)?$/.test(x))) {
      h2 = c;
      continue;
    }
    data.push(rows[i]!);
  }
  const out: { text: string; line: number }[] = [];
  if (h1.some((h) => h.includes('适用等级'))) {
    // Land-use tax range table: grade | rate | street | range, grade and rate filled down.
    const groups = new Map<string, { line: number; items: string[] }>();
    let grade = '';
    let rate = '';
    for (const r of data) {
      const c = cellsOf(r);
      if (c[0]) grade = c[0];
      if (c[1]) rate = c[1];
      const key = `${grade}，税额标准${rate}元/平方米`;
      const range = (c[3] ?? '').replace(/[。；]$/, '');
      const item = c[2] && range ? `${c[2]}（${range}）` : (c[2] || range).trim();
      if (!item) continue;
      const g = groups.get(key) ?? { line: r.line, items: [] };
      g.items.push(item);
      groups.set(key, g);
    }
    for (const [key, g] of groups) out.push({ text: `${key}，征收范围：${g.items.join('；')}。`, line: g.line });
    return out;
  }
  for (const r of data) {
    const c = cellsOf(r);
    const parts: string[] = [];
    let group = '';
    let groupItems: string[] = [];
    const flushGroup = () => {
      if (groupItems.length) parts.push(`${group}：${groupItems.join('，')}`);
      groupItems = [];
    };
    c.forEach((v, j) => {
      if (h2 && j > 0) {
        if (h1[j]) {
          flushGroup();
          group = h1[j]!;
        }
        if (v) groupItems.push(`${h2[j] ?? ''}${v}`);
        return;
      }
      if (v) parts.push(`${h1[j] ?? ''}：${v}`);
    });
    flushGroup();
    if (parts.length) out.push({ text: parts.join('；'), line: r.line });
  }
  return out;
}

// ---------------------------------------------------------------- the parser

interface Heading {
  level: number;
  label: string;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnToInt(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (CN_DIGITS[s[1]!] ?? 0);
  if (s.endsWith('十')) return (CN_DIGITS[s[0]!] ?? 0) * 10;
  if (s.length === 3) return (CN_DIGITS[s[0]!] ?? 0) * 10 + (CN_DIGITS[s[2]!] ?? 0);
  return CN_DIGITS[s] ?? 0;
}

function intToCn(n: number): string {
  const d = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : d[n]!;
  if (n < 20) return '十' + d[n - 10];
  return d[Math.floor(n / 10)]! + '十' + (n % 10 ? d[n % 10] : '');
}

/** Where the body starts (everything before is the header, kept as one passage) per document. */
function bodyStart(doc: DocId, blocks: Block[]): number {
  if (doc === 'gazette') return blocks.findIndex((b) => RE_DOCNO.test(b.text) || /^MLDR/.test(b.text));
  if (doc === 'bulletin') return blocks.findIndex((b) => /^【/.test(b.text));
  // Notices and the report: after the addressee line / salutation ("…单位：", "各位代表：").
  const i = blocks.findIndex((b) => !b.row && /[:：]$/.test(b.text) && b.text.length < 90);
  return i + 1;
}

/** Document numbers and meeting titles from the gazette's table of contents (the lines before
 * the first document). An entry may wrap: "- 汨罗市人民政府关于…的公告" / "(汨政告〔2026〕1号 …)…… 1". */
function parseToc(lines: string[]): { byKey: Map<string, string[]>; meetings: string[]; remarks: Map<string, string> } {
  const byKey = new Map<string, string[]>();
  // "《关于同意无偿划转国有资产使用权的批复(李家墩税务所)》": the contents name what a document is
  // about where its own title does not (two notices share that title); kept by document number.
  const remarks = new Map<string, string>();
  const meetings: string[] = [];
  let acc = '';
  for (const raw of lines) {
    const t = cleanLine(raw);
    if (!t) continue;
    acc += t;
    const m = /^(.*?)[（(]((?:汨政[^〔]{1,3}|汨办函)〔\d{4}〕\d+号)/.exec(acc);
    const mm = /^(\d{4}年第\d+次(?:常务会议|市长办公会议)纪要)/.exec(acc);
    if (m) {
      const key = titleKey(m[1]!);
      byKey.set(key, [...(byKey.get(key) ?? []), m[2]!]);
      const remark = /[（(]([^（）()\d\s]{2,12})[）)]》?$/.exec(plain(m[1]!).replace(/\s+/g, ''))?.[1];
      if (remark) remarks.set(m[2]!, remark);
    } else if (mm) meetings.push(mm[1]!);
    if (m || mm || /…|\.{3}/.test(t) || !/^汨罗市人民政府/.test(acc)) acc = '';
  }
  return { byKey, meetings, remarks };
}

export function splitPassages(doc: DocId, text: string): Passage[] {
  const blocks = toBlocks(text);
  const out: Passage[] = [];
  const docTitle = DOCS[doc].title;
  const start = Math.max(0, bodyStart(doc, blocks));

  const emit = (title: string, section: string[], t: string, line: number) => {
    let body = plain(t).replace(/^●\s*/, '').trim();
    if (!body) return;
    // A one-line clause under its heading ("五、签约期限" → "自本方案发布之日起30日之内。")
    // means nothing without it: carry the heading into the text, for search and for the reply.
    const head = (section[section.length - 1] ?? '').replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*/, '').replace(/[:：。]$/, '');
    if (body.length < 40 && head && head.length <= 16 && !body.includes(head) && !/^议题|^文头|^出席/.test(head)) body = `${head}：${body}`;
    out.push({ id: `${doc}-${out.length + 1}`, doc, title, section: [...section], text: body, line });
  };

  // Header passage: title page / document number / addressee, for "哪天发的""谁作的报告".
  if (doc !== 'gazette' && start > 0) {
    const head = blocks.slice(0, start).filter((b) => !b.row);
    if (head.length) emit(docTitle, ['文头'], head.map((b) => plain(b.text)).join('；'), head[0]!.line);
  }

  let emitLast: (() => void) | undefined;
  // The gazette's colophon (主编, 地址, 电话 … of its editorial office), above the body: a passage of
  // its own, for "公报编辑部地址在哪", "公报电话多少".
  if (doc === 'gazette' && start > 0) {
    const colophon = blocks.slice(0, start).filter((b) => !b.row && new RegExp(`^(?:${COLOPHON})\\s*[:：]`).test(plain(b.text)));
    // its lines run together into one block: one ；-separated line per label; emitted last, so
    // the other passages keep their ids
    const text = colophon.map((b) => plain(b.text).replace(new RegExp(`(?<!^)(?=(?:${COLOPHON})\\s*[:：])`, 'g'), '；')).join('；');
    if (colophon.length) emitLast = () => emit(docTitle, ['编辑部'], text, colophon[0]!.line);
  }

  const toc =
    doc === 'gazette' && blocks[start]
      ? parseToc(text.split(/\r?\n/).slice(0, blocks[start]!.line - 1))
      : { byKey: new Map<string, string[]>(), meetings: [] as string[], remarks: new Map<string, string>() };
  const usedDocnos = new Set<string>();

  let title = docTitle;
  let stack: Heading[] = [];
  let pending: Block | null = null;
  let pendingLabel = false; // pending is a "标签：值" line (contact details…), joined with ；
  let pendingDocno: string | null = null;
  let parentDocno: string | null = null;
  let attachmentNo: string | null = null;
  let inAttachList = false;
  let afterAttachMark = false;
  let signer: { name: string; line: number } | null = null; // the issuer line just above a signature date
  let expectAddressee = false;
  const addressees: (() => void)[] = [];
  let skipRows = doc === 'key-tasks' || doc === 'livelihood';
  let rows: Block[] = [];
  // meeting minutes
  let meeting: { line: number; agenda: string[]; needFirst: boolean } | null = null;
  let attendance: Block | null = null;

  const section = () => stack.map((h) => h.label);
  const fmtTitle = (name: string, docno: string | null) =>
    docno ? `《${squeezeCjk(name)}》（${docno}）` : `《${squeezeCjk(name)}》`;

  const flushPending = () => {
    if (!pending) return;
    const p = pending;
    pending = null;
    pendingLabel = false;
    const sec = section();
    const pieces = splitLong(p.text);
    const lead = pieces.length > 1 ? leadOf(p.text) : null;
    pieces.forEach((pc, i) => {
      emit(title, i > 0 && lead ? [...sec, lead] : sec, pc.text, lineAt(p.segs, pc.off));
    });
    if (meeting?.needFirst) {
      // The item's first paragraph names its topic; later paragraphs ("会议强调…") carry it in
      // their section so each reads on its own.
      const topic = firstClause(plain(p.text));
      meeting.agenda[meeting.agenda.length - 1] = topic;
      meeting.needFirst = false;
      const item = stack[0];
      if (item) stack = [{ level: item.level, label: `${item.label}：${topic}` }];
    }
  };
  const flushRows = () => {
    if (!rows.length) return;
    for (const r of tablePassages(rows)) emit(title, section(), r.text, r.line);
    rows = [];
  };
  const flushAttendance = () => {
    if (!attendance) return;
    const a = attendance;
    attendance = null;
    for (const pc of splitLong(a.text)) emit(title, ['出席列席'], pc.text, lineAt(a.segs, pc.off));
  };
  const endMeeting = () => {
    flushPending();
    flushAttendance();
    if (meeting && meeting.agenda.length) {
      // A generated overview (each item's first clause, verbatim) so that "第51次常务会议研究了什么"
      // has one passage that answers it.
      const items = meeting.agenda.map((a, i) => `${intToCn(i + 1)}、${a}`).join('；');
      const name = title.replace(/^《|》.*$/g, '').replace(/纪要$/, '');
      emit(title, ['议题概览'], `${name}共研究审议${meeting.agenda.length}项议题：${items}。`, meeting.line);
    }
    meeting = null;
  };
  const newSubdoc = (name: string, docno: string | null) => {
    flushPending();
    flushRows();
    endMeeting();
    const remark = docno ? toc.remarks.get(docno) : undefined;
    title = fmtTitle(remark && !name.includes(remark) ? `${name}（${remark}）` : name, docno);
    stack = [];
    attachmentNo = null;
    inAttachList = false;
    skipRows = doc === 'key-tasks' || doc === 'livelihood' || /重点工作任务|票决民生实事/.test(name);
  };

  for (let i = start; i < blocks.length; i++) {
    const b = blocks[i]!;
    const t = plain(b.text);

    if (b.row) {
      flushPending();
      if (!skipRows) rows.push(b);
      continue;
    }
    flushRows();

    // --- meeting attendance: everything up to the next sub-document
    if (attendance) {
      if (!(RE_DOCNO.test(t) || RE_MEETING.test(t) || isTitle(t))) {
        const prevEnds = isTerminated(attendance.text) || /^(列席|记\s*录|[（(][一二三四五六七八九十]+[）)])/.test(t);
        attendance = appendBlock(attendance, b, prevEnds && !/[:：]$/.test(attendance.text) ? '；' : '');
        continue;
      }
    }

    // --- continuation of a paragraph wrapped over a blank line
    const num = numbering(t);
    const structural =
      !!num ||
      RE_DOCNO.test(t) ||
      RE_MEETING.test(t) ||
      RE_ATTACH_MARK.test(t) ||
      RE_ATTACH_LIST.test(t) ||
      isTitle(t) ||
      isFurniture(t) ||
      (meeting !== null && RE_AGENDA.test(t)) ||
      /^出席[:：]/.test(t);
    if (pending) {
      // "（市发改局牵头，…等按职责分工负责）" printed on its own line belongs to the item above.
      if (/^[（(][^（）()]*(负责|牵头)[^（）()]*[）)]$/.test(t) && t.length < 200) {
        pending = appendBlock(pending, b);
        continue;
      }
      if (pendingLabel && RE_LABEL.test(t) && !num && !RE_ATTACH_LIST.test(t)) {
        pending = appendBlock(pending, b, '；');
        continue;
      }
      if (!isTerminated(pending.text) && !structural && !RE_LABEL.test(t)) {
        pending = appendBlock(pending, b);
        continue;
      }
      flushPending();
    }

    // --- attachment lists ("附件：1.…" and the "2.…" lines that follow): not content
    if (RE_ATTACH_LIST.test(t)) {
      inAttachList = true;
      continue;
    }
    if (inAttachList && /^\d{1,2}[.．、]/.test(t) && t.length <= 60 && !/[。；]/.test(t)) continue;
    inAttachList = false;

    if (isFurniture(t)) {
      // The signature (issuer, date) closes a notice or a reply: kept as the document's own
      // passage, for "通知哪天印发的", "批复落款日期".
      const flat = plain(t).replace(/\s+/g, '');
      const issuer = flat.match(/^汨罗市人民政府(?:办公室)?/)?.[0];
      const date = flat.match(/\d{4}年\d{1,2}月\d{1,2}日$/)?.[0];
      if (issuer) signer = { name: issuer, line: b.line };
      if (date) {
        emit(title, ['落款'], `${signer ? `${signer.name}；` : ''}${date}`, signer?.line ?? b.line);
        signer = null;
      }
      continue;
    }

    // --- sub-document boundaries (gazette)
    if (RE_DOCNO.test(t)) {
      if (doc === 'gazette') {
        pendingDocno = t;
        usedDocnos.add(t);
      }
      continue;
    }
    if (isTitle(t)) {
      if (doc === 'gazette') {
        let docno = pendingDocno;
        if (!docno) {
          const cands = toc.byKey.get(titleKey(t)) ?? [];
          docno = cands.find((c) => !usedDocnos.has(c)) ?? null;
          if (docno) usedDocnos.add(docno);
        }
        newSubdoc(t, docno);
        parentDocno = docno;
        pendingDocno = null;
        expectAddressee = true;
      }
      continue;
    }
    const mt = RE_MEETING.exec(t);
    if (mt && doc === 'gazette') {
      // Title from the opening sentence ("…第 51 次常务会议。") and the table of contents.
      let name = `第${mt[1]}次会议纪要`;
      for (let j = i + 1; j < Math.min(i + 6, blocks.length); j++) {
        const m2 = /第(\d+)次(常务会议|市长办公会议)/.exec(plain(blocks[j]!.text));
        if (m2) {
          const kind = `第${m2[1]}次${m2[2]}纪要`;
          name = toc.meetings.find((x) => x.endsWith(kind)) ?? `汨罗市人民政府${kind}`;
          break;
        }
      }
      newSubdoc(name, null);
      meeting = { line: b.line, agenda: [], needFirst: false };
      continue;
    }
    if (RE_ATTACH_MARK.test(t)) {
      stack = [];
      attachmentNo = t.replace(/^附件\s*/, '') || '';
      afterAttachMark = true;
      continue;
    }
    const attachTitle = afterAttachMark && t.length <= 50 && !/[，。；：:]/.test(t);
    afterAttachMark = false;
    if (doc === 'gazette' && isPlanTitle(t)) {
      const docno = parentDocno ? parentDocno + (attachmentNo ? `附件${attachmentNo}` : '') : null;
      newSubdoc(t, docno);
      continue;
    }
    if (isTableTitle(t) || attachTitle) {
      flushPending();
      stack = [{ level: 0, label: t }];
      continue;
    }
    if (expectAddressee && /[:：]$/.test(t) && t.length <= 90) {
      expectAddressee = false; // "汨罗市自然资源局：" — who the approval is addressed to
      // kept as the document's 主送 passage (批复给哪个局, 函发给谁), emitted after all others so
      // their ids stay
      const to = plain(t).replace(/[:：]$/, '').trim();
      const at = title;
      addressees.push(() => emit(at, ['主送'], `主送：${to}`, b.line));
      continue;
    }
    expectAddressee = false;

    // --- meeting minutes: agenda numbers (— is the extracted 一), attendance
    if (meeting) {
      if (RE_AGENDA.test(t)) {
        flushPending();
        const n = t === '—' ? 1 : cnToInt(t);
        stack = [{ level: 1, label: `议题${intToCn(n)}` }];
        meeting.agenda.push('');
        meeting.needFirst = true;
        continue;
      }
      if (/^出席[:：]/.test(t)) {
        flushPending();
        attendance = b;
        continue;
      }
    }

    // --- headings
    if (num && num.level === 0) {
      stack = [{ level: 0, label: t.replace(/^【|】$/g, '') }];
      continue;
    }
    if (num && num.level < 9 && isNumberedHeading(t, num.level, blocks, i)) {
      stack = stack.filter((h) => h.level < num.level);
      stack.push({ level: num.level, label: t.replace(/[。．]$/, '') });
      continue;
    }
    if (!num && isPlainHeading(t)) {
      const label = t.replace(/[:：]$/, '');
      stack = [{ level: 0, label }];
      continue;
    }

    // --- glossary notes of the work report: [1]“三高四新”：…
    const gl = /^\[(\d+)\]([^：:]{1,30})[：:]/.exec(t);
    if (gl && stack[0]?.label === '注释') {
      emit(title, ['注释', `[${gl[1]}]${gl[2]}`], t.replace(/^\[\d+\]/, ''), b.line);
      continue;
    }

    // --- paragraphs / numbered items
    if (num && num.level < 9) stack = stack.filter((h) => h.level < num.level);
    pending = b;
    pendingLabel = RE_LABEL.test(t) && !num;
  }
  flushPending();
  flushRows();
  endMeeting();
  emitLast?.();
  for (const a of addressees) a();
  return out;
}

/** A short numbered line is a heading when what follows is its body (a paragraph or deeper
 * items), not a sibling item: "三、解危方式" + "产权调换。" vs "六、本公告自发布之日起施行…". */
function isNumberedHeading(t: string, level: number, blocks: Block[], i: number): boolean {
  if (t.length > 42) return false;
  const body = t.replace(/[。．]$/, '');
  if (/[。；;！？]/.test(body)) return false;
  // Wrapped sentences, not headings: "(1)…完成新增蓄水能力、恢复" / "2.…，…，按原登记用途补".
  if (/[、，,]$/.test(t) || (body.match(/[，,]/g) ?? []).length > 1) return false;
  for (let j = i + 1; j < blocks.length; j++) {
    const n = blocks[j]!;
    if (n.row) return false;
    const nt = plain(n.text);
    if (isFurniture(nt)) continue;
    if (RE_DOCNO.test(nt) || isTitle(nt) || RE_ATTACH_LIST.test(nt) || RE_ATTACH_MARK.test(nt) || RE_MEETING.test(nt)) return false;
    const nn = numbering(nt);
    if (!nn) return true;
    return nn.level > level;
  }
  return false;
}

/** First clause of an agenda item, for the meeting overview. */
function firstClause(s: string): string {
  let c = s.split(/[。！？]/)[0] ?? s;
  if (c.length > 60) c = c.split(/[，；]/)[0] ?? c;
  if (c.length > 60) c = c.slice(0, 58) + '…';
  return c.replace(/[，；：:]+$/, '');
}
