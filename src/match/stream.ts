// Transcript matching one actual line at a time (pure): memory bounded by the expected lines, not the output.
import type { ExpectedLine } from '../recipe/model.js';
import { lineMatches } from './transcript.js';

/** Where a streamed match stands at the end. */
export interface StreamOutcome {
  ok: boolean;
  /** Actual lines seen. */
  lines: number;
  /** How many expected lines the best partial match covered. */
  reached: number;
  /** The actual line (0-based) at which that best partial match was last extended. */
  reachedAt: number;
}

/**
 * Matches actual lines against expected ones as they arrive, with the same rules as `matchLines`
 * (`...` absorbs any run of lines, including none): the set of expected positions a prefix can reach.
 */
export class StreamMatcher {
  private states: Set<number>;
  private seen = 0;
  private best = 0;
  private bestAt = 0;

  constructor(private readonly expected: readonly ExpectedLine[]) {
    this.states = this.closure(new Set([0]));
  }

  private closure(s: Set<number>): Set<number> {
    const out = new Set<number>();
    for (let i of s) {
      out.add(i);
      while (i < this.expected.length && this.expected[i]!.mode === 'any') out.add(++i);
    }
    return out;
  }

  /** Feeds one actual line; a `cut` line (only its start is known) can be matched by `...` alone. */
  push(line: string, cut = false): void {
    const next = new Set<number>();
    for (const i of this.states) {
      if (i >= this.expected.length) continue;
      const e = this.expected[i]!;
      if (e.mode === 'any') next.add(i);
      else if (!cut && lineMatches(e, line)) next.add(i + 1);
    }
    this.states = this.closure(next);
    for (const i of this.states) {
      if (i > this.best) {
        this.best = i;
        this.bestAt = this.seen;
      }
    }
    this.seen++;
  }

  /** The outcome after the last line. */
  finish(): StreamOutcome {
    return { ok: this.states.has(this.expected.length), lines: this.seen, reached: this.best, reachedAt: this.bestAt };
  }
}
