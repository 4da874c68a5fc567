// Message rendering: text with real mentions, JSON 2.0 cards for long answers and reminders,
// and the progress card whose buttons become `/进展` commands. All user text is escaped so nobody
// can inject <at user_id="all"> (@所有人) or card markup.

export type MsgType = 'text' | 'interactive';
export interface Rendered {
  msgType: MsgType;
  /** The `content` field: a JSON string. */
  content: string;
}

/** Only ids that look like platform ids may go into an <at> tag; never "all". */
export function safeUserId(id: string): string | undefined {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) && id.toLowerCase() !== 'all' ? id : undefined;
}

/** Links lose their brackets: "[点我](http://x)" in a report must not become a link under the
 * bot's name. Full-width brackets are not syntax and read the same. */
function unlink(s: string): string {
  return s.replace(/\[/g, '［').replace(/\]/g, '］');
}

/** Text messages: Feishu parses <at …> tags (and [text](url) links) in text content;
 * full-width brackets cannot be tags or links. */
export function escapeText(s: string): string {
  return unlink(s.replace(/</g, '＜').replace(/>/g, '＞'));
}

/** Card markdown (lark_md): HTML entities are rendered as the character, never as markup, so no
 * <at id=all>, <font> or <link>; links lose their brackets. */
export function escapeMarkdown(s: string): string {
  return unlink(s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

export interface Person {
  userId: string;
  name?: string;
}

export function textAt(p: Person): string {
  const id = safeUserId(p.userId);
  return id ? `<at user_id="${id}">${escapeText(p.name ?? '')}</at>` : `**${escapeText(p.name ?? p.userId)}**`;
}

export function cardAt(p: Person): string {
  const id = safeUserId(p.userId);
  return id ? `<at id=${id}></at>` : `**${escapeMarkdown(p.name ?? p.userId)}**`;
}

export function textContent(text: string, mentions: Person[] = []): string {
  const ats = mentions.map(textAt).join(' ');
  return JSON.stringify({ text: ats ? `${ats} ${escapeText(text)}` : escapeText(text) });
}

/** Card markdown budget: card bodies are capped at 30 KB; CJK is 3 bytes in UTF-8. */
export const CARD_MARKDOWN_CHARS = 6000;
export const MAX_PARTS = 4;
/** Short answers go as text; longer ones or lists as a card. */
export const TEXT_MAX_CHARS = 300;
export const TEXT_MAX_LINES = 6;

export function isShort(text: string): boolean {
  return text.length <= TEXT_MAX_CHARS && text.split('\n').length <= TEXT_MAX_LINES;
}

/** Splits on line boundaries into chunks of at most `max` chars (hard-cuts overlong lines). */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (cur) out.push(cur), (cur = '');
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    if (cur && cur.length + 1 + rest.length > max) out.push(cur), (cur = '');
    cur = cur ? `${cur}\n${rest}` : rest;
  }
  if (cur || out.length === 0) out.push(cur);
  return out;
}

export interface CardOptions {
  title?: string;
  template?: 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'turquoise';
  mentions?: Person[];
  /** buttons under the text (the last part), each standing for a command */
  actions?: readonly { label: string; command: string }[];
}

export const COMMAND_ACTION_KIND = 'duban.command';

/** The commands a card button may stand for. A click runs one with the clicker's rights, as if
 * typed; still, a callback value is only taken when it is one of these shapes, so a crafted
 * value cannot make a click into some other command. */
const BUTTON_COMMANDS = /^\/签收 \d{1,6}$/;

function actionButtons(actions: readonly { label: string; command: string }[]): object {
  return {
    tag: 'column_set',
    columns: actions
      .filter((a) => BUTTON_COMMANDS.test(a.command))
      .map((a) => ({
        tag: 'column',
        width: 'auto',
        elements: [
          {
            tag: 'button',
            type: 'primary',
            text: { tag: 'plain_text', content: a.label.slice(0, 20) },
            behaviors: [{ type: 'callback', value: { kind: COMMAND_ACTION_KIND, command: a.command } }],
          },
        ],
      })),
  };
}

