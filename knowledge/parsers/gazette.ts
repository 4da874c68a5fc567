// Parser for 汨罗市人民政府公报 2026年第1期 (knowledge/sources/2026-gazette-issue-1.txt).
//
// Three parts of the gazette are read:
//  - parseVoted: 汨政办函〔2026〕2号 附件《2026年度人大代表票决民生实事任务分解表》. NB the gazette's
//    table of contents (line 66) calls this notice 《2025 年度市人大常委会票决民生实事任务分解表》, but the
//    body (lines 1447–1471) is the 2026-year table voted by the 13th 市人大 5th session, dated
//    2026-03-03, with milestones in 2026. The year is read from the table title, not assumed.
//  - parseMeasures: 汨政办发〔2026〕3号《汨罗市实施“开局八好”总体方案》 and its eight 附件 plans.
//  - parseGazetteKeyTasks: the gazette's copy of 汨政办函〔2026〕1号 附件 (69 重点工作任务).
//
// The text is a PDF extraction: tables are tab separated, merged cells are blank, long cells wrap
// onto following lines, and names carry stray spaces ("杨 盛", "交通顽瘴痼疾整治工 作专班").

import { canonPerson, canonUnit, splitUnits, squeezeCjk } from '../normalize.ts';
import { findLeaderCell, parseLeaders, splitTaskRow, unitsOfCell, type TaskRowParts } from './taskRow.ts';

const stripBold = (s: string): string => s.replace(/\*\*/g, '');
import { ref } from '../sources.ts';
import type { Measure, Milestone, VotedProject } from '../types.ts';

// ---------------------------------------------------------------------------------------------
// Shared helpers

export interface GazetteKeyTask {
  no: number;
  target: string;
  leaders: string[];
  leadUnits: string[];
  coUnits: string[];
  line: number;
}

/** A target that is only a short heading ("强化就业优先发展"): no punctuation, no digits. */
const looksLikeHeading = (s: string): boolean => s.length <= 20 && !/[，。、；：,;:\d]/.test(s);

/**
 * The gazette's copy of the 69 key tasks (汨政办函〔2026〕1号 附件, lines ~1345–1444).
 *
 * Rows 46/47 are broken in the gazette: row 46 carries only its 项目 (强化就业优先发展) before the
 * leader cell, row 47 carries only "推动全国基础教育综" and no leader/unit cells at all, and the two
 * targets follow as leaderless continuation lines (1411, 1412). Continuation lines are given, in
 * order, to the rows of the same page block whose target is missing (no leader cell, or a
 * heading-like target); otherwise a continuation is appended to the previous row's target.
 * Row 47 therefore has leaders/leadUnits/coUnits = [] — the gazette really lacks them.
 */
export function parseGazetteKeyTasks(text: string): GazetteKeyTask[] {
  const lines = text.split('\n');
  const titleIdx = lines.findIndex((l) => /^汨罗市\s*2026\s*年市政府重点工作任务$/.test(l.trim()));
  if (titleIdx < 0) throw new Error('gazette: key-task table title not found');

  interface Row {
    no: number;
    line: number;
    parts: TaskRowParts | null;
    cells: string[];
    needsTarget: boolean;
    target: string;
  }
  const rows: Row[] = [];
  let block: Row[] = [];
  let pending: { text: string; line: number }[] = [];

  const flushBlock = () => {
    for (const c of pending) {
      const owner = block.find((r) => r.needsTarget);
      if (owner) {
        owner.target = c.text;
        owner.needsTarget = false;
      } else {
        const last = block[block.length - 1] ?? rows[rows.length - 1];
        if (last) last.target += c.text;
      }
    }
    pending = [];
    block = [];
  };

  for (let i = titleIdx + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^汨政办函/.test(raw.trim())) break; // next document
    if (!raw.trim()) continue;
    const cells = raw.split('\t');
    if (/^序号/.test(raw)) {
      flushBlock();
      continue;
    }
    const m = /^(\d+)$/.exec((cells[0] ?? '').trim());
    if (m) {
      // A new numbered row after continuation lines closes the block they belong to.
      if (pending.length) flushBlock();
      const parts = splitTaskRow(cells);
      let target = parts?.target ?? '';
      const needsTarget = parts === null || looksLikeHeading(target);
      if (parts === null) target = '';
      const row: Row = { no: Number(m[1]), line: i + 1, parts, cells, needsTarget, target };
      rows.push(row);
      block.push(row);
      continue;
    }
    if ((cells[0] ?? '').trim() === '') {
      const textCells = cells.map((c) => c.trim()).filter(Boolean);
      if (textCells.length) pending.push({ text: squeezeCjk(textCells.join('')), line: i + 1 });
      continue;
    }
    break; // prose after the table
  }
  flushBlock();

  return rows.map((r) => ({
    no: r.no,
    // A heading-like target that received no continuation line is a genuine short target.
    target: r.needsTarget && r.parts ? r.parts.target : r.target,
    leaders: r.parts?.leaders ?? [],
    leadUnits: r.parts?.leadUnits ?? [],
    coUnits: r.parts?.coUnits ?? [],
    line: r.line,
  }));
}

