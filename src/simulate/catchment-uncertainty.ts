/**
 * Catchment uncertainty (issue 15, item 3): how much of each PoP's catchment the tie-break rule
 * decides. Ties between equally preferred routes are common (on the 2016 CAIDA graph 63 % of ASes
 * have more than one origin tied for best for three large origins, ../shared/REFERENCES.md), and
 * no public data says how each AS breaks them, so a PoP's share is reported as the range it
 * takes over the three rules (docs/routing.md, "Tie-breaks") and over
 * {@link RANDOM_TIE_BREAK_SEEDS} random orders. Steady-state solves are linear in links, so the
 * 2 + 8 solves cost a fraction of the routing pass.
 */
import type { AnycastDeployment, AsGraph } from '../topology/index.js';
import { steadyStateDeploymentCatchment, type TieBreakRule, type TieBreakSpec } from '../routing/index.js';

/**
 * Random tie-break orders solved per run: eight salts put the range of a PoP's share over random
 * orders within reach of its spread (an assumption: the range widens slowly with more draws).
 */
export const RANDOM_TIE_BREAK_SEEDS = 8;

/** One PoP's share of client weight under each rule, and its range. */
export interface PopShareRange {
  readonly pop: string;
  readonly lowestAsn: number;
  readonly hotPotato: number;
  /** Smallest and largest share over the random orders. */
  readonly randomMin: number;
  readonly randomMax: number;
  /** Smallest and largest share over every solve (all rules, all random orders). */
  readonly min: number;
  readonly max: number;
}

/** The JSON field `catchmentUncertainty`. */
export interface CatchmentUncertaintyResult {
  /** The rule the run itself used (`routing.tieBreak`). */
  readonly rule: TieBreakRule;
  /** Random orders solved. */
  readonly randomSeeds: number;
  /** Share of client weight whose PoP differs between at least two of the solves: what ties decide. */
  readonly clientsDecidedByTies: number;
  /** Per PoP, in site order; shares are of the client weight that reaches a PoP (the same under every rule). */
  readonly pops: readonly PopShareRange[];
}

/** What the computation needs: the world, its clients and one spec per solve. */
export interface CatchmentUncertaintyInput {
  readonly graph: AsGraph;
  readonly deployment: AnycastDeployment;
  readonly clientAses: ArrayLike<number>;
  readonly clientWeights: readonly number[];
  readonly rule: TieBreakRule;
  readonly lowestAsn: TieBreakSpec;
  readonly hotPotato: TieBreakSpec;
  readonly random: readonly TieBreakSpec[];
}

/** Solves the steady state under every spec and reduces it to per-PoP share ranges. */
export function catchmentUncertainty(input: CatchmentUncertaintyInput): CatchmentUncertaintyResult {
  const { graph, deployment, clientAses, clientWeights } = input;
  const sites = deployment.sites.length;
  const specs = [input.lowestAsn, input.hotPotato, ...input.random];
  const landings = specs.map((spec) => steadyStateDeploymentCatchment(graph, deployment, undefined, spec).servingOrigin);
  const shares = landings.map(() => new Float64Array(sites));
  let routedWeight = 0;
  let decidedWeight = 0;
  for (let c = 0; c < clientAses.length; c++) {
    const asIndex = clientAses[c]!;
    const weight = clientWeights[c]!;
    const first = landings[0]![asIndex]!;
    if (first < 0) continue;
    routedWeight += weight;
    let differs = false;
    landings.forEach((landing, s) => {
      const pop = landing[asIndex]!;
      if (pop !== first) differs = true;
      if (pop >= 0) shares[s]![pop]! += weight;
    });
    if (differs) decidedWeight += weight;
  }
  const norm = routedWeight > 0 ? routedWeight : 1;
  const pops = deployment.sites.map((site, p): PopShareRange => {
    const of = (s: number): number => shares[s]![p]! / norm;
    const random = input.random.map((_, j) => of(2 + j));
    const all = specs.map((_, s) => of(s));
    return {
      pop: site.name,
      lowestAsn: of(0),
      hotPotato: of(1),
      randomMin: Math.min(...random),
      randomMax: Math.max(...random),
      min: Math.min(...all),
      max: Math.max(...all),
    };
  });
  return { rule: input.rule, randomSeeds: input.random.length, clientsDecidedByTies: decidedWeight / norm, pops };
}
