/**
 * `anysim hash`: measures how a PoP hashing scheme reacts when backends are removed or added —
 * the share of random flows that change backend against the minimal share, the load balance
 * after the change, and the table build time. For choosing an algorithm before a design review.
 */
import {
  DEFAULT_MAGLEV_TABLE_SIZE,
  DEFAULT_RING_VNODES,
  HASH_ALGORITHM_NAMES,
  MAX_BACKENDS,
  MAX_CONNTRACK_CAPACITY,
  MAX_MEASURED_FLOWS,
  measureRemap,
  type RemapMeasurement,
} from '../pop/index.js';
import type { CliIo } from './cli-io.js';
import { quoted } from '../message-text.js';
import { parseCommandArgs, parseDecimalFlag, parseEnumFlag } from './command-args.js';
import { UsageError } from './usage-error.js';

/** Flows hashed when --flows is not given. */
export const DEFAULT_HASH_FLOWS = 100_000;

/** Usage text of `anysim hash`. */
export const HASH_USAGE = `Usage: anysim hash --algorithm ${HASH_ALGORITHM_NAMES.join('|')} --backends N
                   [--remove K | --add K] [--table-size M] [--vnodes V] [--flows F] [--seed S]
                   [--conntrack C] [--json] [--timings]

Hashes F random flows over N backends, removes (the last) K or adds K backends, and reports the
share of flows whose backend changed, the least any scheme could move, and the load balance.

Options:
  --algorithm A    ${HASH_ALGORITHM_NAMES.join(', ')}
  --backends N     backends before the change (1..${MAX_BACKENDS})
  --remove K       remove the last K backends (jump hash can only shrink from the end)
  --add K          add K backends
  --table-size M   Maglev table size, a prime (default ${DEFAULT_MAGLEV_TABLE_SIZE})
  --vnodes V       ring virtual nodes per backend (default ${DEFAULT_RING_VNODES})
  --flows F        random flows to hash (default ${DEFAULT_HASH_FLOWS}, at most ${MAX_MEASURED_FLOWS})
  --seed S         root seed of the flow stream (default 1)
  --conntrack C    also replay the flows through an LRU conntrack of C entries and report
                   brokenFraction (flows that reached another server after the change)
  --json           one JSON object instead of a table (the same bytes on every run)
  --timings        also report the table build and rebuild times (wall clock: vary between runs)
  --help           this text
`;

function integerFlag(name: string, text: string | undefined, min: number, max: number): number | undefined {
  return text === undefined ? undefined : parseDecimalFlag(`hash: --${name}`, text, { min, max });
}

/** The measurement without its wall-clock fields, which differ from run to run. */
function withoutTimings(result: RemapMeasurement): Omit<RemapMeasurement, 'buildMs' | 'rebuildMs'> {
  const { buildMs: _buildMs, rebuildMs: _rebuildMs, ...rest } = result;
  return rest;
}

