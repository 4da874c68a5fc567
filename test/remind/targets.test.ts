// Where reminders go must be reachable: the configured groups, and the groups that subscribed.
import { describe, expect, it } from 'vitest';
import { orphanSubscriptionProblem, reminderTargetProblems } from '../../src/remind/targets.ts';

describe('reminder targets', () => {
  it('a console default group with a real platform is a problem; without one it is the console itself', () => {
    expect(reminderTargetProblems({ REMIND_DEFAULT_GROUP: 'console:ducha' }, ['feishu'])).toHaveLength(1);
    expect(reminderTargetProblems({ REMIND_DEFAULT_GROUP: 'console:ducha' }, [])).toEqual([]);
    expect(reminderTargetProblems({ REMIND_DEFAULT_GROUP: 'wecom:wr1', REMIND_LEADERS_GROUP: 'feishu:oc_1' }, ['wecom'])[0]).toContain('REMIND_LEADERS_GROUP');
  });

  it('names the subscribed groups of a platform that does not run, once each, and only those', () => {
    const subs = [
      { groupKey: 'feishu:oc_a' }, { groupKey: 'feishu:oc_a' }, { groupKey: 'wecom:wr_b' }, { groupKey: 'console:c' },
    ];
    const p = orphanSubscriptionProblem(subs, ['wecom']);
    expect(p).toMatch(/^2个群订阅了提醒/);
    expect(p).toContain('feishu:oc_a');
    expect(p).toContain('console:c');
    expect(p).not.toContain('wr_b');
    expect(orphanSubscriptionProblem(subs, ['wecom', 'feishu'])).toMatch(/^1个群.*console:c/);
    // the local console alone: console groups print, the others cannot be reached
    expect(orphanSubscriptionProblem([{ groupKey: 'console:c' }], ['console'])).toBeUndefined();
    expect(orphanSubscriptionProblem([], ['feishu'])).toBeUndefined();
  });
});
