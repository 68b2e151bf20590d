// Every bench runs here at a tiny size, so a broken bench fails the suite (a bench no test runs rots). What they
// print is never asserted: only that each finishes, prints its table, and leaves nothing behind.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { useCensus } from './census.js';

useCensus();

const BENCHES: [string, string[], RegExp][] = [
  ['bringup.mjs', ['--no-mininet', '3'], /^\| 3 \| [\d.]+ s \|/m],
  ['dhcp.mjs', ['3'], /\| 3 \|/],
  ['expose.mjs', ['1'], /\|/],
  ['jail-cost.mjs', ['2'], /^2 jails with a service/m],
  ['load.mjs', ['--jails', '6', '--dhcp', '3'], /^6 static jails on one network[\s\S]*DHCP/m],
  ['cookbook.mjs', ['--jobs', '2', 'cookbook/namespaces-by-hand.md', 'cookbook/slots.md'], /^\| 2 \| [\d.]+ s \(\S+\) \|/m],
  ['ipv6.mjs', ['3'], /^\| 3 \| [\d.]+ s \| [\d.]+ s \| [\d.]+ s \| [\d.]+ s \| [\d.]+x/m],
  ['startup.mjs', ['2'], /^\| vessel --version \| \d+ ms \| \d+ ms \| [\d.]+x \|/m],
  ['elixir-cluster.mjs', ['1'], /with jails \/ the same work without jails: [\d.]+ s \/ [\d.]+ s = [\d.]+x/],
  ['rootless.mjs', ['--rounds', '1', '3'], /^\| 3 \| jails \| [\d.]+ s \| [\d.]+ s \| [\d.]+x \|/m],
];

describe('the benches, each at a tiny size', () => {
  for (const [bench, args, table] of BENCHES) {
    it(`bench/${bench} ${args.join(' ')} runs to the end and prints its figures`, async () => {
      const r = await execa(process.execPath, ['node_modules/zx/build/cli.js', `bench/${bench}`, ...args], { reject: false, all: true, timeout: 600_000 });
      expect(r.exitCode, r.all).toBe(0);
      expect(r.all).toMatch(table);
    }, 660_000);
  }
});
