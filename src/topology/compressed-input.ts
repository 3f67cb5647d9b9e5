/**
 * Recognises how a topology file is compressed from its first bytes (gzip: 1f 8b, RFC 1952 §2.3.1;
 * bzip2: 'BZh' and a level digit) and returns the plain bytes. Content, not the file name,
 * decides: CAIDA mirrors and users rename files freely.
 */
import { gunzipSync } from 'node:zlib';
import { decompressBzip2, isBzip2, MAX_BZIP2_OUTPUT_BYTES } from './bzip2.js';
import { TopologyError } from './topology-error.js';

/** How a topology file's bytes were stored. */
export type Compression = 'gzip' | 'bzip2' | 'none';

/** The compression named by the magic bytes at the start of `bytes`. */
export function detectCompression(bytes: Uint8Array): Compression {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (isBzip2(bytes)) return 'bzip2';
  return 'none';
}

/** The plain bytes of `bytes`, decompressed when its magic bytes say gzip or bzip2. */
export function decompressByContent(bytes: Uint8Array, sourceName: string): Uint8Array {
  const kind = detectCompression(bytes);
  try {
    if (kind === 'gzip') return gunzipSync(bytes, { maxOutputLength: MAX_BZIP2_OUTPUT_BYTES });
    if (kind === 'bzip2') return decompressBzip2(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TopologyError(`${sourceName}: cannot decompress ${kind} data: ${reason}`);
  }
  return bytes;
}
