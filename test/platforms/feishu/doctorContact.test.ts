// duban doctor's contact check, through doctorCommand (the CLI) → doctorFeishu → the SDK →
// the fake Open API: the name lookup the bot makes either works, or doctor says in one Chinese
// line which permission to enable and where — the same permission docs/feishu.md names.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../../src/cli/doctor.ts';
import { CONTACT_API_SCOPE, CONTACT_NAME_FIELD_SCOPE, contactCheck } from '../../../src/platforms/feishu/doctorContact.ts';
import { captureLog } from '../../../src/log.ts';
import { openDb } from '../../../src/store/db.ts';
import { rememberName } from '../../../src/store/users.ts';
import { CONTACT_API_SCOPES, CONTACT_NAME_SCOPE, FakeFeishu } from '../../fakes/feishu/server.ts';
import { webhookEnv } from '../../fakes/feishu/events.ts';
import { configFor } from './harness.ts';

const CHECK = '权限：通讯录（显示姓名）';
let fake: FakeFeishu;
let dir: string;
let logs: ReturnType<typeof captureLog>;
beforeEach(async () => {
  fake = await new FakeFeishu().start();
  fake.botNotIn.add('oc_duban_doctor_probe');
  dir = mkdtempSync(join(tmpdir(), 'duban-doctor-contact-'));
  logs = captureLog();
});
afterEach(async () => {
  logs.restore();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function doctor(): Promise<{ code: number; line: string; lines: string[] }> {
  const out: string[] = [];
  const env = { ...webhookEnv(fake.baseUrl), DATA_DIR: join(dir, 'data'), ADMINS: 'feishu:ou_admin', REMIND_DEFAULT_GROUP: 'feishu:oc_office' };
  const code = await doctorCommand([], env, (s) => out.push(s));
  const lines = out.join('').split('\n');
  return { code, lines, line: lines.find((l) => l.slice(2).startsWith(`${CHECK}：`)) ?? '' };
}

function meet(userId: string): void {
  const db = openDb(join(dir, 'data'));
  rememberName(db, 'feishu', userId, '张三', new Date().toISOString());
  db.close();
}

describe('doctor: Feishu contact permission for display names', () => {
  it('granted: the lookup of a user the bot has met returns the name', async () => {
    fake.users.set('ou_zhang', '张三');
    meet('ou_zhang');
    const r = await doctor();
    expect(r.line).toMatch(/^✓ .*能取到姓名（如“张三”）/);
    const asked = fake.requests.filter((q) => q.op === 'contact.user');
    expect(asked.map((q) => q.path)).toEqual(['/open-apis/contact/v3/users/ou_zhang']);
    expect(asked[0]!.auth).toMatch(/^Bearer t-fake-/); // the tenant token, fetched by the SDK
  });

  it('granted, nobody met yet: a made-up id passes the scope gate (41050) and is not a failure', async () => {
    const r = await doctor();
    expect(r.line).toMatch(/^✓ .*接口权限已开通/);
    expect(r.code).toBe(0);
    // the probe's refusal is a finding, not an error line in the log
    expect(logs.lines.filter((l) => l.op === 'contact.user')).toEqual([]);
  });

  it('API scope missing (99991672): one Chinese line naming the permission and where, the same docs/feishu.md names', async () => {
    for (const s of CONTACT_API_SCOPES) fake.scopes.delete(s);
    for (const met of [false, true]) {
      if (met) meet('ou_zhang');
      const r = await doctor();
      expect(r.line).toMatch(/^⚠ /);
      expect(r.line).toContain(CONTACT_API_SCOPE);
      expect(r.line).toContain('权限管理');
      expect(r.lines.filter((l) => l.includes(CONTACT_API_SCOPE))).toHaveLength(1);
      expect(r.code).toBe(0); // names are optional: the bot still runs
    }
    expect(logs.lines.filter((l) => l.op === 'contact.user')).toEqual([]);
    const docs = readFileSync(new URL('../../../docs/feishu.md', import.meta.url), 'utf8');
    expect(docs).toContain(CONTACT_API_SCOPE);
    expect(docs).toContain(CONTACT_NAME_FIELD_SCOPE);
  });

  it('field scope missing: the call succeeds without a name, and doctor names the field permission', async () => {
    fake.users.set('ou_zhang', '张三');
    fake.scopes.delete(CONTACT_NAME_SCOPE);
    meet('ou_zhang');
    const r = await doctor();
    expect(r.line).toMatch(/^⚠ .*不返回姓名/);
    expect(r.line).toContain(CONTACT_NAME_FIELD_SCOPE);
  });

  it('a user outside the contact range (41050) is the range to widen, not a missing scope', async () => {
    meet('ou_outside');
    const r = await doctor();
    expect(r.line).toMatch(/^⚠ .*ou_outside 不在通讯录权限范围内/);
  });

  it('a contact API that never answers ends at the timeout with a warning, not a hang', async () => {
    fake.fail({ op: 'contact.user', status: 0, code: 0, hang: true });
    const c = await contactCheck(configFor(fake, 'ws'), { timeoutMs: 300 });
    expect(c).toMatchObject({ ok: true, warn: true });
    expect(c.detail).toContain('未能确认通讯录权限');
  });
});
