// The composer on its own: what a group reads, and how a day too long for one screen is split.
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { composeGroupMessages, MAX_BYTES, MAX_LINES, WECOM_TEXT_BYTES, type ComposeDeps } from '../../src/remind/compose.ts';
import type { RemindMilestone } from '../../src/remind/milestones.ts';
import type { Notice } from '../../src/remind/plan.ts';

const calendar = buildCalendar();
const DAY = '2026-06-23';
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function ms(no: number, units: string[], o: Partial<RemindMilestone> = {}): RemindMilestone {
  return {
    key: `set:${no}`, source: 'set', taskNo: no, itemLabel: `第${no}项`, itemTitle: `建设任务${no}，目标写得很长很长以便测试截断`,
    dueDate: '2026-06-30', dueLabel: '6月底', text: '完成主体结构并通过验收', targetPercent: null, leadUnits: units, leaders: ['曹陶'], ...o,
  };
}

function notice(m: RemindMilestone, kind: Notice['kind'] = 'reminder', week = 0): Notice {
  const key = kind === 'reminder' ? `rem:${m.key}:L7` : `${kind === 'overdue' ? 'due' : 'esc'}:${m.key}:w${week}`;
  return { key, covers: [], kind, milestone: m, ...(kind === 'reminder' ? { lead: 7 } : {}), scheduled: DAY };
}

const bound: Record<string, { userId: string; name: string }[]> = {
  住建局: [{ userId: 'zs', name: '张三' }],
  城管局: [{ userId: 'ls', name: '李四' }],
};
const deps: ComposeDeps = {
  calendar,
  liaisons: (u) => bound[u] ?? [],
  latestReport: (no) => (no === 28 ? { date: '2026-06-01', text: '已开工建设120套', percent: 30, status: null } : undefined),
};

