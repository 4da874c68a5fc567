// A liaison reports, looks, corrects and undoes; every write is audited and written once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeEach(async () => {
  chat = makeChat({ admins: ['王主任'], leaders: ['曹市长'] });
  await bindVia(chat, '王主任', '张三', '住建局');
});
afterEach(() => chat.close());

describe('/进展 — report', () => {
  it('records text, percent and unit and echoes them', async () => {
    const r = await chat.say('张三', '住建群', '/进展 28 已开工建设120套，完成率30%');
    expect(r).toContain('已记录第28项进展（#1）');
    expect(r).toContain('已开工建设120套，完成率30%');
    expect(r).toContain('完成率：30%');
    expect(r).toContain('状态：未注明');
    expect(r).toContain('单位：住建局');
    expect(r).toContain('第28项当前：正常推进');
    expect(chat.reports()).toEqual([
      expect.objectContaining({ taskNo: 28, userName: '张三', unit: '住建局', text: '已开工建设120套，完成率30%', percent: 30, status: null }),
    ]);
    const a = chat.audit().at(-1)!;
    expect(a).toMatchObject({ action: 'report.create', entity: 'report', entityId: '1', userName: '张三', chatId: '住建群' });
    expect(JSON.parse(a.after!)).toMatchObject({ taskNo: 28, percent: 30 });
    expect(a.before).toBeNull();
  });

  it('reads a status when it stands on its own, not inside a phrase', async () => {
    await chat.say('张三', 'g', '/进展 28 主体结构施工，滞后');
    await chat.say('张三', 'g', '/进展 28 桩基施工已完成，正在做主体');
    await chat.say('张三', 'g', '/进展 28 状态：需协调，用地指标未落实');
    expect(chat.reports().map((r) => r.status)).toEqual(['滞后', null, '需协调']);
  });

  it('warns that 已完成 closes the whole task', async () => {
    const r = await chat.say('张三', 'g', '/进展 28 408套全部建成，已完成');
    expect(r).toContain('状态：已完成');
    expect(r).toContain('第28项当前：已完成');
    expect(r).toContain('整项任务已完成');
  });

  it('accepts full-width characters, 「第28项」, 第二十八项 and aliases', async () => {
    const forms = [
      '／进展　２８　完成率３０％',
      '/进展 「第28项」：进场施工',
      '/进展第二十八项 进场施工',
      '/jz 28 进场施工',
      '/report 第28项 进场施工',
      '/进度28已开工',
      '/ 进展 28项，已开工',
    ];
    for (const f of forms) expect(await chat.say('张三', 'g', f)).toContain('已记录第28项进展');
    expect(chat.reports().map((r) => r.taskNo)).toEqual(forms.map(() => 28));
    // stored exactly as typed
    expect(chat.reports()[0]!.text).toBe('完成率３０％');
    expect(chat.reports()[0]!.percent).toBe(30);
  });

  it('keeps SQL fragments as plain text', async () => {
    const evil = "'); DROP TABLE reports; -- OR 1=1; DELETE FROM audit;";
    const r = await chat.say('张三', 'g', `/进展 28 ${evil}`);
    expect(r).toContain('已记录第28项进展');
    expect(r).toContain(evil);
    expect(chat.reports()[0]!.text).toBe(evil);
    expect(chat.count('audit')).toBeGreaterThan(0);
  });

  it('does not take one of several bare percentages as the completion rate', async () => {
    const r = await chat.say('张三', 'g', '/进展 28 覆盖率80%，入住率60%');
    expect(r).toContain('完成率：未填');
    expect(r).toContain('多个百分数');
    expect(chat.reports()[0]!.percent).toBeNull();
    await chat.say('张三', 'g', '/进展 28 覆盖率80%，完成率45%');
    expect(chat.reports()[1]!.percent).toBe(45);
  });
});

describe('/进展 28 — view', () => {
  it('shows state, latest reports and milestones', async () => {
    await chat.say('张三', 'g', '/节点 28 6月底 完成主体结构');
    await chat.say('张三', 'g', '/进展 28 已开工建设120套，完成率30%');
    const r = await chat.say('曹市长', 'g', '/进展 28');
    expect(r).toContain('第28项 建设保障性住房408套');
    expect(r).toContain('牵头领导：曹陶｜牵头单位：住建局');
    expect(r).toContain('状态：正常推进（最近进展3月5日，完成率30%，序时17%）'); // issue 15: the reason names 序时进度
    expect(r).toContain('住建局 张三：已开工建设120套，完成率30%');
    expect(r).toContain('6月30日（6月底） 完成主体结构 — 未到期');
  });

  it('shows only the newest five reports and says how many there are', async () => {
    for (let i = 1; i <= 7; i++) await chat.say('张三', 'g', `/进展 28 第${i}次填报`);
    const r = await chat.say('张三', 'g', '/进展 28');
    expect(r).toContain('共7条，显示最近5条');
    expect(r).toContain('第7次填报');
    expect(r).not.toContain('第2次填报');
  });
});

