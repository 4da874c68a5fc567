// The 督查专报 model laid out as a Word document (docx v9): A4 with the margins of a government
// document (GB/T 9704), 方正小标宋 title, 黑体 section heads, 仿宋 body at 三号, "● **lead。**text"
// paragraphs like the 开局八好 专报, and one small table of counts by list and state. Plain
// features only, so Word and WPS open it alike and the office can edit it before printing.
import { AlignmentType, BorderStyle, convertMillimetersToTwip, Document, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { TASK_STATES } from '../progress/state.ts';
import type { BulletinModel, Entry } from './model.ts';

const TITLE_FONT = '方正小标宋简体';
const HEAD_FONT = '黑体';
const BODY_FONT = '仿宋_GB2312';
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
/** half-points: 二号 22pt, 三号 16pt, 四号 14pt */
const SIZE = { title: 44, body: 32, small: 28 };
/** fixed 28-point lines, the usual spacing of a printed 专报 */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };

const run = (text: string, o: { bold?: boolean; size?: number; face?: string; color?: string } = {}) =>
  new TextRun({ text, bold: o.bold ?? false, size: o.size ?? SIZE.body, font: font(o.face ?? BODY_FONT), ...(o.color ? { color: o.color } : {}) });

const centered = (children: TextRun[], after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, after }, children });

const body = (children: TextRun[]) =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: LINE, indent: { firstLine: convertMillimetersToTwip(11.2) }, children });

const heading = (text: string) => new Paragraph({ spacing: { ...LINE, before: 120 }, children: [run(text, { face: HEAD_FONT })] });

const entry = (e: Entry) => body([run('● '), run(e.lead.endsWith('。') ? e.lead : `${e.lead}：`, { bold: true }), run(e.text)]);

const more = (n: number, what: string) => (n > 0 ? [body([run(`（另有${n}${what}，见台账。）`, { size: SIZE.small })])] : []);

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { bold, size: SIZE.small })] })] });

function countsTable(m: BulletinModel): Table {
  const line = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('清单', true), cell('合计', true), ...TASK_STATES.map((s) => cell(s, true))] }),
      ...m.counts.map((c) => new TableRow({ children: [cell(c.name), cell(String(c.total)), ...TASK_STATES.map((s) => cell(String(c.counts[s])))] })),
    ],
  });
}

export function bulletinDocument(m: BulletinModel): Document {
  const none = (what: string) => [body([run(what)])];
  const children = [
    centered([run(m.title, { face: TITLE_FONT, size: SIZE.title, color: 'C00000' })], 120),
    centered([run(m.issue)]),
    centered([run(m.office)]),
    centered([run(m.date)], 240),
    heading('【总体进展】'),
    ...m.overall.map((s) => body([run(s)])),
    countsTable(m),
    heading('【工作进展】'),
    ...(m.progress.length ? m.progress.map(entry) : none('本期没有收到进展。')),
    ...more(m.omitted.progress, '项有进展'),
    heading('【存在问题】'),
    ...(m.problems.length ? [...m.problems.map(entry), ...(m.problemUnits ? [body([run(m.problemUnits)])] : [])] : none('目前没有滞后任务。')),
    ...more(m.omitted.problems, '项滞后'),
    heading('【下步工作】'),
    ...(m.next.length ? m.next.map(entry) : none('近两周没有到期的节点。')),
    ...more(m.omitted.next, '个节点'),
  ];
  return new Document({
    creator: '督办助手',
    title: `${m.title}${m.issue}`,
    description: `${m.office} ${m.period}`,
    styles: { default: { document: { run: { font: font(BODY_FONT), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            // A4 in twips (convertMillimetersToTwip rounds down to 11905 × 16837)
            size: { width: 11906, height: 16838 },
            margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
          },
        },
        children,
      },
    ],
  });
}

/** The .docx bytes. */
export async function bulletinDocx(m: BulletinModel): Promise<Buffer> {
  return Buffer.from(await Packer.toBuffer(bulletinDocument(m)));
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
