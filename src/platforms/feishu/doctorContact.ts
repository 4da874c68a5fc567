// `duban doctor`: can the app fetch display names? It asks the contact API exactly as the bot
// does (FeishuApi.userName: the SDK, the tenant token, GET /open-apis/contact/v3/users/:id),
// with a timeout and no retries. Feishu's gateway checks the API scope before it looks the user
// up, so a made-up open_id still tells "scope missing" (99991672) from "scope present" (any
// other answer, typically 41050 for a user outside the contact range). The field scope for
// `name` can only be seen on a real user: the caller passes one the bot has met, if any.
// Names are optional (without them people show as ou_…), so a missing permission is ⚠, not ✗.
import { CODE_MISSING_SCOPE, FeishuApi, FeishuApiError } from './client.ts';
import type { FeishuConfig } from './config.ts';
import type { DoctorCheck } from './doctor.ts';

/** What docs/feishu.md tells the office to enable (one of the four API scopes is enough). */
export const CONTACT_API_SCOPE = 'contact:contact.base:readonly';
export const CONTACT_NAME_FIELD_SCOPE = 'contact:user.base:readonly';
/** 41050: the user is outside the app's 通讯录权限范围 (contact data range). */
export const CODE_NO_USER_AUTHORITY = 41050;
const PROBE_ID = 'ou_duban_doctor_probe';
const CHECK = '权限：通讯录（显示姓名）';
const WHERE = '飞书开放平台 → 开发者后台 → 本应用 → 权限管理';

export const CONTACT_SCOPE_FIX = `缺少通讯录权限，汇报人会显示成 ou_…：请在${WHERE}开通「获取通讯录基本信息」${CONTACT_API_SCOPE}和「获取用户基本信息」${CONTACT_NAME_FIELD_SCOPE}，再创建版本发布`;

export async function contactCheck(
  config: FeishuConfig,
  opts: { timeoutMs?: number; knownUserId?: string; api?: FeishuApi } = {},
): Promise<DoctorCheck> {
  const api = opts.api ?? new FeishuApi(config, { timeoutMs: opts.timeoutMs ?? 10_000, maxRetries: 0 });
  const real = opts.knownUserId;
  try {
    // quiet: a refusal here is a finding doctor prints in Chinese, not an error for the log
    const name = await api.userName(real ?? PROBE_ID, { quiet: true });
    if (name) return { check: CHECK, ok: true, detail: `已开通，能取到姓名（如“${name}”）` };
    if (real)
      return { check: CHECK, ok: true, warn: true, detail: `能调用接口但不返回姓名：请在${WHERE}开通字段权限「获取用户基本信息」${CONTACT_NAME_FIELD_SCOPE}，再创建版本发布` };
    return { check: CHECK, ok: true, detail: `接口权限已开通（字段权限 ${CONTACT_NAME_FIELD_SCOPE} 要等有人给机器人发过消息后才能确认）` };
  } catch (err) {
    if (err instanceof FeishuApiError && err.code === CODE_MISSING_SCOPE) return { check: CHECK, ok: true, warn: true, detail: CONTACT_SCOPE_FIX };
    if (err instanceof FeishuApiError && err.code === CODE_NO_USER_AUTHORITY && real)
      return { check: CHECK, ok: true, warn: true, detail: `接口权限已开通，但 ${real} 不在通讯录权限范围内：请在${WHERE} → 通讯录权限范围中加入各单位联络员（或全部成员），再创建版本发布` };
    // Any other business error on the made-up id means the scope gate was passed.
    if (err instanceof FeishuApiError && err.code !== undefined && !real)
      return { check: CHECK, ok: true, detail: `接口权限已开通（字段权限 ${CONTACT_NAME_FIELD_SCOPE} 要等有人给机器人发过消息后才能确认）` };
    return { check: CHECK, ok: true, warn: true, detail: `未能确认通讯录权限（${err instanceof Error ? err.message : String(err)}），稍后再运行 duban doctor` };
  }
}
