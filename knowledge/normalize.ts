// Canonical names for people, units and towns. One module so parsers, the answer engine and
// the store all agree that 市住建局 = 住建局 = 住房和城乡建设局.

/** Removes whitespace that PDF extraction put between CJK characters ("杨 盛", "聚力 增活力"),
 * keeps spaces between Latin/digit runs ("G4 京港澳" → "G4京港澳" is fine, "220 千伏" → "220千伏"). */
export function squeezeCjk(s: string): string {
  return s
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/(?<=[^\x00-\x7f]) (?=\S)|(?<=\S) (?=[^\x00-\x7f])/g, '')
    .trim();
}

export function canonPerson(raw: string): string {
  return raw.replace(/\s+/g, '');
}

export const TOWNS = [
  '归义街道', '新市街道', '大荆镇', '三江镇', '长乐镇', '罗江镇', '屈子祠镇', '桃林寺镇',
  '白塘镇', '汨罗镇', '古培镇', '白水镇', '川山坪镇', '弼时镇', '神鼎山镇',
] as const;
export type Town = (typeof TOWNS)[number];

/** Aliases of a town as they appear in documents and questions. "汨罗" alone is the city, so
 * 汨罗镇 has no bare short form. */
export function townAliases(town: string): string[] {
  const base = town.replace(/(街道|镇)$/, '');
  const out = new Set<string>([town]);
  if (town.endsWith('街道')) {
    for (const s of ['街道办', '街道办事处']) out.add(base + s);
  } else {
    for (const s of ['镇政府', '镇人民政府']) out.add(base + s);
  }
  // Bare short forms, except 汨罗, which is the city. (罗江 also sits inside 汨罗江, the river:
  // the answer engine ignores it there.)
  if (base !== '汨罗' && base.length >= 2) out.add(base);
  return [...out];
}

/** Units whose full names differ from the short form used in the key-task table.
 * Key: canonical short name; value: other spellings (without the leading 市/汨罗市). */
export const UNIT_ALIASES: Record<string, string[]> = {
  发改局: ['发展和改革局', '发展改革局', '发改委'],
  财政局: [],
  工信局: ['工业和信息化局'],
  商务粮食局: ['商务局', '商粮局'],
  住建局: ['住房和城乡建设局', '住房城乡建设局'],
  城管局: ['城市管理和综合执法局', '城市管理局', '城管执法局'],
  自然资源局: ['自然资源和规划局', '自规局', '资规局'],
  农业农村局: ['农业局', '农业农村部门'],
  水利局: [],
  林业局: [],
  交通运输局: ['交通局'],
  教体局: ['教育体育局', '教育局'],
  卫健局: ['卫生健康局', '卫生和计划生育局'],
  医保局: ['医疗保障局'],
  人社局: ['人力资源和社会保障局', '人力资源社会保障局'],
  民政局: [],
  科技局: ['科学技术局'],
  文旅广电局: ['文化旅游广电局', '文化旅游广电体育局', '文旅局'],
  生态环境分局: ['岳阳市生态环境局汨罗分局', '生态环境局汨罗分局', '生态环境局', '环保局'],
  市场监管局: ['市场监督管理局'],
  应急管理局: ['应急局'],
  公安局: [],
  司法局: [],
  审计局: [],
  统计局: [],
  税务局: [],
  数据局: ['数据资源局'],
  信访局: [],
  退役军人事务局: ['退役军人局', '退役军人事务管理局'],
  国资服务中心: ['国有资产服务中心', '国资中心', '国资委'],
  高新区管委会: ['高新区', '汨罗高新区', '高新技术产业开发区管委会'],
  飞地园事务中心: ['飞地园'],
  政府办: ['人民政府办公室', '政府办公室'],
  创建办: ['文明创建办'],
  文明实践中心: ['新时代文明实践中心'],
  国网汨罗供电公司: ['供电公司', '国网汨罗市供电公司', '国网供电公司'],
  供销联社: ['供销社', '供销合作社联合社'],
  残联: ['残疾人联合会'],
  妇联: ['妇女联合会'],
  总工会: [],
  贸促会: [],
  文旅集团: ['文旅集团有限公司'],
  消防救援大队: ['消防大队'],
  交警大队: [],
  人武部: ['人民武装部'],
  应安委办: ['安委办'],
  综治中心: [],
  民宗局: ['民族宗教事务局'],
  融媒体中心: [],
  国安办: [],
  纪委监委: [],
  金融监管支局: ['国家金融监督管理总局汨罗监管支局', '金融监管局'],
  政府办金融发展中心: ['金融发展中心'],
  重大能源项目建设指挥部: [],
  抽水蓄能指挥部: [],
  火电协调办: [],
  交通顽瘴痼疾整治工作专班: [],
  屈子文化园事务中心: [],
  楚之晟集团: [],
  邮政公司: [],
  机关事务中心: [],
  邮政管理局: [],
};

