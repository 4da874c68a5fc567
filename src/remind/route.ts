// Which groups a notice goes to. Reminders and overdue notices go to the groups subscribed to
// one of the lead units (or to everything); escalations to the groups subscribed to the lead
// leader or marked as the leaders' group. Nobody subscribed → the configured default group.
import type { Subscription } from '../store/outbox.ts';
import type { Notice } from './plan.ts';

export interface RouteConfig {
  defaultGroup: string;
  leadersGroup?: string;
}

/** The groups subscribed to one of `units` (or to everything); the default group when none
 * is. What a unit's reminders, and the office's 催办 and the leaders' 批示, are posted to. */
export function unitGroups(units: readonly string[], subs: readonly Subscription[], cfg: RouteConfig): string[] {
  const scopes = new Set(['all', ...units.map((u) => `unit:${u}`)]);
  const groups = [...new Set(subs.filter((s) => scopes.has(s.scope)).map((s) => s.groupKey))];
  return groups.length ? groups.sort() : [cfg.defaultGroup];
}

export function routeNotice(n: Notice, subs: readonly Subscription[], cfg: RouteConfig): string[] {
  const m = n.milestone;
  const scopes =
    n.kind === 'escalation'
      ? new Set(['leaders', ...m.leaders.map((l) => `leader:${l}`)])
      : new Set(['all', ...m.leadUnits.map((u) => `unit:${u}`)]);
  const groups = [...new Set(subs.filter((s) => scopes.has(s.scope)).map((s) => s.groupKey))];
  if (groups.length) return groups.sort();
  return [n.kind === 'escalation' ? (cfg.leadersGroup ?? cfg.defaultGroup) : cfg.defaultGroup];
}
