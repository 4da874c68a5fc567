// `duban doctor` checks for WeCom. What can be checked from the server without disturbing the
// running bot:
// - 消息推送 (group webhooks): the API base answers. The probe posts to a key that cannot exist,
//   so WeCom answers 93000 and nothing reaches any group; real keys are never used (a send with
//   one would post into the group, and there is no read-only call for a key).
// - AI bot, long connection: the WebSocket endpoint accepts a connection, which proves DNS,
//   firewall and TLS. It does NOT log in by default: WeCom keeps one connection per bot and a new
//   subscribe kicks the old one (disconnected_event), after which the running bot stops
//   receiving messages until restarted. `--wecom-login` also subscribes, to verify
//   WECOM_BOT_ID/WECOM_BOT_SECRET, and is refused while the bot of this data directory runs.
// - AI bot, callback mode: inbound, so nothing to probe from here; the settings' format only.
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { DoctorCheck } from '../feishu/doctor.ts';
import { AUTH_FAILED } from './status.ts';
import type { WecomConfig } from './config.ts';

type Fetch = typeof fetch;

export interface WecomDoctorOptions {
  fetchImpl?: Fetch;
  timeoutMs?: number;
  /** also subscribe over the long connection (verifies the secret; kicks a running connection) */
  login?: boolean;
  /** pid of the bot running on this data directory, if any */
  runningPid?: number;
  /** that bot's own WeCom state (its /healthz), which tells a refused login without logging in */
  runningStatus?: () => Promise<string | undefined>;
}

const errText = (err: unknown) => (err instanceof Error ? (err.cause instanceof Error ? `${err.message}：${err.cause.message}` : err.message) : String(err));

async function webhookCheck(config: WecomConfig, fetchImpl: Fetch, timeoutMs: number): Promise<DoctorCheck> {
  const check = '企业微信消息推送';
  const base = config.webhookBase;
  try {
    const res = await fetchImpl(`${base}/cgi-bin/webhook/send?key=duban-doctor-probe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => undefined)) as { errcode?: unknown } | undefined;
    if (typeof body?.errcode === 'number') return { check, ok: true, detail: `能访问 ${base}（用不存在的 key 探测，没有发出消息）` };
    return { check, ok: false, detail: `${base} 的回答不像企业微信接口（HTTP ${res.status}）：检查 WECOM_WEBHOOK_BASE，或网关/代理是否拦截` };
  } catch (err) {
    return { check, ok: false, detail: `无法访问 ${base}（${errText(err)}）：请放通服务器出网访问 qyapi.weixin.qq.com:443，或检查 WECOM_WEBHOOK_BASE` };
  }
}

/** Opens the WebSocket; with `subscribe`, logs in and returns the ack's errcode. */
function wsProbe(url: string, timeoutMs: number, subscribe?: { botId: string; secret: string }): Promise<{ errcode?: number; errmsg?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const reqId = randomBytes(8).toString('hex');
    const timer = setTimeout(() => finish(new Error(`${timeoutMs / 1000}秒内没有回应`)), timeoutMs);
    let done = false;
    function finish(err: Error | undefined, value: { errcode?: number; errmsg?: string } = {}) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.removeAllListeners('message');
      ws.on('error', () => {}); // a close racing the handshake must not throw
      ws.terminate();
      if (err) reject(err);
      else resolve(value);
    }
    ws.on('error', (err) => finish(err));
    ws.on('unexpected-response', (_req, res) => finish(new Error(`HTTP ${res.statusCode}`)));
    ws.on('open', () => {
      if (!subscribe) return finish(undefined);
      ws.send(JSON.stringify({ cmd: 'aibot_subscribe', headers: { req_id: reqId }, body: { bot_id: subscribe.botId, secret: subscribe.secret } }));
    });
    ws.on('message', (data) => {
      try {
        const f = JSON.parse(String(data)) as { cmd?: string; headers?: { req_id?: string }; errcode?: number; errmsg?: string };
        if (!f.cmd && f.headers?.req_id === reqId) finish(undefined, { errcode: f.errcode ?? 0, errmsg: f.errmsg });
      } catch {
        /* not a frame of ours */
      }
    });
  });
}

async function longConnectionChecks(config: WecomConfig, opts: WecomDoctorOptions, timeoutMs: number): Promise<DoctorCheck[]> {
  const check = '企业微信长连接';
  try {
    await wsProbe(config.wsUrl, timeoutMs);
  } catch (err) {
    return [{ check, ok: false, detail: `连不上 ${config.wsUrl}（${errText(err)}）：请放通出网访问该地址的 443 端口（政务微信填本单位的地址到 WECOM_WS_URL）` }];
  }
  const reached: DoctorCheck = { check, ok: true, detail: `能连上 ${config.wsUrl}` };
  const cred = '企业微信机器人凭据';
  const running = opts.runningPid ? await opts.runningStatus?.() : undefined;
  if (running?.startsWith(AUTH_FAILED))
    return [reached, { check: cred, ok: false, detail: `正在运行的机器人（进程 ${opts.runningPid}）登录被拒绝：${running.slice('down: '.length)}（管理后台 → 智能机器人 → API 模式 → 长连接），改好后机器人会自动重新登录` }];
  if (running === 'ready') return [reached, { check: cred, ok: true, detail: `正在运行的机器人（进程 ${opts.runningPid}）已登录` }];
  if (!opts.login) {
    return [reached, { check: cred, ok: true, detail: '未登录验证（登录会顶掉正在运行的机器人的连接）。要验证 Bot ID/Secret：停止机器人后运行 duban doctor --wecom-login' }];
  }
  if (opts.runningPid) {
    return [reached, { check: cred, ok: false, detail: `机器人正在运行（进程 ${opts.runningPid}），--wecom-login 会顶掉它的连接：请先停止机器人，或去掉 --wecom-login` }];
  }
  try {
    const ack = await wsProbe(config.wsUrl, timeoutMs, { botId: config.botId, secret: config.botSecret ?? '' });
    if (ack.errcode === 0) return [reached, { check: cred, ok: true, detail: 'WECOM_BOT_ID / WECOM_BOT_SECRET 有效（已登录并断开）' }];
    return [reached, { check: cred, ok: false, detail: `登录被拒绝（errcode ${ack.errcode}：${ack.errmsg ?? ''}）：请核对 WECOM_BOT_ID / WECOM_BOT_SECRET（管理后台 → 智能机器人 → API 模式 → 长连接）` }];
  } catch (err) {
    return [reached, { check: cred, ok: false, detail: `登录没有结果（${errText(err)}）：稍后重试` }];
  }
}

export async function doctorWecom(config: WecomConfig, opts: WecomDoctorOptions = {}): Promise<DoctorCheck[]> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const out: DoctorCheck[] = [await webhookCheck(config, opts.fetchImpl ?? fetch, timeoutMs)];
  if (config.mode === 'ws') out.push(...(await longConnectionChecks(config, opts, timeoutMs)));
  else
    out.push({
      check: '企业微信回调',
      ok: true,
      detail: '回调是企业微信发来的，无法从本机检测：请确认后台回调地址为 https://<公网域名>/wecom/callback，Token、EncodingAESKey 与 WECOM_TOKEN、WECOM_ENCODING_AES_KEY 一致',
    });
  return out;
}
