// Issue 16 at the chat level: /催办, /批示 + /签收, /销号 with /批准 销号28 — who may, bad input,
// redelivery of the same message, the once-per-day rule, what is posted (through the outbox, with
// only computed @-mentions), and a closed item leaving the reminder plan.
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../knowledge/load.ts';
import { overviewPage, taskPage } from '../../src/dashboard/pages.ts';
import { unsignedCounts } from '../../src/store/loop.ts';
import { outboxLabel } from '../../src/cli/remind.ts';
import { exportWorkbook, SHEETS } from '../../src/ledger/export.ts';
import type { GroupMessage } from '../../src/platforms/types.ts';
import { renderMessage } from '../../src/platforms/feishu/cards.ts';
import { webhookText } from '../../src/platforms/wecom/render.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { addDays } from '../../src/remind/dates.ts';
import { instructionNotices } from '../../src/loop/remind.ts';
import { flushOutbox, planMessages, runRemindersOn, type Deliver, type RemindDeps } from '../../src/remind/runner.ts';
import { listOutbox, subscribe } from '../../src/store/outbox.ts';
import { createBinding, touchUser } from '../../src/store/users.ts';
import { idOf, makeChat, type Chat } from '../helpers/chat.ts';

const DEFAULT = 'feishu:oc_default';
const ZJJ = 'feishu:oc_zjj';
const kb = loadKnowledge();
const calendar = buildCalendar();
const config = remindConfig({ REMIND_DEFAULT_GROUP: DEFAULT, REMIND_QUARTERLY: 'false' });

let chat: Chat;
let kicks: number;

beforeEach(async () => {
  // 2026-03-05 (Thursday) 10:00 in 汨罗
  chat = makeChat({ admins: ['督查室'], leaders: ['曹陶'] });
  kicks = 0;
  chat.deps.notify = { defaultGroup: DEFAULT, kick: () => void kicks++ };
  await ok('督查室', '/订阅 住建局', /已订阅/);
  await ok('督查室', '/绑定 @张三 住建局', /张三/, ['张三']);
  await ok('督查室', '/绑定 @李四 城管局', /李四/, ['李四']); // 城管局 cooperates on 28, does not lead it
  await ok('张三', '/节点 28 3月1日 完成主体结构', /3月1日/);
});
afterEach(() => chat.close());

async function ok(user: string, text: string, want: RegExp, mentions?: string[]): Promise<string> {
  const r = await chat.say(user, 'oc_zjj', text, mentions ? { mentions } : {});
  if (!want.test(r)) throw new Error(`${user} ${text} → ${r}`);
  return r;
}

