// Injection: names, domains and options carrying shell syntax, newlines, `../` or too many characters are refused
// before any command runs. Every engine command goes through one runner, which logs it to VESSEL_COMMAND_LOG: the log
// stays empty, and a payload that would create a file never does.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli.js';
import { useCensus } from './census.js';

useCensus();
const LAB = 'vcinject';
const scratch = mkdtempSync(join(tmpdir(), 'vc-inject-'));
const SENTINEL = join(scratch, 'pwned');
const env = { VESSEL_LAB: LAB, NO_COLOR: '1' };
const vessel = (args: string[], extra: Record<string, string> = {}) =>
  execa(process.execPath, [join(ROOT, 'bin/vessel'), ...args], { reject: false, env: { ...env, ...extra } });

beforeAll(async () => {
  expect((await vessel(['network', '--create', '--name=n', '--subnet=10.74.0.0/24'])).exitCode).toBe(0);
}, 60_000);
afterAll(async () => {
  await vessel(['destroy', '--lab', LAB]);
  rmSync(scratch, { recursive: true, force: true });
});

const payloads = [`$(touch ${SENTINEL})`, `\`touch ${SENTINEL}\``, `a;touch ${SENTINEL}`, 'a\nb', '../../etc', 'x'.repeat(300), 'a|b', 'a&&b', "a'b", 'a b'];

const cases: [string, string[]][] = [
  ...payloads.map((p): [string, string[]] => [`run --name=${JSON.stringify(p)}`, ['run', `--name=${p}`, '--network=n']]),
  ...payloads.map((p): [string, string[]] => [`run --network=${JSON.stringify(p)}`, ['run', '--name=ok', `--network=${p}`]]),
  ...payloads.map((p): [string, string[]] => [`run --addr=${JSON.stringify(p)}`, ['run', '--name=ok', '--network=n', `--addr=${p}`]]),
  ...payloads.map((p): [string, string[]] => [`network --name=${JSON.stringify(p)}`, ['network', '--create', `--name=${p}`, '--subnet=10.75.0.0/24']]),
  ...payloads.map((p): [string, string[]] => [
    `network --domain=${JSON.stringify(p)}`,
    ['network', '--create', '--name=dom', '--subnet=10.75.0.0/24', `--domain=${p}`],
  ]),
  ...payloads.map((p): [string, string[]] => [`network --subnet=${JSON.stringify(p)}`, ['network', '--create', '--name=sub', `--subnet=${p}`]]),
  ...payloads.map((p): [string, string[]] => [`--lab=${JSON.stringify(p)}`, ['--lab', p, 'list']]),
  ...payloads.map((p): [string, string[]] => [`exec ${JSON.stringify(p)}`, ['exec', p, '--', 'true']]),
  ...payloads.map((p): [string, string[]] => [`partition ${JSON.stringify(p)}`, ['partition', p, '--', 'x']]),
  ['run --count', ['run', '--name=ok', '--network=n', `--count=2;touch ${SENTINEL}`]],
  ['run --slot', ['run', '--name=ok', '--network=n', `--slot=$(touch ${SENTINEL})`]],
  ['network --vlan', ['network', '--create', '--name=vl', '--subnet=10.76.0.0/24', `--vlan=10;touch ${SENTINEL}`]],
  ['network --trunk', ['network', '--create', '--name=vl', '--subnet=10.76.0.0/24', '--vlan=10', `--trunk=t;touch ${SENTINEL}`]],
  ['network --dhcp-range', ['network', '--create', '--name=dr', '--subnet=10.77.0.0/24', `--dhcp-range=10.77.0.100-10.77.0.200;touch ${SENTINEL}`]],
  ['run --addr=alias', ['run', '--name=al', `--addr=alias:eni0;touch ${SENTINEL}:10.0.0.1`]],
  ['init --inet-nic', ['init', `--inet-nic=lo;touch ${SENTINEL}`]],
];

describe('hostile command-line input', () => {
  it(`is refused before any command runs (${cases.length} cases)`, async () => {
    for (const [what, args] of cases) {
      const log = join(scratch, 'commands.log');
      rmSync(log, { force: true });
      const r = await vessel(args, { VESSEL_COMMAND_LOG: log });
      expect(r.exitCode, `${what}: ${r.stderr}`).toBe(2);
      expect(String(r.stderr).trim().split('\n'), what).toHaveLength(1);
      expect(String(r.stderr)).toMatch(/^(vessel: |error: )/);
      const ran = existsSync(log) ? readFileSync(log, 'utf8') : '';
      expect(ran, `${what} ran commands`).toBe('');
    }
    expect(existsSync(SENTINEL)).toBe(false);
    // The lab is as it was: one network, its router, nothing else.
    const list = await vessel(['list', '--json']);
    expect(JSON.parse(String(list.stdout)).map((j: { name: string }) => j.name)).toEqual(['n-router']);
  }, 180_000);
});
