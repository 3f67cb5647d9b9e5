/** Metrics built from the session outcome stream: counts, rates, intervals, curves. */
export { DURATION_BUCKET_EDGES_MS, DURATION_BUCKET_LABELS, durationBucket } from './duration-buckets.js';
export {
  DNS_ATTEMPTS_MAX,
  OutcomeTally,
  tallyOutcomes,
  type DurationBucketResult,
  type PopLoadResult,
  type ProtocolArchitectureResult,
  type TalliedProtocol,
} from './outcome-tally.js';
export { virtualTimeProgress } from './progress.js';
export { wilsonInterval, Z_95, type ProportionInterval } from './wilson-interval.js';
