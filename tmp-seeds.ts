import { referenceScenario } from './src/scenario/index.js';
import { simulate } from './src/simulate/index.js';
const pairs = [['websocket', 'edge'], ['db', 'edge'], ['dns-udp', 'edge'], ['dns-udp', 'unicast-dns']] as const;
const rows: Record<string, { est: number; low: number; high: number }[]> = {};
for (const seed of ['11', '12', '13', '14', '15', '16']) {
  const t = performance.now();
  const r = await simulate({ ...referenceScenario(), seed });
  process.stderr.write(`seed ${seed}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  for (const [p, a] of pairs) {
    const x = r.results.find((q) => q.protocol === p && q.architecture === a)!;
    (rows[`${p}/${a}`] ??= []).push({ est: x.brokenFraction.estimate, low: x.brokenFraction.low, high: x.brokenFraction.high });
  }
}
for (const [k, v] of Object.entries(rows)) {
  const mean = v.reduce((s, x) => s + x.est, 0) / v.length;
  const cover = v.filter((x) => x.low <= mean && mean <= x.high).length;
  console.log(`${k}: mean of 6 seeds ${(100 * mean).toFixed(3)} %; ${cover} of 6 intervals cover it; ` + v.map((x) => `${(100 * x.est).toFixed(2)} [${(100 * x.low).toFixed(2)}, ${(100 * x.high).toFixed(2)}]`).join('; '));
}
