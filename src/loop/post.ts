// Posting a 催办 or a 批示 into the lead units' groups. The message is written to the outbox in
// the command's own transaction (so a redelivered command posts nothing twice and a crash after
// the commit still posts), then the outbox is kicked: delivery, its claims and its retries are
// the reminders' (src/remind/delivery.ts). Nothing here talks to a platform.
//
// The text is plain: the adapters escape it (src/platforms/wecom/render.ts, feishu/cards.ts), so
// the office's words or a leader's cannot @ anyone; the only real mentions are the liaisons
// computed from bindings, passed as `mentions`.
import type { KeyTask } from '../../knowledge/types.ts';
import { baseUnit, isCollective } from '../progress/access.ts';
import { clip } from '../progress/format.ts';
import type { MessageAction } from '../platforms/types.ts';
import type { Liaison } from '../remind/compose.ts';
import { unitGroups } from '../remind/route.ts';
import type { Db } from '../store/db.ts';
import { enqueue, listSubscriptions } from '../store/outbox.ts';
import { liaisonsOf } from '../store/users.ts';
import { splitStoredKey } from '../refs.ts';

/** Where the office's posts go and how to get them out now. */
export interface NotifyService {
  /** REMIND_DEFAULT_GROUP: for units no group subscribed to */
  defaultGroup: string;
  /** asks the outbox to send what is due, after the command's commit (never inside it) */
  kick(): void;
}

/** The named lead units of a task (发改局（国动办） → 发改局), as bindings and subscriptions name them. */
export function leadUnitsOf(task: KeyTask): string[] {
  return [...new Set(task.leadUnits.filter((u) => !isCollective(u)).map(baseUnit))];
}

/** Shown units: one line each, at most this many (第54项 has twelve). */
const MAX_UNIT_LINES = 6;

/** The units' lines with their liaisons named, and the liaisons to @. Pure. */
export function unitLines(units: readonly string[], liaisons: (unit: string) => Liaison[]): { lines: string[]; mentions: Liaison[] } {
  const mentions = new Map<string, Liaison>();
  const lines: string[] = [];
  units.forEach((u, i) => {
    const ls = liaisons(u);
    for (const l of ls) mentions.set(l.userId, l);
    if (i < MAX_UNIT_LINES) lines.push(ls.length ? `▍${u} ${ls.map((l) => `@${l.name}`).join(' ')}` : `▍**${u}**（未绑定联络员）`);
  });
  if (units.length > MAX_UNIT_LINES) lines.push(`▍另有${units.slice(MAX_UNIT_LINES).join('、')}（共${units.length}家牵头）`);
  return { lines, mentions: [...mentions.values()] };
}

export function itemHeading(label: string, task: KeyTask): string {
  return `【${label}】第${task.no}项 ${clip(task.target.replace(/[。；;，,]+$/, ''), 24)}`;
}

export interface Post {
  /** stable per post: the outbox idempotency key is `${key}:${group}` */
  key: string;
  task: KeyTask;
  at: string;
  /** the text for one group, given the lines naming its units' liaisons */
  text(unitLines: string[]): string;
  /** buttons (Feishu cards), e.g. 签收 */
  actions?: MessageAction[];
}

/** Records the post for every group of the task's lead units, each with the liaisons on that
 * group's platform. Returns the groups. Call inside the command's write transaction. */
export function enqueuePost(db: Db, notify: NotifyService, post: Post): string[] {
  const units = leadUnitsOf(post.task);
  const scopes = [...new Set([...units, ...post.task.leadUnits])];
  const groups = unitGroups(scopes, listSubscriptions(db), { defaultGroup: notify.defaultGroup });
  for (const group of groups) {
    const platform = splitStoredKey(group).platform;
    const { lines, mentions } = unitLines(units, (u) =>
      liaisonsOf(db, [u]).filter((b) => b.platform === platform).map((b) => ({ userId: b.userId, name: b.name ?? b.userId })),
    );
    enqueue(db, { idemKey: `${post.key}:${group}`, groupKey: group, kind: 'alert', text: post.text(lines), mentions, tasks: [`第${post.task.no}项`], ...(post.actions ? { actions: post.actions } : {}), at: post.at }, []);
  }
  return groups;
}

/** "住建局订阅的群" / "默认群" — how a reply says where the post went, without group ids. */
export function whereText(db: Db, groups: readonly string[], notify: NotifyService): string {
  if (groups.length === 1 && groups[0] === notify.defaultGroup && !listSubscriptions(db).some((s) => s.groupKey === groups[0])) return '默认群（还没有群订阅这些单位）';
  return groups.length === 1 ? '牵头单位所在的群' : `牵头单位所在的${groups.length}个群`;
}
