// What a live question is (issue 13, class 11): the items, unit, leader, town or whole board it
// is about, the list it narrows to, the period, and whether it asks how things stand, what lags,
// what is due or whether it was reported. A question with a subject of its own beside those
// words ("住建局保障房进展") is left to the lookups.
import { parseItemAddress, type ItemRef } from '../items/address.ts';
import { lookupItem, type ItemCatalog, type SupervisedItem } from '../items/catalog.ts';
import { livePeriod, type LivePeriod } from './livePeriod.ts';
import type { LiveView } from './liveView.ts';
import { QUESTION_WORDS, type Query } from './query.ts';
import { repairPairs, soundTable, type WordSounds } from './words.ts';
import { pinyinOf, type Lexicon } from '../../knowledge/lexicon.ts';
import { parseChineseNumber } from './text.ts';
import { askedYear } from './years.ts';
import { askedPeriod } from './periods.ts';

export const PROGRESS = /(?:整体|总体|面上)(?:情况|咋样|怎样)?$|概况|到哪(?:一步|步|儿|里)?了|(?:到|弄到|搞到|做到|干到|进行到|推进到)(?:啥|什么|哪个|哪种)(?:程度|地步|阶段|位置)|完成(?:了)?多少了|完成了多少|干了多少|做了多少|完成率|完成几成|汇总一下|进展|进度|咋样|怎么样|怎样|如何了|如何$|啥情况|什么情况|情况如何|推进得|推进情况|完成情况|完成得|完成了没|完成了吗|完成没|干得|搞得|办得|做得|动静|状态|落实情况|(?:那边|这边)?(?:的)?情况(?:呢|说下|说一下|讲讲|汇报下)?$|顺利|顺不顺|汇报一下|汇报下|报一下|过半|推进(?:得|情况)?$|(?:那|这)(?:几项|几个|些事|些任务)$/;
export const REPORTED = /(?:好久|很久|一直|还)?没(?:再|有再)(?:报|填|更新)|(?:好久|很久|一直)没(?:有)?更新|报齐|交齐|填齐|交没交|交了没|交了吗|没交|填了没|填没填|没填|(?:[报交填]|更新)(?:了|过)?(?:进展|进度)|没有?报过|有人报|有没有人报|报过没|报过吗|报了没|报没报|报了吗|有没有报|没报|未报|填报|上报|报送|报了|报上来/;
/** "是不是都按时序在走": whether all keep to schedule, answered by what does not */
const ON_TRACK = /(?:是不是|是否|有没有)都?在?按(?:时序|序时|计划|节点|进度|时间)(?:进度)?在?(?:走|推进|进行|干|来)/;
export const LAG = new RegExp(String.raw`落后最多|滞后最多|滞后|落后于(?:计划|进度|节点|时序|序时|时间)|落后|拖了(?!后腿)|(?<![缓怠])慢(?:了|的|吗|不慢)(?!性)|拖了?后腿|最拖|有没有拖(?:了?后腿)?|拖(?:的|吗|没)|被挂|掉链子|延误|耽误|拖没拖|拖了没|没按节点|没按时间|最慢|没跟上|跟不上|赶不上|没赶上|没达到|未达到|达不到|没到(?:时序|序时)|进度慢|进展慢|偏慢|较慢|太慢|逾期|超期|没按时|未按时|没达成|未达成|没完成节点|没有完成节点|节点有没有?(?:完成|达成)|掉队|${ON_TRACK.source}`);
/** Asking which items stand in one state ("哪些已经完成了", "还有哪些没开始"): the state, by the
 * board's one rule. 滞后 is LAG's (it names reasons); 完成情况/完成了没 stay PROGRESS. */
