/**
 * The workload: per-protocol Poisson arrivals on the clock, each drawing its client AS, duration
 * and flow key from that protocol's own named stream (`workload/<protocol>/sessions`), pushed on
 * the `arrivals$` stream as the clock fires.
 *
 * Steady state at both ends of the run. At the start, the sessions already open (drawn by
 * stationary-start.ts from the protocol's `aliveAtStart` stream, when given) are emitted first,
 * with negative start times; they are not new arrivals of the run. At the end, a session still
 * open at the horizon is cut there: it is judged only up to the horizon and marked `censored`,
 * so the world after the run (no more flaps) never counts as time it survived.
 *
 * The clock fires one event per {@link ARRIVAL_TICK_MS} of virtual time, not one per session: the
 * tick emits that slice's arrivals of all protocols merged in time order. Nothing else in the
 * session pass acts between two arrivals, so the order seen downstream is the same as with one
 * event per arrival, while the heap holds one pending event and allocates nothing per session
 * (measured: a clock event per arrival cost about half the pass's speed).
 *
 * `arrivals$` is hot (a {@link HotStream}): progress listens beside the judge, and an emission
 * allocates nothing.
 */
import type { Observable } from 'rxjs';
import { HotStream, sampleDurationMs, type Clock, type DurationDistribution, type RandomStream } from '../sim/index.js';
import type { ArrivalProcess } from './arrival-process.js';
import type { ClientPopulation } from './client-population.js';
import type { SessionDraw } from './session-judge.js';
import { drawOpenAtStart } from './stationary-start.js';

/** Hard cap on sessions in one run. */
export const SESSIONS_MAX = 2_000_000_000;

/** One protocol's traffic source. */
export interface ProtocolTraffic {
  readonly arrivals: ArrivalProcess;
  readonly duration: DurationDistribution;
  /** The protocol's stream for clients, durations and flow keys. */
  readonly random: RandomStream;
  /**
   * The stream for the sessions open at the start (count, lengths, ages, then each one's client
   * and keys); without it the run starts empty (a cold start).
   */
  readonly aliveAtStart?: RandomStream;
}

/** A session as it arrives. Reused between arrivals: read it synchronously. */
export interface SessionArrival {
  readonly protocolIndex: number;
  /** Its draw; `durationMs` is cut at the horizon when the session would outlast the run. */
  readonly session: SessionDraw;
  /** Its drawn length, before any cut at the horizon. */
  readonly plannedDurationMs: number;
  /** Still open at the horizon: judged up to the horizon only, its fate unknown unless it broke. */
  readonly censored: boolean;
}

/** A session arrival being filled in (the reused object behind {@link SessionArrival}). */
interface MutableArrival {
  protocolIndex: number;
  session: MutableSessionDraw;
  plannedDurationMs: number;
  censored: boolean;
}

/** A session draw being filled in (the reused object behind {@link SessionArrival.session}). */
export interface MutableSessionDraw {
  clientAs: number;
  startMs: number;
  durationMs: number;
  flowHash: number;
  key: number;
  dnsPop: number;
}

/** A fresh, empty draw to fill with {@link drawSession}. */
export function emptySessionDraw(): MutableSessionDraw {
  return { clientAs: 0, startMs: 0, durationMs: 0, flowHash: 0, key: 0, dnsPop: -1 };
}

/**
 * Fills `draw` with a session of `source` arriving at `startMs`: client, duration, flow hash and
 * key, in this order from the protocol's stream (the order is part of reproducibility).
 */
export function drawSession(
  source: ProtocolTraffic,
  population: ClientPopulation,
  dnsPopOfAs: Int32Array,
  startMs: number,
  draw: MutableSessionDraw,
): void {
  const random = source.random;
  draw.startMs = startMs;
  draw.clientAs = population.draw(random);
  draw.durationMs = sampleDurationMs(source.duration, random);
  draw.flowHash = random.uint32();
  draw.key = random.uint32();
  draw.dnsPop = dnsPopOfAs[draw.clientAs]!;
}

