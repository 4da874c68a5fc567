// Who asks and what for. A 人大代表, a 财政所 clerk, a 巡察组, a speech writer say who they are and
// what the answer is for before or after the question ("财政所问一下，…", "写讲话稿，…", "…，写分工表
// 要用"). Those words name no subject; left in, they become topic words (写分工表用, 巡察需) and the
// structured reading finds nothing. The word classes are knowledge/asker-frame.json, each with its
// reason; the rules here are structural:
//   - role + asking word at a clause's start is the self-introduction: it goes, the rest stays;
//   - a role or a writing word before a concern verb (提案关注…, 巡察发现…) goes, its object stays;
//   - a clause with no asking word that is the answer's use (写个…稿子, 讲话稿里要写…, 所里要核,
//     帮领导统计) goes, when another clause asks;
//   - the spoken filler 就是说 and the honorific 同志 after a name carry nothing.
// Regexes are built once at load (answer p99 is a budget).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface WordClass { words: string[]; reason: string }
type AskerWords = Record<'roles' | 'asks' | 'genres' | 'uses' | 'concerns' | 'requests', WordClass>;

const FILE = join(dirname(fileURLToPath(import.meta.url)), '../../knowledge/asker-frame.json');
const W: AskerWords = JSON.parse(readFileSync(FILE, 'utf8'));
const alt = (c: WordClass) => [...c.words].sort((a, b) => b.length - a.length).join('|');

const ROLE = `(?:我是|作为|我们是)?(?:一名|一个|个)?(?:${alt(W.roles)})(?:的|这边|那边|会上|上|里|方面)?(?:这边|那边)?`;
const ASKS = `(?:${alt(W.asks)})`;
const GENRE = `(?:${alt(W.genres)})`;
const USES = `(?:${alt(W.uses)})`;
const WRITING = `(?:帮领导|给领导|为领导|我|我们)?(?:在|要|想|准备|正在|需要)?(?:写|起草|准备|整理|做|上|讲|弄)(?:个|一下|份|篇|一篇|一份|这一)?[^，,：:；;\\s]{0,8}?${GENRE}`;

/** A clause that asks: without one of these it cannot be the question itself. */
const ASKING = /几|多少|还是|哪|谁|什么|啥|吗|是否|有没有|怎么|如何|何时|是不是|多大|多长|多高|好多|各是|列|念|呢|[?？]/;

/** "财政所问一下", "记者想问", "人大会上准备问住建局": the self-introduction at a clause's start. */
const ROLE_ASK = new RegExp(`^${ROLE}(?:想|要|准备|需要)?(?:${ASKS}|${USES})+(?:一下|下)?`);
/** "审计局的", "所里要核", "政协提案需要": the whole clause is the asker. */
const ROLE_ONLY = new RegExp(`^(?:${ROLE})+(?:想|要|需要)?(?:${ASKS})*(?:一下|下)?$`);
/** "我是弼时的支书", "我是新来挂职的": the body named stays (as framing.ts's self-introduction), the role goes. */
/** "我在新市街道": where the asker works is the body asked about, as "我是新市街道的" (framing.ts). */
const SELF_AT = new RegExp(`^(?:我在|我们在|我来自)([\\u4e00-\\u9fff]{2,8}?)(?:的|工作|上班|这边|(?:当|做|任)(?:${alt(W.roles)}))?$`);
const SELF_ROLE_ONLY = new RegExp(`^(?:我是|我们是)(?:新来|刚来|刚到)?(?:一名|一个|个)?(?:${alt(W.roles)})+的?$`);
const SELF_ROLE = new RegExp(`^(?:我是|我们是)(?:(?!新来|刚来|刚到)([\\u4e00-\\u9fff]{2,8}?)的?)?(?:新来|刚来|刚到)?(?:${alt(W.roles)})的?$`);
/** "提案关注户外劳动者", "写提案想提流动供销", "巡察发现有的镇没有…": the concern's object stays. */
// Not after 里/中 of a genre: 讲话稿里要写常务那边的分工 is what will be written, the answer's use.
const CONCERN = new RegExp(`^(?:${ROLE}|${WRITING})+(?:想|要)?(?:${alt(W.concerns)})(?=[\\u4e00-\\u9fff])`);
/** "想就农村自来水问题询问": the matter asked about is what stays. */
const ON_MATTER = /^(?:想|要|准备)?就(.{2,16}?)(?:问题|方面|的事情?)?(?:询问|提问|发言|提建议|提问题|了解)$/;
/** "想在人大会上询问住宅老旧电梯更新的问题": the same, the occasion first. */
const AT_MEETING = /^(?:想|要|准备)?在[\u4e00-\u9fff]{1,6}?会上(?:询问|提问|问|了解)(.{2,16}?)(?:的)?(?:问题|事情?)?$/;
/** The answer's use, a clause of its own: 写分工表要用, 党校讲科技创新这一课, 讲话稿里要写常务那边的分工,
 * 帮领导统计, 挂职第一周摸情况, 我要对接一下. */
