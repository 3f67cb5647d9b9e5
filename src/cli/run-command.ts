/**
 * `anysim run [SCENARIO_FILE] [--seed N] [--replications N] [--out FILE.md] [--json FILE.json]`: simulate a scenario
 * (the built-in reference scenario when no file is given) and write the design-review report.
 * With neither --out nor --json the report goes to reports/<scenario name>.md with its JSON
 * results beside it; charts go to a folder named after the markdown file.
 */
import {
  loadScenarioFile,
  parseScenarioText,
  REFERENCE_SCENARIO_TEXT,
  referenceScenario,
  SCENARIO_LIMITS,
  type Scenario,
} from '../scenario/index.js';
import { simulate } from '../simulate/index.js';
import { writeReport } from '../report/index.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs } from './command-args.js';
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
  --json FILE.json  JSON results
  --topology FILE   use this CAIDA as-rel file as the topology (overrides the scenario's)
  -h, --help        show this help

Without --out and --json: reports/<scenario name>.md and reports/<scenario name>.json.
`;

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
    throw new UsageError(`run: --seed must be 1-64 letters, digits, '.', '_' or '-', got "${values.seed}"`);
  }
  const replications = values.replications === undefined ? undefined : Number(values.replications);
  if (replications !== undefined && !(/^[0-9]{1,4}$/.test(values.replications ?? '') && replications >= 1 && replications <= SCENARIO_LIMITS.replicationsMax)) {
    throw new UsageError(`run: --replications must be an integer from 1 to ${SCENARIO_LIMITS.replicationsMax}, got "${values.replications}"`);
  }
  if (values.out !== undefined && !values.out.endsWith('.md')) throw new UsageError(`run: --out must name a .md file, got "${values.out}"`);
  if (values.json !== undefined && !values.json.endsWith('.json')) throw new UsageError(`run: --json must name a .json file, got "${values.json}"`);

  const file = positionals[0];
  const readOptions = values.topology === undefined ? {} : { topologyFile: values.topology };
  let scenario: Scenario =
    file !== undefined
      ? loadScenarioFile(file, readOptions)
      : values.topology === undefined
        ? referenceScenario()
        : parseScenarioText(REFERENCE_SCENARIO_TEXT, 'scenarios/reference.yaml', readOptions);
  if (values.seed !== undefined) scenario = { ...scenario, seed: values.seed };
  if (replications !== undefined) scenario = { ...scenario, replications };

  const bar = new ProgressBar(io, `anysim ${scenario.name}`);
  const phases = { topology: 'building the topology', routing: 'routing pass (BGP over the whole run)', sessions: 'sessions' } as const;
  const result = await simulate(scenario, {
    onProgress: (fraction) => bar.update(fraction),
    onPhase: (phase) => bar.phase(phases[phase]),
  });
  bar.done();

  const defaults = values.out === undefined && values.json === undefined;
  const markdownPath = values.out ?? (defaults ? `reports/${scenario.name}.md` : undefined);
  const jsonPath = values.json ?? (defaults ? `reports/${scenario.name}.json` : undefined);
  const written = await writeReport(result, { ...(markdownPath === undefined ? {} : { markdownPath }), ...(jsonPath === undefined ? {} : { jsonPath }) });
  for (const path of written) io.stderr(`wrote ${path}\n`);
  return 0;
}
