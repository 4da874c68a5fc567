// Phrases a leader would remember a task by: runs of an item's own target text that no other item
// holds, chosen with a seeded generator so a run of the test is reproducible. Nothing here lists a
// phrase; every phrase is computed from the bundled records.
import type { KnowledgeBase, Passage } from '../../knowledge/types.ts';

export interface PhraseItem {
  label: string; // 重点工作第28项 / 民生实事第3项「…」 / 开局八好「…」
  text: string;
  leaders: string[];
  leadUnits: string[];
  /** the item's own document part: a phrase a passage elsewhere also holds is not distinctive */
  own: (p: Passage) => boolean;
}

/** Every key task, every 民生实事 sub-item and every 开局八好 measure that names a lead unit. */
export function phraseItems(kb: KnowledgeBase): PhraseItem[] {
  return [
    ...kb.keyTasks.map((t) => ({ label: `重点工作第${t.no}项`, text: t.target, leaders: t.leaders, leadUnits: t.leadUnits, own: (p: Passage) => p.doc === 'key-tasks' })),
    ...kb.livelihood.flatMap((p) => p.items.map((i) => ({ label: `民生实事第${p.no}项「${i.text}」`, text: i.text, leaders: i.leaders, leadUnits: i.leadUnits, own: (p: Passage) => p.doc === 'livelihood' }))),
    ...kb.measures.filter((m) => m.leadUnits.length).map((m) => ({ label: `开局八好「${m.title}」`, text: m.text, leaders: [], leadUnits: m.leadUnits, own: (p: Passage) => p.doc === m.source.doc && p.title.includes(m.plan) })),
  ];
}

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A run that starts or ends on a joining word (的良好氛围, 营销中心和) or cuts a number word off its
 * classifier (完成第二) is no phrase anyone remembers. */
const LOOSE_END = /^[的和与及等对把为是在了或并]|[的和与及等对把为是在了或并]$|第[一二三四五六七八九十\d]+$/;
const HAN_RUN = /[\u4e00-\u9fff]+/g;

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });

/** Runs of whole words (min to 10 characters) of a text that hold no name and no asking word of
 * the lead, and neither start nor end on a joining word: sorted, each once. */
function wordRuns(text: string, min: number, names: string[]): string[] {
  const out = new Set<string>();
  for (const seg of text.match(HAN_RUN) ?? []) {
    const cuts = [0, ...[...WORDS.segment(seg)].map((w) => w.index + w.segment.length)];
    for (const i of cuts)
      for (const j of cuts) {
        if (j - i < min || j - i > 10) continue;
        const run = seg.slice(i, j);
        if (/牵头|负责|配合|分管/.test(run) || LOOSE_END.test(run)) continue;
        if (names.some((n) => n.length >= 2 && run.includes(n))) continue;
        out.add(run);
      }
  }
  return [...out].sort();
}

/** The runs of 5–10 Han characters of `text`, cut at word boundaries (a leader remembers whole
 * words; four characters are mostly one common compound such as 服务工作, no task's own), that occur in no other item and hold no name of a person, unit or town (a leader asking
 * by a task's words does not name its lead) and no asking word of the lead itself. */
export function uniqueRuns(item: PhraseItem, items: PhraseItem[], names: string[], passages: Passage[]): string[] {
  const others = [...items.filter((o) => o !== item && o.text !== item.text).map((o) => o.text), ...passages.filter((p) => !item.own(p)).map((p) => p.text)];
  const own = item.text.replace(/[（(][^）)]*(牵头|负责)[^）)]*[）)]/g, '');
  return wordRuns(own, 5, names).filter((run) => !others.some((o) => o.includes(run)));
}

export const FORMS = [(p: string) => `${p}谁牵头`, (p: string) => `${p} 哪个单位负责`, (p: string) => `${p}是谁管的`, (p: string) => `${p}归谁`];

export const pick = <T>(xs: T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

/** For an item whose words other documents restate (a key task copied into a 开局八好 plan or the
 * work report): runs that hold no name, that no other item with a lead leader holds unless it has
 * the same lead leader and first lead unit, and that some other item or passage does hold. The
 * records answer first, so the reply must still name this lead. */
export function sharedRuns(item: PhraseItem, items: PhraseItem[], names: string[]): string[] {
  if (!item.leaders.length) return [];
  const rivals = items.filter((o) => o !== item && o.leaders.length && (o.leaders[0] !== item.leaders[0] || o.leadUnits[0] !== item.leadUnits[0])).map((o) => o.text);
  return wordRuns(item.text, 6, names).filter((run) => !rivals.some((o) => o.includes(run)));
}
