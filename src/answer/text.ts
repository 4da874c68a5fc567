// Pure text helpers for questions: width folding, Chinese numerals, bigram tokens.

/** Folds full-width ASCII (１２３，／％) to half-width and collapses whitespace. */
export function foldWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** 二十八 → 28, 十 → 10, 一百零三 → 103, 一千二百 → 1200 (below 一万). Returns NaN for anything else. */
export function parseChineseNumber(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch]!;
    } else if (ch in UNIT) {
      total += (digit < 0 ? 1 : digit) * UNIT[ch]!;
      digit = -1;
    } else return NaN;
  }
  if (digit >= 0) total += digit;
  return total;
}

/** "只牵头", "仅负责", "就配合": what comes before a count of items one holds ("只牵头一项"), so the
 * figure after it is a count, never an item's number. */
export const HELD_ONLY = '(?:(?:只|仅|才|恰好|正好)(?:有|是)?(?:单独)?(?:牵头|负责|配合|分管|管)?|就(?:单独)?(?:牵头|负责|配合|分管|管))了?';

const CN_NUM = '[零〇一二两三四五六七八九十百壹贰叁肆伍陆柒捌玖拾佰]+';
/** What may follow "N项" when N is an item number: the end, punctuation or a question about it. */
export const AFTER_NUMBER = '[\\s，。？?！!、:：的是谁由归呢吗啊进情什怎牵负配分任工事具内目详啥咋讲说干几还除]';

/** Replaces Chinese numerals that sit in number positions (第二十八项, 二十八号, 任务二十八)
 * with digits so one pattern set handles both. Leaves words such as 一般, 三高四新 alone. */
export function digitsForNumerals(s: string): string {
  return s.replace(
    // 任务一共 / 第一批 are words, not numbers: after 任务 a numeral must end the number.
    // A bare numeral before 项 is a number only when the question goes on to ask about it
    // (二十八项谁牵头), not when it counts something (残疾人两项补贴).
    // 哪一项, 这一项, 每一项 ask about an item; they do not name item 1.
    // 三月底, 十二月前: a month written in numerals is a month (a period), 1–12 only.
    // "26 27 28三项": a numeral right after digits counts them; it is no part of the number.
    new RegExp(`(第|任务|序号|编号)(${CN_NUM})(?![共般些下起直定切致同样分])|(?<![\\d哪那这每同单某逐])(?<!${HELD_ONLY})(${CN_NUM})(?=[项号](?:$|${AFTER_NUMBER}))|(${CN_NUM})(?=月(?:份|底|末|中旬|上旬|下旬|前|之前))`, 'g'),
    (m, pre: string | undefined, a: string | undefined, b: string | undefined, c: string | undefined) => {
      const raw = a ?? b ?? c ?? '';
      const n = parseChineseNumber(raw);
      if (Number.isNaN(n) || (c !== undefined && (n < 1 || n > 12))) return m;
      return (pre ?? '') + String(n);
    },
  );
}

/** Character bigrams of CJK runs plus whole ASCII/number words. Used for topic matching of
 * short records, where word segmentation adds nothing but misses. */
export function bigrams(s: string): string[] {
  const out: string[] = [];
  // Also index the text with parentheticals removed, so 餐厨（厨余）垃圾 matches 餐厨垃圾.
  const bare = s.replace(/[（(][^（）()]{1,12}[）)]/g, '');
  const text = bare === s ? s : `${s} ${bare}`;
  for (const run of text.toLowerCase().match(/[\u4e00-\u9fff]+|[a-z0-9.%]+/g) ?? []) {
    if (/^[\u4e00-\u9fff]/.test(run)) {
      if (run.length === 1) out.push(run);
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    } else out.push(run);
  }
  return out;
}