export const STATE_WORDS: readonly [RegExp, '已完成' | '逾期完成' | '正常推进' | '未开始'][] = [
  [/(?:逾期|超期|超了期|延期|推迟|拖期)(?:才|后|了)?完成|(?:超出|超过|过了|晚于|拖过)[^，。？?]{0,8}(?:后|以后|之后)?才(?:完成|办结|完工|干完|做完)|拖了?[^，。？?]{0,6}(?:最后|最终|后来|还是)才?(?:完成|干完|做完|办完|搞完|办结)(?:了)?|晚完成|拖了?[^，。？?]{0,4}才(?:完成|办结|完工)|晚了?[^，。？?]{0,4}(?:做完|干完|完成|办完)|完成[^，。？?]{0,4}(?:超时|超期|逾期|晚了)/, '逾期完成'],
  [/(?:已经?|都)(?:完成|办结|办完|做完|干完|完工|达成|销号)|销号了|有(?:没有)?(?:完成|销号|办结)的|完成了的|完成了(?:几|多少)(?:项|个|件)|(?<![要需应须该得])完成(?:几|多少)(?:项|个|件)了|完成了(?:哪些|哪几)|(?:哪些|哪几)[^，。？?]{0,12}(?:完成|完工|办结|销号)了|(?:完成|办结|完工|销号)的(?:有)?(?:哪些|哪几|几|多少)|(?:做|干|搞|弄)完了?的?|搞定了?的?|已办结|完工了/, '已完成'],
  [/是不是都(?:开始|启动|动|开工)了|都(?:开始|启动|动起来)了(?:吗|没)|未开始|没开始|没有开始|尚未开始|还没开始|没启动|没有启动|未启动|尚未启动|没动(?:静|工)?|没开工|未开工|没有开工|没动工/, '未开始'],
  [/正常推进?|推进正常|进展正常|按计划推进|按(?:期|时|节点)推进|(?:推进|进展)顺利的|(?:推进|进展)?没(?:有)?(?:问题|毛病)的|按进度[^，。？?]{0,2}走|正常走|按序时|正常的/, '正常推进'],
];
const STATE = new RegExp(STATE_WORDS.map(([re]) => re.source).join('|'));
/** 逾期完成 and 是不是都按时序在走, taken out of a residue before the other live words */
const LATE_OR_ON_TRACK = new RegExp(`${STATE_WORDS[0]![0].source}|${ON_TRACK.source}`, 'g');

/** Asking who has reported: the units not yet reported, or the latest reports. */
const WHO_NOT = /(?:没有?|未|还没)(?:报|填|交|上报|报送)(?:进展|进度)?的(?:单位|部门|镇街?|有哪些|是哪些)(?:点个?名|点一下名)?|(?:哪个|哪些|哪几个|哪家)(?:镇街?|单位|部门)?报得(?:最)?少|(?:谁|谁家|(?:哪些|哪个|哪几个)(?:牵头|责任)?单位|哪几家|哪家|哪些部门|哪个部门|哪些镇街?|哪几个镇)(?:还|一直|至今|到现在|一次都|从来|从没|都)?(?:没有?|未)(?:报|填|上报|交)|(?:几个|几家|多少)(?:单位|部门|镇街?)(?:还|一直|至今)?(?:没有?|未)(?:报|填|交)/;
/** Asking who reports the most ("哪个单位报得最勤", "谁填报最积极"): the units ranked by items reported. */
const MOST_REPORTED = /(?:哪个|哪些|哪几个|哪家|谁)(?:镇街?|单位|部门)?(?:报|填报|上报|报送)(?:得|的)?(?:最勤|最多|最积极|最及时|最快|最好)|(?:报|填报|上报)(?:得|的)?最(?:勤|多|积极|及时)的(?:是)?(?:哪|谁)/;
const RECENT = /最近(?:谁|哪些|有谁|有人)(?:报|填报|上报)|(?:上回|上一回)(?:报|填报|上报|填)|(?:最近|上|最后)?[一1]次(?:报|填报|上报)|上次(?:报|填报)|(?:最新|最近)(?:的|报的|填报的)?进展|谁报了|哪些(?:单位)?报了|刚报的|新报的|今天(?:谁|有人|有谁)?(?:报|填报)/;

/** Asking whether a thing is done yet, or how far its count has got (建成了吗, 竣工了没, 更新了几台了):
 * how it stands, when the documents pin the subject to supervised items. */