// ---------------------------------------------------------------------------------------------
// 人大代表票决民生实事

const lastDayOfMonth = (year: number, month: number): string => {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** The <p>…</p> paragraphs of a cell (or the cell itself), raw: unit cells must keep their
 * spaces ("住建局 归义街道" is two units). */
const rawParagraphs = (cell: string): string[] => {
  const ps = [...cell.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.trim());
  return (ps.length ? ps : [cell.trim()]).filter(Boolean);
};
const paragraphs = (cell: string): string[] => rawParagraphs(cell).map(squeezeCjk).filter(Boolean);

/**
 * The 人大代表票决民生实事任务分解表 (in this issue: the 2026 table, 3 projects). Milestones
 * "1、3 月底前完成…" become { label: '3月底前', date: '<year>-03-31', text: '完成…' }; the year is
 * the table's own year (from its title). Note the table does not use 12月底 throughout: project 2
 * says "12 月完成…" (label '12月', dated 12-31) and project 3's last milestone is "11 月底前"
 * (→ 11-30). A paragraph ending in "：" (城市危旧房： / 农村危房：) starts a named track; projects
 * without such headings have one track named ''. `content` is the whole 目标任务 cell, one
 * paragraph per line.
 */
export function parseVoted(text: string): VotedProject[] {
  const lines = text.split('\n');
  const titleIdx = lines.findIndex((l) => /^\d{4}\s*年度人大代表票决民生实事任务分解表$/.test(l.trim()));
  if (titleIdx < 0) throw new Error('gazette: 票决民生实事 table not found');
  const year = Number(/^(\d{4})/.exec(lines[titleIdx]!.trim())![1]);
  let docNo = '';
  for (let i = titleIdx; i >= Math.max(0, titleIdx - 40); i--) {
    const m = /^(汨政办函〔\d{4}〕\s*\d+\s*号)$/.exec(lines[i]!.trim());
    if (m) {
      docNo = m[1]!.replace(/\s+/g, '');
      break;
    }
  }
  const title = `${docNo}《${year}年度人大代表票决民生实事任务分解表》`;

  const out: VotedProject[] = [];
  for (let i = titleIdx + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim() || /^序号/.test(raw)) continue;
    const cells = raw.split('\t');
    if (!/^\d+$/.test((cells[0] ?? '').trim())) break;
    const no = Number(cells[0]);
    const li = findLeaderCell(cells);
    if (li < 2) throw new Error(`gazette: 票决 row ${no} has no leader cell (line ${i + 1})`);
    const name = squeezeCjk(cells[1] ?? '');
    const paras = paragraphs(cells[li - 1] ?? '');
    const tracks: { name: string; milestones: Milestone[] }[] = [];
    let track: { name: string; milestones: Milestone[] } | undefined;
    for (const p of paras) {
      const ms = /^\d+、(\d{1,2})月(底)?(前)?(.*)$/.exec(p);
      if (ms) {
        if (!track) tracks.push((track = { name: '', milestones: [] }));
        const month = Number(ms[1]);
        track.milestones.push({
          date: lastDayOfMonth(year, month),
          label: `${month}月${ms[2] ?? ''}${ms[3] ?? ''}`,
          text: ms[4]!.replace(/[；;。]$/, ''),
        });
      } else if (/[：:]$/.test(p)) {
        tracks.push((track = { name: p.replace(/[：:]$/, ''), milestones: [] }));
      }
      // other paragraphs (the intro "经摸排全市自建桥梁 262 座…") stay in `content` only.
    }
    out.push({
      no,
      name,
      content: paras.join('\n'),
      tracks,
      leaders: parseLeaders(cells[li]!) ?? [],
      leadUnits: [...new Set(rawParagraphs(cells[li + 1] ?? '').flatMap(unitsOfCell))],
      coUnits: [...new Set(rawParagraphs(cells[li + 2] ?? '').flatMap(unitsOfCell))],
      source: ref('gazette', `票决民生实事任务分解表 第${no}项`, i + 1, title),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 开局八好 measures

const OPEN = '（(';
const CLOSE = '）)';

/** Balanced parenthesised groups (full- or half-width, possibly nested) at top level. */
function parenGroups(s: string): { start: number; end: number; inner: string }[] {
  const out: { start: number; end: number; inner: string }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (OPEN.includes(ch)) {
      if (depth === 0) start = i;
      depth++;
    } else if (CLOSE.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0) out.push({ start, end: i + 1, inner: s.slice(start + 1, i) });
    }
  }
  return out;
}

/** Does a parenthesis without 牵头/负责 still list units ("（市水利局）", "（高新区管委会、…）")? */
const listsUnitsOnly = (inner: string): boolean =>
  inner
    .split(/[、，,]/)
    .map((t) => t.trim())
    .filter(Boolean)
    .every((t) => /^(市|岳阳市|汨罗市|高新区|飞地园|国家|国网|人民银行)/.test(t) || /(局|委|办|中心|公司|集团|会|部|院|队)$/.test(t));

const isResponsibility = (inner: string): boolean => /牵头|负责/.test(inner) || listsUnitsOnly(inner);

/** True when the text ends with a responsibility parenthesis, i.e. a measure is complete. */
function endsWithResponsibility(s: string): boolean {
  const t = s.trim();
  if (!CLOSE.includes(t[t.length - 1] ?? '')) return false;
  const groups = parenGroups(t);
  const last = groups[groups.length - 1];
  return !!last && last.end === t.length && isResponsibility(last.inner);
}

/** Collective phrases that must not be split on 、/及, with the units they stand for. */
const UNIT_PHRASES: [RegExp, string[]][] = [
  [/各相关镇、街道及园区/, ['相关镇政府、街道办', '园区']],
  [/各相关镇、街道/, ['相关镇政府、街道办']],
];

/** "市发改局、市财政局、各相关镇、街道及园区等" → canonical names, in order. */
function unitList(s: string): string[] {
  let rest = s.replace(/(按职责分工)?负责$/, '').trim();
  UNIT_PHRASES.forEach(([re], i) => {
    rest = rest.replace(new RegExp(re.source, 'g'), `、@${i}@、`);
  });
  const out: string[] = [];
  for (const piece of rest.split(/[、，,]|暨|及|等(?=.)/)) {
    const ph = /^@(\d+)@$/.exec(piece.trim());
    if (ph) out.push(...UNIT_PHRASES[Number(ph[1])]![1]);
    else {
      const name = canonUnit(piece.trim());
      if (name) out.push(name);
    }
  }
  return out;
}

/** A collective rather than a named unit: 相关部门, 各负有监管职责行业部门, 相关成员单位 … */
const isGeneric = (u: string): boolean => /^(相关|各)/.test(u);

/**
 * Reads the responsibility parentheses of a measure: "（市发改局、市财政局牵头，市自然资源局、
 * 市住建局等按职责分工负责）" → lead [发改局, 财政局], co [自然资源局, 住建局].
 * Decisions:
 *  - no 牵头 ("（市发改局、市工信局等按职责分工负责）", "（市发改局负责）", "（市水利局）"): every
 *    listed unit is a 责任单位 with equal standing, so all go to leadUnits;
 *  - but when every listed name is a collective ("相关部门按职责分工负责"), leadUnits = [] and the
 *    collective goes to coUnits;
 *  - a measure with several parentheses (附件8 八(2), 九(2): one per clause) gets the union.
 */
export function parseResponsibility(text: string): { leadUnits: string[]; coUnits: string[] } {
  const groups = parenGroups(text);
  const lead: string[] = [];
  const co: string[] = [];
  groups.forEach((g, idx) => {
    const isLast = idx === groups.length - 1 && g.end === text.trim().length;
    if (!/牵头|负责/.test(g.inner) && !(isLast && listsUnitsOnly(g.inner))) return;
    const inner = g.inner.trim();
    const k = inner.indexOf('牵头');
    if (k >= 0) {
      lead.push(...unitList(inner.slice(0, k)));
      const rest = inner.slice(k + 2).replace(/^[，,、；;]/, '');
      if (rest && !/^(负责|按职责分工负责)$/.test(rest)) co.push(...unitList(rest));
    } else {
      const all = unitList(inner);
      if (all.length && all.every(isGeneric)) co.push(...all);
      else lead.push(...all);
    }
  });
  const leadUnits = [...new Set(lead)];
  const coUnits = [...new Set(co)].filter((u) => !leadUnits.includes(u));
  return { leadUnits, coUnits };
}

const HEADING_CN = /^([一二三四五六七八九十]+)、\s*(.*)$/;
const HEADING_PAREN_CN = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$/;
const NUM_DOT = /^(\d{1,2})\s*[.．](?!\d)\s*(.*)$/;
const NUM_PAREN = /^[（(]\s*(\d{1,2})\s*[）)]\s*(.*)$/;

/** Sections that hold goals or working arrangements rather than measures. */
const SKIP_SECTION = /^((主要|工作|行动)目标|(推进|工作)机制|组织实施)$/;

interface Numbered {
  level: 1 | 2 | 3 | 4;
  no: string; // normalised: 二、 / （一） / 1 / （2）
  rest: string;
}

function numbered(line: string): Numbered | null {
  let m: RegExpExecArray | null;
  if ((m = HEADING_CN.exec(line))) return { level: 1, no: `${m[1]}、`, rest: m[2]! };
  if ((m = HEADING_PAREN_CN.exec(line))) return { level: 2, no: `（${m[1]}）`, rest: m[2]! };
  if ((m = NUM_DOT.exec(line))) return { level: 3, no: m[1]!, rest: m[2]! };
  if ((m = NUM_PAREN.exec(line))) return { level: 4, no: `（${m[1]}）`, rest: m[2]! };
  return null;
}

/** First sentence of a measure; long ones are cut at the first comma. */
function titleOf(text: string): string {
  let t = (/^[^。；;]*/.exec(text)?.[0] ?? text).trim();
  if (t.length > 30) t = /^[^，,]*/.exec(t)![0];
  return t.replace(/[。；;：:，,]+$/, '');
}

const headingLabel = (n: Numbered, text: string): string =>
  (n.level === 3 ? `${n.no}.` : n.no) + squeezeCjk(stripBold(text)).replace(/[。；;]+$/, '');

/** Number part of a section label, for locators: '二、重点任务' → '二、', '1.推动…' → '1.' */
const labelNo = (label: string): string => /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+\.)/.exec(label)?.[0] ?? label;

interface Plan {
  title: string;
  attachment: number | null; // 附件 n, null for the 总体方案
  lines: { text: string; line: number }[];
}

function splitPlans(lines: string[]): Plan[] {
  const start = lines.findIndex((l) => /^汨罗市实施“开局八好”总体方案$/.test(l.trim()));
  if (start < 0) throw new Error('gazette: 开局八好总体方案 not found');
  const plans: Plan[] = [{ title: lines[start]!.trim(), attachment: null, lines: [] }];
  for (let i = start + 1; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (/^汨政/.test(t)) break; // next document (汨政办发〔2026〕4号)
    const att = /^附件\s*(\d+)$/.exec(t);
    if (att) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trim()) j++;
      plans.push({ title: squeezeCjk(lines[j]!), attachment: Number(att[1]), lines: [] });
      i = j;
      continue;
    }
    if (t) plans[plans.length - 1]!.lines.push({ text: t, line: i + 1 });
  }
  return plans;
}

