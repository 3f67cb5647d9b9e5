/**
 * What a scenario will cost before it runs: sessions to judge, routing events the flap processes
 * plan, and memory for the PoPs' hashing tables. A scenario above a limit is refused at once,
 * naming the field, the estimate and the limit, instead of running for months (10M sessions/s for
 * 30 days is 2.6e13 sessions) or aborting the V8 heap after a minute (1,000 PoPs x a Maglev table
 * of 16,777,213 entries is about 100 GB). Each limit is far above every preset; `--no-limits`
 * (ScenarioReadOptions.limits = false) runs such a scenario anyway. docs/scenarios.md lists them.
 */
import { FLAP_ACTIONS_MAX } from '../flaps/index.js';
import type { ScenarioProblem } from './scenario-error.js';
import type { Scenario } from './scenario.js';
import { formatDurationMs } from './units.js';

/** The cost limits, with the figures behind them. */
export const COST_LIMITS = {
  /**
   * Expected sessions judged over the whole run (arrival rate x duration, summed over the
   * workload, for each replication and each response plan): 10^9 is about 25 minutes of the session
   * pass at the 0.7 M sessions/s (every architecture) measured in reports/bench.md, on 1 thread,
   * and 50x the 20 million of the `internet` preset (10 million x 2 replications).
   */
  sessionsMax: 1_000_000_000,
  /** Routing events the flap processes plan: the flap planner's own cap (flaps/flap-plan.ts). */
  flapEventsMax: FLAP_ACTIONS_MAX,
  /**
   * Bytes of the PoPs' hashing tables (one per PoP plus the global-hash pool's): 2 GiB. The
   * `internet` preset (275 PoPs, Maglev 65,537) needs about 110 MB.
   */
  tableBytesMax: 2 * 1024 ** 3,
} as const;

/** The estimate of one scenario. */
export interface ScenarioCost {
  /** Expected sessions of one replication. */
  readonly sessions: number;
  /** Runs of the workload: replications x response plans (each plan reruns every replication). */
  readonly runs: number;
  /** Expected sessions judged over the whole run: sessions x runs. */
  readonly sessionsJudged: number;
  /** Expected routing events from the flap processes whose links are known before the topology loads. */
  readonly flapEvents: number;
  /** Bytes of hashing tables. */
  readonly tableBytes: number;
}

function popCount(scenario: Scenario): number {
  return scenario.pops.kind === 'count' ? scenario.pops.count : scenario.pops.sites.length;
}

function popLinks(scenario: Scenario): number {
  const pops = scenario.pops;
  return pops.kind === 'count' ? pops.count * pops.upstreamsPerPop : pops.sites.reduce((n, s) => n + s.upstreams.length + s.peers.length, 0);
}

/**
 * Bytes of one PoP's table: Maglev and rendezvous build a 32-bit table of tableSize entries and
 * keep a 16-bit copy (src/pop/maglev.ts); a ring holds a 32-bit point and a 32-bit server per
 * virtual node; modulo and jump hold no table.
 */
function tableBytesPerPop(scenario: Scenario): number {
  const { algorithm, tableSize, perPop, vnodes } = scenario.servers;
  if (algorithm === 'maglev' || algorithm === 'rendezvous') return tableSize * 6;
  if (algorithm === 'ring') return perPop * vnodes * 8;
  return perPop * 8;
}

function flapEvents(scenario: Scenario, flapIndex?: number): number {
  const durationS = scenario.durationMs / 1000;
  let events = 0;
  scenario.flaps.forEach((flap, i) => {
    if (flapIndex !== undefined && i !== flapIndex) return;
    // A link going down and coming back up are two routing events.
    if (flap.type === 'link-flaps' && flap.links === 'pop-upstreams') events += 2 * flap.ratePerS * popLinks(scenario) * durationS;
    else if (flap.type !== 'link-flaps' && flap.type !== 'client-flips') events += 2;
  });
  return events;
}

/** The estimate of `scenario`'s cost. */
export function estimateScenarioCost(scenario: Scenario): ScenarioCost {
  const sessions = scenario.workload.reduce((n, w) => n + (w.arrivalsPerS * scenario.durationMs) / 1000, 0);
  const runs = scenario.replications * Math.max(1, scenario.responses?.length ?? 0);
  return {
    sessions,
    runs,
    sessionsJudged: sessions * runs,
    flapEvents: flapEvents(scenario),
    tableBytes: (popCount(scenario) + 1) * tableBytesPerPop(scenario),
  };
}

function rounded(n: number): string {
  return n >= 1e6 ? n.toExponential(2).replace('e+', 'e') : String(Math.round(n));
}

const ANYWAY = 'or run it anyway with --no-limits';

/**
 * The cost limits `scenario` exceeds, as problems at the fields to change (empty when none). With
 * `limits` false (--no-limits) only the flap events are checked: the planner cannot hold more.
 */
export function checkScenarioCost(scenario: Scenario, limits = true): ScenarioProblem[] {
  const cost = estimateScenarioCost(scenario);
  const problems: ScenarioProblem[] = [];
  const duration = formatDurationMs(scenario.durationMs);
  if (limits && cost.sessions > COST_LIMITS.sessionsMax) {
    let largest = 0;
    scenario.workload.forEach((w, i) => {
      if (w.arrivalsPerS > scenario.workload[largest]!.arrivalsPerS) largest = i;
    });
    problems.push({
      path: ['workload', largest, 'arrivals'],
      message: `the workload makes about ${rounded(cost.sessions)} sessions over ${duration}; the limit is ${rounded(COST_LIMITS.sessionsMax)} (docs/scenarios.md, Limits): lower the arrival rates or the duration, ${ANYWAY}`,
    });
  } else if (limits && cost.sessionsJudged > COST_LIMITS.sessionsMax) {
    const plans = scenario.responses?.length ?? 0;
    const runs = plans > 1 ? `${scenario.replications} replications x ${plans} response plans` : `${scenario.replications} replications`;
    problems.push({
      // The plans when fewer replications alone would not do.
      path: plans > 1 && cost.sessions * scenario.replications <= COST_LIMITS.sessionsMax ? ['responses'] : ['replications'],
      message: `${runs} of about ${rounded(cost.sessions)} sessions each make about ${rounded(cost.sessionsJudged)} sessions to judge; the limit is ${rounded(COST_LIMITS.sessionsMax)} (docs/scenarios.md, Limits): run fewer replications${plans > 1 ? ' or response plans' : ''}, lower the arrival rates or the duration, ${ANYWAY}`,
    });
  }
  scenario.flaps.forEach((flap, i) => {
    const events = flapEvents(scenario, i);
    if (events > COST_LIMITS.flapEventsMax) {
      problems.push({
        path: ['flaps', i, 'rate'],
        message: `${flap.type} plans about ${rounded(events)} routing events over ${duration}; the limit is ${rounded(COST_LIMITS.flapEventsMax)}: lower the rate or the duration`,
      });
    }
  });
  if (limits && cost.tableBytes > COST_LIMITS.tableBytesMax) {
    const field = scenario.servers.algorithm === 'ring' ? 'vnodes' : scenario.servers.algorithm === 'maglev' || scenario.servers.algorithm === 'rendezvous' ? 'tableSize' : 'perPop';
    problems.push({
      path: ['servers', field],
      message: `${popCount(scenario)} PoPs' ${scenario.servers.algorithm} tables need about ${rounded(cost.tableBytes)} bytes; the limit is ${rounded(COST_LIMITS.tableBytesMax)} (2 GiB): use fewer PoPs or a smaller table, ${ANYWAY}`,
    });
  }
  return problems;
}