export const DONE_VERB = '(?:[\u4e00-\u9fff]{1,2}[完好成]|竣工|完工|开工|投产|投运|开放|完成|更新|改造|落地|落实|到位|建起来|建起|开建|动工|开业|启用|投用|运营|建了|办了|开了|修了|装了|签了|招了|搞了|弄了|做了|开展了|举办了|培训了)';
/** (the verb before a count goes with it: "爱心驿站建成几家了" asks about 爱心驿站) */
/** the end of a clause: the end, or a particle or stop before the next ("…了？停车位呢") */
const CLAUSE_END = '(?:啊|呀|哈|呢)?(?:$|[？?。！!，,\\s])';
export const DONE_YET = new RegExp(`(?:${DONE_VERB}|[\\u4e00-\\u9fff]{1,2}(?=了))(?:了)?(?:吗|没有?|吧)${CLAUSE_END}|${DONE_VERB}?了?(?:几|多少)(?:个|台|家|套|座|户|所|条|人|场|次|万|公里|千米|亩)?了${CLAUSE_END}|(?:现在|目前|到现在|已经)(?:[\\u4e00-\\u9fff]{1,2}了|完成了?)(?:几|多少)(?:个|台|家|套|座|户|所|条|人|场|次|万|公里|千米|亩|张)?|(?:建了|办了|修了|装了|签了|招了|换了|改了)(?:几|多少)(?:个|台|家|套|座|户|所|条|人|场|次|万|公里|千米|亩|张)?${CLAUSE_END}|(?:到|达到|超过)\\s*\\d+(?:\\.\\d+)?\\s*(?:%|％|万|个|座|家|户|人|台|套)?了?(?:吗|没有?)${CLAUSE_END}`);
/** "票决1到6月底能完成17座不", "能按时签完协议不": whether it will make its node, which is how it
 * stands now */
export const FEASIBLE = /能(?:否|不能)|能[^，。？?]{1,14}[不吗](?:[？?])?$|来得及|赶得上|赶不赶得上/;
/** "已经签了多少个", "到现在完成多少人": how far an item has got, now */
export const SO_FAR = /(?:已经|已|到现在|到目前|目前为止|截至目前|至今|现在|目前|眼下)[^，。？?]{0,8}?(?:几|多少)/;

const NOT_DONE = /(?:没有?|未|还没|尚未)(?:完成|做完|干完|搞完|达成|办结|完工)/;

/** Asking for the plan of an item, not how it stands. */
export const PLAN = /要[做干搞弄完]?到哪|要求|安排|计划|目标|要完成|需完成|应完成|须完成|是什么(?!情况|进展|状态|进度|程度)|内容|谁牵头|谁负责|哪个单位|配合|什么时候/;
/** How an item stands, whatever else the question says. */
export const STANDING = /咋样|怎么样|怎样|如何|报了|报没|没报|滞后|落后|状态|动静|情况如何|推进得|完成了没|完成没|完成情况/;
const DUE = /结点|没到期|未到期|没到(?=$|[？?，,。])|到期|到点|截止|要交|该交|得交|交什么|交啥|要完成|需完成|须完成|必须完成|务必完成|应完成|该完成|得完成|完成哪些|节点|要做|要干|干什么|做什么|干啥|做啥|任务/;
/** A document named: the question is about what it says (专报里滞后几项), not about the store. */
export const DOCUMENT = /专报|简报|工作报告|公报|纪要|文件里|文件中|文件上|原文|通知里/;
/** Words that name no subject of their own in a live question. */
/** How a polite or roundabout question asks (您好，想了解一下…需要预警的), taken out before the
 * live words so their characters (了, 一下) are not read apart. */
const POLITE = /列一下|列下|列个?清单|就|(?:书记|领导|市长|局长)?让我问(?:一?下)?|请列出|列出|注明[^，。？?]{0,8}|截至今[日天]|系统(?:里)?收到没|收到没|系统里|给说说|说说|是个|我们|咱们|咱|哎|唉|有点慌|您好|你好|请问|想了解一下|了解一下|想问一下|问一下|麻烦您?|帮忙|帮我|梳理一下|梳理|能否|能不能|需要预警的?|预警|当中|之中|按计划|按时序|按进度要求|按节点|按月份?(?:排一?下|排|列)?|请列明|列明|请统计|统计一下|统计|为止|里头/g;
/** "分管的盘子", "那一摊子", "那条线上", "面上", "承担的任务": the scope's share of the work, said
 * as a spoken word for it — no subject of its own. */