interface OpenItem {
  n: Numbered;
  line: number;
  path: string[]; // labels of enclosing headings
  parts: string[]; // first line's content, then continuation lines
  closed: boolean;
  heading: boolean; // turned into a heading once a deeper item appeared under it
  label: string;
}

/**
 * Every measure of the 开局八好 总体方案 and its eight 实施方案.
 *
 * Structure: 一、 headings > （一） > 1. > （1）. A numbered item is a measure unless a deeper
 * numbered item follows it before its text is complete, in which case it is a heading ("1. 推动创新
 * 平台提质升级", "1.推动实现“幼有所育”。"). An item's text runs over following unnumbered lines
 * (PDF wraps and page breaks, e.g. lines 613–619, 737–739, 827–829) until a line ends with the
 * responsibility parenthesis. A heading-like item followed directly by an unnumbered paragraph
 * (附件3 "2. 数智融合提能级", 附件6 "（三）倡导绿色低碳生活方式") is a measure whose body is that
 * paragraph. Sections titled 主要目标/工作目标/行动目标/推进机制/工作机制/组织实施 are skipped. The
 * 总体方案's eight 二、重点任务 paragraphs ("（一）担当好稳增长挑大梁的责任。…") are included as
 * measures without units: they carry facts (e.g. 老旧小区基础类设施改造) the 附件 word differently.
 *
 * `text` is the whole measure as written (number removed, `**` removed, CJK-squeezed, wrapped lines
 * joined, responsibility parentheses kept); `title` its first sentence (cut at the first comma if
 * longer than 30 characters); `no` normalised to '1' / '（2）' / '（三）'.
 *
 * `onProse` (optional, for debugging) receives lines inside a plan that belong to no measure; in
 * this issue those are exactly the nine plan introductions ("为…，制定本方案。").
 */
