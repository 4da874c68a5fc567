// The service files, linted (no Docker engine on the CI machine to build the image): what the
// operator guide promises about them, and that the image holds every file the bot imports.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), m[1]!);
      if (existsSync(target)) walk(target);
    }
  };
  walk(join(ROOT, entry));
  return seen;
}

describe('Dockerfile', () => {
  const df = read('Dockerfile');
  it('is multi-stage on Node 20, runs as a non-root user with a data volume and a health check', () => {
    expect(df.match(/^FROM node:20\S*/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(df).toMatch(/^USER (?!root)\w+/m);
    expect(df).toMatch(/^VOLUME \["\/var\/lib\/duban"\]/m);
    expect(df).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(df).toMatch(/npm ci --omit=dev/);
    // node itself as PID 1's child, so SIGTERM reaches the bot's shutdown.
    expect(df).toMatch(/^CMD \["node"/m);
  });

  it('copies every file the bot and the CLI import', () => {
    const copied = [...df.matchAll(/^COPY (?!--from)(\S+) /gm)].map((m) => m[1]!.replace(/\/$/, ''));
    for (const entry of ['src/main.ts', 'src/cli.ts'])
      for (const f of importGraph(entry)) {
        const rel = relative(ROOT, f);
        expect(copied.some((c) => rel === c || rel.startsWith(`${c}/`)), `${rel} is not copied into the image`).toBe(true);
      }
  });
});

describe('systemd unit and compose file', () => {
  it('restarts always, runs as its own user with private data under /var/lib', () => {
    const unit = read('deploy/duban.service');
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^User=duban$/m);
    expect(unit).toMatch(/^Environment=DATA_DIR=\/var\/lib\/duban$/m);
    expect(unit).toMatch(/^UMask=0077$/m);
    const compose = read('compose.yaml');
    expect(compose).toMatch(/restart: always/);
    expect(compose).toMatch(/duban-data:\/var\/lib\/duban/);
  });
});
