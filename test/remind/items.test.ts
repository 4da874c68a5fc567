// Reminders for every list: the 开局八好 museum deadline (7月底前) at T-7, a town's own /节点 on its
// indicator cell, and the ladder (overdue, then escalation) for a measure nobody reported on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { collectMilestones } from '../../src/remind/milestones.ts';
import { previewPlanner, runReminders, type Deliver, type RemindDeps } from '../../src/remind/runner.ts';
import { addDays } from '../../src/remind/dates.ts';
import { previewDigests } from '../../src/remind/digest.ts';
import { bindVia, makeChat } from '../helpers/chat.ts';
import { quietLog } from '../helpers/quietLog.ts';

quietLog();
const kb = loadKnowledge();
const calendar = buildCalendar();
const config = remindConfig({ REMIND_DEFAULT_GROUP: 'feishu:oc_default', REMIND_LEADERS_GROUP: 'feishu:oc_leaders', REMIND_QUARTERLY: 'false' });

describe('reminders for every list', () => {
  it('duban remind --dry-run --at 2026-07-24 has the museum’s 7月底前 (T-7), on a fresh data directory', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'duban-items-')), 'data');
    const out = execFileSync('npm', ['run', '--silent', 'duban', '--', 'remind', '--dry-run', '--at', '2026-07-24', '--json'], {
      encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DATA_DIR: dataDir, REMIND_DEFAULT_GROUP: 'feishu:oc_default' }, timeout: 60_000,
    });
    const msgs = out.trim().split('\n').map((l) => JSON.parse(l) as { text: string; tasks: string[] });
    const museum = msgs.find((m) => m.tasks.includes('八好1.4'));
    expect(museum?.text).toContain('端午文化博物馆');
    expect(museum?.text).toMatch(/八好1\.4 .*7月31日到期（剩7天/);
    expect(museum?.text).toContain('发改局');
  });

  it('every dated milestone of the lists is collected once, with the item’s label and lead units', () => {
    const ms = collectMilestones(kb, [], { year: 2026, quarterly: false });
    const items = ms.filter((m) => m.key.startsWith('item:'));
    expect(new Set(items.map((m) => m.key)).size).toBe(items.length);
    expect(items.find((m) => m.itemLabel === '八好1.4')).toMatchObject({ dueDate: '2026-07-31', dueLabel: '7月底前', leadUnits: ['发改局'] });
    expect(items.find((m) => m.itemLabel === '指标43（白塘镇）')).toMatchObject({ dueDate: '2026-12-31', leadUnits: ['白塘镇'], text: '完成8座' });
    expect(items.filter((m) => m.itemLabel.startsWith('民生')).length).toBe(45);
    // 汛期前 follows the setting
    const flood = { ...kb, measures: kb.measures.map((m, i) => (i === 20 ? { ...m, text: `${m.text}力争在汛期前完成清淤。` } : m)) };
    const early = collectMilestones(flood, [], { year: 2026, quarterly: false, items: { floodSeasonStart: '05-01' } });
    expect(early.filter((m) => m.dueLabel === '汛期前').map((m) => m.dueDate)).toEqual(['2026-04-30']);
  });

  it('routes to the lead unit’s group with its liaison; a meeting report stops it; a miss is chased and escalated', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-07-01T01:00:00Z' });
    expect(await chat.say('督查室', 'oc_fgj', '/订阅 发改局')).toContain('已订阅');
    await bindVia(chat, '督查室', '赵六', '发改局');
    await bindVia(chat, '督查室', '李四', '白塘镇');
    expect(await chat.say('督查室', 'oc_bt', '/订阅 白塘镇')).toContain('已订阅');
    expect(await chat.say('李四', 'oc_bt', '/节点 指标43 9月底 完成5座')).toContain('已设指标43（白塘镇）节点');
    const deps = (now: string): RemindDeps => ({ db: chat.db, kb, calendar, config, now: () => new Date(now) });

    const jul24 = previewPlanner(deps('2026-07-01T01:00:00Z'))('2026-07-24');
    const toFgj = jul24.find((m) => m.group === 'feishu:oc_fgj')!;
    expect(toFgj.text).toContain('八好1.4');
    expect(toFgj.mentions.map((x) => x.name)).toEqual(['赵六']);

    const sep23 = previewPlanner(deps('2026-07-01T01:00:00Z'))('2026-09-23');
    const toBt = sep23.find((m) => m.group === 'feishu:oc_bt')!;
    expect(toBt.text).toMatch(/指标43（白塘镇）.*9月30日到期/);
    expect(toBt.mentions.map((x) => x.name)).toEqual(['李四']);

    // no report: overdue to the unit on the first workday after 7月31日, escalated from the 3rd
    const aug3 = previewPlanner(deps('2026-07-01T01:00:00Z'))('2026-08-03');
    expect(aug3.find((m) => m.group === 'feishu:oc_fgj')?.text).toMatch(/逾期[\s\S]*八好1\.4/);
    const aug5 = previewPlanner(deps('2026-07-01T01:00:00Z'))('2026-08-05');
    expect(aug5.find((m) => m.group === 'feishu:oc_leaders')?.text).toContain('八好1.4');

    // the liaison reports the opening: the T-3 reminder and the chase are gone
    chat.at('2026-07-25T02:00:00Z');
    expect(await chat.say('赵六', 'oc_fgj', '/进展 八好1.4 端午文化博物馆已完成布展，7月28日开放')).toContain('已记录八好1.4进展');
    const later = previewPlanner(deps('2026-07-25T03:00:00Z'));
    expect(later('2026-07-28').some((m) => m.text.includes('八好1.4'))).toBe(false);
    expect(later('2026-08-03').some((m) => m.text.includes('八好1.4'))).toBe(false);
    chat.close();
  });

  it('the weekly digest counts the other lists in each group’s scope and names their lagging items', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-07-01T01:00:00Z' });
    await chat.say('督查室', 'oc_fgj', '/订阅 发改局');
    await chat.say('督查室', 'oc_bt', '/订阅 白塘镇');
    const ds = previewDigests(chat.db, kb.keyTasks, config, calendar, '2026-08-03');
    const fgj = ds.find((d) => d.group === 'feishu:oc_fgj')!;
    expect(fgj.text).toMatch(/其他清单：.*开局八好\d+项：滞后1项/);
    expect(fgj.text).toContain('· 八好1.4 强化产业支撑（发改局）');
    expect(fgj.tasks).toContain('八好1.4');
    const bt = ds.find((d) => d.group === 'feishu:oc_bt')!;
    expect(bt.text).toMatch(/其他清单：镇街指标7项：未开始7项$/m);
    chat.close();
  });

  it('a summer of daily runs sends the museum’s reminders once each, then the chase, through a restart', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-07-01T01:00:00Z' });
    await chat.say('督查室', 'oc_fgj', '/订阅 发改局');
    const sent: { day: string; group: string; text: string; key: string }[] = [];
    let today = '';
    const deliver: Deliver = async (group, msg) => (sent.push({ day: today, group, text: msg.text, key: msg.idempotencyKey }), { ok: true, messageIds: [`m${sent.length}`] });
    for (let day = '2026-07-01'; day <= '2026-08-14'; day = addDays(day, 1)) {
      today = day;
      const at = new Date(`${day}T09:00:00+08:00`);
      await runReminders({ db: chat.db, kb, calendar, config, now: () => at }, deliver);
      await runReminders({ db: chat.db, kb, calendar, config, now: () => new Date(at.getTime() + 300_000) }, deliver); // a second run the same day sends nothing new
    }
    const museum = sent.filter((m) => m.text.includes('八好1.4'));
    const days = museum.map((m) => `${m.day} ${m.group}`);
    // T-7, T-3, T-1 on workdays before 7月31日 (Fri), the day itself; overdue on 8-3 to the unit,
    // escalation from the 3rd workday to the leaders, each once (weekly repeats after)
    expect(days).toEqual([
      '2026-07-24 feishu:oc_fgj', '2026-07-28 feishu:oc_fgj', '2026-07-30 feishu:oc_fgj', '2026-07-31 feishu:oc_fgj',
      '2026-08-03 feishu:oc_fgj', '2026-08-05 feishu:oc_leaders', '2026-08-10 feishu:oc_fgj', '2026-08-12 feishu:oc_leaders',
    ]);
    expect(new Set(sent.map((m) => m.key)).size).toBe(sent.length);
    chat.close();
  }, 60_000);

  it('a town’s cells due together are one item, naming every indicator, with how many it reported', async () => {
    const chat = makeChat({ admins: ['督查室'], start: '2026-12-01T01:00:00Z' });
    await chat.say('督查室', 'oc_bt', '/订阅 白塘镇');
    await bindVia(chat, '督查室', '李四', '白塘镇');
    await chat.say('李四', 'oc_bt', '/进展 指标43 完成6座');
    const msgs = previewPlanner({ db: chat.db, kb, calendar, config, now: () => new Date('2026-12-01T03:00:00Z') })('2026-12-24');
    const bt = msgs.find((m) => m.group === 'feishu:oc_bt')!;
    expect(bt.text).toMatch(/· 民生实事指标7项（指标1、2、3、12、13、14、43）：12月31日到期（剩7天/);
    expect(bt.text).toContain('已报1项');
    expect(bt.text).not.toMatch(/· 指标\d+（白塘镇）/); // no cell on a line of its own
    expect(bt.mentions.map((x) => x.name)).toEqual(['李四']);
    // every cell is still its own notice (recorded once each), only the text is grouped
    expect(bt.notices.filter((n) => n.milestone.itemLabel.endsWith('（白塘镇）'))).toHaveLength(7);
    chat.close();
  });
});
