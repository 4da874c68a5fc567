// Event factories with the shapes Feishu delivers (schema 2.0 envelopes; see the reference §3.1).
import { randomBytes } from 'node:crypto';
import { signedPost } from './crypto.ts';

export const APP_ID = 'cli_0123456789abcdef';
export const APP_SECRET = 'fake-app-secret';
export const BOT_OPEN_ID = 'ou_bot000000000000000000000000001';
export const VERIFICATION_TOKEN = 'vtoken-fake';
export const ENCRYPT_KEY = 'test key';

/** The settings of a bot in Feishu webhook mode against a fake Open API at `domain`. */
export function webhookEnv(domain: string): Record<string, string> {
  return {
    FEISHU_APP_ID: APP_ID,
    FEISHU_APP_SECRET: APP_SECRET,
    FEISHU_MODE: 'webhook',
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    FEISHU_DOMAIN: domain,
  };
}

/** POSTs an event to the bot's webhook as Feishu does (encrypted, signed with the given clock); returns the HTTP status. */
export async function postEvent(url: string, ev: unknown, at: Date): Promise<number> {
  const p = signedPost(ENCRYPT_KEY, ev, { timestamp: Math.floor(at.getTime() / 1000) });
  return (await fetch(url, { method: 'POST', body: p.body, headers: p.headers })).status;
}

const hex = (n: number) => randomBytes(n).toString('hex');
let seq = 0;

export function envelope<T>(eventType: string, event: T, opts: { eventId?: string; token?: string; createTime?: number } = {}) {
  return {
    schema: '2.0',
    header: {
      event_id: opts.eventId ?? hex(16),
      event_type: eventType,
      create_time: String(opts.createTime ?? Date.now()),
      token: opts.token ?? VERIFICATION_TOKEN,
      app_id: APP_ID,
      tenant_key: 'tenant-fake',
    },
    event,
  };
}

export interface MentionSpec {
  openId: string;
  name: string;
  bot?: boolean;
}

export interface MessageSpec {
  chatId?: string;
  chatType?: 'group' | 'p2p';
  sender?: string;
  /** Text with @_user_N placeholders already in place. */
  text?: string;
  post?: unknown;
  mentions?: MentionSpec[];
  messageId?: string;
  eventId?: string;
  senderType?: string;
  messageType?: string;
}

export function messageEvent(spec: MessageSpec) {
  const messageId = spec.messageId ?? `om_${hex(16)}`;
  const mentions = (spec.mentions ?? []).map((m, i) => ({
    key: `@_user_${i + 1}`,
    id: { open_id: m.openId, union_id: `on_${m.openId.slice(3)}`, user_id: m.bot ? null : `u${i}` },
    name: m.name,
    tenant_key: 'tenant-fake',
    ...(m.bot ? { mentioned_type: 'bot' } : { mentioned_type: 'user' }),
  }));
  const messageType = spec.messageType ?? (spec.post ? 'post' : 'text');
  return envelope(
    'im.message.receive_v1',
    {
      sender: {
        sender_id: { open_id: spec.sender ?? 'ou_alice', union_id: 'on_alice', user_id: null },
        sender_type: spec.senderType ?? 'user',
        tenant_key: 'tenant-fake',
      },
      message: {
        message_id: messageId,
        create_time: String(Date.now() + seq++),
        update_time: String(Date.now()),
        chat_id: spec.chatId ?? 'oc_group1',
        chat_type: spec.chatType ?? 'group',
        message_type: messageType,
        content: JSON.stringify(spec.post ?? { text: spec.text ?? '' }),
        mentions,
        user_agent: 'fake',
      },
    },
    spec.eventId ? { eventId: spec.eventId } : {},
  );
}

/** An image or file message (content carries image_key / file_key + file_name, as published). */
export function fileEvent(spec: MessageSpec & { kind: 'image' | 'file'; key: string; fileName?: string; parentId?: string }) {
  const env = messageEvent({ ...spec, messageType: spec.kind });
  const m = (env as { event: { message: Record<string, unknown> } }).event.message;
  m.content = JSON.stringify(spec.kind === 'image' ? { image_key: spec.key } : { file_key: spec.key, file_name: spec.fileName ?? '' });
  if (spec.parentId) m.parent_id = spec.parentId;
  return env;
}

/** "@bot <text>" in a group. */
export function atBot(text: string, spec: MessageSpec = {}) {
  return messageEvent({ ...spec, text: `@_user_1 ${text}`, mentions: [{ openId: BOT_OPEN_ID, name: '督办助手', bot: true }, ...(spec.mentions ?? [])] });
}

export function cardAction(spec: { value: unknown; formValue?: Record<string, string>; operator?: string; messageId?: string; chatId?: string; eventId?: string; name?: string }) {
  return envelope(
    'card.action.trigger',
    {
      operator: { tenant_key: 'tenant-fake', open_id: spec.operator ?? 'ou_alice', union_id: 'on_alice' },
      token: `c-${hex(8)}`,
      action: { tag: 'button', value: spec.value, ...(spec.formValue ? { form_value: spec.formValue } : {}), ...(spec.name ? { name: spec.name } : {}) },
      host: 'im_message',
      context: { open_message_id: spec.messageId ?? 'om_card1', open_chat_id: spec.chatId ?? 'oc_group1' },
    },
    spec.eventId ? { eventId: spec.eventId } : {},
  );
}