export function parseMeasures(text: string, onProse?: (line: number, text: string) => void): Measure[] {
  const plans = splitPlans(text.split('\n'));
  const out: Measure[] = [];

  for (const plan of plans) {
    const docTitle =
      plan.attachment === null
        ? `汨政办发〔2026〕3号《${plan.title}》`
        : `汨政办发〔2026〕3号 附件${plan.attachment}《${plan.title}》`;
    const stack: OpenItem[] = [];
    let skipBelow: number | null = null; // inside a skipped section of this level

    const emit = (it: OpenItem) => {
      if (it.heading) return;
      const first = stripBold(it.parts[0] ?? '').trim();
      const body = it.parts.slice(1).map(stripBold).join('');
      // A pure heading ("数智融合提能级", no punctuation) followed by its paragraph: body only.
      const pureHeading = body !== '' && !/[，。、；：,;:！？]/.test(first);
      const full = squeezeCjk(pureHeading ? body : first + body);
      if (!full) return;
      const title = titleOf(squeezeCjk(first) || full);
      const { leadUnits, coUnits } = parseResponsibility(full);
      const locator = [...it.path.map(labelNo), it.n.level === 3 ? `${it.n.no}.` : it.n.no].join('');
      out.push({
        plan: plan.title,
        section: [...it.path],
        no: it.n.no,
        title,
        text: full,
        leadUnits,
        coUnits,
        source: ref('gazette', locator, it.line, docTitle),
      });
    };

    const popTo = (level: number) => {
      while (stack.length && stack[stack.length - 1]!.n.level >= level) emit(stack.pop()!);
    };

    for (const { text: raw, line } of plan.lines) {
      if (/^[（(]审议稿[）)]$/.test(raw)) continue;
      const n = numbered(raw);
      if (n) {
        if (skipBelow !== null && n.level > skipBelow) continue;
        skipBelow = null;
        popTo(n.level);
        const parent = stack[stack.length - 1];
        if (parent && !parent.heading) {
          // A deeper numbered item under an unfinished item: the item was a heading.
          parent.heading = true;
          parent.label = headingLabel(parent.n, parent.parts[0] ?? '');
        }
        const title = squeezeCjk(stripBold(n.rest)).replace(/[。；;]+$/, '');
        if (n.level <= 2 && SKIP_SECTION.test(title)) {
          skipBelow = n.level;
          continue;
        }
        const item: OpenItem = {
          n,
          line,
          path: stack.map((s) => s.label),
          parts: [n.rest],
          closed: endsWithResponsibility(n.rest),
          heading: n.level === 1,
          label: headingLabel(n, n.rest),
        };
        stack.push(item);
        continue;
      }
      if (skipBelow !== null) continue;
      const top = stack[stack.length - 1];
      if (top && !top.heading && !top.closed) {
        top.parts.push(raw);
        top.closed = endsWithResponsibility(raw);
      }
      // Anything else is prose outside measures (plan introductions).
      else onProse?.(line, raw);
    }
    popTo(1);
  }
  return out;
}
