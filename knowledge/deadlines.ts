// Deadlines written into task texts: "7月底前" → 07-31, "年内"/"年底前" → 12-31,
// "一季度" → 03-31, "上半年" → 06-30. Pure; the year is given.
// Pure text parsing, shared by ingest (task milestones) and the reminder planner.
type IsoDate = string;

function lastDayOfMonth(year: number, month: number): IsoDate {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface TextDeadline {
  date: IsoDate;
  /** the phrase as written, e.g. 7月底前 */
  label: string;
  /** the clause that carries the deadline, for the reminder text */
  clause: string;
}

const CN: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

const PATTERNS: { re: RegExp; date: (m: RegExpMatchArray, year: number) => IsoDate | undefined }[] = [
  { re: /(\d{1,2})月(\d{1,2})日前/, date: (m, y) => iso(y, Number(m[1]), Number(m[2])) },
  { re: /(\d{1,2})月(?:底|末)(?:前)?/, date: (m, y) => monthEnd(y, Number(m[1])) },
  { re: /(\d{1,2})月(?:份)?(?:前)?完成/, date: (m, y) => monthEnd(y, Number(m[1])) },
  { re: /([一二三四1-4])季度(?:末|前)?/, date: (m, y) => monthEnd(y, (CN[m[1]!] ?? 4) * 3) },
  { re: /上半年/, date: (_m, y) => monthEnd(y, 6) },
  { re: /下半年|年内|年底前?|年末|全年/, date: (_m, y) => monthEnd(y, 12) },
];

function iso(y: number, m: number, d: number): IsoDate | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return new Date(`${s}T00:00:00Z`).toISOString().startsWith(s) ? s : undefined;
}

function monthEnd(y: number, m: number): IsoDate | undefined {
  return m >= 1 && m <= 12 ? lastDayOfMonth(y, m) : undefined;
}

/** Every explicit deadline in a text, earliest first, one per clause. 全年 targets count as
 * year-end only when nothing more specific is written. */
export function findDeadlines(text: string, year: number): TextDeadline[] {
  const out: TextDeadline[] = [];
  for (const clause of text.split(/[，。；;]/)) {
    for (const p of PATTERNS) {
      const m = clause.match(p.re);
      if (!m) continue;
      const date = p.date(m, year);
      if (date) out.push({ date, label: m[0], clause: clause.trim() });
      break;
    }
  }
  const specific = out.filter((d) => !/全年/.test(d.label));
  const chosen = specific.length ? specific : out.slice(0, 1);
  const seen = new Set<string>();
  return chosen
    .filter((d) => (seen.has(d.date) ? false : (seen.add(d.date), true)))
    .sort((a, b) => a.date.localeCompare(b.date));
}