const SCOPE_AREA = /(?:那|这)?一?摊子?(?:事)?|盘子|(?:那|这)?条线(?:上)?|口子上|面上|概况|承担(?:的)?|相关(?:的)?(?:任务|事项)?|的活儿?(?!动|力|跃|化)|(?:状态)?(?:标成|标为|标记为|标的是|标着)|(?:设|定|安排)了?(?=(?:哪些|哪几个|什么|啥)?(?:节点|结点))/g;
/** "那二十几项", "这十来个": how many items the speaker has in mind, no subject */
const SAID_COUNT = /[这那]?[一二两三四五六七八九十几]+(?:来|多)?[项个件]/g;
const FILLER = /人大代表|人大|中|及|时间里|的时间|时间|还剩|剩下|剩余|各自|一点儿?|各|镇|汨罗市|汨罗|汩罗|全市|一次都|一次|一共|总共|之前|以前|哪个镇街?|哪个单位|哪家|都给我|拉出来|说下|说一下|讲讲|把|联络员|列个单子|单子|清单|给个|汇总|排一下|排个序|要盯|盯|多不多|时序|序时|列出来|列一下|列下|时序进度|序时进度|时间进度|计划进度|于|民生项目|民生|各镇街|各镇|各单位|各部门|推进|落实|常务副市长|副市长|市长|副主任|主任|副局长|局长|书记|同志|重点工作任务|重点工作|重点任务|工作任务|重点|省市|里面|里|那边|这边|时候|民生实事|票决项目|票决|省级|岳阳市级|市级|开局八好|八好|镇街指标|指标|那几项|这几项|那几个|这几个|几项|几个|哪几|哪些|那些|这些|所有|全部|各项|整体|总体|总的|全市|目前|现在|眼下|最近|近期|当前|截至|截止|已经|还有|都|还|又|没|了|么|嘛|吗|呢|啊|呀|吧|的|得|地|是|有|在|项|个|件|些|事|任务|事项|工作|项目|节点|结点|情况|进展|进度|滞后|落后|到期|完成|要|需|须|应|该|报|那|这|单位|领导|牵头|负责|分管|的话|一下|看看|说说|讲讲|给我|我/g;

/** The words a live question turns on: a homophone slip there (滞厚, 进站) must not leave it a
 * subject word, so a lag question becomes a lookup of "滞厚". */
const LIVE_WORDS = ['滞后', '落后', '逾期', '超期', '进展', '进度', '填报', '上报', '节点', '到期', '完成', '推进', '开工', '竣工'];
let livePy: Map<string, string> | undefined;

/** What follows a unit's weak short form (发改, 交通) in a live question about it: the lookups
 * want a role word after it (发改牵头…); "发改有没有逾期的", "发改已完成的" ask how it stands. */
const LIVE_AFTER = /^(?:局)?(?:$|[\s，,]|的|总体|整体|全部|那边|这边|有没有|有没|有|哪些|哪几|还|已经?|都|进展|进度|情况|滞后|逾期|落后|超期|拖|掉队|最近|报|填|交)/;

/** The query as a live question reads it: slips of its live words repaired (pieces the
 * documents never write and no everyday word is: 之后 stays 之后), names already found kept,
 * and a unit's weak short form taken as the unit when a live word follows it. */
export function liveQuery(q: Query, ws: WordSounds, lex: Lexicon): Query {
  livePy ??= soundTable(LIVE_WORDS);
  const inName = (at: number) => q.mentions.some((m) => at >= m.at && at < m.end);
  const text = repairPairs(q.text, ws, livePy, inName, true);
  const mentions = [...q.mentions];
  for (const e of lex.entries) {
    if (!e.weak || e.kind !== 'unit') continue;
    const at = text.indexOf(e.alias);
    const end = at + e.alias.length;
    if (at < 0 || mentions.some((m) => m.at < end && at < m.end) || !LIVE_AFTER.test(text.slice(end))) continue;
    mentions.push({ kind: 'unit', canon: e.canon, alias: e.alias, written: e.alias, at, end, via: 'text' });
  }
  // "百水报了吗": a slip of a town's or unit's short form (one character, same sound) before a
  // live word; the lookups want a role word after a two-character slip
  for (let len = 3; len >= 2; len--)
    for (let at = 0; at + len <= text.length; at++) {
      const end = at + len;
      const piece = text.slice(at, end);
      if (!/^[\u4e00-\u9fff]+$/.test(piece) || mentions.some((m) => m.at < end && at < m.end) || !LIVE_AFTER.test(text.slice(end)) || ws.pairs.has(piece.slice(0, 2))) continue;
      const hits = (lex.byPinyin.get(pinyinOf(piece).join(' ')) ?? []).filter((e) => (e.kind === 'town' || e.kind === 'unit') && [...e.alias].filter((ch, i) => ch !== piece[i]).length === 1);
      if (new Set(hits.map((e) => e.canon)).size !== 1) continue;
      mentions.push({ kind: hits[0]!.kind, canon: hits[0]!.canon, alias: hits[0]!.alias, written: piece, at, end, via: 'pinyin' });
    }
  if (text === q.text && mentions.length === q.mentions.length) return q;
  const of = (k: string, was: string[]) => [...new Set([...was, ...mentions.filter((m) => m.kind === k).map((m) => m.canon)])];
  return { ...q, text, mentions: mentions.sort((x, y) => x.at - y.at), units: of('unit', q.units), towns: of('town', q.towns) };
}

