/**
 * Session-duration buckets for "break probability against session duration": decade-like edges
 * that separate the protocols' typical lengths (a DNS exchange, a page load, a video, a working
 * day of a pooled connection).
 */

/** Upper edges in ms; the last bucket is open. */
export const DURATION_BUCKET_EDGES_MS: readonly number[] = [
  1_000, 10_000, 60_000, 600_000, 3_600_000, 21_600_000, Number.POSITIVE_INFINITY,
];

/** Labels matching {@link DURATION_BUCKET_EDGES_MS}. */
export const DURATION_BUCKET_LABELS: readonly string[] = ['< 1 s', '1-10 s', '10-60 s', '1-10 min', '10-60 min', '1-6 h', '> 6 h'];

/** The bucket of a duration. */
export function durationBucket(durationMs: number): number {
  const edges = DURATION_BUCKET_EDGES_MS;
  for (let b = 0; b < edges.length; b++) if (durationMs < edges[b]!) return b;
  return edges.length - 1;
}
