/**
 * Where tests find the data that is not in this repository: the CAIDA AS Relationships Dataset,
 * serial-1, 2016-11-01 snapshot (https://www.caida.org/catalog/datasets/as-relationships/; not
 * redistributed here). It is `ANYSIM_CAIDA` when set, as for the `anysim` command and the presets,
 * or else ../shared/data/caida/20161101.as-rel.txt.bz2 beside the repository. Tests that need it
 * skip when it is absent, and say why in their name and once on stderr, so a clone that stands
 * alone passes and shows what it did not run.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A data file that tests may need, and whether it is here. */
export interface OptionalDataFile {
  /** Absolute path where the file is looked for. */
  readonly path: string;
  /** Whether the file exists. */
  readonly present: boolean;
  /** Appended to a test's name: empty when present, else why the test is skipped. */
  readonly skipNote: string;
}

const DEFAULT_CAIDA_2016 = fileURLToPath(new URL('../../shared/data/caida/20161101.as-rel.txt.bz2', import.meta.url));

/** The CAIDA 2016-11-01 as-rel file (55,809 ASes, 239,064 links). */
export function caida2016(env: NodeJS.ProcessEnv = process.env): OptionalDataFile {
  const fromEnvironment = env['ANYSIM_CAIDA'];
  const path = fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : DEFAULT_CAIDA_2016;
  const present = existsSync(path);
  if (!present) {
    process.stderr.write(
      `anysim tests: skipping the tests that need the CAIDA 2016-11-01 as-rel file: ${path} not found ` +
        '(set ANYSIM_CAIDA to 20161101.as-rel.txt.bz2 from the CAIDA AS Relationships Dataset to run them)\n',
    );
  }
  return { path, present, skipNote: present ? '' : ` [skipped: no CAIDA file at ${path}; set ANYSIM_CAIDA]` };
}

/** The catchment fixtures directory (topologies with independently written answers), as a URL. */
export const CATCHMENT_FIXTURES = new URL('./fixtures/catchment/', import.meta.url);