export type Scope =
  | { kind: 'items'; items: SupervisedItem[]; missing: string[] }
  | { kind: 'unit' | 'leader' | 'town'; name: string }
  | { kind: 'all' };

/** Which lists a question restricts itself to ("民生实事哪些滞后", "省级民生实事"), with its name. */
function listFilter(text: string, c: ItemCatalog): ListFilter | undefined {
  // a voted project with a key task of its own is reported (and judged) as that task
  const votedKeys = new Set(c.kb.voted.map((v) => v.keyTask).filter((n): n is number => n !== undefined));
  const forms: [RegExp, string, (x: SupervisedItem) => boolean][] = [
    [/票决/, '票决民生实事', (x) => x.kind === 'voted' || (x.kind === 'key' && votedKeys.has(x.no))],
    [/省级(?:的)?民生/, '省级民生实事', (x) => x.kind === 'livelihood' && x.category.includes('省级')],
    [/市级(?:的)?民生/, '岳阳市级民生实事', (x) => x.kind === 'livelihood' && x.category.includes('岳阳市级')],
    [/镇街指标|民生实事指标|镇街(?:那块|那边|这块|这边)/, '镇街指标', (x) => x.kind === 'indicator'],
    // (开局八好的指标 are its measures: the list named wins over the bare word 指标)
    [/开局八好|八好/, '开局八好', (x) => x.kind === 'measure'],
    [/指标/, '镇街指标', (x) => x.kind === 'indicator'],
    [/民生实事|民生项目/, '民生实事', (x) => x.kind === 'livelihood'],
    [/重点工作|重点任务|工作任务/, '重点工作任务', (x) => x.kind === 'key'],
  ];
  const f = forms.find(([re]) => re.test(text));
  return f && { label: f[1], test: f[2] };
}

export interface ListFilter {
  label: string;
  test: (x: SupervisedItem) => boolean;
}

