// Who may do what. Pure functions over the sender's roles and the task's unit lists.
//
//   admin (督查室, config ADMINS)  everything: report and set milestones on any task, bind others
//   leader (config LEADERS, /领导) read everything; no writes unless also a liaison
//   liaison (bound to units)       report on tasks where a bound unit is a lead or cooperating
//                                  unit; set milestones where it is a lead unit; read those tasks
//   anyone                         ask questions, /帮助, /身份, /我的任务, request a binding
import { canonUnit, TOWNS, UNIT_ALIASES } from '../../knowledge/normalize.ts';
import type { KeyTask } from '../../knowledge/types.ts';
import type { Platform } from '../types.ts';
import { parseUserRef, PLATFORMS } from '../refs.ts';
import { kindOfNo } from '../items/address.ts';

export interface RoleConfig {
  /** "platform:userId" */
  admins: ReadonlySet<string>;
  leaders: ReadonlySet<string>;
}

export interface Actor {
  platform: Platform;
  userId: string;
  name: string;
  isAdmin: boolean;
  /** set when the user is a leader (config or /领导); person links to 牵头领导 names */
  leader: { person: string | null } | null;
  /** units the user is an active liaison of */
  units: string[];
}


/** Parses ADMINS / LEADERS: "feishu:ou_x,wecom:zhangsan" (commas, full-width commas or spaces). */
export function parseUserList(raw: string, key: string): Set<string> {
  const out = new Set<string>();
  for (const item of raw.split(/[,，;；\s]+/)) {
    if (!item) continue;
    if (!parseUserRef(item)) {
      throw new Error(`配置有误：${key} 中的“${item}”应写成 平台:用户ID（平台为 ${PLATFORMS.join('/')}），如 feishu:ou_xxx`);
    }
    out.add(item);
  }
  return out;
}

// ---- units ---------------------------------------------------------------------------------

const TOWN_SET = new Set<string>(TOWNS);

export function isTown(unit: string): boolean {
  return TOWN_SET.has(unit);
}

/** Cooperating-unit phrases that name a class of units instead of a unit, and the test for
 * membership. 相关… ("the units concerned") is read like 各… (all of them): the document does
 * not say which, so every member may report. */
const COLLECTIVE: [RegExp, (unit: string) => boolean][] = [
  [/^(各|相关)镇/, isTown], // 各镇政府、街道办 · 相关镇政府、街道办 · 相关镇政府
  [/^市直(各|相关)单位$/, (u) => !isTown(u) && !isEnterprise(u)],
  [/^(各|相关)市属国有企业$/, (u) => isEnterprise(u)],
];

function isEnterprise(unit: string): boolean {
  return /(集团|公司)$/.test(unit);
}

export function isCollective(phrase: string): boolean {
  return COLLECTIVE.some(([re]) => re.test(phrase));
}

function inCollective(phrase: string, unit: string): boolean {
  return COLLECTIVE.some(([re, member]) => re.test(phrase) && member(unit));
}

/** 发改局（国动办） → 发改局: the table sometimes adds the office in brackets. */
export function baseUnit(name: string): string {
  return name.replace(/[（(][^）)]*[）)]$/, '');
}

export type UnitRole = 'lead' | 'co' | 'co-collective';

/** How `unit` takes part in `task`: named lead unit, named cooperating unit, member of a
 * collective cooperating phrase (各镇政府、街道办 …), or not at all. */
export function unitRole(task: KeyTask, unit: string): UnitRole | null {
  if (task.leadUnits.some((u) => baseUnit(u) === unit)) return 'lead';
  if (task.coUnits.some((u) => baseUnit(u) === unit)) return 'co';
  if (task.coUnits.some((c) => inCollective(c, unit))) return 'co-collective';
  return null;
}

/** Every unit a liaison can be bound to: named units of the task list, the towns, and the
 * canonical names of the alias table. Collective phrases are not units. */
export function knownUnits(tasks: readonly KeyTask[]): Set<string> {
  const out = new Set<string>([...TOWNS, ...Object.keys(UNIT_ALIASES)]);
  for (const t of tasks) for (const u of [...t.leadUnits, ...t.coUnits]) if (!isCollective(u)) out.add(baseUnit(u));
  return out;
}

/** The canonical unit for what a user typed (住房和城乡建设局 → 住建局, 白水 → 白水镇), or
 * undefined when it is not a known unit. */
export function resolveUnit(raw: string, known: ReadonlySet<string>): string | undefined {
  const s = raw.replace(/\s+/g, '');
  if (!s) return undefined;
  for (const cand of [canonUnit(s), s, `${s}镇`, `${s}街道`, canonUnit(s.replace(/^汨罗/, ''))]) if (known.has(cand)) return cand;
  return undefined;
}

/** Known units whose name contains or is contained in the input, for "did you mean". */
export function suggestUnits(raw: string, known: ReadonlySet<string>, max = 5): string[] {
  const s = raw.replace(/\s+/g, '').slice(0, 30);
  if (s.length < 1) return [];
  const chars = [...s];
  const scored = [...known]
    .map((u) => ({ u, score: chars.filter((c) => u.includes(c)).length / Math.max(chars.length, u.length) }))
    .filter((x) => x.score >= 0.4)
    .sort((a, b) => b.score - a.score || a.u.localeCompare(b.u, 'zh-Hans-CN'));
  return scored.slice(0, max).map((x) => x.u);
}

// ---- permissions ---------------------------------------------------------------------------

/** The unit a liaison acts for on this task: a lead unit first, then a named cooperating unit,
 * then a member of a collective phrase. */
export function actingUnit(actor: Actor, task: KeyTask, allowed: readonly UnitRole[]): string | undefined {
  for (const want of ['lead', 'co', 'co-collective'] as const) {
    if (!allowed.includes(want)) continue;
    const u = actor.units.find((x) => unitRole(task, x) === want);
    if (u) return u;
  }
  return undefined;
}

export const REPORT_ROLES: readonly UnitRole[] = ['lead', 'co', 'co-collective'];
export const MILESTONE_ROLES: readonly UnitRole[] = ['lead'];

/** Who reports an item: on a key task its lead and cooperating units (as always); on every other
 * list its lead units only — the 民生实事 notice puts the lead units in charge of their projects,
 * and a town owes its own indicator cell (the cell's lead unit is the town). */
export function reportRolesFor(task: { no: number }): readonly UnitRole[] {
  return kindOfNo(task.no) === 'key' ? REPORT_ROLES : MILESTONE_ROLES;
}

/** The unit recorded on a report or milestone, or undefined when the actor may not write it.
 * Admins without a fitting binding write as 督查室. */
export function writerUnit(actor: Actor, task: KeyTask, roles: readonly UnitRole[]): string | undefined {
  return actingUnit(actor, task, roles) ?? (actor.isAdmin ? '督查室' : undefined);
}

export function canReadAll(actor: Actor): boolean {
  return actor.isAdmin || actor.leader !== null;
}

export function canView(actor: Actor, task: KeyTask): boolean {
  return canReadAll(actor) || actingUnit(actor, task, REPORT_ROLES) !== undefined;
}

/** "住建局" / "住建局、城管局" and, when present, "；配合：…" */
export function describeUnits(task: KeyTask, withCo: boolean): string {
  const lead = `牵头单位 ${task.leadUnits.join('、') || '（未列明）'}`;
  return withCo && task.coUnits.length ? `${lead}，配合单位 ${task.coUnits.join('、')}` : lead;
}
