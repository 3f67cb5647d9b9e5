/**
 * A topology that cannot be read or built: a malformed as-rel line, an unknown relationship code,
 * a self-link, a contradicting duplicate pair, a corrupt compressed stream, or a limit exceeded.
 * The message names the file and line where there is one; the CLI turns it into a `UsageError`.
 */
export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}
