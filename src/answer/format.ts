// Phone-sized rendering of records. One lookup fits in a few lines; a list shows its count and
// every item, one line each, made of the words that tell it apart (distinctive).
import type { DocId, Indicator, KeyTask, LivelihoodProject, SourceRef, VotedProject } from '../../knowledge/types.ts';
import type { AnswerContext } from './context.ts';
import type { Answer } from './types.ts';

export const DOC_LABEL: Record<DocId, string> = {
  'key-tasks': '重点工作任务（汨政办函〔2026〕1号）',
  livelihood: '重点民生实事（汨办函〔2026〕4号）',
  gazette: '市政府公报2026年第1期',
  bulletin: '“开局八好”工作专报第2期',
  'work-report': '2024年政府工作报告',
};

export function clip(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** The distinctive words of a target, short enough for one phone line: as many of its leading
 * clauses as fit (新建、改扩建城区道路9条，完成跨线屈原桥修缮改造), else the first one clipped. */
export function gist(target: string, n = 26): string {
  const clauses = target.replace(/[。；;]+$/, '').split(/[，,；;。]/).filter(Boolean);
  let out = clauses[0] ?? target;
  for (const c of clauses.slice(1)) {
    if (out.length + 1 + c.length > n) break;
    out += '，' + c;
  }
  return clip(out, n);
}

/** How many record texts (key-task targets, 民生实事 sub-items) hold each bigram: a bigram few
 * records share is what tells one record from the others. Built once per knowledge base. */
const DF = new WeakMap<object, Map<string, number>>();
const DOC_COUNT = new WeakMap<object, number>();

function docFreq(kb: AnswerContext['kb']): Map<string, number> {
  let df = DF.get(kb);
  if (df) return df;
  df = new Map();
  const texts = [...kb.keyTasks.map((t) => t.target), ...kb.livelihood.flatMap((p) => p.items.map((i) => i.text))];
  for (const t of texts) for (const b of new Set(cjkBigrams(t))) df.set(b, (df.get(b) ?? 0) + 1);
  DF.set(kb, df);
  DOC_COUNT.set(kb, texts.length);
  return df;
}

/** The same over the documents' passages: how often their prose uses a bigram. */
const PDF = new WeakMap<object, Map<string, number>>();

function passageFreq(kb: AnswerContext['kb']): Map<string, number> {
  let df = PDF.get(kb);
  if (df) return df;
  df = new Map();
  for (const p of kb.passages) for (const b of new Set(cjkBigrams(p.text))) df.set(b, (df.get(b) ?? 0) + 1);
  PDF.set(kb, df);
  return df;
}

function cjkBigrams(s: string): string[] {
  const out: string[] = [];
  for (const run of s.match(/[\u4e00-\u9fff]+/g) ?? []) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/** The words of a target that tell it apart, within n characters: the whole target when it
 * fits; else the clauses that say most that no other record says, each whole, in their own
 * order, "…" where one was left out. A clause is worth its rare bigrams (weighted by how few
 * records share them), its figures and its quoted names: place names, project names and
 * figures are what a leader recognises a task by, while an opening like "立足资源禀赋" is
 * shared in spirit by many. A long enumeration (粮食、甜酒、粽子…香柚等农林产业) may stand as its
 * first items and its last, so the clause after it (龙头企业5家) keeps its room. */
export function distinctive(kb: AnswerContext['kb'], target: string, n: number): string {
  const body = target.replace(/[。；;，,\s]+$/, '');
  if (body.length <= n) return body;
  // Clauses end at punctuation outside brackets (…农村配电网、…城配网，投入资金2723万元） is one).
  const clauses = splitClauses(body);
  if (clauses.length < 2) return clip(shortEnumeration(body) ?? body, n);
  const df = docFreq(kb);
  const pdf = passageFreq(kb);
  // A bigram few records share and the documents' prose does not repeat (长沙, 锂汇, 乳胶 — not
  // 发挥, 优势, 服务) is a name; figures and quoted names are what a leader recognises first.
  const worth = (c: string) =>
    cjkBigrams(c).filter((b) => (df.get(b) ?? 0) <= 2 && (pdf.get(b) ?? 0) <= 12).length +
    (c.match(/\d+(?:\.\d+)?/g) ?? []).length * 4 +
    (c.match(/[“《]/g) ?? []).length * 3;
  const parts = clauses.map((c, i) => ({ c, i, w: worth(c) + (i === 0 ? 1 : 0), short: shortEnumeration(c) }));
  const kept = new Map<number, string>();
  let len = -1;
  const room = (s: string) => len + 1 + s.length + 1 <= n;
  // Clauses with a figure or a quoted name first, then by worth per character.
  const marked = (c: string) => (/\d|[“《]/.test(c) ? 1 : 0);
  for (const x of [...parts].sort((a, b) => marked(b.c) - marked(a.c) || b.w / b.c.length - a.w / a.c.length || a.i - b.i)) {
    if (x.w <= 0) continue;
    const text = room(x.c) ? x.c : x.short && room(x.short) ? x.short : undefined;
    if (text !== undefined) (kept.set(x.i, text), (len += 1 + text.length));
  }
  if (!kept.size) return clip(body, n);
  let out = '';
  let prev = -1;
  for (const i of [...kept.keys()].sort((a, b) => a - b)) (out += (prev < 0 ? (i > 0 ? '…' : '') : i === prev + 1 ? '，' : '…') + kept.get(i)), (prev = i);
  return out + (prev < clauses.length - 1 ? '…' : '');
}

/** "扶优做强粮食、甜酒、粽子、油茶…香柚等农林产业" → its first three items, "…", its last: an
 * enumeration of five or more keeps its head and what it is a list of. */
function shortEnumeration(c: string): string | undefined {
  const items = c.split('、');
  if (items.length < 5) return undefined;
  return `${items.slice(0, 3).join('、')}…${items[items.length - 1]}`;
}

function splitClauses(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[，,；;。]/.test(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** Characters per item line so a list of `count` items stays within a phone message
 * (test/answer/questions.test.ts bounds a reply at 6,000 bytes; WeCom's stream takes 20,480). */
export function lineBudget(count: number): number {
  return Math.max(40, Math.min(100, Math.floor(2800 / Math.max(1, count))));
}

export function joinNames(xs: string[], empty = '—'): string {
  return xs.length ? xs.map(orgName).join('、') : empty;
}

/** A town in a unit cell is its government, as the tables write it (弼时镇政府, 新市街道办):
 * the records keep the town's name so it is matched as the town. */
export function orgName(cell: string): string {
  return /^[\u4e00-\u9fa5]{1,4}镇$/.test(cell) ? `${cell}政府` : /^[\u4e00-\u9fa5]{1,4}街道$/.test(cell) ? `${cell}办` : cell;
}

export function sourceText(refs: SourceRef[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of refs) {
    const s = `${DOC_LABEL[r.doc]} ${r.locator}`.trim();
    if (!seen.has(s)) (seen.add(s), parts.push(s));
  }
  return parts.length ? `来源：${parts.slice(0, 3).join('；')}` : '';
}

export function taskHead(t: KeyTask, n = 70): string {
  return `第${t.no}项「${clip(t.target.replace(/。$/, ''), n)}」`;
}

/** "（3位）" when a cell names several: a leader asking 几个 reads the number first. */
function counted(xs: string[], measure: string): string {
  return xs.length > 1 ? `（${xs.length}${measure}）` : '';
}

export function taskDetail(t: KeyTask): string {
  return [
    taskHead(t, 120),
    `牵头领导${counted(t.leaders, '位')}：${joinNames(t.leaders)}`,
    `牵头单位${counted(t.leadUnits, '个')}：${joinNames(t.leadUnits)}`,
    `配合单位${counted(t.coUnits, '个')}：${joinNames(t.coUnits, '无')}`,
  ].join('\n');
}

export function livelihoodDetail(p: LivelihoodProject, indicators: Indicator[] = []): string {
  const lines = [`民生实事第${p.no}项「${p.name}」（${p.level}）`];
  if (p.items.length === 1 && p.items[0]!.text === p.name) {
    const it = p.items[0]!;
    lines.push(`牵头领导：${joinNames(it.leaders)}`, `牵头单位：${joinNames(it.leadUnits)}`, `配合单位：${joinNames(it.coUnits, '无')}`);
    // A project stated by its name alone gets its figures from the 附件2 indicators
    // (第13项: 致畸基因筛查2270人, 产前诊断服务90人, …): they are what it is to do.
    const own = indicators.filter((i) => i.projectNo === p.no && i.text !== p.name && !p.name.includes(i.text));
    if (own.length) lines.push(`附件2指标${own.length}个：${own.map((i) => `${i.no}.${i.text}`).join('；')}`);
    return lines.join('\n');
  }
  lines.push(`共${p.items.length}个子项：`);
  p.items.forEach((it, i) =>
    lines.push(`${i + 1}. ${clip(it.text, 40)}——${joinNames(it.leaders)}｜${joinNames(it.leadUnits)}`),
  );
  return lines.join('\n');
}

export function votedDetail(v: VotedProject): string {
  const lines = [`票决民生实事第${v.no}项「${v.name}」`, `牵头：${joinNames(v.leaders)}｜${joinNames(v.leadUnits)}`];
  // The cell's own sentences besides its nodes and track headings (经摸排…存在安全隐患桥梁108座):
  // the baseline the nodes count against, which a question about the project often asks.
  const tracks = new Set(v.tracks.map((t) => t.name).filter(Boolean));
  const said = v.content.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d{1,2}[、.．]/.test(l) && !tracks.has(l.replace(/[：:]$/, '')));
  if (said.length) lines.push(`现状：${clip(said.join(''), 120)}`);
  for (const tr of v.tracks) {
    if (v.tracks.length > 1) lines.push(`【${tr.name}】`);
    for (const m of tr.milestones) lines.push(`· ${m.label}（${m.date}）：${clip(m.text, 60)}`);
  }
  return lines.join('\n');
}

/** A cell of a per-town row as the table writes it: the row's decimals kept (1.5420, 0.8040 in a
 * row of four-decimal figures), which the extracted numbers lost; whole numbers stay whole. */
export function cellFigure(row: Record<string, number | undefined>, v: number): string {
  if (Number.isInteger(v)) return String(v);
  const places = Math.max(...Object.values(row).map((x) => (x === undefined || Number.isInteger(x) ? 0 : (String(x).split('.')[1] ?? '').length)));
  return v.toFixed(Math.min(4, Math.max(places, (String(v).split('.')[1] ?? '').length)));
}

export function townTargets(ind: Indicator, limit = 15): string {
  if (!ind.towns) return ind.note ?? '';
  const entries = Object.entries(ind.towns).filter(([, v]) => v !== 0);
  const shown = entries.slice(0, limit).map(([t, v]) => `${t}${cellFigure(ind.towns!, v)}`);
  const sum = Object.values(ind.towns).reduce((a, b) => a + b, 0);
  const more = entries.length > limit ? `等${entries.length}个镇（街道）` : '';
  // A rate (90%) is each town's own target; rates do not add up.
  if (ind.unit === '%') return `${shown.join('、')}${more}（各镇比例，${ind.unit}）`;
  return `${shown.join('、')}${more}；合计${Math.round(sum * 10000) / 10000}${ind.unit}`;
}

export function indicatorDetail(ind: Indicator): string {
  return [
    `民生实事第${ind.no}个指标「${ind.text}」（第${ind.projectNo}项 ${ind.project}）`,
    `单位：${ind.unit}`,
    ind.towns ? `各镇（街道）目标：${townTargets(ind)}` : `目标：${ind.note ?? '—'}`,
  ].join('\n');
}

/** Short document names for notes that must fit a phone line. */
const DOC_SHORT: Record<DocId, string> = {
  'key-tasks': '重点任务表',
  livelihood: '民生实事通知',
  gazette: '公报',
  bulletin: '专报',
  'work-report': '工作报告',
};

/** Notes for every contradiction a reply touches, so a reader never takes one figure as settled. */
export function contradictionNotes(ctx: AnswerContext, keys: string[]): string[] {
  const ids = new Set(keys.flatMap((k) => contradictionIds(ctx, k)));
  return ctx.kb.contradictions
    .filter((c) => ids.has(c.id))
    .map((c) => `⚠ 文件不一致（${c.topic}）：${c.values.map((v) => `${DOC_SHORT[v.source.doc]}${clip(v.source.locator, 18)}写“${clip(v.value, 40)}”`).join('，')}。`);
}

/** A 民生实事 key is a whole project ("livelihood:1": its own contradictions and those of every
 * sub-item it shows) or one sub-item ("livelihood:1:3": the project's and that sub-item's only), so
 * the 托育托管 clash is not told beside a reply on 产前筛查 of the same project. */
function contradictionIds(ctx: AnswerContext, key: string): string[] {
  const [kind, project, sub] = key.split(':');
  if (kind !== 'livelihood') return ctx.contradictionsByKey.get(key) ?? [];
  const own = ctx.contradictionsByKey.get(`livelihood:${project}`) ?? [];
  if (sub !== undefined) return [...own, ...(ctx.contradictionsByKey.get(key) ?? [])];
  const prefix = `livelihood:${project}:`;
  return [...own, ...[...ctx.contradictionsByKey].filter(([k]) => k.startsWith(prefix)).flatMap(([, ids]) => ids)];
}

/** Hits a list question ("哪些任务涉及龙舟") shows: every one, up to what a phone message holds. */
export const LIST_ALL = 15;

const HINT =
  '可以这样问：“谁牵头第28项”“曹陶牵头哪些任务”“住建局牵头几项”“白水镇要建几个和美湘村”“自建桥梁9月底前要完成多少座”“什么是三高四新”。';

export function notFound(prefix = '没有在文件中找到相关内容。'): Answer {
  return { found: false, text: `${prefix}\n${HINT}`, refs: [] };
}
