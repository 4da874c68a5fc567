// The bundled source documents. The running bot reads only these copies, never ../shared.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocId, SourceRef } from './types.ts';

/** The year the bundled documents plan for: dates written without a year fall in it. */
export const KB_YEAR = 2026;

export const SOURCES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'sources');

export const DOCS: Record<DocId, { file: string; title: string }> = {
  'key-tasks': { file: '2026-key-tasks.txt', title: '汨政办函〔2026〕1号 2026年市政府重点工作任务' },
  livelihood: { file: '2026-livelihood-projects.txt', title: '汨办函〔2026〕4号 2026年省、岳阳市重点民生实事' },
  gazette: { file: '2026-gazette-issue-1.txt', title: '汨罗市人民政府公报2026年第1期' },
  bulletin: { file: 'kaiju-bahao-bulletin-2.txt', title: '“开局八好”工作专报第2期' },
  'work-report': { file: '2024-government-work-report.txt', title: '2024年政府工作报告' },
};

export function readSource(doc: DocId): string {
  return readFileSync(join(SOURCES_DIR, DOCS[doc].file), 'utf8');
}

export function ref(doc: DocId, locator: string, line: number, title = DOCS[doc].title): SourceRef {
  return { doc, title, locator, line };
}
