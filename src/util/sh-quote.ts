// Single-quoting for a POSIX sh: the one place a command line is made from arguments (SSH carries a line, not argv).

/** Quotes one argument so a POSIX sh reads it back unchanged; refuses NUL, which no argument can hold. */
export function quoteForSh(arg: string): string {
  if (arg.includes('\0')) throw new Error('an argument holds a NUL byte');
  return `'${arg.replaceAll("'", "'\\''")}'`;
}