describe('composeGroupMessages', () => {
  it('puts counts first, one block per unit, a joint task once under 联合牵头, each item in one or two lines', () => {
    const due = '2026-06-15';
    const notices = [
      notice(ms(28, ['住建局'])),
      notice(ms(27, ['住建局'], { dueDate: '2026-06-23' })),
      notice(ms(26, ['住建局', '城管局'])),
      notice(ms(30, ['城管局'], { dueDate: due }), 'overdue', 0),
      notice(ms(31, ['城管局'], { dueDate: '2026-06-01' }), 'overdue', 2),
      notice(ms(32, ['城管局'], { key: 'quarter:32:2026-Q2', source: 'quarter' })),
      notice(ms(33, ['城管局'], { key: 'quarter:33:2026-Q2', source: 'quarter' })),
    ];
    const [m, ...more] = composeGroupMessages('feishu:oc_a', DAY, notices, deps);
    expect(more).toEqual([]);
    const lines = m!.text.split('\n');
    expect(lines[0]).toBe('【节点提醒、逾期提醒】6月23日（周二）');
    expect(lines[1]).toBe('即将到期3项（今天1项）、逾期2项（新增1项）、季度进展待报2项');
    // one block per unit: 住建局 and 城管局 once each, the joint task 26 once
    expect(lines.filter((l) => l.startsWith('▍'))).toEqual(['▍城管局 @李四', '▍住建局 @张三', '▍联合牵头']);
    expect(m!.text.match(/第26项/g)).toHaveLength(1);
    expect(m!.text).toContain('｜住建局、城管局');
    // a new item: two lines (what and when; the milestone and the latest report)
    const i28 = lines.findIndex((l) => l.startsWith('· 第28项'));
    expect(lines[i28]).toMatch(/6月30日到期（剩7天，5个工作日）$/);
    expect(lines[i28 + 1]).toBe('  6月底 完成主体结构并通过验收｜6月1日进展：已开工建设120套（30%）');
    // an overdue item already notified: one line
    expect(lines.filter((l) => l.includes('第31项'))).toEqual([expect.stringMatching(/^· 第31项 .*：仍逾期22天$/)]);
    expect(lines[lines.findIndex((l) => l.includes('第31项')) + 1]).not.toMatch(/^ {2}/);
    // the check-ins of a unit: one line
    expect(lines.filter((l) => l.includes('季度进展：'))).toEqual(['· 季度进展：第32、33项6月30日前报送']);
    // the new overdue notice comes before the reminders of its unit, the repeat after
    const cg = lines.slice(lines.indexOf('▍城管局 @李四'));
    expect(cg.findIndex((l) => l.includes('第30项'))).toBeLessThan(cg.findIndex((l) => l.includes('第31项')));
    expect(lines.at(-2)).toBe('逾期详情：/滞后 城管局');
    expect(m!.mentions.map((x) => x.name).sort()).toEqual(['张三', '李四']);
    expect(m!.tasks.sort()).toEqual(['第26项', '第27项', '第28项', '第30项', '第31项', '第32项', '第33项']);
  });

  it('a rate over 100 % says 超额, whether the text or the rate field carries it', () => {
    for (const [text, shown] of [
      ['主体完工', '主体完工（120%，超额）'],
      ['完成率120%', '完成率120%（超额）'],
    ] as const) {
      const [m] = composeGroupMessages('feishu:oc_a', DAY, [notice(ms(28, ['住建局']))], {
        ...deps,
        latestReport: () => ({ date: '2026-06-01', text, percent: 120, status: null }),
      });
      expect(m!.text).toContain(`6月1日进展：${shown}`);
      expect(m!.text).not.toMatch(/120 ?%(?!，超额|（超额）)/);
    }
  });

  it('links to the dashboard list when the dashboard is on', () => {
    const [m] = composeGroupMessages('feishu:oc_a', DAY, [notice(ms(30, ['城管局'], { dueDate: '2026-06-15' }), 'overdue')], {
      ...deps,
      listUrl: 'https://duban.example.gov.cn/dashboard/lagging',
    });
    expect(m!.text).toContain('逾期清单：https://duban.example.gov.cn/dashboard/lagging');
    expect(m!.text).not.toContain('/滞后');
  });

  it('splits a day too long for one screen into whole units, each part with its own mentions', () => {
    const notices: Notice[] = [];
    const liaisons: ComposeDeps['liaisons'] = (u) => (Number(u.slice(2)) % 2 ? [{ userId: `u${u}`, name: `联络员${u.slice(2)}` }] : []);
    for (let u = 1; u <= 30; u++) for (let k = 0; k < 3; k++) notices.push(notice(ms(u * 10 + k, [`单位${u}`], { key: `set:${u}-${k}` })));
    // a unit whose items alone do not fit one part: cut between items, never inside one
    for (let k = 0; k < 30; k++) notices.push(notice(ms(900 + k, ['大单位'], { key: `set:big-${k}` })));
    for (const group of ['feishu:oc_a', 'wecom:wr_a']) {
      const parts = composeGroupMessages(group, DAY, notices, { ...deps, liaisons });
      expect(parts.length).toBeGreaterThan(2);
      const seen = new Map<string, number>();
      parts.forEach((p, i) => {
        const lines = p.text.split('\n');
        expect(lines[0]).toBe(`【节点提醒】6月23日（周二）（${i + 1}/${parts.length}）`);
        expect(lines.length).toBeLessThanOrEqual(MAX_LINES);
        expect(bytes(p.text)).toBeLessThanOrEqual(group.startsWith('wecom:') ? WECOM_TEXT_BYTES : MAX_BYTES);
        for (const n of p.notices) {
          seen.set(n.key, (seen.get(n.key) ?? 0) + 1);
          // the item's two lines are both in this part
          const at = lines.findIndex((l) => l.startsWith(`· ${n.milestone.itemLabel} `));
          expect(at, `${n.milestone.itemLabel} in part ${i + 1}`).toBeGreaterThan(0);
          expect(lines[at + 1]).toMatch(/^ {2}6月底/);
        }
        // a unit's block is in one part (the big one continues under 续)
        const heads = lines.filter((l) => l.startsWith('▍')).map((l) => l.replace(/^▍(\*\*)?|(\*\*)?(（未绑定联络员）|（续）| @.*)?$/g, ''));
        for (const h of heads) if (h !== '大单位') expect(parts.filter((q) => q.text.includes(`▍${h} `) || q.text.includes(`▍**${h}**`))).toHaveLength(1);
        // mentions: exactly the bound liaisons of the units in this part
        const units = new Set(p.notices.flatMap((n) => n.milestone.leadUnits));
        expect(p.mentions.map((x) => x.name).sort()).toEqual([...units].flatMap((u) => liaisons(u, group)).map((x) => x.name).sort());
        expect(p.tasks).toEqual([...new Set(p.notices.map((n) => n.milestone.itemLabel))]);
      });
      expect(seen.size).toBe(notices.length);
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
      expect(parts.filter((p) => p.text.includes('▍**大单位**')).length + parts.filter((p) => p.text.includes('▍大单位（续）')).length).toBeGreaterThan(1);
      expect(parts[0]!.text.split('\n')[1]).toBe(`即将到期${notices.length}项`);
      expect(parts.at(-1)!.text).toMatch(/填报：\/进展 编号 内容/);
      expect(parts.slice(0, -1).some((p) => p.text.includes('填报：'))).toBe(false);
    }
  });
});
