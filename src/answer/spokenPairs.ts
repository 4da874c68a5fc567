// Everyday words a leader says for what the documents write in their own terms. Read before
// anything else so that records and passages alike are searched by the documents' own word.
// Each class is a kind of wording, not a listed question; the document side is checked to be the
// documents' word (grep knowledge/sources).
const PAIRS: [RegExp, string][] = [
  // Two words said in full that the documents write as one compound: "城市农村低保" is the
  // documents' "城乡低保", "城镇和农村居民" their "城乡居民".
  [/城(?:市|镇)(?:和|与|跟|及|、|\s)?(?:农村|乡村)/g, '城乡'],
  // The plan modal before a verb ("计划建设保障性住房", "计划增长多少", "计划发放多少钱") says the
  // figure is a target, which every 2026 figure is; it names no subject. 计划 as a noun (土地储备
  // 计划总规模, 年度计划) is followed by no verb and stays.
  [/(?:今年|全年|年内)?(?:计划|打算|准备|预计)(?:要|将)?(?=(?:新建|新增|建设|建成|建|增长|增加|提高|提升|发放|发|完成|实施|改造|做|投入|引进|培育|开展|筛查|招|培训|开工|打造|创建|修|涨|达到|实现|更新|安排|认定|签约|收储|新装|装)(?!划))/g, ''],
  // Verbs of growth: 涨 is how a rise is said; the documents write 增长 (同比增长13%).
  [/(?:上涨|涨幅|涨)了?(?=多少|几|百分之|\s|$|[，,？?])/g, '增长'],
  // Installing something new: the documents write 新增 (新增公共充电桩168个).
  [/新装|新安装|新上/g, '新增'],
  // A floor said as 最低/保底/起码 before the asked figure: the documents write 不低于
  // (低保 "分别不低于770元/月", 孤儿 "提高到不低于1250元/月").
  [/(?:最低|保底|起码)(?:是|能|有|给|发)?(?=多少|几|各|标准|[\s，,？?]|$)/g, '不低于'],
  // A spoken expansion of the documents' abbreviation: 机插机抛 is "机器插秧、抛秧" said out.
  [/机器插秧(?:和|、|\s)?(?:机器)?抛秧|用机器插秧抛秧/g, '机插机抛'],
  // Money for moving house: the relocation notice writes 搬迁费 (搬迁费补偿 3000元/户).
  [/搬家(?:费|补贴|补助|的钱)/g, '搬迁费'],
  // Trade done online: the work report writes 电子商务交易额 (网上交易额, 网络交易额, 电商交易额).
  [/(?:网上|网络|线上|电商)(?:交易额|交易|销售额)/g, '电子商务交易额'],
  // Bridges the villagers built themselves (老百姓自己修的桥): the documents' 自建桥梁; surveyed
  // (摸了多少) is their 摸排.
  [/(?:老百姓|群众|村民|农民)?自己(?:修|建|架|搭)的桥(?:梁)?/g, '自建桥梁'],
  [/摸(?:了|出|下来|出来)(?=多少|几|\s|$)/g, '摸排'],
  // "摸排下来总共": the survey's result said the long way round; 下来 is no word of it.
  [/(摸排|排查|统计|核查)(?:下来|出来)/g, '$1'],
  // "有安全问题的": the documents' 安全隐患 (存在安全隐患桥梁108座).
  [/有(?:安全问题|安全隐患|隐患)的/g, '安全隐患'],
  // 好多/好长/好大 are how Hunan speakers ask 多少/多长/多大 (划了好多, 好多个, 修好长): an asking
  // word, not "a lot of". Only where it asks: before a measure, money or the end of a clause.
  [/好多(?=[个座家台套辆户人元块平亩米公吨箱项条所名次场支万亿钱]|资金|面积|$|[？?，,。\s]|了)/g, '多少'],
  [/好(长|大|远|久|高|宽)(?=$|[？?，,。\s]|了|啊)/g, '多$1'],
  // The relocation of old houses (危房搬迁, 危旧房搬迁): the notice's term is 解危搬迁; the rural
  // 危房改造 stays.
  [/危(?:旧)?(?:住)?房(?:解危)?搬迁/g, '解危搬迁'],
  // Getting a flat for one's house (换房子): the notice's 产权调换.
  [/(?<!调)换(?:房子|房屋|房)/g, '产权调换'],
  // "批的是多少", "核定的多少": how a figure was approved, no subject word; 第二批 stays.
  [/(?<![第一二三四五六七八九十\d])(?:批复|批|核定|审定)了?的(?=是?(?:多少|几))/g, ''],
  // A spoken particle or a conditional inside a question ("解危搬迁啊如果在期限内签了", "步梯房嘛超出
  // 的"): voice input keeps them, no document has them between two words.
  [/(?<=[\u4e00-\u9fa5])(?:啊|嘛|呀|哦)(?:如果|要是|假如)?(?=[\u4e00-\u9fa5])/g, ' '],
  // "每人能拿多少", "最多能领几个": getting it is how a resident asks an amount; no record or passage
  // says 拿/领 (奖 and 补 stay: they say which payment).
  [/(?:最高|最多)?(?:能|可以)(?:拿|领|得|给|发)(?:到)?(?=多少|几)/g, ''],
  // How often something is done, asked ("按什么频次", "什么调度节奏", "每月每季半年"): the documents
  // state the rhythm itself (月调度、季通报、半年评估); the asking names no subject.
  [/(?:按|以|实行)?的?(?:什么|啥|哪种|怎样的|什么样的)(?:频次|频率|节奏|周期)|(?<=调度)(?:频次|频率|节奏|周期)/g, ' '],
  [/每(?=[月季周年](?:每|半年))|(?<=[月季周])每(?=[月季周年]|半年)/g, ''],
  // "比上年增还是降", "涨了还是降了": whether it rose is answered by the figure's own sentence
  // (下降0.2%); the asking is no subject word.
  [/(?:比上年|比去年|比前年|同比)?(?:是)?(?:增|涨|增长|上升|升)了?还是(?:降|跌|下降|减少|减)了?/g, ' '],
  // A vehicle is counted by 辆 in the documents (编制数40辆); 几台车 is the everyday classifier.
  [/(?<=车[\u4e00-\u9fa5]{0,6}?)(几|多少)台|(几|多少)台(?=车)/g, '$1$2辆'],
  // "实际有几辆": the documents' 实有 (编制数40辆，实有37辆).
  [/实际(?:上)?有/g, '实有'],
];

export function foldSpokenPairs(text: string): string {
  return PAIRS.reduce((t, [re, to]) => t.replace(re, to), text);
}
