// Rewrites the command table of docs/reporting.md from the specs: npx tsx src/commands/docs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { defaultRegistry } from './all.ts';
import { renderCommandTable } from './registry.ts';

export const DOC_FILE = 'docs/reporting.md';
const BLOCK = /(<!-- commands:start -->\n)([\s\S]*?)(\n<!-- commands:end -->)/;

/** The table as it stands in the docs, or undefined when the markers are missing. */
export function documentedTable(doc: string): string | undefined {
  return doc.match(BLOCK)?.[2];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = readFileSync(DOC_FILE, 'utf8');
  writeFileSync(DOC_FILE, doc.replace(BLOCK, (_m, a: string, _t, b: string) => a + renderCommandTable(defaultRegistry()) + b));
}
