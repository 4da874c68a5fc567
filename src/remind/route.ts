// Which groups a notice goes to. Reminders and overdue notices go to the groups subscribed to
// one of the lead units (or to everything); escalations to the groups subscribed to the lead
// leader or marked as the leaders' group. Nobody subscribed → the configured default group.
import type { Subscription } from '../store/outbox.ts';
import type { Notice } from './plan.ts';

export interface RouteConfig {
  defaultGroup: string;
  leadersGroup?: string;
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
