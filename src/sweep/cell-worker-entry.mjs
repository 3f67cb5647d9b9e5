// Entry of a sweep worker thread: registers tsx so the TypeScript sources run as they are (as
// bin/anysim.js does for the main thread), then exposes cell-worker.ts's default export to tinypool.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./cell-worker.ts');

export default worker.default;
