// The recipe's clock: its budget runs down only while it runs, and it calls out once when spent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecipeClock } from '../../src/harness/clock.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RecipeClock', () => {
  it('runs out after its budget of running time, not of wall time', async () => {
    const out = vi.fn();
    const c = new RecipeClock(1000, out);
    c.run();
    vi.advanceTimersByTime(400);
    // A learner's turn of 10 s costs nothing.
    await c.paused(async () => {
      vi.advanceTimersByTime(10_000);
    });
    expect(out).not.toHaveBeenCalled();
    expect(c.remaining()).toBe(600);
    vi.advanceTimersByTime(599);
    expect(out).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(out).toHaveBeenCalledTimes(1);
  });

  it('a check the learner asks for while paused runs on the clock, which stops again after it', async () => {
    const out = vi.fn();
    const c = new RecipeClock(1000, out);
    c.pause();
    await c.running(async () => {
      vi.advanceTimersByTime(300);
    });
    vi.advanceTimersByTime(5000);
    expect(c.remaining()).toBe(700);
    expect(out).not.toHaveBeenCalled();
  });

  it('its deadline is now plus what is left, paused or running', () => {
    const c = new RecipeClock(1000, () => undefined);
    const t0 = Date.now();
    expect(c.deadline()).toBe(t0 + 1000);
    c.run();
    vi.advanceTimersByTime(250);
    expect(c.deadline()).toBe(t0 + 1000);
    c.pause();
    vi.advanceTimersByTime(250);
    expect(c.deadline()).toBe(t0 + 1250);
  });
});
