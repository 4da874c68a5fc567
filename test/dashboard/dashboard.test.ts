// The dashboard in a real headless Chromium (Debian's chromium + playwright-core): pages
// render, the overview's numbers match the store, expired and forged links are refused, and a
// screenshot of the overview is saved to test-artifacts/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleDashboardCommand, handleExportCommand, isDashboardCommand, isExportCommand, makeDashboardLink, registerDashboard } from '../../src/dashboard/index.ts';
import { openDbFile } from '../../src/store/db.ts';
import ExcelJS from 'exceljs';
import { signature } from '../../src/dashboard/auth.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { loadBoard } from '../../src/progress/board.ts';
import { countStates } from '../../src/progress/format.ts';
import { TASK_STATES } from '../../src/progress/state.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import type { IncomingMessage } from '../../src/types.ts';
import { NOW, report, seed, TODAY, type Seeded } from '../ledger/seed.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

const CHROMIUM = '/usr/bin/chromium';
const SECRET = 'test-secret-0123456789abcdef';
const ADMIN_TOKEN = 'admin-token-xyz-987';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`跳过看板浏览器测试：没有找到 ${CHROMIUM}（CI 会安装 Debian 的 chromium）`);

let s: Seeded;
let http: HttpServer;
let base: string;
let now = NOW;

beforeAll(async () => {
  s = seed();
  http = createHttpServer();
  registerDashboard(http, {
    db: s.db,
    kb: () => s.kb,
    calendar: buildCalendar(),
    remindConfig: remindConfig({}),
    now: () => now,
    secret: SECRET,
    adminToken: ADMIN_TOKEN,
  });
  const port = await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await http.close();
  s.close();
});

const link = (user = 'feishu:ou_leader', ttl = 3600) => makeDashboardLink(base, user, ttl, SECRET, now);

