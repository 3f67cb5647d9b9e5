/** Metrics built from the session outcome stream: counts, rates, intervals, curves. */
export { DURATION_BUCKET_EDGES_MS, DURATION_BUCKET_LABELS, durationBucket } from './duration-buckets.js';
export {
  DNS_ATTEMPTS_MAX,
  OutcomeTally,
  tallyOutcomes,
  type DurationBucketResult,
  type PairCounts,
  type PopLoadResult,
  type ProtocolArchitectureResult,
  type TalliedProtocol,
} from './outcome-tally.js';
export { virtualTimeProgress } from './progress.js';
export {
  aggregateReplications,
  intervalMethod,
  knownFateFraction,
  replicateResult,
  type ReplicatePairResult,
  type ReplicateResult,
} from './replication-aggregate.js';
export { differenceInterval, fractionInterval, rateInterval, replicationInterval, type ReplicationInterval } from './replication-interval.js';
export { studentTCdf, studentTQuantile } from './student-t.js';
export { wilsonInterval, Z_95, type ProportionInterval } from './wilson-interval.js';
export { incidentReach, type IncidentReach, type IncidentReachInput } from './incident-reach.js';
export {
  histogramQuantileMs,
  IncidentTally,
  incidentResults,
  meanIntervalFromSums,
  mergeIncidentCounts,
  RECOVERY_BIN_EDGES_MS,
  recoveryBin,
  tallyIncidents,
  type FlapBreakCounts,
  type FlapBreaksResult,
  type IncidentClassCounts,
  type IncidentClassResult,
  type IncidentCounts,
  type IncidentPair,
  type IncidentResults,
  type MeanInterval,
} from './incident-tally.js';
export {
  aggregateCosts,
  CostTally,
  tallyCosts,
  type ArchitectureCostResult,
  type CostCounts,
  type CostedProtocol,
} from './cost-tally.js';
