/**
 * Convergence credited causally (ARCHITECTURE.md, Outputs: "convergence times credited
 * causally"). Every route and forwarding change of the routing pass carries the wave of the
 * routing event that caused it (bgp-propagation.ts), so an event's row collects exactly the
 * changes of its own wave, from its start until that wave is quiet, however many other events
 * start meanwhile: the measure Labovitz et al. ("Delayed Internet Routing Convergence", SIGCOMM
 * 2000) take for one event, kept apart for overlapping events. Events at one instant form one row
 * (their waves are counted together). A row whose wave was still active when another row's began
 * (or the reverse) lists that row in `overlapsWith`.
 */
import type { ConvergenceWindow, SettledMs } from './simulation-result.js';

/** Per row: the changes its waves caused. */
interface RowTally {
  readonly lastChangeMs: Map<number, number>;
  readonly dropped: Set<number>;
  /** Per AS the wave black-holed: its longest continuous spell without delivery (ms). */
  readonly longestDropMs: Map<number, number>;
  /** Unicast changes as parallel lists (AS, time, outcome): millions on the Internet preset, so no Map per change. */
  readonly unicastAs: number[];
  readonly unicastTimesMs: number[];
  readonly unicastOutcomes: number[];
  /** Time of the wave's last route, forwarding or unicast change (its start while none). */
  quietMs: number;
}

/** One row of the convergence table before measurement: an instant and the events at it. */
export interface EventRow {
  readonly startMs: number;
  readonly description: string;
}

/** Collects the changes of each wave and turns them into {@link ConvergenceWindow}s. */
export class CausalConvergence {
  private readonly tallies: RowTally[];
  /** ASes without delivery now: since when, and the row whose wave dropped them. */
  private readonly dropSince = new Map<number, { readonly sinceMs: number; readonly row: RowTally }>();

  /** `rowOfWave[w]` is the row of wave (routing action) w. */
  constructor(
    private readonly rows: readonly EventRow[],
    private readonly rowOfWave: Int32Array,
  ) {
    this.tallies = rows.map((r) => ({
      lastChangeMs: new Map(),
      dropped: new Set(),
      longestDropMs: new Map(),
      unicastAs: [],
      unicastTimesMs: [],
      unicastOutcomes: [],
      quietMs: r.startMs,
    }));
  }

  /** A best-route change of wave `wave` at `timeMs` (keeps the wave active). */
  routeChanged(timeMs: number, wave: number): void {
    const tally = this.tallyOf(wave);
    if (tally !== undefined && timeMs > tally.quietMs) tally.quietMs = timeMs;
  }

  /** AS `asIndex`'s anycast landing changed to `landing` at `timeMs`, in wave `wave`. */
  landingChanged(timeMs: number, asIndex: number, landing: number, wave: number): void {
    const tally = this.tallyOf(wave);
    if (tally === undefined) return;
    tally.lastChangeMs.set(asIndex, timeMs);
    if (landing < 0) tally.dropped.add(asIndex);
    if (timeMs > tally.quietMs) tally.quietMs = timeMs;
    // A spell without delivery belongs to the wave that began it, whichever wave ends it.
    const spell = this.dropSince.get(asIndex);
    if (landing < 0) {
      if (spell === undefined) this.dropSince.set(asIndex, { sinceMs: timeMs, row: tally });
    } else if (spell !== undefined) {
      this.dropSince.delete(asIndex);
      endSpell(spell.row, asIndex, timeMs - spell.sinceMs);
    }
  }

  /** Packets from AS `asIndex` to some PoP's unicast prefix now end at `outcome` (negative: lost). */
  unicastChanged(timeMs: number, asIndex: number, outcome: number, wave: number): void {
    const tally = this.tallyOf(wave);
    if (tally === undefined) return;
    tally.unicastAs.push(asIndex);
    tally.unicastTimesMs.push(timeMs);
    tally.unicastOutcomes.push(outcome);
    if (timeMs > tally.quietMs) tally.quietMs = timeMs;
  }