const say = (user: string, text: string, messageId?: string) => chat.sayFull(user, 'oc_zjj', text, messageId ? { messageId } : {});
const rows = (table: 'chases' | 'instructions' | 'closures' | 'outbox') => (chat.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

/** What the outbox delivers, as the platforms would be handed it. */
async function drain(): Promise<{ group: string; msg: GroupMessage }[]> {
  const out: { group: string; msg: GroupMessage }[] = [];
  const deliver: Deliver = async (group, msg) => (out.push({ group, msg }), { ok: true, messageIds: [`m${out.length}`] });
  await flushOutbox({ db: chat.db, now: () => new Date('2026-03-05T02:00:00Z') }, deliver);
  return out;
}

function remindDeps(): RemindDeps {
  return { db: chat.db, kb, calendar, config, now: () => new Date('2026-03-06T01:00:00Z') };
}

/** The reminder messages the daily run would compose on `day`, seeing the store as of `asOf`. */
function plan(day: string, asOf = `${day}T01:00:00Z`) {
  return planMessages(remindDeps(), day, { asOf: new Date(asOf), since: '2026-03-01', sent: () => false });
}

describe('/催办', () => {
  it('posts once to the lead unit group, @ its liaison, with the overdue milestone and the words; audited; kicked after commit', async () => {
    const r = await say('督查室', '/催办 28 请本周内报送进展');
    expect(r.text).toMatch(/^已催办第28项（住建局），已发往牵头单位所在的群/);
    expect(kicks).toBe(1);
    const sent = await drain();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.group).toBe(ZJJ);
    expect(sent[0]!.msg.mentions).toEqual([{ userId: idOf('张三'), name: '张三' }]);
    const text = sent[0]!.msg.text;
    expect(text).toContain('【催办】第28项');
    expect(text).toContain('▍住建局 @张三');
    expect(text).toContain('逾期节点：3月1日 完成主体结构（已逾期4天）');
    expect(text).toContain('督查室：请本周内报送进展');
    expect(chat.audit().filter((a) => a.action === 'task.chase')).toHaveLength(1);
    // the item's timeline and /进展 28 show it
    expect((await say('督查室', '/进展 28')).text).toMatch(/催办1次，最近3月5日 10:00（督查室）/);
  });

  it('who may: the office and leaders; not a liaison nor a stranger (nothing written, nothing posted)', async () => {
    expect((await say('张三', '/催办 28')).text).toBe('只有督查室和领导可以催办。联络员请用 /进展 填报进展。');
    expect((await say('路人', '/催办 28')).text).toBe('只有督查室和领导可以催办。联络员请用 /进展 填报进展。');
    expect(rows('chases') + rows('outbox')).toBe(0);
    expect(kicks).toBe(0);
    expect((await say('曹陶', '/催办 28 抓紧')).text).toMatch(/^已催办第28项/);
    expect((await drain())[0]!.msg.text).toContain('曹陶：抓紧');
  });

  it('bad input gets a Chinese reply and writes nothing', async () => {
    expect((await say('督查室', '/催办')).text).toContain('请写要催办的事项编号，例如：/催办 28');
    expect((await say('督查室', '/催办 9999')).text).toContain('没有第9999项');
    expect((await say('督查室', '/催办 -1 快')).text).toContain('编号“-1”不对');
    expect((await say('督查室', '/催办 住建局')).text).toContain('请写事项编号');
    expect((await say('督查室', `/催办 28 ${'快'.repeat(201)}`)).text).toContain('超过200字上限');
    expect((await say('督查室', `/催办 28 ${'催'.repeat(100_000)}`)).text).toMatch(/^消息太长/);
    expect(rows('chases') + rows('outbox') + chat.count('audit')).toBe(4); // the set-up's bindings and milestone only
  });

  it('a redelivered message posts nothing twice', async () => {
    const first = await say('督查室', '/催办 28 请报送', 'm-chase');
    const again = await say('督查室', '/催办 28 请报送', 'm-chase');
    expect(again.text).toContain('已经处理过');
    expect(again.text).toContain(first.text);
    expect(rows('chases')).toBe(1);
    expect(await drain()).toHaveLength(1);
    expect(await drain()).toHaveLength(0);
  });

  it('once per item per day unless repeated with 再次; a new day starts afresh', async () => {
    await say('督查室', '/催办 28');
    const twice = await say('督查室', '/催办 28 快');
    expect(twice.text).toContain('今天已催办过（3月5日 10:00，督查室）');
    expect(twice.text).toContain('/催办 28 再次 快');
    expect(rows('chases')).toBe(1);
    expect((await say('督查室', '/催办 28 再次 今天下班前报送')).text).toMatch(/^已再次催办第28项/);
    // another item the same day is not affected
    expect((await say('督查室', '/催办 29')).text).toMatch(/^已催办第29项/);
    chat.advanceHours(24);
    expect((await say('督查室', '/催办 28')).text).toMatch(/^已催办第28项/);
    const texts = (await drain()).map((s) => s.msg.text.split('\n')[0]);
    expect(texts.filter((t) => t!.startsWith('【再次催办】第28项'))).toHaveLength(1);
    expect(rows('chases')).toBe(4);
  });

  it('goes to the default group when no group subscribed to the unit, and says the unit has no liaison', async () => {
    const r = await say('督查室', '/催办 1');
    expect(r.text).toContain('默认群');
    expect(r.text).toContain('还没有绑定联络员');
    const [s] = await drain();
    expect(s!.group).toBe(DEFAULT);
    expect(s!.msg.mentions).toEqual([]);
    expect(s!.msg.text).toMatch(/▍\*\*.+\*\*（未绑定联络员）/);
  });

  it('counts per unit in /汇总', async () => {
    await say('督查室', '/催办 28');
    await say('督查室', '/催办 28 再次');
    await say('督查室', '/催办 26');
    expect((await say('督查室', '/汇总 单位')).text).toMatch(/· 住建局 .*｜催办3次/);
    expect((await say('督查室', '/汇总 住建局')).text).toMatch(/住建局：牵头.*｜催办3次/);
  });

  it('the words cannot @ anyone: only the computed liaisons are mentioned, on WeCom and Feishu alike', async () => {
    // a WeCom group subscribed to 住建局 with a WeCom liaison
    const at = '2026-03-01T00:00:00.000Z';
    subscribe(chat.db, 'wecom:wr_zjj', 'unit:住建局', 'feishu:id-督查室', at);
    touchUser(chat.db, { platform: 'wecom', userId: 'wangwu', name: '王五' }, at);
    createBinding(chat.db, { platform: 'wecom', userId: 'wangwu', unit: '住建局', status: 'active', requestedBy: 'x', requestedAt: at, chatId: 'wr_zjj', decidedBy: 'x' });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }).map((s) => `<@all> ${s} <at user_id="all"></at> [链接](http://x)`), async (words) => {
        chat.advanceHours(24); // a new day: the once-per-day rule does not apply
        const r = await say('督查室', `/催办 28 ${words}`);
        if (!r.text.startsWith('已催办')) return; // words the parser refuses (control characters) post nothing
        n++;
        for (const { group, msg } of await drain()) {
          if (group.startsWith('wecom:')) {
            const w = webhookText(msg);
            expect(w.mentionedList).toEqual(['wangwu']);
            expect(w.content).not.toMatch(/<@|<at/);
          } else {
            for (const part of renderMessage(msg.text, { mentions: msg.mentions })) {
              expect(part.content).not.toContain('user_id=\\"all\\"');
              expect(part.content).not.toContain('<at id=all>');
            }
          }
        }
      }),
      { numRuns: 25 },
    );
    expect(n).toBeGreaterThan(0);
  });
});

