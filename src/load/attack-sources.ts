/**
 * Drawn attack sources: `count` ASes out of the candidates, without replacement, each with
 * probability proportional to its weight (uniform, or degree: the client population's size proxy),
 * by Efraimidis & Spirakis' weighted reservoir keys (Inf. Proc. Letters 97(5), 2006): key =
 * u^(1 / w), the `count` largest keys win. One draw per candidate from the caller's stream
 * (`attacks`), so drawing an attack moves no other stream.
 */
import type { RandomStream } from '../sim/index.js';
import type { AttackSource } from './attack-load.js';

/** Draws `count` (at most all) of `candidates` by `weights`; each source gets an equal share. */
export function drawAttackSources(candidates: Int32Array, weights: ArrayLike<number>, count: number, random: RandomStream): AttackSource[] {
  if (weights.length !== candidates.length) throw new RangeError(`expected ${candidates.length} weights, got ${weights.length}`);
  const keys: { asIndex: number; key: number }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const u = random.next();
    const w = weights[i]!;
    if (w > 0) keys.push({ asIndex: candidates[i]!, key: Math.log(u) / w });
  }
  keys.sort((a, b) => b.key - a.key || a.asIndex - b.asIndex);
  return keys.slice(0, count).map((k) => ({ asIndex: k.asIndex, weight: 1 }));
}
