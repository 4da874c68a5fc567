// Phone-sized rendering of records. One lookup fits in a few lines; lists show a count, the
// first items and how to see the rest.
import type { DocId, Indicator, KeyTask, LivelihoodProject, SourceRef, VotedProject } from '../../knowledge/types.ts';
import type { AnswerContext } from './context.ts';

export const DOC_LABEL: Record<DocId, string> = {
  'key-tasks': '重点工作任务（汨政办函〔2026〕1号）',
  livelihood: '重点民生实事（汨办函〔2026〕4号）',
  gazette: '市政府公报2026年第1期',
  bulletin: '“开局八好”工作专报第2期',
  'work-report': '2024年政府工作报告',
};

export function clip(s: string, n = 60): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** The distinctive words of a target, short enough for one phone line: as many of its leading
 * clauses as fit (新建、改扩建城区道路9条，完成跨线屈原桥修缮改造), else the first one clipped. */
export function gist(target: string, n = 26): string {
  const clauses = target.replace(/[。；;]+$/, '').split(/[，,；;。]/).filter(Boolean);
  let out = clauses[0] ?? target;
  for (const c of clauses.slice(1)) {
    if (out.length + 1 + c.length > n) break;
    out += '，' + c;
  }
  return clip(out, n);
}

export function joinNames(xs: string[], empty = '—'): string {
  return xs.length ? xs.join('、') : empty;
}

export function sourceText(refs: SourceRef[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of refs) {
    const s = `${DOC_LABEL[r.doc]} ${r.locator}`.trim();
    if (!seen.has(s)) (seen.add(s), parts.push(s));
  }
  return parts.length ? `来源：${parts.slice(0, 3).join('；')}` : '';
}

export function taskHead(t: KeyTask, n = 70): string {
  return `第${t.no}项「${clip(t.target.replace(/。$/, ''), n)}」`;
}

export function taskDetail(t: KeyTask): string {
  return [
    taskHead(t, 120),
    `牵头领导：${joinNames(t.leaders)}`,
    `牵头单位：${joinNames(t.leadUnits)}`,
    `配合单位：${joinNames(t.coUnits, '无')}`,
  ].join('\n');
}

export function livelihoodDetail(p: LivelihoodProject): string {
  const lines = [`民生实事第${p.no}项「${p.name}」（${p.level}）`];
  if (p.items.length === 1 && p.items[0]!.text === p.name) {
    const it = p.items[0]!;
    lines.push(`牵头领导：${joinNames(it.leaders)}`, `牵头单位：${joinNames(it.leadUnits)}`, `配合单位：${joinNames(it.coUnits, '无')}`);
    return lines.join('\n');
  }
  lines.push(`共${p.items.length}个子项：`);
  p.items.forEach((it, i) =>
    lines.push(`${i + 1}. ${clip(it.text, 40)}——${joinNames(it.leaders)}｜${joinNames(it.leadUnits)}`),
  );
  return lines.join('\n');
}

export function votedDetail(v: VotedProject): string {
  const lines = [`票决民生实事第${v.no}项「${v.name}」`, `牵头：${joinNames(v.leaders)}｜${joinNames(v.leadUnits)}`];
  for (const tr of v.tracks) {
    if (v.tracks.length > 1) lines.push(`【${tr.name}】`);
    for (const m of tr.milestones) lines.push(`· ${m.label}（${m.date}）：${clip(m.text, 60)}`);
  }
  return lines.join('\n');
}

export function townTargets(ind: Indicator, limit = 15): string {
  if (!ind.towns) return ind.note ?? '';
  const entries = Object.entries(ind.towns).filter(([, v]) => v !== 0);
  const shown = entries.slice(0, limit).map(([t, v]) => `${t}${v}`);
  const sum = Object.values(ind.towns).reduce((a, b) => a + b, 0);
  const more = entries.length > limit ? `等${entries.length}个镇（街道）` : '';
  return `${shown.join('、')}${more}；合计${Math.round(sum * 10000) / 10000}${ind.unit}`;
}

export function indicatorDetail(ind: Indicator): string {
  return [
    `民生实事第${ind.no}个指标「${ind.text}」（第${ind.projectNo}项 ${ind.project}）`,
    `单位：${ind.unit}`,
    ind.towns ? `各镇（街道）目标：${townTargets(ind)}` : `目标：${ind.note ?? '—'}`,
  ].join('\n');
}

/** Short document names for notes that must fit a phone line. */
const DOC_SHORT: Record<DocId, string> = {
  'key-tasks': '重点任务表',
  livelihood: '民生实事通知',
  gazette: '公报',
  bulletin: '专报',
  'work-report': '工作报告',
};

/** Notes for every contradiction a reply touches, so a reader never takes one figure as settled. */
export function contradictionNotes(ctx: AnswerContext, keys: string[]): string[] {
  const ids = new Set(keys.flatMap((k) => ctx.contradictionsByKey.get(k) ?? []));
  return ctx.kb.contradictions
    .filter((c) => ids.has(c.id))
    .map((c) => `⚠ 文件不一致（${c.topic}）：${c.values.map((v) => `${DOC_SHORT[v.source.doc]}${clip(v.source.locator, 18)}写“${clip(v.value, 24)}”`).join('，')}。`);
}
