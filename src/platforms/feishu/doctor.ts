// `duban doctor` checks for Feishu: credentials (token), bot identity, the scopes the bot needs
// (by trying harmless calls), and connectivity for the configured mode. Plain fetch, no SDK,
// so it also works when the SDK itself is the problem — except the contact check, which must
// prove the bot's own name lookup works and so goes through it (doctorContact.ts). Details are Chinese and say what to fix.
import type { FeishuConfig } from './config.ts';
import { contactCheck } from './doctorContact.ts';

export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
  /** ok, but something the office must act on soon (printed with ⚠, exit code stays 0) */
  warn?: boolean;
}

type Fetch = typeof fetch;

interface Body {
  code?: number;
  msg?: string;
  [k: string]: unknown;
}

async function call(fetchImpl: Fetch, url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: Body }> {
  const res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  let body: Body = {};
  try {
    body = (await res.json()) as Body;
  } catch {
    /* non-JSON */
  }
  return { status: res.status, body };
}

const SCOPE_HINT: Record<string, string> = {
  send: 'im:message:send_as_bot（以应用身份发消息）',
  chats: 'im:chat:readonly（获取群组信息）',
};

export async function doctorFeishu(
  config: FeishuConfig,
  fetchImpl: Fetch = fetch,
  timeoutMs = 10_000,
  /** a Feishu user the bot has met (from the store), so the name field scope can be checked */
  knownUserId?: string,
): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  const base = config.domain;
  const json = { 'content-type': 'application/json; charset=utf-8' };

  // 1. Connectivity + credentials.
  let token: string | undefined;
  try {
    const r = await call(fetchImpl, `${base}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ app_id: config.appId, app_secret: config.appSecret }),
    }, timeoutMs);
    out.push({ check: '网络连通', ok: true, detail: `能访问 ${base}` });
    if (r.body.code === 0 && typeof r.body.tenant_access_token === 'string') {
      token = r.body.tenant_access_token;
      out.push({ check: '应用凭证', ok: true, detail: 'App ID / App Secret 有效，已取得 tenant_access_token' });
    } else {
      out.push({
        check: '应用凭证',
        ok: false,
        detail: `获取 tenant_access_token 失败（code ${r.body.code ?? r.status}：${r.body.msg ?? ''}）。请核对 FEISHU_APP_ID / FEISHU_APP_SECRET（开放平台 → 凭证与基础信息），并确认应用未停用。`,
      });
    }
  } catch (err) {
    out.push({
      check: '网络连通',
      ok: false,
      detail: `无法访问 ${base}（${err instanceof Error ? err.message : String(err)}）。请检查服务器能否出网访问 open.feishu.cn:443（政务网需放通该域名），或 FEISHU_DOMAIN 是否正确。`,
    });
    return out;
  }
  if (!token) return out;
  const auth = { ...json, authorization: `Bearer ${token}` };

  // 2. Bot identity.
  try {
    const r = await call(fetchImpl, `${base}/open-apis/bot/v3/info`, { headers: auth }, timeoutMs);
    const bot = r.body.bot as { open_id?: string; app_name?: string; activate_status?: number } | undefined;
    if (r.body.code === 0 && bot?.open_id) {
      out.push({ check: '机器人能力', ok: true, detail: `机器人“${bot.app_name ?? ''}”（${bot.open_id}）已启用` });
    } else {
      out.push({ check: '机器人能力', ok: false, detail: `未取得机器人信息（code ${r.body.code ?? r.status}）。请在开放平台 → 应用能力 → 添加“机器人”，并创建版本发布。` });
    }
  } catch (err) {
    out.push({ check: '机器人能力', ok: false, detail: `请求 bot/v3/info 失败：${String(err)}` });
  }

  // 3. Scopes: harmless calls. Sending to a non-existent chat fails on the chat id (230001/230002…)
  // when the scope is present, and with 99991672 when it is not — nothing is ever sent.
  const scopeCheck = async (name: string, url: string, init: RequestInit) => {
    try {
      const r = await call(fetchImpl, url, { ...init, headers: auth }, timeoutMs);
      if (r.body.code === 99991672) {
        const missing = ((r.body.error as { permission_violations?: { subject?: string }[] } | undefined)?.permission_violations ?? [])
          .map((v) => v.subject)
          .filter(Boolean)
          .join('、');
        out.push({ check: `权限：${name}`, ok: false, detail: `缺少权限 ${missing || SCOPE_HINT[name] || ''}。请在开放平台 → 权限管理中开通，并创建版本发布后生效。` });
      } else if (r.status === 429) {
        out.push({ check: `权限：${name}`, ok: true, detail: '接口限流中，权限未能确认，请稍后重试' });
      } else {
        out.push({ check: `权限：${name}`, ok: true, detail: `已开通 ${SCOPE_HINT[name] ?? ''}` });
      }
    } catch (err) {
      out.push({ check: `权限：${name}`, ok: false, detail: `检查失败：${String(err)}` });
    }
  };
  await scopeCheck('send', `${base}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
    method: 'POST',
    body: JSON.stringify({ receive_id: 'oc_duban_doctor_probe', msg_type: 'text', content: JSON.stringify({ text: 'probe' }) }),
  });
  await scopeCheck('chats', `${base}/open-apis/im/v1/chats?page_size=20`, { method: 'GET' });
  // Names: through the SDK, the same call the bot makes (see doctorContact.ts).
  out.push(await contactCheck(config, { timeoutMs, ...(knownUserId ? { knownUserId } : {}) }));
  out.push({
    check: '接收消息权限',
    ok: true,
    detail: '无法主动检测，请确认已开通 im:message.group_at_msg:readonly（群聊@机器人）与 im:message.p2p_msg:readonly（单聊），并订阅事件 im.message.receive_v1 与回调 card.action.trigger',
  });

  // 4. Transport.
  if (config.mode === 'ws') {
    if (!/^cli_[0-9a-fA-F]{16}$/.test(config.appId)) {
      out.push({ check: '长连接', ok: false, detail: 'FEISHU_APP_ID 格式不符合自建应用（cli_ + 16 位十六进制），长连接无法启动' });
    } else {
      try {
        const r = await call(fetchImpl, `${base}/callback/ws/endpoint`, {
          method: 'POST',
          headers: { ...json, locale: 'zh' },
          body: JSON.stringify({ AppID: config.appId, AppSecret: config.appSecret }),
        }, timeoutMs);
        const ok = r.body.code === 0;
        out.push({
          check: '长连接',
          ok,
          detail: ok
            ? '长连接接入点可用（出网即可，无需公网 IP）'
            : `长连接接入点拒绝（code ${r.body.code}：${r.body.msg ?? ''}）。请在开放平台 → 事件与回调中选择“使用长连接接收事件/回调”，确认是飞书（非 Lark 国际版）自建应用，且同一应用的长连接不超过 50 个。`,
        });
      } catch (err) {
        out.push({ check: '长连接', ok: false, detail: `无法获取长连接接入点：${String(err)}` });
      }
    }
  } else {
    out.push({
      check: 'Webhook',
      ok: !!config.encryptKey && !!config.verificationToken,
      detail:
        config.encryptKey && config.verificationToken
          ? '请确认开放平台“请求地址”为 https://<公网域名>/feishu/events，且 Encrypt Key / Verification Token 与 .env 一致'
          : '需要 FEISHU_ENCRYPT_KEY 与 FEISHU_VERIFICATION_TOKEN（开放平台 → 事件与回调 → 加密策略）',
    });
  }
  return out;
}
