// Router dependencies for a test: what the composition root always passes (no roles, the real
// clock, every command), overridden by what the test cares about.
import { defaultRegistry } from '../../src/commands/all.ts';
import type { RouterDeps } from '../../src/router.ts';

export function routerDeps(over: Partial<RouterDeps> & Pick<RouterDeps, 'knowledge'>): RouterDeps {
  return { roles: { admins: new Set(), leaders: new Set() }, now: () => new Date(), commands: defaultRegistry(), ...over };
}
