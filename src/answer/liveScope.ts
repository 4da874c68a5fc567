// The items a live question's scope covers, as /滞后 and /汇总 read it.
import type { SupervisedItem } from '../items/catalog.ts';
import { baseUnit, unitRole } from '../progress/access.ts';
import { scopeOf } from '../progress/scope.ts';
import type { ListFilter, Scope } from './liveRead.ts';
import type { LiveView } from './liveView.ts';

/** The items of a scope, as /滞后 and /汇总 read it (src/progress/scope.ts) for the key tasks: a
 * unit's lead tasks (and, asked what lags, the ones it co-operates on, as /滞后 住建局 lists them),
 * a town's tasks with those of 各镇政府、街道办; on the other lists the items it leads, a town's
 * own indicator cells. Key tasks first, then the other lists, each in list order. */
export function scopeItems(view: LiveView, scope: Scope, filter?: ListFilter, withCo = false): { items: SupervisedItem[]; name: string; co: number } {
  const all = view.catalog.all.filter((x) => !filter || filter.test(x));
  const keys = all.filter((x) => x.kind === 'key');
  const others = all.filter((x) => x.kind !== 'key');
  switch (scope.kind) {
    case 'items':
      return { items: scope.items, name: '', co: 0 };
    case 'all':
      return { items: all, name: '', co: 0 };
    case 'leader':
      return { items: all.filter((x) => x.leaders.includes(scope.name)), name: scope.name, co: 0 };
    case 'unit': {
      const s = scopeOf('unit', scope.name, keys);
      const mine = new Set((withCo ? s.tasks : s.lead).map((t) => t.no));
      const items = [...keys.filter((x) => mine.has(x.no)), ...others.filter((x) => unitRole(x, scope.name) === 'lead')];
      return { items, name: scope.name, co: withCo ? 0 : s.tasks.length - s.lead.length };
    }
    case 'town': {
      // asked what lags: every task /滞后 白塘镇 lists; asked how it stands or whether it reported:
      // the ones that name the town, the 各镇 tasks counted (they are everyone's)
      const s = scopeOf('town', scope.name, keys);
      const named = new Set(s.tasks.filter((t) => unitRole(t, scope.name) !== 'co-collective').map((t) => t.no));
      const mine = new Set(s.tasks.map((t) => t.no));
      const own = (x: SupervisedItem) => (x.kind === 'indicator' ? x.leadUnits[0] === scope.name : x.leadUnits.some((u) => baseUnit(u) === scope.name));
      const pick = withCo ? mine : named;
      return { items: [...keys.filter((x) => pick.has(x.no)), ...others.filter(own)], name: scope.name, co: withCo ? 0 : mine.size - named.size };
    }
  }
}
