// The one error type of vessel and vessel-cookbook: a message shown as one line, a code that maps to the
// documented exit status, and the original error kept as `cause`.

/** Exit statuses of the contract. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cannotRun: 3, sigint: 130, sigterm: 143 } as const;

/** What went wrong: bad usage or input (exit 2), a host that cannot do it (exit 3), or a failure (exit 1). */
export type ErrorCode = 'usage' | 'env' | 'failed';

/** An error shown as one line, ending the command with the status of its code. */
export class VesselError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VesselError';
  }
  /** The exit status for this error. */
  get status(): number {
    return this.code === 'usage' ? EXIT.usage : this.code === 'env' ? EXIT.cannotRun : EXIT.failed;
  }
}

/** A bad-usage or bad-input error (exit 2). */
export const usage = (m: string, cause?: unknown) => new VesselError('usage', m, cause === undefined ? undefined : { cause });
/** An environment error: not root, a missing tool (exit 3). */
export const envError = (m: string, cause?: unknown) => new VesselError('env', m, cause === undefined ? undefined : { cause });
/** An operation that failed (exit 1). */
export const failed = (m: string, cause?: unknown) => new VesselError('failed', m, cause === undefined ? undefined : { cause });
