/**
 * A mistake in how a command was called or in what it was given (a bad flag, a missing file, a
 * malformed input line). The CLI prints its message on one line and exits with code 2, no stack.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
