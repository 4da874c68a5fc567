import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLog } from '../../../src/log.ts';
import { doctorFeishu } from '../../../src/platforms/feishu/doctor.ts';
import { FakeFeishu } from '../../fakes/feishu/server.ts';
import { configFor } from './harness.ts';

let fake: FakeFeishu;
let logs: ReturnType<typeof captureLog>;
beforeEach(() => {
  logs = captureLog(); // the probes' expected refusals are logged by the API client
});
afterEach(async () => {
  logs.restore();
  await fake?.stop();
});

describe('doctorFeishu', () => {
  it('all green against a healthy app, and nothing is sent by the scope probe', async () => {
    fake = await new FakeFeishu().start();
    fake.botNotIn.add('oc_duban_doctor_probe');
    const checks = await doctorFeishu(configFor(fake, 'ws'));
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.check)).toEqual(expect.arrayContaining(['网络连通', '应用凭证', '机器人能力', '权限：send', '权限：chats', '权限：通讯录（显示姓名）', '长连接']));
    expect(fake.sent()).toHaveLength(0);
  });

  it('says what to fix: wrong secret, missing scope, unreachable host', async () => {
    fake = await new FakeFeishu().start();
    const bad = await doctorFeishu({ ...configFor(fake, 'ws'), appSecret: 'wrong' });
    expect(bad.find((c) => c.check === '应用凭证')).toMatchObject({ ok: false });
    expect(bad.find((c) => c.check === '应用凭证')!.detail).toContain('FEISHU_APP_SECRET');

    fake.botNotIn.add('oc_duban_doctor_probe');
    fake.fail({ op: 'chats', status: 400, code: 99991672, extra: { permission_violations: [{ subject: 'im:chat:readonly' }] } });
    const scopes = await doctorFeishu(configFor(fake, 'ws'));
    expect(scopes.find((c) => c.check === '权限：chats')).toMatchObject({ ok: false });
    expect(scopes.find((c) => c.check === '权限：chats')!.detail).toContain('im:chat:readonly');

    const offline = await doctorFeishu({ ...configFor(fake, 'ws'), domain: 'http://127.0.0.1:1' });
    expect(offline[0]).toMatchObject({ check: '网络连通', ok: false });
  });
});
