/**
 * What the report shows of each attack (issue 16 item 4): per PoP over time, the offered load
 * (legitimate plus attack), the attack's part of it and what the PoP dropped, in bits per second;
 * and where the attack's traffic went in each phase between the attack's start, the responses
 * that acted during it, and its end. Computed from the shown replication's route history on bins
 * of at least 1 s (the load layer's) and about 240 bins a run, so a day costs what an hour does;
 * a bin's drop is the fluid fair-share drop of its mean load (docs/load.md).
 */
import { responseIndexOf, type FlapPlan } from '../flaps/index.js';
import { LOAD_BIN_MS } from '../load/index.js';
import type { CatchmentTimeline } from '../sessions/index.js';
import type { RunLoadModel } from './run-load.js';
import type { AttackView } from './simulation-result.js';

/** Bins a chart aims at over the run. */
const VIEW_BINS = 240;

/** The view of every attack of `plan` on `timeline`; `describe` names a routing action of the plan. */
export function attackViews(
  plan: FlapPlan,
  model: RunLoadModel,
  timeline: CatchmentTimeline,
  horizonMs: number,
  popNames: readonly string[],
  describe: (wave: number) => string,
): AttackView[] {
  const planned = plan.attacks ?? [];
  if (planned.length === 0) return [];
  const binMs = Math.max(LOAD_BIN_MS, Math.ceil(horizonMs / VIEW_BINS / LOAD_BIN_MS) * LOAD_BIN_MS);
  const all = model.loadOf(timeline, binMs);
  const bins = all.binCount;
  const rows = (value: (pop: number, bin: number) => number): number[][] => popNames.map((_, p) => Array.from({ length: bins }, (_, b) => value(p, b)));
  const offeredBitsPerS = rows((p, b) => all.totalOffered(p, b, 'bitsPerS'));
  const droppedBitsPerS = rows((p, b) => all.flow(p, b, 'legitimate', 'bitsPerS').dropped + all.flow(p, b, 'attack', 'bitsPerS').dropped);
  return planned.map((attack, a) => {
    const alone = model.loadOf(timeline, binMs, [a]);
    const endMs = Math.min(attack.startMs + attack.durationMs, horizonMs);
    const responses = plan.routing
      .map((r, wave) => ({ r, wave }))
      .filter(({ r }) => responseIndexOf(r.flapIndex) !== undefined && r.atMs > attack.startMs && r.atMs < endMs);
    const edges = [attack.startMs, ...responses.map(({ r }) => r.atMs), endMs];
    const labels = ['attack starts', ...responses.map(({ wave }) => `after ${describe(wave)}`)];
    const phases = labels
      .map((description, i) => ({ description, fromMs: edges[i]!, toMs: edges[i + 1]! }))
      .filter((phase) => phase.toMs > phase.fromMs)
      .map((phase) => {
        const first = alone.binAt(phase.fromMs);
        const last = Math.max(first, alone.binAt(phase.toMs - 1));
        const share = (value: (bin: number) => number): number => {
          let sum = 0;
          for (let b = first; b <= last; b++) sum += value(b);
          return sum / (last - first + 1) / attack.bitsPerS;
        };
        return {
          ...phase,
          attackShareByPop: popNames.map((_, p) => share((b) => alone.offered(p, b, 'attack', 'bitsPerS'))),
          unreachedShare: share((b) => alone.unreachedAttackBitsPerS[b]!),
          droppedShareOfAttack: share((b) => popNames.reduce((s, _, p) => s + alone.flow(p, b, 'attack', 'bitsPerS').dropped, 0)),
        };
      });
    return {
      flapIndex: attack.flapIndex,
      startMs: attack.startMs,
      durationMs: attack.durationMs,
      bitsPerS: attack.bitsPerS,
      packetsPerS: attack.packetsPerS,
      sourceAses: model.attacks[a]!.sources.length,
      spoofed: attack.spoofed,
      binMs,
      offeredBitsPerS,
      droppedBitsPerS,
      attackBitsPerS: rows((p, b) => all.offered(p, b, 'attack', 'bitsPerS')),
      phases,
    };
  });
}
