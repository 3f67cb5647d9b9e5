/**
 * What the report shows of each attack (issue 16 item 4): per PoP over time, the offered load
 * (legitimate plus attack), the attacks' part of it and what the PoP dropped, in bits per second,
 * averaged over about 240 bins a run so a day's chart costs what an hour's does (the load pass
 * itself works in 1 s bins, docs/load.md); and where this attack's traffic went in each phase
 * between its start, the responses that acted during it, and its end: per PoP the time-weighted
 * share of its volume whose sources' routes landed there, the share that reached no PoP, and the
 * share the PoPs dropped (each source's share times the drop fraction where it landed, second by
 * second).
 */
import { responseIndexOf, type FlapPlan } from '../flaps/index.js';
import { attackShares } from '../load/index.js';
import type { CatchmentTimeline } from '../sessions/index.js';
import type { RunLoad } from './run-load.js';
import type { AttackPhase, AttackView } from './simulation-result.js';

/** Bins a chart aims at over the run. */
const VIEW_BINS = 240;

/** The view of every attack of `plan`; `describe` names routing action (wave) `wave` of the plan. */
export function attackViews(
  plan: FlapPlan,
  runLoad: RunLoad,
  timeline: CatchmentTimeline,
  horizonMs: number,
  popNames: readonly string[],
  describe: (wave: number) => string,
): AttackView[] {
  if (runLoad.attacks.length === 0) return [];
  const load = runLoad.load;
  const perView = Math.max(1, Math.ceil(load.binCount / VIEW_BINS));
  const viewBins = Math.ceil(load.binCount / perView);
  const averaged = (series: (pop: number) => Float64Array): number[][] =>
    popNames.map((_, p) => {
      const fine = series(p);
      return Array.from({ length: viewBins }, (_, v) => {
        const end = Math.min(fine.length, (v + 1) * perView);
        let sum = 0;
        for (let b = v * perView; b < end; b++) sum += fine[b]!;
        return sum / (end - v * perView);
      });
    });
  const offeredBitsPerS = averaged((p) => {
    const legitimate = load.series(p, 'legitimate', 'bitsPerS');
    const attack = load.series(p, 'attack', 'bitsPerS');
    return legitimate.map((x, b) => x + attack[b]!);
  });
  const attackBitsPerS = averaged((p) => load.series(p, 'attack', 'bitsPerS'));
  const droppedBitsPerS = averaged((p) => {
    const legitimate = load.series(p, 'legitimate', 'bitsPerS', 'dropped');
    const attack = load.series(p, 'attack', 'bitsPerS', 'dropped');
    return legitimate.map((x, b) => x + attack[b]!);
  });
  return runLoad.attacks.map(({ plan: attack, sources }) => {
    const endMs = Math.min(attack.startMs + attack.durationMs, horizonMs);
    const responses = plan.routing
      .map((r, wave) => ({ r, wave }))
      .filter(({ r }) => responseIndexOf(r.flapIndex) !== undefined && r.atMs > attack.startMs && r.atMs < endMs);
    const edges = [attack.startMs, ...responses.map(({ r }) => r.atMs), endMs];
    const labels = ['attack starts', ...responses.map(({ wave }) => `after ${describe(wave)}`)];
    const shares = sources.length === 0 ? new Float64Array(0) : attackShares({ ...attack, sources });
    const phases = labels
      .map((description, i) => ({ description, fromMs: edges[i]!, toMs: edges[i + 1]! }))
      .filter((phase) => phase.toMs > phase.fromMs)
      .map((phase) => phaseOf(phase, sources.map((s) => s.asIndex), shares, timeline, runLoad, popNames.length));
    return {
      flapIndex: attack.flapIndex,
      startMs: attack.startMs,
      durationMs: attack.durationMs,
      bitsPerS: attack.bitsPerS,
      packetsPerS: attack.packetsPerS,
      sourceAses: sources.length,
      spoofed: attack.spoofed,
      binMs: load.binMs * perView,
      offeredBitsPerS,
      attackBitsPerS,
      droppedBitsPerS,
      phases,
    };
  });
}

/** Where the sources' traffic landed over [fromMs, toMs), time-weighted, and what was dropped. */
function phaseOf(
  phase: { description: string; fromMs: number; toMs: number },
  sourceAses: readonly number[],
  shares: Float64Array,
  timeline: CatchmentTimeline,
  runLoad: RunLoad,
  popCount: number,
): AttackPhase {
  const lengthMs = phase.toMs - phase.fromMs;
  const byPop = new Array<number>(popCount).fill(0);
  let unreached = 0;
  let dropped = 0;
  const load = runLoad.load;
  sourceAses.forEach((asIndex, s) => {
    const share = shares[s]!;
    const end = timeline.endEntry(asIndex);
    for (let e = timeline.entryAt(asIndex, phase.fromMs); e < end; e++) {
      const fromMs = Math.max(phase.fromMs, timeline.timesMs[e]!);
      const toMs = Math.min(phase.toMs, e + 1 < end ? timeline.timesMs[e + 1]! : Infinity);
      if (fromMs >= phase.toMs) break;
      if (toMs <= fromMs) continue;
      const landing = timeline.landings[e]!;
      const part = (share * (toMs - fromMs)) / lengthMs;
      if (landing < 0) {
        unreached += part;
        continue;
      }
      byPop[landing]! += part;
      // The drop fraction bin by bin over the segment, weighted by the time in each bin.
      for (let t = fromMs; t < toMs; ) {
        const next = Math.min(toMs, (load.binAt(t) + 1) * load.binMs);
        dropped += ((share * (next - t)) / lengthMs) * load.dropProbabilityAt(landing, t);
        t = next > t ? next : toMs;
      }
    }
  });
  return { ...phase, attackShareByPop: byPop, unreachedShare: unreached, droppedShareOfAttack: dropped };
}
