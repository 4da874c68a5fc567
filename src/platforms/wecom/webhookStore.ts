// Group ↔ webhook (消息推送) mapping: the AI bot's chatid and a webhook key are unrelated ids, so
// an admin binds them with /推送地址 in the group. The key is a secret (it is the only credential
// of the webhook): never log it, show it only masked.

export interface WebhookBinding {
  chatId: string;
  key: string;
  /** userId of the admin who set it */
  setBy: string;
  setAt: Date;
}

export interface WebhookStore {
  get(chatId: string): WebhookBinding | undefined;
  set(chatId: string, key: string, setBy: string, at: Date): void;
  remove(chatId: string): void;
  list(): WebhookBinding[];
}

export function memoryWebhookStore(initial: WebhookBinding[] = []): WebhookStore {
  const m = new Map<string, WebhookBinding>(initial.map((b) => [b.chatId, b]));
  return {
    get: (chatId) => m.get(chatId),
    set: (chatId, key, setBy, at) => void m.set(chatId, { chatId, key, setBy, setAt: at }),
    remove: (chatId) => void m.delete(chatId),
    list: () => [...m.values()],
  };
}

/** "abcd…wxyz": first 4 + last 4; short strings are fully hidden. */
export function maskKey(key: string): string {
  return key.length >= 12 ? `${key.slice(0, 4)}…${key.slice(-4)}` : '****';
}

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9-]{14,62}[A-Za-z0-9]$/;

/** Accepts a bare key or a webhook URL (…/cgi-bin/webhook/send?key=KEY, any host so 政务微信
 * deployments work). Returns the key or undefined. */
export function parseWebhookKey(input: string): string | undefined {
  const s = input.trim().replace(/^<|>$/g, '');
  if (/^https?:\/\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return undefined;
    }
    if (!/\/cgi-bin\/webhook\/send\/?$/.test(url.pathname)) return undefined;
    const key = url.searchParams.get('key') ?? '';
    return KEY_RE.test(key) ? key : undefined;
  }
  return KEY_RE.test(s) ? s : undefined;
}
