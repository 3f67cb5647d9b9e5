import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../sim/index.js';
import { decompressBzip2, isBzip2 } from './bzip2.js';
import { TopologyError } from './topology-error.js';

// `printf 'hello hello\naaaa...(71 a)b\n1|2|-1\n' | bzip2 -9`: exercises a long run (RLE1 repeat
// count and RUNA/RUNB zero runs) in a tiny input.
const SAMPLE_BZ2 = 'QlpoOTFBWSZTWcD/rPAAAAjdgAAQQAIwAAgAMkSABCAAISo0aHqeggGgDrnNcmEEJi0ygp2LuSKcKEhgf9Z4AA==';
const SAMPLE_TEXT = `hello hello\n${'a'.repeat(71)}b\n1|2|-1\n`;

const hasBzip2 = spawnSync('bzip2', ['--help']).error === undefined;

describe('decompressBzip2', () => {
  it('decodes a stream made by the reference bzip2', () => {
    const out = decompressBzip2(Buffer.from(SAMPLE_BZ2, 'base64'));
    expect(new TextDecoder().decode(out)).toBe(SAMPLE_TEXT);
  });

  it('decodes concatenated streams as one output', () => {
    const one = Buffer.from(SAMPLE_BZ2, 'base64');
    const out = decompressBzip2(Buffer.concat([one, one]));
    expect(new TextDecoder().decode(out)).toBe(SAMPLE_TEXT + SAMPLE_TEXT);
  });

  it('rejects a corrupted stream with a TopologyError', () => {
    const bytes = Buffer.from(SAMPLE_BZ2, 'base64');
    bytes[bytes.length - 12]! ^= 0x10;
    expect(() => decompressBzip2(bytes)).toThrow(TopologyError);
  });

  it('rejects a truncated stream and a missing header', () => {
    const bytes = Buffer.from(SAMPLE_BZ2, 'base64');
    expect(() => decompressBzip2(bytes.subarray(0, bytes.length - 20))).toThrow(/bzip2/);
    expect(() => decompressBzip2(new TextEncoder().encode('1|2|-1\n'))).toThrow(/header/);
  });

  it('recognises the magic bytes', () => {
    expect(isBzip2(Buffer.from(SAMPLE_BZ2, 'base64'))).toBe(true);
    expect(isBzip2(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe(false);
  });

  it.skipIf(!hasBzip2)('round-trips random runs and multi-block inputs through the system bzip2', () => {
    const random = new RandomStreams(11).stream('bzip2-test');
    for (const [size, level] of [
      [1, '-9'],
      [5_000, '-9'],
      [250_000, '-1'],
    ] as const) {
      const input = new Uint8Array(size);
      let i = 0;
      while (i < size) {
        const byte = random.int(0, 6) === 0 ? random.int(0, 256) : random.int(97, 100);
        const run = random.next() < 0.1 ? random.int(1, 600) : 1;
        for (let r = 0; r < run && i < size; r++) input[i++] = byte;
      }
      const compressed = spawnSync('bzip2', ['-c', level], { input, maxBuffer: 1 << 28 }).stdout;
      expect(Buffer.from(decompressBzip2(compressed)).equals(Buffer.from(input))).toBe(true);
    }
  });
});
