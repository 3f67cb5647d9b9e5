import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { caida2016 } from '../../test/shared-data.js';
import { RandomStreams } from '../sim/index.js';
import { Relationship } from './as-graph.js';
import { type AsRelSkip, formatAsRel, loadAsRelFile, parseAsRel } from './as-rel.js';
import { generateSyntheticTopology } from './synthetic-topology.js';

const CAIDA_2016 = caida2016();

describe('parseAsRel', () => {
  it('reads as-rel and as-rel2 lines, comments and relationships from each side', () => {
    const graph = parseAsRel('# comment\n10|20|-1\n20|30|0|bgp\n\n30|40|-1|mlp\n', 't.txt');
    expect(graph.asCount).toBe(4);
    expect(graph.linkCount).toBe(3);
    const [i10, i20, i30, i40] = [10, 20, 30, 40].map((asn) => graph.indexOf(asn)) as [number, number, number, number];
    expect(graph.relationshipBetween(i10, i20)).toBe(Relationship.Customer);
    expect(graph.relationshipBetween(i20, i10)).toBe(Relationship.Provider);
    expect(graph.relationshipBetween(i20, i30)).toBe(Relationship.Peer);
    expect(graph.relationshipBetween(i30, i20)).toBe(Relationship.Peer);
    expect(graph.relationshipBetween(i40, i30)).toBe(Relationship.Provider);
    expect(graph.relationshipBetween(i10, i40)).toBeUndefined();
  });

  it.each([
    ['1|2\n', 't.txt:1: expected "a|b|rel"'],
    ['# x\n1|two|0\n', 't.txt:2: expected an ASN, got "two"'],
    ['1|2|1\n', 't.txt:1: unknown relationship code "1"'],
    ['1|1|0\n', 't.txt:1: self-link of AS 1'],
    ['0|1|0\n', 't.txt:1: ASN 0 is outside'],
    ['1|2|-1\n3|4|0\n2|1|-1\n', 't.txt:3: AS 2 and AS 1 listed again with a contradicting relationship (first at line 1)'],
    ['1|2|-1\n1|2|0\n', 't.txt:2: AS 1 and AS 2 listed again'],
  ])('rejects %j with file and line', (text, message) => {
    expect(() => parseAsRel(text, 't.txt')).toThrow(message);
  });

  it('skips and reports a pair repeated with the same relationship', () => {
    const skips: AsRelSkip[] = [];
    const graph = parseAsRel('1|2|-1\n1|3|0\n1|2|-1\n3|1|0\n', 'r.txt', { onSkip: (s) => skips.push(s) });
    expect(graph.linkCount).toBe(2);
    expect(skips).toEqual([
      { reason: 'repeated-link', sourceName: 'r.txt', line: 3, firstLine: 1 },
      { reason: 'repeated-link', sourceName: 'r.txt', line: 4, firstLine: 2 },
    ]);
  });

  it('round-trips a synthetic topology through formatAsRel', () => {
    const graph = generateSyntheticTopology({ ases: 300 }, new RandomStreams(5).stream('topology'));
    const again = parseAsRel(formatAsRel(graph, 'synthetic'), 'round-trip');
    expect(again.asns).toEqual(graph.asns);
    expect(again.offsets).toEqual(graph.offsets);
    expect(again.neighbours).toEqual(graph.neighbours);
    expect(again.relationships).toEqual(graph.relationships);
  });
});

describe('loadAsRelFile', () => {
  it('detects gzip by content whatever the file is called', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anysim-as-rel-'));
    const path = join(dir, 'topology.txt');
    writeFileSync(path, gzipSync('1|2|-1\n2|3|0\n'));
    const graph = loadAsRelFile(path);
    expect([...graph.asns]).toEqual([1, 2, 3]);
  });

  it('names the file when it cannot be read', () => {
    expect(() => loadAsRelFile('/nonexistent/as-rel.txt')).toThrow('/nonexistent/as-rel.txt: no such file');
  });

  it.skipIf(!CAIDA_2016.present)(`loads the 2016 CAIDA snapshot (bzip2): 55,809 ASes and 239,064 links${CAIDA_2016.skipNote}`, () => {
    const skips: AsRelSkip[] = [];
    const graph = loadAsRelFile(CAIDA_2016.path, { onSkip: (s) => skips.push(s) });
    expect(graph.asCount).toBe(55_809);
    expect(graph.linkCount).toBe(239_064);
    expect(skips).toHaveLength(0);
    let peerSlots = 0;
    for (const r of graph.relationships) if (r === Relationship.Peer) peerSlots++;
    expect(peerSlots / 2).toBe(128_585);
  });
});
