// Re-running the extraction reproduces the committed, reviewed JSON byte for byte: nobody can
// edit knowledge/data by hand without the parsers or corrections saying so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKnowledge, serialise } from '../../knowledge/ingest.ts';
import { DATA_DIR } from '../../knowledge/load.ts';

describe('npm run ingest', () => {
  const kb = buildKnowledge();
  const files = serialise(kb);

  for (const [file, body] of Object.entries(files)) {
    it(`reproduces knowledge/data/${file}`, () => {
      expect(readFileSync(join(DATA_DIR, file), 'utf8')).toBe(body);
    });
  }

  it('gives every record a source that points at a real line of its document', () => {
    const refs = [
      ...kb.keyTasks.map((t) => t.source),
      ...kb.livelihood.map((p) => p.source),
      ...kb.indicators.map((i) => i.source),
      ...kb.voted.map((v) => v.source),
      ...kb.measures.map((m) => m.source),
      ...kb.contradictions.flatMap((c) => c.values.map((v) => v.source)),
    ];
    for (const r of refs) {
      expect(r.line).toBeGreaterThan(0);
      expect(r.locator.length).toBeGreaterThan(0);
    }
  });

  it('keeps both values of every contradiction, each with its own source', () => {
    expect(kb.contradictions.length).toBeGreaterThanOrEqual(10);
    for (const c of kb.contradictions) {
      expect(c.values.length).toBeGreaterThanOrEqual(2);
      expect(new Set(c.values.map((v) => `${v.source.doc}:${v.source.line}:${v.value}`)).size).toBe(c.values.length);
    }
    const bridges = kb.contradictions.find((c) => c.keys.includes('indicator:43'))!;
    expect(bridges.values.map((v) => v.value).join(' ')).toMatch(/90座[\s\S]*80座/);
  });

  it('lists every contradiction in knowledge/README.md', () => {
    const readme = readFileSync(join(DATA_DIR, '..', 'README.md'), 'utf8');
    for (const c of kb.contradictions) expect(readme, c.id).toContain(c.id);
  });

  it('builds a directory with one canonical name per person, unit and town', () => {
    const people = kb.directory.people.map((p) => p.name);
    expect(people).toContain('杨盛');
    expect(people.some((p) => /\s/.test(p))).toBe(false);
    expect(kb.directory.towns).toHaveLength(15);
    const units = kb.directory.units.map((u) => u.name);
    expect(units).toContain('住建局');
    expect(units).not.toContain('市住建局');
    expect(units).not.toContain('住房和城乡建设局');
  });
});
