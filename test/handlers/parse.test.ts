// The command parser alone: pure text in, command out.
import { describe, expect, it } from 'vitest';
import { parseDue } from '../../src/commands/due.ts';
import { parseCommand } from '../../src/commands/all.ts';
import type { Command } from '../../src/commands/parse.ts';

const p = (text: string, mentionNames: string[] = []) => parseCommand(text, { year: 2026, mentionNames });

describe('parseCommand', () => {
  it('is null for questions', () => {
    expect(p('谁牵头第28项')).toBeNull();
    expect(p('28/30 完成')).toBeNull();
  });

  it('reads a report with percent and status, keeping the text verbatim', () => {
    expect(p('/进展 28 已开工建设120套，完成率30%')).toEqual({
      kind: 'report', taskNo: 28, text: '已开工建设120套，完成率30%', percent: 30, status: null,
    });
    expect(p('／进展：「第28项」　已开工，完成率３０．５％，正常推进')).toMatchObject({
      kind: 'report', taskNo: 28, text: '已开工，完成率３０．５％，正常推进', percent: 30.5, status: '正常推进',
    });
  });

  it.each([
    ['/进展 28', 28], ['/进展 第28项', 28], ['/进展「第28项」', 28], ['/进展 第二十八项', 28], ['/进展 二十八项', 28],
    ['/进展 28项', 28], ['/进展 #28', 28], ['/进展 任务28', 28], ['/jz 69', 69], ['/进展28', 28], ['/progress 1', 1],
    ['/进展 【28】', 28], ['／ＪＺ　２８', 28],
  ])('task reference %s', (text, no) => {
    expect(p(text)).toEqual({ kind: 'view', taskNo: no });
  });

  it('multi-line report text is kept', () => {
    expect(p('/进展 28\n一、已开工\n二、完成率30%')).toMatchObject({ kind: 'report', text: '一、已开工\n二、完成率30%', percent: 30 });
  });

  it.each<[string, Partial<Command>]>([
    ['/帮助', { kind: 'help' }], ['/help', { kind: 'help' }], ['/h', { kind: 'help' }], ['/？', { kind: 'help' }],
    ['/我的任务', { kind: 'mine' }], ['/我的', { kind: 'mine' }], ['/mine', { kind: 'mine' }],
    ['/滞后', { kind: 'lagging', scope: null }], ['/zh 住建局', { kind: 'lagging', scope: '住建局' }],
    ['/汇总', { kind: 'summary', by: 'all' }], ['/hz', { kind: 'summary', by: 'all' }], ['/汇总 按单位', { kind: 'summary', by: 'unit' }],
    ['/汇总 领导', { kind: 'summary', by: 'leader' }], ['/汇总 镇', { kind: 'summary', by: 'town' }],
    ['/汇总 住建局', { kind: 'summary-of', name: '住建局' }],
    ['/撤回', { kind: 'undo', taskNo: null }], ['/undo 28', { kind: 'undo', taskNo: 28 }],
    ['/更正 已开工150套', { kind: 'edit', taskNo: null, text: '已开工150套' }],
    ['/更正 28 已开工150套', { kind: 'edit', taskNo: 28, text: '已开工150套' }],
    ['/更正 120套已开工', { kind: 'edit', taskNo: null, text: '120套已开工' }],
    ['/绑定 住建局', { kind: 'bind', unit: '住建局', targets: [] }],
    ['/绑定 @张三 住建局', { kind: 'bind', unit: '住建局', targets: ['张三'] }],
    ['/解绑', { kind: 'unbind', unit: null, targets: [] }],
    ['/批准 7', { kind: 'approve', id: 7 }], ['/批准 #7', { kind: 'approve', id: 7 }],
    ['/驳回 7 不是本单位', { kind: 'reject', id: 7, note: '不是本单位' }],
    ['/待批', { kind: 'pending' }], ['/领导', { kind: 'leader-list' }],
    ['/领导 @张三 曹陶', { kind: 'leader-grant', targets: ['张三'], person: '曹陶' }],
    ['/领导 删 @张三', { kind: 'leader-revoke', targets: ['张三'] }],
    ['/身份', { kind: 'whoami' }],
    ['/节点 28', { kind: 'milestone-list', taskNo: 28 }],
    ['/节点 28 6月底 完成主体结构', { kind: 'milestone-add', taskNo: 28, due: { date: '2026-06-30', label: '6月底' }, text: '完成主体结构', targetPercent: null }],
    ['/节点 28 6月底前完成主体结构', { kind: 'milestone-add', taskNo: 28, due: { date: '2026-06-30', label: '6月底前' }, text: '完成主体结构' }],
    ['/节点 改 5 9月底', { kind: 'milestone-edit', id: 5, due: { date: '2026-09-30', label: '9月底' }, text: null }],
    ['/节点 改 5 主体封顶', { kind: 'milestone-edit', id: 5, due: null, text: '主体封顶' }],
    ['/节点 删 5', { kind: 'milestone-delete', id: 5 }],
    ['/不存在', { kind: 'unknown', name: '不存在' }],
    ['/hello', { kind: 'unknown', name: 'hello' }],
  ])('%s', (text, expected) => {
    expect(p(text)).toMatchObject(expected);
  });

  it('mentions with spaces in the display name', () => {
    expect(p('/绑定 @Zhang San 住建局', ['Zhang San'])).toEqual({ kind: 'bind', unit: '住建局', targets: ['Zhang San'] });
  });
});

describe('parseDue', () => {
  it.each([
    ['6月底', '2026-06-30'], ['6月末', '2026-06-30'], ['6月', '2026-06-30'], ['6月15日', '2026-06-15'], ['6月15号', '2026-06-15'],
    ['6月15 之后', '2026-06-15'], ['六月底', '2026-06-30'], ['十二月十五日', '2026-12-15'], ['2026-06-30', '2026-06-30'],
    ['2026/6/3', '2026-06-03'], ['2027年3月1日', '2027-03-01'], ['2027年3月底', '2027-03-31'], ['三季度末', '2026-09-30'],
    ['第二季度', '2026-06-30'], ['Q1', '2026-03-31'], ['上半年', '2026-06-30'], ['年中', '2026-06-30'], ['年底', '2026-12-31'],
    ['年内', '2026-12-31'], ['2026年底', '2026-12-31'], ['下半年', '2026-12-31'], ['6月上旬', '2026-06-10'],
    ['6月中旬', '2026-06-20'], ['6月下旬', '2026-06-30'], ['2月底', '2026-02-28'],
  ])('%s → %s', (text, date) => {
    expect(parseDue(text, 2026)).toMatchObject({ ok: true, date });
  });

  it('leap years and impossible dates', () => {
    expect(parseDue('2月底', 2028)).toMatchObject({ ok: true, date: '2028-02-29' });
    expect(parseDue('2月29日', 2026)).toEqual({ ok: false, reason: '2月没有29日' });
    expect(parseDue('13月底', 2026)).toEqual({ ok: false, reason: '没有13月' });
    expect(parseDue('完成主体结构', 2026)).toBeNull();
  });
});
