// The permission matrix: every role against every kind of command, on a task whose
// cooperating units are a collective phrase (28: 住建局 leads, 相关镇政府、街道办 cooperate) and
// on one with a named cooperating unit (2: 财政局 leads, 税务局 cooperates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindVia, makeChat, type Chat } from '../helpers/chat.ts';

let chat: Chat;
beforeAll(async () => {
  chat = makeChat({ admins: ['督查室'], leaders: ['曹市长'] });
  await bindVia(chat, '督查室', '住建联络员', '住建局');
  await bindVia(chat, '督查室', '白水联络员', '白水镇');
  await bindVia(chat, '督查室', '财政联络员', '财政局');
  await bindVia(chat, '督查室', '税务联络员', '税务局');
  await bindVia(chat, '督查室', '发改联络员', '发改局');
  await chat.say('待批人', 'g', '/绑定 住建局'); // pending: not a liaison yet
});
afterAll(() => chat.close());

const ROLES = ['督查室', '曹市长', '住建联络员', '白水联络员', '财政联络员', '税务联络员', '发改联络员', '待批人', '路人'] as const;
type Role = (typeof ROLES)[number];

const ok = (prefix: RegExp) => (r: string) => prefix.test(r);
const notRefused = (r: string) => !/只有|不能|没有绑定/.test(r);

/** action → [command, success test, who may] */
const MATRIX: [string, string, (r: string) => boolean, Role[]][] = [
  ['report on 28', '/进展 28 矩阵测试', ok(/^已记录/), ['督查室', '住建联络员', '白水联络员']],
  ['report on 2', '/进展 2 矩阵测试', ok(/^已记录/), ['督查室', '财政联络员', '税务联络员']],
  ['milestone on 28', '/节点 28 年底 矩阵测试', ok(/^已设/), ['督查室', '住建联络员']],
  ['milestone on 2', '/节点 2 年底 矩阵测试', ok(/^已设/), ['督查室', '财政联络员']],
  ['view 28', '/进展 28', ok(/^第28项 /), ['督查室', '曹市长', '住建联络员', '白水联络员']],
  ['view 2', '/进展 2', ok(/^第2项 /), ['督查室', '曹市长', '财政联络员', '税务联络员']],
  ['list milestones of 28', '/节点 28', ok(/^第28项节点/), ['督查室', '曹市长', '住建联络员', '白水联络员']],
  ['lagging list', '/滞后', notRefused, ['督查室', '曹市长', '住建联络员', '白水联络员', '财政联络员', '税务联络员', '发改联络员']],
  ['summary', '/汇总', notRefused, ['督查室', '曹市长', '住建联络员', '白水联络员', '财政联络员', '税务联络员', '发改联络员']],
  ['summary by unit', '/汇总 单位', ok(/^截至.*\n按牵头单位/), ['督查室', '曹市长']],
  ['summary of 住建局', '/汇总 住建局', ok(/住建局：牵头/), ['督查室', '曹市长', '住建联络员']],
  ['pending requests', '/待批', ok(/待批准的绑定申请/), ['督查室']],
  ['leader list', '/领导', ok(/领导账号/), ['督查室', '曹市长']],
  ['my tasks', '/我的任务', () => true, [...ROLES]],
  ['help', '/帮助', ok(/督办助手用法/), [...ROLES]],
];

describe('permission matrix', () => {
  for (const [action, text, success, allowed] of MATRIX) {
    describe(action, () => {
      for (const role of ROLES) {
        const may = allowed.includes(role);
        it(`${role} ${may ? 'may' : 'may not'}`, async () => {
          const before = chat.count('audit');
          const r = await chat.say(role, 'g', text);
          expect(success(r), r).toBe(may);
          if (!may) {
            expect(chat.count('audit')).toBe(before);
            // a refusal says who may, or how to become someone who may
            expect(r).toMatch(/联络员|督查室|领导/);
          }
        });
      }
    });
  }

  it('refusals to report name the units and their current liaisons', async () => {
    expect(await chat.say('发改联络员', 'g', '/进展 28 x')).toBe(
      '你是发改局的联络员，不能填报第28项。第28项可由牵头单位（住建局）或配合单位（相关镇政府、街道办）的联络员填报，督查室也可代填；现有联络员：住建局 住建联络员。',
    );
    expect(await chat.say('曹市长', 'g', '/进展 2 x')).toBe(
      '领导账号只能查看，不能填报。第2项可由牵头单位（财政局）或配合单位（税务局）的联络员填报，督查室也可代填；现有联络员：财政局 财政联络员、税务局 税务联络员。',
    );
  });

  it('reports record the unit the liaison acted for', () => {
    const units = chat.reports().map((r) => `${r.taskNo}:${r.userName}:${r.unit}`);
    expect(units).toEqual(
      expect.arrayContaining(['28:督查室:督查室', '28:住建联络员:住建局', '28:白水联络员:白水镇', '2:税务联络员:税务局']),
    );
  });
});
