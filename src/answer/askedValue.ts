// The kind of value a question asks for, when it names one (a day, a sum of money), and whether
// a reply states one. A record that matches the subject but gives no value of that kind does
// not answer "龙舟超级联赛总决赛具体哪天办" or "白塘风光储项目总投资多少": quoting it reads as if it did.

export interface AskedValue {
  /** what the documents would have to state, for the reply */
  label: string;
  /** a value of that kind, in a reply's body */
  shape: RegExp;
}

const KINDS: [RegExp, AskedValue][] = [
  [/哪天|哪一天|哪日|几号|几月几[日号]|具体日期|什么日子/, { label: '具体日期', shape: /\d{1,2}\s*月|\d{1,2}\s*[日号]|年底|年初|月底|上旬|中旬|下旬|季度|上半年|下半年|(?:发布|印发|公布|签发)之日/ }],
  // 万 alone is ten thousand of anything (1.5万人, 17.14万人次): a sum is in 元 or 亿.
  [/总投资|投资(?:额|规模|多少|几)|多少钱|几亿|多少亿|多少万元/, { label: '金额', shape: /\d(?:[\d.,]*)\s*(?:余|多)?\s*(?:亿|万元|万块|元)/ }],
  // "408套具体建在哪几个小区": the places asked by their kind; a reply naming none of that kind
  // (the task's 408套) does not say where.
  [/哪(?:几|一)?个小区|哪些小区|什么小区/, { label: '具体小区', shape: /[\u4e00-\u9fff]{2}(?<!老旧|住宅|城镇|城市|农村|居民|安置|所在|完善|这个|那个|几个|各个|个)小区/ }],
];

export function askedValue(question: string): AskedValue | undefined {
  return KINDS.find(([re]) => re.test(question))?.[1];
}

/** Whether the reply's body (its source line left out) states a value of the kind asked. */
export function statesValue(text: string, asked: AskedValue): boolean {
  return asked.shape.test(text.split('\n').filter((l) => !l.startsWith('来源')).join('\n'));
}
