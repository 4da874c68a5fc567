// Dashboard access. A leader or admin gets a personal link signed with DASHBOARD_SECRET:
//   <base><path>?u=<platform:userId>&exp=<unix seconds>&scope=<page|export>&sig=<HMAC-SHA256(secret, "duban-dashboard/v2\n" + scope + "\n" + u + "\n" + exp), base64url>
// The scope is signed because the two links have different lifetimes for a reason: the 24-hour
// /看板 link opens the pages, the 30-minute /导出 link downloads the workbook (a file that can be
// forwarded beyond our control), and neither may stand in for the other. The 30-minute /专报
// link (scope bulletin) downloads the week's 督查专报 and nothing else.
// Opening a link sets an HttpOnly cookie carrying the same values (so the signature, not the
// server, remembers the session) and redirects to the clean URL; each scope has its own cookie
// name and path. An admin may instead open <path>?token=<DASHBOARD_ADMIN_TOKEN> once.
// Links and cookies issued before scopes existed ("duban-dashboard\n" + u + "\n" + exp, no
// scope) are still honoured for the pages only — they expire within 24 hours anyway — and never
// for the export.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Scope = 'page' | 'export' | 'bulletin';
export const SCOPES: readonly Scope[] = ['page', 'export', 'bulletin'];

export const COOKIE_NAME = 'duban_dash';
export const EXPORT_COOKIE_NAME = 'duban_export';
export const EXPORT_PATH = '/dashboard/export.xlsx';
export const BULLETIN_COOKIE_NAME = 'duban_bulletin';
export const BULLETIN_PATH = '/dashboard/bulletin.docx';
export const ADMIN_SESSION_SECONDS = 12 * 3600;
export const MIN_SECRET_CHARS = 16;

const COOKIE: Record<Scope, { name: string; path: string }> = {
  page: { name: COOKIE_NAME, path: '/dashboard' },
  export: { name: EXPORT_COOKIE_NAME, path: EXPORT_PATH },
  bulletin: { name: BULLETIN_COOKIE_NAME, path: BULLETIN_PATH },
};

/** Where a link of each scope leads. */
export const SCOPE_PATH: Record<Scope, string> = { page: '/dashboard', export: EXPORT_PATH, bulletin: BULLETIN_PATH };

export type Verdict = { ok: true; user: string; exp: number; scope: Scope } | { ok: false; reason: 'expired' | 'forged' | 'missing' };

/** The signature of a scoped credential; without `scope`, the pre-scope (legacy) form, which
 * the verifier accepts for pages only. The two messages differ in their first line, so one can
 * never be replayed as the other. */
export function signature(secret: string, user: string, exp: number, scope?: Scope): string {
  const msg = scope ? `duban-dashboard/v2\n${scope}\n${user}\n${exp}` : `duban-dashboard\n${user}\n${exp}`;
  return createHmac('sha256', secret).update(msg).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const ms = (now: Date | number) => (typeof now === 'number' ? now : now.getTime());

/** A link valid for ttlSeconds from now. `user` is "platform:userId" (or "admin"). A page link
 * opens /dashboard, an export link downloads the workbook. */
export function makeDashboardLink(baseUrl: string, user: string, ttlSeconds: number, secret: string, now: Date | number, scope: Scope = 'page'): string {
  const exp = Math.floor(ms(now) / 1000) + Math.max(1, Math.floor(ttlSeconds));
  const q = new URLSearchParams({ u: user, exp: String(exp), scope, sig: signature(secret, user, exp, scope) });
  return `${baseUrl.replace(/\/+$/, '')}${SCOPE_PATH[scope]}?${q.toString()}`;
}

/** Checks a (user, exp, scope, sig) tuple; scope null/undefined is a legacy page credential.
 * A bad signature (an edited scope included) is "forged" even when also expired. */
export function verify(
  secret: string,
  user: string | null | undefined,
  expRaw: string | null | undefined,
  sig: string | null | undefined,
  now: Date | number,
  scopeRaw?: string | null,
): Verdict {
  if (!user || !expRaw || !sig) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(expRaw)) return { ok: false, reason: 'forged' };
  if (scopeRaw != null && !(SCOPES as readonly string[]).includes(scopeRaw)) return { ok: false, reason: 'forged' };
  const scope = (scopeRaw ?? undefined) as Scope | undefined;
  const exp = Number(expRaw);
  if (!safeEqual(signature(secret, user, exp, scope), sig)) return { ok: false, reason: 'forged' };
  if (exp * 1000 <= ms(now)) return { ok: false, reason: 'expired' };
  return { ok: true, user, exp, scope: scope ?? 'page' };
}

export function cookieValue(secret: string, user: string, exp: number, scope: Scope = 'page'): string {
  return `${Buffer.from(user).toString('base64url')}.${exp}.${scope}.${signature(secret, user, exp, scope)}`;
}

export function setCookieHeader(secret: string, user: string, exp: number, now: Date | number, secure: boolean, scope: Scope = 'page'): string {
  const maxAge = Math.max(0, exp - Math.floor(ms(now) / 1000));
  const { name, path } = COOKIE[scope];
  return `${name}=${cookieValue(secret, user, exp, scope)}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The session of `scope` from a Cookie header: only that scope's cookie is read, and its
 * signed scope must match, so a page session never downloads and an export session never
 * opens a page. */
export function readCookie(header: string | undefined, secret: string, now: Date | number, scope: Scope = 'page'): Verdict {
  if (!header) return { ok: false, reason: 'missing' };
  const { name } = COOKIE[scope];
  const raw = header
    .split(';')
    .map((s) => s.trim())
    .find((s) => s.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  if (!raw) return { ok: false, reason: 'missing' };
  const parts = raw.split('.');
  // 4 parts: user.exp.scope.sig; 3 parts: a legacy (pre-scope) cookie, pages only
  if (parts.length !== 4 && !(parts.length === 3 && scope === 'page')) return { ok: false, reason: 'forged' };
  const [u, exp, s, sig] = parts.length === 4 ? parts : [parts[0], parts[1], null, parts[2]];
  const user = Buffer.from(u ?? '', 'base64url').toString('utf8');
  const v = verify(secret, user, exp, sig, now, s);
  if (!v.ok) return v.reason !== 'missing' ? v : { ok: false, reason: 'forged' };
  return v.scope === scope ? v : { ok: false, reason: 'forged' };
}

export function tokenMatches(given: string | null, token: string | undefined): boolean {
  return !!given && !!token && safeEqual(given, token);
}
