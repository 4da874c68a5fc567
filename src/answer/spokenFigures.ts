// "四百零八套", "六千人", "两万人", "一千二百元": a figure said in words (voice input, the IME's
// numerals), written the way the documents write it (408套, 6000人, 2万人) so the figure finds its
// record. Only positional numerals (十/百/千/万, or a decimal) before a measure word: 三高四新,
// 十四五, 两个, 千家万户 stay words.
import { parseChineseNumber } from './text.ts';

const MEASURE = '(?:套|个|座|户|台|家|所|条|人|名|元|张|床|间|辆|公里|千米|米|亩|公顷|平方米|处|栋|口|艘|吨|只|头|株|棵|场|次|批|期|天|年)';
const FIGURE = new RegExp(`(?<![零〇一二两三四五六七八九十百千万亿])([零〇一二两三四五六七八九十百千万]+)(?:点([零〇一二三四五六七八九]+)(万)?)?(?=${MEASURE})`, 'g');

/** The figure as the documents write it: 2万 stays 万 (the documents write 1.5万人), 一万五千 is 15000. */
function written(int: string, decimal: string | undefined): string | undefined {
  const wan = int.indexOf('万');
  if (wan !== int.lastIndexOf('万')) return undefined;
  if (wan < 0) {
    const n = parseChineseNumber(int);
    return Number.isNaN(n) ? undefined : decimal ? `${n}.${[...decimal].map(parseChineseNumber).join('')}` : String(n);
  }
  const head = parseChineseNumber(int.slice(0, wan));
  const tail = int.slice(wan + 1);
  if (Number.isNaN(head) || !head) return undefined;
  if (!tail) return decimal ? `${head}.${[...decimal].map(parseChineseNumber).join('')}万` : `${head}万`;
  // 一万五 is 15000, as 一千二 is 1200: a last digit after a position word is of the next one down
  const rest = /^[一二两三四五六七八九]$/.test(tail) ? parseChineseNumber(tail) * 1000 : parseChineseNumber(tail);
  return Number.isNaN(rest) || decimal ? undefined : String(head * 10000 + rest);
}

export function spokenFigures(s: string): string {
  return s.replace(FIGURE, (m, int: string, decimal: string | undefined, wan: string | undefined) => {
    if (!decimal && !/[十百千万]/.test(int)) return m;
    if (!decimal && int.length < 2) return m;
    const w = written(int, decimal);
    return w === undefined ? m : w + (wan ?? '');
  });
}
