// Where unclaimed reminders go must exist (issue 11, Build 5). With a platform configured, a
// console group (the .env.example default console:console) used to print them to the log and
// record them as sent: lost, silently. That is now a start-up error (and a doctor finding)
// rather than a silent fallback to some admin's chat: the operator has to name the group that
// is meant to receive them, and the bot cannot guess which one that is.
import type { RemindConfig } from './config.ts';
import { parseChatRef } from '../refs.ts';


/** Problems with REMIND_DEFAULT_GROUP / REMIND_LEADERS_GROUP given the platforms that run, in
 * Chinese for the operator; empty when fine. Without any platform (the local console) every
 * group is accepted: console groups print, others are recorded and fail visibly. */
export function reminderTargetProblems(config: Pick<RemindConfig, 'REMIND_DEFAULT_GROUP' | 'REMIND_LEADERS_GROUP'>, platforms: readonly string[]): string[] {
  const problems: string[] = [];
  const check = (name: string, group: string) => {
    const ref = parseChatRef(group);
    if (!ref) {
      problems.push(`${name}=${group} 格式不对，应为 平台:群ID，如 feishu:oc_xxx 或 wecom:wrxxxx。`);
      return;
    }
    const platform: string = ref.platform;
    if (!platforms.length) return;
    const names = platforms.map((p) => (p === 'feishu' ? '飞书' : p === 'wecom' ? '企业微信' : p)).join('、');
    if (platform === 'console')
      problems.push(
        `已配置${names}，但 ${name}=${group} 指向本地控制台：没人订阅的提醒会只打印在日志里并被记为已发送，实际上谁也收不到。` +
          `请在 .env 中把 ${name} 改为督查室所在的群（如 feishu:oc_xxx 或 wecom:wrxxxx）。`,
      );
    else if (!platforms.includes(platform))
      problems.push(`${name}=${group} 所在的平台（${platform}）没有配置，发往该群的提醒都会失败。请改为已配置平台（${names}）的群，或配置该平台。`);
  };
  check('REMIND_DEFAULT_GROUP', config.REMIND_DEFAULT_GROUP);
  if (config.REMIND_LEADERS_GROUP) check('REMIND_LEADERS_GROUP', config.REMIND_LEADERS_GROUP);
  return problems;
}

/** Groups subscribed with /订阅 on a platform that is no longer configured: their reminders are
 * routed there and end `dead` (listed by `remind --pending`), so the office should know at start.
 * Console groups only count as reachable when no real platform runs. */
export function orphanSubscriptionProblem(subs: readonly { groupKey: string }[], platforms: readonly string[]): string | undefined {
  const reachable = (p: string) => platforms.includes(p) || (p === 'console' && !platforms.some((x) => x !== 'console'));
  const groups = [...new Set(subs.map((s) => s.groupKey))].filter((g) => {
    const ref = parseChatRef(g);
    return !ref || !reachable(ref.platform);
  });
  if (!groups.length) return undefined;
  return `${groups.length}个群订阅了提醒，但所在平台没有配置，发往这些群的提醒都会失败：${groups.slice(0, 5).join('、')}${groups.length > 5 ? ' 等' : ''}。请配置该平台，或在群里发送 /退订、改由其他群订阅。`;
}
