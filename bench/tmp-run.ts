import { parseScenarioText } from '../src/scenario/index.js';
import { prepareRun, runSessionPass } from '../src/simulate/index.js';
import { plainSessionPass } from './plain-session-pass.js';
const text = `
name: perf
seed: 1
duration: 2h
topology: { synthetic: { ases: 400 } }
pops: { count: 4 }
flaps:
  - type: pop-withdraw
    pop: pop-1
    at: 30m
    reannounceAt: 50m
  - type: silent-death
    pop: pop-2
    at: 80m
workload:
  - { protocol: dns-udp, arrivals: 200/s, duration: { fixed: 100ms } }
  - { protocol: http-short, arrivals: 80/s, duration: { lognormal: { median: 2s, sigma: 1 } } }
  - { protocol: websocket, arrivals: 8/s, duration: { lognormal: { median: 10m, sigma: 1 } } }
  - { protocol: db, arrivals: 2/s, duration: { exponential: { mean: 1h } } }
  - { protocol: quic, arrivals: 20/s, duration: { lognormal: { median: 30s, sigma: 1 } } }
`;
const s = parseScenarioText(text, 'perf');
let t = performance.now();
const run = prepareRun(s);
console.log('prepare ms', performance.now() - t);
t = performance.now();
const tally = runSessionPass(run);
const ms = performance.now() - t;
console.log('sessions', tally.sessionCount, 'rate/s', (tally.sessionCount / ms * 1000).toFixed(0));
const run2 = prepareRun(s);
t = performance.now();
const tally2 = plainSessionPass(run2);
const ms2 = performance.now() - t;
console.log('plain rate/s', (tally2.sessionCount / ms2 * 1000).toFixed(0));
