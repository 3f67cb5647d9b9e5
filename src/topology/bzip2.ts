/**
 * A bzip2 decompressor, written from the format's public description (Julian Seward's bzip2
 * documentation; Joe Tsai, "bzip2 format specification", 2016): per block, Huffman-coded symbols
 * with up to six tables chosen every 50 symbols, a zero-run (RUNA/RUNB) and move-to-front stage,
 * the inverse Burrows-Wheeler transform (Burrows & Wheeler, SRC report 124, 1994) and the initial
 * run-length stage (four equal bytes then a repeat count). CAIDA ships its AS relationships as
 * .bz2 and node has no bzip2, so topology loading carries its own small decoder instead of
 * spawning a system binary that may be missing. Block and stream CRCs are verified.
 */
import { TopologyError } from './topology-error.js';

/** Largest output accepted: a limit against a corrupt or hostile stream. */
export const MAX_BZIP2_OUTPUT_BYTES = 1 << 30;

const BLOCK_MAGIC_HI = 0x3141;
const BLOCK_MAGIC_LO = 0x59265359;
const END_MAGIC_HI = 0x1772;
const END_MAGIC_LO = 0x45385090;
const GROUP_SIZE = 50;
const MAX_CODE_LENGTH = 20;
const MAX_GROUPS = 6;
const MAX_SELECTORS = 18_002;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c >>> 0;
  }
  return table;
})();

class BitReader {
  private pos = 0;
  private buffer = 0;
  private count = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Reads `n` <= 24 bits, most significant first. */
  bits(n: number): number {
    while (this.count < n) {
      if (this.pos >= this.bytes.length) throw new TopologyError('bzip2: unexpected end of input');
      this.buffer = ((this.buffer << 8) | this.bytes[this.pos++]!) >>> 0;
      this.count += 8;
    }
    this.count -= n;
    return (this.buffer >>> this.count) & ((1 << n) - 1);
  }

  bit(): number {
    if (this.count === 0) {
      if (this.pos >= this.bytes.length) throw new TopologyError('bzip2: unexpected end of input');
      this.buffer = this.bytes[this.pos++]!;
      this.count = 8;
    }
    this.count--;
    return (this.buffer >>> this.count) & 1;
  }

  bits32(): number {
    return ((this.bits(16) << 16) | this.bits(16)) >>> 0;
  }

  /** Drops the bits left in the current byte (streams end on a byte boundary). */
  alignToByte(): void {
    this.count -= this.count % 8;
  }

  /** Whether another stream header ('BZh') starts at the current byte boundary. */
  atStreamHeader(): boolean {
    const p = this.pos - this.count / 8;
    const b = this.bytes;
    return p + 3 < b.length && b[p] === 0x42 && b[p + 1] === 0x5a && b[p + 2] === 0x68;
  }
}

/** A canonical Huffman table, decoded bit by bit over code lengths 1..20. */
interface HuffmanTable {
  readonly minLength: number;
  readonly maxLength: number;
  readonly firstCode: Int32Array;
  readonly firstIndex: Int32Array;
  readonly count: Int32Array;
  readonly symbols: Uint16Array;
}

function huffmanTable(lengths: Uint8Array, alphaSize: number): HuffmanTable {
  const count = new Int32Array(MAX_CODE_LENGTH + 2);
  let minLength = MAX_CODE_LENGTH;
  let maxLength = 1;
  for (let s = 0; s < alphaSize; s++) {
    const l = lengths[s]!;
    count[l]!++;
    if (l < minLength) minLength = l;
    if (l > maxLength) maxLength = l;
  }
  const firstCode = new Int32Array(MAX_CODE_LENGTH + 2);
  const firstIndex = new Int32Array(MAX_CODE_LENGTH + 2);
  let code = 0;
  let index = 0;
  for (let l = 1; l <= MAX_CODE_LENGTH; l++) {
    firstCode[l] = code;
    firstIndex[l] = index;
    code = (code + count[l]!) << 1;
    index += count[l]!;
  }
  const symbols = new Uint16Array(alphaSize);
  const fill = firstIndex.slice();
  for (let s = 0; s < alphaSize; s++) symbols[fill[lengths[s]!]!++] = s;
  return { minLength, maxLength, firstCode, firstIndex, count, symbols };
}

