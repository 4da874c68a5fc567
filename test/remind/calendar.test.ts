import { describe, expect, it } from 'vitest';
import { buildCalendar, CalendarYearMissing } from '../../src/remind/calendar.ts';
import { chinaDate } from '../../src/remind/dates.ts';
import { findDeadlines } from '../../knowledge/deadlines.ts';
import { quietLog } from '../helpers/quietLog.ts';

// failures provoked on purpose are logged; keep them out of the test output
quietLog();

const cal = buildCalendar();

describe('work calendar 2026', () => {
  it('treats statutory holidays as rest days and 调休 Saturdays/Sundays as workdays', () => {
    expect(cal.isWorkday('2026-10-01')).toBe(false); // 国庆
    expect(cal.isWorkday('2026-10-07')).toBe(false);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday, make-up workday
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday, make-up workday
    expect(cal.isWorkday('2026-02-16')).toBe(false); // 春节
    expect(cal.isWorkday('2026-06-27')).toBe(false); // ordinary Saturday
  });

  it('moves a reminder that falls on a rest day to the workday before', () => {
    expect(cal.onOrBefore('2026-10-04')).toBe('2026-09-30');
    expect(cal.onOrBefore('2026-06-28')).toBe('2026-06-26');
    expect(cal.onOrBefore('2026-06-29')).toBe('2026-06-29');
  });

  it('counts workdays across the National Day holiday', () => {
    expect(cal.workdaysBetween('2026-09-30', '2026-10-09')).toBe(2); // 10-08, 10-09
    expect(cal.workdaysBetween('2026-10-09', '2026-09-30')).toBe(-2);
  });

  it('a year after the data is provisional Monday–Friday, never a stop; a year before it is an error', () => {
    expect(cal.isProvisional(2026)).toBe(false);
    expect(cal.isProvisional(2027)).toBe(true);
    expect(cal.isProvisional(2031)).toBe(true);
    expect(cal.isWorkday('2027-01-01')).toBe(true); // a Friday; New Year's Day once the schedule is added
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    expect(cal.nextWorkday('2026-12-31')).toBe('2027-01-01');
    expect(() => cal.assertCovers([2026, 2027, 2031])).not.toThrow();
    expect(() => cal.isWorkday('2003-05-06')).toThrow(CalendarYearMissing);
    expect(() => cal.assertCovers([2003])).toThrow(/2003/);
  });

  it('a CALENDAR_FILE year is official, not provisional', () => {
    const c = buildCalendar({ years: [2027], holidays: ['2027-01-01'], workdays: [] });
    expect(c.isProvisional(2027)).toBe(false);
    expect(c.isWorkday('2027-01-01')).toBe(false);
  });

  it('lets a local file describe a year the package does not know', () => {
    const c = buildCalendar({ years: [2031], holidays: ['2031-01-01'], workdays: ['2031-01-04'] });
    expect(c.isWorkday('2031-01-01')).toBe(false);
    expect(c.isWorkday('2031-01-04')).toBe(true); // a Saturday made a workday
    expect(c.isWorkday('2031-01-06')).toBe(true);
  });

  it('takes the date in China time, not the host time zone', () => {
    expect(chinaDate(new Date('2026-06-25T16:30:00Z'))).toBe('2026-06-26');
    expect(chinaDate(new Date('2026-06-25T15:59:00Z'))).toBe('2026-06-25');
  });
});

describe('deadlines in task texts', () => {
  it('reads the usual phrases', () => {
    expect(findDeadlines('确保端午文化博物馆7月底前完成布展开放', 2026)[0]).toMatchObject({ date: '2026-07-31', label: '7月底前' });
    expect(findDeadlines('年内实现老旧小区基础类设施改造全覆盖', 2026)[0]?.date).toBe('2026-12-31');
    expect(findDeadlines('一季度完成立项', 2026)[0]?.date).toBe('2026-03-31');
    expect(findDeadlines('上半年建成', 2026)[0]?.date).toBe('2026-06-30');
    expect(findDeadlines('建设保障性住房408套。', 2026)).toEqual([]);
  });

  it('prefers a specific date over a 全年 target in the same text', () => {
    expect(findDeadlines('全年新增就业6000人，9月底前完成4000人', 2026).map((d) => d.date)).toEqual(['2026-09-30']);
  });
});
