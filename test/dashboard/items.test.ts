// The dashboard's unit, leader and town pages list every list, and a town's page shows target
// against reported for each of its indicator cells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupPage, laggingPage, overviewPage, taskListPage, taskPage, type PageCtx } from '../../src/dashboard/pages.ts';
import { encodeItemNo } from '../../src/items/address.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { setReportAmount } from '../../src/store/items.ts';
import { insertReport } from '../../src/store/reports.ts';
import { NOW, seed, TODAY, type Seeded } from '../ledger/seed.ts';

let s: Seeded;
const cell = encodeItemNo({ kind: 'indicator', no: 43, town: '白塘镇' });
const museum = encodeItemNo({ kind: 'measure', plan: 1, measure: 4 });

beforeAll(() => {
  s = seed();
  const r = insertReport(s.db, { taskNo: cell, platform: 'feishu', userId: 'u', userName: '李四', unit: '白塘镇', text: '完成2座', percent: 25, status: null, chatId: 'g', messageId: 'c1', createdAt: '2026-06-21T02:00:00Z' });
  setReportAmount(s.db, r.id, 2, '座');
  insertReport(s.db, { taskNo: museum, platform: 'feishu', userId: 'v', userName: '赵六', unit: '发改局', text: '布展进度滞后', percent: null, status: '滞后', chatId: 'g', messageId: 'c2', createdAt: '2026-06-22T02:00:00Z' });
});
afterAll(() => s.close());

const ctx = (query: string): PageCtx => ({
  db: s.db, kb: s.kb, calendar: buildCalendar(), remindConfig: remindConfig({}), now: NOW, today: TODAY, query: new URLSearchParams(query),
});
const html = (r: { html: string | Buffer }) => String(r.html);

describe('dashboard pages of every list', () => {
  it('a town’s page lists its cells with target and reported', () => {
    const page = html(taskListPage(ctx('town=白塘镇')));
    expect(page).toContain('白塘镇的民生实事指标');
    const row = page.match(/<tr class="tone-[a-z]+" data-cell="指标43（白塘镇）">.*?<\/tr>/)?.[0] ?? '';
    expect(row).toContain('8座');
    expect(row).toMatch(/data-reported>2座</);
    expect(page).toMatch(/data-cell="指标14（白塘镇）">.*?data-reported>未报</);
  });

  it('the 按镇街 page has each town’s cells reported', () => {
    const page = html(groupPage(ctx(''), 'town'));
    expect(page).toContain('民生实事指标：各镇街目标与已报');
    expect(page).toMatch(/data-town="白塘镇"><td>.*?<\/td><td class="num">7<\/td><td class="num" data-reported>1</);
    expect(page).toMatch(/data-town="白水镇"><td>.*?<\/td><td class="num">9<\/td><td class="num" data-reported>0</);
  });

  it('a unit’s and a leader’s pages add the other lists they lead; an item has its own page', () => {
    const unit = html(taskListPage(ctx('unit=发改局')));
    expect(unit).toMatch(/<section data-list="measure"><h2>开局八好（\d+项）/);
    expect(unit).toMatch(/data-task="4001004">.*八好1\.4.*滞后/);
    const leader = html(taskListPage(ctx('leader=吴艳平')));
    expect(leader).toMatch(/<section data-list="livelihood"><h2>民生实事（\d+项）/);
    const item = taskPage(ctx(`no=${museum}`));
    expect(item.status).toBe(200);
    expect(html(item)).toContain('八好1.4');
    expect(html(item)).toContain('端午文化博物馆');
    expect(taskPage(ctx('no=4009999')).status).toBe(404);
  });

  it('the overview counts the other lists and the lagging list names their lagging items', () => {
    const o = html(overviewPage(ctx('')));
    expect(o).toMatch(/<li data-list="measure">开局八好 \d+项：0项达到时序进度.*1项滞后/);
    // 白塘镇's 2 of 8 bridges (25%) in late June is behind 序时进度 (~47%) by more than 15 points: 滞后
    expect(o).toMatch(/<li data-list="indicator">民生实事指标（镇街） \d+项：0项达到时序进度.*1项滞后/);
    const l = html(laggingPage(ctx('')));
    expect(l).toMatch(/<section data-list="other"><h2>其他清单滞后（2项）<\/h2>.*八好1\.4/s); // the museum measure and 白塘镇's bridges
  });

  it('the cached views follow a write: a report on another list changes the next overview', () => {
    const before = html(overviewPage(ctx('')));
    expect(html(overviewPage(ctx('')))).toBe(before); // served from the cache, same figures
    const bell = encodeItemNo({ kind: 'measure', plan: 1, measure: 5 });
    const r = insertReport(s.db, { taskNo: bell, platform: 'feishu', userId: 'w', userName: '钱七', unit: '文旅广电局', text: '进度滞后', percent: null, status: '滞后', chatId: 'g', messageId: 'c3', createdAt: '2026-06-22T03:00:00Z' });
    const after = html(overviewPage(ctx('')));
    expect(after).toMatch(/<li data-list="measure">开局八好 \d+项：0项达到时序进度.*2项滞后/);
    expect(html(laggingPage(ctx('')))).toMatch(/其他清单滞后（3项）/);
    s.db.prepare('DELETE FROM reports WHERE id = ?').run(r.id);
    expect(html(overviewPage(ctx('')))).toBe(before);
  });
});