function decodeSymbol(reader: BitReader, t: HuffmanTable): number {
  let length = t.minLength;
  let code = reader.bits(length);
  for (;;) {
    const offset = code - t.firstCode[length]!;
    if (offset >= 0 && offset < t.count[length]!) return t.symbols[t.firstIndex[length]! + offset]!;
    if (++length > t.maxLength) throw new TopologyError('bzip2: invalid Huffman code');
    code = (code << 1) | reader.bit();
  }
}

/** Output sink with the size limit and the running CRC of the current block. */
class Output {
  readonly chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(1 << 20);
  private used = 0;
  total = 0;
  crc = 0xffffffff;

  push(byte: number): void {
    if (this.used === this.chunk.length) {
      this.chunks.push(this.chunk);
      this.chunk = new Uint8Array(1 << 20);
      this.used = 0;
      if (this.total > MAX_BZIP2_OUTPUT_BYTES) {
        throw new TopologyError(`bzip2: output exceeds the limit of ${MAX_BZIP2_OUTPUT_BYTES} bytes`);
      }
    }
    this.chunk[this.used++] = byte;
    this.total++;
    this.crc = ((this.crc << 8) ^ CRC_TABLE[((this.crc >>> 24) ^ byte) & 0xff]!) >>> 0;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    out.set(this.chunk.subarray(0, this.used), at);
    return out;
  }
}

function decodeBlock(reader: BitReader, blockSizeMax: number, tt: Uint32Array, out: Output): number {
  const expectedCrc = reader.bits32();
  if (reader.bit() === 1) throw new TopologyError('bzip2: randomised blocks (bzip2 < 0.9.5) are not supported');
  const origPtr = reader.bits(24);

  const seqToUnseq: number[] = [];
  const inUse16 = reader.bits(16);
  for (let i = 0; i < 16; i++) {
    if ((inUse16 & (0x8000 >> i)) === 0) continue;
    const row = reader.bits(16);
    for (let j = 0; j < 16; j++) if (row & (0x8000 >> j)) seqToUnseq.push(i * 16 + j);
  }
  if (seqToUnseq.length === 0) throw new TopologyError('bzip2: block uses no symbols');
  const alphaSize = seqToUnseq.length + 2;

  const groupCount = reader.bits(3);
  if (groupCount < 2 || groupCount > MAX_GROUPS) throw new TopologyError(`bzip2: bad Huffman group count ${groupCount}`);
  const selectorCount = reader.bits(15);
  if (selectorCount < 1 || selectorCount > MAX_SELECTORS) throw new TopologyError(`bzip2: bad selector count ${selectorCount}`);
  const selectors = new Uint8Array(selectorCount);
  const groupMtf = [0, 1, 2, 3, 4, 5].slice(0, groupCount);
  for (let s = 0; s < selectorCount; s++) {
    let j = 0;
    while (reader.bit() === 1) {
      if (++j >= groupCount) throw new TopologyError('bzip2: selector out of range');
    }
    const v = groupMtf[j]!;
    groupMtf.splice(j, 1);
    groupMtf.unshift(v);
    selectors[s] = v;
  }

  const tables: HuffmanTable[] = [];
  const lengths = new Uint8Array(alphaSize);
  for (let t = 0; t < groupCount; t++) {
    let length = reader.bits(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (length < 1 || length > MAX_CODE_LENGTH) throw new TopologyError(`bzip2: bad code length ${length}`);
        if (reader.bit() === 0) break;
        length += reader.bit() === 0 ? 1 : -1;
      }
      lengths[s] = length;
    }
    tables.push(huffmanTable(lengths, alphaSize));
  }

  const endOfBlock = alphaSize - 1;
  const mtf = new Uint8Array(256);
  for (let i = 0; i < 256; i++) mtf[i] = i;
  const byteCount = new Int32Array(256);
  let blockLength = 0;
  let run = 0;
  let runWeight = 1;
  let groupLeft = 0;
  let selectorIndex = -1;
  let table = tables[0]!;
  for (;;) {
    if (groupLeft === 0) {
      if (++selectorIndex >= selectorCount) throw new TopologyError('bzip2: ran out of selectors');
      table = tables[selectors[selectorIndex]!]!;
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    const sym = decodeSymbol(reader, table);
    if (sym <= 1) {
      // RUNA/RUNB: bijective base-2 digits of a zero run (repeats of the MTF front).
      run += (sym + 1) * runWeight;
      runWeight *= 2;
      if (run > blockSizeMax) throw new TopologyError('bzip2: run exceeds the block size');
      continue;
    }
    if (run > 0) {
      if (blockLength + run > blockSizeMax) throw new TopologyError('bzip2: block exceeds its declared size');
      const b = seqToUnseq[mtf[0]!]!;
      byteCount[b]! += run;
      tt.fill(b, blockLength, blockLength + run);
      blockLength += run;
      run = 0;
      runWeight = 1;
    }
    if (sym === endOfBlock) break;
    if (blockLength >= blockSizeMax) throw new TopologyError('bzip2: block exceeds its declared size');
    const position = sym - 1;
    const v = mtf[position]!;
    mtf.copyWithin(1, 0, position);
    mtf[0] = v;
    const b = seqToUnseq[v]!;
    byteCount[b]!++;
    tt[blockLength++] = b;
  }
  if (origPtr >= blockLength) throw new TopologyError(`bzip2: origin pointer ${origPtr} outside block of ${blockLength}`);

  // Inverse BWT: the low byte of tt[i] is the last column; the high 24 bits link to the next row.
  const cumulative = new Int32Array(256);
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    cumulative[i] = sum;
    sum += byteCount[i]!;
  }
  for (let i = 0; i < blockLength; i++) {
    const target = cumulative[tt[i]! & 0xff]!++;
    tt[target] = (tt[target]! | (i << 8)) >>> 0;
  }

  out.crc = 0xffffffff;
  let position = tt[origPtr]! >>> 8;
  let last = -1;
  let repeat = 0;
  for (let i = 0; i < blockLength; i++) {
    const entry = tt[position]!;
    const ch = entry & 0xff;
    position = entry >>> 8;
    if (repeat === 4) {
      for (let r = 0; r < ch; r++) out.push(last);
      repeat = 0;
      continue;
    }
    if (ch === last) repeat++;
    else {
      repeat = 1;
      last = ch;
    }
    out.push(ch);
  }
  const crc = ~out.crc >>> 0;
  if (crc !== expectedCrc) throw new TopologyError('bzip2: block CRC mismatch (corrupt input)');
  return crc;
}