function table(result: RemapMeasurement, extra: { change: string; seed: string; timings: boolean }): string {
  const rows: [string, string][] = [
    ['algorithm', result.algorithm],
    ['change', extra.change],
    ['backends before -> after', `${result.backendsBefore} -> ${result.backendsAfter}`],
    ['flows', String(result.flows)],
    ['moved fraction', result.movedFraction.toFixed(4)],
    ['minimal moved fraction', result.minimalMovedFraction.toFixed(4)],
    ['moved / minimal', result.movedOverMinimal.toFixed(2)],
    ['max / mean load', result.maxOverMean.toFixed(3)],
    ...(extra.timings
      ? [
          ['build ms', result.buildMs.toFixed(2)] as [string, string],
          ['rebuild ms', result.rebuildMs.toFixed(2)] as [string, string],
        ]
      : []),
    ['table bytes', String(result.tableBytes)],
    ...(result.brokenFraction === null ? [] : [['broken with conntrack', result.brokenFraction.toFixed(4)] as [string, string]]),
    ['seed', extra.seed],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join('');
}

/**
 * Runs `anysim hash`.
 *
 * @param args - the words after `hash`.
 * @returns the exit code (0).
 * @throws UsageError for a missing, unknown or malformed flag, or an impossible change.
 */
export async function runHashCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('hash', {
    args: [...args],
    options: {
      algorithm: { type: 'string' },
      backends: { type: 'string' },
      remove: { type: 'string' },
      add: { type: 'string' },
      'table-size': { type: 'string' },
      vnodes: { type: 'string' },
      flows: { type: 'string' },
      seed: { type: 'string' },
      conntrack: { type: 'string' },
      json: { type: 'boolean' },
      timings: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    io.stdout(HASH_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`hash: unexpected argument "${positionals[0]}"; it takes only flags`);
  const flags: Readonly<Record<string, string | boolean | undefined>> = values;
  const str = (name: string): string | undefined => {
    const value = flags[name];
    return typeof value === 'string' ? value : undefined;
  };
  const algorithm = parseEnumFlag('hash: --algorithm', str('algorithm'), HASH_ALGORITHM_NAMES);
  const backends = integerFlag('backends', str('backends'), 1, MAX_BACKENDS);
  if (backends === undefined) throw new UsageError('hash: --backends N is required (the number of backends before the change)');
  const remove = integerFlag('remove', str('remove'), 1, MAX_BACKENDS);
  const add = integerFlag('add', str('add'), 1, MAX_BACKENDS);
  if (remove !== undefined && add !== undefined) throw new UsageError('hash: give --remove K or --add K, not both');
  if (remove !== undefined && remove >= backends) {
    throw new UsageError(`hash: --remove ${remove} must be below --backends ${backends} (at least one backend must remain)`);
  }
  if (add !== undefined && backends + add > MAX_BACKENDS) {
    throw new UsageError(`hash: --backends + --add must be at most ${MAX_BACKENDS}, got ${backends + add}`);
  }
  const tableSize = integerFlag('table-size', str('table-size'), 2, 1 << 24);
  const vnodes = integerFlag('vnodes', str('vnodes'), 1, 100_000);
  const flows = integerFlag('flows', str('flows'), 1, MAX_MEASURED_FLOWS) ?? DEFAULT_HASH_FLOWS;
  const seed = str('seed') ?? '1';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(seed)) throw new UsageError(`hash: --seed must be 1-64 letters, digits, '.', '_' or '-', got ${quoted(seed)}`);
  const timings = values.timings === true;
  const conntrackCapacity = integerFlag('conntrack', str('conntrack'), 1, MAX_CONNTRACK_CAPACITY);
  const change = remove !== undefined ? { kind: 'remove' as const, count: remove } : { kind: 'add' as const, count: add ?? 0 };
  let result: RemapMeasurement;
  try {
    result = measureRemap({
      algorithm,
      backends,
      change,
      flows,
      seed,
      ...(tableSize === undefined ? {} : { tableSize }),
      ...(vnodes === undefined ? {} : { vnodes }),
      ...(conntrackCapacity === undefined ? {} : { conntrackCapacity }),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`hash: ${error.message}`);
    throw error;
  }
  const changeText = change.count === 0 ? 'none' : `${change.kind} ${change.count}`;
  if (values.json === true) {
    const json = {
      ...(timings ? result : withoutTimings(result)),
      change: change.count === 0 ? 'none' : change.kind,
      changeCount: change.count,
      tableSize: algorithm === 'maglev' ? (tableSize ?? DEFAULT_MAGLEV_TABLE_SIZE) : null,
      vnodes: algorithm === 'ring' ? (vnodes ?? DEFAULT_RING_VNODES) : null,
      conntrackCapacity: conntrackCapacity ?? null,
      seed,
    };
    io.stdout(`${JSON.stringify(json)}\n`);
  } else {
    io.stdout(table(result, { change: changeText, seed, timings }));
  }
  return 0;
}
