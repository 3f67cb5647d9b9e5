/**
 * Fuzzing the CAIDA as-rel / as-rel2 loader (issue 7, item 5): whatever the text or bytes, the
 * answer is a graph or a TopologyError whose message names the source and, for a bad line, a
 * line that exists — never another exception, never a hang (the suite's time limit bounds it).
 * Inputs: text from the format's own alphabet; valid files (from arbitraryTopology) with one
 * line mutated, where the error must name exactly that line; and compressed files that are
 * garbage or cut short (gzip and bzip2 magic bytes followed by noise, truncated streams,
 * including a truncated prefix of the real CAIDA file when ../shared is present).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { caida2016 } from '../../test/shared-data.js';
import { arbitraryTopology } from '../../src/arbitraries/index.js';
import { formatAsRel, loadAsRelFile, parseAsRel, TopologyError, type AsGraph } from '../../src/topology/index.js';

const NUM_RUNS = Number(process.env.ANYSIM_PROPERTY_RUNS ?? 150);
const SEED = 20_161_101;
const params = { numRuns: NUM_RUNS, seed: SEED };
const SOURCE = 'fuzz.as-rel.txt';
const CAIDA = caida2016();

const directory = mkdtempSync(join(tmpdir(), 'anysim-as-rel-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Outcome = { readonly kind: 'graph'; readonly graph: AsGraph } | { readonly kind: 'error'; readonly message: string };

/** Runs `load`; any exception but a TopologyError fails the property. */
function outcomeOf(load: () => AsGraph): Outcome {
  try {
    return { kind: 'graph', graph: load() };
  } catch (error) {
    if (error instanceof TopologyError) return { kind: 'error', message: error.message };
    throw error;
  }
}

/** Checks the message names `source` and, if it names a line, one of the text's `lineCount` lines. */
function expectLocated(message: string, source: string, lineCount: number): number | undefined {
  expect(message.startsWith(`${source}:`), message).toBe(true);
  const line = new RegExp(`^${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):`).exec(message);
  if (line === null) return undefined;
  const n = Number(line[1]);
  expect(n >= 1 && n <= lineCount, message).toBe(true);
  return n;
}

const token = fc.constantFrom('1', '2', '174', '3356', '4294967295', '4294967296', '0', '-1', '-2', '1.5', '+1', '00', '1e3', '0x10', 'abc', '', ' ', '\t', '|', '||', '#', '\r', 'bgp', '١');
const asRelLike = fc
  .array(fc.array(token, { maxLength: 9 }).map((tokens) => tokens.join('')), { maxLength: 30 })
  .map((lines) => lines.join('\n'));

/** One way of breaking a line. */
const lineMutation = fc.oneof(
  fc.constantFrom('1|2', '1|2|3', '1|1|0', '0|2|-1', '4294967296|2|0', 'a|b|0', '1|2|-1|bgp|x', '1|2|1', '|||', '1 2 -1'),
  fc.string({ maxLength: 20 }).filter((s) => !s.includes('\n') && s.trim() !== '' && !s.trim().startsWith('#')),
);

describe('as-rel parser fuzzing', () => {
  it('answers text from the format alphabet with a graph or a located TopologyError', () => {
    fc.assert(
      fc.property(asRelLike, (text) => {
        const outcome = outcomeOf(() => parseAsRel(text, SOURCE));
        if (outcome.kind === 'error') expectLocated(outcome.message, SOURCE, text.split('\n').length);
        else expect(parseAsRel(formatAsRel(outcome.graph), 'round-trip').linkCount).toBe(outcome.graph.linkCount);
      }),
      params,
    );
  });

  it('a valid file with one line broken fails at exactly that line, or still parses', () => {
    fc.assert(
      fc.property(arbitraryTopology({ maxAses: 20 }), fc.nat(), lineMutation, (graph, lineRaw, replacement) => {
        const lines = formatAsRel(graph).split('\n');
        const index = lineRaw % lines.length;
        lines[index] = replacement;
        const text = lines.join('\n');
        const outcome = outcomeOf(() => parseAsRel(text, SOURCE));
        if (outcome.kind === 'error') {
          const line = expectLocated(outcome.message, SOURCE, lines.length);
          expect(line, outcome.message).toBe(index + 1);
        }
      }),
      params,
    );
  });

  it('compressed garbage and truncated streams give a TopologyError naming the file', () => {
    const caidaPrefix = CAIDA.present ? readFileSync(CAIDA.path).subarray(0, 200_000) : undefined;
    const validGzip = gzipSync(Buffer.from('1|2|-1\n2|3|0\n3|4|-1\n'.repeat(50)));
    const compressed = fc.oneof(
      fc.tuple(fc.constantFrom('gzip', 'BZh1', 'BZh9'), fc.uint8Array({ maxLength: 400 })).map(([magic, noise]) =>
        Buffer.concat([magic === 'gzip' ? Buffer.from([0x1f, 0x8b]) : Buffer.from(magic, 'latin1'), Buffer.from(noise)]),
      ),
      fc.integer({ min: 2, max: validGzip.length - 1 }).map((cut) => validGzip.subarray(0, cut)),
      ...(caidaPrefix === undefined ? [] : [fc.integer({ min: 4, max: caidaPrefix.length }).map((cut) => caidaPrefix.subarray(0, cut))]),
    );
    let case_ = 0;
    fc.assert(
      fc.property(compressed, (bytes) => {
        const path = join(directory, `case-${case_++}.bin`);
        writeFileSync(path, bytes);
        const outcome = outcomeOf(() => loadAsRelFile(path));
        expect(outcome.kind).toBe('error');
        if (outcome.kind === 'error') expect(outcome.message.startsWith(`${path}:`), outcome.message).toBe(true);
      }),
      { numRuns: Math.max(1, Math.floor(NUM_RUNS / 3)), seed: SEED },
    );
  });
});
