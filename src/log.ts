// One-line JSON logs on stderr, so stdout stays clean for the CLI's replies. Values under keys
// that look like secrets are never written.
//
// `log` is the default logger every module imports. Its level comes from LOG_LEVEL: from the
// process environment at import (so the CLI's early lines obey it), then from the effective
// config (.env included) when the bot or a CLI command starts (configureLog). Tests capture
// lines with captureLog() instead of spying on stderr.
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /secret|token|key|password|encrypt|webhook/i;

export interface LogLine {
  t: string;
  level: Level;
  msg: string;
  [field: string]: unknown;
}

export type LogSink = (line: LogLine) => void;

export interface Logger {
  debug(m: string, f?: Record<string, unknown>): void;
  info(m: string, f?: Record<string, unknown>): void;
  warn(m: string, f?: Record<string, unknown>): void;
  error(m: string, f?: Record<string, unknown>): void;
}

export const isLevel = (v: unknown): v is Level => typeof v === 'string' && v in ORDER;

const stderrSink: LogSink = (line) => void process.stderr.write(JSON.stringify(line) + '\n');

let threshold: Level = isLevel(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : 'info';
let sink: LogSink = stderrSink;

export function setLogLevel(l: Level): void {
  threshold = l;
}

export function logLevel(): Level {
  return threshold;
}

/** Applies LOG_LEVEL from the effective environment (.env under the process environment). A
 * missing or invalid value leaves the level as it is. */
export function configureLog(env: Record<string, string | undefined>): void {
  if (isLevel(env.LOG_LEVEL)) threshold = env.LOG_LEVEL;
}

/** Sends the default logger's lines to `to` until the returned function is called. */
export function setLogSink(to: LogSink): () => void {
  const before = sink;
  sink = to;
  return () => {
    sink = before;
  };
}

/** Collects the default logger's lines (at the current level) in memory, for tests. */
export function captureLog(): { lines: LogLine[]; restore: () => void } {
  const lines: LogLine[] = [];
  return { lines, restore: setLogSink((l) => lines.push(l)) };
}

function redact(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEY.test(k) && v ? '***' : v;
  return out;
}

/** A logger with its own level and sink (default: the shared ones), for code that takes one
 * injected. */
export function createLogger(opts: { level?: () => Level; sink?: () => LogSink } = {}): Logger {
  const level = opts.level ?? (() => threshold);
  const out = opts.sink ?? (() => sink);
  const write = (l: Level, msg: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[l] < ORDER[level()]) return;
    out()({ t: new Date().toISOString(), level: l, msg, ...redact(fields) });
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const log: Logger = createLogger();
