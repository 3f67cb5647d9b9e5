/** Sessions: workload, protocol profiles and the judge that decides which sessions break. */
export { ArrivalProcess, DAY_MS, type DiurnalShape } from './arrival-process.js';
export {
  CatchmentTimeline,
  CatchmentTimelineBuilder,
  TIMELINE_CHANGES_MAX,
} from './catchment-timeline.js';
export { ClientPopulation } from './client-population.js';
export {
  C_ARES_RESOLVER,
  GLIBC_RESOLVER,
  PROTOCOLS,
  protocolProfile,
  type Exposure,
  type ProtocolName,
  type ProtocolProfile,
  type ResolverProfile,
} from './protocol-profile.js';
export {
  BREAK_CAUSES,
  ROUTING_MODE,
  SessionJudge,
  type JudgeContext,
  type JudgedArchitecture,
  type RoutingMode,
  type SessionDraw,
  type SessionVerdicts,
} from './session-judge.js';
export { judgeArrivals, type SessionOutcome } from './session-outcome.js';
export {
  drawSession,
  emptySessionDraw,
  SESSIONS_MAX,
  Workload,
  type MutableSessionDraw,
  type ProtocolTraffic,
  type SessionArrival,
} from './workload.js';
export {
  ClientFlipLog,
  ClientFlipLogBuilder,
  drawFlipInstants,
  FLIPS_PER_AS_MAX,
  overlayClientFlips,
  type ClientFlips,
  type FlipInstants,
} from './client-flips.js';
export { PerFlowFlips } from './per-flow-flips.js';
export { STABLE_UNICAST_ROUTES, type UnicastRoutes } from './unicast-routes.js';
