// /群信息 — the group's id in the form REMIND_*_GROUP and /订阅 expect. An admin otherwise has
// to dig it out of the platform's developer tools or the logs.
import { formatChatRef } from '../../refs.ts';
import { defineCommand, noArgs } from '../spec.ts';

export const groupInfo = defineCommand<null>({
  id: 'group-info',
  names: ['群信息', 'qxx', 'groupinfo'],
  match: 'word',
  help: { section: 'remind', order: 90, text: '/群信息 — 管理员查看本群的群 ID（填 REMIND_DEFAULT_GROUP 等设置用）' },
  doc: '督查室在群里发送 `/群信息`，得到本群 ID（如 `feishu:oc_xxx`），填入 `.env` 的 `REMIND_*_GROUP`',
  // The id itself is not secret, but it is only useful to whoever edits .env.
  access: { who: 'admin', refusal: '只有管理员（督查室）可以查看群 ID。' },
  writes: false,
  chat: { only: 'group', refusal: '请在要查看的群里发送 /群信息。' },
  parse: noArgs,
  run: (c) => {
    const ref = formatChatRef({ platform: c.msg.platform, chatId: c.msg.chatId });
    return { text: `本群 ID：${ref}\n在 .env 中填写，如 REMIND_DEFAULT_GROUP=${ref}（督查室汇总）；修改后重启生效。` };
  },
});