describe('dashboard over HTTP (no browser)', () => {
  it('serves no data without a credential, and refuses forged and expired links', async () => {
    const bare = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(bare.status).toBe(403);
    const body = await bare.text();
    expect(body).toContain('需要授权');
    expect(body).not.toContain('第28项');
    const forged = link().replace(/sig=[^&]+/, `sig=${signature('wrong-secret-000000000', 'feishu:ou_leader', 1)}`);
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(403);
    const otherUser = link().replace('ou_leader', 'ou_someone');
    expect((await fetch(otherUser, { redirect: 'manual' })).status).toBe(403);
    const expired = makeDashboardLink(base, 'feishu:ou_leader', 60, SECRET, NOW.getTime() - 3600_000);
    const r = await fetch(expired, { redirect: 'manual' });
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('链接已过期');
    const badCookie = await fetch(`${base}/dashboard`, { headers: { cookie: 'duban_dash=YWRtaW4.9999999999.AAAA' }, redirect: 'manual' });
    expect(badCookie.status).toBe(403);
    expect((await fetch(`${base}/dashboard?token=nope`, { redirect: 'manual' })).status).toBe(403);
  });

  it('turns a valid link into an HttpOnly cookie and a redirect to the clean URL', async () => {
    const r = await fetch(link().replace('/dashboard?', '/dashboard/task?no=28&'), { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/dashboard/task?no=28');
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^duban_dash=.+; Path=\/dashboard; Max-Age=3600; HttpOnly; SameSite=Lax$/);
    const page = await fetch(`${base}/dashboard/task?no=28`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('408套全部完工');
  });
});

describe('dashboard freshness and download', () => {
  const session = async () => (await fetch(link(), { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
  const lagging = async (cookie: string) => {
    const html = await (await fetch(`${base}/dashboard`, { headers: { cookie } })).text();
    return Number(/data-count="滞后">(\d+)</.exec(html)?.[1]);
  };

  it('shows a new report on the next request, whether written here or by another process', async () => {
    const cookie = await session();
    expect(await lagging(cookie)).toBe(5);
    report(s.db, 1, '2026-06-24T02:00:00Z', '征地受阻', 5, '滞后');
    expect(await lagging(cookie)).toBe(6);
    const other = openDbFile(join(s.dir, 'duban.sqlite'));
    other.prepare("UPDATE reports SET revoked_at = '2026-06-25T01:00:00Z', revoked_by = 'x' WHERE task_no = 1").run();
    other.close();
    expect(await lagging(cookie)).toBe(5);
  });

  it('downloads the workbook only with an export link, and /导出 gives one that lasts 30 minutes', async () => {
    const refused = await fetch(`${base}/dashboard/export.xlsx`, { redirect: 'manual' });
    expect(refused.status).toBe(403);
    const msg: IncomingMessage = { platform: 'wecom', messageId: 'm', chatId: 'c', isDirect: true, userId: 'zhang', userName: '张', text: '/导出', receivedAt: NOW };
    const text = handleExportCommand(msg, { isLeaderOrAdmin: () => true, baseUrl: base, secret: SECRET, now: () => now }).text;
    expect(isExportCommand('/导出')).toBe(true);
    expect(text).toContain('30分钟内有效');
    const url = text.split('\n')[1]!;
    expect(new URL(url).searchParams.get('scope')).toBe('export');
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/dashboard/export.xlsx');
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^duban_export=.+; Path=\/dashboard\/export\.xlsx; Max-Age=1800; HttpOnly; SameSite=Lax$/);
    const r = await fetch(`${base}/dashboard/export.xlsx`, { headers: { cookie: setCookie.split(';')[0]! } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toContain('重点工作任务');
    expect(handleExportCommand({ ...msg, isDirect: false }, { isLeaderOrAdmin: () => true, baseUrl: base, secret: SECRET, now: () => now }).text).toContain('不在群里发');
  });
});

describe('link scopes (page vs export)', () => {
  const exportLink = (ttl = 1800) => makeDashboardLink(base, 'feishu:ou_leader', ttl, SECRET, now, 'export');
  const cookieOf = async (url: string) => (await fetch(url, { redirect: 'manual' })).headers.get('set-cookie')!.split(';')[0]!;
  const refusal = async (r: Response) => ({ status: r.status, title: /data-error>([^<]*)</.exec(await r.text())?.[1] });
  const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

  it('a page link and its session open the pages but not the export', async () => {
    expect(new URL(link()).searchParams.get('scope')).toBe('page');
    // the page link itself, pointed at the export
    expect(await refusal(await fetch(link().replace('/dashboard?', '/dashboard/export.xlsx?'), { redirect: 'manual' }))).toEqual({ status: 403, title: '需要下载链接' });
    const page = await cookieOf(link());
    expect((await get('/dashboard/lagging', page)).status).toBe(200);
    const r = await get('/dashboard/export.xlsx', page);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(await refusal(r)).toEqual({ status: 403, title: '需要下载链接' });
  });

  it('an export link and its session download the workbook but open no page', async () => {
    expect(await refusal(await fetch(exportLink().replace('/dashboard/export.xlsx?', '/dashboard?'), { redirect: 'manual' }))).toEqual({ status: 403, title: '这是台账下载链接' });
    const exp = await cookieOf(exportLink());
    expect((await get('/dashboard/export.xlsx', exp)).status).toBe(200);
    for (const path of ['/dashboard', '/dashboard/task?no=28', '/dashboard/calendar']) {
      const r = await get(path, exp);
      const body = await r.text();
      expect(r.status, path).toBe(403);
      expect(body).toContain('这是台账下载链接');
      expect(body).not.toContain('408套');
    }
    // the export session's value under the page cookie's name is refused as well
    expect(await refusal(await get('/dashboard', exp.replace('duban_export=', 'duban_dash=')))).toEqual({ status: 403, title: '链接无效' });
  });

  it('an edited scope fails the signature', async () => {
    const widened = link().replace('scope=page', 'scope=export').replace('/dashboard?', '/dashboard/export.xlsx?');
    expect(await refusal(await fetch(widened, { redirect: 'manual' }))).toEqual({ status: 403, title: '链接无效' });
    const narrowed = exportLink().replace('scope=export', 'scope=page').replace('/dashboard/export.xlsx?', '/dashboard?');
    expect(await refusal(await fetch(narrowed, { redirect: 'manual' }))).toEqual({ status: 403, title: '链接无效' });
    const dropped = exportLink().replace('&scope=export', '');
    expect(await refusal(await fetch(dropped, { redirect: 'manual' }))).toEqual({ status: 403, title: '链接无效' });
    expect(await refusal(await fetch(link().replace('scope=page', 'scope=admin'), { redirect: 'manual' }))).toEqual({ status: 403, title: '链接无效' });
    // a scoped cookie whose scope part is edited
    const exp = await cookieOf(exportLink());
    const [name, value] = exp.split('=') as [string, string];
    const edited = value.split('.');
    edited[2] = 'page';
    expect(await refusal(await get('/dashboard', `duban_dash=${edited.join('.')}`))).toEqual({ status: 403, title: '链接无效' });
    expect(name).toBe('duban_export');
  });

  it('a link or cookie from before scopes opens the pages only', async () => {
    const exp = Math.floor(now.getTime() / 1000) + 3600;
    const legacy = (path: string) => `${base}${path}?u=feishu%3Aou_leader&exp=${exp}&sig=${signature(SECRET, 'feishu:ou_leader', exp)}`;
    const r = await fetch(legacy('/dashboard'), { redirect: 'manual' });
    expect(r.status).toBe(303);
    expect((await get('/dashboard', r.headers.get('set-cookie')!.split(';')[0]!)).status).toBe(200);
    expect(await refusal(await fetch(legacy('/dashboard/export.xlsx'), { redirect: 'manual' }))).toEqual({ status: 403, title: '需要下载链接' });
    const oldCookie = `${Buffer.from('feishu:ou_leader').toString('base64url')}.${exp}.${signature(SECRET, 'feishu:ou_leader', exp)}`;
    expect((await get('/dashboard', `duban_dash=${oldCookie}`)).status).toBe(200);
    expect((await get('/dashboard/export.xlsx', `duban_dash=${oldCookie}`)).status).toBe(403);
    expect((await get('/dashboard/export.xlsx', `duban_export=${oldCookie}`)).status).toBe(403);
  });

  it('the admin token opens either scope, the export for 30 minutes', async () => {
    const r = await fetch(`${base}/dashboard/export.xlsx?token=${ADMIN_TOKEN}`, { redirect: 'manual' });
    expect(r.status).toBe(303);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toContain('Max-Age=1800');
    expect((await get('/dashboard/export.xlsx', cookie.split(';')[0]!)).status).toBe(200);
    expect((await get('/dashboard', cookie.split(';')[0]!)).status).toBe(403);
  });
});

describe('/看板', () => {
  const msg = (isDirect: boolean): IncomingMessage => ({
    platform: 'feishu', messageId: 'm1', chatId: 'c', isDirect, userId: 'ou_leader', userName: '曹陶', text: '/看板', receivedAt: NOW,
  });
  const deps = { isLeaderOrAdmin: () => true, baseUrl: 'https://duban.example.cn/', secret: SECRET, now: () => NOW };
  it('gives a leader a personal signed link in a direct chat only', () => {
    expect(isDashboardCommand('／看板 ')).toBe(true);
    expect(isDashboardCommand('/看板 住建局')).toBe(false);
    expect(handleDashboardCommand(msg(false), deps).text).toContain('请私聊我发送 /看板');
    expect(handleDashboardCommand(msg(true), { ...deps, isLeaderOrAdmin: () => false }).text).toContain('只对牵头领导和督查室开放');
    const text = handleDashboardCommand(msg(true), deps).text;
    expect(text).toContain('24小时内有效');
    const url = new URL(text.split('\n')[1]!);
    expect(url.origin + url.pathname).toBe('https://duban.example.cn/dashboard');
    expect(url.searchParams.get('u')).toBe('feishu:ou_leader');
    expect(Number(url.searchParams.get('exp'))).toBe(NOW.getTime() / 1000 + 24 * 3600);
    expect(url.searchParams.get('scope')).toBe('page');
    expect(url.searchParams.get('sig')).toBe(signature(SECRET, 'feishu:ou_leader', Number(url.searchParams.get('exp')), 'page'));
  });
});

describe.skipIf(!hasChromium)('dashboard in headless Chromium', () => {
  let ctx: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    // a fresh profile per run (launchPersistentContext is how Playwright takes --user-data-dir)
    profile = mkdtempSync(join(tmpdir(), 'duban-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
    });
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('opens the overview from a link, with the numbers of the store, and saves a screenshot', async () => {
    const page = await ctx.newPage();
    const res = await page.goto(link());
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/dashboard`);
    await expect(page.title()).resolves.toBe('督办看板 · 督办看板');
    const c = countStates(loadBoard(s.db, s.kb.keyTasks, TODAY).values());
    expect(c['滞后']).toBe(5);
    expect(c['已完成']).toBe(1);
    for (const st of TASK_STATES) expect(await page.locator(`[data-count="${st}"]`).innerText(), st).toBe(String(c[st]));
    expect(await page.locator('[data-count="total"]').innerText()).toBe('69');
    expect(await page.locator('[data-bar="滞后"]').textContent()).toBe('5');
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    // no horizontal scrolling on a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/dashboard-overview.png', fullPage: true });
    expect(existsSync('test-artifacts/dashboard-overview.png')).toBe(true);
    await page.close();
  }, 60_000);

  it('renders every page from the navigation with the session cookie', async () => {
    const page = await ctx.newPage();
    await page.goto(link());
    await page.click('nav >> text=按单位');
    expect(page.url()).toBe(`${base}/dashboard/units`);
    expect(await page.locator('h2').first().innerText()).toBe('按牵头单位');
    const zj = page.locator('tr[data-group="住建局"]');
    expect(await zj.count()).toBe(1);
    await page.click('nav >> text=按领导');
    expect(await page.locator('tr[data-group="曹陶"]').count()).toBe(1);
    await page.click('nav >> text=按镇街');
    expect(await page.locator('tr[data-group="白水镇"]').count()).toBe(1);
    await page.click('nav >> text=滞后清单');
    expect(await page.locator('h2').first().innerText()).toBe('滞后任务（5项）');
    expect(await page.locator('tr[data-task]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-task')))).toEqual(['5', '10', '19', '27', '54']);
    expect(await page.locator('tr[data-task="10"]').innerText()).toContain('节点5月31日“完成50%”未达成');
    await page.click('tr[data-task="10"] a');
    expect(page.url()).toBe(`${base}/dashboard/task?no=10`);
    expect(await page.locator('main').innerText()).toContain('前期准备');
    expect(await page.locator('main').innerText()).toContain('已过期未达成');
    await page.click('nav >> text=提醒日历');
    expect(await page.locator('h2').first().innerText()).toMatch(/^未来4周的提醒（\d+条）$/);
    // 6月26日 (Friday): the 3-day lead reminder of task 13's milestone on 6月28日 (a Sunday → Friday)
    const friday = page.locator('[data-day="2026-06-26"]');
    expect(await friday.innerText()).toContain('节点提醒');
    expect(await page.locator('.day').count()).toBe(28);
    const res = await page.goto(`${base}/dashboard/task?no=999`);
    expect(res?.status()).toBe(404);
    await page.goto(`${base}/dashboard/tasks?unit=${encodeURIComponent('住建局')}`);
    expect(await page.locator('h2').first().innerText()).toMatch(/^住建局牵头的任务（\d+项）$/);
    await page.close();
  }, 60_000);

  it('refuses an expired and a forged link with a Chinese 403 page', async () => {
    await ctx.clearCookies();
    const page = await ctx.newPage();
    const expired = makeDashboardLink(base, 'feishu:ou_leader', 60, SECRET, NOW.getTime() - 120_000);
    let res = await page.goto(expired);
    expect(res?.status()).toBe(403);
    expect(await page.locator('[data-error]').innerText()).toBe('链接已过期');
    expect(await page.locator('body').innerText()).not.toContain('重点工作任务');
    res = await page.goto(link().replace(/sig=./, 'sig=x'));
    expect(res?.status()).toBe(403);
    expect(await page.locator('[data-error]').innerText()).toBe('链接无效');
    res = await page.goto(`${base}/dashboard/lagging`);
    expect(res?.status()).toBe(403);
    // the admin token opens a session
    res = await page.goto(`${base}/dashboard/lagging?token=${ADMIN_TOKEN}`);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${base}/dashboard/lagging`);
    // and the session ends with the cookie's expiry
    now = new Date(NOW.getTime() + 13 * 3600_000);
    res = await page.goto(`${base}/dashboard`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('[data-error]').innerText()).toBe('链接已过期');
    now = NOW;
    await page.close();
  }, 60_000);
});
