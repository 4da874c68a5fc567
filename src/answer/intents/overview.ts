// "民生实事有多少项", "票决民生实事有哪些", "重点工作任务一共多少项": the lists themselves.
import type { AnswerContext } from '../context.ts';
import { clip, distinctive, lineBudget, sourceText, votedDetail } from '../format.ts';
import { QUESTION_WORDS, type Query } from '../query.ts';
import type { Answer } from '../types.ts';
import { itemFigure } from './byEntity.ts';
import { rank } from './relations.ts';

/** The eight plans of 开局八好, from the measures' plan titles, with how many measures each. */
function kaijuPlans(ctx: AnswerContext): Answer | null {
  const plans = new Map<string, { n: number; m: AnswerContext['kb']['measures'][number] }>();
  for (const m of ctx.kb.measures) {
    if (/总体方案/.test(m.plan)) continue;
    const p = plans.get(m.plan);
    plans.set(m.plan, { n: (p?.n ?? 0) + 1, m: p?.m ?? m });
  }
  if (!plans.size) return null;
  const list = [...plans.entries()];
  const refs = list.map(([, v]) => v.m.source);
  // "有几个实施方案": the count first, in the words it is asked in (ANSWERS.md, counting).
  const lines = [`“开局八好”共${list.length}个实施方案（${list.length}个方面各一个，另有1个总体方案）：`];
  list.forEach(([plan, v], i) => lines.push(`${i + 1}. ${plan.replace(/实施方案$/, '')}（举措${v.n}条）`));
  lines.push('可问某项举措由谁牵头，如“消费平台谁牵头”。', sourceText([{ ...refs[0]!, locator: '“开局八好”总体方案及附件1–8' }]));
  return { found: true, text: lines.join('\n'), refs };
}

// "票决项目谁牵头的": who leads each item of the list is the list with its leads.
const ASKS_LIST = /谁(?:来)?(?:牵头|负责)|多少|几|一共|总共|共有|有哪些|哪些|哪几|哪[\d一二两三四五六七八九十]|清单|列表|都有|分别|概况|总体|是什么|是啥|包括|包含/;
// Who issued the list and where in it (市政府, 全市, 表里, 附件中) say which list, not a subject in it.
const LEFTOVER = /子项|分别|全部|所有|重点|都|指标|包括|包含|节点|时间安排|进度安排|分解表|任务表|分解|汨罗市|市政府|政府|我市|全市|市里|文件|附件|表格|表|里面|里头|当中|[里中啊呀哦嘛]|[项个些共总一二三四五六七八九十省级市岳阳及和与哪人大代表今年分类\d\s]/g;

/** "主要经济目标有哪些", "聚力防风险有几项任务": a category of the key-task table (from the table
 * itself), named in the question, is answered with all its tasks. */
function category(ctx: AnswerContext, q: Query): Answer | null {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const cats = [...new Set(ctx.kb.keyTasks.map((t) => t.category))].filter((c) => c.length >= 4);
  const named = cats.filter((c) => squeeze(q.text).includes(c)).sort((a, b) => b.length - a.length)[0];
  if (!named) return null;
  // Nothing else asked about but the category (a topic inside it goes to the topic search).
  const rest = squeeze(q.text).replace(named, ' ').replace(QUESTION_WORDS, ' ').replace(/重点工作|重点任务|[^\u4e00-\u9fff]/g, ' ').replace(LEFTOVER, '');
  if (rest.length >= 2) return null;
  const ts = ctx.kb.keyTasks.filter((t) => t.category === named);
  const width = lineBudget(ts.length);
  const lines = [`“${named}”类重点工作任务共${ts.length}项：第${ts.map((t) => t.no).join('、')}项。`];
  for (const t of ts) lines.push(`· 第${t.no}项 ${distinctive(ctx.kb, t.target, width)}（${t.leaders.join('、')}）`);
  lines.push(sourceText(ts.map((t) => t.source)));
  return { found: true, text: lines.join('\n'), refs: ts.map((t) => t.source) };
}

/** "几个", "多少个": a count is stated in the measure word it was asked in (共3个), else 项. */
function countWord(text: string): string {
  return /(?:几|多少)个(?!子项|指标)|哪[\d一二两三四五六七八九十]+个/.test(text) ? '个' : '项';
}