const USE_CLAUSES = [
  new RegExp(`${GENRE}(?:里|中|上)?(?:要用|用|需要|要|要写|要讲|要说|要提|要全部点到)?$`),
  new RegExp(`^(?:${WRITING}|${GENRE})(?:里|中|上)?(?:要|需要|想)?(?:写|说|讲|提|用|${USES}|${ASKS})`),
  new RegExp(`^${ROLE}[^，,：:；;\\s]{0,8}?(?:${USES}|${ASKS})(?:一下|下|用|要用)?$`),
  new RegExp(`^(?:帮|给|为)领导(?:${USES}|${ASKS})`),
  new RegExp(`^(?:刚来|刚到|新来|才来)[^，,：:；;\\s]{0,6}?(?:${alt(W.roles)})`),
  new RegExp(`^(?:我|我们)?(?:要|想|准备)?(?:${USES})(?:一下|下)?$`),
];
/** "讲话稿要说今年…", "帮领导回顾一下2025年…": the use glued before the asking words. */
const USE_PREFIX = new RegExp(`^(?:(?:帮|给|为)领导(?:${USES})(?:一下|下)?|(?:${WRITING}|${GENRE})(?:里|中|上|前|之前)?(?:要|需要|想)?(?:写|说|讲|提(?!到)|引用|用|${ASKS})(?:一下|下)?)(?=[\\u4e00-\\u9fff\\d])`);
/** "…哪个单位负责的我要对接一下": the use glued after the ask. */
const USE_SUFFIX = new RegExp(`(?<=[\\u4e00-\\u9fff])(?:我|我们)(?:要|想|准备)(?:${USES})[^，,。？?\\s]{0,6}?(?:一下|下)?$`);
/** "发我一下", "给我拉个单子", "你帮我看下": the request for the answer, a clause of its own. */
const REQUEST = new RegExp(`^(?:麻烦|请|你|麻烦你)?(?:${alt(W.requests)})(?:吧|哈|呗)?$`);
/** "我打字慢", "我镇里要做宣传", "我老了记不清咯": a clause about the asker (not 我是X的 / 我在X,
 * which name the body asked about) says nothing of the question. */
const ABOUT_ME = /^我(?!是|在|们是|们在|来自)[\u4e00-\u9fff]{1,9}$/;
/** "开会要报", "电视台要用", "做年度对比用", "招商会前想了解": the occasion or use, said on its own. */
const USE_END = new RegExp(`^[\\u4e00-\\u9fff]{0,10}?(?:(?:要|想|需要)(?:用|报|讲|核|引用|汇报|宣传|做个?片子|做个?专题)|(?:${USES})用|会前(?:想|要)?(?:${ASKS})(?:个数|一下|下)?)$`);
/** "村里有人问解危搬迁", "老街社区有住户来问": someone else's question passed on; its matter stays. */
const PASSED_ON = /^[\u4e00-\u9fff]{0,6}?有(?:人|老人|住户|群众|村民|居民|老百姓)(?:来)?(?:问|在问|咨询)/;
/** "商粮局这边问我们局…": the body asking is the one 我们局 means; the asking words go. */
const BODY_ASKS = /^([\u4e00-\u9fff]{2,8}?)(?:这边|那边)(?:想问|问下|问一下|问)(?=[\u4e00-\u9fff])/;
const OWN_BODY = /(?:我们|咱们)(?:局|单位|部门)(?=[\u4e00-\u9fff])/g;
/** Spoken fillers inside a voice-typed question, and the honorific after a name. Not 同志们, not
 * 别的同志 / 其他同志 (the joint cue's words). */
