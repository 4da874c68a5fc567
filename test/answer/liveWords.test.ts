// Live questions in the words leaders type (issue 13, class 11), as generated properties: a
// pinyin slip in a live word (滞厚, 进站) reads as the word, a unit's weak short form (发改, 交通)
// before a live word is the unit, a run of item numbers (17 18两项) is every one of them, and a
// voted project is shown with its key task. The real knowledge and store; a fixed now.
import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { isWord } from '../../src/answer/dictionary.ts';
import { liveReading } from '../../src/answer/live.ts';
import { parentOf } from '../../src/answer/liveLines.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';
import { askContext } from '../../src/liveContext.ts';
import { READ_ALL } from '../../src/progress/liveView.ts';
import { openDbFile } from '../../src/store/db.ts';
import { insertReport } from '../../src/store/reports.ts';

const base = knowledgeContext();
const db = openDbFile(':memory:');
const ctx = askContext(base, { db, now: new Date('2026-06-26T02:00:00Z'), access: READ_ALL });
const reading = (q: string) => liveReading(q, ctx);

/** Characters by their toneless pinyin, from the documents: the pool a phone IME offers. */
const bySound = new Map<string, string[]>();
for (const c of new Set(base.kb.passages.map((p) => p.text).join('').match(/[\u4e00-\u9fff]/g) ?? [])) {
  const py = pinyin(c, { toneType: 'none' });
  bySound.set(py, [...(bySound.get(py) ?? []), c]);
}

const TEMPLATES: [string, string][] = [
  ['哪些任务滞后了', '滞后'],
  ['住建局有滞后的吗', '滞后'],
  ['28项进展咋样了', '进展'],
  ['民生实事进度如何', '进度'],
  ['哪些单位还没填报', '填报'],
  ['本月到期的节点', '节点'],
  ['有逾期完成的吗', '逾期'],
  ['哪些超期了', '超期'],
  ['白水镇落后了吗', '落后'],
];

describe('a pinyin slip in a live word', () => {
  it('reads as the word, unless the slip is a word of the documents or an everyday word', () => {
    let slips = 0;
    for (const [q, word] of TEMPLATES) {
      const want = reading(q);
      expect(want, q).toBeDefined();
      const at = q.indexOf(word);
      for (let i = 0; i < 2; i++)
        for (const c of bySound.get(pinyin(word[i]!, { toneType: 'none' })) ?? []) {
          const slipped = i === 0 ? c + word[1] : word[0] + c;
          if (c === word[i] || ctx.words.pairs.has(slipped) || isWord(slipped)) continue;
          const s = q.slice(0, at) + slipped + q.slice(at + 2);
          expect(reading(s), s).toBe(want);
          slips++;
        }
    }
    expect(slips).toBeGreaterThan(40);
  });

  it('leaves an everyday word that sounds like one (之后, 近战) as it is', () => {
    expect(reading('6月之后的节点') ?? '').not.toContain('（lag）');
    expect(answer('曹陶之后讲了什么', ctx).text).not.toMatch(/滞后\d+项/);
  });
});

describe("a unit's weak short form before a live word", () => {
  const weak = base.lexicon.entries.filter((e) => e.weak && e.kind === 'unit');

  it('is the unit: what lags, what is done, whether it reported', () => {
    expect(weak.length).toBeGreaterThan(5);
    for (const e of weak) {
      expect(reading(`${e.alias}有没有逾期的`), e.alias).toContain(`unit:${e.canon}`);
      expect(reading(`${e.alias}已完成的`), e.alias).toMatch(new RegExp(`（state）.*unit:${e.canon}`));
      expect(answer(`${e.alias}有没有逾期的`, ctx).text.split('\n')[0]).toContain(e.canon);
    }
  });

  it('is not a unit before a topic of its own', () => {
    for (const e of weak) expect(reading(`${e.alias}的产业规划`) ?? '', e.alias).not.toContain('unit:');
  });
});