/** Cuts `arrival`'s session at `horizonMs`, recording its planned length and whether it was cut. */
function cutAtHorizon(arrival: MutableArrival, horizonMs: number): void {
  const session = arrival.session;
  arrival.plannedDurationMs = session.durationMs;
  arrival.censored = session.startMs + session.durationMs > horizonMs;
  if (arrival.censored) session.durationMs = horizonMs - session.startMs;
}

/** Virtual time covered by one clock event of the workload. */
export const ARRIVAL_TICK_MS = 1000;

/** Drives arrivals of every protocol on `clock` until `horizonMs`. */
export class Workload {
  private readonly stream = new HotStream<SessionArrival>();
  /** Arrivals in virtual-time order (equal times: protocol order); hot. */
  readonly arrivals$: Observable<SessionArrival> = this.stream.observable;
  private emitted = 0;
  private openAtStart = 0;
  private readonly nextMs: Float64Array;
  private readonly arrivals: MutableArrival[];

  constructor(
    private readonly clock: Clock,
    private readonly traffic: readonly ProtocolTraffic[],
    private readonly population: ClientPopulation,
    /** The PoP DNS answers for each AS index (unicast-dns pinning). */
    private readonly dnsPopOfAs: Int32Array,
    private readonly horizonMs: number,
  ) {
    this.nextMs = new Float64Array(traffic.length);
    this.arrivals = traffic.map((_, protocolIndex) => ({ protocolIndex, session: emptySessionDraw(), plannedDurationMs: 0, censored: false }));
  }

  /** Sessions that were open at the start (emitted by {@link start}). */
  get openAtStartCount(): number {
    return this.openAtStart;
  }

  /**
   * Emits the sessions open at the start (protocol by protocol), then draws each protocol's first
   * arrival and schedules the first tick; the clock does the rest.
   */
  start(): void {
    this.traffic.forEach((source, p) => {
      const random = source.aliveAtStart;
      if (random === undefined) return;
      const arrival = this.arrivals[p]!;
      const draw = arrival.session;
      this.openAtStart += drawOpenAtStart(
        source.duration,
        source.arrivals.peakRatePerS,
        (tMs) => source.arrivals.rateAt(tMs),
        this.horizonMs,
        random,
        (open) => {
          draw.startMs = -open.ageMs;
          draw.clientAs = this.population.draw(random);
          draw.durationMs = open.durationMs;
          draw.flowHash = random.uint32();
          draw.key = random.uint32();
          draw.dnsPop = this.dnsPopOfAs[draw.clientAs]!;
          cutAtHorizon(arrival, this.horizonMs);
          this.stream.next(arrival);
        },
      );
    });
    this.traffic.forEach((source, p) => {
      this.nextMs[p] = source.arrivals.next(this.clock.nowMs);
    });
    this.clock.schedule(this.clock.nowMs, () => this.tick());
  }

  /** Signals the end of arrivals (after the clock has run to the horizon). */
  complete(): void {
    this.stream.complete();
  }

  /** Emits every arrival before the end of this tick's slice, in time order. */
  private tick(): void {
    const endMs = Math.min(this.clock.nowMs + ARRIVAL_TICK_MS, this.horizonMs);
    const next = this.nextMs;
    for (;;) {
      let p = -1;
      let t = endMs;
      for (let i = 0; i < next.length; i++) {
        if (next[i]! < t) {
          t = next[i]!;
          p = i;
        }
      }
      if (p < 0) break;
      const source = this.traffic[p]!;
      const arrival = this.arrivals[p]!;
      drawSession(source, this.population, this.dnsPopOfAs, t, arrival.session);
      cutAtHorizon(arrival, this.horizonMs);
      if (++this.emitted > SESSIONS_MAX) throw new RangeError(`more than ${SESSIONS_MAX} sessions in one run`);
      this.stream.next(arrival);
      next[p] = source.arrivals.next(t);
    }
    if (endMs < this.horizonMs) this.clock.schedule(endMs, () => this.tick());
  }
}
