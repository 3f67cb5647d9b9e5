/** Sessions: workload, protocol profiles and the judge that decides which sessions break. */
export { ArrivalProcess, DAY_MS, diurnalRateAt, type DiurnalShape } from './arrival-process.js';
export {
  CatchmentTimeline,
  CatchmentTimelineBuilder,
  TIMELINE_CHANGES_MAX,
} from './catchment-timeline.js';
export { ClientPopulation } from './client-population.js';
export {
  BIND_RESOLVER,
  C_ARES_RESOLVER,
  GLIBC_RESOLVER,
  RECURSIVE_LOOKUP_BUDGET_MS,
  resolverSchedule,
  UNBOUND_RESOLVER,
  type ResolverName,
  type ResolverProfile,
  type ResolverSchedule,
} from './dns-resolver.js';
export {
  PROTOCOLS,
  protocolProfile,
  QUIC_HANDSHAKE_TIMEOUT_MS,
  QUIC_IDLE_TIMEOUT_MS,
  QUIC_INITIAL_PTO_MS,
  QUIC_PTO_MS,
  type Exposure,
  type ProfileOverrides,
  type ProtocolName,
  type ProtocolProfile,
  type Transport,
} from './protocol-profile.js';
export { flowBytesPerS, trafficProfile, type TrafficFlow, type TrafficProfile } from './traffic-profile.js';
export {
  LINUX_TCP_RETRIES2,
  LINUX_TCP_RTO_MAX_MS,
  LINUX_TCP_RTO_MIN_MS,
  LINUX_TCP_SYN_RETRIES,
  RetransmissionSchedule,
  RFC6298_INITIAL_RTO_MS,
  transportGiveUpMs,
  type BackoffSpec,
} from './retransmission.js';
export { ROUTING_MODE, type JudgeContext, type JudgedArchitecture, type RoutingMode } from './judge-context.js';
export { SessionJudge, type SessionDraw } from './session-judge.js';
export { BREAK_CAUSES, type SessionVerdicts } from './session-verdicts.js';
export { judgeArrivals, type SessionOutcome } from './session-outcome.js';
export { type SessionCosts } from './session-cost.js';
export {
  drawSession,
  emptySessionDraw,
  SESSIONS_MAX,
  Workload,
  type MutableSessionDraw,
  type ProtocolTraffic,
  type SessionArrival,
} from './workload.js';
export { drawOpenAtStart, lengthBiasedDurationMs, OPEN_AT_START_MAX, type OpenSession } from './stationary-start.js';
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
export type { OverloadModel } from './overload.js';
export { STABLE_UNICAST_ROUTES, type UnicastRoutes } from './unicast-routes.js';
export { UNICAST_CHANGES_MAX, UnicastHistory, UnicastHistoryBuilder } from './unicast-history.js';
