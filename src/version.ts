/** anysim's version, read from package.json so the reproduce line and `--version` never drift. */
import { readFileSync } from 'node:fs';

interface PackageJson {
  readonly version: string;
}

/** The package version, e.g. "0.1.0". */
export const ANYSIM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageJson
).version;