/** The items a question names by address: 28项, 民生6.1, 票决1, 指标43 白塘镇, 八好1.4. */
function namedItems(q: Query, c: ItemCatalog): { items: SupervisedItem[]; missing: string[]; spans: [number, number][] } {
  const items: SupervisedItem[] = [];
  const missing: string[] = [];
  const spans: [number, number][] = [];
  const add = (ref: ItemRef) => {
    const hit = lookupItem(c, ref);
    if ('error' in hit) missing.push(hit.error);
    else if (!items.includes(hit.item)) items.push(hit.item);
  };
  // "今天都26号了": a day of the month, no item number
  const t = q.text.replace(DAY_SAID, (d) => ' '.repeat(d.length));
  for (const m of t.matchAll(/民生|票决|指标|八好|开局八好/g)) {
    if (spans.some(([a, b]) => m.index! >= a && m.index! < b)) continue;
    const a = parseItemAddress(t.slice(m.index));
    if (!a || 'error' in a) continue;
    // "票决三个项目": the numeral counts the projects, it names none
    if (/[个家座所条]$/.test(t.slice(m.index!, m.index! + a.length)) || /^[个家座所条]/.test(t.slice(m.index! + a.length))) continue;
    if (countedItems(t.slice(m.index!), c)?.at === 0) continue;
    spans.push([m.index!, m.index! + a.length]);
    // 民生6 of several sub-items, 指标43 without a town: every part
    if (a.ref.kind === 'livelihood' && a.ref.item === null) {
      const project = a.ref.project;
      const parts = c.ofKind('livelihood').filter((x) => x.ref.kind === 'livelihood' && x.ref.project === project);
      if (parts.length > 1) {
        items.push(...parts.filter((x) => !items.includes(x)));
        continue;
      }
    }
    if (a.ref.kind === 'indicator' && a.ref.town === null) {
      const no = a.ref.no;
      const town = q.towns[0];
      const cells = c.ofKind('indicator').filter((x) => x.ref.kind === 'indicator' && x.ref.no === no && (!town || x.leadUnits[0] === town));
      if (cells.length) {
        items.push(...cells.filter((x) => !items.includes(x)));
        continue;
      }
    }
    add(a.ref);
    // "民生实事第14项和第15项": the numbers joined to an address are of its list
    if (a.ref.kind === 'livelihood' || a.ref.kind === 'voted') {
      const more = t.slice(m.index! + a.length).match(/^(?:\s*(?:和|、|及|与|跟|,|，)\s*第?\d{1,2}项?)+/);
      if (more) {
        spans.push([m.index! + a.length, m.index! + a.length + more[0].length]);
        for (const n of more[0].match(/\d{1,2}/g)!) {
          const no = Number(n);
          if (a.ref.kind === 'voted') add({ kind: 'voted', no });
          else {
            const parts = c.ofKind('livelihood').filter((x) => x.ref.kind === 'livelihood' && x.ref.project === no);
            if (parts.length) items.push(...parts.filter((x) => !items.includes(x)));
            else add({ kind: 'livelihood', project: no, item: null });
          }
        }
      }
    }
  }
  // "31项现在咋样": an item number the lookups' parser leaves (it is strict about what may follow)
  // "17 18两项", "26、27、29这几项": a run of numbers said to be items
  const said = String.raw`\s*(?:[这那][些几]?)?(?:[两三四五六七八九十几]|\d{1,2})?\s*[项个]`;
  const run = t.match(new RegExp(String.raw`(?<![\d.])\d{1,3}(?:\s*[、，,和及与跟\s]\s*\d{1,3})+${said}`));
  const listed = run ? [...run[0].matchAll(new RegExp(String.raw`\d{1,3}(?=\s*[、，,和及与跟\s]|${said})`, 'g'))].map((m) => ({ list: 'task' as const, no: Number(m[0]), explicit: false })) : [];
  const all = listed.length > 1 ? listed : q.numbers.length && t === q.text ? q.numbers : [...t.matchAll(/(?:^|第)\s*(\d{1,3})\s*[项号]?(?![\d.%月年日天万亿个座户台人所家条名季周批次期届轮])|(?<![\d.])(\d{1,3})\s*[项号](?!目)/g)].map((m) => ({ list: 'task' as const, no: Number(m[1] ?? m[2]), explicit: false }));
  // "票决三个项目", "这69项" (as many as the list has): a count of items, not an item's number
  const counted = countedItems(t, c);
  const numbers = all.filter((n) => !(counted && n.no === counted.n && n.list === counted.list) && !(n.list === 'task' && wholeKeyList(t, c)));
  if (!spans.length)
    for (const n of numbers) {
      if (n.list === 'task') add({ kind: 'key', no: n.no });
      else if (n.list === 'voted') add({ kind: 'voted', no: n.no });
      else if (n.list === 'livelihood') {
        const parts = c.ofKind('livelihood').filter((x) => x.ref.kind === 'livelihood' && x.ref.project === n.no);
        if (parts.length) items.push(...parts.filter((x) => !items.includes(x)));
        else add({ kind: 'livelihood', project: n.no, item: null });
      } else if (n.list === 'indicator') {
        const town = q.towns[0];
        const cells = c.ofKind('indicator').filter((x) => x.ref.kind === 'indicator' && x.ref.no === n.no && (!town || x.leadUnits[0] === town));
        if (cells.length) items.push(...cells);
        else add({ kind: 'indicator', no: n.no, town: town ?? null });
      }
    }
  return { items, missing, spans };
}

const COUNTED = /(票决|民生)(?:实事|项目)?([一二两三四五六七八九十]|\d{1,2})[个项]/;

