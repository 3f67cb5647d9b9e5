/**
 * The properties report (issue 7, item 3): runs simulate() on N random scenarios from
 * `arbitraryScenario` (fast-check, fixed seed) and writes what they show —
 *
 * - what was generated (the scenario classification of src/arbitraries);
 * - the distribution of the broken fraction per protocol and architecture (quantiles over the
 *   scenarios where the pair had sessions);
 * - the smallest scenario found that breaks each protocol under each architecture (ASes, then
 *   PoPs, flaps, run length: `compareScenarioSize`) among the sampled ones and the one fast-check
 *   shrinks to when asked to find a break of that pair, written as a scenario file `anysim run`
 *   reproduces;
 * - each claim the suites make, checked on every scenario its precondition admits, with the
 *   number of scenarios it was checked on and the first counterexample if one was found.
 *
 * No wall-clock figure appears, so the report is byte-identical for a seed and a run count.
 */
import fc from 'fast-check';
import {
  arbitraryScenario,
  classifyScenario,
  compareScenarioSize,
  scenarioIsLossless,
  scenarioSize,
} from '../../../src/arbitraries/index.js';
import { formatCount, formatDurationMs, formatPercent, markdownTable } from '../../../src/report/index.js';
import { ALL_ARCHITECTURES, ALL_PROTOCOLS, scenarioDigest, type Scenario } from '../../../src/scenario/index.js';
import { simulate, type SimulationResult } from '../../../src/simulate/index.js';

/** Most scenarios one report runs: about a second of simulation per 30 scenarios. */
export const REPORT_RUNS_MAX = 100_000;

/** What the report needs to know about its run. */
export interface PropertiesReportOptions {
  readonly runs: number;
  readonly seed: number;
  /** Directory (relative to reports/properties.md) the smallest breaking scenarios are written to, for links. */
  readonly scenarioLinkDirectory: string;
  /**
   * Simulations spent per "protocol under architecture" searching for a break and shrinking it
   * with fast-check (0: report the smallest of the sampled scenarios only). A count, not a time,
   * so the report stays deterministic.
   */
  readonly shrinkSimulationsPerPair: number;
}

/** The report and the smallest breaking scenario per "protocol under architecture". */
export interface PropertiesReport {
  readonly markdown: string;
  /** File name (`<protocol>-<architecture>.yaml`) -> scenario. */
  readonly smallestBreaking: ReadonlyMap<string, Scenario>;
}

/** A claim: where it applies, and whether it held on one run. */
interface Claim {
  readonly text: string;
  readonly suite: string;
  readonly applies: (scenario: Scenario) => boolean;
  readonly holds: (result: SimulationResult) => boolean;
}

interface ClaimTally {
  checked: number;
  violated: number;
  firstCounterexample: string | undefined;
}

const SITE_DEATHS = new Set(['pop-failure', 'silent-death']);

function broken(result: SimulationResult, protocol: string, architecture: string): number | undefined {
  return result.results.find((r) => r.protocol === protocol && r.architecture === architecture)?.broken;
}

function claims(): Claim[] {
  const list: Claim[] = [];
  for (const architecture of ALL_ARCHITECTURES) {
    if (architecture === 'quic-lb') continue;
    list.push({
      text: `dns-udp under ${architecture}: no break without packet loss`,
      suite: 'properties/end-to-end/simulate-claims, properties/sessions/session-claims',
      applies: (s) => scenarioIsLossless(s) && s.workload.some((w) => w.protocol === 'dns-udp'),
      holds: (r) => broken(r, 'dns-udp', architecture) === 0,
    });
  }
  for (const protocol of ALL_PROTOCOLS) {
    list.push({
      text: `${protocol}: global-hash breaks no more sessions than edge when no server churns and no site dies`,
      suite: 'properties/end-to-end/simulate-claims, properties/sessions/session-claims',
      applies: (s) => s.workload.some((w) => w.protocol === protocol) && !s.flaps.some((f) => f.type === 'server-churn' || SITE_DEATHS.has(f.type)),
      holds: (r) => (broken(r, protocol, 'global-hash') ?? 0) <= (broken(r, protocol, 'edge') ?? 0),
    });
  }
  list.push({
    text: 'every architecture judges the same sessions of a protocol (common random numbers)',
    suite: 'properties/end-to-end/simulate-claims',
    applies: () => true,
    holds: (r) => r.protocols.every((p) => new Set(r.results.filter((x) => x.protocol === p).map((x) => x.sessions)).size === 1),
  });
  return list;
}

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function describeSize(scenario: Scenario): string[] {
  const size = scenarioSize(scenario);
  const types = [...new Set(scenario.flaps.map((f) => f.type))].join(', ');
  return [formatCount(size.ases), String(size.pops), size.flaps === 0 ? '0' : `${size.flaps} (${types})`, formatDurationMs(size.durationMs)];
}

