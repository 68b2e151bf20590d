// Durations as written in recipes: 500ms, 30s, 2m, 1h (decimals allowed).

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds for a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}

/** A short human form of a millisecond count: 850ms, 1.2s, 2m05s. */
export function formatDuration(ms: number): string {
  // Each unit is chosen after rounding, so 999.6 ms is 1.0s, 59.96 s is 1m00s and 119.6 s is 2m00s (not 1m60s).
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  if (Math.round(ms / 100) < 600) return `${(Math.round(ms / 100) / 10).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}

/** The message for a value that is not a duration. */
export function badDuration(key: string, value: string): string {
  return `bad duration "${value}" for ${key} (use a number and a unit, e.g. 500ms, 30s, 2m)`;
}
