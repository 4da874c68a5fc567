import { describe, expect, it } from 'vitest';
import { PASSAGE_MAX, splitPassages } from '../../knowledge/parsers/passages.ts';
import { DOCS, readSource } from '../../knowledge/sources.ts';
import type { DocId, Passage } from '../../knowledge/types.ts';

const DOC_IDS = Object.keys(DOCS) as DocId[];
const byDoc = Object.fromEntries(DOC_IDS.map((d) => [d, splitPassages(d, readSource(d))])) as Record<DocId, Passage[]>;
const all = DOC_IDS.flatMap((d) => byDoc[d]);
const lines = Object.fromEntries(DOC_IDS.map((d) => [d, readSource(d).split(/\r?\n/)])) as Record<DocId, string[]>;

const find = (doc: DocId, pred: (p: Passage) => boolean) => byDoc[doc].filter(pred);
const withText = (doc: DocId, s: string) => find(doc, (p) => p.text.includes(s));
/** CJK/letters/digits only, for comparing passage text with raw source lines. */
const core = (s: string) => s.replace(/\*\*|\^\[\d+\]/g, '').replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');

describe('splitPassages', () => {
  it('produces passages for every document', () => {
    expect(byDoc['key-tasks'].length).toBeGreaterThanOrEqual(4);
    expect(byDoc.livelihood.length).toBeGreaterThanOrEqual(5);
    expect(byDoc.gazette.length).toBeGreaterThan(300);
    expect(byDoc.bulletin.length).toBeGreaterThan(20);
    expect(byDoc['work-report'].length).toBeGreaterThan(60);
  });

  it('numbers ids <doc>-<n> in document order, unique', () => {
    for (const d of DOC_IDS) byDoc[d].forEach((p, i) => expect(p.id).toBe(`${d}-${i + 1}`));
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
  });

  it('is deterministic (stable ids)', () => {
    const again = splitPassages('gazette', readSource('gazette'));
    expect(again.map((p) => `${p.id}|${p.line}|${p.text.slice(0, 20)}`)).toEqual(
      byDoc.gazette.map((p) => `${p.id}|${p.line}|${p.text.slice(0, 20)}`),
    );
  });

  it('has no empty, absurdly long or unjoined passages and no markup', () => {
    for (const p of all) {
      expect(p.text.trim().length, p.id).toBeGreaterThan(0);
      expect(p.text.length, p.id).toBeLessThanOrEqual(PASSAGE_MAX);
      expect(p.text, p.id).not.toMatch(/\*\*|\t|\^\[\d+\]|<\/?p>/);
      expect(p.text, p.id).not.toMatch(/[\u4e00-\u9fff]\s+[\u4e00-\u9fff]/); // squeezeCjk applied
      expect(p.line).toBeGreaterThan(0);
      expect(p.title.length).toBeGreaterThan(0);
    }
  });

  it('starts each passage on the line it reports', () => {
    let checked = 0;
    for (const p of all) {
      if (p.section[0] === '议题概览' || /表$/.test(p.section[0] ?? '')) continue; // generated / table text
      const src = lines[p.doc];
      const here = core(src.slice(p.line - 1, p.line + 2).join(''));
      // A one-line clause carries its heading in front ("签约期限：自本方案…"): compare the clause.
      const heading = (p.section[p.section.length - 1] ?? '').replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*/, '').replace(/[:：。]$/, '');
      const text = heading && p.text.startsWith(`${heading}：`) ? p.text.slice(heading.length + 1) : p.text;
      const head = core(text).slice(0, 6);
      expect(here.includes(head), `${p.id} L${p.line}: ${head}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(400);
  });

  it('joins paragraphs wrapped over blank lines and hard-wrapped lines', () => {
    // 2024 report: "…拆迁" / blank / "安置群众 48 户…"
    const energy = withText('work-report', '拆迁安置群众48户');
    expect(energy).toHaveLength(1);
    expect(energy[0]!.line).toBe(17);
    // gazette: "…按同等标" / blank / "准奖补给乙方…"
    expect(withText('gazette', '甲方应按同等标准奖补给乙方')[0]?.line).toBe(280);
    // a three-way wrap: "…“十五五”时" / "期目" / "标任务…"
    expect(withText('gazette', '深刻把握“十五五”时期目标任务对全面从严治党的更高要求')[0]?.line).toBe(1702);
    // a wrapped numbered item is not mistaken for a heading
    expect(withText('gazette', '完成新增蓄水能力、恢复和改善灌溉面积任务')).toHaveLength(1);
    // bulletin and the livelihood notice (consecutive hard-wrapped lines)
    expect(withText('bulletin', '组织完成产业行动任务清单制定与更新')).toHaveLength(1);
    expect(withText('livelihood', '深入践行习近平总书记关于保障和改善民生的重要论述')[0]?.line).toBe(14);
    // the responsibility note printed on its own line stays with its item
    expect(withText('gazette', '市发改局、市政府办、市财政局等按职责分工负责')[0]?.text).toMatch(/^1\.强化外资招引/);
  });

  it('keeps every glossary note of the work report as its own passage', () => {
    const notes = find('work-report', (p) => p.section[0] === '注释');
    expect(notes).toHaveLength(27);
    const sgsx = notes.find((p) => p.text.startsWith('“三高四新”：'))!;
    expect(sgsx.line).toBe(131);
    expect(sgsx.section).toEqual(['注释', '[1]“三高四新”']);
    expect(sgsx.text).not.toContain('“七个岳阳”：');
    expect(notes.at(-1)!.text.startsWith('“两个明显下降、两个坚决不发生”：')).toBe(true);
    // the report body keeps the term, without the ^[1] marker
    expect(withText('work-report', '锚定“三高四新”美好蓝图')).toHaveLength(1);
  });

  it('makes each appointment line a passage findable by the person’s name', () => {
    const xy = withText('gazette', '夏阳');
    expect(xy).toHaveLength(1);
    expect(xy[0]!.text).toBe('夏阳同志任市信访局副局长；');
    expect(xy[0]!.line).toBe(363);
    expect(xy[0]!.title).toBe('《汨罗市人民政府关于黎敏等同志职务任免的通知》（汨政人〔2026〕1号）');
    expect(withText('gazette', '黄水清同志任市林业局副局长')[0]?.title).toContain('汨政人〔2026〕2号');
  });

  it('titles gazette sub-documents, taking document numbers from the body or the table of contents', () => {
    const titles = new Set(byDoc.gazette.map((p) => p.title));
    for (const t of [
      '《汨罗市人民政府关于划定禁止开垦陡坡地范围的公告》（汨政告〔2026〕1号）',
      '《汨罗市人民政府关于2023年度全民所有自然资源资产清查成果确认意见的函》（汨政函〔2026〕1号）', // TOC
      '《汨罗市人民政府关于同意无偿划转国有资产使用权的批复（李家墩税务所）》（汨政函〔2026〕4号）', // TOC, same title as 7号; its remark names the asset
      '《汨罗市人民政府关于同意无偿划转国有资产使用权的批复》（汨政函〔2026〕7号）',
      '《汨罗市人民政府关于同意汨罗市2026年度土地储备计划的批复》（汨政函〔2026〕5号）',
      '《汨罗市人民政府办公室关于调整汨罗市城镇土地使用税地段等级适用税额标准和征收范围的通知》（汨政办发〔2026〕2号）',
      '《汨罗市实施“开局八好”总体方案》（汨政办发〔2026〕3号）',
      '《担当好稳增长挑大梁的责任实施方案》（汨政办发〔2026〕3号附件1）',
      '《实现好惠民生增福祉的期盼实施方案》（汨政办发〔2026〕3号附件8）',
      '《汨罗市龙舟动力小区、印刷厂小区、肉联厂小区危旧住房解危搬迁实施方案》（汨政办发〔2026〕4号）',
      '《汨罗市人民政府办公室关于认真落实2026年市政府重点工作任务的通知》（汨政办函〔2026〕1号）',
      '《2026年第51次常务会议纪要》',
      '《2026年第52次常务会议纪要》',
      '《2026年第1次市长办公会议纪要》',
    ])
      expect(titles.has(t), t).toBe(true);
    expect(withText('gazette', '该批次项目共4个')[0]?.title).toContain('汨政函〔2026〕2号');
  });

  it('records the heading path of each passage', () => {
    expect(withText('gazette', '自本方案发布之日起30日之内')[0]?.section).toEqual(['五、签约期限']);
    expect(withText('gazette', '调换面积：按合法建筑面积1:1.15进行产权调换')[0]?.section).toEqual([
      '七、产权调换及奖补标准',
      '(一)产权调换',
    ]);
    expect(withText('gazette', '全年地区生产总值增长5.5%左右、高于全省平均')[0]?.section).toEqual([
      '一、主要目标',
      '(一)经济大市挑大梁作用更加凸显',
    ]);
    expect(withText('bulletin', '5项滞后')[0]?.section).toEqual(['主要指标']);
    expect(withText('work-report', '地区生产总值486.43亿元')[0]?.section).toEqual(['2024年工作回顾']);
    expect(withText('key-tasks', '常态化跟踪调度机制')[0]?.section).toEqual(['三、健全调度机制，强化跟踪推进']);
  });

  it('gives the pieces of a split paragraph the paragraph’s lead as context', () => {
    const pieces = find('work-report', (p) => p.line === 31);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0]!.text.startsWith('（一）大力实施产业培塑行动')).toBe(true);
    for (const p of pieces.slice(1)) expect(p.section.at(-1)).toBe('（一）大力实施产业培塑行动，产业体系结构更优');
  });

  it('splits meeting minutes into agenda items, with an overview per meeting', () => {
    const m51 = find('gazette', (p) => p.title === '《2026年第51次常务会议纪要》');
    const overview = m51.find((p) => p.section[0] === '议题概览')!;
    expect(overview.text).toMatch(/^2026年第51次常务会议共研究审议11项议题：一、会议传达学习了/);
    expect(overview.text).toContain('十一、会议审议了政府性投资项目');
    const bridge = m51.find((p) => p.text.includes('一是由吴艳平同志牵头，组建工作专班'))!;
    expect(bridge.section[0]).toBe('议题十：会议审议了《汨罗市农村村民自建桥梁安全隐患排查整治实施方案》，原则上同意该方案');
    expect(m51.find((p) => p.section[0] === '出席列席')?.text).toMatch(/^出席：林恒求、杨盛/);
    const m1 = find('gazette', (p) => p.title === '《2026年第1次市长办公会议纪要》');
    expect(m1.find((p) => p.section[0] === '议题概览')?.text).toContain('共研究审议5项议题');
  });

  it('keeps small gazette tables as text and skips the big task tables, the TOC and page furniture', () => {
    const grade3 = withText('gazette', '三级，税额标准8元/平方米')[0]!;
    expect(grade3.text).toContain('建设中路（西起屈原桥东(京广线),东至大众北路归义广场两侧用地）');
    expect(grade3.section).toEqual(['汨罗市城镇土地使用税地段等级适用税额范围表']);
    // key-task / 票决 table rows are structured elsewhere
    expect(find('key-tasks', (p) => p.line >= 35)).toHaveLength(0);
    expect(find('gazette', (p) => p.line >= 1347 && p.line <= 1471 && p.line !== 1454 && p.section[0] !== '落款' && p.section[0] !== '主送')).toHaveLength(0);
    expect(find('livelihood', (p) => /\d{2,}\s*$/.test(p.text) || p.text.includes('相关镇政府（街道办）'))).toHaveLength(0);
    // table of contents and masthead
    // the TOC is skipped; of the pages before the body only the colophon is a passage
    expect(find('gazette', (p) => p.line < 76 && p.section[0] !== '编辑部')).toHaveLength(0);
    for (const p of all) {
      expect(p.text, p.id).not.toMatch(/^(MLDR|特此批复|特此致函|附件[:：])|分布图$|^汨罗市人民政府(办公室)?$/);
    }
  });

  it("keeps the gazette's colophon (主编, 地址, 电话 …) as one passage, a label per part", () => {
    const c = all.filter((p) => p.section[0] === '编辑部');
    expect(c).toHaveLength(1);
    expect(c[0]!.doc).toBe('gazette');
    expect(c[0]!.text.split('；').map((x) => x.split('：')[0])).toEqual(['主编', '地址', '电话', '传真', '邮编', '邮箱']);
    expect(c[0]!.text).toContain('地址：汨罗市建设西路22号');
  });

  it('keeps each notice’s signature (issuer, date) as a 落款 passage of that notice', () => {
    const signs = all.filter((p) => p.section[0] === '落款');
    const keyTasks = signs.find((p) => p.doc === 'key-tasks');
    expect(keyTasks?.text).toBe('落款：汨罗市人民政府办公室；2026年1月29日');
    const reply = signs.find((p) => p.title.includes('汨政函〔2026〕5号'));
    expect(reply?.text).toContain('2026年1月30日');
    // one per document at most, and every one states a date
    for (const p of signs) expect(p.text, p.id).toMatch(/^落款：(?:汨罗市人民政府(?:办公室)?；)?\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(new Set(signs.map((p) => `${p.doc}|${p.title}`)).size).toBe(signs.length);
  });

  it('keeps each document’s header (number, title page) as one passage', () => {
    expect(byDoc['work-report'][0]!.text).toContain('林恒求');
    expect(byDoc['key-tasks'][0]!.text).toContain('汨政办函〔2026〕1号');
    expect(byDoc.bulletin[0]!.text).toContain('第2期');
    for (const d of ['key-tasks', 'livelihood', 'bulletin', 'work-report'] as const) {
      expect(byDoc[d][0]!.section).toEqual(['文头']);
      expect(byDoc[d][0]!.title).toBe(DOCS[d].title);
    }
  });
});
