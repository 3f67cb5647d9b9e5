/** Process entry of the `anysim` command (bin/anysim.js and `npm start` start here). */
import { main } from './anysim.js';
import { processIo } from './cli-io.js';

process.exitCode = await main(process.argv.slice(2), processIo);
