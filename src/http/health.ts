// GET /healthz for Docker's HEALTHCHECK, systemd watchdogs and the office's monitoring: the
// process answers, the database takes a write, each platform's connection state, the last
// reminder run. 200 when the bot can do its work, 503 when it cannot (database not writable).
import type { Db } from '../store/db.ts';
import type { PlatformAdapter } from '../platforms/types.ts';
import type { HttpServer } from './server.ts';

export interface HealthDeps {
  db: Db;
  adapters: () => readonly PlatformAdapter[];
  now: () => Date;
  startedAt: Date;
  provisionalYears: () => number[];
}

export const LAST_RUN_KEY = 'last_remind_run';

/** Called by the daily job after each run. */
export function recordReminderRun(db: Db, at: Date, summary: Record<string, unknown>): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    LAST_RUN_KEY,
    JSON.stringify({ at: at.toISOString(), ...summary }),
  );
}

function dbWritable(db: Db): string {
  try {
    // A write lock taken and released: proves the file is writable without changing it.
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

export function healthReport(deps: HealthDeps): { status: number; body: Record<string, unknown> } {
  const database = dbWritable(deps.db);
  const last = (deps.db.prepare('SELECT value FROM meta WHERE key = ?').get(LAST_RUN_KEY) as { value: string } | undefined)?.value;
  const platforms = Object.fromEntries(deps.adapters().map((a) => [a.platform, a.status?.() ?? 'running']));
  const ok = database === 'ok';
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      uptimeSeconds: Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000),
      database,
      platforms,
      lastReminderRun: last ? (JSON.parse(last) as unknown) : null,
      provisionalCalendarYears: deps.provisionalYears(),
    },
  };
}

export function registerHealth(http: HttpServer, deps: HealthDeps): void {
  http.route('GET', '/healthz', () => {
    const r = healthReport(deps);
    return { status: r.status, headers: { 'cache-control': 'no-store' }, body: JSON.stringify(r.body) };
  });
}

/** The platform states a running bot reports on its /healthz (for doctor, which must not log in
 * beside it); undefined when it does not answer within timeoutMs. */
export async function runningPlatformStates(port: number, timeoutMs = 2000, fetchImpl: typeof fetch = fetch): Promise<Record<string, string> | undefined> {
  try {
    const r = await fetchImpl(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await r.json()) as { platforms?: unknown };
    const p = body.platforms;
    if (!p || typeof p !== 'object') return undefined;
    return Object.fromEntries(Object.entries(p).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return undefined;
  }
}
