/**
 * The workload: per-protocol Poisson arrivals on the clock, each drawing its client AS, duration
 * and flow key from that protocol's own named stream (`workload/<protocol>`), pushed on the
 * `arrivals$` stream as the clock fires. One pending clock event per protocol, so memory does not
 * grow with the session count.
 */
import { Subject, type Observable } from 'rxjs';
import { sampleDurationMs, type Clock, type DurationDistribution, type RandomStream } from '../sim/index.js';
import type { ArrivalProcess } from './arrival-process.js';
import type { ClientPopulation } from './client-population.js';
import type { SessionDraw } from './session-judge.js';

/** Hard cap on sessions in one run. */
export const SESSIONS_MAX = 2_000_000_000;

/** One protocol's traffic source. */
export interface ProtocolTraffic {
  readonly arrivals: ArrivalProcess;
  readonly duration: DurationDistribution;
  /** The protocol's stream for clients, durations and flow keys. */
  readonly random: RandomStream;
}

/** A session as it arrives. Reused between arrivals: read it synchronously. */
export interface SessionArrival {
  readonly protocolIndex: number;
  readonly session: SessionDraw;
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

/** Drives arrivals of every protocol on `clock` until `horizonMs`. */
export class Workload {
  private readonly subject = new Subject<SessionArrival>();
  /** Arrivals in virtual-time order (equal times: protocol order). */
  readonly arrivals$: Observable<SessionArrival> = this.subject.asObservable();
  private emitted = 0;

  constructor(
    private readonly clock: Clock,
    private readonly traffic: readonly ProtocolTraffic[],
    private readonly population: ClientPopulation,
    /** The PoP DNS answers for each AS index (unicast-dns pinning). */
    private readonly dnsPopOfAs: Int32Array,
    private readonly horizonMs: number,
  ) {}

  /** Schedules the first arrival of each protocol; the clock does the rest. */
  start(): void {
    this.traffic.forEach((source, protocolIndex) => {
      const draw = emptySessionDraw();
      const arrival: SessionArrival = { protocolIndex, session: draw };
      const fire = (): void => {
        drawSession(source, this.population, this.dnsPopOfAs, this.clock.nowMs, draw);
        if (++this.emitted > SESSIONS_MAX) throw new RangeError(`more than ${SESSIONS_MAX} sessions in one run`);
        this.subject.next(arrival);
        this.scheduleNext(source, fire);
      };
      this.scheduleNext(source, fire, 0);
    });
  }

  /** Signals the end of arrivals (after the clock has run to the horizon). */
  complete(): void {
    this.subject.complete();
  }

  private scheduleNext(source: ProtocolTraffic, fire: () => void, fromMs = this.clock.nowMs): void {
    const at = source.arrivals.next(fromMs);
    if (at < this.horizonMs) this.clock.schedule(at, fire);
  }
}
