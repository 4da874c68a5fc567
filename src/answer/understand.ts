// Understand, then answer. A question is first read as a whole into typed parts — the names it
// contains and in which role, the lists it is about, and the words that say what is asked
// (count, list, most/least, not, sum, both, alone, who else). Each frame then proposes a reading
// that uses some of those parts; a reading is scored by the share of the question it explains,
// and the best one runs. The earlier intent code is one frame among them ("cascade"): it
// explains names, numbers, topics and plain lookups but not the operators it cannot execute,
// so a question with "都", "单独" or "最多" goes to the frame that can.
import type { AnswerContext } from './context.ts';
import type { Query } from './query.ts';
import { LIST_WORDS, QUESTION_WORDS } from './query.ts';
import type { Answer } from './types.ts';
import type { HolderKind, ListScope, Relation } from './intents/byEntity.ts';
import { askedPeriod } from './periods.ts';

/** level: 省级 or 岳阳市级, the two halves of the 民生实事 list. */
export type Role = 'leader' | 'unit' | 'town' | 'number' | 'list' | 'year' | 'document' | 'period' | 'level';

export interface Slot {
  role: Role;
  value: string;
  at: number;
  end: number;
}

export type CueKind =
  | 'askLeader' | 'askUnit' | 'askCoUnit' | 'askTown' | 'askTask'
  | 'max' | 'min' | 'not' | 'sum' | 'each'
  | 'sole' | 'joint' | 'others' | 'and'
  | 'lead' | 'co' | 'count' | 'list' | 'when'
  /** "民生实事也算上", "牵头配合都算": the list or relation named is counted as well, not instead */
  | 'also'
  /** "杨盛的29项里…": the holder's own tasks restated as where to look, not a number or a topic */
  | 'within';

export interface Cue {
  kind: CueKind;
  at: number;
  end: number;
}

export interface Analysis {
  q: Query;
  slots: Slot[];
  cues: Cue[];
  /** characters that are neither a name, a cue nor a question word: what the question is about */
  residue: string;
}