/** The command of a button click, or undefined when it is not one of ours. */
export function parseCommandAction(action: unknown): string | undefined {
  if (!action || typeof action !== 'object') return undefined;
  let value = (action as { value?: unknown }).value;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const v = value as { kind?: unknown; command?: unknown } | undefined;
  if (!v || v.kind !== COMMAND_ACTION_KIND || typeof v.command !== 'string' || !BUTTON_COMMANDS.test(v.command)) return undefined;
  return v.command;
}

export function markdownCard(markdown: string, opts: CardOptions = {}): object {
  const ats = (opts.mentions ?? []).map(cardAt).join(' ');
  const buttons = opts.actions?.some((a) => BUTTON_COMMANDS.test(a.command)) ? [actionButtons(opts.actions)] : [];
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    ...(opts.title
      ? // plain_text is not parsed today; escaped anyway, as a title may one day carry a task name
        { header: { template: opts.template ?? 'blue', title: { tag: 'plain_text', content: escapeText(opts.title).slice(0, 100) } } }
      : {}),
    body: { elements: [{ tag: 'markdown', content: ats ? `${ats}\n${markdown}` : markdown }, ...buttons] },
  };
}

/**
 * A reply or group message as one or more parts. Short text → one text message (mentions as
 * <at user_id>); otherwise cards of ≤ CARD_MARKDOWN_CHARS each, at most MAX_PARTS, the last one
 * saying what was cut.
 */
export function renderMessage(text: string, opts: CardOptions & { forceCard?: boolean } = {}): Rendered[] {
  const mentions = opts.mentions ?? [];
  const buttons = opts.actions?.length ? opts.actions : undefined;
  if (!opts.forceCard && !opts.title && !buttons && isShort(text)) return [{ msgType: 'text', content: textContent(text, mentions) }];
  let parts = splitText(escapeMarkdown(text), CARD_MARKDOWN_CHARS);
  if (parts.length > MAX_PARTS) {
    parts = parts.slice(0, MAX_PARTS);
    parts[MAX_PARTS - 1] += `\n\n……内容过长，已省略其余部分（共约${text.length}字）。请缩小查询范围，例如按单位或编号查询。`;
  }
  return parts.map((p, i) => ({
    msgType: 'interactive' as const,
    content: JSON.stringify(
      markdownCard(p, {
        ...(opts.title ? { title: parts.length > 1 ? `${opts.title}（${i + 1}/${parts.length}）` : opts.title } : {}),
        ...(opts.template ? { template: opts.template } : {}),
        mentions: i === 0 ? mentions : [],
        ...(buttons && i === parts.length - 1 ? { actions: buttons } : {}),
      }),
    ),
  }));
}

// ---------------------------------------------------------------------------------------------
// Progress card

