// How a question asks, left inside the words of its topic: a pointer at the document ("报告里说"),
// a demonstrative ("那宗地", "那两间"), a modal before the asked verb ("完成后能扩"), a verb said
// twice ("征地征了多少亩"), a count of the things named ("环宇和天宝两家造纸厂"), a classifier run
// into the subject ("多少度以上不能开垦"). None of them is a word the passage holding the answer
// has, so each would count as a word the passage lacks (quote.ts longestGap).

/** Document words a question points with; the word stays (a passage's title holds it), the
 * pointing (里说, 说的, 中提到) goes. A bare 里 (报告里政务服务…) is left as typed: the run stays one,
 * and a long run is judged as several words typed together (quote.ts scattered). */
const POINTER = /(报告|公告|通知|文件|批复|纪要|方案|专报|简报|公报|清单)(?:里面|里|中|上)?(?:说的|说|讲的|讲|写的|写|提到的|提到|提的)/g;
/** The pointing left alone when the document's name was read as a document ("工作报告里讲的"). */
const POINTING = /(?<=\s|^)(?:里面|里|中)(?:说|讲|写|提到|提)的?/g;

/** "那宗地", "这两间", "那个": what was named before, pointed at. */
const DEMONSTRATIVE = /[那这](?:[两几三四五]?[个块项家座条片处间套栋宗笔](?:房子|房|楼|地)?)?/g;

/** "完成后能扩", "还可以建": a modal after a time or an adverb (后, 还, 最多). */
const MODAL = /(?<=后)(?:还|就|才|最多|最少)?(?:能够|能|可以|可)|(?:还|就|才|最多|最少)(?:能够|能|可以|可)(?=[\u4e00-\u9fa5])/g;

/** "申报主体谁来当", "谁来干": the doing asked of whoever it is. */
const DOING = /(?<=\s|^)来?(?:当|担任)(?=\s|$)|(?<=\s|^)来(?:做|干|搞|弄|办|抓)?(?=\s|$)/g;

/** "天宝两家造纸厂", "三座水闸": a small count of the things the question names, inside a word
 * (项 and 个 make names of their own: 三项制度, 两个确立). */
const INNER_COUNT = /(?<=[\u4e00-\u9fa5])[两三四五六七八九十][家座所位名间栋](?=[\u4e00-\u9fa5])/g;

/** "环宇和天宝": two names joined, each a word of its own (not 和美, 和平, 和谐). */
const JOINED = /(?<=[\u4e00-\u9fa5]{2})[和与跟](?![美平谐])(?=[\u4e00-\u9fa5]{2})/g;

/** Classifiers a figure is asked by, with what may follow them (多少度以上). */
const LEAD_UNIT = /^(?:万|亿)?(?:平方米|平方公里|平方|平米|公顷|公里|千米|[家座个所户张台处套条名次亩项辆栋间床天吨支场块件箱度])(?:以上|以下|左右|以内|之内)?/;

export function withoutAsking(topic: string, question: string): string {
  const flat = question.replace(/\s+/g, '');
  const t = topic.replace(POINTER, (all, doc: string) => `${doc} `)
    .replace(POINTING, ' ')
    .replace(DEMONSTRATIVE, ' ')
    .replace(MODAL, ' ')
    .replace(DOING, ' ')
    .replace(INNER_COUNT, ' ')
    .replace(JOINED, ' ');
  return t.split(/\s+/).filter(Boolean).map((w) => {
    // "征地征了多少亩": the verb again before the asking, not a word of its own.
    const again = w.match(/^(.*([\u4e00-\u9fa5])[\u4e00-\u9fa5])\2$/);
    if (again && again[1]!.length >= 2 && new RegExp(`${again[2]}(?:了|过|到)?(?:多少|几)`).test(flat)) return again[1]!;
    // "多少度以上不能开垦" leaves 度以上不能开垦: the classifier belongs to the asking.
    const unit = w.match(LEAD_UNIT)?.[0];
    if (unit && w.length - unit.length >= 2 && new RegExp(`(?:多少|几)${unit}`).test(flat)) return w.slice(unit.length);
    return w;
  }).join(' ');
}
