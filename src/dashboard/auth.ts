// Dashboard access. A leader or admin gets a personal link signed with DASHBOARD_SECRET:
//   <base>/dashboard?u=<platform:userId>&exp=<unix seconds>&sig=<HMAC-SHA256(secret, "duban-dashboard\n" + u + "\n" + exp), base64url>
// Opening it sets an HttpOnly cookie carrying the same three values (so the signature, not the
// server, remembers the session) and redirects to the clean URL. An admin may instead open
// /dashboard?token=<DASHBOARD_ADMIN_TOKEN> once; that sets a 12-hour cookie for "admin".
import { createHmac, timingSafeEqual } from 'node:crypto';

export const COOKIE_NAME = 'duban_dash';
export const ADMIN_SESSION_SECONDS = 12 * 3600;
export const MIN_SECRET_CHARS = 16;

export type Verdict = { ok: true; user: string; exp: number } | { ok: false; reason: 'expired' | 'forged' | 'missing' };

export function signature(secret: string, user: string, exp: number): string {
  return createHmac('sha256', secret).update(`duban-dashboard\n${user}\n${exp}`).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const ms = (now: Date | number) => (typeof now === 'number' ? now : now.getTime());

/** A link valid for ttlSeconds from now. `user` is "platform:userId" (or "admin"). */
export function makeDashboardLink(baseUrl: string, user: string, ttlSeconds: number, secret: string, now: Date | number): string {
  const exp = Math.floor(ms(now) / 1000) + Math.max(1, Math.floor(ttlSeconds));
  const q = new URLSearchParams({ u: user, exp: String(exp), sig: signature(secret, user, exp) });
  return `${baseUrl.replace(/\/+$/, '')}/dashboard?${q.toString()}`;
}

/** Checks a (user, exp, sig) triple. A bad signature is "forged" even when also expired. */
export function verify(secret: string, user: string | null | undefined, expRaw: string | null | undefined, sig: string | null | undefined, now: Date | number): Verdict {
  if (!user || !expRaw || !sig) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(expRaw)) return { ok: false, reason: 'forged' };
  const exp = Number(expRaw);
  if (!safeEqual(signature(secret, user, exp), sig)) return { ok: false, reason: 'forged' };
  if (exp * 1000 <= ms(now)) return { ok: false, reason: 'expired' };
  return { ok: true, user, exp };
}

export function cookieValue(secret: string, user: string, exp: number): string {
  return `${Buffer.from(user).toString('base64url')}.${exp}.${signature(secret, user, exp)}`;
}

export function setCookieHeader(secret: string, user: string, exp: number, now: Date | number, secure: boolean): string {
  const maxAge = Math.max(0, exp - Math.floor(ms(now) / 1000));
  return `${COOKIE_NAME}=${cookieValue(secret, user, exp)}; Path=/dashboard; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, secret: string, now: Date | number): Verdict {
  if (!header) return { ok: false, reason: 'missing' };
  const raw = header
    .split(';')
    .map((s) => s.trim())
    .find((s) => s.startsWith(`${COOKIE_NAME}=`))
    ?.slice(COOKIE_NAME.length + 1);
  if (!raw) return { ok: false, reason: 'missing' };
  const [u, exp, sig] = raw.split('.');
  let user: string;
  try {
    user = Buffer.from(u ?? '', 'base64url').toString('utf8');
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const v = verify(secret, user, exp, sig, now);
  return v.ok || v.reason !== 'missing' ? v : { ok: false, reason: 'forged' };
}

export function tokenMatches(given: string | null, token: string | undefined): boolean {
  return !!given && !!token && safeEqual(given, token);
}