/** "票决三个项目" counts the voted projects; "票决三项" only when three is how many the list has
 * (票决3 names one). Where the count stands, the list and the number. */
function countedItems(t: string, c: ItemCatalog): { at: number; list: 'voted' | 'livelihood'; n: number } | undefined {
  const hit = COUNTED.exec(t);
  if (!hit) return undefined;
  const list = hit[1] === '票决' ? 'voted' : 'livelihood';
  const n = /\d/.test(hit[2]!) ? Number(hit[2]) : parseChineseNumber(hit[2]!);
  const size = list === 'voted' ? c.kb.voted.length : c.kb.livelihood.length;
  return /个$/.test(hit[0]) || n === size ? { at: hit.index, list, n } : undefined;
}

/** "这69项", "全部69项": as many as the key tasks, said of them all. */
const wholeKeyList = (t: string, c: ItemCatalog) => new RegExp(`(?:这|那|全部?|共)${c.kb.keyTasks.length}项|(?<!第)${c.kb.keyTasks.length}项(?=重点|工作任务|任务)`).test(t);
const DAY_SAID = /(?:今天|今儿|明天|昨天|今日)(?:是|都|已经)?\d{1,2}[号日](?:了)?/g;

function blank(s: string, spans: readonly [number, number][]): string {
  let out = s;
  for (const [a, b] of spans) out = out.slice(0, a) + ' '.repeat(b - a) + out.slice(b);
  return out;
}

/** What is left of the question once names, addresses, the period and the words of a live
 * question are gone: a live question has nothing left (a subject word means a lookup). */
