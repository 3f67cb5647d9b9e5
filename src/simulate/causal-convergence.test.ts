import { describe, expect, it } from 'vitest';
import { CausalConvergence } from './causal-convergence.js';

describe('black-hole spells in the convergence rows', () => {
  it("credit each AS's longest spell without delivery to the wave that began it, whichever wave ends it", () => {
    const convergence = new CausalConvergence([{ startMs: 0, description: 'down' }, { startMs: 100, description: 'up' }], Int32Array.from([0, 1]));
    convergence.landingChanged(10, 1, -1, 0);
    convergence.landingChanged(30, 1, -2, 0); // a loop after the black hole: still no delivery
    convergence.landingChanged(50, 1, 2, 0); // 40 ms
    convergence.landingChanged(60, 1, -1, 0);
    convergence.landingChanged(70, 1, 2, 0); // 10 ms: not the longest
    convergence.landingChanged(20, 2, -1, 0);
    convergence.landingChanged(150, 2, 0, 1); // the up event's wave ends the down event's spell: 130 ms
    convergence.landingChanged(120, 3, -1, 1); // never delivered again: counts to the end
    convergence.landingChanged(130, 4, 1, 1);
    // AS k holds a share k / 10 of the users.
    const [down, up] = convergence.windows(1_000, (asIndex) => asIndex / 10);
    expect(down!.asesDropped).toBe(2);
    expect(down!.usersChangedShare).toBeCloseTo(0.3, 12);
    expect(down!.usersDroppedShare).toBeCloseTo(0.3, 12);
    expect(up!.usersChangedShare).toBeCloseTo(0.9, 12);
    expect(up!.usersDroppedShare).toBeCloseTo(0.3, 12);
    expect(down!.blackholeMs).toEqual({ p50: 130, max: 130 });
    expect(up!.asesDropped).toBe(1);
    expect(up!.blackholeMs).toEqual({ p50: 880, max: 880 });
  });

  it('reports zero when a wave black-holed nothing', () => {
    const convergence = new CausalConvergence([{ startMs: 0, description: 'x' }], Int32Array.from([0]));
    convergence.landingChanged(5, 1, 3, 0);
    const [row] = convergence.windows(10, () => 0.5);
    expect(row!.blackholeMs).toEqual({ p50: 0, max: 0 });
    expect(row!.usersDroppedShare).toBe(0);
    expect(row!.usersChangedShare).toBe(0.5);
  });
});
