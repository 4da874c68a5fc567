// "1月15号那次常务会出席的市领导都有谁": a meeting named by the day it was held. The minutes are
// titled and searched by their number (第52次常务会议); their opening sentence says the day
// ("2026年1月15日，市长马慧主持召开…第52次常务会议"). The day is put as the number it names.
import type { Passage } from '../../knowledge/types.ts';

interface Held { year: number; month: number; day: number; no: string; kind: string }

const OPENING = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[，,]\s*\S{0,12}?主持召开.{0,30}?第\s*(\d+)\s*次(常务会议|市长办公会议)/;
const HELD = new WeakMap<readonly Passage[], Held[]>();

function meetings(passages: readonly Passage[]): Held[] {
  let list = HELD.get(passages);
  if (list) return list;
  list = [];
  for (const p of passages) {
    const m = OPENING.exec(p.text);
    if (m) list.push({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), no: m[4]!, kind: m[5]! });
  }
  HELD.set(passages, list);
  return list;
}

/** A day, as leaders type it (1月15号, 2026年1月15日), and the meeting word after it. */
const DAY_MEETING = /(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:那次|那天|那个|召开的|开的|的)?\s*(常务会议?|(?:市长)?办公会议?|会议|会)/;

export function meetingByDate(passages: readonly Passage[], question: string): string {
  if (/第\s*\d+\s*次/.test(question)) return question;
  const m = DAY_MEETING.exec(question);
  if (!m) return question;
  const [year, month, day] = [m[1] ? Number(m[1]) : undefined, Number(m[2]), Number(m[3])];
  const kind = /办公会/.test(m[4]!) ? '市长办公会议' : /常务会/.test(m[4]!) ? '常务会议' : undefined;
  const held = meetings(passages).filter((h) => h.month === month && h.day === day && (year === undefined || h.year === year) && (!kind || h.kind === kind));
  if (held.length !== 1) return question;
  return question.replace(m[0], `第${held[0]!.no}次${held[0]!.kind}`);
}
