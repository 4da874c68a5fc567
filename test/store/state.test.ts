// The task-state rule, case by case (src/progress/state.ts; docs/reporting.md states it).
import { describe, expect, it } from 'vitest';
import { meetsMilestone, taskState, type StateMilestone, type StateReport } from '../../src/progress/state.ts';

const T = { no: 28 };
const ms = (dueDate: string, targetPercent: number | null = null, taskNo = 28): StateMilestone => ({ taskNo, dueDate, targetPercent });
/** a report filed at 10:00 local time on `date` */
const rep = (date: string, o: Partial<StateReport> = {}): StateReport => ({
  taskNo: 28,
  createdAt: `${date}T02:00:00.000Z`,
  percent: null,
  status: null,
  ...o,
});

describe('taskState', () => {
  it('未开始: no report, nothing past due', () => {
    expect(taskState(T, [], [], '2026-03-05')).toBe('未开始');
    expect(taskState(T, [ms('2026-06-30')], [], '2026-03-05')).toBe('未开始');
    expect(taskState(T, [ms('2026-03-05')], [], '2026-03-05')).toBe('未开始'); // due today is not past due
  });

  it('正常推进: any report, nothing missed', () => {
    expect(taskState(T, [], [rep('2026-03-01')], '2026-03-05')).toBe('正常推进');
    expect(taskState(T, [ms('2026-03-31')], [rep('2026-03-10')], '2026-04-02')).toBe('正常推进');
  });

  it('已完成: the latest report says so, or says 100%', () => {
    expect(taskState(T, [], [rep('2026-03-01', { status: '已完成' })], '2026-03-05')).toBe('已完成');
    expect(taskState(T, [], [rep('2026-03-01', { percent: 100 })], '2026-03-05')).toBe('已完成');
    // a later report that is not 已完成 reopens it
    expect(taskState(T, [], [rep('2026-03-01', { status: '已完成' }), rep('2026-03-02')], '2026-03-05')).toBe('正常推进');
    // 已完成 wins over missed milestones
    expect(taskState(T, [ms('2026-01-31')], [rep('2026-03-01', { status: '已完成' })], '2026-03-05')).toBe('已完成');
  });

  it('滞后: a milestone past due with no report meeting it', () => {
    expect(taskState(T, [ms('2026-03-31')], [], '2026-04-01')).toBe('滞后');
    // reported, but too early: more than 30 days before the due date
    expect(taskState(T, [ms('2026-03-31')], [rep('2026-02-28')], '2026-04-01')).toBe('滞后');
    // exactly 30 days before counts
    expect(taskState(T, [ms('2026-03-31')], [rep('2026-03-01')], '2026-04-01')).toBe('正常推进');
    // a late report clears it
    expect(taskState(T, [ms('2026-03-31')], [rep('2026-04-05')], '2026-04-06')).toBe('正常推进');
  });

  it('滞后: the liaison says so (latest report)', () => {
    expect(taskState(T, [], [rep('2026-03-01', { status: '滞后' })], '2026-03-05')).toBe('滞后');
    expect(taskState(T, [], [rep('2026-03-01', { status: '滞后' }), rep('2026-03-02')], '2026-03-05')).toBe('正常推进');
  });

  it('a 滞后 report does not meet a milestone; 需协调 counts like no status', () => {
    expect(taskState(T, [ms('2026-03-31')], [rep('2026-03-20', { status: '滞后' }), rep('2026-03-21', { status: '需协调' })], '2026-04-01')).toBe('正常推进');
    expect(meetsMilestone(ms('2026-03-31'), rep('2026-03-20', { status: '滞后' }))).toBe(false);
  });

  it('a target percent must be reached (or 已完成 said)', () => {
    const m = ms('2026-03-31', 50);
    expect(taskState(T, [m], [rep('2026-03-20', { percent: 40 })], '2026-04-01')).toBe('滞后');
    expect(taskState(T, [m], [rep('2026-03-20', { percent: 40 }), rep('2026-03-25')], '2026-04-01')).toBe('滞后');
    expect(taskState(T, [m], [rep('2026-03-20', { percent: 50 }), rep('2026-03-25')], '2026-04-01')).toBe('正常推进');
  });

  it('each past milestone is judged on its own', () => {
    const both = [ms('2026-03-31'), ms('2026-06-30', 60)];
    // 30 %, not 20 % (issue 15): on 1 May 序时 toward the June 60 % is ≈ 40 %, and 20 % would
    // now be 滞后 by 序时进度 — not what this case is about
    expect(taskState(T, both, [rep('2026-03-15', { percent: 30 })], '2026-05-01')).toBe('正常推进');
    expect(taskState(T, both, [rep('2026-03-15', { percent: 30 })], '2026-07-01')).toBe('滞后');
    expect(taskState(T, both, [rep('2026-03-15', { percent: 30 }), rep('2026-06-20', { percent: 60 })], '2026-07-01')).toBe('正常推进');
  });

  it('uses local (UTC+8) dates: 23:30 on Mar 1 local is still in the window of a Mar 31 milestone', () => {
    const late = { ...rep('2026-03-01'), createdAt: '2026-03-01T15:30:00.000Z' }; // 3月1日 23:30 local
    const early = { ...rep('2026-03-01'), createdAt: '2026-02-28T15:30:00.000Z' }; // 2月28日 23:30 local
    expect(meetsMilestone(ms('2026-03-31'), late)).toBe(true);
    expect(meetsMilestone(ms('2026-03-31'), early)).toBe(false);
  });

  it('ignores other tasks’ entries', () => {
    expect(taskState(T, [ms('2026-01-31', null, 27)], [rep('2026-03-01', { taskNo: 27, status: '已完成' })], '2026-03-05')).toBe('未开始');
  });
});