describe('a run of item numbers', () => {
  it('is every item of the run, each with its state, counted first', () => {
    const sep = fc.constantFrom(' ', '、', '，', '和', ' 和 ');
    const tail = fc.constantFrom('这几项进展', '项现在咋样', '项啥情况了', '这些项目进度如何', '几项进展怎么样');
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: base.kb.keyTasks.length }), { minLength: 2, maxLength: 4 }), sep, tail, (nos, s, t) => {
        const q = nos.join(s) + t;
        const a = answer(q, ctx);
        expect(a.text.split('\n')[0], q).toMatch(new RegExp(`^${nos.length}项（截至6月26日）`));
        for (const n of nos) expect(a.text, q).toMatch(new RegExp(`· 第${n}项 `));
      }),
      { numRuns: 120 },
    );
  });
});

describe('a voted project', () => {
  it('is asked about as its key task, shown with its voted number', () => {
    for (const v of base.kb.voted.filter((x) => x.keyTask !== undefined)) {
      const a = answer(`票决${v.no}进展怎么样`, ctx);
      expect(a.text.split('\n')[0]).toContain(`第${v.keyTask}项（票决${v.no} ${v.name}）`);
      expect(a.text).toContain('状态：');
    }
    const lag = answer('票决实事有滞后的吗', ctx).text;
    expect(lag).toMatch(/^票决民生实事滞后\d+项/);
    for (const v of base.kb.voted) if (lag.includes(`第${v.keyTask}项 `)) expect(lag).toContain(`第${v.keyTask}项 票决${v.no} `);
  });
});

describe('not done by a period gone by', () => {
  it('is what lags for a node of that period: every such item and no other', () => {
    const view = ctx.live!;
    const st = view.status(view.catalog.all);
    for (let m = 1; m <= 5; m++) {
      const mm = String(m).padStart(2, '0');
      const want = view.catalog.all.filter((x) => st.get(x.no)!.state === '滞后' && st.get(x.no)!.milestones.some((n) => n.outcome === '未达成' && n.dueDate.slice(5, 7) === mm));
      for (const q of [`${m}月的节点还没完成的有哪些`, `${m}月底前的节点哪些没完成`]) {
        const a = answer(q, ctx).text;
        if (!want.length) expect(a, q).toContain('没有滞后的事项');
        else expect(a.split('\n')[0], q).toContain(`滞后${want.length}项`);
        for (const x of want) expect(a, q).toContain(`· ${x.label} `);
      }
    }
  });
});

describe('more of how leaders ask', () => {
  it("a town's 民生实事 are its cells of the per-town table, each town", () => {
    const towns = [...new Set(ctx.live!.catalog.ofKind('indicator').map((x) => x.leadUnits[0]!))];
    for (const town of towns) {
      const cells = ctx.live!.catalog.ofKind('indicator').filter((x) => x.leadUnits[0] === town);
      // (汨罗 alone is the city, not 汨罗镇)
      const short = town.replace(/镇$|街道$/, '');
      const a = answer(`${short === '汨罗' ? town : short}的民生实事搞得怎样`, ctx).text;
      expect(a.split('\n')[0], town).toMatch(new RegExp(`^${town}的民生实事事项${cells.length}项`));
    }
  });

  it('a count word right after a run of numbers counts them (26 27 28三项) and is no digit of the last', () => {
    for (const [q, nos] of [['26 27 28三项啥状态', [26, 27, 28]], ['5、6两项进展', [5, 6]]] as const) {
      const a = answer(q, ctx).text;
      expect(a.split('\n')[0], q).toMatch(new RegExp(`^${nos.length}项`));
      for (const n of nos) expect(a, q).toContain(`· 第${n}项 `);
    }
  });

  it('whether an item will make its node is how it stands; what follows the ask is no subject', () => {
    for (const q of ['票决1到6月底能完成17座不', '第19项6月底前能按时完成吗', '28项来得及吗']) expect(answer(q, ctx).text, q).toContain('状态：');
    expect(answer('重点工作任务里面落后的给我列个单子 明天开调度会', ctx).text).toMatch(/^重点工作任务滞后\d+项/);
    // a subject before the ask is still a subject: the lookups answer it
    expect(reading('保障房 进展') ?? '').not.toMatch(/（progress）：全部/);
  });

  it('下下周, 未来两周 and "9月底前到期" (from today up to that deadline) in the clock', () => {
    expect(reading('下下周有啥节点')).toContain('2026-07-06–2026-07-12');
    expect(reading('未来两周有啥要到期的')).toContain('2026-06-26–2026-07-09');
    expect(reading('9月底前到期的有哪些')).toContain('2026-06-26–2026-09-30');
    expect(reading('年底前节点还有哪些')).toContain('2026-06-26–2026-12-31');
    // the documents' "9月底前要完成" stays the plan of that node
    expect(reading('自建桥梁9月底前要完成多少座')).toBeUndefined();
  });
});

