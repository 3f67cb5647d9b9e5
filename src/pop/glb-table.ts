/**
 * GLB Director's forwarding table with second chance (GitHub, "GLB: GitHub's open source load
 * balancer", 2018; github/glb-director docs/development/second-chance-design.md). The table has
 * 2^16 rows; each row lists a primary and a secondary server, chosen by rendezvous hashing of the
 * row against every server. A packet goes to the row's primary; a primary that holds no state for
 * a non-SYN packet forwards it to the row's secondary ("second chance"). A draining server leaves
 * the primary position but stays the secondary of its rows, so its established flows survive; an
 * added server takes rows whose previous primary becomes their secondary.
 */
import { checkBackendNames, type BackendHash } from './backend-hash.js';
import { rendezvousSeeds, rendezvousWeight } from './rendezvous.js';
import { xxHash32Avalanche } from './xxhash32.js';

/** GLB's row count. */
export const DEFAULT_GLB_ROWS = 65_536;
/** Most rows accepted. */
export const MAX_GLB_ROWS = 1 << 22;

/** Marks a row with no secondary (a single server). */
export const NO_SECONDARY = -1;

/** A GLB forwarding table: primary and secondary server per row. */
export class GlbTable implements BackendHash {
  readonly backendCount: number;
  readonly tableBytes: number;
  private readonly rows: number;
  private readonly primaries: Uint32Array;
  private readonly secondaries: Int32Array;

  /**
   * @param backendNames every server that can hold flows (active and draining)
   * @param draining per server: true if it takes no new flows (never a primary)
   */
  constructor(backendNames: readonly string[], draining: readonly boolean[], rows = DEFAULT_GLB_ROWS) {
    checkBackendNames(backendNames);
    if (draining.length !== backendNames.length) throw new RangeError('draining must have one flag per backend');
    if (!draining.includes(false)) throw new RangeError('a GLB table needs at least one non-draining server');
    if (!Number.isInteger(rows) || rows < 1 || rows > MAX_GLB_ROWS) {
      throw new RangeError(`GLB rows must be an integer in [1, ${MAX_GLB_ROWS}], got ${rows}`);
    }
    this.backendCount = backendNames.length;
    this.rows = rows;
    this.primaries = new Uint32Array(rows);
    this.secondaries = new Int32Array(rows);
    const seeds = rendezvousSeeds(backendNames);
    for (let row = 0; row < rows; row++) {
      const mixed = xxHash32Avalanche(row);
      let primary = -1;
      let primaryWeight = -1;
      for (let i = 0; i < seeds.length; i++) {
        const weight = rendezvousWeight(seeds[i]!, mixed);
        if (!draining[i] && weight > primaryWeight) {
          primaryWeight = weight;
          primary = i;
        }
      }
      let secondary = NO_SECONDARY;
      let secondaryWeight = -1;
      for (let i = 0; i < seeds.length; i++) {
        const weight = rendezvousWeight(seeds[i]!, mixed);
        if (i !== primary && weight > secondaryWeight) {
          secondaryWeight = weight;
          secondary = i;
        }
      }
      this.primaries[row] = primary;
      this.secondaries[row] = secondary;
    }
    this.tableBytes = this.primaries.byteLength + this.secondaries.byteLength;
  }

  /** The row's primary (where new flows go). */
  lookup(flowHash: number): number {
    return this.primaries[(flowHash >>> 0) % this.rows]!;
  }

  /** The row's secondary (second chance for packets the primary has no state for), or {@link NO_SECONDARY}. */
  secondary(flowHash: number): number {
    return this.secondaries[(flowHash >>> 0) % this.rows]!;
  }
}
