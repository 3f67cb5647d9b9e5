/**
 * The tie-break rule of a run (`routing.tieBreak`, docs/routing.md "Tie-breaks") with what it
 * needs from the world: hot-potato the ASes' geography and the PoPs' cities, random a 32-bit salt.
 */
import { LOWEST_ASN, type TieBreakRule, type TieBreakSpec } from '../routing/index.js';
import type { RandomStream } from '../sim/index.js';
import type { World } from './world.js';

/**
 * The spec of `rule` in `world`. `random` draws its salt from `salts` (a run passes the stream
 * `routing/tie-break`; one draw), so the order is fixed for the run and follows the seed.
 */
export function tieBreakSpecOf(rule: TieBreakRule, world: World, salts: () => RandomStream): TieBreakSpec {
  switch (rule) {
    case 'lowest-asn':
      return LOWEST_ASN;
    case 'hot-potato':
      return { rule, geography: world.geography, sitePoints: world.popLocations };
    case 'random':
      return { rule, salt: salts().uint32() };
  }
}
