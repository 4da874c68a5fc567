// .env.example is what offices edit: every setting the code reads must be in it (a key added to
// a schema or read as env.X without being documented there fails here).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('.env.example', () => {
  it('lists every setting the code reads', () => {
    const read = new Set<string>();
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]{2,})\b|\b([A-Z][A-Z0-9_]{2,}): z\./g)) read.add((m[1] ?? m[2])!);
    }
    read.delete('USER'); // the console's login name, from the shell
    const text = readFileSync('.env.example', 'utf8');
    const example = new Set([...text.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
    // older spellings the WeCom config still accepts: named in a comment, not offered as keys
    for (const alias of ['WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY']) {
      expect(text).toContain(alias);
      expect(example.has(alias)).toBe(false);
      read.delete(alias);
    }
    expect([...read].filter((k) => !example.has(k)).sort()).toEqual([]);
    expect(read.size).toBeGreaterThan(25);
  });
});
