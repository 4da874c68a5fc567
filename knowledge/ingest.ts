// npm run ingest: reads knowledge/sources, applies knowledge/corrections.json and writes the
// reviewed JSON under knowledge/data. Deterministic: a test re-runs it and compares bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, DATA_FILES } from './load.ts';
import { TOWNS, townAliases, UNIT_ALIASES } from './normalize.ts';
import { parseGazetteKeyTasks, parseMeasures, parseVoted } from './parsers/gazette.ts';
import { parseKeyTasks } from './parsers/keyTasks.ts';
import { findLivelihoodContradictions, parseLivelihood } from './parsers/livelihood.ts';
import { splitPassages } from './parsers/passages.ts';
import { DOCS, KB_YEAR, readSource, ref } from './sources.ts';
import { findDeadlines } from './deadlines.ts';
import type { Contradiction, Directory, DocId, KeyTask, KnowledgeBase } from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

interface CuratedValue {
  value: string;
  ref?: string;
  doc?: DocId;
  locator?: string;
  line?: number;
}
interface CuratedContradictions {
  items: { id: string; topic: string; keys: string[]; values: CuratedValue[]; note: string }[];
}

/** Resolves curated contradictions: a value names a parsed record ("task:5") or a place. */
export function resolveCurated(
  curated: CuratedContradictions,
  kb: Pick<KnowledgeBase, 'keyTasks' | 'livelihood' | 'indicators' | 'voted'>,
): Contradiction[] {
  const refOf = (id: string) => {
    const [kind, a] = id.split(':');
    const n = Number(a);
    const src =
      kind === 'task' ? kb.keyTasks.find((t) => t.no === n)?.source
      : kind === 'livelihood' ? kb.livelihood.find((p) => p.no === n)?.source
      : kind === 'indicator' ? kb.indicators.find((i) => i.no === n)?.source
      : kind === 'voted' ? kb.voted.find((v) => v.no === n)?.source
      : undefined;
    if (!src) throw new Error(`contradictions.json: unknown record ${id}`);
    return src;
  };
  // A sub-item key (livelihood:1:3, 0-based as in the project's items) must name a sub-item the
  // notice has, or its note would silently never show.
  for (const c of curated.items)
    for (const k of c.keys) {
      const [kind, a, b] = k.split(':');
      if (kind === 'livelihood' && b !== undefined && !kb.livelihood.find((p) => p.no === Number(a))?.items[Number(b)])
        throw new Error(`contradictions.json: ${c.id} names no sub-item ${k}`);
    }
  return curated.items.map((c) => ({
    id: c.id,
    topic: c.topic,
    keys: c.keys,
    values: c.values.map((v) => ({
      value: v.value,
      source: v.ref ? refOf(v.ref) : ref(v.doc!, v.locator ?? '', v.line ?? 0),
    })),
    note: c.note,
  }));
}

interface Corrections {
  keyTasks: { nos: number[]; set: Partial<Pick<KeyTask, 'category' | 'subCategory' | 'target'>>; reason: string }[];
  votedKeyTask: { voted: number; task: number; reason: string }[];
}

export function applyCorrections(tasks: KeyTask[], corrections: Corrections): KeyTask[] {
  return tasks.map((t) => {
    let out = t;
    for (const c of corrections.keyTasks) if (c.nos.includes(t.no)) out = { ...out, ...c.set };
    return out;
  });
}

/** Compares the standalone key-task table with the gazette's copy, field by field. Punctuation
 * width and whitespace differ throughout and are not contradictions. */
export function diffKeyTaskCopies(tasks: KeyTask[], gazetteText: string): Contradiction[] {
  const norm = (s: string) =>
    s.replace(/[,，]/g, '，').replace(/[()（）]/g, '').replace(/[。.\s]/g, '').replace(/％/g, '%');
  const out: Contradiction[] = [];
  for (const g of parseGazetteKeyTasks(gazetteText)) {
    const t = tasks.find((x) => x.no === g.no);
    if (!t) continue;
    const fields: [string, string, string][] = [
      ['目标任务', t.target, g.target],
      ['牵头领导', t.leaders.join('、'), g.leaders.join('、')],
      ['牵头单位', t.leadUnits.join('、'), g.leadUnits.join('、')],
      ['配合单位', t.coUnits.join('、'), g.coUnits.join('、')],
    ];
    for (const [field, a, b] of fields) {
      // An empty or cut-off reprint cell is an extraction defect, not a second opinion.
      if (norm(a) === norm(b) || !norm(b) || norm(a).startsWith(norm(b))) continue;
      out.push({
        id: `key-task-${t.no}-${field}`,
        topic: `重点工作任务第${t.no}项${field}`,
        // Reprint differences are recorded, but not attached to answers: the original notice
        // governs, and a typo in the reprint is not a second figure (knowledge/README.md).
        keys: [`reprint:task:${t.no}`],
        values: [
          { value: a, source: t.source },
          { value: b, source: ref('gazette', `重点工作任务附件 第${t.no}项`, g.line) },
        ],
        note: '市政府公报转载的同一张表与原通知不一致。',
      });
    }
  }
  return out;
}