export function overview(ctx: AnswerContext, q: Query): Answer | null {
  if (q.people.length || q.units.length || q.towns.length) return null;
  const cat = category(ctx, q);
  if (cat) return cat;
  if (/开局八好/.test(q.text) && /哪|什么|啥|有几|几个|\d+个|分别|都是|列|内容|包括/.test(q.text) && !/专班|专报|指标/.test(q.text)) return kaijuPlans(ctx);
  if (!ASKS_LIST.test(q.text) || q.topic.replace(LEFTOVER, '') !== '') return null;
  const kb = ctx.kb;
  // "票决项目有几个节点": every project's milestones, every track.
  if (/票决/.test(q.text) && /节点|时间安排|进度安排|分解/.test(q.text)) {
    const refs = kb.voted.map((v) => v.source);
    const n = kb.voted.reduce((s, v) => s + v.tracks.reduce((t, tr) => t + tr.milestones.length, 0), 0);
    return { found: true, text: [`票决民生实事${kb.voted.length}项，共${n}个节点：`, ...kb.voted.map(votedDetail), sourceText(refs)].join('\n'), refs };
  }
  if (/票决/.test(q.text)) {
    const lines = [`2026年人大代表票决民生实事共${kb.voted.length}${countWord(q.text)}：`];
    for (const v of kb.voted) lines.push(`${v.no}. ${clip(v.name, 30)}——${v.leaders.join('、')}｜${v.leadUnits.join('、')}`);
    lines.push('可问“票决第N项”看节点。', sourceText(kb.voted.map((v) => v.source)));
    return { found: true, text: lines.join('\n'), refs: kb.voted.map((v) => v.source) };
  }
  // "民生实事谁负责", "重点任务谁牵头": too many items to name each one's lead; each leader's share.
  if (/谁(?:来)?(?:牵头|负责)/.test(q.text) && /民生实事|民生项目|重点(?:工作)?任务|工作任务/.test(q.text) && !/哪|多少|几|有什么|分别/.test(q.text))
    return rank(ctx, 'leader', 'lead', /民生实事|民生项目/.test(q.text) ? 'livelihood' : 'task', 'each', [], /省级/.test(q.text) ? '省级' : /市级/.test(q.text) ? '岳阳市级' : undefined);
  if (/民生实事|民生项目|指标/.test(q.text)) {
    const prov = kb.livelihood.filter((p) => p.level === '省级');
    const city = kb.livelihood.filter((p) => p.level === '岳阳市级');
    const wantCity = /岳阳市级|市级/.test(q.text) && !/省级/.test(q.text);
    const wantProv = /省级/.test(q.text) && !wantCity;
    const items = kb.livelihood.reduce((n, p) => n + p.items.length, 0);
    const lines = [
      wantProv
        ? `省级重点民生实事${prov.length}${countWord(q.text)}（第${prov[0]!.no}–${prov[prov.length - 1]!.no}项）：`
        : wantCity
          ? `岳阳市级重点民生实事${city.length}${countWord(q.text)}（第${city[0]!.no}–${city[city.length - 1]!.no}项）：`
          : `2026年省、岳阳市重点民生实事共${kb.livelihood.length}${countWord(q.text)}：省级${prov.length}项、岳阳市级${city.length}项，含${items}个子项、${kb.indicators.length}个指标。`,
    ];
    const shown = wantProv ? prov : wantCity ? city : kb.livelihood;
    // One line per project, named by its sub-items when its name is a slogan (幼有所育).
    for (const p of shown) {
      const subs = p.items.filter((i) => i.text !== p.name).map((i) => i.text.split(/[，,。；（(]/)[0]!);
      // Every sub-item: joined when they fit one line, else one line each (never "…" over the last).
      if (!subs.length) lines.push(`${p.no}. ${p.name}${itemFigure(kb, p, p.items[0]!)}`);
      else if (subs.join('、').length <= 72) lines.push(`${p.no}. ${p.name}：${subs.join('、')}`);
      else lines.push(`${p.no}. ${p.name}：`, ...p.items.filter((i) => i.text !== p.name).map((i) => `  - ${distinctive(kb, i.text, 60)}`));
    }
    // The bulletin counts progress over a finer list; say so rather than let two figures clash.
    const bulletin = kb.passages.find((p) => p.doc === 'bulletin' && /省级重点民生实事\d+项/.test(p.text));
    const counted = bulletin?.text.match(/省级重点民生实事(\d+)项[^；]*；岳阳市级重点民生实事(\d+)项/);
    if (counted) lines.push(`注：“开局八好”专报第2期按省级${counted[1]}项、岳阳市级${counted[2]}项统计进度。`);
    const ref = { ...kb.livelihood[0]!.source, locator: '附件1' };
    lines.push('可问“民生实事第N项”看详情。', sourceText([ref]));
    return { found: true, text: lines.join('\n'), refs: [ref] };
  }
  if (/重点工作|重点任务|工作任务|任务/.test(q.text)) {
    const byCat = new Map<string, number>();
    for (const t of kb.keyTasks) byCat.set(t.category, (byCat.get(t.category) ?? 0) + 1);
    const ref = { ...kb.keyTasks[0]!.source, locator: '附件' };
    const lines = [
      `2026年市政府重点工作任务共${kb.keyTasks.length}项，分${byCat.size}类：`,
      [...byCat].map(([c, n]) => `${c}${n}项`).join('、'),
      '可问“第N项”“某领导牵头哪些任务”“某单位牵头几项”。',
      sourceText([ref]),
    ];
    return { found: true, text: lines.join('\n'), refs: [ref] };
  }
  return null;
}
