/** A bad command line: the command prints the message and its usage, and exits 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