export const PROGRESS_STATUSES = ['正常推进', '滞后', '已完成', '需协调'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
const BUTTON: Record<ProgressStatus, { name: string; type: string }> = {
  正常推进: { name: 'st_normal', type: 'primary' },
  滞后: { name: 'st_behind', type: 'danger' },
  已完成: { name: 'st_done', type: 'primary_filled' },
  需协调: { name: 'st_coord', type: 'default' },
};
export const NOTE_FIELD = 'note';
/** 完成率 as a number (the state rule reads 完成率 only where it is given as such) */
export const PERCENT_FIELD = 'percent';
export const CARD_ACTION_KIND = 'duban.progress';

export interface ProgressCardInput {
  taskId: string;
  title: string;
  /** Markdown-free details (lead unit, milestone, last report); escaped here. */
  detail?: string;
  mentions?: Person[];
  /** After a click: the bot's answer, shown in place of the form. */
  result?: { text: string; by?: Person; ok: boolean };
}

export function progressCard(input: ProgressCardInput): object {
  const elements: object[] = [];
  const ats = (input.mentions ?? []).map(cardAt).join(' ');
  const detail = input.detail ? escapeMarkdown(input.detail) : '';
  if (ats || detail) elements.push({ tag: 'markdown', content: [ats, detail].filter(Boolean).join('\n') });
  if (input.result) {
    const who = input.result.by ? `${cardAt(input.result.by)} ` : '';
    elements.push({ tag: 'hr' });
    elements.push({ tag: 'markdown', content: `${who}${escapeMarkdown(input.result.text)}` });
  }
  elements.push({
    tag: 'form',
    name: 'progress_form',
    elements: [
      {
        tag: 'input',
        name: NOTE_FIELD,
        placeholder: { tag: 'plain_text', content: '补充说明（可选），如：已开工120套，完成率30%' },
        max_length: 300,
      },
      {
        tag: 'input',
        name: PERCENT_FIELD,
        placeholder: { tag: 'plain_text', content: '完成率（可选，填数字，如 30）' },
        max_length: 8,
      },
      {
        tag: 'column_set',
        columns: PROGRESS_STATUSES.map((s) => ({
          tag: 'column',
          width: 'auto',
          elements: [
            {
              tag: 'button',
              name: BUTTON[s].name,
              type: BUTTON[s].type,
              text: { tag: 'plain_text', content: s },
              form_action_type: 'submit',
              behaviors: [{ type: 'callback', value: { kind: CARD_ACTION_KIND, task: input.taskId, status: s, title: input.title.slice(0, 60) } }],
            },
          ],
        })),
      },
    ],
  });
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: {
      template: input.result ? (input.result.ok ? 'green' : 'orange') : 'blue',
      title: { tag: 'plain_text', content: `进展填报 · 第${input.taskId}项`.slice(0, 100) },
      subtitle: { tag: 'plain_text', content: input.title.slice(0, 100) },
    },
    body: { elements },
  };
}

export interface CardAction {
  taskId: string;
  status: ProgressStatus;
  note: string;
  /** the 完成率 field as typed, without a trailing %; '' when left empty */
  percent: string;
  /** The task title carried in the button value, to redraw the card. */
  title: string;
}

/** The `action` of a card.action.trigger callback → what was clicked, or undefined. */
export function parseProgressAction(action: unknown): CardAction | undefined {
  if (!action || typeof action !== 'object') return undefined;
  const a = action as { value?: unknown; name?: string; form_value?: Record<string, unknown>; input_value?: unknown };
  let value = a.value as { kind?: string; task?: unknown; status?: unknown; title?: unknown } | string | undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as { kind?: string; task?: unknown; status?: unknown; title?: unknown };
    } catch {
      return undefined;
    }
  }
  if (!value || value.kind !== CARD_ACTION_KIND) return undefined;
  const taskId = String(value.task ?? '');
  const status = PROGRESS_STATUSES.find((s) => s === value.status);
  if (!/^[0-9A-Za-z-]{1,20}$/.test(taskId) || !status) return undefined;
  const rawNote = a.form_value?.[NOTE_FIELD] ?? a.input_value ?? '';
  const note = String(rawNote).replace(/\s+/g, ' ').trim().slice(0, 500);
  const percent = String(a.form_value?.[PERCENT_FIELD] ?? '').replace(/\s+/g, '').replace(/[%％]$/, '').slice(0, 12);
  return { taskId, status, note, percent, title: typeof value.title === 'string' ? value.title.slice(0, 60) : '' };
}

/** The command a click stands for: the same text a liaison could type (the 完成率 field as
 * "完成率N%", which the parser checks like a typed one). */
export function progressCommand(a: CardAction): string {
  return `/进展 ${a.taskId} ${a.status}${a.note ? ` ${a.note}` : ''}${a.percent ? ` 完成率${a.percent}%` : ''}`;
}
