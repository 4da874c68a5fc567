// The leaders' dashboard on the bot's HTTP server (same port as the webhooks): server-rendered
// HTML, no script, no external resource. Nothing is served without a valid signed link, a
// signed session cookie, or the admin token (see auth.ts); a refused request gets a Chinese
// 403 page and no data.
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { HttpRequest, HttpResponse, HttpServer } from '../http/server.ts';
import { log } from '../log.ts';
import type { WorkCalendar } from '../remind/calendar.ts';
import type { RemindConfig } from '../remind/config.ts';
import { exportWorkbook } from '../ledger/export.ts';
import { chinaDate } from '../remind/dates.ts';
import type { Db } from '../store/db.ts';
import type { IncomingMessage, OutgoingReply } from '../types.ts';
import { ADMIN_SESSION_SECONDS, BULLETIN_PATH, EXPORT_PATH, makeDashboardLink, MIN_SECRET_CHARS, readCookie, SCOPES, setCookieHeader, tokenMatches, verify, type Scope, type Verdict } from './auth.ts';
import { weeklyBulletin } from '../bulletin/data.ts';
import { bulletinDocx, DOCX_TYPE } from '../bulletin/docx.ts';
import { errorPage } from './html.ts';
import { EVIDENCE_PATH, serveEvidence } from './evidence.ts';
import { calendarPage } from './calendar.ts';
import { groupPage, laggingPage, overviewPage, taskListPage, taskPage, type PageCtx, type Rendered } from './pages.ts';
import { formatUserRef } from '../refs.ts';

export { BULLETIN_PATH, EXPORT_PATH, makeDashboardLink } from './auth.ts';

export interface DashboardDeps {
  db: Db;
  kb: KnowledgeBase | (() => KnowledgeBase);
  calendar: WorkCalendar;
  remindConfig: RemindConfig;
  now: () => Date;
  /** DASHBOARD_SECRET: HMAC key of links and cookies (at least 16 characters) */
  secret: string;
  /** DASHBOARD_ADMIN_TOKEN: `?token=` opens a 12-hour admin session */
  adminToken?: string;
  /** add Secure to the cookie (set when the public base URL is https) */
  secureCookie?: boolean;
  /** how long a calendar request waits for a fresh calendar (default CALENDAR_WAIT_MS) */
  calendarWaitMs?: number;
  /** DATA_DIR, where the 佐证材料 files are (without it they are not served) */
  dataDir?: string;
}

const PAGES: Record<string, (ctx: PageCtx) => Rendered | Promise<Rendered>> = {
  '/dashboard': overviewPage,
  '/dashboard/units': (c) => groupPage(c, 'unit'),
  '/dashboard/leaders': (c) => groupPage(c, 'leader'),
  '/dashboard/towns': (c) => groupPage(c, 'town'),
  '/dashboard/tasks': taskListPage,
  '/dashboard/task': taskPage,
  '/dashboard/lagging': laggingPage,
  // planned off the event loop (calendar.ts)
  '/dashboard/calendar': (c) => calendarPage(c, c.calendarWaitMs),
};

export const DASHBOARD_PATHS = Object.keys(PAGES);

const SECURITY_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // img-src 'self': the item page's 佐证材料 thumbnails (EVIDENCE_PATH, same session)
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

type Refusal = Exclude<Verdict, { ok: true }>['reason'] | 'pageNotExport' | 'exportNotPage' | 'notBulletin';

const REFUSAL: Record<Refusal, [string, string]> = {
  expired: ['链接已过期', '看板链接有时效。请在与督办助手的私聊中发送 /看板 获取新链接。'],
  forged: ['链接无效', '这个链接不完整或被改动过，无法打开看板。请在与督办助手的私聊中发送 /看板 获取新链接。'],
  missing: ['需要授权', '看板只对牵头领导和督查室开放。请在与督办助手的私聊中发送 /看板 获取个人链接。'],
  pageNotExport: ['需要下载链接', '看板链接不能下载台账。请在与督办助手的私聊中发送 /导出，获取30分钟内有效的下载链接。'],
  exportNotPage: ['这是台账下载链接', '下载链接只能下载台账，不能打开看板。请在与督办助手的私聊中发送 /看板 获取看板链接。'],
  notBulletin: ['需要专报下载链接', '这个链接不能下载督查专报。督查室请在与督办助手的私聊中发送 /专报，获取30分钟内有效的下载链接。'],
};

function refuse(reason: Refusal): HttpResponse {
  const [title, msg] = REFUSAL[reason];
  return { status: 403, headers: SECURITY_HEADERS, body: errorPage(title, msg) };
}

const WRONG_SCOPE: Record<Scope, Refusal> = { export: 'pageNotExport', page: 'exportNotPage', bulletin: 'notBulletin' };
const SCOPE_OF_PATH = new Map<string, Scope>([[EXPORT_PATH, 'export'], [BULLETIN_PATH, 'bulletin']]);

