// A store with a known mix of task states on 2026-06-25 (China time), shared by the ledger
// and dashboard tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../../knowledge/load.ts';
import { ensureLedgerSchema } from '../../src/ledger/store.ts';
import { setLogLevel } from '../../src/log.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { insertMilestone } from '../../src/store/milestones.ts';
import { insertReport, type ReportStatus } from '../../src/store/reports.ts';

setLogLevel('warn');

export const TODAY = '2026-06-25';
export const NOW = new Date('2026-06-25T02:00:00Z'); // 10:00 in 汨罗

export interface Seeded {
  dir: string;
  db: Db;
  kb: ReturnType<typeof loadKnowledge>;
  close(): void;
}

export function report(db: Db, taskNo: number, createdAt: string, text: string, percent: number | null, status: ReportStatus | null, n = 0): void {
  insertReport(db, {
    taskNo, platform: 'feishu', userId: `u${taskNo}`, userName: `联络员${taskNo}`, unit: '住建局', text, percent, status,
    chatId: 'g', messageId: `m-${taskNo}-${createdAt}-${n}`, createdAt,
  });
}

export function milestone(db: Db, taskNo: number, dueDate: string, text: string, targetPercent: number | null): void {
  insertMilestone(db, {
    taskNo, dueDate, dueLabel: `${Number(dueDate.slice(5, 7))}月底`, text, targetPercent, unit: '住建局', platform: 'feishu',
    userId: 'u', userName: '联络员', chatId: 'g', messageId: `ms-${taskNo}-${dueDate}`, createdAt: '2026-03-01T02:00:00Z',
  });
}

/**
 * 28 已完成 (green) · 5 滞后 by report (red) · 10 滞后 by a missed milestone (red) ·
 * 12 正常推进 (green) · 13 正常推进 with a milestone on 6月28日 (yellow) · 1 未开始 (no fill).
 * The documents' own milestones make 19, 27 and 54 滞后 too (3月底 passed without a report).
 */
export function seed(): Seeded {
  const dir = mkdtempSync(join(tmpdir(), 'duban-ledger-'));
  const db = openDb(dir);
  ensureLedgerSchema(db);
  report(db, 28, '2026-05-10T02:00:00Z', '已开工建设', 30, '正常推进');
  report(db, 28, '2026-06-20T02:00:00Z', '408套全部完工', 100, '已完成');
  report(db, 5, '2026-06-18T02:00:00Z', '项目审批延迟', 10, '滞后');
  milestone(db, 10, '2026-05-31', '完成50%', 50);
  report(db, 10, '2026-04-01T02:00:00Z', '前期准备', 20, null);
  report(db, 12, '2026-06-22T02:00:00Z', '按计划推进', 40, '正常推进');
  milestone(db, 13, '2026-06-28', '完成主体工程', null);
  report(db, 13, '2026-06-10T02:00:00Z', '主体施工中', 60, null);
  return {
    dir,
    db,
    kb: loadKnowledge(),
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
