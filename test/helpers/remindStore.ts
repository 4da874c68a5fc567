// A store as a county office would have it mid-way through 2026, for the reminder year
// simulations: unit groups on both platforms, a leaders' group, some liaisons bound and some
// not, /节点 milestones, and progress reports that come in over the year (some tasks report
// regularly, some fall behind, a third never report). Set up through chat where chat can do it;
// the WeCom group's subscription and liaison go straight to the store (the test chat's admins
// are Feishu users).
import { loadKnowledge } from '../../knowledge/load.ts';
import { addDays } from '../../src/remind/dates.ts';
import { subscribe } from '../../src/store/outbox.ts';
import { insertReport } from '../../src/store/reports.ts';
import { createBinding, touchUser } from '../../src/store/users.ts';
import { makeChat } from './chat.ts';

export const GROUPS = {
  default: 'feishu:oc_default',
  leaders: 'feishu:oc_leaders',
  zjj: 'feishu:oc_zjj',
  nync: 'wecom:wr_nync',
};

export const REMIND_ENV = {
  REMIND_DEFAULT_GROUP: GROUPS.default,
  REMIND_LEADERS_GROUP: GROUPS.leaders,
};

/** Deterministic report plan: day → reports filed that day (10:00 China time, after the run). */
export function reportPlan(): Map<string, { taskNo: number; unit: string; percent: number; status: '滞后' | null }[]> {
  const kb = loadKnowledge();
  const plan = new Map<string, { taskNo: number; unit: string; percent: number; status: '滞后' | null }[]>();
  for (const t of kb.keyTasks) {
    if (t.no % 3 === 0) continue; // a third never report
    const every = 21 + (t.no % 4) * 14; // every 3, 5, 7 or 9 weeks
    let pct = 0;
    for (let d = addDays('2026-01-12', t.no % 17), i = 0; d <= '2026-12-31'; d = addDays(d, every), i++) {
      pct = Math.min(100, pct + 8 + (t.no % 5));
      const behind = t.no % 7 === 0 && i % 3 === 2;
      const list = plan.get(d) ?? plan.set(d, []).get(d)!;
      list.push({ taskNo: t.no, unit: t.leadUnits[0] ?? '政府办', percent: pct, status: behind ? '滞后' : null });
    }
  }
  return plan;
}

export async function realisticStore(opts: { subscriptions?: boolean } = {}) {
  const chat = makeChat({ admins: ['督查室'], start: '2026-01-05T01:00:00Z' });
  const ok = async (user: string, group: string, text: string, want: RegExp, mentions?: string[]) => {
    const r = await chat.say(user, group, text, mentions ? { mentions } : {});
    if (!want.test(r)) throw new Error(`${text} → ${r}`);
  };
  const subscriptions = opts.subscriptions ?? true;
  if (subscriptions) {
    await ok('督查室', 'oc_zjj', '/订阅 住建局', /已订阅/);
    await ok('督查室', 'oc_leaders', '/订阅 领导', /已订阅/);
  }
  await ok('督查室', 'oc_zjj', '/绑定 @张三 住建局', /张三/, ['张三']);
  await ok('督查室', 'oc_default', '/绑定 @王五 发改局', /王五/, ['王五']);
  await ok('督查室', 'oc_default', '/绑定 @赵六 政府办', /赵六/, ['赵六']);
  await ok('督查室', 'oc_default', '/绑定 @钱七 文旅广电局', /钱七/, ['钱七']);
  await ok('张三', 'oc_zjj', '/节点 28 6月底 完成主体结构', /6月30日|6月底/);
  await ok('张三', 'oc_zjj', '/节点 28 10月8日 完成竣工验收', /10月8日/);
  await ok('王五', 'oc_default', '/节点 1 9月底 完成年度投资70%', /9月/);
  const at = '2026-01-05T01:00:00.000Z';
  if (subscriptions) subscribe(chat.db, GROUPS.nync, 'unit:农业农村局', 'feishu:id-督查室', at);
  touchUser(chat.db, { platform: 'wecom', userId: 'lisi', name: '李四' }, at);
  createBinding(chat.db, { platform: 'wecom', userId: 'lisi', unit: '农业农村局', status: 'active', requestedBy: 'feishu:id-督查室', requestedAt: at, chatId: 'wr_nync', decidedBy: 'feishu:id-督查室' });
  const plan = reportPlan();
  let seq = 0;
  /** Files the reports planned for `day` (at 10:00, after that day's run). */
  const fileReports = (day: string) => {
    for (const r of plan.get(day) ?? [])
      insertReport(chat.db, {
        taskNo: r.taskNo, platform: 'feishu', userId: `u${r.taskNo}`, userName: '联络员', unit: r.unit,
        text: r.status ? '受征拆影响进度滞后，正在协调' : `按计划推进，完成率${r.percent}%`, percent: r.percent, status: r.status,
        chatId: 'oc_default', messageId: `sim-${++seq}`, createdAt: new Date(`${day}T10:00:00+08:00`).toISOString(),
      });
  };
  return { chat, fileReports };
}