// "我是弼时的支书，我们镇那个…": the asker's own town is the one they named; 我们镇 adds no word.
const FILLER = /就是说|(?<=[\u4e00-\u9fff，,\s])(?:我们|咱们|俺们)(?:镇|街道办|街道|乡镇)(?:里|上|的)?(?=[\u4e00-\u9fff])|(?:你)?把(?:它|它们|这些)(?=全部|都|给我|一个个)|(?<![的他它余位个老])同志(?!们)/g;
/** "…你帮我查一下", "…一条都不要漏", "…来着": the asker's insistence at the end names nothing. */
const INSISTING = /(?:来着)?(?:你)?(?:帮我|给我|帮忙)(?:查|找|报|念|看|核)(?:一下|下)$|(?:就是说)?(?:一条|一项|一个)都不要漏$|(?:写材料要用的)?要全一点$|来着(?=$|你)/;

const SEP = /([\s，,：:；;。？?！!]+)/;

export function withoutAskerFrame(question: string): string {
  const text = question.replace(FILLER, '').replace(INSISTING, '').replace(/^听说/, '');
  const parts = text.split(SEP);
  const clauses = parts.filter((_, i) => i % 2 === 0);
  const seps = parts.filter((_, i) => i % 2 === 1);
  const asks = clauses.map((c) => ASKING.test(c));
  const out = clauses.map((c, i) => {
    if (!c) return c;
    if (REQUEST.test(c) && clauses.length > 1) return '';
    const passed = c.match(PASSED_ON);
    if (passed) return c.slice(passed[0].length);
    const body = c.match(BODY_ASKS);
    if (body) return body[1]! + c.slice(body[0].length).replace(OWN_BODY, '');
    const concern = c.match(CONCERN);
    if (concern) return c.slice(concern[0].length).replace(/(?:的)?(?:问题|方面|事情)$/, '');
    const matter = c.match(ON_MATTER) ?? c.match(AT_MEETING);
    if (matter) return matter[1]!;
    if (SELF_ROLE_ONLY.test(c)) return '';
    const self = c.match(SELF_ROLE);
    if (self) return self[1] ?? '';
    const othersAsk = asks.some((a, k) => a && k !== i);
    // "讲话稿里要提2025年外贸进出口总额目标，多少": when the asking clause has no subject of its own,
    // the use clause holds it; only its framing words go.
    const othersSay = clauses.some((o, k) => k !== i && asks[k] && o.length >= 6);
    const role = c.match(ROLE_ASK);
    if (!asks[i] && othersAsk && othersSay && (role || ROLE_ONLY.test(c) || ABOUT_ME.test(c) || USE_END.test(c) || USE_CLAUSES.some((re) => re.test(c)))) return '';
    if (role && (role[0].length < c.length || othersAsk)) return c.slice(role[0].length);
    const at = !asks[i] && othersAsk ? c.match(SELF_AT) : null;
    if (at) return at[1]!;
    return c.replace(USE_PREFIX, '').replace(USE_SUFFIX, '');
  });
  if (!out.some((c) => c.trim())) return question;
  // Rejoin, dropping the separator before a clause that went.
  let joined = '';
  out.forEach((c, i) => {
    if (!c) return;
    joined += (joined ? seps[i - 1] ?? '' : '') + c;
  });
  return joined === text ? text : joined.trim();
}
