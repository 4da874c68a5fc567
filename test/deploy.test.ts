// The service files, linted (no Docker engine on the CI machine to build the image, and no
// compose plugin to validate the compose file): the Dockerfile parsed into stages and
// instructions, the compose file into a map, and what the operator guide promises checked on
// the structure — stages, base image, build deps, non-root user, volume, health check (run for
// real against a local /healthz), production-only install of every package the bot imports.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** Files reachable from `entry` by relative imports, and the bare packages they import. */
function importGraph(entry: string, packages = new Set<string>()): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), m[1]!);
      if (existsSync(target)) walk(target);
    }
    // Static imports (not `import type`), re-exports, side-effect and dynamic imports of packages.
    const bare = /^\s*(?:import|export)\s+(?!type\b)(?:[\w*{}\s,$]+?\s+from\s+)?'((?:@[\w.-]+\/)?[\w.-]+)(?:\/[^']*)?'|\bimport\(\s*'((?:@[\w.-]+\/)?[\w.-]+)(?:\/[^']*)?'\s*\)/gm;
    for (const m of text.matchAll(bare)) {
      const name = m[1] ?? m[2]!;
      if (!name.startsWith('node:') && !name.startsWith('.')) packages.add(name);
    }
  };
  walk(join(ROOT, entry));
  return seen;
}

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  steps: Instruction[];
}

/** Dockerfile → stages of instructions (comments dropped, `\` continuations joined). */
function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op, args] = /^(\w+)\s+([\s\S]*)$/.exec(line)!;
    if (op!.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args!)!;
      stages.push({ from: from!, ...(name ? { name } : {}), steps: [] });
    } else stages.at(-1)!.steps.push({ op: op!.toUpperCase(), args: args!.replace(/\s+/g, ' ') });
  }
  return stages;
}

type Yaml = string | Yaml[] | { [k: string]: Yaml };
/** The block-style YAML subset compose.yaml is written in (maps, "- " lists, plain or quoted
 * scalars, comments); anything else throws, so the file cannot drift into what this reads wrong. */
function parseYaml(text: string): Yaml {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').replace(/^#.*$/, ''))
    .filter((l) => l.trim())
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  let i = 0;
  const scalar = (v: string) => v.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  const block = (indent: number): Yaml => {
    if (lines[i]!.text.startsWith('- ')) {
      const list: Yaml[] = [];
      while (i < lines.length && lines[i]!.indent === indent && lines[i]!.text.startsWith('- ')) list.push(scalar(lines[i++]!.text.slice(2).trim()));
      return list;
    }
    const map: { [k: string]: Yaml } = {};
    while (i < lines.length && lines[i]!.indent === indent) {
      const m = /^([\w.-]+):(?:\s+(.*))?$/.exec(lines[i]!.text);
      if (!m) throw new Error(`compose.yaml: cannot read line ${JSON.stringify(lines[i]!.text)}`);
      i++;
      if (m[2] !== undefined) map[m[1]!] = scalar(m[2]);
      else map[m[1]!] = i < lines.length && lines[i]!.indent > indent ? block(lines[i]!.indent) : '';
    }
    if (i < lines.length && lines[i]!.indent > indent) throw new Error(`compose.yaml: unexpected indent at ${JSON.stringify(lines[i]!.text)}`);
    return map;
  };
  return block(0);
}


