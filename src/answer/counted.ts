// "解危搬迁对象一共几栋楼": a count asked of items the documents list one by one (第2栋、第7栋；…
// 幼儿园栋) without stating their number; the reply says how many it lists. Pure.
const ASKED = /(?:几|多少)\s*(栋|座|所|处|套|间)/;

/** The line "（文中列出共N栋：…）" to add to a reply whose quote lists the items, or undefined. */
export function countedLine(question: string, reply: string): string | undefined {
  const unit = question.match(ASKED)?.[1];
  if (!unit) return undefined;
  const quoted = reply.split('\n').filter((l) => !l.startsWith('来源：'))[0] ?? '';
  // A total already stated (共8栋, 8栋) is the answer itself.
  if (new RegExp(`(?<!第\\s*)\\d+\\s*${unit}`).test(quoted.replace(/第\s*\d+\s*/g, '第'))) return undefined;
  const item = new RegExp(`(?:第\\s*[\\d一二三四五六七八九十]+|[\\u4e00-\\u9fa5]{2,3})${unit}`, 'g');
  const listOf = (t: string) => [...t.matchAll(item)].map((m) => m[0]);
  const all = listOf(quoted);
  if (all.length < 2 || all.some((i) => /^(?:每|各|几|多少|一)/.test(i))) return undefined;
  // "龙舟动力小区要搬几栋": the list's part the question names (广场社区龙舟动力小区第2栋、第7栋；…).
  const parts = quoted.split(/[；;]/).map((c) => {
    const at = c.search(item);
    return { lead: (at < 0 ? '' : c.slice(0, at)).replace(/^.*(?:为|是|[:：])/, ''), items: listOf(c) };
  });
  const named = parts.filter((x) => x.items.length && [...x.lead].some((_, i) => i + 4 <= x.lead.length && question.includes(x.lead.slice(i, i + 4))));
  if (named.length && named.length < parts.filter((x) => x.items.length).length) {
    const n = named.reduce((s, x) => s + x.items.length, 0);
    return `文中列出${named.map((x) => x.lead.trim()).join('、')}共${n}${unit}：${named.flatMap((x) => x.items).join('、')}。`;
  }
  return `文中列出共${all.length}${unit}。`;
}