describe('counts, days and lists said in passing', () => {
  it('a count of items is no item number: 票决三个项目, 这69项 (as many as the list), 今天都26号了', () => {
    const voted = answer('票决三个项目的进展都报了吗', ctx).text;
    expect(voted.split('\n')[0]).toMatch(/^票决民生实事事项\d+项（截至6月26日）：已报\d+项，未报\d+项/);
    const n = base.kb.keyTasks.length;
    expect(answer(`这${n}项现在推进得怎么样`, ctx).text.split('\n')[0]).toMatch(new RegExp(`^重点工作任务事项${n}项`));
    expect(reading('月底前到期的还有哪些 今天都26号了')).toMatch(/（period）.*2026-06-26–2026-06-30/);
    // a number that is an item stays one
    expect(reading('第26号任务进展')).toContain('第26项');
  });

  it('the list named wins over the bare word 指标: 开局八好哪些指标落后', () => {
    expect(answer('开局八好哪些指标落后', ctx).text.split('\n')[0]).toMatch(/^开局八好(?:没有)?滞后/);
    expect(answer('镇街指标哪些落后', ctx).text.split('\n')[0]).toMatch(/^镇街指标(?:没有)?滞后/);
  });

  it('a done-yet or how-many-so-far ask ends its clause, not only the message', () => {
    for (const q of ['弼时消防三站投运了没有啊', '第32项充电桩装了多少个了？停车位呢', '老旧电梯7台现在换了几台']) expect(answer(q, ctx).text, q).toContain('状态：');
  });

  it('what is left of a period is from today only when said so (之前, 还剩); 本月还有 is the month', () => {
    expect(reading('这周末之前还有没到期的')).toContain('2026-06-26–2026-06-28');
    expect(reading('本月还有哪些节点')).toContain('2026-06-01–2026-06-30');
    expect(reading('这礼拜还有啥要到期')).toContain('2026-06-22–2026-06-28');
  });
});

describe('polite, roundabout and joined asks', () => {
  it('a polite wrapper says nothing of what is asked: same reading as the plain question', () => {
    const plain = ['重点工作任务哪些滞后了', '正常推进的重点工作任务有哪些', '住建局的任务进展怎么样', '本月到期的节点'];
    const wraps: [string, string][] = [['您好，想了解一下', '？'], ['请问', ''], ['麻烦帮忙梳理一下，', '？'], ['您好，请问', '需要预警的？']];
    for (const p of plain) for (const [a, b] of wraps) expect(reading(a + p + b), a + p + b).toBe(reading(p));
  });

  it('numbers joined to an address are of its list (民生实事第14项和第15项, 票决1和2)', () => {
    const a = answer('民生实事第14项和第15项现在完成得怎么样了', ctx).text;
    expect(a).toContain('民生14');
    expect(a).toContain('民生15');
    expect(reading('票决1和2进展')).toMatch(/第54项、第27项|第27项、第54项/);
  });

  it('票决三项 (as many as the list has) is the whole list; 票决第3项 is the third', () => {
    expect(answer('票决三项联络员报进度了没', ctx).text.split('\n')[0]).toMatch(/^票决民生实事事项3项/);
    expect(reading('票决第3项进展')).toContain('第19项');
  });

  it('a full name with its title is that leader, surname included (吴艳平副市长…还有哪些时间节点)', () => {
    expect(reading('今年剩下的时间里吴艳平副市长牵头的事项还有哪些时间节点')).toMatch(/（period）：leader:吴艳平.*2026-06-26–2026-12-31/);
  });
});

