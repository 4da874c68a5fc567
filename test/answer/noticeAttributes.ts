// Attributes of every notice of the gazette, asked the way office staff ask them (文号, 印发日期,
// 主送, 施行日期, 有效期, 联系电话), each with the value the notice itself states. Generated from the
// passages (落款, 主送, the notice's own sentences), never listed; used by passageByPhrase.test.ts.
import type { KnowledgeBase, Passage } from '../../knowledge/types.ts';

export interface NoticeAsk { q: string; expect: string; attr: string }

const DOCNO = /[\u4e00-\u9fa5]{2,6}〔\d{4}〕\d{1,3}号/;
const DATE = /\d{4}年\d{1,2}月\d{1,2}日/;
const flat = (s: string) => s.replace(/\s+/g, '');

/** What staff call a notice: its subject without the issuer, the 关于 and the kind (…的批复). */
function names(title: string): { subject: string; kind: string }[] {
  const t = flat(title).replace(/（[^（）]*〔\d{4}〕[^（）]*）$/, '').replace(/^《|》$/g, '');
  const m = t.match(/^(?:汨罗市人民政府(?:办公室)?)?关于(.+?)的(通知|批复|公告|函|意见|决定)$/);
  if (!m) return [];
  const kind = m[2]!;
  const full = m[1]!.replace(/^印发/, '');
  // "同意运用2026年第二批…": the verb of approval and the year are how the notice reads, not its subject.
  const short = full.replace(/^(?:同意|支持|请求|原则同意)/, '').replace(/《|》/g, '').replace(/汨罗市/g, '').replace(/20\d\d年度?/g, '');
  return [...new Set([full.replace(/《|》/g, ''), short])].filter((s) => s.length >= 4 && s.length <= 30).map((subject) => ({ subject, kind }));
}

export function noticeAsks(kb: KnowledgeBase): NoticeAsk[] {
  const byTitle = new Map<string, Passage[]>();
  for (const p of kb.passages) if (p.doc === 'gazette') byTitle.set(p.title, [...(byTitle.get(p.title) ?? []), p]);
  const out: NoticeAsk[] = [];
  for (const [title, ps] of byTitle) {
    const sign = ps.find((p) => p.section[0] === '落款');
    const to = ps.find((p) => p.section[0] === '主送');
    const no = flat(title).match(DOCNO)?.[0];
    const body = ps.filter((p) => !p.section.length || !/^(?:落款|主送)$/.test(p.section[0]!)).map((p) => flat(p.text)).join('');
    for (const { subject, kind } of names(title)) {
      const it = `${subject}的${kind}`;
      if (no) out.push({ q: `${it}文号是多少`, expect: no, attr: 'docno' }, { q: `${subject}那个${kind}是几号文`, expect: no, attr: 'docno' });
      const date = sign && flat(sign.text).match(DATE)?.[0];
      if (date) out.push({ q: `${it}哪天印发的`, expect: date, attr: 'date' }, { q: `${subject}${kind}落款日期`, expect: date, attr: 'date' });
      const first = to && flat(to.text).replace(/^主送[:：]/, '').split(/[，,、]/)[0];
      if (first) out.push({ q: `${it}是发给谁的`, expect: first, attr: 'addressee' }, { q: `${subject}${kind}主送单位是哪个`, expect: first, attr: 'addressee' });
      const start = body.match(/自(20\d\d年\d{1,2}月\d{1,2}日|发布之日)起(?:施行|执行|实施)/)?.[1];
      if (start) out.push({ q: `${it}从什么时候开始执行`, expect: start, attr: 'start' }, { q: `${subject}${kind}几号起施行`, expect: start, attr: 'start' });
      const valid = body.match(/有效期([一二三四五六七八九十\d]+年)/)?.[1];
      if (valid) out.push({ q: `${it}有效期多久`, expect: valid, attr: 'validity' });
      const phone = body.match(/联系电话[:：]?(\d{7,12})/)?.[1];
      if (phone) out.push({ q: `${it}联系电话多少`, expect: phone, attr: 'contact' });
    }
  }
  return out;
}

/** The working groups the 开局八好 plans set up (成立…专班): where each one's office sits and who
 * convenes it, asked by the group's short name (稳增长专班, 防风险专班). */
export function officeAsks(kb: KnowledgeBase): NoticeAsk[] {
  const out: NoticeAsk[] = [];
  for (const p of kb.passages) {
    if (p.doc !== 'gazette') continue;
    const t = flat(p.text);
    const group = t.match(/成立(?!工作专班)(.{4,30}?)专班/)?.[1];
    const office = t.match(/专班办公室设在(市[\u4e00-\u9fa5]{2,10}?局)/)?.[1];
    const chair = t.match(/由(市政府[\u4e00-\u9fa5]{2,12}?)(?:任|担任)召集人/)?.[1];
    if (!group) continue;
    // "担当好稳增长挑大梁的责任工作" → 稳增长; "汨罗市构筑“兴城乡、强区域”格局工作" → 兴城乡.
    const short = group.replace(/^“|^(?:汨罗市)?(?:担当|释放|培育|激发|落实|坚守|实现|构筑)好?“?/, '').slice(0, 3);
    if (!/^[\u4e00-\u9fa5]{3}$/.test(short)) continue;
    if (office) out.push({ q: `${short}专班办公室设在哪`, expect: office.replace(/^市/, ''), attr: 'office' }, { q: `${short}专班的办公室放在哪个局`, expect: office.replace(/^市/, ''), attr: 'office' });
    if (chair) out.push({ q: `${short}专班召集人是谁`, expect: chair, attr: 'chair' }, { q: `${short}专班由谁召集`, expect: chair, attr: 'chair' });
  }
  return out;
}
