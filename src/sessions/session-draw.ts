/** One arriving session, as the workload draws it and the judge judges it. */
export interface SessionDraw {
  readonly clientAs: number;
  readonly startMs: number;
  readonly durationMs: number;
  /** 32-bit hash of the session's 5-tuple (its flow key for load balancing). */
  readonly flowHash: number;
  /** 32-bit per-session key for deterministic message jitter. */
  readonly key: number;
  /** The PoP DNS answers for this client (unicast-dns). */
  readonly dnsPop: number;
}
