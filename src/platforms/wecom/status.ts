// The /healthz words for a refused WeCom login, shared by the adapter (which reports it) and
// doctor (which reads it from a running bot, since logging in beside it would kick it off).
export const AUTH_FAILED = 'down: 认证失败';

export function authFailedStatus(f: { errcode?: number; errmsg: string } | undefined): string {
  const why = f ? `（${f.errcode !== undefined ? `errcode ${f.errcode}：` : ''}${f.errmsg}）` : '';
  return `${AUTH_FAILED}${why}：请核对 WECOM_BOT_ID / WECOM_BOT_SECRET`;
}