describe('/批示 and /签收', () => {
  it('a leader instructs, the liaison signs, the leader sees it signed', async () => {
    const r = await say('曹陶', '/批示 28 抓紧推进，月底前开工');
    expect(r.text).toMatch(/^已发出第28项批示（#1）到牵头单位所在的群，等待住建局签收/);
    expect(kicks).toBe(1);
    const [s] = await drain();
    expect(s!.group).toBe(ZJJ);
    expect(s!.msg.text).toContain('曹陶批示：抓紧推进，月底前开工');
    expect(s!.msg.text).toContain('/签收 28');
    expect(s!.msg.mentions.map((m) => m.userId)).toEqual([idOf('张三')]);
    expect(s!.msg.actions).toEqual([{ label: '签收', command: '/签收 28' }]); // a button on Feishu cards
    expect((await say('曹陶', '/批示')).text).toContain('· #1 第28项 3月5日 抓紧推进，月底前开工｜未签收');
    expect((await say('督查室', '/进展 28')).text).toContain('批示未签收1条');

    const signed = await say('张三', '/签收 28');
    expect(signed.text).toMatch(/^已签收第28项批示1条（住建局 张三）/);
    expect(signed.mentions).toEqual([idOf('曹陶')]);
    expect((await say('曹陶', '/批示')).text).toContain('｜已签收（住建局 张三，3月5日）');
    expect((await say('张三', '/签收 28')).text).toBe('第28项没有待签收的批示。');
    expect(chat.audit().map((a) => a.action).filter((a) => a.startsWith('instruction.'))).toEqual(['instruction.create', 'instruction.sign']);
  });

  it('who may: leaders and the office instruct; only a lead unit liaison signs', async () => {
    expect((await say('张三', '/批示 28 快')).text).toBe('只有领导和督查室可以批示。');
    expect((await say('张三', '/批示')).text).toBe('只有领导和督查室可以批示。');
    expect(rows('instructions')).toBe(0);
    expect((await say('督查室', '/批示 28 请住建局本周报送')).text).toMatch(/^已发出第28项批示/);
    expect((await say('李四', '/签收 28')).text).toContain('你是城管局的联络员，不能签收第28项的批示');
    expect((await say('曹陶', '/签收 28')).text).toContain('不能签收第28项的批示');
    expect((await say('督查室', '/签收 28')).text).toContain('不能签收第28项的批示');
    expect((chat.db.prepare('SELECT COUNT(*) AS n FROM instructions WHERE signed_at IS NOT NULL').get() as { n: number }).n).toBe(0);
  });

  it('bad input and redelivery', async () => {
    expect((await say('曹陶', '/批示 28')).text).toContain('批示内容是空的');
    expect((await say('曹陶', '/批示 9999 快')).text).toContain('没有第9999项');
    expect((await say('曹陶', `/批示 28 ${'快'.repeat(301)}`)).text).toContain('超过300字上限');
    expect((await say('曹陶', `/批示 28 ${'快'.repeat(100_000)}`)).text).toMatch(/^消息太长/);
    expect((await say('张三', '/签收')).text).toContain('请写要签收批示的事项编号');
    expect((await say('张三', '/签收 28 收到')).text).toContain('签收只需写事项编号');
    expect(rows('instructions')).toBe(0);
    await say('曹陶', '/批示 28 抓紧', 'm-ins');
    expect((await say('曹陶', '/批示 28 抓紧', 'm-ins')).text).toContain('已经处理过');
    expect(rows('instructions')).toBe(1);
    await say('张三', '/签收 28', 'm-sign');
    expect((await say('张三', '/签收 28', 'm-sign')).text).toContain('已经处理过');
    expect(chat.audit().filter((a) => a.action === 'instruction.sign')).toHaveLength(1);
    expect(await drain()).toHaveLength(1);
  });

  it('an unsigned instruction is in the next workday\'s reminder, once; signed ones are not', async () => {
    await say('曹陶', '/批示 28 抓紧推进');
    await say('曹陶', '/批示 26 加快进度');
    expect(plan('2026-03-05', '2026-03-05T03:00:00Z').some((m) => m.text.includes('批示未签收'))).toBe(false); // not the same day
    const next = plan('2026-03-06').find((m) => m.group === ZJJ)!;
    expect(next.text).toContain('批示未签收2条');
    expect(next.text).toContain('· 第28项 曹陶批示（3月5日）未签收：抓紧推进｜/签收 28');
    expect(next.mentions.map((m) => m.userId)).toContain(idOf('张三'));
    // the daily run records it with its notice: a second run the same day sends nothing more
    const sent: GroupMessage[] = [];
    const deliver: Deliver = async (_g, msg) => (sent.push(msg), { ok: true, messageIds: ['x'] });
    await runRemindersOn(remindDeps(), deliver, '2026-03-06');
    const before = sent.filter((m) => m.text.includes('批示未签收')).length;
    await runRemindersOn(remindDeps(), deliver, '2026-03-06');
    expect(sent.filter((m) => m.text.includes('批示未签收')).length).toBe(before);
    expect(before).toBeGreaterThan(0);
    // signed the same morning: the next workday's plan no longer has 第28项's
    await say('张三', '/签收 28');
    const after = plan('2026-03-06').find((m) => m.group === ZJJ)!;
    expect(after.text).not.toContain('第28项 曹陶批示');
    expect(after.text).toContain('第26项 曹陶批示');
  });

  it('shown on the dashboard item page', async () => {
    await say('曹陶', '/批示 28 抓紧推进');
    await say('曹陶', '/批示 28 月底前开工');
    const page = pageOf(28);
    expect(page).toContain('批示未签收 2 条');
    expect(page).toContain('曹陶批示：抓紧推进｜未签收');
  });
});

describe('unsigned 批示 of a closed item', () => {
  it('are not outstanding anywhere while the item is closed, and count again once it is reopened', async () => {
    await say('曹陶', '/批示 28 抓紧推进');
    const overview = () => String(overviewPage({ db: chat.db, kb, calendar, remindConfig: config, now: new Date('2026-03-05T03:00:00Z'), today: '2026-03-05', query: new URLSearchParams() }).html);
    const outstanding = () => ({
      counts: unsignedCounts(chat.db).get(28) ?? 0,
      page: pageOf(28).includes('批示未签收 1 条'),
      overview: overview().includes('批示未签收'),
    });
    expect(outstanding()).toEqual({ counts: 1, page: true, overview: true });
    expect((await say('督查室', '/进展 28')).text).toContain('批示未签收1条');
    expect((await say('曹陶', '/批示')).text).toContain('（未签收1条）');

    await ok('督查室', '/销号 28 已全部完成', /销号/);
    expect(outstanding()).toEqual({ counts: 0, page: false, overview: false });
    expect((await say('督查室', '/进展 28')).text).not.toContain('批示未签收');
    const mine = (await say('曹陶', '/批示')).text;
    expect(mine).toContain('（未签收0条）');
    expect(mine).toContain('未签收（事项已销号）');
    // the record itself stays on the item's page
    expect(pageOf(28)).toContain('曹陶批示：抓紧推进｜未签收');

    await ok('督查室', '/销号 28 撤销 发现质量问题', /已撤销/);
    expect(outstanding()).toEqual({ counts: 1, page: true, overview: true });
  });
});

function pageOf(no: number): string {
  const now = new Date('2026-03-05T03:00:00Z');
  return String(taskPage({ db: chat.db, kb, calendar, remindConfig: config, now, today: '2026-03-05', query: new URLSearchParams({ no: String(no) }) }).html);
}

describe('/销号', () => {
  it('a lead unit asks, the office approves: the item is 已销号 everywhere and leaves the reminders; reopening brings it back', async () => {
    await ok('张三', '/节点 28 3月9日 完成竣工验收', /3月9日/);
    const remindsOf28 = () => plan('2026-03-06', '2026-03-06T01:00:00Z').some((m) => m.tasks.includes('第28项'));
    expect(remindsOf28()).toBe(true);

    const req = await say('张三', '/销号 28 已完成全部408套');
    expect(req.text).toMatch(/^已提交第28项销号申请#1（住建局）/);
    expect(req.mentions).toEqual([idOf('督查室')]);
    expect((await say('督查室', '/待批')).text).toContain('· 第28项 #1 住建局 张三');
    expect(remindsOf28()).toBe(true); // a request alone closes nothing

    expect((await say('张三', '/批准 销号28')).text).toBe('只有督查室管理员可以批准销号。');
    const yes = await say('督查室', '/批准 销号28');
    expect(yes.text).toMatch(/^已批准：第28项销号（3月5日/);
    expect(yes.mentions).toEqual([idOf('张三')]);
    expect(remindsOf28()).toBe(false);
    expect((await say('督查室', '/滞后')).text).toContain('已销号1项：第28项（3月5日）');
    expect((await say('督查室', '/滞后')).text).not.toMatch(/· 第28项/);
    expect((await say('督查室', '/汇总')).text).toContain('已销号1项：第28项（3月5日）');
    expect((await say('督查室', '/汇总 住建局')).text).toMatch(/住建局：牵头.*｜已销号1项/);
    expect((await say('督查室', '/进展 28')).text).toContain('状态：已完成（已销号 3月5日）');
    expect(pageOf(28)).toContain('已销号 3月5日');
    expect(await exportedState(28)).toBe('已完成（已销号 3月5日）');
    expect((await say('督查室', '/催办 28')).text).toContain('已于3月5日销号，不再催办');

    expect((await say('张三', '/销号 28 撤销')).text).toContain('只有督查室管理员可以撤销销号');
    expect((await say('督查室', '/销号 28 撤销 发现质量问题')).text).toContain('已撤销第28项的销号（发现质量问题）');
    expect(remindsOf28()).toBe(true);
    expect((await say('督查室', '/进展 28')).text).not.toContain('已销号');
    expect(chat.audit().map((a) => a.action).filter((a) => a.startsWith('closure.'))).toEqual(['closure.request', 'closure.close', 'closure.reopen']);
  });

  it('the office sends it back with a reason; the unit may ask again', async () => {
    await say('张三', '/销号 28 已完成');
    expect((await say('督查室', '/驳回 销号28')).text).toContain('要写明理由');
    const back = await say('督查室', '/驳回 销号28 请补充竣工验收材料');
    expect(back.text).toContain('已退回第28项的销号申请#1（住建局 张三）：请补充竣工验收材料');
    expect(back.mentions).toEqual([idOf('张三')]);
    expect((await say('督查室', '/批准 销号28')).text).toContain('没有待批的销号申请');
    expect((await say('张三', '/销号 28 已完成，验收材料见附件')).text).toMatch(/^已提交第28项销号申请#2/);
    // binding requests keep their numbers: /批准 7 is still a binding request
    expect((await say('督查室', '/批准 2')).text).toContain('申请#2已经批准');
  });

  it('who may ask: a lead unit liaison, or the office (which closes at once)', async () => {
    expect((await say('李四', '/销号 28 已完成')).text).toContain('你是城管局的联络员，不能申请第28项销号');
    expect((await say('路人', '/销号 28 已完成')).text).toContain('你还没有绑定牵头单位，不能申请第28项销号');
    expect((await say('曹陶', '/销号 28 已完成')).text).toContain('不能申请第28项销号');
    expect(rows('closures')).toBe(0);
    expect((await say('督查室', '/销号 26 经核查已全部完成')).text).toMatch(/^第26项已销号（3月5日，督查室）/);
    expect((await say('张三', '/销号 26 已完成')).text).toBe('第26项已于3月5日销号。');
  });

  it('bad input, a pending request, withdrawal and redelivery', async () => {
    expect((await say('张三', '/销号')).text).toContain('请写事项编号和完成情况');
    expect((await say('张三', '/销号 28')).text).toContain('请写完成情况');
    expect((await say('张三', '/销号 9999 已完成')).text).toContain('没有第9999项');
    expect((await say('张三', `/销号 28 ${'完'.repeat(501)}`)).text).toContain('超过500字上限');
    expect((await say('张三', `/销号 28 ${'完'.repeat(100_000)}`)).text).toMatch(/^消息太长/);
    expect((await say('督查室', '/批准 销号')).text).toContain('请写事项编号');
    expect((await say('督查室', '/批准 销号28 好')).text).toContain('批准销号只需写事项编号');
    expect(rows('closures')).toBe(0);

    await say('张三', '/销号 28 已完成', 'm-close');
    expect((await say('张三', '/销号 28 已完成', 'm-close')).text).toContain('已经处理过');
    expect((await say('张三', '/销号 28 已完成')).text).toContain('还在等待督查室批准');
    expect(rows('closures')).toBe(1);
    expect((await say('李四', '/销号 28 撤销')).text).toContain('只有申请人（张三）');
    expect((await say('张三', '/销号 28 撤销')).text).toBe('已撤回第28项的销号申请#1。');
    expect((await say('督查室', '/批准 销号28')).text).toContain('没有待批的销号申请');

    await say('张三', '/销号 28 已完成');
    await say('督查室', '/批准 销号28', 'm-ok');
    expect((await say('督查室', '/批准 销号28', 'm-ok')).text).toContain('已经处理过');
    expect(chat.audit().filter((a) => a.action === 'closure.close')).toHaveLength(1);
  });
});

async function exportedState(no: number): Promise<unknown> {
  const buf = await exportWorkbook({ db: chat.db, kb, today: '2026-03-05' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SHEETS.keyTasks)!;
  const head = ws.getRow(2);
  let col = 0;
  head.eachCell((c, i) => {
    if (c.value === '当前状态') col = i;
  });
  for (let r = 3; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === no) return ws.getRow(r).getCell(col).value;
  return undefined;
}

it('the outbox rows of the loop are alerts naming their item; the operator sees them as 催办 and 批示', async () => {
  await say('督查室', '/催办 28');
  await say('曹陶', '/批示 28 抓紧推进');
  const rows = listOutbox(chat.db);
  expect(rows.map((r) => [r.kind, r.tasks, outboxLabel(r.kind, r.idemKey)]).sort()).toEqual([
    ['alert', ['第28项'], '催办'],
    ['alert', ['第28项'], '批示'],
  ].sort());
  expect(outboxLabel('remind', 'x')).toBe('节点提醒');
  expect(outboxLabel('digest', 'bulletin:2026-03-09:g')).toBe('简版专报');
  expect(outboxLabel('alert', 'calendar-provisional:2027:g')).toBe('工作日历提示');
});

describe('instructionNotices (the reminder rule for unsigned 批示)', () => {
  const task = kb.keyTasks.find((t) => t.no === 28)!;
  const base = { calendar, task: (no: number) => (no === 28 ? task : undefined), closed: new Set<number>(), sent: () => false };
  const dayOf = (i: number) => addDays('2026-01-05', i);

  it('due from the first workday after it was given, on workdays only; never once signed or closed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 }), (g, offset) => {
        const given = dayOf(g);
        const day = addDays(given, offset);
        const row = { id: 1, taskNo: 28, text: '抓紧', leader: '曹陶', createdAt: `${given}T02:00:00.000Z`, signedAt: null };
        const asOf = new Date(`${day}T01:00:00Z`);
        const ns = instructionNotices(day, [row], { ...base, asOf });
        const due = calendar.isWorkday(day) && day >= calendar.nextWorkday(given);
        expect(ns.length).toBe(due ? 1 : 0);
        if (due) expect(ns[0]!.key).toMatch(/^ins:1:w\d+$/);
        expect(instructionNotices(day, [{ ...row, signedAt: `${given}T03:00:00.000Z` }], { ...base, asOf })).toEqual([]);
        expect(instructionNotices(day, [row], { ...base, asOf, closed: new Set([28]) })).toEqual([]);
      }),
    );
  });
});
