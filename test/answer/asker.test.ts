// The asker's words (knowledge/asker.json, src/answer/asker.ts): who asks, what for, how the reply
// should come and voice-input filler leave the answer as it is; a clause of context with words of
// its own stays, and goes only on a retry.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/answer.ts';
import { readAsker } from '../../src/answer/asker.ts';
import { knowledgeContext } from '../../src/knowledgeContext.ts';

const ctx = knowledgeContext();
const qs = (JSON.parse(readFileSync('test/fixtures/questions.json', 'utf8')) as { q: string; found: boolean }[]).filter((x) => x.q.trim() && !/[\s，,。；;：:？?]/.test(x.q.trim()));
const BEFORE = ['财政局这边问一下，', '组织部想了解一下：', '写汇报材料用：', '我是新来的联络员，', '嗯 那个 '];
const AFTER = ['，写发言稿要用', ' 你帮我查下', '，发我一下', ' 我是镇里的小王'];

describe('the asker around a question', () => {
  it('leaves the answer as it is, before or after, negatives included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...qs), fc.constantFrom(...BEFORE, ''), fc.constantFrom(...AFTER, ''), (x, b, a) => {
        const asked = `${b}${x.q}${a}`;
        const plain = answer(x.q, ctx);
        const got = answer(asked, ctx);
        expect(got.found, asked).toBe(plain.found);
        expect(got.text, asked).toBe(plain.text);
      }),
      { numRuns: 200 },
    );
  });

  it('cuts the asker’s run where a word ends, never inside one of the question’s', () => {
    expect(readAsker('财政局问下第28项谁牵头').question).toBe('第28项谁牵头');
    expect(readAsker('写发言稿要讲住建局牵头几项').question).toBe('住建局牵头几项');
    expect(readAsker('统计有没有逾期的').question).toBe('统计有没有逾期的');
    expect(readAsker('审计整改怎么调度的').question).toBe('审计整改怎么调度的');
    expect(readAsker('24年政府工作报告是在什么会上做的').question).toBe('24年政府工作报告是在什么会上做的');
    expect(readAsker('下周调度会 专报突出问题第六点').question).toBe('专报突出问题第六点');
    expect(readAsker('第28项进度报一下').question).toBe('第28项进度报一下');
  });

  it('keeps a clause of context for its words, and offers the question without it', () => {
    const r = readAsker('写提案想关注托育服务，托育托管服务点谁牵头');
    expect(r.question).toBe('托育服务 托育托管服务点谁牵头');
    expect(r.bare).toBe('托育托管服务点谁牵头');
    // a remark about oneself goes on the retry; a self-introduction names the subject (我们镇): kept
    expect(readAsker('我眼睛不好，第28项谁牵头').bare).toBe('第28项谁牵头');
    // a self-introduction names the subject (我们镇): kept, no retry without it
    expect(readAsker('我是罗江镇的，我们镇家庭医生签约多少人').bare).toBeUndefined();
    // a clause that asks is the question, whoever's words are in it
    expect(readAsker('政府公报编辑部地址在哪 邮编多少').question).toBe('政府公报编辑部地址在哪 邮编多少');
  });

  it('drops the request closing the question, conditions and all', () => {
    expect(readAsker('水利局的进度填了没，没填的话就催一下').question).toBe('水利局的进度填了没');
    expect(readAsker('屈原输变电工程哪个单位负责的我要对接一下').question).toBe('屈原输变电工程哪个单位负责的');
    expect(readAsker('滞后的任务给我拉个单子出来').question).toBe('滞后的任务');
  });
});
