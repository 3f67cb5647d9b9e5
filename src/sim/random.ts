/**
 * Seeded random streams. One root seed per run and one named, independent sub-stream per
 * consumer (`${seed}/flaps`, `${seed}/workload/dns-udp`): adding a consumer never changes the
 * draws another consumer sees, so adding a workload does not move the flap schedule.
 */
import seedrandom from 'seedrandom';

/** A stream of uniform draws in [0, 1) with the distributions the models need. */
export interface RandomStream {
  /** The stream's full name, `${rootSeed}/${name}`. */
  readonly name: string;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [lo, hiExclusive). */
  int(lo: number, hiExclusive: number): number;
  /** Exponential with the given rate (mean 1 / rate). */
  exponential(rate: number): number;
  /** A uniform 32-bit unsigned integer. */
  uint32(): number;
}

class AleaStream implements RandomStream {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly name: string) {
    // alea: fast, good quality, and its sequence is fixed for a given seed across versions.
    this.prng = seedrandom.alea(name);
  }

  next(): number {
    return this.prng();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.prng();
  }

  int(lo: number, hiExclusive: number): number {
    return lo + Math.floor((hiExclusive - lo) * this.prng());
  }

  exponential(rate: number): number {
    // 1 - u is in (0, 1], so the log is finite.
    return -Math.log(1 - this.prng()) / rate;
  }

  uint32(): number {
    return this.prng.int32() >>> 0;
  }
}

/**
 * Hands out named sub-streams of one root seed. A `prefix` puts every name under it
 * (`rep/3/` gives `${rootSeed}/rep/3/flaps`): independent replications of one run each take
 * their own prefix, so their draws never overlap and replication 0 (no prefix) keeps the names
 * a single run always had.
 */
export class RandomStreams {
  private readonly issued = new Set<string>();

  constructor(
    readonly rootSeed: string | number,
    readonly prefix = '',
  ) {}

  /**
   * The sub-stream `name`. Each name may be taken once per run, so two consumers never share
   * (and silently perturb) one stream.
   */
  stream(name: string): RandomStream {
    if (this.issued.has(name)) throw new Error(`random stream "${name}" was already taken`);
    this.issued.add(name);
    return new AleaStream(`${this.rootSeed}/${this.prefix}${name}`);
  }
}
