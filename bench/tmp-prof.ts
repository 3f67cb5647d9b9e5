import { parseScenarioText } from '../src/scenario/index.js';
import { prepareRun, runSessionPass } from '../src/simulate/index.js';
import { readFileSync } from 'node:fs';
const s = parseScenarioText(readFileSync('bench/tmp-run.ts','utf8').split('`')[1]!, 'perf');
const run = prepareRun(s);
runSessionPass(run);
