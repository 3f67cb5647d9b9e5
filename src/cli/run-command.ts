/**
 * `anysim run [SCENARIO_FILE] [--seed N] [--replications N] [--out FILE.md] [--json FILE.json]`: simulate a scenario
 * (the built-in reference scenario when no file is given) and write the design-review report.
 * With neither --out nor --json the report goes to reports/<scenario name>.md with its JSON
 * results beside it; charts go to a folder named after the markdown file. When stdout is a
 * terminal the verdict table is printed there too.
 */
import { basename, dirname, join } from 'node:path';
import { checkRegularFile, InputFileError } from '../input-file.js';
import { quoted } from '../message-text.js';
import { renderVerdictTerminalTable, reportView, resultJson, writeReport } from '../report/index.js';
import {
  checkScenarioCost,
  locateScenarioProblems,
  parseScenarioText,
  readScenarioFileText,
  REFERENCE_SCENARIO_TEXT,
  ScenarioError,
  SCENARIO_LIMITS,
  type Scenario,
} from '../scenario/index.js';
import { simulate } from '../simulate/index.js';
import { MAX_AS_REL_BYTES } from '../topology/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs, parseDecimalFlag } from './command-args.js';
import { checkOutputs, type NamedInput, type PlannedOutput } from './output-paths.js';
import { ProgressBar } from './progress-bar.js';
import { UsageError } from './usage-error.js';

/** Usage text of `anysim run`. */
export const RUN_USAGE = `Usage: anysim run [SCENARIO_FILE] [options]

Simulate sessions over anycast for a scenario (YAML or JSON; without a file, the built-in
reference scenario) and write the design-review report.

Options:
  --seed N          root seed (overrides the scenario's); same seed, byte-identical output
  --replications N  independent replications (overrides the scenario's; default 8): intervals
                    come from the spread between them; they run on worker threads
  --out FILE.md     markdown report (charts go to FILE/ beside it)
  --json FILE.json  JSON results; "--json -" writes them to stdout
  --topology FILE   use this CAIDA as-rel file as the topology (overrides the scenario's); a
                    geography CSV the scenario names (topology.caida.geography) is kept
  --no-limits       run a scenario above the cost limits (sessions, table memory; see
                    docs/scenarios.md, Limits)
  -h, --help        show this help

Without --out and --json: reports/<scenario name>.md and reports/<scenario name>.json.
Outputs are checked before the run: writable, not a directory, not an input, not each other.
`;

/** `--json -`: the JSON results go to stdout. */
const STDOUT = '-';

/** The outputs of a run: markdown (with its chart folder) and JSON, checked before the run. */
function plannedOutputs(markdownPath: string | undefined, jsonPath: string | undefined): PlannedOutput[] {
  const outputs: PlannedOutput[] = [];
  if (markdownPath !== undefined) {
    outputs.push({ flag: '--out', path: markdownPath, kind: 'file' });
    outputs.push({ flag: '--out (its chart folder)', path: join(dirname(markdownPath), basename(markdownPath, '.md')), kind: 'directory' });
  }
  if (jsonPath !== undefined && jsonPath !== STDOUT) outputs.push({ flag: '--json', path: jsonPath, kind: 'file' });
  return outputs;
}

/**
 * The topology file is read only once the run starts: check now that it is a readable regular
 * file, naming --topology or the scenario's line.
 */
function checkTopologyFile(path: string, fromFlag: boolean, sourceName: string, text: string): void {
  try {
    checkRegularFile(path, MAX_AS_REL_BYTES, 'a topology file (CAIDA as-rel)');
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    if (fromFlag) throw new UsageError(`--topology: ${error.message}`);
    throw ScenarioError.fromProblems(sourceName, locateScenarioProblems(text, [{ path: ['topology', 'caida', 'file'], message: error.message }]));
  }
}