export function residue(q: Query, spans: readonly [number, number][]): string {
  // (a given name with its title, 艳平副市长, found inside 吴艳平副市长: the surname goes with it)
  const named = blank(q.text, [...spans, ...q.mentions.map((m) => [m.at > 0 && q.text[m.at - 1] === m.canon[0] ? m.at - 1 : m.at, m.end] as [number, number])]);
  const live = new RegExp(`${MOST_REPORTED.source}|${WHO_NOT.source}|${RECENT.source}|${STATE.source}|${PROGRESS.source}|${REPORTED.source}|${LAG.source}|${DUE.source}`, 'g');
  // "…落后的给我列个单子 明天开调度会": what is said after the last clause that asks is the
  // reason for asking, not a subject (a subject comes before the ask: 保障房 进展)
  const clauses = named.split(/[\s，,。；;！!]+/).filter(Boolean);
  const last = clauses.map((c) => new RegExp(live.source).test(c)).lastIndexOf(true);
  const asked = last >= 0 ? clauses.slice(0, last + 1).join(' ') : named;
  return asked
    // (逾期完成 first: "有没有拖了但最后干完" is not 有没有拖 and 干完)
    .replace(LATE_OR_ON_TRACK, ' ')
    .replace(POLITE, ' ')
    .replace(SCOPE_AREA, ' ')
    .replace(/第?\d{1,3}\s*[项号条]?/g, ' ')
    .replace(live, ' ')
    .replace(SAID_COUNT, ' ')
    .replace(QUESTION_WORDS, ' ')
    .replace(FILLER, ' ')
    .replace(/[\s?？!！。，,、：:；;“”"'（）()]/g, '');
}

type Kind = 'item' | 'period' | 'lag' | 'state' | 'progress' | 'who' | 'recent';

export interface Reading {
  question: string;
  kind: Kind;
  scope: Scope;
  period?: LivePeriod;
  filter?: ListFilter;
  reported: boolean;
  /** kind 'who': only the towns ("哪些镇还没报") */
  most?: boolean;
  /** kind 'item': the address alone, nothing asked of it ("28项？") */
  bare?: boolean;
  /** kind 'who': only the towns ("哪些镇还没报") */
  towns?: boolean;
  /** kind 'state': the state asked for */
  state?: (typeof STATE_WORDS)[number][1];
}

export function read(q: Query, view: LiveView): Reading | undefined {
  const r = readKind(q, view);
  return r && { ...r, question: q.raw };
}

function readKind(q: Query, view: LiveView): Omit<Reading, 'question'> | undefined {
  const t = q.text;
  if (DOCUMENT.test(t)) return undefined;
  const y = askedYear(t);
  if (y !== undefined && y !== view.year) return undefined;
  const named = namedItems(q, view.catalog);
  const period = livePeriod(t, view.today, view.year);
  // (a second period said, "截至今天…6月份进展", names no subject either)
  const other = askedPeriod(t);
  const spans: [number, number][] = [...named.spans, ...(period ? [[period.at, period.end] as [number, number]] : []), ...(other ? [[other.at, other.end] as [number, number]] : [])];
  const reported = REPORTED.test(t);
  // 逾期完成 is a state of its own, not what lags
  // "3月底的节点到现在还没完成的": not done by a period gone by is what lags
  const lag = LAG.test(t.replace(STATE_WORDS[0]![0], '')) || (period !== undefined && period.to < view.today && NOT_DONE.test(t));
  const progress = PROGRESS.test(t) || reported;
  if (named.items.length || named.missing.length) {
    // "28项？", "民生6.1呢": an address alone asks about the item as a whole, facts and standing
    const bare = named.items.length === 1 && !blank(t, named.spans).replace(/第?\d{1,3}\s*[项号]?|[\s?？!！。，,、呢啊吧嘛呀哈]/g, '');
    if (bare) return { kind: 'item', scope: { kind: 'items', items: named.items, missing: named.missing }, reported, bare: true };
    if (!progress && !lag && !STATE.test(t) && !DONE_YET.test(t) && !SO_FAR.test(t) && !FEASIBLE.test(t)) return undefined;
    // "第54项9月底前进度要求", "28项的进度目标": the plan (a lookup), unless asked how it stands
    if (PLAN.test(t) && !STANDING.test(t)) return undefined;
    return { kind: 'item', scope: { kind: 'items', items: named.items, missing: named.missing }, reported };
  }
  // "住建局保障房进展": a subject beside the name is the lookups' (the bulletin's progress)
  if (residue(q, spans).length >= 2) return undefined;
  const scope: Scope = q.people[0] ? { kind: 'leader', name: q.people[0] } : q.units[0] ? { kind: 'unit', name: q.units[0] } : q.towns[0] ? { kind: 'town', name: q.towns[0] } : { kind: 'all' };
  // "这69项" as many as the key tasks: the key tasks
  const listed = listFilter(t, view.catalog) ?? (wholeKeyList(t, view.catalog) ? listFilter('重点工作', view.catalog) : undefined);
  // a town's part of the 民生实事 is its cells of the per-town table
  const filter = listed && scope.kind === 'town' && listed.label === '民生实事' ? { label: '民生实事', test: (x: SupervisedItem) => x.kind === 'livelihood' || x.kind === 'indicator' } : listed;
  if (MOST_REPORTED.test(t)) return { kind: 'who', scope, ...(filter ? { filter } : {}), reported: true, most: true, ...(/镇|街道|乡/.test(t) && scope.kind === 'all' ? { towns: true } : {}) };
  if (WHO_NOT.test(t)) return { kind: 'who', scope, ...(filter ? { filter } : {}), reported: true, ...(/镇|街道|乡/.test(t) && scope.kind === 'all' ? { towns: true } : {}) };
  if (RECENT.test(t) && !lag) return { kind: 'recent', scope, ...(period ? { period } : {}), ...(filter ? { filter } : {}), reported: true };
  if (period && DUE.test(t) && !lag && !reported) {
    // "票决项目二季度要完成啥" is the voted projects' milestones of the documents (class 9)
    // "票决项目二季度要完成啥" asks the plan: the documents' table names each project's tracks
    // (class 9); "三季度票决实事有啥节点" is the board's nodes, each with how it stands
    if (/票决/.test(t) && scope.kind === 'all' && PLAN.test(t) && !STANDING.test(t) && !/节点|结点/.test(t)) return undefined;
    return { kind: 'period', scope, period, ...(filter ? { filter } : {}), reported };
  }
  const state = !lag && !reported ? STATE_WORDS.find(([re]) => re.test(t))?.[1] : undefined;
  if (state && !(period && DUE.test(t.replace(STATE, '')))) return { kind: 'state', scope, state, ...(filter ? { filter } : {}), reported };
  if (lag) return { kind: 'lag', scope, ...(period ? { period } : {}), ...(filter ? { filter } : {}), reported };
  if (progress) return { kind: 'progress', scope, ...(filter ? { filter } : {}), reported };
  return undefined;
}
