/**
 * The routing layer's only door: steady-state catchments, BGP dynamics on the clock, and the
 * data plane they drive.
 */
export { BgpSimulation, type BgpPrefixOptions, currentCatchmentMap, MAX_SIMULATION_ORIGINS, NO_WAVE } from './bgp-simulation.js';
export type { RouteChange } from './bgp-propagation.js';
export {
  type BgpConfig,
  type BgpConfigInput,
  DEFAULT_BGP_CONFIG,
  MAX_BGP_TIMER_MS,
  type Range,
  resolveBgpConfig,
} from './bgp-config.js';
export {
  type Catchment,
  type CatchmentEntry,
  type CatchmentMap,
  catchmentMap,
  catchmentPath,
  MAX_ORIGINS,
  steadyStateCatchment,
  steadyStateDeploymentCatchment,
} from './catchment.js';
export { clientLatency, type ClientLatency, routePathKm } from './catchment-latency.js';
export { BLACKHOLE, type ForwardingChange, LOOP } from './forwarding-plane.js';
export type { FlipAlternative } from './flip-alternative.js';
export { DEFAULT_ROUTE_FLAP_DAMPING, type RouteFlapDampingConfig } from './route-flap-damping.js';
export { RouteClass } from './route-preference.js';
export type { RoutingNetwork } from './routing-network.js';
export {
  type AsConvergence,
  ConvergenceRecorder,
  type ConvergenceReport,
  type ConvergenceSummary,
  nearestRankPercentile,
} from './convergence-recorder.js';
export { BgpFabric } from './bgp-fabric.js';
export { LOWEST_ASN, TIE_BREAK_RULES, type TieBreak, type TieBreakRule, type TieBreakSpec, tieBreakOn, randomTieKey } from './tie-break.js';
export { type UnicastDynamics, type UnicastOutcomeChange, UnicastPrefixes, type UnicastPrefixOptions } from './unicast-prefixes.js';