function buildDirectory(kb: Omit<KnowledgeBase, 'directory' | 'passages' | 'contradictions'>): Directory {
  const people = new Set<string>();
  const units = new Set<string>();
  const addU = (xs: string[]) => xs.forEach((u) => units.add(u));
  for (const t of kb.keyTasks) (t.leaders.forEach((p) => people.add(p)), addU(t.leadUnits), addU(t.coUnits));
  for (const p of kb.livelihood) for (const i of p.items) (i.leaders.forEach((l) => people.add(l)), addU(i.leadUnits), addU(i.coUnits));
  for (const v of kb.voted) (v.leaders.forEach((l) => people.add(l)), addU(v.leadUnits), addU(v.coUnits));
  for (const m of kb.measures) (addU(m.leadUnits), addU(m.coUnits));
  const sorted = (xs: Iterable<string>) => [...xs].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
  return {
    people: sorted(people).map((name) => ({
      name,
      aliases: name.length === 2 ? [`${name[0]} ${name[1]}`] : [],
    })),
    units: sorted(units)
      .filter((u) => !(TOWNS as readonly string[]).includes(u))
      .map((name) => ({ name, aliases: [...(UNIT_ALIASES[name] ?? [])] })),
    towns: TOWNS.map((name) => ({ name, aliases: townAliases(name).filter((a) => a !== name) })),
  };
}

/** Attaches to each key task the dated milestones the documents set for it. */
export function withDocMilestones(tasks: KeyTask[], voted: KnowledgeBase['voted']): KeyTask[] {
  return tasks.map((t) => {
    const ms = findDeadlines(t.target, KB_YEAR).map((d) => ({ date: d.date, label: d.label, text: d.clause, from: '任务原文' }));
    for (const v of voted.filter((x) => x.keyTask === t.no))
      for (const tr of v.tracks)
        for (const m of tr.milestones)
          ms.push({ date: m.date, label: m.label, text: m.text, from: `票决第${v.no}项${tr.name ? `（${tr.name}）` : ''}` });
    ms.sort((a, b) => a.date.localeCompare(b.date) || a.from.localeCompare(b.from));
    return ms.length ? { ...t, milestones: ms } : t;
  });
}

export function buildKnowledge(): KnowledgeBase {
  const corrections = JSON.parse(readFileSync(join(HERE, 'corrections.json'), 'utf8')) as Corrections;
  const gazette = readSource('gazette');
  const keyTasks = applyCorrections(parseKeyTasks(readSource('key-tasks')), corrections);
  const { projects: livelihood, indicators } = parseLivelihood(readSource('livelihood'));
  const voted = parseVoted(gazette).map((v) => {
    const link = corrections.votedKeyTask.find((l) => l.voted === v.no);
    return link ? { ...v, keyTask: link.task } : v;
  });
  const measures = parseMeasures(gazette);
  const passages = (Object.keys(DOCS) as DocId[]).flatMap((d) => splitPassages(d, readSource(d)));
  const curated = JSON.parse(readFileSync(join(HERE, 'contradictions.json'), 'utf8')) as CuratedContradictions;
  const reviewed = resolveCurated(curated, { keyTasks, livelihood, indicators, voted });
  // A reviewed entry that covers every key of a detected one replaces it (it has more sources).
  const covered = (c: Contradiction) => reviewed.some((r) => c.keys.every((k) => r.keys.includes(k)));
  const contradictions = [
    ...findLivelihoodContradictions(livelihood, indicators).filter((c) => !covered(c)),
    ...reviewed,
    ...diffKeyTaskCopies(keyTasks, gazette),
  ];
  const base = { keyTasks: withDocMilestones(keyTasks, voted), livelihood, indicators, voted, measures };
  return { ...base, passages, contradictions, directory: buildDirectory(base) };
}

export function serialise(kb: KnowledgeBase): Record<string, string> {
  return Object.fromEntries(
    Object.entries(DATA_FILES).map(([k, f]) => [f, JSON.stringify(kb[k as keyof KnowledgeBase], null, 1) + '\n']),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = serialise(buildKnowledge());
  mkdirSync(DATA_DIR, { recursive: true });
  for (const [f, body] of Object.entries(files)) writeFileSync(join(DATA_DIR, f), body);
  console.log(`已写入 ${Object.keys(files).length} 个文件到 knowledge/data/`);
}
