/** The sub-commands of `anysim` and the top-level help. */
import { ANYSIM_VERSION } from '../version.js';
import { runCatchmentCommand } from './catchment-command.js';
import type { CliIo } from './cli-io.js';
import { runConvergeCommand } from './converge-command.js';
import { runHashCommand } from './hash-command.js';
import { runMergeCommand } from './merge-command.js';
import { runRunCommand } from './run-command.js';
import { runSchemaCommand } from './schema-command.js';
import { runSweepCommand } from './sweep-command.js';

/** One sub-command. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Every sub-command, in help order. */
export const COMMANDS: readonly Command[] = [
  { name: 'run', summary: 'simulate a scenario and write the design-review report', run: runRunCommand },
  { name: 'catchment', summary: 'steady-state anycast catchment of a topology for given origins', run: runCatchmentCommand },
  { name: 'converge', summary: 'BGP dynamics after routing events, to quiescence', run: runConvergeCommand },
  { name: 'hash', summary: 'flow movement and balance of a consistent-hashing algorithm', run: runHashCommand },
  { name: 'sweep', summary: 'run a grid of scenarios x seeds on worker threads (resumable, shardable)', run: runSweepCommand },
  { name: 'merge', summary: 'merge the shards of a sweep into one report', run: runMergeCommand },
  { name: 'schema', summary: 'print the JSON Schema of scenario files', run: runSchemaCommand },
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
