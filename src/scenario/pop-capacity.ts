/**
 * A PoP's capacity as the simulation uses it, from the scenario's `capacity` field (its file
 * format: capacity-schema.ts; docs/load.md).
 */
import type { PopCapacity } from '../load/index.js';
import type { CapacitySpec } from './scenario.js';

/** The capacity of PoP `name` under `spec`: its own fields over the default's. */
export function popCapacityOf(spec: CapacitySpec | undefined, name: string): PopCapacity {
  if (spec === undefined) return {};
  return { ...spec.default, ...spec.pops[name] };
}
