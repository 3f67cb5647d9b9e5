// The baseline of `anysim catchment` in bench/startup.bench.ts: the least a Node program can do to
// answer the same question on the same file. It reads the file, decompresses it with anysim's own
// bzip2 decoder (the one cost it shares with anysim: Node has no bzip2, and a faster native
// decoder would measure the decoder, not anysim), splits the `a|b|rel` lines into adjacency
// lists, runs a plain multi-source breadth-first search from the origins (no routing policy), and
// prints the same JSON shape as `anysim catchment --json`: {"<asn>": {"origin", "path"} | null}.
// Plain JavaScript run by plain `node`: no TypeScript, no other anysim module, no packages.
// Usage: node bench/startup/bare-bfs-catchment.mjs FILE.bz2 ASN,ASN
import { readFileSync } from 'node:fs';
import { decompressBzip2 } from '../../dist/topology/bzip2.js';

const [file, originList] = process.argv.slice(2);
const text = new TextDecoder().decode(decompressBzip2(readFileSync(file)));

const indexOf = new Map();
const asns = [];
const neighbours = [];
const index = (asn) => {
  let i = indexOf.get(asn);
  if (i === undefined) {
    i = asns.length;
    indexOf.set(asn, i);
    asns.push(asn);
    neighbours.push([]);
  }
  return i;
};
for (const line of text.split('\n')) {
  if (line === '' || line.startsWith('#')) continue;
  const [a, b] = line.split('|');
  const i = index(Number(a));
  const j = index(Number(b));
  neighbours[i].push(j);
  neighbours[j].push(i);
}

const parent = new Int32Array(asns.length).fill(-2);
const origin = new Int32Array(asns.length).fill(-1);
const queue = new Int32Array(asns.length);
let head = 0;
let tail = 0;
for (const asn of originList.split(',').map(Number)) {
  const i = indexOf.get(asn);
  parent[i] = -1;
  origin[i] = asn;
  queue[tail++] = i;
}
while (head < tail) {
  const i = queue[head++];
  for (const j of neighbours[i]) {
    if (parent[j] !== -2) continue;
    parent[j] = i;
    origin[j] = origin[i];
    queue[tail++] = j;
  }
}

const order = asns.map((asn, i) => [asn, i]).sort((x, y) => x[0] - y[0]);
const map = {};
for (const [asn, i] of order) {
  if (origin[i] < 0) {
    map[asn] = null;
    continue;
  }
  const path = [];
  for (let k = i; k !== -1; k = parent[k]) path.push(asns[k]);
  map[asn] = { origin: origin[i], path };
}
process.stdout.write(`${JSON.stringify(map)}\n`);