/** Collective cooperating-unit phrases kept whole rather than split on 、. */
const COLLECTIVES: [RegExp, string][] = [
  [/^各镇(人民)?政府[、，,]?(各)?街道办(事处)?$|^各镇[（(]街道[）)]$/, '各镇政府、街道办'],
  [/^相关镇(人民)?政府[、，,]?街道办(事处)?$|^相关镇(人民)?政府[（(]街道办[）)]$|^相关镇[（(]街道[）)]$/, '相关镇政府、街道办'],
];

const aliasToCanon = new Map<string, string>();
for (const [canon, aliases] of Object.entries(UNIT_ALIASES)) {
  aliasToCanon.set(canon, canon);
  for (const a of aliases) aliasToCanon.set(a, canon);
}
for (const t of TOWNS) for (const a of townAliases(t)) if (a !== t.replace(/(街道|镇)$/, '')) aliasToCanon.set(a, t);

/** Strips the 市 / 汨罗市 prefix that 民生实事 tables put on every unit, but not from names in
 * which 市 is part of the word (市直各单位, 市委网信办, 市场监管局). */
function stripCityPrefix(s: string): string {
  let out = s.replace(/^汨罗市(?!直|委|属)/, '');
  if (/^市(?!直|委|属|级|本级|场)/.test(out) || /^市市场/.test(out)) out = out.slice(1);
  return out;
}

export function canonUnit(raw: string): string {
  const s = raw.replace(/\s+/g, '').replace(/等$/, '');
  for (const [re, name] of COLLECTIVES) if (re.test(s)) return name;
  const direct = aliasToCanon.get(s);
  if (direct) return direct;
  const stripped = stripCityPrefix(s);
  return aliasToCanon.get(stripped) ?? stripped;
}

/** Every spelling normalize.ts knows for a unit, used to re-join names the extraction split. */
const KNOWN_UNITS = new Set<string>();
for (const [canon, aliases] of Object.entries(UNIT_ALIASES)) {
  KNOWN_UNITS.add(canon);
  for (const a of aliases) KNOWN_UNITS.add(a);
}
for (const t of TOWNS) KNOWN_UNITS.add(t);
const isKnownUnit = (s: string): boolean => KNOWN_UNITS.has(canonUnit(s));

/** Re-joins unit names that a line break cut in two ("交通顽瘴痼疾整治工 作专班",
 * "重大能源项目建设 指挥部"): two adjacent space-separated tokens are merged when the first is not a
 * known unit and the concatenation is. */
export function joinBrokenUnits(cell: string): string {
  const toks = cell.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const cur = toks[i]!;
    const next = toks[i + 1];
    if (next !== undefined && !isKnownUnit(cur) && isKnownUnit(cur + next)) {
      out.push(cur + next);
      i++;
    } else out.push(cur);
  }
  return out.join(' ');
}

/** Splits a unit cell ("高新区管委会 飞地园事务中心 各镇政府、街道办") into canonical names. */
export function splitUnits(cell: string): string[] {
  const text = cell.trim();
  if (!text) return [];
  const parts = joinBrokenUnits(text).split(' ');
  const out: string[] = [];
  for (const p of parts) {
    const whole = canonUnit(p);
    if (COLLECTIVES.some(([, n]) => n === whole)) {
      out.push(whole);
      continue;
    }
    // 民生实事 cells list units separated by 、 and end with ", 相关镇政府（街道办）".
    for (const piece of p.split(/[、，,；;]/)) {
      const name = piece.trim();
      if (name) out.push(canonUnit(name));
    }
  }
  return [...new Set(out)];
}