/** Runs `anysim run`. */
export async function runRunCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('run', {
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      seed: { type: 'string' },
      replications: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      topology: { type: 'string' },
      'no-limits': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`run: expected at most one scenario file, got ${positionals.length}`);
  if (values.seed !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(values.seed)) {
    throw new UsageError(`run: --seed must be 1-64 letters, digits, '.', '_' or '-', got ${quoted(values.seed)}`);
  }
  if (values.out !== undefined && !values.out.endsWith('.md')) throw new UsageError(`run: --out must name a .md file, got ${quoted(values.out)}`);
  if (values.json !== undefined && values.json !== STDOUT && !values.json.endsWith('.json')) {
    throw new UsageError(`run: --json must name a .json file or - (stdout), got ${quoted(values.json)}`);
  }
  const replications = values.replications === undefined
    ? undefined
    : parseDecimalFlag('--replications', values.replications, { min: 1, max: SCENARIO_LIMITS.replicationsMax });

  const file = positionals[0];
  const readOptions = { ...(values.topology === undefined ? {} : { topologyFile: values.topology }), limits: values['no-limits'] !== true };
  const sourceName = file ?? 'scenarios/reference.yaml';
  const text = file === undefined ? REFERENCE_SCENARIO_TEXT : readScenarioFileText(file);
  // The built-in reference scenario substitutes no variables, as referenceScenario() does.
  let scenario: Scenario = parseScenarioText(text, sourceName, file === undefined && values.topology === undefined ? { ...readOptions, env: {} } : readOptions);
  if (values.seed !== undefined) scenario = { ...scenario, seed: values.seed };
  if (replications !== undefined) {
    scenario = { ...scenario, replications };
    // The file's count passed the cost limits when it was read; the flag's must too.
    const over = readOptions.limits ? checkScenarioCost(scenario).find((problem) => problem.path[0] === 'replications') : undefined;
    if (over !== undefined) throw new UsageError(`run: --replications ${replications}: ${over.message}`);
  }

  const defaults = values.out === undefined && values.json === undefined;
  const markdownPath = values.out ?? (defaults ? `reports/${scenario.name}.md` : undefined);
  const jsonPath = values.json ?? (defaults ? `reports/${scenario.name}.json` : undefined);
  const inputs: NamedInput[] = [
    ...(file === undefined ? [] : [{ flag: 'scenario', path: file }]),
    ...(scenario.topology.kind === 'caida' ? [{ flag: 'topology', path: scenario.topology.file }] : []),
  ];
  checkOutputs(plannedOutputs(markdownPath, jsonPath), inputs);
  if (scenario.topology.kind === 'caida') checkTopologyFile(scenario.topology.file, values.topology !== undefined, sourceName, text);

  const bar = new ProgressBar(io, `anysim ${scenario.name}`);
  const phases = { topology: 'building the topology', routing: 'routing pass (BGP over the whole run)', sessions: 'sessions' } as const;
  let result;
  try {
    result = await simulate(scenario, {
      onProgress: (fraction) => bar.update(fraction),
      onPhase: (phase) => bar.phase(phases[phase]),
    });
  } catch (error) {
    // Problems found once the topology is loaded carry field paths; give them the file's lines.
    if (error instanceof ScenarioError && error.problems.length > 0) throw ScenarioError.fromProblems(sourceName, locateScenarioProblems(text, error.problems));
    throw error;
  } finally {
    bar.done();
  }

  const toStdout = jsonPath === STDOUT;
  const view = reportView(result);
  const written = await writeReport(result, { ...(markdownPath === undefined ? {} : { markdownPath }), ...(jsonPath === undefined || toStdout ? {} : { jsonPath }) }, view);
  if (toStdout) io.stdout(resultJson(result, view));
  for (const path of written) io.stderr(`wrote ${path}\n`);
  if (io.stdoutIsTTY === true) io.stdout(renderVerdictTerminalTable(view.verdicts));
  return 0;
}
