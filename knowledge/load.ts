// Loads the reviewed JSON under knowledge/data. The bot reads these, never the parsers, so
// start-up stays fast and every fact in a reply is one a reviewer has seen.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBase } from './types.ts';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

export const DATA_FILES = {
  keyTasks: 'key-tasks.json',
  livelihood: 'livelihood-projects.json',
  indicators: 'livelihood-indicators.json',
  voted: 'voted-projects.json',
  measures: 'kaiju-measures.json',
  passages: 'passages.json',
  contradictions: 'contradictions.json',
  directory: 'directory.json',
} as const satisfies Record<keyof KnowledgeBase, string>;

let cached: KnowledgeBase | undefined;

export function loadKnowledge(dir = DATA_DIR): KnowledgeBase {
  if (dir === DATA_DIR && cached) return cached;
  const kb = Object.fromEntries(
    Object.entries(DATA_FILES).map(([k, f]) => [k, JSON.parse(readFileSync(join(dir, f), 'utf8'))]),
  ) as unknown as KnowledgeBase;
  if (dir === DATA_DIR) cached = kb;
  return kb;
}
