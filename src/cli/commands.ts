/** The sub-commands of `anysim` and the top-level help. */
import { ANYSIM_VERSION } from '../version.js';
import type { CliIo } from './cli-io.js';

/** One sub-command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/**
 * Every sub-command, in help order. Each command's module is imported only when that command
 * runs, so `anysim --version` loads none of them, `anysim catchment` only the topology and
 * routing layers, and only `sweep` and `merge` load the worker pool (issue 14: instant start).
 */
export const COMMANDS: readonly Command[] = [
  {
    name: 'run',
    summary: 'simulate a scenario and write the design-review report',
    run: async (args, io) => (await import('./run-command.js')).runRunCommand(args, io),
  },
  {
    name: 'catchment',
    summary: 'steady-state anycast catchment of a topology for given origins',
    run: async (args, io) => (await import('./catchment-command.js')).runCatchmentCommand(args, io),
  },
  {
    name: 'converge',
    summary: 'BGP dynamics after routing events, to quiescence',
    run: async (args, io) => (await import('./converge-command.js')).runConvergeCommand(args, io),
  },
  {
    name: 'hash',
    summary: 'flow movement and balance of a consistent-hashing algorithm',
    run: async (args, io) => (await import('./hash-command.js')).runHashCommand(args, io),
  },
  {
    name: 'sweep',
    summary: 'run a grid of scenarios x seeds on worker threads (resumable, shardable)',
    run: async (args, io) => (await import('./sweep-command.js')).runSweepCommand(args, io),
  },
  {
    name: 'merge',
    summary: 'merge the shards of a sweep into one report',
    run: async (args, io) => (await import('./merge-command.js')).runMergeCommand(args, io),
  },
  {
    name: 'schema',
    summary: 'print the JSON Schema of scenario files',
    run: async (args, io) => (await import('./schema-command.js')).runSchemaCommand(args, io),
  },
];

/** `anysim --help`. */
export function renderHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `anysim ${ANYSIM_VERSION}: simulate stateful and stateless sessions over anycast`,
    '',
    'Usage: anysim <command> [options]     (anysim <command> --help for a command\'s options)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help',
    '  -V, --version  print the version',
    '',
  ].join('\n');
}
