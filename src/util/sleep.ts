// Waiting: for a time, or until something is true.

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `ready()` is true, polling every `everyMs`; false on timeout. */
export async function waitFor(ready: () => boolean | Promise<boolean>, ms: number, everyMs = 20): Promise<boolean> {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) return false;
    await sleep(everyMs);
  }
  return true;
}
