/**
 * How much a backend change disturbs a hashing scheme: the share of flows whose backend changed
 * when K backends are removed or added, against the least any scheme could move (the flows of
 * removed backends, K/N, or the new backends' fair share, K/(N+K)), and the load balance after the
 * change (busiest backend over the mean). The measure behind `anysim hash` and the properties.
 *
 * Removal takes the last K backends: jump hash can only shrink from the end (Lamping & Veach
 * 2014 §1: buckets are numbered sequentially), and for the other schemes which K are removed does
 * not matter statistically.
 */
import { RandomStreams } from '../sim/index.js';
import { Conntrack } from './conntrack.js';
import type { BackendHash } from './backend-hash.js';
import { buildBackendHash, type HashAlgorithmName } from './hash-algorithm.js';

/** Most flows one measurement draws. */
export const MAX_MEASURED_FLOWS = 20_000_000;

/** What to measure. */
export interface RemapExperiment {
  readonly algorithm: HashAlgorithmName;
  /** Backends before the change (count). */
  readonly backends: number;
  /** Remove or add `count` backends; `count` 0 measures stability of an unchanged set. */
  readonly change: { readonly kind: 'remove' | 'add'; readonly count: number };
  /** Maglev table size (prime). */
  readonly tableSize?: number;
  /** Ring virtual nodes per backend. */
  readonly vnodes?: number;
  /** Random flows hashed (count). */
  readonly flows: number;
  /** Root seed; flows come from the stream `hash/flows`. */
  readonly seed: string | number;
  /**
   * With a conntrack of this capacity (entries): every flow is established before the change,
   * then sends one packet after it, in the same order, through a {@link Conntrack}.
   */
  readonly conntrackCapacity?: number;
}

/** The result; field names are the `anysim hash --json` contract. */
export interface RemapMeasurement {
  readonly algorithm: HashAlgorithmName;
  readonly backendsBefore: number;
  readonly backendsAfter: number;
  readonly flows: number;
  /** Share of flows whose backend changed. */
  readonly movedFraction: number;
  /** The least any scheme could move: K/N on removal, K/(N+K) on addition. */
  readonly minimalMovedFraction: number;
  /** movedFraction / minimalMovedFraction (1 = minimal disruption); 0 when nothing had to move. */
  readonly movedOverMinimal: number;
  /** Busiest backend's flow count over the mean, after the change. */
  readonly maxOverMean: number;
  /** Time to build the table before the change (ms). */
  readonly buildMs: number;
  /** Time to build the table after the change (ms). */
  readonly rebuildMs: number;
  /** Bytes of the table after the change. */
  readonly tableBytes: number;
  /**
   * With `conntrackCapacity`: share of flows whose post-change packet reached another server
   * than before (moved and no longer in conntrack); null without it.
   */
  readonly brokenFraction: number | null;
}

function timed<T>(build: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = build();
  return { value, ms: performance.now() - start };
}

/** Runs one remap experiment. */
export function measureRemap(experiment: RemapExperiment): RemapMeasurement {
  const { algorithm, backends, change, flows } = experiment;
  if (!Number.isInteger(flows) || flows < 1 || flows > MAX_MEASURED_FLOWS) {
    throw new RangeError(`flows must be an integer in [1, ${MAX_MEASURED_FLOWS}], got ${flows}`);
  }
  if (!Number.isInteger(change.count) || change.count < 0) throw new RangeError(`change count must be an integer >= 0, got ${change.count}`);
  if (change.kind === 'remove' && change.count >= backends) {
    throw new RangeError(`cannot remove ${change.count} of ${backends} backends: at least one must remain`);
  }
  const before = Array.from({ length: backends }, (_, i) => `backend-${i}`);
  const after =
    change.kind === 'remove'
      ? before.slice(0, backends - change.count)
      : [...before, ...Array.from({ length: change.count }, (_, i) => `backend-${backends + i}`)];
  const options = {
    ...(experiment.tableSize === undefined ? {} : { tableSize: experiment.tableSize }),
    ...(experiment.vnodes === undefined ? {} : { vnodes: experiment.vnodes }),
  };
  const built = timed(() => buildBackendHash(algorithm, before, options));
  const rebuilt = timed(() => buildBackendHash(algorithm, after, options));
  const stream = new RandomStreams(experiment.seed).stream('hash/flows');
  const load = new Float64Array(after.length);
  let moved = 0;
  for (let f = 0; f < flows; f++) {
    const flowHash = stream.uint32();
    const was = built.value.lookup(flowHash);
    const now = rebuilt.value.lookup(flowHash);
    // Backends keep their names across the change, and the first ones keep their indexes.
    if (before[was] !== after[now]) moved++;
    load[now]! += 1;
  }
  const minimal = change.count === 0 ? 0 : change.kind === 'remove' ? change.count / backends : change.count / (backends + change.count);
  const movedFraction = moved / flows;
  const capacity = experiment.conntrackCapacity;
  const brokenFraction =
    capacity === undefined ? null : conntrackBrokenFraction(experiment, capacity, after.length, built.value, rebuilt.value);
  let busiest = 0;
  for (let b = 0; b < load.length; b++) busiest = Math.max(busiest, load[b]!);
  return {
    algorithm,
    backendsBefore: backends,
    backendsAfter: after.length,
    flows,
    movedFraction,
    minimalMovedFraction: minimal,
    movedOverMinimal: minimal === 0 ? 0 : movedFraction / minimal,
    maxOverMean: busiest / (flows / after.length),
    buildMs: built.ms,
    rebuildMs: rebuilt.ms,
    tableBytes: rebuilt.value.tableBytes,
    brokenFraction,
  };
}

/**
 * Replays the experiment's flows through a conntrack: established on the old table, then one
 * packet each after the change. Flows are touched in the same cyclic order both times, the case
 * where LRU keeps nothing once the flows outnumber its capacity. A flow breaks if its entry is
 * gone and the new table moved it, or if its entry points at a removed backend.
 */
function conntrackBrokenFraction(
  experiment: RemapExperiment,
  capacity: number,
  afterCount: number,
  oldTable: BackendHash,
  newTable: BackendHash,
): number {
  // Backend indexes mean the same name before and after: one list is a prefix of the other.
  const conntrack = new Conntrack(capacity, Number.MAX_VALUE);
  // The same flows as the main pass: a fresh RandomStreams gives the same `hash/flows` stream.
  const stream = new RandomStreams(experiment.seed).stream('hash/flows');
  const flows = Array.from({ length: experiment.flows }, () => stream.uint32());
  flows.forEach((f, i) => conntrack.insert(i, oldTable.lookup(f), 0));
  let broken = 0;
  flows.forEach((f, i) => {
    const held = conntrack.lookup(i, 1);
    if (held === undefined) {
      const server = newTable.lookup(f);
      if (server !== oldTable.lookup(f)) broken++;
      conntrack.insert(i, server, 1);
    } else if (held >= afterCount) {
      broken++;
    }
  });
  return broken / experiment.flows;
}