/** Operator and field words, longest and most specific first; a span is claimed once. */
const CUES: [CueKind, RegExp][] = [
  ['within', /(?<=的)\s*\d{1,3}\s*(?:项|个|件)(?:任务|工作|事)?(?:里面|里头|当中|之中|里|中)/g],
  // Before the unit and leader words: "一个单位负责" is alone, not "which unit".
  ['also', /也算上|也算进去|也算进来|也要算|都算上|都算进去|都算|也算|算上|一起算|也包括|都包括|包括|包含|加上|连同|在内/g],
  // "是文旅广电局一家牵头吗": 一家 right before the role is alone too.
  ['sole', /单独|独自|独立|一个人|独家|一个单位|一家单位|一位领导|一个领导|自己一个|只有一个|(?<!哪|几|每|哪一)一家(?=牵头|负责|在牵头|来牵头|主抓|单独|独自)|(?<=[\u4e00-\u9fa5])自己(?=牵头|负责|单独|独自|主抓)/g],
  // "和别的领导联合牵头", "跟其他单位一起": shared with others, before 领导 is read as "which
  // leader" and 其他 as "who else".
  ['joint', /(?:跟|和|与|同)(?:别的|其他的?|其它的?|其余的?)(?:领导|单位|部门|人|同志|副市长|市长)?/g],
  // "吴侃跟谁一起牵头的": the partner asked for is the shared tasks with their other leads.
  // Not 参与哪些 (taking part), and 哪些 only with 一起 and the like (和哪些有关 is no partner).
  ['joint', /(?<![参给赋授])(?:跟|和|与|同)(?:谁(?:一起|共同|联合|一块儿?|合作)?|(?:哪位|哪个|哪些|哪几个)(?:领导|单位|部门|人)?(?:一起|共同|联合|一块儿?|合作))/g],
  // "21项三个领导是谁", "两家单位": a cell's size said is a count of it, not a topic.
  ['count', /(?<![第\d])(?:[两二三四五六七八九十]|\d{1,2})\s*(?:个|位|家|项|件)(?=(?:牵头|配合)?(?:领导|市领导|副市长|单位|部门|民生实事|重点任务|任务|事情|事儿))/g],
  // "哪项任务牵头单位最多": the task is what is asked for, not a holder.
  // "牵头单位最多的是第几项": 第几项 asks which task too.
  ['askTask', /哪项任务|哪一项任务|哪个任务|哪一项|哪项|第几项|第几个任务|第几条/g],
  ['askLeader', /哪个领导|哪位领导|哪些领导|哪个市长|哪位市长|哪位副市长|哪个副市长|牵头领导|市领导|领导|常务副市长|副市长|市长/g],
  ['askCoUnit', /配合单位|协同单位|相关责任单位|配合部门/g],
  ['askUnit', /各局|每个局|哪些局|哪几个局|哪个单位|哪家单位|哪些单位|哪个局|哪个部门|哪些部门|哪家|牵头单位|责任单位|单位/g],
  ['askTown', /的(?:镇街?|乡镇|街道)(?=$|[是有呢吗？?，,])|每个镇街?|每个乡镇|每个街道|每镇|几个镇街?|几个乡镇|几个街道|多少个镇街?|哪个镇街?|哪些镇街?|哪几个镇街?|哪几个街镇|哪[两二三四五六七八九十\d]{1,2}个(?:镇街?|乡镇|街道|地方)|(?<=的)[两二三四五六七八九十\d]{1,2}个(?:镇街?|乡镇|街道)|落在哪些?镇|在哪些?镇|哪个街道|哪些街道|哪个乡镇|哪些乡镇|哪几个乡镇|哪几个镇|各镇街?|镇街|乡镇|街镇|哪里最|哪个地方|哪几个地方|哪些地方|哪几处|哪些地儿|哪几个地儿|哪[两二三四五六七八九十]个?(?:镇街?|乡镇|街道)|哪镇|哪街道/g],
  ['max', /最多|最大|最高|最重|排第一|(?<=哪个|哪一个|哪家|谁|哪镇|哪个镇|哪个街道|哪街道)(?:更多|更高|更大|多|高|大)(?=$|[?？，,。吗呢些点一])/g],
  ['min', /(?<=哪个|哪一个|哪家|谁|哪镇|哪个镇|哪个街道|哪街道)(?:更少|更低|更小|少|低|小)(?=$|[?？，,。吗呢些点一])/g],
  ['min', /最少|最小|最低|最轻/g],
  ['not', /(?<!有)没有|(?<!有)没|不用|不需要|无需|未分|不(?=牵头|负责|配合|参与)/g],
  ['sum', /加起来|加在一起|加一起|加到一起|合在一起|总和|之和|相加|合起来|合计|总计|共计|加总|总数|一共|总共/g],
  // "跟别人一起", "与他人共同": shared with others, not "who else".
  ['joint', /跟别人|和别人|与别人|同别人|跟他人|和他人|与他人|别人|他人|跟其他人|和其他人|多人|几个人(?=一起|共同|合作|联合|牵头|负责|分管)|(?:他们|她们|这)?(?:两|二|三|四)(?:个人|人|位|个领导|个单位|家单位|家)(?=都|一起|共同|同时|联合|合作|挂|牵头|负责)|(?:他|她)们?俩|俩人?(?=都|一起|共同|同时|挂|牵头|负责)/g],
  // "李亚江之外还有谁": 之外/以外 after a name leave it out, as 除了 before it does.
  ['others', /还有谁|还有哪些|还有哪|另外还有|另外|其他|其余|别的|剩下的|除了|除|(?<=[\u4e00-\u9fa5])(?:之外|以外)(?=还|谁|有|的|[，,\s])/g],
  ['list', /有哪些|哪些|(?:是)?哪几(?:项|个|件|条|家|位|样)?|(?:是)?哪[两二三四五六七八九十](?:个|位|家|项|条|件)?|有什么|有啥|都有|列一下|列下|列一列|列个|列举|罗列|列出来|列出|列表|清单|分别是|是哪几|都是啥|都是什么/g],
  ['joint', /都|共同|一起|同时|联合|一同|合作|一道|一块儿?(?=牵头|负责|分管|抓|管|干|搞|做|的|$|[?？吗呢])/g],
  // "副市长们各牵头几项", "领导们都管哪些": a title made plural is every holder of it, each on its own.
  ['each', /(?<=领导|市长|单位|部门|同志)们|每人|每个人|分别|各自|各位|各个|每个|每位|每家|各家|(?<!职责)分工(?:情况)?|各(?=单位|部门|领导|市领导|副市长|局)/g],
  ['co', /配合|协助|参与|协同|协办/g],
  // "市长监管哪些": after a title 监管 is the role (分管), not a topic word (食品安全监管 stays one).
  // 管 alone is the role, not part of a word (食品安全监管, 托管, 管理区, 管网 stay the topic's).
  ['lead', /(?<=市长|领导|局长|主任)监管|挂名牵头|挂名|牵头|负责|分管|主抓|主管|挂帅|领衔|抓总|牵总|挂点|主责|(?<![监保托接掌代看])管(?![理护控辖网线道])/g],
  ['count', /(?:几|多少)个?(?:子项|小项)|几项|几个|几位|几家|几条|几件|几所|几座|多少项|多少个|多少家|多少条|多少|数量|几/g],
  ['when', /什么时候|啥时候|何时|几月|哪个月|节点|期限|截止|之前|月底|年底|季度|上半年|下半年/g],
];