/**
 * Asks fast-check for a scenario that breaks `protocol` under `architecture` (same seed as the
 * sample) and lets it shrink; after `budget` simulations the property passes, which ends the
 * search deterministically with the smallest failure found so far.
 */
async function shrunkBreaking(protocol: string, architecture: string, seed: number, runs: number, budget: number): Promise<Scenario | undefined> {
  let simulations = 0;
  const property = fc.asyncProperty(arbitraryScenario(), async (scenario) => {
    if (!scenario.workload.some((w) => w.protocol === protocol) || !scenario.architectures.includes(architecture as Scenario['architectures'][number])) return true;
    if (++simulations > budget) return true;
    return (broken(await simulate(scenario), protocol, architecture) ?? 0) === 0;
  });
  const details = await fc.check(property, { seed, numRuns: runs });
  return details.counterexample?.[0];
}

/** Runs the scenarios and renders the report. */
export async function buildPropertiesReport(options: PropertiesReportOptions): Promise<PropertiesReport> {
  const { runs, seed } = options;
  if (!Number.isInteger(runs) || runs < 1 || runs > REPORT_RUNS_MAX) throw new RangeError(`runs must be an integer in 1..${REPORT_RUNS_MAX}, got ${runs}`);
  const scenarios = fc.sample(arbitraryScenario(), { numRuns: runs, seed });
  const labels = new Map<string, number>();
  const fractions = new Map<string, number[]>();
  const breaking = new Map<string, number>();
  const smallest = new Map<string, Scenario>();
  const claimList = claims();
  const tallies: ClaimTally[] = claimList.map(() => ({ checked: 0, violated: 0, firstCounterexample: undefined }));
  let sessions = 0;

  for (const scenario of scenarios) {
    for (const label of classifyScenario(scenario)) labels.set(label, (labels.get(label) ?? 0) + 1);
    const result = await simulate(scenario);
    sessions += result.sessions;
    for (const r of result.results) {
      if (r.sessions === 0) continue;
      const key = `${r.protocol}|${r.architecture}`;
      const list = fractions.get(key) ?? [];
      list.push(r.broken / r.sessions);
      fractions.set(key, list);
      if (r.broken === 0) continue;
      breaking.set(key, (breaking.get(key) ?? 0) + 1);
      const best = smallest.get(key);
      if (best === undefined || compareScenarioSize(scenarioSize(scenario), scenarioSize(best)) < 0) smallest.set(key, scenario);
    }
    claimList.forEach((claim, i) => {
      if (!claim.applies(scenario)) return;
      const tally = tallies[i]!;
      tally.checked++;
      if (claim.holds(result)) return;
      tally.violated++;
      tally.firstCounterexample ??= scenarioDigest(scenario);
    });
  }

  const pairs = ALL_PROTOCOLS.flatMap((p) => ALL_ARCHITECTURES.filter((a) => a !== 'quic-lb' || p === 'quic').map((a) => [p, a] as const));
  if (options.shrinkSimulationsPerPair > 0) {
    for (const [p, a] of pairs) {
      const shrunk = await shrunkBreaking(p, a, seed, runs, options.shrinkSimulationsPerPair);
      const best = smallest.get(`${p}|${a}`);
      if (shrunk !== undefined && (best === undefined || compareScenarioSize(scenarioSize(shrunk), scenarioSize(best)) < 0)) smallest.set(`${p}|${a}`, shrunk);
    }
  }
  const distributionRows = pairs.map(([p, a]) => {
    const values = [...(fractions.get(`${p}|${a}`) ?? [])].sort((x, y) => x - y);
    if (values.length === 0) return [p, a, '0', '–', '–', '–', '–', '0'];
    return [p, a, formatCount(values.length), ...[0.1, 0.5, 0.9, 1].map((q) => formatPercent(quantile(values, q))), formatCount(breaking.get(`${p}|${a}`) ?? 0)];
  });
  const smallestRows = pairs.map(([p, a]) => {
    const scenario = smallest.get(`${p}|${a}`);
    if (scenario === undefined) return [p, a, '–', '–', 'no break found', '–', '–'];
    const file = `${p}-${a}.yaml`;
    return [p, a, ...describeSize(scenario), `[${scenarioDigest(scenario)}](${options.scenarioLinkDirectory}/${file})`];
  });
  const claimRows = claimList.map((claim, i) => {
    const tally = tallies[i]!;
    const verdict = tally.checked === 0 ? 'not exercised' : tally.violated === 0 ? 'held' : `violated in ${formatCount(tally.violated)} (first: ${tally.firstCounterexample})`;
    return [claim.text, `${formatCount(tally.checked)} scenarios`, verdict, claim.suite];
  });
  const labelRows = [...labels.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, n]) => [label, formatCount(n), formatPercent(n / runs)]);

  const markdown = [
    '# anysim properties report',
    '',
    `Generated by \`npm run properties:report\`: ${formatCount(runs)} random scenarios from \`arbitraryScenario()\` ` +
      `(defaults: 100-300 synthetic ASes, 2-6 PoPs, 1-15 min, up to 4 flaps), fast-check seed ${seed}, ` +
      `${formatCount(sessions)} sessions in all. The same seed and run count give this file byte for byte. ` +
      'Run more with `ANYSIM_PROPERTY_RUNS=10000 npm run properties:report`; see docs/properties.md.',
    '',
    '## Claims',
    '',
    'Each claim is checked on every generated scenario its condition admits; "held" means no counterexample among them.',
    '',
    markdownTable(['claim', 'checked on', 'result', 'suites'], claimRows, ['l', 'r', 'l', 'l']),
    '',
    '## Broken fraction per protocol and architecture',
    '',
    'Quantiles (nearest rank) of the broken-session fraction over the scenarios where the pair had sessions.',
    '',
    markdownTable(['protocol', 'architecture', 'scenarios', 'p10', 'p50', 'p90', 'max', 'scenarios with a break'], distributionRows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    '## Smallest scenario found that breaks each protocol under each architecture',
    '',
    `Smallest by ASes, then PoPs, flaps and run length, among the sampled scenarios and the one fast-check shrank to ` +
      `(${formatCount(options.shrinkSimulationsPerPair)} simulations per pair). Each is written to \`${options.scenarioLinkDirectory}/<protocol>-<architecture>.yaml\`; \`anysim run\` on it reproduces the break.`,
    '',
    markdownTable(['protocol', 'architecture', 'ASes', 'PoPs', 'flaps', 'duration', 'scenario (digest)'], smallestRows, ['l', 'l', 'r', 'r', 'l', 'r', 'l']),
    '',
    '## What was generated',
    '',
    markdownTable(['label', 'scenarios', 'share'], labelRows, ['l', 'r', 'r']),
    '',
  ].join('\n');
  const smallestBreaking = new Map<string, Scenario>();
  for (const [p, a] of pairs) {
    const scenario = smallest.get(`${p}|${a}`);
    if (scenario !== undefined) smallestBreaking.set(`${p}-${a}.yaml`, scenario);
  }
  return { markdown, smallestBreaking };
}
