/**
 * The CAIDA 2016-11-01 as-rel file the benchmarks run on (The CAIDA AS Relationships Dataset,
 * serial-1; not in this repository): `ANYSIM_CAIDA` when set, as for the command and the presets,
 * else ../shared/data/caida/20161101.as-rel.txt.bz2 beside the repository.
 */
import { fileURLToPath } from 'node:url';

const DEFAULT_CAIDA_2016 = fileURLToPath(new URL('../../shared/data/caida/20161101.as-rel.txt.bz2', import.meta.url));

/** Path of the CAIDA file (which may not exist; callers check). */
export function caidaFile2016(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnvironment = env['ANYSIM_CAIDA'];
  return fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : DEFAULT_CAIDA_2016;
}