describe('Dockerfile', () => {
  const df = read('Dockerfile');
  const stages = parseDockerfile(df);
  const build = stages[0]!;
  const final = stages.at(-1)!;
  const runs = (s: Stage) => s.steps.filter((x) => x.op === 'RUN').map((x) => x.args);
  const env = Object.fromEntries(
    final.steps.filter((x) => x.op === 'ENV').flatMap((x) => [...x.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
  );

  it('is multi-stage, every stage on Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) expect(s.from).toMatch(/^node:20(?:[.-]|$)/);
    expect(build.name).toBeTruthy();
    expect(final.steps.some((x) => x.op === 'COPY' && x.args.startsWith(`--from=${build.name} `))).toBe(true);
  });

  it('builds better-sqlite3 in the build stage (python3, make, g++ before npm ci --omit=dev); the runtime stage has no compilers', () => {
    const steps = runs(build);
    const deps = steps.findIndex((r) => /apt-get install\b/.test(r) && ['python3', 'make', 'g\\+\\+'].every((p) => new RegExp(`(?:^|\\s)${p}(?:\\s|$)`).test(r)));
    const ci = steps.findIndex((r) => /\bnpm ci\b/.test(r));
    expect(deps).toBeGreaterThanOrEqual(0);
    expect(ci).toBeGreaterThan(deps);
    expect(steps[ci]).toMatch(/--omit=dev/);
    expect(steps[deps]).toMatch(/rm -rf \/var\/lib\/apt\/lists/); // no apt cache in the layer
    // The lock file is copied before the install (reproducible, cached), the sources after.
    const copies = build.steps.filter((x) => x.op === 'COPY' || x.op === 'RUN').map((x) => x.args);
    const lock = copies.findIndex((a) => /package-lock\.json/.test(a));
    expect(lock).toBeGreaterThanOrEqual(0);
    expect(lock).toBeLessThan(copies.findIndex((a) => /\bnpm ci\b/.test(a)));
    for (const r of runs(final)) expect(r).not.toMatch(/\b(?:g\+\+|make|python3|build-essential)\b/);
  });

  it('runs as a non-root user created in the image, after the last root step', () => {
    const userAt = final.steps.findIndex((x) => x.op === 'USER');
    expect(userAt).toBeGreaterThanOrEqual(0);
    const user = final.steps[userAt]!.args.split(':')[0]!;
    expect(user).not.toMatch(/^(?:root|0)$/);
    expect(runs(final).some((r) => new RegExp(`useradd\\b.*\\b${user}$|useradd\\b.*\\b${user}\\s`).test(r))).toBe(true);
    expect(final.steps.slice(userAt + 1).some((x) => x.op === 'RUN' || x.op === 'USER')).toBe(false);
  });

  it('keeps the data in a volume at DATA_DIR, owned by that user and private', () => {
    const user = final.steps.find((x) => x.op === 'USER')!.args;
    const volume = JSON.parse(final.steps.find((x) => x.op === 'VOLUME')!.args) as string[];
    expect(volume).toEqual([env.DATA_DIR]);
    expect(env.DATA_DIR).toMatch(/^\/var\/lib\//);
    expect(runs(final).some((r) => r.includes(`chown ${user}:${user} ${env.DATA_DIR}`) && r.includes(`chmod 700 ${env.DATA_DIR}`))).toBe(true);
    expect(final.steps.find((x) => x.op === 'EXPOSE')!.args).toBe(env.PORT);
  });

  it('HEALTHCHECK calls /healthz on PORT: exit 0 when it answers 200, 1 on 503 or nothing listening', async () => {
    const hc = final.steps.find((x) => x.op === 'HEALTHCHECK')!.args;
    const cmd = /\bCMD (.*)$/.exec(hc)![1]!;
    let status = 200;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(status).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = String((server.address() as AddressInfo).port);
    const probe = (p: string) =>
      new Promise<number>((done) => {
        // spawn asynchronously: the server above answers on this event loop
        const child = spawn('sh', ['-c', cmd], { env: { ...process.env, PORT: p }, stdio: 'ignore' });
        child.on('exit', (code) => done(code ?? -1));
      });
    try {
      expect(await probe(port)).toBe(0);
      status = 503;
      expect(await probe(port)).toBe(1);
      expect(paths).toEqual(['/healthz', '/healthz']);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(await probe(port)).toBe(1);
    expect(hc).toMatch(/--timeout=\d+s/);
  });

  it('installs every package the bot and the CLI import, and the CMD loader, as production dependencies', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const packages = new Set<string>();
    for (const entry of ['src/main.ts', 'src/cli.ts']) importGraph(entry, packages);
    expect(packages.size).toBeGreaterThan(5);
    for (const p of packages) expect(pkg.dependencies, `${p} is imported at runtime but not in dependencies (npm ci --omit=dev drops it)`).toHaveProperty([p]);
    const cmd = JSON.parse(final.steps.find((x) => x.op === 'CMD')!.args) as string[];
    expect(cmd[0]).toBe('node'); // node itself, so SIGTERM reaches the bot's shutdown
    const loader = cmd[cmd.indexOf('--import') + 1]!;
    expect(pkg.dependencies).toHaveProperty([loader]);
    expect(existsSync(join(ROOT, cmd.at(-1)!))).toBe(true);
  });

  it('copies every file the bot and the CLI import, and never the secrets or the data', () => {
    const copied = build.steps.filter((x) => x.op === 'COPY' && !x.args.startsWith('--from')).map((x) => x.args.split(' ')[0]!.replace(/\/$/, ''));
    for (const entry of ['src/main.ts', 'src/cli.ts'])
      for (const f of importGraph(entry)) {
        const rel = relative(ROOT, f);
        expect(copied.some((c) => rel === c || rel.startsWith(`${c}/`)), `${rel} is not copied into the image`).toBe(true);
      }
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const p of ['.env', 'data', 'node_modules']) expect(ignored).toContain(p);
  });
});

describe('systemd unit and compose file', () => {
  it('systemd: restarts always, runs as its own user with private data under /var/lib', () => {
    const unit = read('deploy/duban.service');
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^User=duban$/m);
    expect(unit).toMatch(/^Environment=DATA_DIR=\/var\/lib\/duban$/m);
    expect(unit).toMatch(/^UMask=0077$/m);
  });

  it('compose: builds this Dockerfile, restarts always, mounts a named volume at the image DATA_DIR, publishes its PORT', () => {
    const final = parseDockerfile(read('Dockerfile')).at(-1)!;
    const env = Object.fromEntries(final.steps.filter((x) => x.op === 'ENV').flatMap((x) => [...x.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])));
    const compose = parseYaml(read('compose.yaml')) as Record<string, any>;
    const services = Object.values(compose.services as Record<string, any>);
    expect(services).toHaveLength(1);
    const svc = services[0]!;
    expect(svc.build).toBe('.');
    expect(svc.restart).toBe('always');
    expect(svc.env_file).toBe('.env');
    expect(svc.environment?.DATA_DIR ?? env.DATA_DIR).toBe(env.DATA_DIR);
    const mounts = (svc.volumes as string[]).map((v) => v.split(':'));
    const data = mounts.find(([, target]) => target === env.DATA_DIR);
    expect(data, 'no volume at DATA_DIR').toBeTruthy();
    expect(Object.keys(compose.volumes as Record<string, unknown>)).toContain(data![0]); // named, declared: survives rebuilds
    expect((svc.ports as string[]).some((p) => p.split(':').at(-1) === env.PORT)).toBe(true);
    // Long enough for the bot's shutdown (checkpoint, close) before SIGKILL.
    expect(Number(/^(\d+)s$/.exec(svc.stop_grace_period)?.[1])).toBeGreaterThanOrEqual(10);
  });
});
