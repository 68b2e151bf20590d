// The engine for real (root): recipes with jails, assertions, kills and cleanup, bad input, and safety.
import { join } from 'node:path';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execa } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, ROOT, startCli, waitForFile } from './cli.js';
import { census, useCensus } from './census.js';

const fx = (name: string) => join(ROOT, 'test/fixtures/engine', name);
const VESSEL = join(ROOT, 'bin/vessel');
const scratch = mkdtempSync(join(tmpdir(), 'vc-engine-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `vessel ARGS` (never throws). */
async function vessel(args: string[], env: Record<string, string> = {}) {
  const r = await execa(process.execPath, [VESSEL, ...args], { reject: false, env: { NO_COLOR: '1', ...env } });
  return { code: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
}

useCensus();

/** The environment for `vessel` on a by-hand lab, which is destroyed after each test. */
function byHandLab(lab: string): Record<string, string> {
  afterEach(async () => {
    await vessel(['--lab', lab, 'destroy', '--lab', lab]);
  });
  return { VESSEL_LAB: lab };
}

describe('recipes with jails', () => {
  it('runs two networks of three jails: mesh, isolation, TCP to a background listener, stop and start', async () => {
    const r = await cli(['run', fx('two-networks.md')], { timeoutMs: 120_000 });
    expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
    expect(r.code).toBe(0);
  }, 120_000);

  it('reports a failing reach with the address, the tool and the answer', async () => {
    const r = await cli(['run', fx('failing-reach.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${fx('failing-reach.md')}:13: reach l -> r: ICMP echo from l to r (10.78.2.2) with fping: 1 sent, 0 received`);
  }, 60_000);

  it('shows the engine commands behind each step with --show-commands', async () => {
    const r = await cli(['run', '--show-commands', fx('failing-reach.md')], { timeoutMs: 60_000 });
    expect(r.stdout).toMatch(/\$ ip -n vc-[a-z0-9]+-host -batch - <<EOF\n\s+link add br-left type bridge/);
    // A probe enters the jail (its process space when it has one): named, not a raw entry line.
    expect(r.stdout).toMatch(/\$ \[in jail l, a probe\] fping -q -i 1 -c 1 -t 500 10\.78\.2\.2/);
    // Every host action, not only commands: the files written, and the services started (dnsmasq, the uplink's udhcpc).
    expect(r.stdout).toMatch(/\$ write \/\S+\/dnsmasq\.conf \(mode 0644\)/);
    // Long commands: one argument a line.
    expect(r.stdout).toMatch(/\$ \[in jail \S+-router\] dnsmasq \\\n\s+--keep-in-foreground \\\n\s+--conf-file=\S+\/dnsmasq\.conf >>\S+\/service\.log 2>&1 &/);
    expect(r.stdout).toMatch(
      /\$ \[in jail \S+-router, as the engine\] busybox \\\n\s+udhcpc \\\n\s+-f \\\n\s+-R \\\n\s+-i eth1 \\\n(\s+.* \\\n)*\s+-p \S+ >>\S+\/dhcp\.log 2>&1 &/,
    );
  }, 60_000);

  it('vessel --verbose shows every host action, service starts and signals included', async () => {
    const env = { VESSEL_LAB: 'vrbs' };
    try {
      const net = await vessel(['--verbose', 'network', '--create', '--name=lan', '--subnet=10.79.0.0/24'], env);
      expect(net.code).toBe(0);
      expect(net.stderr).toMatch(/^\+ mkdir -p \/run\/vessel\/vrbs\/jails\/lan-router$/m);
      expect(net.stderr).toMatch(/^\+ sh \S+\/lib\/enter\.sh .* dnsmasq --keep-in-foreground .* &/m);
      const run = await vessel(['--verbose', 'run', '--name=a', '--network=lan'], env);
      expect(run.code).toBe(0);
      // The static jail's name goes into the router's DNS, and dnsmasq is told to re-read it.
      expect(run.stderr).toMatch(/^\+ append \/run\/vessel\/vrbs\/jails\/lan-router\/dns-hosts$/m);
      expect(run.stderr).toMatch(/^\+ kill -HUP \d+$/m);
    } finally {
      await vessel(['destroy', '--lab', 'vrbs']);
    }
  }, 60_000);

  it('cleans up after a SIGKILLed run with `vessel cleanup`', async () => {
    const ready = join(scratch, 'ready-kill');
    const child = startCli(['run', fx('killed.md')], { READY_FILE: ready });
    await waitForFile(ready, 60_000);
    child.kill('SIGKILL');
    await child;
    const during = await census();
    expect(during.netns.length).toBeGreaterThan(0);
    const c = await vessel(['cleanup']);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/removed 1 stale lab\(s\): [a-z0-9]+; 0 stale network\(s\)\/jail\(s\); 0 orphan\(s\); 1 work dir\(s\)/);
  }, 90_000);

  it('tears everything down after SIGINT during a step', async () => {
    const ready = join(scratch, 'ready-int');
    const child = startCli(['run', fx('killed.md')], { READY_FILE: ready });
    await waitForFile(ready, 60_000);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
  }, 90_000);
});

describe('routers, DHCP and DNS', () => {
  it('mixes static and DHCP jails, gives two networks their own domains, and forgets destroyed jails', async () => {
    const r = await cli(['run', fx('mixed.md')], { timeoutMs: 120_000 });
    expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
  }, 120_000);

  it('keeps a --no-nat network in, and restarts a stopped router', async () => {
    const r = await cli(['run', fx('nonat.md')], { timeoutMs: 90_000 });
    expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
  }, 90_000);

  it('says the DNS/DHCP server is not running when dnsmasq was killed, and still tears down', async () => {
    const r = await cli(['run', fx('dns-killed.md')], { timeoutMs: 60_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${fx('dns-killed.md')}:12: resolve a-2 from a-1: a-1 asked 10.61.1.1 for a-2 with getent ahostsv4: no answer, because the DNS/DHCP server of network k (dnsmasq in k-router) is not running`,
    );
    expect(r.stdout).toContain('L13 lease a-1\n      a-1: the DNS/DHCP server of network k (dnsmasq in k-router) is not running');
  }, 60_000);

  it('runs two labs with the same subnets and names at the same time without either seeing the other', async () => {
    const dir = mkdtempSync(join(scratch, 'twin-'));
    const [a, b] = await Promise.all([
      cli(['run', fx('lab-twin.md')], { env: { TWIN_DIR: dir }, timeoutMs: 120_000 }),
      cli(['run', fx('lab-twin.md')], { env: { TWIN_DIR: dir }, timeoutMs: 120_000 }),
    ]);
    expect(a.stdout, a.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
    expect(b.stdout, b.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir).filter((f) => f.endsWith('.lab'))).toHaveLength(2);
  }, 120_000);

  it('refuses bad network and DHCP input with one line, leaving nothing half-made', async () => {
    const bad = join(scratch, 'bad-net.md');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      bad,
      [
        '```console',
        '$ vessel network --create --name=n --subnet=10.63.0.0/24 --dhcp-range=10.63.1.10-10.63.1.20',
        'vessel: --dhcp-range=10.63.1.10-10.63.1.20 is not inside the subnet 10.63.0.0/24 (usable 10.63.0.1-10.63.0.254)',
        '[2]',
        '$ vessel network --create --name=n --subnet=10.0.2.0/25',
        "vessel: subnet 10.0.2.0/25 overlaps the uplink (10.0.2.0/24), the lab's outside; choose another",
        '[2]',
        '$ vessel network --create --name=n --subnet=198.51.100.0/24',
        "vessel: subnet 198.51.100.0/24 overlaps the simulated internet (198.51.100.0/24), the lab's outside; choose another",
        '[2]',
        '$ vessel network --create --name=n --subnet=172.31.40.0/24',
        "vessel: subnet 172.31.40.0/24 overlaps the simulated ENI subnet (172.31.32.0/20), the lab's outside; choose another",
        '[2]',
        '$ vessel network --create --name=n --subnet=10.63.0.0/24 --domain=bad_domain..x',
        'vessel: --domain=bad_domain..x is not a valid DNS name: it has a bad label ""',
        '[2]',
        '$ vessel network --list',
        'no networks in lab * (glob)',
        '$ vessel network --create --name=n --subnet=10.63.0.0/24 --dhcp-range=10.63.0.200-10.63.0.202 > /dev/null',
        '$ vessel run --name=j --count=4 --network=n --addr=dhcp',
        'vessel: the DHCP range 10.63.0.200-10.63.0.202 of network n has 3 free address(es), 4 needed',
        '[2]',
        '$ vessel run --name=j --network=n --addr=10.63.0.201',
        'vessel: 10.63.0.201 is inside the DHCP range 10.63.0.200-10.63.0.202; use an address from 10.63.0.2-10.63.0.127, or create the network with a --dhcp-range that leaves room',
        '[2]',
        '$ vessel list',
        'NAME      NETWORK  ADDR       STATE    ROOT    UUID',
        'n-router  n        10.63.0.1  running  shared  * (glob)',
        '```',
        '',
      ].join('\n'),
    );
    const r = await cli(['run', bad], { timeoutMs: 60_000 });
    expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
  }, 60_000);
});

describe('supervisor files and the Elixir cluster', () => {
  const lab = 'vcsup1';
  const env = byHandLab(lab);

  it('brings a file up, keeps it on a second run, applies only an edit, and takes it down', async () => {
    const { copyFileSync, readFileSync, writeFileSync } = await import('node:fs');
    const ini = join(scratch, 'sup-light.ini');
    copyFileSync(fx('sup-light.ini'), ini);
    const up = await vessel(['supervise', ini], env);
    expect(up.stderr).toBe('');
    expect(up.stdout.split('\n')).toEqual([
      'network svc: created (10.66.1.0/24, nat)',
      expect.stringMatching(/^jail db: created \(10\.66\.1\.\d+\), ready in \d+\.\ds$/),
      expect.stringMatching(/^jail web-1: created \(10\.66\.1\.2\), ready in \d+\.\ds$/),
      expect.stringMatching(/^jail web-2: created \(10\.66\.1\.3\), ready in \d+\.\ds$/),
    ]);
    expect((await vessel(['logs', 'web-2'], env)).stdout).toBe('web 2 of web-2.svc.test on svc');
    const again = await vessel(['supervise', ini], env);
    expect(again.stdout).toBe(['network svc: unchanged', 'jail db: unchanged', 'jail web-1: unchanged', 'jail web-2: unchanged'].join('\n'));
    const uuids = (): Promise<Record<string, string>> =>
      vessel(['list', '--json'], env).then((r) => Object.fromEntries(JSON.parse(r.stdout).map((j: { name: string; uuid: string }) => [j.name, j.uuid])));
    const before = await uuids();
    expect(Object.keys(before)).toHaveLength(4);
    // Edit one section: only its jails are re-created; the others keep their UUIDs.
    writeFileSync(ini, readFileSync(ini, 'utf8').replace('exec sleep 1000', 'exec sleep 2000'));
    const edited = await vessel(['supervise', ini], env);
    expect(edited.stdout.split('\n')).toEqual([
      'network svc: unchanged',
      'jail db: unchanged',
      'jail web-1: changed, re-creating',
      'jail web-2: changed, re-creating',
      expect.stringMatching(/^jail web-1: created \(10\.66\.1\.2\), ready in/),
      expect.stringMatching(/^jail web-2: created \(10\.66\.1\.3\), ready in/),
    ]);
    const after = await uuids();
    expect(after.db).toBe(before.db);
    expect(after['svc-router']).toBe(before['svc-router']);
    expect(after['web-1']).not.toBe(before['web-1']);
    const down = await vessel(['supervise', '--down', ini], env);
    expect(down.stdout).toBe(['jail web-1, web-2: removed', 'jail db: removed', 'network svc: removed'].join('\n'));
    expect((await vessel(['list'], env)).stdout).toBe(`no jails in lab ${lab}`);
  }, 60_000);

  it('refuses a bad supervisor file with every error as file:line, creating nothing', async () => {
    const r = await vessel(['supervise', fx('sup-bad.ini')], env);
    expect(r.code).toBe(2);
    const f = fx('sup-bad.ini');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${f}:3: type = natt: expected nat or isolated (did you mean "nat"?)`,
      `${f}:5: dependency cycle: a -> b -> a`,
      `${f}:8: ready = tcp:99999: the port must be from 1 to 65535`,
      `${f}:11: unknown network "nowhere"; define [network:nowhere]`,
      `${f}:16: depends on "zed", which is not defined`,
      `${f}:17: unknown key "colour" in [jail:c]`,
    ]);
    expect((await vessel(['supervise', '--check', fx('sup-bad.ini')], env)).code).toBe(2);
    expect((await vessel(['supervise', '--check', fx('sup-light.ini')], env)).stdout).toBe(
      `${fx('sup-light.ini')}: ok (1 network(s), 2 jail section(s), start order: db, web)`,
    );
  });

  it('exposes a UDP port: the router forwards each new flow to the next jail, and the jails themselves stay shut', async () => {
    const r = await cli(['run', fx('expose-udp.md')], { timeoutMs: 120_000 });
    expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
    expect(r.code).toBe(0);
  }, 120_000);

  it('reports a dead node precisely and quickly: mesh still holds, 3 peers, and a 4-peer check fails with a diff', async () => {
    const { parseRecipe } = await import('../../src/recipe/parse.js');
    const { readFileSync, writeFileSync, mkdirSync } = await import('node:fs');
    const files = join(scratch, 'cluster-files');
    mkdirSync(files, { recursive: true });
    for (const s of parseRecipe('c.md', readFileSync(join(ROOT, 'cookbook/elixir-cluster.md'), 'utf8')).recipe.steps) {
      // The Linux twin of each engine-specific script.
      if (s.kind === 'file' && (s.options.engine ?? 'linux') === 'linux') writeFileSync(join(files, s.path), s.body);
    }
    // No hang: the run ends on its own (cli() would time out first), with a precise failure.
    const r = await cli(['run', fx('cluster-node-killed.md')], { env: { CLUSTER_FILES: files }, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✓ L12 assert/);
    expect(r.stdout).toMatch(/✓ L16 console jail=elixir-cluster-1/);
    expect(r.stdout).toContain(`${fx('cluster-node-killed.md')}:22: output of the command on line 22 does not match the transcript`);
    expect(r.stdout).toContain('    -elixir-cluster-1: 4 peers\n');
    expect(r.stdout).toContain('    +elixir-cluster-1: 3 peers\n');
    expect(r.stdout).toContain('    +elixir-cluster-4: 3 peers\n');
  }, 120_000);
});

describe('vessel by hand', () => {
  const lab = 'vctest1';
  const env = byHandLab(lab);

  it('refuses bad input with one line and exit 2, creating nothing', async () => {
    expect((await vessel(['network', '--create', '--name=n', '--subnet=10.81.0.0/29'], env)).code).toBe(0);
    expect((await vessel(['run', '--name=j', '--network=n'], env)).code).toBe(0);
    const inner = await census();
    const cases: [string[], RegExp][] = [
      [['run', '--name=j', '--network=n'], /^vessel: a jail named j already exists in lab vctest1$/],
      [['run', '--name=Web', '--network=n'], /^vessel: jail name "Web" must be lowercase/],
      [['run', '--name=a.b', '--network=n'], /^vessel: jail name "a\.b" contains a "\."/],
      [['run', '--name=a;reboot', '--network=n'], /^vessel: jail name "a;reboot" must be lowercase/],
      [['run', '--name=$(id)', '--network=n'], /^vessel: jail name "\$\(id\)" must be lowercase/],
      [['run', `--name=${'x'.repeat(64)}`, '--network=n'], /is 64 characters long \(at most 63\)$/],
      [['run', '--name=k', '--network=n', '--addr=10.81.1.5'], /^vessel: 10\.81\.1\.5 is outside the subnet 10\.81\.0\.0\/29$/],
      [['run', '--name=k', '--network=n', '--addr=10.81.0.2'], /^vessel: 10\.81\.0\.2 is already taken in 10\.81\.0\.0\/29$/],
      [['run', '--name=k', '--network=n', '--addr=10.81.0.1'], /reserved for the network's router/],
      [['run', '--name=k', '--network=n', '--addr=10.81.0.6'], /reserved for the lab host/],
      [
        ['run', '--name=k', '--network=n', '--count=2'],
        /^vessel: the auto pool of 10\.81\.0\.0\/29 \(10\.81\.0\.2-10\.81\.0\.3, 2 addresses\) has 1 free, 2 needed$/,
      ],
      [['run', '--name=k', '--network=n', '--count=0'], /^vessel: --count=0 must be a whole number from 1 to 1000$/],
      [['run', '--name=k', '--network=n', '--slot=3', '--addr=10.81.0.3'], /^vessel: --slot gives the address; use it without --addr, or with --addr=dhcp/],
      [['run', '--name=k', '--network=n', '--slot=2'], /^vessel: slot 2 \(10\.81\.0\.2\) is already taken by jail j$/],
      [['run', '--name=k', '--network=n', '--slot=3', '--count=2'], /^vessel: slot 4 is 10\.81\.0\.4, outside the slot range 2-3/],
      [['run', '--name=k', '--addr=alias:eni0:172.31.32.5'], /^vessel: no interface eni0 in lab vctest1 to alias on \(a run's lab has the ENI eni0\)$/],
      [
        ['run', '--name=k', '--addr=alias:eni0:172.31.32.5', '--network=n'],
        /^vessel: --addr=alias:NIC:IP puts the jail on the NIC itself; leave out --network$/,
      ],
      [['run', '--name=k', '--addr=alias:eni0'], /must look like alias:NIC:IP/],
      [['partition', 'j', '--', 'j'], /^vessel: partition: j cannot be in both groups$/],
      [['network', '--create', '--name=v0', '--subnet=10.88.0.0/24', '--vlan=0'], /^vessel: --vlan=0: a VLAN id is from 1 to 4094$/],
      [['network', '--create', '--name=v0', '--subnet=10.88.0.0/24', '--trunk=t'], /^vessel: --trunk needs --vlan=ID$/],
      [['network', '--route', '--name=n', '--route-to=nope'], /^vessel: --route-to=nope: no network named nope in lab vctest1$/],
      [['partition', 'j', '--', 'zz'], /^vessel: partition: no jail named zz in lab vctest1$/],
      [['partition', 'j'], /^vessel: partition: give two groups, e\.g\. vessel partition a,b -- c,d,e$/],
      [['run', '--name=k', '--network=nope'], /^vessel: no network named nope in lab vctest1/],
      // A lab by hand has no uplink unless given one: nothing outside to expose to.
      [
        ['run', '--name=k', '--network=n', '--expose=8080:80'],
        /^vessel: --expose: network n has no uplink, so there is no outside address to expose a port on/,
      ],
      [['run', '--name=k', '--network=n', '--expose=65536'], /^vessel: --expose=65536: a port is a whole number from 1 to 65535, not 65536$/],
      [['run', '--name=k', '--network=n', '--expose=80/icmp'], /^vessel: --expose=80\/icmp: the protocol must be tcp or udp, not icmp$/],
      [['run', '--name=k', '--addr=alias:eni0:172.31.32.5', '--expose=80'], /^vessel: --expose goes through a network's router; an aliased jail/],
      // The outside network exists only where the lab simulates one: never the machine's own network.
      [['run', '--name=k', '--addr=dhcp'], /^vessel: lab vctest1 has no simulated outside for a jail to join .*give --network=NAME$/],
      [['run', '--name=k'], /^vessel: required option '--network <net>' not specified \(or --addr=dhcp to join the lab's outside network/],
      [['network', '--create', '--name=uplink', '--subnet=10.89.0.0/24'], /^vessel: network name "uplink" is reserved for the lab's outside/],
      // SSH: a jail without sshd, an inventory of a network that is not there, a jump host with no outside.
      [['ssh', 'j', '--', 'true'], /^vessel: jail j runs no sshd: create it with vessel run --ssh/],
      [['ssh', '--from=mars', 'j'], /^vessel: --from=mars: expected host or upstream$/],
      [['inventory', '--network=nope'], /^vessel: inventory: no network named nope in lab vctest1$/],
      [['inventory', '--format=toml'], /^vessel: --format=toml: expected ini or yaml$/],
      [
        ['network', '--create', '--name=s', '--subnet=10.90.0.0/24', '--ssh'],
        /^vessel: --ssh makes the router a jump host from the outside, and lab vctest1 has no uplink/,
      ],
      [
        ['network', '--create', '--name=m', '--subnet=10.81.0.0/24'],
        /^vessel: subnet 10\.81\.0\.0\/24 overlaps network n \(10\.81\.0\.0\/29\) in lab vctest1$/,
      ],
      [['network', '--create', '--name=m', '--subnet=10.82.0.1/24'], /host bits are set/],
      [['network', '--create', '--name=UPPER', '--subnet=10.82.0.0/24'], /^vessel: network name "UPPER"/],
      [['network', '--destroy', '--name=n'], /^vessel: network n still has 1 jail\(s\) attached \(j\); destroy them first or use --force$/],
      [['network'], /exactly one of --create, --list, --destroy or --route/],
      [['exec', 'ghost', '--', 'true'], /^vessel: no jail named ghost in lab vctest1$/],
      [['--lab', 'Bad!', 'list'], /lab id "Bad!" must be 1-12 lowercase letters or digits/],
    ];
    for (const [args, re] of cases) {
      const r = await vessel(args, env);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr.trim(), args.join(' ')).toMatch(re);
    }
    expect(await census()).toEqual(inner);
    const healed = await vessel(['heal'], env);
    expect(healed).toMatchObject({ code: 0, stdout: 'no partition in lab vctest1; nothing to heal' });
  }, 60_000);

  it('lists networks with members, execs with status passthrough, stops, starts and logs', async () => {
    await vessel(['network', '--create', '--name=lan', '--subnet=10.83.0.0/24'], env);
    const run = await vessel(['run', '--name=w', '--count=2', '--network=lan', '--', 'sh', '-c', 'echo hello from $VESSEL_JAIL; exec sleep 1000'], env);
    expect(run.stdout).toBe('w-1  10.83.0.2  running\nw-2  10.83.0.3  running');
    const list = await vessel(['network', '--list'], env);
    expect(list.stdout).toMatch(
      /^lan {2}bridge br-lan {2}subnet 10\.83\.0\.0\/24 {2}host 10\.83\.0\.254 {2}domain lan\.test {2}dhcp 10\.83\.0\.128-10\.83\.0\.253 {2}no-nat\n {2}JAIL +INTERFACE +MAC +IP +STATE +ADDRESS\n {2}lan-router +vh1\/eth0 +02(:[0-9a-f]{2}){5} +10\.83\.0\.1 +running +router\n {2}w-1 +vh2\/eth0 +02(:[0-9a-f]{2}){5} +10\.83\.0\.2 +running +static\n {2}w-2 +vh3\/eth0/,
    );
    const ex = await vessel(['exec', 'w-2', '--', 'sh', '-c', 'hostname; exit 7'], env);
    expect(ex).toMatchObject({ code: 7, stdout: 'w-2' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await vessel(['logs', 'w-1'], env)).stdout).toBe('hello from w-1');
    expect((await vessel(['stop', 'w-1'], env)).code).toBe(0);
    expect(JSON.parse((await vessel(['list', '--json'], env)).stdout).map((j: { name: string; state: string }) => `${j.name}:${j.state}`)).toEqual([
      'lan-router:running',
      'w-1:stopped',
      'w-2:running',
    ]);
    expect((await vessel(['start', 'w-1'], env)).code).toBe(0);
    expect((await vessel(['destroy', 'w-2'], env)).stdout).toBe('destroyed 1 jail(s)');
    expect(JSON.parse((await vessel(['network', '--list', '--json'], env)).stdout)[0].members.map((m: { jail: string }) => m.jail)).toEqual([
      'lan-router',
      'w-1',
    ]);
  }, 60_000);

  it('cleanup checks networks and jails against the kernel and forgets what is gone', async () => {
    await vessel(['network', '--create', '--name=gone', '--subnet=10.84.0.0/24'], env);
    await vessel(['network', '--create', '--name=kept', '--subnet=10.85.0.0/24'], env);
    await vessel(['run', '--name=x', '--network=gone'], env);
    await vessel(['run', '--name=y', '--count=2', '--network=kept'], env);
    // Someone removes a bridge and a jail's namespace behind the engine's back.
    await execa('ip', ['-n', `vc-${lab}-host`, 'link', 'del', 'br-gone']);
    await execa('umount', ['-l', `/run/vessel/${lab}/ns/y-2.mnt`]);
    await execa('ip', ['netns', 'del', `vc-${lab}-y-2`]);
    const c = await vessel(['cleanup']);
    expect(c.stdout).toContain(`2 stale network(s)/jail(s): ${lab}/gone, ${lab}/y-2`);
    expect(c.stdout).toContain(`labs left: ${lab} (by hand)`);
    const nets = JSON.parse((await vessel(['network', '--list', '--json'], env)).stdout);
    expect(nets.map((n: { name: string; members: { jail: string }[] }) => [n.name, n.members.map((m) => m.jail)])).toEqual([['kept', ['kept-router', 'y-1']]]);
  }, 60_000);

  it('without --inet-nic has no uplink and no NAT; with one (a veth into a test namespace) NATs and resolves through it', async () => {
    await vessel(['network', '--create', '--name=plain', '--subnet=10.86.0.0/24'], env);
    expect((await vessel(['network', '--list'], env)).stdout).toMatch(/^plain .* no-nat$/m);
    await vessel(['network', '--destroy', '--name=plain'], env);
    // The "outside" is a namespace of this test with its own DHCP and DNS server, joined by a veth pair.
    const out = 'vctestout';
    const sh = (args: string[]) => execa(args[0]!, args.slice(1));
    await sh(['ip', 'netns', 'add', out]);
    const pidFile = join(scratch, 'out.pid');
    try {
      await sh(['ip', 'link', 'add', 'vctest0', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', out]);
      await sh(['ip', 'link', 'set', 'vctest0', 'up']);
      await sh(['ip', '-n', out, 'addr', 'add', '10.77.77.1/24', 'dev', 'eth0']);
      await sh(['ip', '-n', out, 'link', 'set', 'eth0', 'up']);
      await sh([
        'ip',
        'netns',
        'exec',
        out,
        'dnsmasq',
        '--conf-file=/dev/null',
        '--user=root',
        '--interface=eth0',
        '--bind-interfaces',
        '--no-resolv',
        '--no-hosts',
        '--no-ping',
        '--dhcp-range=10.77.77.50,10.77.77.60,255.255.255.0,1h',
        '--dhcp-option=option:router,10.77.77.1',
        '--dhcp-option=option:dns-server,10.77.77.1',
        '--host-record=outside.example,10.77.77.1',
        `--dhcp-leasefile=${join(scratch, 'out.leases')}`,
        `--pid-file=${pidFile}`,
      ]);
      expect((await vessel(['init', '--inet-nic=vctest0'], env)).stdout).toBe(`lab ${lab} ready (by hand; uplink: vctest0)`);
      expect((await vessel(['network', '--create', '--name=h', '--subnet=10.77.77.0/25'], env)).stderr).toBe(
        "vessel: subnet 10.77.77.0/25 overlaps the uplink vctest0 (10.77.77.0/24), the lab's outside; choose another",
      );
      expect((await vessel(['network', '--create', '--name=h', '--subnet=10.64.0.0/24'], env)).stdout).toContain('NAT out through the uplink');
      await vessel(['run', '--name=c', '--network=h', '--addr=dhcp'], env);
      expect((await vessel(['exec', 'h-router', '--', 'ip', '-4', '-o', 'addr', 'show', 'eth1'], env)).stdout).toMatch(/inet 10\.77\.77\.(5\d|60)\/24/);
      expect((await vessel(['exec', 'c', '--', 'getent', 'hosts', 'outside.example'], env)).stdout).toMatch(/^10\.77\.77\.1\s+outside\.example$/);
      expect((await vessel(['exec', 'c', '--', 'fping', '-c1', '-q', '10.77.77.1'], env)).code).toBe(0);
    } finally {
      await vessel(['--lab', lab, 'destroy', '--lab', lab]);
      const { readFileSync, existsSync } = await import('node:fs');
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      await execa('ip', ['netns', 'del', out], { reject: false });
      for (let i = 0; i < 50 && (await execa('ip', ['link', 'show', 'vctest0'], { reject: false })).exitCode === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  it('run-network keeps a network while it runs and removes it on SIGTERM', async () => {
    const child = execa(process.execPath, [VESSEL, 'run-network', '--name=fg', '--subnet=10.87.0.0/24'], { reject: false, env: { ...env, NO_COLOR: '1' } });
    let seen = '';
    await new Promise<void>((resolve) =>
      child.stdout!.on('data', (d: Buffer) => {
        seen += String(d);
        if (seen.includes('Ctrl-C removes it')) resolve();
      }),
    );
    expect(seen).toBe(`network fg is up in lab ${lab} (router fg-router, domain fg.test); Ctrl-C removes it\n`);
    expect(JSON.parse((await vessel(['network', '--list', '--json'], env)).stdout).map((n: { name: string }) => n.name)).toEqual(['fg']);
    child.kill('SIGTERM');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toContain('SIGTERM: network fg removed');
    expect((await vessel(['network', '--list'], env)).stdout).toBe(`no networks in lab ${lab}`);
  }, 60_000);

  it('exits 3 with what to do when a rootless lab cannot keep its state; without a delegated cgroup says what it does instead', async () => {
    const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', '-i', `PATH=${process.env.PATH}`];
    const home = await execa('setpriv', [...nobody, 'HOME=/nonexistent', process.execPath, VESSEL, 'network', '--list'], { reject: false });
    expect(home.exitCode).toBe(3);
    expect(String(home.stderr)).toBe(
      'vessel: cannot make /nonexistent/.local/state/vessel for a rootless lab (EACCES); set XDG_STATE_HOME (or HOME) to a folder of yours',
    );
    const state = mkdtempSync(join(tmpdir(), 'vc-nobody-'));
    chmodSync(state, 0o777);
    try {
      const r = await execa('setpriv', [...nobody, `XDG_STATE_HOME=${state}`, `XDG_RUNTIME_DIR=${state}`, process.execPath, VESSEL, 'network', '--list'], {
        reject: false,
      });
      expect(r.exitCode, String(r.stderr)).toBe(0);
      expect(String(r.stderr)).toMatch(
        /^vessel: no cgroup: your cgroup \S+ is not delegated to you \(not writable\), so jails' processes are kept track of by their network namespaces, and --memory, --cpus and --pids are refused/m,
      );
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});

describe('VLAN modes', () => {
  // 802.1Q is detected, not assumed: the tagged path runs only where the kernel can make a vlan link.
  const probe = () =>
    execa(
      'sh',
      [
        '-c',
        'ip netns add vcq && ip -n vcq link add q0 type veth peer name q1 && ip -n vcq link add link q0 name q0.7 type vlan id 7; rc=$?; ip netns del vcq; exit $rc',
      ],
      { reject: false },
    );
  let tagged = false;
  it('detects whether this kernel can tag (802.1Q)', async () => {
    tagged = (await probe()).exitCode === 0;
    const r = await cli(['run', join(ROOT, 'cookbook/vlan.md')], { timeoutMs: 90_000 });
    expect(r.stdout).toMatch(/^recipes: 1 passed, 0 failed$/m);
    expect(r.stdout).not.toMatch(/✗/);
  }, 90_000);
  it('uses a per-VLAN bridge where the kernel has no 802.1Q, and says so (skipped where 802.1Q exists)', async (ctx) => {
    if (tagged) ctx.skip();
    const env = { VESSEL_LAB: 'vcvlan1' };
    try {
      const c = await vessel(['network', '--create', '--name=v10', '--subnet=10.89.10.0/24', '--vlan=10'], env);
      expect(c.stdout.split('\n')[0]).toBe('network v10: VLAN 10 on trunk trunk0, per-VLAN bridge: this kernel has no 802.1Q, so no tag is carried');
      expect((await execa('ip', ['-n', 'vc-vcvlan1-host', 'link', 'show', 'tk-trunk0'], { reject: false })).exitCode).not.toBe(0);
    } finally {
      await vessel(['--lab', 'vcvlan1', 'destroy', '--lab', 'vcvlan1']);
    }
  });
  it('carries real tags on the trunk where the kernel has 802.1Q (skipped here: no 802.1Q)', async (ctx) => {
    if (!tagged) ctx.skip();
    const env = { VESSEL_LAB: 'vcvlan2' };
    try {
      await vessel(['network', '--create', '--name=v10', '--subnet=10.89.10.0/24', '--vlan=10', '--trunk=t'], env);
      const link = await execa('ip', ['-n', 'vc-vcvlan2-host', '-d', 'link', 'show', 't.10']);
      expect(String(link.stdout)).toMatch(/vlan protocol 802\.1Q id 10/);
    } finally {
      await vessel(['--lab', 'vcvlan2', 'destroy', '--lab', 'vcvlan2']);
    }
  });
});

describe('safety', () => {
  it("a full cookbook run changes nothing in the machine's own namespace, and no lab packet reaches it", async () => {
    const nft = async (args: string[]) => execa('nft', args, { reject: false });
    // Counters in the machine's own namespace for every subnet the labs use.
    const SUBNETS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '198.51.100.0/24', '203.0.113.0/24'];
    await nft(['add', 'table', 'inet', 'vcsafety']);
    try {
      for (const hook of ['input', 'output', 'forward']) {
        await nft(['add', 'chain', 'inet', 'vcsafety', hook, `{ type filter hook ${hook} priority 0 ; policy accept ; }`]);
        for (const net of SUBNETS) {
          await nft(['add', 'rule', 'inet', 'vcsafety', hook, 'ip', 'saddr', net, 'counter']);
          await nft(['add', 'rule', 'inet', 'vcsafety', hook, 'ip', 'daddr', net, 'counter']);
        }
      }
      const start = await census();
      const r = await cli(['run', '--jobs', '3', join(ROOT, 'cookbook')], { timeoutMs: 300_000 });
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toMatch(/^recipes: \d+ passed, 0 failed/m);
      const end = await census();
      expect(end.links).toEqual(start.links);
      expect(end.addrs).toEqual(start.addrs);
      expect(end.routes).toEqual(start.routes);
      expect(end.nftTables).toEqual(start.nftTables);
      const rules = (await nft(['list', 'table', 'inet', 'vcsafety'])).stdout;
      const counters = [...rules.matchAll(/counter packets (\d+) bytes (\d+)/g)].map((m) => Number(m[1]));
      expect(counters).toHaveLength(3 * 2 * SUBNETS.length);
      expect(
        counters.every((c) => c === 0),
        rules,
      ).toBe(true);
    } finally {
      await nft(['delete', 'table', 'inet', 'vcsafety']);
    }
  }, 300_000);
});
