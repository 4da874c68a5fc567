// The lists' side tables: migration 7 on an existing file, amounts per report, and a new year
// that must not leave an old amount to a new report with the same id.
import { afterEach, describe, expect, it } from 'vitest';
import { startYear } from '../../src/ledger/year.ts';
import { ensureLedgerSchema } from '../../src/ledger/store.ts';
import { openDb, schemaVersion, type Db } from '../../src/store/db.ts';
import { latestAmounts, recordItemKey, reportAmount, setReportAmount } from '../../src/store/items.ts';
import { insertReport, revokeReport } from '../../src/store/reports.ts';
import { tempDataDir } from '../helpers/chat.ts';

let db: Db;
afterEach(() => db.close());

const rep = (no: number, at: string) =>
  insertReport(db, { taskNo: no, platform: 'feishu', userId: 'u', userName: '李四', unit: '白塘镇', text: 't', percent: null, status: null, chatId: 'g', messageId: `m${no}${at}`, createdAt: at });

describe('item store', () => {
  it('is schema version 7 or later, with amounts keyed by report and the latest live one per item', () => {
    db = openDb(tempDataDir());
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(7);
    const a = rep(3004309, '2026-03-01T02:00:00Z');
    const b = rep(3004309, '2026-04-01T02:00:00Z');
    setReportAmount(db, a.id, 2, '座');
    setReportAmount(db, b.id, 5, '座');
    expect(latestAmounts(db).get(3004309)?.amount).toBe(5);
    revokeReport(db, b.id, 'feishu:u', '2026-04-01T03:00:00Z');
    expect(latestAmounts(db).get(3004309)?.amount).toBe(2);
    expect(() => setReportAmount(db, a.id, -1, '座')).toThrow(/CHECK/);
    recordItemKey(db, { no: 3004309, address: '指标43 白塘镇', kind: 'indicator', title: 't' }, '2026-03-01T02:00:00Z');
    recordItemKey(db, { no: 3004309, address: '指标43 白塘镇', kind: 'indicator', title: 't' }, '2026-05-01T02:00:00Z'); // first use kept
    expect(db.prepare('SELECT first_at AS f FROM item_keys').all()).toEqual([{ f: '2026-03-01T02:00:00Z' }]);
  });

  it('a new year clears the amounts with the reports: report #1 of 2027 has none', () => {
    db = openDb(tempDataDir());
    ensureLedgerSchema(db);
    const a = rep(3004309, '2026-03-01T02:00:00Z');
    setReportAmount(db, a.id, 2, '座');
    startYear(db, 2027, '2027-01-05');
    const b = rep(3004309, '2027-01-06T02:00:00Z');
    expect(b.id).toBe(a.id);
    expect(reportAmount(db, b.id)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM item_keys').get()).toEqual({ n: 0 });
  });
});
