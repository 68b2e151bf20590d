// Finds and ends processes by the run/step markers in their environment (only ever processes we started).
import { sleep } from '../util/sleep.js';
import { readdir, readFile } from 'node:fs/promises';

/** PIDs of live processes whose environment holds `NAME=value` exactly. */
export async function pidsWithEnv(name: string, value: string): Promise<number[]> {
  const needle = Buffer.from(`${name}=${value}\0`);
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return pids;
  }
  await Promise.all(
    entries.map(async (e) => {
      if (!/^\d+$/.test(e) || Number(e) === process.pid) return;
      try {
        const env = await readFile(`/proc/${e}/environ`);
        if (env.indexOf(needle) === 0 || env.includes(Buffer.concat([Buffer.from([0]), needle]))) pids.push(Number(e));
      } catch {
        /* gone, or not ours to read */
      }
    }),
  );
  return pids;
}

function signalAll(pids: number[], sig: NodeJS.Signals): void {
  for (const p of pids) {
    try {
      process.kill(p, sig);
    } catch {
      /* already gone */
    }
  }
}

/** Ends a process group (by its leader's pid) and every process carrying the marker: TERM, then KILL after `graceMs`. */
export async function endTree(opts: { pgid?: number; marker?: { name: string; value: string }; graceMs?: number }): Promise<number> {
  const grace = opts.graceMs ?? 1000;
  const find = async () => (opts.marker ? await pidsWithEnv(opts.marker.name, opts.marker.value) : []);
  const killGroup = (sig: NodeJS.Signals) => {
    if (opts.pgid === undefined) return;
    try {
      process.kill(-opts.pgid, sig);
    } catch {
      /* group gone */
    }
  };
  const first = await find();
  killGroup('SIGTERM');
  signalAll(first, 'SIGTERM');
  // Stopped processes do not act on TERM until continued.
  killGroup('SIGCONT');
  signalAll(first, 'SIGCONT');
  const deadline = Date.now() + grace;
  let left = await find();
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(50);
    left = await find();
  }
  killGroup('SIGKILL');
  signalAll(left, 'SIGKILL');
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await sleep(25);
    left = await find();
  }
  return first.length;
}
