// Quoting one argument for display (logs, plans and reports only; commands never go through a shell).

/** Quotes one argument for display: bare when it is plain, else in single quotes. */
export function displayArg(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
