/**
 * An example of a user's own property test on anysim's exported arbitraries (README, "Property
 * tests on your own footprint"): under a 4-to-6-PoP footprint whose PoPs only see client flips
 * and graceful drains, no WebSocket session behind daisy-chained PoPs breaks because it landed on
 * another PoP or server (black holes while BGP converges still can: when every PoP drains at
 * once, or a drain withdraws before its prepend has spread, the deep run finds them). A failure prints
 * fast-check's seed and path and writes the shrunk scenario to .anysim-failures/ (or
 * $ANYSIM_FAILURE_DIR) for `anysim run`.
 */
import { describe, it } from 'vitest';
// The package imports itself by name, exactly as a user's project would.
import { arbitraryScenario, checkScenarioProperty, simulate } from 'anysim';

describe('our footprint', () => {
  it('websocket behind daisy-chained PoPs never breaks by moving, under client flips and drains', async () => {
    const footprints = arbitraryScenario({
      minPops: 4,
      maxPops: 6,
      protocols: ['websocket'],
      architectures: ['daisy-chain'],
      flapTypes: ['client-flips', 'maintenance-drain'],
    });
    await checkScenarioProperty(
      footprints,
      async (scenario) => {
        const result = await simulate(scenario);
        return result.results.every((r) => r.brokenByCause['pop-shift'] === 0 && r.brokenByCause['backend-remap'] === 0);
      },
      { numRuns: Number(process.env.ANYSIM_PROPERTY_RUNS ?? 10), seed: 42 },
    );
  });
});