/** Whether `bytes` start with a bzip2 stream header ('BZh' and a block size digit 1-9). */
export function isBzip2(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68 && bytes[3]! >= 0x31 && bytes[3]! <= 0x39;
}

/**
 * Decompresses one or more concatenated bzip2 streams. Throws {@link TopologyError} on corrupt
 * input (bad header, code, pointer or CRC) or when the output passes
 * {@link MAX_BZIP2_OUTPUT_BYTES}.
 */
export function decompressBzip2(bytes: Uint8Array): Uint8Array {
  if (!isBzip2(bytes)) throw new TopologyError("bzip2: missing 'BZh' stream header");
  const reader = new BitReader(bytes);
  const out = new Output();
  let tt = new Uint32Array(0);
  for (;;) {
    if (reader.bits(8) !== 0x42 || reader.bits(8) !== 0x5a || reader.bits(8) !== 0x68) {
      throw new TopologyError("bzip2: missing 'BZh' stream header");
    }
    const level = reader.bits(8) - 0x30;
    if (level < 1 || level > 9) throw new TopologyError(`bzip2: bad block size level ${level}`);
    const blockSizeMax = level * 100_000;
    if (tt.length < blockSizeMax) tt = new Uint32Array(blockSizeMax);
    let combined = 0;
    for (;;) {
      const hi = reader.bits(16);
      const lo = reader.bits32();
      if (hi === BLOCK_MAGIC_HI && lo === BLOCK_MAGIC_LO) {
        const blockCrc = decodeBlock(reader, blockSizeMax, tt, out);
        combined = (((combined << 1) | (combined >>> 31)) ^ blockCrc) >>> 0;
      } else if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
        if (reader.bits32() !== combined) throw new TopologyError('bzip2: stream CRC mismatch (corrupt input)');
        break;
      } else {
        throw new TopologyError('bzip2: bad block magic (corrupt input)');
      }
    }
    reader.alignToByte();
    if (!reader.atStreamHeader()) break;
  }
  return out.finish();
}
