// A figure asked per head or on average (人均GDP, 户均, 亩均, 平均): the qualifier makes it another
// measure. A sentence stating the total (地区生产总值486.43亿元) holds every other word of the
// question and would pass a coverage threshold; it is no answer unless it holds the qualifier too.
const QUALIFIER = /人均|户均|亩均|人平|平均|每万人|每千人/g;

/** The per-head or average qualifiers the question asks by that the text does not state. */
export function lacksQualifier(question: string, text: string): boolean {
  const asked = question.match(QUALIFIER);
  if (!asked) return false;
  const flat = text.replace(/\s+/g, '');
  return asked.some((q) => !flat.includes(q));
}
