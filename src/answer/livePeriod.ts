// Periods of a live question ("本月到期的节点", "下半年要完成哪些任务"): relative to the view's
// today (本月, 下个月, 本季度, 本周, 近期) or, for the forms periods.ts reads, in the store's year.
import { addDays, daysInMonth } from '../progress/time.ts';
import { askedPeriod } from './periods.ts';
import { parseChineseNumber } from './text.ts';

const COUNT = '\\d{1,3}|[一二两三四五六七八九十]{1,3}';
/** "未来30天", "接下来两个礼拜", "10天内": so many days or weeks from today */
const AHEAD = new RegExp(`(?:未来|接下来|往后|今后|近)(${COUNT})个?(天|日|周|星期|礼拜)(?:内|之内|以内)?|(?<![\\d一二两三四五六七八九十])(${COUNT})个?(天|日|周|星期|礼拜)(?:内|之内|以内)`);

export interface LivePeriod {
  label: string;
  from: string;
  to: string;
  at: number;
  end: number;
}

/** The period a live question names, relative to `today` (本月, 下个月, 本季度, 本周, 近期) or
 * of the store's year (二季度, 下半年, 6月, 年底). */
export function livePeriod(text: string, today: string, year: number): LivePeriod | undefined {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const month = (yy: number, mm: number, label: string) => ({ label, from: `${yy}-${String(mm).padStart(2, '0')}-01`, to: `${yy}-${String(mm).padStart(2, '0')}-${String(daysInMonth(yy, mm)).padStart(2, '0')}` });
  const next = () => (m === 12 ? { m: 1, a: month(y + 1, 1, '') } : { m: m + 1, a: month(y, m + 1, '') });
  const rel: [RegExp, () => Omit<LivePeriod, 'at' | 'end'>][] = [
    // 月底前 / 月内 of this month is the month, not its text's 6月底前 of the documents
    [/(?:本月|这个月|这月|当月|本月份)(?:底前|底|末|内|中)?/, () => month(y, m, `${m}月`)],
    // a bare 月底前 is this month's end; "还有" asks what is left of it
    [/(?<![\d一二三四五六七八九十上下个])月(?:底|末)(?:前|之前)?/, () => (/还有|还剩|剩下|没到期/.test(text) ? { label: `${m}月底前`, from: today, to: month(y, m, '').to } : month(y, m, `${m}月`))],
    // 下月初 is its first ten days, 下月中 the middle ten; "下月中之前" from today up to its 15th
    [/下个?月初/, () => { const n = next(); return { label: `${n.m}月初`, from: n.a.from, to: `${n.a.from.slice(0, 8)}10` }; }],
    [/下个?月月?中旬?(?:之前|以前|前)/, () => { const n = next(); return { label: `${n.m}月中前`, from: today, to: `${n.a.from.slice(0, 8)}15` }; }],
    [/下个?月月?中旬?/, () => { const n = next(); return { label: `${n.m}月中`, from: `${n.a.from.slice(0, 8)}11`, to: `${n.a.from.slice(0, 8)}20` }; }],
    // the days the year is marked by: up to them from today
    [/国庆(?:节)?(?:前|之前|以前)/, () => ({ label: '国庆前', from: today, to: `${y}-09-30` })],
    [/七一(?:前|之前|以前)|年中(?:前|之前|以前)/, () => ({ label: '7月1日前', from: today, to: `${y}-06-30` })],
    [/季末|季度末|季度底/, () => ({ label: '本季度末前', from: today, to: month(y, Math.ceil(m / 3) * 3, '').to })],
    [/(?:下个月|下月)(?:底前|底|末|内|中)?/, () => (m === 12 ? month(y + 1, 1, '1月') : month(y, m + 1, `${m + 1}月`))],
    [/上个月|上月/, () => (m === 1 ? month(y - 1, 12, '12月') : month(y, m - 1, `${m - 1}月`))],
    [/本季度|这个季度|这季度|本季|当季/, () => {
      const q = Math.ceil(m / 3);
      const a = month(y, q * 3 - 2, ''), b = month(y, q * 3, '');
      return { label: `${'一二三四'[q - 1]}季度`, from: a.from, to: b.to };
    }],
    [/下个季度|下季度/, () => {
      const q = Math.ceil(m / 3) + 1;
      if (q > 4) return { label: `${y + 1}年一季度`, from: `${y + 1}-01-01`, to: `${y + 1}-03-31` };
      const a = month(y, q * 3 - 2, ''), b = month(y, q * 3, '');
      return { label: `${'一二三四'[q - 1]}季度`, from: a.from, to: b.to };
    }],
    [/(?:本周|这周|这个星期|这星期|本星期|这礼拜|这个礼拜|本礼拜)(?:内|末)?(?:前|之前|以前)?/, () => {
      const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { label: '本周', from: addDays(today, -dow), to: addDays(today, 6 - dow) };
    }],
    [/下下周|下下个星期|下下个?礼拜/, () => {
      const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { label: '下下周', from: addDays(today, 14 - dow), to: addDays(today, 20 - dow) };
    }],
    [/上周|上个星期|上星期|上礼拜|上个礼拜/, () => {
      const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { label: '上周', from: addDays(today, -7 - dow), to: addDays(today, -1 - dow) };
    }],
    [/下周|下个星期|下星期|下礼拜|下个礼拜/, () => {
      const dow = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
      return { label: '下周', from: addDays(today, 7 - dow), to: addDays(today, 13 - dow) };
    }],
    // "未来30天", "接下来10天内", "两个礼拜内": so many days or weeks from today
    [AHEAD, () => {
      const h = text.match(AHEAD)!;
      const n = h[1] ?? h[3]!;
      const unit = h[2] ?? h[4]!;
      const k = /\d/.test(n) ? Number(n) : parseChineseNumber(n);
      const days = /天|日/.test(unit) ? k : 7 * k;
      return { label: days === 14 ? '近两周' : days === 30 ? '近一个月' : /天|日/.test(unit) ? `近${k}天` : `近${k}周`, from: today, to: addDays(today, days - 1) };
    }],
    [/近期|最近|马上|快要?到期|即将到期|快到期|将要到期|临近|未来两周|未来半个月|这两周|两周内|半个月内|过两周|两周后|过半个月/, () => ({ label: '近两周', from: today, to: addDays(today, 13) })],
    // "未来一个月", "一个月内": the next thirty days from today
    [/(?:未来|接下来|往后|近)(?:一个|1个)月|(?:一个|1个)月(?:内|之内|以内)|30天(?:内|之内|以内)/, () => ({ label: '近一个月', from: today, to: addDays(today, 29) })],
    [/今天|今日/, () => ({ label: '今天', from: today, to: today })],
    // the rest of the year: from today to its last day (last: "本季度还剩" is the quarter's rest)
    [/(?:今年|年内|全年)?(?:还剩下?|剩下|剩余|余下|接下来|往后|后面还有|后面)|(?:到|至|离)年底(?:前|之前)?|年底(?:前|之前)(?:还剩下?|剩下|还)/, () => ({ label: '今年余下', from: today, to: `${y}-12-31` })],
  ];
  for (const [re, make] of rel) {
    const hit = text.match(re);
    if (!hit) continue;
    const p = make();
    // "这周末之前还有没到期的", "这周末前", "本月还剩哪些": what is left of it, from today ("本月还有
    // 哪些节点", "这个月底前要完成啥" are the whole month: its nodes gone by are asked too)
    const left = (/还剩|剩下|剩余|之前|以前/.test(text) || /周末(?:前|之前|以前)$/.test(hit[0])) && p.from < today && p.to >= today;
    return { ...p, ...(left ? { from: today } : {}), at: hit.index!, end: hit.index! + hit[0].length };
  }
  const p = askedPeriod(text);
  if (!p) return undefined;
  // "9月底前到期的有哪些", "年底前节点还有哪些": everything due from today up to that deadline,
  // not only the nodes of that month (the documents' "9月底前" labels one node each)
  if (/底前|底之前/.test(text.slice(p.at, p.end + 2)) && /还有|还剩|剩下|剩余|还要|要|该|得|必须|到期|节点/.test(text) && `${year}${p.to.slice(4)}` >= today && `${year}${p.from.slice(4)}` <= addDays(today, 366)) {
    const to = `${year}${p.to.slice(4)}`;
    if (to > today) return { label: `${p.label}${/底/.test(text.slice(p.at, p.end + 1)) && !p.label.endsWith('底') ? '底' : ''}前`, from: today, to, at: p.at, end: p.end };
  }
  const shift = (d: string) => `${year}${d.slice(4)}`;
  // 2月 of a leap year: the period's last day follows the store's year, not the knowledge's
  const to = p.to.slice(5, 7) === '02' ? `${year}-02-${daysInMonth(year, 2)}` : shift(p.to);
  return { label: p.label, from: shift(p.from), to, at: p.at, end: p.end };
}
