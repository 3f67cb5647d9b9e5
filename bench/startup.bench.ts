/**
 * Startup benchmarks (issue 14, item 3): whole processes, as a user starts them, of the compiled
 * package (dist/, built by `npm run bench`). Each is beside its baseline measured in the same run:
 * - `anysim --version` beside a bare `node -e 0` (what any Node program pays to start). Goal:
 *   at most 150 ms.
 * - `anysim catchment --json` on the 2016 CAIDA graph, 2 origins, beside a bare Node program doing
 *   the same load and output with a plain BFS (bench/startup/bare-bfs-catchment.mjs). Goal: at
 *   most 1.5x the bare program. Needs the CAIDA file (`ANYSIM_CAIDA`, or ../shared/data/caida);
 *   the figure is left out when it is absent.
 * Runs alternate between the command and its baseline and each keeps its fastest run, so the noise
 * of a shared machine weighs on both alike. Output goes to /dev/null through a pipe the child
 * writes whole, as a shell redirection would take it. Run alone: `npm run bench -- startup`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchFigure, BenchSuite } from './bench-figure.js';
import { caidaFile2016 } from './caida-file.js';

const ANYSIM = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const BARE_BFS = fileURLToPath(new URL('./startup/bare-bfs-catchment.mjs', import.meta.url));
const ORIGINS = '3356,174';
const VERSION_GOAL_MS = 150;
const CATCHMENT_RATIO_GOAL = 1.5;

/** Wall time of one whole process `node args...`, which must exit 0; its stdout is discarded. */
function processMs(args: readonly string[]): { readonly ms: number; readonly stdoutBytes: number } {
  const start = performance.now();
  const child = spawnSync(process.execPath, [...args], { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 2 ** 20 });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`bench: node ${args.join(' ')} failed (exit ${child.status ?? child.signal})`);
  return { ms, stdoutBytes: child.stdout.length };
}

/** Fastest of `rounds` runs each of `command` and `baseline`, alternating which goes first. */
function fastestPair(command: readonly string[], baseline: readonly string[], rounds: number): { commandMs: number; baselineMs: number; commandBytes: number; baselineBytes: number } {
  const commandRuns: number[] = [];
  const baselineRuns: number[] = [];
  let commandBytes = 0;
  let baselineBytes = 0;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [command, baseline] : [baseline, command];
    for (const args of order) {
      const { ms, stdoutBytes } = processMs(args);
      if (args === command) {
        commandRuns.push(ms);
        commandBytes = stdoutBytes;
      } else {
        baselineRuns.push(ms);
        baselineBytes = stdoutBytes;
      }
    }
  }
  return { commandMs: Math.min(...commandRuns), baselineMs: Math.min(...baselineRuns), commandBytes, baselineBytes };
}

function caidaFile(): string | undefined {
  const path = caidaFile2016();
  return existsSync(path) ? path : undefined;
}

/** The startup suite: `--version` against `node -e 0`, catchment against a bare BFS program. */
export const startupBench: BenchSuite = {
  name: 'startup',
  async run(): Promise<BenchFigure[]> {
    // A first run of each warms the OS file cache, as a user's second command would find it.
    processMs([ANYSIM, '--version']);
    const version = fastestPair([ANYSIM, '--version'], ['-e', '0'], 15);
    const figures: BenchFigure[] = [
      {
        name: '`anysim --version`, whole process (best of 15)',
        value: version.commandMs,
        unit: 'ms',
        baseline: { name: 'bare `node -e 0` (best of 15)', value: version.baselineMs },
        goal: `<= ${VERSION_GOAL_MS} ms`,
        goalMet: version.commandMs <= VERSION_GOAL_MS,
      },
    ];
    const caida = caidaFile();
    if (caida === undefined) return figures;
    processMs([BARE_BFS, caida, ORIGINS]);
    const catchment = fastestPair([ANYSIM, 'catchment', '--topology', caida, '--origins', ORIGINS, '--json'], [BARE_BFS, caida, ORIGINS], 5);
    const ratio = catchment.commandMs / catchment.baselineMs;
    figures.push({
      name: `\`anysim catchment --json\`, CAIDA 2016, origins ${ORIGINS}, whole process (best of 5; ${(catchment.commandBytes / 1e6).toFixed(1)} MB of JSON)`,
      value: catchment.commandMs,
      unit: 'ms',
      baseline: { name: `bare Node: same file, same bzip2 decoder, plain BFS, same JSON shape (best of 5; ${(catchment.baselineBytes / 1e6).toFixed(1)} MB)`, value: catchment.baselineMs },
      goal: `<= ${CATCHMENT_RATIO_GOAL}x the bare program`,
      goalMet: ratio <= CATCHMENT_RATIO_GOAL,
    });
    return figures;
  },
};