describe('days the year is marked by, and who is asking', () => {
  it('下月初, 下月中之前, 国庆前, 七一前, 季末, 过两周 in the clock', () => {
    const want: [string, string][] = [
      ['下月初有啥节点', '2026-07-01–2026-07-10'],
      ['下月中之前要交哪些', '2026-06-26–2026-07-15'],
      ['国庆前要完成的节点', '2026-06-26–2026-09-30'],
      ['七一前还有到期的吗', '2026-06-26–2026-06-30'],
      ['季末要交的节点多不多', '2026-06-26–2026-06-30'],
      ['过两周就到期的节点列一下', '2026-06-26–2026-07-09'],
    ];
    for (const [q, range] of want) expect(reading(q), q).toContain(range);
  });

  it('a slip of a town or unit short form before a live word is that body, for every town', () => {
    const towns = [...new Set(ctx.live!.catalog.ofKind('indicator').map((x) => x.leadUnits[0]!))];
    let slips = 0;
    for (const town of towns) {
      const short = town.replace(/镇$|街道$/, '');
      if (short === '汨罗') continue;
      for (let i = 0; i < short.length; i++)
        for (const c of bySound.get(pinyin(short[i]!, { toneType: 'none' })) ?? []) {
          const slipped = short.slice(0, i) + c + short.slice(i + 1);
          if (c === short[i] || ctx.words.pairs.has(slipped.slice(0, 2)) || base.lexicon.entries.some((e) => e.alias === slipped)) continue;
          const got = reading(`${slipped}报了吗`) ?? '';
          // a slip as close to two bodies names neither; otherwise it is the town
          if (got.includes('town:')) expect(got, slipped).toContain(`town:${town}`);
          slips++;
        }
    }
    expect(slips).toBeGreaterThan(10);
    expect(reading('百水报了吗')).toContain('town:白水镇');
  });

  it('the asker and the occasion name no subject: 我们水利局…, 书记让我问下，我们白水镇…', () => {
    expect(reading('我们农业农村局有被挂滞后的吗 有点慌')).toMatch(/（lag）：unit:农业农村局/);
    expect(reading('书记让我问下，我们白水镇现在整体是个什么情况啊，好几个项目压着呢')).toMatch(/（progress）：town:白水镇/);
    expect(reading('是不是都开始了')).toContain('（state）');
    expect(reading('哪个单位最拖')).toContain('（lag）');
    expect(reading('镇街那块谁没填')).toContain('清单:镇街指标');
  });
});