/** The path with the credentials taken out of the query, for the redirect after login. */
function cleanUrl(req: HttpRequest): string {
  const q = new URLSearchParams(req.query);
  for (const k of ['u', 'exp', 'scope', 'sig', 'token']) q.delete(k);
  const s = q.toString();
  return s ? `${req.path}?${s}` : req.path;
}

async function download(deps: DashboardDeps, now: Date): Promise<HttpResponse> {
  const kb = typeof deps.kb === 'function' ? deps.kb() : deps.kb;
  const today = chinaDate(now);
  const body = await exportWorkbook({ db: deps.db, kb, today });
  const name = `督办台账-${today}.xlsx`;
  return {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="duban-ledger-${today}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

/** The week's 督查专报 as it stands now (/专报). */
async function downloadBulletin(deps: DashboardDeps, now: Date): Promise<HttpResponse> {
  const kb = typeof deps.kb === 'function' ? deps.kb() : deps.kb;
  const to = chinaDate(now);
  const body = await bulletinDocx(weeklyBulletin({ db: deps.db, kb, to, now }));
  const name = `督查专报-${to}.docx`;
  return {
    status: 200,
    headers: {
      'content-type': DOCX_TYPE,
      'content-disposition': `attachment; filename="duban-bulletin-${to}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

export function dashboardHandler(deps: DashboardDeps): (req: HttpRequest) => HttpResponse | Promise<HttpResponse> {
  if (!deps.secret || deps.secret.length < MIN_SECRET_CHARS) throw new Error(`看板需要 DASHBOARD_SECRET（至少${MIN_SECRET_CHARS}个字符）`);
  return (req) => {
    const now = deps.now();
    const q = req.query;
    // The route decides the scope a credential needs: the workbook, or the pages.
    const scope: Scope = SCOPE_OF_PATH.get(req.path) ?? 'page';
    const secure = deps.secureCookie ?? false;
    // 1. a signed link or the admin token: set the session cookie, redirect to the clean URL
    if (q.has('sig') || q.has('u') || q.has('exp') || q.has('scope')) {
      const v = verify(deps.secret, q.get('u'), q.get('exp'), q.get('sig'), now, q.get('scope'));
      if (!v.ok) {
        log.info('dashboard link refused', { reason: v.reason, path: req.path });
        return refuse(v.reason === 'missing' ? 'forged' : v.reason);
      }
      if (v.scope !== scope) {
        log.info('dashboard link refused', { reason: 'scope', scope: v.scope, path: req.path });
        return refuse(WRONG_SCOPE[scope]);
      }
      return { status: 303, headers: { ...SECURITY_HEADERS, location: cleanUrl(req), 'set-cookie': setCookieHeader(deps.secret, v.user, v.exp, now, secure, scope) }, body: '' };
    }
    if (q.has('token')) {
      if (!tokenMatches(q.get('token'), deps.adminToken)) {
        log.warn('dashboard admin token refused', { path: req.path });
        return refuse('forged');
      }
      // the admin token is the master credential: it opens either scope, each with its own lifetime
      const exp = Math.floor(now.getTime() / 1000) + (scope === 'page' ? ADMIN_SESSION_SECONDS : EXPORT_LINK_TTL_SECONDS);
      return { status: 303, headers: { ...SECURITY_HEADERS, location: cleanUrl(req), 'set-cookie': setCookieHeader(deps.secret, 'admin', exp, now, secure, scope) }, body: '' };
    }
    // 2. the session cookie of this route's scope
    const cookie = typeof req.headers.cookie === 'string' ? req.headers.cookie : undefined;
    const session = readCookie(cookie, deps.secret, now, scope);
    if (!session.ok) {
      // say which link is needed when the visitor holds a valid session of the other scope
      if (session.reason === 'missing' && SCOPES.some((s) => s !== scope && readCookie(cookie, deps.secret, now, s).ok)) return refuse(WRONG_SCOPE[scope]);
      return refuse(session.reason);
    }
    if (scope === 'export') return download(deps, now);
    if (scope === 'bulletin') return downloadBulletin(deps, now);
    if (req.path === EVIDENCE_PATH)
      return serveEvidence(deps.db, deps.dataDir, q.get('f'), () => ({ status: 404, headers: SECURITY_HEADERS, body: errorPage('文件不存在', '这份佐证材料不存在或所在的进展已撤回。') }));
    const render = PAGES[req.path];
    if (!render) return { status: 404, headers: SECURITY_HEADERS, body: errorPage('页面不存在', '请从看板首页进入。') };
    const kb = typeof deps.kb === 'function' ? deps.kb() : deps.kb;
    const ctx: PageCtx = { db: deps.db, kb, calendar: deps.calendar, remindConfig: deps.remindConfig, now, today: chinaDate(now), query: q, calendarWaitMs: deps.calendarWaitMs };
    const r = render(ctx);
    const respond = (x: Rendered): HttpResponse => ({ status: x.status, headers: SECURITY_HEADERS, body: x.html });
    return r instanceof Promise ? r.then(respond) : respond(r);
  };
}

/** Registers GET routes for every dashboard page on the shared HTTP server. */
export function registerDashboard(http: Pick<HttpServer, 'route'>, deps: DashboardDeps): void {
  const handler = dashboardHandler(deps);
  for (const p of [...DASHBOARD_PATHS, EXPORT_PATH, BULLETIN_PATH, EVIDENCE_PATH]) http.route('GET', p, handler);
}

// ---- /看板 ----------------------------------------------------------------------------------

export interface DashboardCommandDeps {
  isLeaderOrAdmin: (msg: IncomingMessage) => boolean;
  /** public base URL of the bot's HTTP server, e.g. https://duban.example.gov.cn */
  baseUrl: string;
  secret: string;
  now: () => Date;
  /** link lifetime, default 24 hours */
  ttlSeconds?: number;
}

export const DASHBOARD_LINK_TTL_SECONDS = 24 * 3600;

export function isDashboardCommand(text: string): boolean {
  return /^[/／]\s*看板\s*$/.test(text.trim());
}

export function handleDashboardCommand(msg: IncomingMessage, deps: DashboardCommandDeps): OutgoingReply {
  if (!msg.isDirect) return { text: '看板链接是个人的，不在群里发。请私聊我发送 /看板 获取。' };
  if (!deps.isLeaderOrAdmin(msg)) return { text: '看板只对牵头领导和督查室开放。如需开通，请联系督查室。' };
  if (!deps.baseUrl || !deps.secret) return { text: '看板没有启用（未配置 DASHBOARD_SECRET 或对外地址）。请联系督查室。' };
  const ttl = deps.ttlSeconds ?? DASHBOARD_LINK_TTL_SECONDS;
  const link = makeDashboardLink(deps.baseUrl, formatUserRef(msg), ttl, deps.secret, deps.now());
  const hours = Math.round(ttl / 3600);
  return { text: `督办看板（${hours >= 1 ? `${hours}小时` : `${Math.round(ttl / 60)}分钟`}内有效，仅供本人使用，请勿转发）：\n${link}` };
}

export function isExportCommand(text: string): boolean {
  return /^[/／]\s*导出\s*$/.test(text.trim());
}

/** /导出: the chat platforms here cannot send a file from a command reply, so the reply is a
 * short-lived personal link that downloads the workbook (same access rule as /看板). */
export function handleExportCommand(msg: IncomingMessage, deps: DashboardCommandDeps): OutgoingReply {
  if (!msg.isDirect) return { text: '台账下载链接是个人的，不在群里发。请私聊我发送 /导出 获取。' };
  if (!deps.isLeaderOrAdmin(msg)) return { text: '导出台账只对牵头领导和督查室开放。如需台账，请联系督查室。' };
  if (!deps.baseUrl || !deps.secret) return { text: '台账导出没有启用（未配置 DASHBOARD_SECRET 或对外地址）。请联系督查室。' };
  const ttl = Math.min(deps.ttlSeconds ?? EXPORT_LINK_TTL_SECONDS, EXPORT_LINK_TTL_SECONDS);
  const link = makeDashboardLink(deps.baseUrl, formatUserRef(msg), ttl, deps.secret, deps.now(), 'export');
  return { text: `台账（Excel，含最新进展）下载链接，${Math.round(ttl / 60)}分钟内有效，仅供本人使用：\n${link}` };
}

export const EXPORT_LINK_TTL_SECONDS = 30 * 60;

export function isBulletinCommand(text: string): boolean {
  return /^[/／]\s*专报\s*$/.test(text.trim());
}

/** /专报: the 督查室's short-lived personal link to the week's 督查专报 (.docx), built when opened. */
export function handleBulletinCommand(msg: IncomingMessage, deps: DashboardCommandDeps): OutgoingReply {
  if (!msg.isDirect) return { text: '专报下载链接是个人的，不在群里发。请私聊我发送 /专报 获取。' };
  if (!deps.baseUrl || !deps.secret) return { text: '督查专报下载没有启用（未配置 DASHBOARD_SECRET 或对外地址）。请联系管理员。' };
  const ttl = Math.min(deps.ttlSeconds ?? EXPORT_LINK_TTL_SECONDS, EXPORT_LINK_TTL_SECONDS);
  const link = makeDashboardLink(deps.baseUrl, formatUserRef(msg), ttl, deps.secret, deps.now(), 'bulletin');
  return { text: `本周督查专报（Word，截至打开时的最新进展，可编辑后打印）下载链接，${Math.round(ttl / 60)}分钟内有效，仅供本人使用：\n${link}` };
}