describe('/更正 and /撤回', () => {
  it('corrects the last report in place, auditing before and after', async () => {
    await chat.say('张三', 'g', '/进展 28 已开工建设120套，完成率30%');
    const r = await chat.say('张三', 'g', '/更正 已开工建设150套，完成率35%');
    expect(r).toContain('已更正第28项进展（#1）');
    expect(r).toContain('原内容：已开工建设120套，完成率30%');
    expect(chat.reports()).toEqual([expect.objectContaining({ id: 1, text: '已开工建设150套，完成率35%', percent: 35 })]);
    expect(chat.reports()[0]!.editedAt).not.toBeNull();
    const a = chat.audit().at(-1)!;
    expect(a.action).toBe('report.edit');
    expect(JSON.parse(a.before!).text).toBe('已开工建设120套，完成率30%');
    expect(JSON.parse(a.after!).text).toBe('已开工建设150套，完成率35%');
  });

  it('/更正 28 … picks the last report on that task', async () => {
    await chat.say('张三', 'g', '/进展 28 A');
    await chat.say('张三', 'g', '/进展 27 B');
    await chat.say('张三', 'g', '/更正 28 A2');
    expect(chat.reports().map((r) => r.text)).toEqual(['A2', 'B']);
  });

  it('undoes the own last report: kept, marked revoked, no longer counted', async () => {
    await chat.say('张三', 'g', '/进展 28 已开工建设120套，完成率30%');
    const r = await chat.say('张三', 'g', '/撤回');
    expect(r).toContain('已撤回第28项进展 #1');
    expect(r).toContain('记录保留');
    expect(chat.reports()).toHaveLength(1);
    expect(chat.reports()[0]!.revokedAt).not.toBeNull();
    expect(chat.audit().at(-1)).toMatchObject({ action: 'report.revoke', entityId: '1' });
    expect(await chat.say('张三', 'g', '/进展 28')).toContain('还没有进展');
    expect(await chat.say('张三', 'g', '/撤回')).toContain('没有可撤回的进展');
  });

  it('refuses after 24 hours', async () => {
    await chat.say('张三', 'g', '/进展 28 已开工');
    chat.advanceHours(24.5);
    const r = await chat.say('张三', 'g', '/撤回');
    expect(r).toContain('已超过24小时，不能撤回');
    expect(await chat.say('张三', 'g', '/更正 改一下')).toContain('已超过24小时，不能更正');
    expect(chat.reports()[0]!.revokedAt).toBeNull();
    expect(chat.reports()[0]!.text).toBe('已开工');
  });

  it("cannot undo someone else's report", async () => {
    await bindVia(chat, '王主任', '李四', '住建局');
    await chat.say('张三', 'g', '/进展 28 张三的');
    expect(await chat.say('李四', 'g', '/撤回')).toContain('没有可撤回的进展');
    expect(chat.reports()[0]!.revokedAt).toBeNull();
  });
});

describe('idempotency: platforms redeliver', () => {
  it('the same message id twice writes once and says so', async () => {
    const first = await chat.say('张三', 'g', '/进展 28 已开工建设120套', { messageId: 'om_1' });
    const again = await chat.say('张三', 'g', '/进展 28 已开工建设120套', { messageId: 'om_1' });
    expect(first).toContain('已记录');
    expect(again).toContain('已经处理过');
    expect(again).toContain(first);
    expect(chat.reports()).toHaveLength(1);
    expect(chat.audit().filter((a) => a.action === 'report.create')).toHaveLength(1);
  });

  it('covers every kind of write', async () => {
    const lines = [
      ['张三', '/进展 28 A'],
      ['张三', '/更正 B'],
      ['张三', '/节点 28 6月底 完成主体结构'],
      ['张三', '/节点 改 1 9月底'],
      ['张三', '/撤回'],
      ['李四', '/绑定 城管局'],
      ['王主任', '/批准 2'],
      ['王主任', '/领导 @李四'],
      ['张三', '/节点 删 1'],
    ] as const;
    for (const [i, [who, text]] of lines.entries()) {
      const o = { messageId: `dup-${i}`, mentions: text.includes('@') ? ['李四'] : undefined };
      await chat.say(who, 'g', text, o);
      const before = chat.count('audit');
      const r = await chat.say(who, 'g', text, o);
      expect(r, text).toContain('已经处理过');
      expect(chat.count('audit'), text).toBe(before);
    }
  });

  it('a refused message can be sent again once allowed (nothing was recorded)', async () => {
    expect(await chat.say('李四', 'g', '/进展 28 A', { messageId: 'x1' })).toContain('不能填报');
    await bindVia(chat, '王主任', '李四', '住建局');
    expect(await chat.say('李四', 'g', '/进展 28 A', { messageId: 'x1' })).toContain('已记录');
  });
});
