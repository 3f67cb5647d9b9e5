/**
 * One run of the Internet-scale preset in a process of its own, for bench/internet.bench.ts:
 * `internet-run.ts DIVISOR [attack]` simulates scenarios/internet.yaml on the 2016 CAIDA graph with
 * every arrival rate divided by DIVISOR and prints {ms, sessions, peakRssMb} as JSON. With
 * `attack`, the same day also holds one attack and two operator responses (issue 16 item 6; see
 * {@link withAttack}). A process per run keeps one run's heap from inflating the next one's peak
 * memory.
 */
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, type Scenario } from '../src/scenario/index.js';
import { simulate } from '../src/simulate/index.js';
import { caidaFile2016 } from './caida-file.js';

const INTERNET_PRESET = fileURLToPath(new URL('../scenarios/internet.yaml', import.meta.url));
const CAIDA_2016 = caidaFile2016();

/** The attack and the responses: mid-morning of the simulated day, two hours, 100 Gbps from 50 ASes. */
const ATTACKED_POP = 'pop-0';
const ATTACK_START_MS = 6 * 3_600_000;
const ATTACK_DURATION_MS = 2 * 3_600_000;
const ATTACK_BITS_PER_S = 100e9;
const ATTACK_PACKET_BYTES = 500;
const ATTACK_SOURCES = 50;
const RESPONSE_DELAY_MS = 10 * 60_000;
const RESTORE_AFTER_MS = 60 * 60_000;

/**
 * The preset with one attack (a ddos flap: 50 source ASes drawn by degree) and two responses on
 * one PoP: it is withdrawn ten minutes after the attack starts and restored an hour later (one
 * plan, so one run).
 */
function withAttack(scenario: Scenario): Scenario {
  return {
    ...scenario,
    flaps: [
      ...scenario.flaps,
      {
        type: 'ddos',
        atMs: ATTACK_START_MS,
        durationMs: ATTACK_DURATION_MS,
        bitsPerS: ATTACK_BITS_PER_S,
        packetBytes: ATTACK_PACKET_BYTES,
        sources: { kind: 'drawn', count: ATTACK_SOURCES, weighting: 'degree' },
        spoofed: false,
      },
    ],
    responses: [
      {
        name: 'withdraw',
        responses: [
          { pop: ATTACKED_POP, atMs: ATTACK_START_MS + RESPONSE_DELAY_MS, action: { kind: 'withdraw' } },
          { pop: ATTACKED_POP, atMs: ATTACK_START_MS + RESPONSE_DELAY_MS + RESTORE_AFTER_MS, action: { kind: 'restore' } },
        ],
      },
    ],
  };
}

const divisor = Number(process.argv[2] ?? '1');
const variant = process.argv[3] ?? 'plain';
if (!(divisor >= 1) || (variant !== 'plain' && variant !== 'attack')) {
  process.stderr.write(`internet-run: usage: internet-run.ts DIVISOR [plain|attack] (DIVISOR a number >= 1), got ${process.argv.slice(2).join(' ')}\n`);
  process.exit(2);
}
const full = loadScenarioFile(INTERNET_PRESET, { topologyFile: CAIDA_2016 });
const scaled = { ...full, workload: full.workload.map((w) => ({ ...w, arrivalsPerS: w.arrivalsPerS / divisor })) };
const scenario = variant === 'attack' ? withAttack(scaled) : scaled;
const start = performance.now();
const result = await simulate(scenario);
const ms = performance.now() - start;
// resourceUsage().maxRSS is in KiB, over the life of this process (loading included).
process.stdout.write(JSON.stringify({ ms, sessions: result.sessions, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