  /**
   * The rows, measured; call once the clock has run dry. A spell without delivery still open at
   * `endMs` (the end of the routing pass) counts until then. `userShareOf(as)` is an AS's share
   * of all users, for the users-weighted figures (issue 15, item 6).
   */
  windows(endMs: number, userShareOf: (asIndex: number) => number): ConvergenceWindow[] {
    const usersOf = (ases: Iterable<number>): number => {
      let share = 0;
      for (const asIndex of ases) share += userShareOf(asIndex);
      return share;
    };
    for (const [asIndex, spell] of this.dropSince) endSpell(spell.row, asIndex, Math.max(0, endMs - spell.sinceMs));
    this.dropSince.clear();
    const overlaps = this.rows.map((): number[] => []);
    // Rows are in start order: row j > i overlaps i when it starts before i's wave is quiet.
    for (let i = 0; i < this.rows.length; i++) {
      const quietMs = this.tallies[i]!.quietMs;
      for (let j = i + 1; j < this.rows.length && this.rows[j]!.startMs <= quietMs; j++) {
        overlaps[i]!.push(j);
        overlaps[j]!.push(i);
      }
    }
    return this.rows.map((row, i) => {
      const tally = this.tallies[i]!;
      const unicastLastChangeMs = new Map<number, number>();
      const unicastDropped = new Set<number>();
      tally.unicastAs.forEach((asIndex, j) => {
        unicastLastChangeMs.set(asIndex, tally.unicastTimesMs[j]!);
        if (tally.unicastOutcomes[j]! < 0) unicastDropped.add(asIndex);
      });
      return {
        startMs: row.startMs,
        description: row.description,
        asesChanged: tally.lastChangeMs.size,
        settledMs: settled(tally.lastChangeMs, row.startMs),
        asesDropped: tally.dropped.size,
        usersChangedShare: usersOf(tally.lastChangeMs.keys()),
        usersDroppedShare: usersOf(tally.dropped),
        blackholeMs: spells(tally.longestDropMs),
        overlapsWith: overlaps[i]!.sort((a, b) => a - b),
        unicastAsesChanged: unicastLastChangeMs.size,
        unicastSettledMs: settled(unicastLastChangeMs, row.startMs),
        unicastAsesDropped: unicastDropped.size,
      };
    });
  }

  private tallyOf(wave: number): RowTally | undefined {
    if (wave < 0 || wave >= this.rowOfWave.length) return undefined;
    return this.tallies[this.rowOfWave[wave]!];
  }
}

/** Records a spell of `durationMs` without delivery for `asIndex` in `tally`, keeping each AS's longest. */
function endSpell(tally: RowTally, asIndex: number, durationMs: number): void {
  tally.longestDropMs.set(asIndex, Math.max(durationMs, tally.longestDropMs.get(asIndex) ?? 0));
}

/** p50 and max of each black-holed AS's longest spell. */
function spells(longestDropMs: ReadonlyMap<number, number>): { readonly p50: number; readonly max: number } {
  const times = [...longestDropMs.values()].sort((x, y) => x - y);
  return times.length === 0 ? { p50: 0, max: 0 } : { p50: times[Math.min(times.length - 1, Math.floor(0.5 * times.length))]!, max: times[times.length - 1]! };
}

/** p50, p90 (floor rank, as the windowed measure had it) and max of each AS's last change after `startMs`. */
function settled(lastChangeMs: ReadonlyMap<number, number>, startMs: number): SettledMs {
  const times = [...lastChangeMs.values()].map((t) => t - startMs).sort((x, y) => x - y);
  const pick = (q: number): number => (times.length === 0 ? 0 : times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
  return { p50: pick(0.5), p90: pick(0.9), max: times.length === 0 ? 0 : times[times.length - 1]! };
}
