// Which tasks a unit, a leader or a town is answerable for, for /汇总 and /滞后.
//   unit   tasks naming it as lead or cooperating unit
//   town   tasks naming it, plus tasks whose cooperating units are 各镇政府、街道办 (every town);
//          相关镇… ("the towns concerned") does not say which, so it is not counted per town
//   leader tasks listing the person as 牵头领导
import { TOWNS } from '../../knowledge/normalize.ts';
import type { KeyTask } from '../../knowledge/types.ts';
import { baseUnit, isTown, resolveUnit, unitRole } from './access.ts';

export type ScopeKind = 'unit' | 'leader' | 'town';

export interface Scope {
  kind: ScopeKind;
  name: string;
  tasks: KeyTask[];
  /** for units: the tasks it leads (a subset of tasks) */
  lead: KeyTask[];
}

export function leadersOf(tasks: readonly KeyTask[]): string[] {
  return [...new Set(tasks.flatMap((t) => t.leaders))];
}

export function leadUnitsOf(tasks: readonly KeyTask[]): string[] {
  return [...new Set(tasks.flatMap((t) => t.leadUnits.map(baseUnit)))];
}

export function scopeOf(kind: ScopeKind, name: string, tasks: readonly KeyTask[]): Scope {
  if (kind === 'leader') {
    const ts = tasks.filter((t) => t.leaders.includes(name));
    return { kind, name, tasks: ts, lead: ts };
  }
  const lead = tasks.filter((t) => unitRole(t, name) === 'lead');
  const named = tasks.filter((t) => {
    const r = unitRole(t, name);
    return r === 'lead' || r === 'co' || (kind === 'town' && r === 'co-collective' && t.coUnits.some((c) => c.startsWith('各镇')));
  });
  return { kind, name, tasks: named, lead };
}

/** A leader's name, a unit or a town, as typed. */
export function resolveScope(raw: string, tasks: readonly KeyTask[], units: ReadonlySet<string>): Scope | undefined {
  const name = raw.replace(/\s+/g, '');
  const leader = leadersOf(tasks).find((p) => p === name || p === name.replace(/(市长|副市长|同志)$/, ''));
  if (leader) return scopeOf('leader', leader, tasks);
  const unit = resolveUnit(name, units);
  if (!unit) return undefined;
  return scopeOf(isTown(unit) ? 'town' : 'unit', unit, tasks);
}

export const ALL_TOWNS: readonly string[] = TOWNS;