describe('the ninth round: more periods, states, who reports, a bare address', () => {
  it('上周, 未来一个月, 下个月月中前, 这周末前 and 季末为止 in the clock', () => {
    const want: [string, string][] = [
      ['上个星期到期的节点', '2026-06-15–2026-06-21'],
      ['接下来一个月有哪些节点', '2026-06-26–2026-07-25'],
      ['30天内要到期的', '2026-06-26–2026-07-25'],
      ['下月月中前有啥要交的', '2026-06-26–2026-07-15'],
      ['本周末之前要到期的有吗', '2026-06-26–2026-06-28'],
      ['到季末为止要到期的结点', '2026-06-26–2026-06-30'],
    ];
    for (const [q, range] of want) expect(reading(q), q).toContain(range);
    // the week itself, without 前, is the whole week
    expect(reading('这周到期的节点')).toContain('2026-06-22–2026-06-28');
  });

  it('states said the long way round: 超过时限才完成, 拖了最后还是做完, 完成几项了, 完成了哪些', () => {
    expect(reading('有没有超过节点时间以后才完成的')).toMatch(/（state）/);
    expect(answer('有没有超过节点时间以后才完成的', ctx).text.split('\n')[0]).toMatch(/逾期完成/);
    expect(answer('拖了很久最后还是做完的有哪些', ctx).text.split('\n')[0]).toMatch(/逾期完成/);
    expect(answer('水利局完成几项了', ctx).text.split('\n')[0]).toMatch(/已完成/);
    expect(answer('白水镇的指标完成了哪些', ctx).text.split('\n')[0]).toMatch(/^白水镇.*已完成/);
    // a plan asked the same way stays the documents' answer
    expect(reading('住建局今年要完成几项')).toBeUndefined();
  });

  it('whether all keep to schedule is answered by what lags; 是不是都开工了 by what has not started', () => {
    expect(answer('卫健局是不是都按计划在推进', ctx).text.split('\n')[0]).toMatch(/滞后\d+项|没有滞后的事项/);
    expect(answer('是不是都开工了', ctx).text.split('\n')[0]).toMatch(/未开始\d+项|没有未开始的事项/);
  });

  it('who reports the most is a ranking of the units with reports, most first', () => {
    const busy = openDbFile(':memory:');
    let seq = 0;
    const rep = (taskNo: number, unit: string) =>
      insertReport(busy, { taskNo, platform: 'feishu', userId: 'u', userName: '张三', unit, text: '推进中', percent: null, status: null, chatId: 'g', messageId: `b${++seq}`, createdAt: '2026-06-20T02:00:00Z' });
    for (const n of [26, 27, 28]) rep(n, '住建局');
    rep(19, '水利局');
    const withReports = askContext(base, { db: busy, now: new Date('2026-06-26T02:00:00Z'), access: READ_ALL });
    const a = answer('哪个部门填报最积极', withReports).text.split('\n');
    expect(a[1]).toMatch(/^· 住建局：已报3项/);
    expect(answer('哪个部门填报最积极', ctx).text).toMatch(/还没有人填报/);
    expect(a[0]).toMatch(/^填报最多的单位/);
    const done = a.slice(1).map((l) => Number(l.match(/已报(\d+)项/)?.[1] ?? NaN)).filter((n) => !Number.isNaN(n));
    expect(done.length).toBeGreaterThan(0);
    expect([...done].sort((x, y) => y - x)).toEqual(done);
    // the lead units not yet reported, with a month said beside 截至今天
    expect(answer('截至今天哪些责任单位还没报本月进展', ctx).text.split('\n')[0]).toMatch(/未报齐的单位/);
  });

  it('an address alone is the item whole: its facts and how it stands', () => {
    for (const q of ['19项？', '第46项', '26项呢']) {
      const a = answer(q, ctx).text;
      expect(a, q).toMatch(/牵头领导/);
      expect(a, q).toMatch(/状态：/);
      expect(a, q).toMatch(/来源：/);
    }
    // asked something of it, it is that question
    expect(answer('19项谁牵头', ctx).text).not.toMatch(/状态：/);
  });

  it('a figure reached (到90%了没) or a count so far names an item by its words', () => {
    expect(answer('新生儿疾病筛查率达到90%了吗', ctx).text).toMatch(/民生1\.1[\s\S]*状态：/);
    expect(answer('爱心驿站5家 目前建好几家', ctx).text).toMatch(/民生9\.3[\s\S]*状态：/);
  });

  it('a count the speaker has in mind (那二十几项) and a given name with its title read as plain', () => {
    expect(reading('杨盛副市长那二十几项进展怎样')).toMatch(/（progress）：leader:杨盛/);
    expect(reading('岳星副市长那几项推进如何')).toMatch(/（progress）：leader:李岳星/);
  });
});

describe('a subject named beside whether it will make its node', () => {
  it('能…不 / 赶得上不 with a day, and 人大 before 票决, leave the subject to pin the item', () => {
    for (const q of ['票决的城镇危旧房整治7月底前能弄完不', '人大票决那个危旧房整治 赶得上不']) expect(answer(q, ctx).text, q).toMatch(/票决2[\s\S]*状态：/);
    expect(answer('人大票决的自建桥梁整治现在整治完几座了', ctx).text).toMatch(/票决1[\s\S]*(?:状态：|：(?:滞后|未开始|正常推进|已完成))/);
  });
});

describe("a town's cell of the per-town table", () => {
  it('names the 民生实事 sub-item it breaks down, of the same project, in its reply', () => {
    const cells = ctx.live!.catalog.ofKind('indicator');
    const rows = [...new Set(cells.map((x) => (x.ref.kind === 'indicator' ? x.ref.no : 0)))];
    for (const no of rows) {
      const x = cells.find((c) => c.ref.kind === 'indicator' && c.ref.no === no)!;
      const parent = parentOf(ctx, ctx.live!.catalog, x);
      expect(parent, `指标${no}`).toBeDefined();
      expect(parent!.ref.kind === 'livelihood' && parent!.ref.project).toBe(base.kb.indicators.find((i) => i.no === no)!.projectNo);
    }
    expect(answer('白水那个和美湘村搞到哪一步了', ctx).text.split('\n')[0]).toMatch(/^指标17（白水镇）（民生6\.1的分解）/);
  });
});
