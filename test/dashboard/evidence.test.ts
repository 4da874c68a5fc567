// The item page lists 佐证材料: how many, and by name under the report they belong to
// (escaped: a file name is the sender's words).
import { afterEach, describe, expect, it } from 'vitest';
import { taskPage } from '../../src/dashboard/pages.ts';
import { remindConfig } from '../../src/remind/config.ts';
import { insertEvidence } from '../../src/store/evidence.ts';
import { latestReports } from '../../src/store/reports.ts';
import { NOW, seed, TODAY, type Seeded } from '../ledger/seed.ts';
import { buildCalendar } from '../../src/remind/calendar.ts';

let s: Seeded | undefined;
afterEach(() => s?.close());

const render = (x: Seeded) =>
  String(taskPage({ db: x.db, kb: x.kb, calendar: buildCalendar(), remindConfig: remindConfig({}), now: NOW, today: TODAY, query: new URLSearchParams('no=28') }).html);

describe('dashboard 佐证材料', () => {
  it('shows the count and the names under their report, escaped; nothing when there is none', () => {
    s = seed();
    expect(render(s)).not.toContain('佐证材料');
    const report = latestReports(s.db, 28, 1)[0]!;
    for (const [i, name] of ['验收单.pdf', '<b>现场</b>.jpg'].entries()) {
      insertEvidence(s.db, {
        reportId: report.id, taskNo: 28, platform: 'feishu', userId: 'u', chatId: 'g', messageId: `f${i}`,
        sha256: String(i).repeat(64), ext: name.endsWith('pdf') ? 'pdf' : 'jpg', name, size: 10, createdAt: report.createdAt,
      });
    }
    const html = render(s);
    expect(html).toContain('<td data-evidence-count>2份</td>');
    expect(html).toContain('佐证材料2份：验收单.pdf、&lt;b&gt;现场&lt;/b&gt;.jpg');
    expect(html).not.toContain('<b>现场</b>');
  });
});
