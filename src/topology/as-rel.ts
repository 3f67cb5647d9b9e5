/**
 * The CAIDA AS Relationships format (https://www.caida.org/catalog/datasets/as-relationships/):
 * as-rel lines `a|b|rel` and as-rel2 lines `a|b|rel|source`, `#` comment lines, rel -1 when a is
 * a provider of b and 0 when a and b are peers. Plain, gzip or bzip2 files, recognised by content.
 *
 * Errors name the file and line: a malformed line, an ASN outside 1..2^32-1 (RFC 6793), an
 * unknown relationship code, a self-link, or a pair listed twice with contradicting
 * relationships. One documented, counted skip: a pair listed again with the same relationship
 * (same orientation for provider-customer, either for peers) is dropped after the first, since
 * merged snapshots repeat links and the repetition carries no information.
 */
import { fileURLToPath } from 'node:url';
import { InputFileError, readRegularFile } from '../input-file.js';
import { quoted } from '../message-text.js';
import { type AsGraph, buildAsGraphReportingDuplicates, MAX_ASN, MAX_LINK_COUNT, Relationship } from './as-graph.js';
import { decompressByContent } from './compressed-input.js';
import { TopologyError } from './topology-error.js';

/** Largest topology file accepted after decompression (the 2016 CAIDA file is 3.4 MB). */
export const MAX_AS_REL_BYTES = 512 * 1024 * 1024;

/** A line the loader dropped on purpose, reported through {@link AsRelOptions.onSkip}. */
export interface AsRelSkip {
  readonly reason: 'repeated-link';
  readonly sourceName: string;
  readonly line: number;
  readonly firstLine: number;
}

/** Options of {@link parseAsRel} and {@link loadAsRelFile}. */
export interface AsRelOptions {
  /** Called once per skipped line, so callers can count and report the skips. */
  readonly onSkip?: (skip: AsRelSkip) => void;
}

function parseAsn(field: string, sourceName: string, line: number): number {
  if (!/^[0-9]{1,10}$/.test(field)) {
    throw new TopologyError(`${sourceName}:${line}: expected an ASN, got ${quoted(field)}`);
  }
  const asn = Number(field);
  if (asn < 1 || asn > MAX_ASN) throw new TopologyError(`${sourceName}:${line}: ASN ${asn} is outside 1..${MAX_ASN}`);
  return asn;
}

/**
 * Parses as-rel or as-rel2 text into an {@link AsGraph}. `sourceName` is used in messages
 * (`file:line: ...`). Throws {@link TopologyError}.
 */
export function parseAsRel(text: string, sourceName: string, options: AsRelOptions = {}): AsGraph {
  const a: number[] = [];
  const b: number[] = [];
  const rel: number[] = [];
  const lineOf: number[] = [];
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split('|');
    if (fields.length !== 3 && fields.length !== 4) {
      throw new TopologyError(`${sourceName}:${lineNo}: expected "a|b|rel" or "a|b|rel|source", got ${quoted(raw)}`);
    }
    const asA = parseAsn(fields[0]!, sourceName, lineNo);
    const asB = parseAsn(fields[1]!, sourceName, lineNo);
    const code = fields[2]!;
    if (code !== '-1' && code !== '0') {
      throw new TopologyError(`${sourceName}:${lineNo}: unknown relationship code ${quoted(code)} (expected -1 or 0)`);
    }
    if (asA === asB) throw new TopologyError(`${sourceName}:${lineNo}: self-link of AS ${asA}`);
    if (a.length >= MAX_LINK_COUNT) throw new TopologyError(`${sourceName}:${lineNo}: more than ${MAX_LINK_COUNT} links`);
    a.push(asA);
    b.push(asB);
    rel.push(Number(code));
    lineOf.push(lineNo);
  }
  const { graph, duplicates } = buildAsGraphReportingDuplicates({ a, b, rel, count: a.length });
  for (const { first, second } of duplicates) {
    const same =
      rel[first] === rel[second] && (rel[first] === 0 || (a[first] === a[second] && b[first] === b[second]));
    if (!same) {
      throw new TopologyError(
        `${sourceName}:${lineOf[second]}: AS ${a[second]} and AS ${b[second]} listed again with a contradicting relationship (first at line ${lineOf[first]})`,
      );
    }
    options.onSkip?.({ reason: 'repeated-link', sourceName, line: lineOf[second]!, firstLine: lineOf[first]! });
  }
  return graph;
}

/**
 * Reads an as-rel or as-rel2 file (plain, gzip or bzip2, by content) into an {@link AsGraph}.
 * Throws {@link TopologyError} naming the file (and line) on any problem.
 */
export function loadAsRelFile(path: string | URL, options: AsRelOptions = {}): AsGraph {
  const sourceName = typeof path === 'string' ? path : fileURLToPath(path);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(sourceName, MAX_AS_REL_BYTES, 'a topology file (CAIDA as-rel)');
  } catch (error) {
    if (error instanceof InputFileError) throw new TopologyError(error.message);
    throw error;
  }
  const plain = decompressByContent(bytes, sourceName);
  if (plain.length > MAX_AS_REL_BYTES) {
    throw new TopologyError(`${sourceName}: ${plain.length} bytes exceeds the limit of ${MAX_AS_REL_BYTES}`);
  }
  return parseAsRel(new TextDecoder().decode(plain), sourceName, options);
}

/**
 * Writes `graph` as as-rel text, one `a|b|rel` line per link with a < b in AS-index order; the
 * inverse of {@link parseAsRel} (used for fixtures and round-trip properties).
 */
export function formatAsRel(graph: AsGraph, header = ''): string {
  const lines: string[] = [];
  if (header !== '') lines.push(`# ${header}`);
  for (let i = 0; i < graph.asCount; i++) {
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
      const j = graph.neighbours[k]!;
      const r = graph.relationships[k]!;
      if (r === Relationship.Peer && j > i) lines.push(`${graph.asns[i]}|${graph.asns[j]}|0`);
      if (r === Relationship.Customer) lines.push(`${graph.asns[i]}|${graph.asns[j]}|-1`);
    }
  }
  return `${lines.join('\n')}\n`;
}
