// @ts-nocheck
// Engine errors with the exit status they map to: usage (2), environment (3), failure (1).
/** Kinds of engine failure, kept apart as the architecture notes ask. */
export type EngineErrorKind = 'usage' | 'env' | 'failed';

/** An engine error that is shown as one line. */
export class EngineError extends Error {
  constructor(readonly kind: EngineErrorKind, message: string) {
    super(message);
  }
  /** The exit status for this error. */
  get status(): number {
    return this.kind === 'usage' ? 2 : this.kind === 'env' ? 3 : 1;
  }
}

/** A bad-usage or bad-input error (exit 2). */
export const usage = (m: string) => new EngineError('usage', m);
/** An environment error: not root, a missing tool (exit 3). */
export const envError = (m: string) => new EngineError('env', m);
/** An operation that failed (exit 1). */
export const failed = (m: string) => new EngineError('failed', m);