const YEAR = /(?:20)?\d\d年|今年|去年|明年|前年/g;
const DOCUMENT = /专报|简报|政府工作报告|工作报告|公报|常务会议|会议纪要/g;

function spans(text: string, re: RegExp): { at: number; end: number }[] {
  return [...text.matchAll(re)].map((m) => ({ at: m.index!, end: m.index! + m[0].length }));
}

export function analyze(q: Query): Analysis {
  const text = q.text;
  const taken: boolean[] = new Array(text.length).fill(false);
  const claim = (at: number, end: number) => {
    if (taken.slice(at, end).some(Boolean)) return false;
    for (let i = at; i < end; i++) taken[i] = true;
    return true;
  };
  const slots: Slot[] = [];
  for (const m of q.mentions) if (claim(m.at, m.end)) slots.push({ role: m.kind, value: m.canon, at: m.at, end: m.end });
  if (q.numbers.length)
    for (const s of spans(text, /第?\s*\d{1,3}\s*(?:项|号|条|个(?:民生)?指标)|(?:任务|序号|编号|指标)\s*(?:为|是)?\s*\d{1,3}|第\d{1,3}个(?=任务|重点任务|事项|项目)|^\s*\d{1,3}\s*(?=(?:呢|吗|啊|呀)?\s*[?？]?\s*$)|(?<![A-Za-z])(?:No|NO|no|Nº|(?<!\d\s*)#)\s*\.?\s*\d{1,3}(?![\d#])|^\s*\d{1,3}\s*$/g))
      if (claim(s.at, s.end)) slots.push({ role: 'number', value: text.slice(s.at, s.end), ...s });
  // "民生实事里", "开局八好中": where to look, part of the list's name.
  // "民生实事附件1里": the list's attachment named is the same list.
  const IN = '(?:的?(?:附件|附表)\\s*[1-9一二三])?(?:里面|里头|当中|里|中)?';
  for (const [re, kind] of LIST_WORDS)
    for (const s of spans(text, new RegExp(`(?:${re.source})${IN}`, 'g'))) if (claim(s.at, s.end)) slots.push({ role: 'list', value: kind, ...s });
  // "岳阳市级民生实事里", "民生实事中省级的": which half of the 民生实事 list (1–10 省级, 11–18 岳阳市级).
  // Only with a holder named: the list itself by level is the overview's (cascade) to answer.
  // "岳阳市级民生实事哪个单位牵头的最多": a holder asked for within that half, too.
  if (slots.some((x) => x.role === 'list' && x.value === 'livelihood') && (slots.some((x) => x.role === 'leader' || x.role === 'unit') || /(?:哪|谁|各|每)[^，。？?]{0,6}(?:单位|部门|领导|市长)|(?:单位|部门|领导|市长)[^，。？?]{0,6}(?:最多|最少|分别|各)/.test(text)))
    // "是省级还是岳阳市级": both halves asked about: no filter; the reply says each item's half.
    for (const m of text.matchAll(/省级(?:的)?(?:还是|或者?|和|与)(?:岳阳)?市级(?:的)?|(?:岳阳)?市级(?:的)?(?:还是|或者?|和|与)省级(?:的)?/g)) claim(m.index!, m.index! + m[0].length);
    for (const m of text.matchAll(/(岳阳市级|省级|市级)(?:的)?/g))
      if (claim(m.index!, m.index! + m[0].length)) slots.push({ role: 'level', value: m[1] === '省级' ? '省级' : '岳阳市级', at: m.index!, end: m.index! + m[0].length });
  // "省市民生实事", "省、市两级的": both halves named together are the whole list, no filter.
  if (slots.some((x) => x.role === 'list' && x.value === 'livelihood'))
    for (const s of spans(text, /省市两级(?:的)?|省、?市(?:级)?(?:的)?(?:重点)?(?=民生|两级|$)|省级和(?:岳阳)?市级(?:的)?/g)) claim(s.at, s.end);
  // The 开局八好 plans are a list too, though not a numbered one ("住建局牵头哪些，开局八好也算上").
  for (const s of spans(text, new RegExp(`“?开局八好”?(?:方案|举措|任务|工作)?${IN}|八好(?:方案|举措)${IN}`, 'g'))) if (claim(s.at, s.end)) slots.push({ role: 'list', value: 'measure', ...s });
  // A period (二季度, 下半年, 6月底前) is one part, not a number and a 'when' word.
  const period = askedPeriod(text);
  if (period && claim(period.at, period.end)) slots.push({ role: 'period', value: period.label, at: period.at, end: period.end });
  for (const s of spans(text, YEAR)) if (claim(s.at, s.end)) slots.push({ role: 'year', value: text.slice(s.at, s.end), ...s });
  for (const s of spans(text, DOCUMENT)) if (claim(s.at, s.end)) slots.push({ role: 'document', value: text.slice(s.at, s.end), ...s });
  // "下列哪个单位", "以下哪些": a pointer to the choices before the question word names nothing.
  for (const s of spans(text, /(?:下列|下面|以下|如下|上述|上面)(?=的?(?:哪|谁|什么|啥))/g)) claim(s.at, s.end);
  const cues: Cue[] = [];
  for (const [kind, re] of CUES) for (const s of spans(text, re)) if (claim(s.at, s.end)) cues.push({ kind, ...s });
  // "包括", "也算" say "as well" only of a list or of both roles ("民生实事也算上", "牵头配合都算");
  // elsewhere ("三高四新包括哪些") they are words of the question, left to the topic.
  const asWell = slots.some((x) => x.role === 'list') || (cues.some((c) => c.kind === 'lead') && cues.some((c) => c.kind === 'co'));
  if (!asWell)
    for (let i = cues.length - 1; i >= 0; i--)
      if (cues[i]!.kind === 'also') {
        for (let k = cues[i]!.at; k < cues[i]!.end; k++) taken[k] = false;
        cues.splice(i, 1);
      }
  // "杨盛和吴艳平": a joining word between two names of one role.
  const named = slots.filter((s) => s.role === 'leader' || s.role === 'unit' || s.role === 'town').sort((a, b) => a.at - b.at);
  for (let i = 0; i + 1 < named.length; i++) {
    const [a, b] = [named[i]!, named[i + 1]!];
    // A leader and a unit joined (杨盛和住建局) are one question about both, too.
    const joinable = a.role === b.role || (a.role !== 'town' && b.role !== 'town');
    if (joinable && /^\s*(和|与|跟|及|同|、|以及|还有)\s*$/.test(text.slice(a.end, b.at)) && claim(a.end, b.at))
      cues.push({ kind: 'and', at: a.end, end: b.at });
  }
  // "牵头和配合的", "牵头加配合": both roles joined are asked for together.
  const roles = cues.filter((c) => c.kind === 'lead' || c.kind === 'co').sort((x, y) => x.at - y.at);
  for (let i = 0; i + 1 < roles.length; i++) {
    const [x, y] = [roles[i]!, roles[i + 1]!];
    if (x.kind !== y.kind && /^\s*(和|与|跟|及|、|加|加上|或|或者|还是)\s*$/.test(text.slice(x.end, y.at)) && claim(x.end, y.at)) cues.push({ kind: 'and', at: x.end, end: y.at });
  }
  // "民生实事和重点任务": two lists joined are both asked for.
  const lists = slots.filter((s) => s.role === 'list').sort((a, b) => a.at - b.at);
  for (let i = 0; i + 1 < lists.length; i++) {
    const [a, b] = [lists[i]!, lists[i + 1]!];
    if (/^\s*(和|与|跟|及|、|以及|还有|加上|连同)\s*$/.test(text.slice(a.end, b.at)) && claim(a.end, b.at)) cues.push({ kind: 'and', at: a.end, end: b.at });
  }
  let rest = '';
  for (let i = 0; i < text.length; i++) rest += taken[i] ? ' ' : text[i];
  // A lone preposition left between the parts ("曹陶在票决里管哪个": 在) frames them; it is no topic;
  // nor a lone joining word ("牵头领导和单位是谁": 和 between two asked fields).
  const residue = rest.replace(QUESTION_WORDS, ' ').replace(/[^\u4e00-\u9fffA-Za-z0-9]+/g, ' ').trim()
    .split(/\s+/).filter((w) => !/^[在从对把给于向里中上内之和与跟及或]$/.test(w)).join(' ');
  return { q, slots: slots.sort((a, b) => a.at - b.at), cues: cues.sort((a, b) => a.at - b.at), residue };
}

export type Op = 'lookup' | 'list' | 'count' | 'intersection' | 'each' | 'argmax' | 'argmin' | 'whichNot' | 'sum' | 'distribution' | 'others' | 'sole';

export interface Reading {
  frame: string;
  op: Op;
  relation?: Relation;
  field?: string;
  kind?: HolderKind;
  names?: string[];
  scope?: ListScope[];
  /** what it uses of the question */
  slots: Slot[];
  cues: Cue[];
  usesResidue: boolean;
  score: number;
  run: () => Answer | null;
}

export type Proposal = Omit<Reading, 'score'>;

export function has(a: Analysis, ...kinds: CueKind[]): Cue[] {
  return a.cues.filter((c) => kinds.includes(c.kind));
}

export function slotsOf(a: Analysis, ...roles: Role[]): Slot[] {
  return a.slots.filter((s) => roles.includes(s.role));
}

const len = (xs: { at: number; end: number }[]) => xs.reduce((n, x) => n + (x.end - x.at), 0);
const residueLen = (a: Analysis) => a.residue.replace(/\s/g, '').length;

/** Share of the question's meaningful characters (names, cues, topic words) a reading uses. */
export function score(a: Analysis, p: Proposal): number {
  const total = len(a.slots) + len(a.cues) + residueLen(a);
  if (!total) return 0;
  const used = len([...new Set(p.slots)]) + len([...new Set(p.cues)]) + (p.usesResidue ? residueLen(a) : 0);
  return used / total;
}

export type Frame = (a: Analysis, ctx: AnswerContext) => Proposal[];

/** Readings of a question, best first. Ties go to the frame listed first (the more specific). */
export function readings(a: Analysis, ctx: AnswerContext, frames: Frame[]): Reading[] {
  const out: Reading[] = [];
  // The things summed, not the unit asked in ("多少万人" leaves 万人).
  const terms = has(a, 'sum').length ? a.residue.split(/\s+|和|与|及|跟|、/).filter((t) => t.length >= 2 && !/^[万亿千百]?(?:人次|人|个|项|座|套|元|亩|户|家|所|台|处|公里|平方米)$/.test(t)) : [];
  frames.forEach((f) => {
    for (const p of f(a, ctx)) {
      // "新签约、新开工、新投产加起来多少个": a reply that states each asked figure states their sum.
      const run = terms.length >= 2 ? () => withSum(p.run(), terms) : p.run;
      out.push({ ...p, run, score: score(a, p) });
    }
  });
  return out.map((r, i) => ({ r, i })).sort((x, y) => y.r.score - x.r.score || x.i - y.i).map((x) => x.r);
}

/** The reply with the sum of the figures it gives for each term, when every term has one figure
 * in one unit and the reply has no sum of its own. */
export function withSum(ans: Answer | null, terms: string[]): Answer | null {
  if (!ans?.found || /合计|共计|总计|加起来/.test(ans.text)) return ans;
  const flat = ans.text.replace(/\s+/g, '');
  const UNIT = '(个|项|座|人|家|户|所|套|台|处|亩|万亩|万元|亿元|公里|万人)';
  // "养老保险、工伤保险、失业保险分别参保47万人、6.5万人、2.8万人": the i-th figure is the i-th item's.
  const respective = (t: string): RegExpMatchArray | null => {
    for (const m of flat.matchAll(new RegExp(`((?:[^，。；;、\\d]{2,12}、)+[^，。；;、\\d]{2,12})分别[^，。；;\\d]{0,6}((?:\\d+(?:\\.\\d+)?${UNIT}、)+\\d+(?:\\.\\d+)?${UNIT})`, 'g'))) {
      const items = m[1]!.split('、');
      const figs = [...m[2]!.matchAll(new RegExp(`(\\d+(?:\\.\\d+)?)${UNIT}`, 'g'))];
      const i = items.findIndex((x) => x.includes(t) || t.includes(x));
      if (i >= 0 && items.length === figs.length) return figs[i]!;
    }
    return null;
  };
  const figures = terms.map((t) => flat.match(new RegExp(`${t}[^，。；;\\d]{0,6}?(\\d+(?:\\.\\d+)?)${UNIT}`)) ?? respective(t));
  if (figures.some((f) => !f) || new Set(figures.map((f) => f![2])).size !== 1) return ans;
  const total = Math.round(figures.reduce((n, f) => n + Number(f![1]), 0) * 10000) / 10000;
  const line = `${terms.join('、')}合计${total}${figures[0]![2]}（${figures.map((f) => f![1]).join('+')}）。`;
  const lines = ans.text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('来源'));
  lines.splice(at < 0 ? lines.length : at, 0, line);
  return { ...ans, text: lines.join('\n') };
}

export function describe(r: Reading | undefined, a: Analysis): string {
  if (!r) return '（无）';
  const parts = [
    `${r.frame}`,
    `op=${r.op}`,
    r.relation && `relation=${r.relation}`,
    r.field && `field=${r.field}`,
    r.kind && `${r.kind}=${(r.names ?? []).join('+')}`,
    r.scope?.length ? `lists=${r.scope.join('+')}` : '',
    r.slots.length ? `uses=${r.slots.map((s) => `${s.role}:${s.value}`).join(',')}` : '',
    r.cues.length ? `cues=${r.cues.map((c) => `${c.kind}:${a.q.text.slice(c.at, c.end)}`).join(',')}` : '',
    r.usesResidue && a.residue ? `topic=「${a.residue}」` : '',
    `score=${r.score.toFixed(2)}`,
  ];
  return parts.filter(Boolean).join('  ');
}
