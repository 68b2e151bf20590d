// `vessel supervise`: bring a lab to what a supervisor file describes (idempotently), or take it down.
import { sleep } from '../util/sleep.js';
import { dirname, resolve } from 'node:path';
import type { SupJail, SupNetwork, SupervisorFile } from './supervisor/model.js';
import type { VesselBackend } from './backend.js';
import type { JailRow } from './model.js';
import { failed, usage } from '../util/errors.js';
import { countedNames } from './jails.js';
import { setNetworkOwner } from '../state/networks.js';
import { runFiles } from './root.js';

/** What one `supervise` call did, line by line. */
export type SuperviseLog = (line: string) => void;

function networkSpec(n: SupNetwork): string {
  return JSON.stringify({
    subnet: n.subnet,
    type: n.type,
    domain: n.domain ?? null,
    dhcpRange: n.dhcpRange ?? null,
    vlan: n.vlan ?? null,
    trunk: n.trunk ?? null,
    // Only when given: files without it keep the spec their networks were made with.
    ...(n.subnet6 ? { subnet6: n.subnet6 } : {}),
  });
}

function jailSpec(j: SupJail, index: number | undefined): string {
  return JSON.stringify({
    network: j.network,
    addr: j.addr,
    command: j.command ?? null,
    ready: j.ready ?? null,
    index: index ?? null,
    slot: j.slot === undefined ? null : j.slot + (index ?? 1) - 1,
    // Only when given: files without it keep the spec their jails were made with.
    ...(j.expose?.length ? { expose: j.expose } : {}),
    ...(j.ssh ? { ssh: true } : {}),
    ...(j.root ? { root: j.root } : {}),
    ...(j.limits ? { limits: j.limits } : {}),
    ...(j.addr6 ? { addr6: j.addr6 } : {}),
  });
}

/** Waits until the jail's ready check passes, or fails with what was checked. */
async function waitReady(engine: VesselBackend, lab: string, j: JailRow, s: SupJail): Promise<number> {
  const ready = s.ready;
  const started = Date.now();
  if (!ready) return 0;
  const end = started + s.readyTimeoutMs;
  const what = ready.kind === 'tcp' ? `tcp:${ready.port}` : ready.kind === 'exec' ? `exec:${ready.command}` : `log:${ready.regex}`;
  for (;;) {
    if (await engine.readyOnce(lab, engine.jail(lab, j.name), ready)) return Date.now() - started;
    if (Date.now() > end) {
      const tail = (await engine.log(lab, j.name)).trim().split('\n').slice(-3).join(' | ');
      throw failed(
        `jail ${j.name} is not ready: ${what} did not pass within ${s.readyTimeoutMs / 1000}s${tail ? `; its log ends: ${tail}` : ''} (see \`vessel logs ${j.name}\`)`,
      );
    }
    await sleep(100);
  }
}

/** Brings the lab to the file: creates what is missing, re-creates what changed, removes what the file dropped. */
export async function superviseUp(engine: VesselBackend, lab: string, file: SupervisorFile, say: SuperviseLog): Promise<void> {
  const owner = resolve(file.path);
  const wd = dirname(owner);
  const wanted = new Set(file.jails.flatMap((j) => countedNames(j.name, j.count)));
  // What this file made before but no longer describes goes first.
  const gone = engine.jails(lab).filter((j) => j.owner === owner && !wanted.has(j.name));
  if (gone.length) {
    await engine.destroy(
      lab,
      gone.map((j) => j.name),
    );
    for (const j of gone) say(`jail ${j.name}: removed (no longer in the file)`);
  }
  for (const n of engine.networks(lab).filter((x) => x.owner === owner && !file.networks.some((y) => y.name === x.name))) {
    await engine.destroyNetwork(lab, n.name, true);
    say(`network ${n.name}: removed (no longer in the file)`);
  }
  for (const n of file.networks) {
    const have = engine.getNetwork(lab, n.name);
    const spec = networkSpec(n);
    if (have && have.spec === spec) {
      say(`network ${n.name}: unchanged`);
      continue;
    }
    if (have && have.owner !== owner) throw usage(`network ${n.name} already exists in lab ${lab} and was not made by ${file.path}`);
    if (have) {
      await engine.destroyNetwork(lab, n.name, true);
      say(`network ${n.name}: changed, re-creating`);
    }
    await engine.createNetwork(lab, n.name, n.subnet, {
      nat: n.type === 'nat',
      ...(n.domain ? { domain: n.domain } : {}),
      ...(n.dhcpRange ? { dhcpRange: n.dhcpRange } : {}),
      ...(n.vlan !== undefined ? { vlan: n.vlan, trunk: n.trunk ?? 'trunk0' } : {}),
      ...(n.subnet6 === 'auto' ? { ipv6: true } : n.subnet6 ? { subnet6: n.subnet6 } : {}),
    });
    setNetworkOwner(engine.ctx.db, lab, n.name, owner, spec);
    const six = engine.getNetwork(lab, n.name)?.subnet6;
    say(`network ${n.name}: created (${n.subnet}${six ? ` and ${six}` : ''}, ${n.type})`);
  }
  for (const s of file.jails) {
    const names = countedNames(s.name, s.count);
    const net = engine.getNetwork(lab, s.network)!;
    const domain = net.domain ?? `${s.network}.test`;
    const perJail = (name: string, index: number | undefined) => ({
      spec: jailSpec(s, index),
      env: {
        VESSEL_JAIL: name,
        ...(index !== undefined ? { VESSEL_INDEX: String(index) } : {}),
        VESSEL_DOMAIN: domain,
        VESSEL_FQDN: `${name}.${domain}`,
        VESSEL_NETWORK: s.network,
      },
    });
    const todo: { name: string; index: number | undefined }[] = [];
    for (const [i, name] of names.entries()) {
      const index = s.count === undefined ? undefined : i + 1;
      const have = engine.jails(lab).find((j) => j.name === name);
      if (have && have.spec === jailSpec(s, index)) {
        if (have.state === 'stopped') {
          await engine.start(lab, name);
          say(`jail ${name}: started again`);
        } else say(`jail ${name}: unchanged`);
        continue;
      }
      if (have && have.owner !== owner) throw usage(`jail ${name} already exists in lab ${lab} and was not made by ${file.path}`);
      if (have) {
        await engine.destroy(lab, [name]);
        say(`jail ${name}: changed, re-creating`);
      }
      todo.push({ name, index });
    }
    if (todo.length === 0) continue;
    const base = {
      network: s.network,
      addr: s.addr,
      ...(s.addr6 ? { addr6: s.addr6 } : {}),
      owner,
      wd,
      ...(s.command ? { command: ['/bin/sh', '-c', s.command] } : {}),
      ...(s.expose?.length ? { expose: s.expose } : {}),
      ...(s.ssh ? { ssh: true } : {}),
      ...(s.root ? { root: s.root } : {}),
      ...(s.limits ? { limits: s.limits } : {}),
      ...(s.root === 'thin' && runFiles() ? { workdir: runFiles()! } : {}),
    };
    const slotOf = (index: number | undefined) => (s.slot === undefined ? {} : { slot: s.slot + (index ?? 1) - 1 });
    const made =
      todo.length === names.length && s.count !== undefined
        ? await engine.run(lab, { ...base, name: s.name, count: s.count, perJail, ...slotOf(1) })
        : (await Promise.all(todo.map((t) => engine.run(lab, { ...base, name: t.name, perJail: (n) => perJail(n, t.index), ...slotOf(t.index) })))).flat();
    const times = await Promise.all(made.map((j) => waitReady(engine, lab, j, s)));
    for (const [k, j] of made.entries()) say(`jail ${j.name}: created (${j.addr})${s.ready ? `, ready in ${(times[k]! / 1000).toFixed(1)}s` : ''}`);
  }
}

/** Removes everything the file made: jails in reverse start order, then its networks. */
export async function superviseDown(engine: VesselBackend, lab: string, file: SupervisorFile, say: SuperviseLog): Promise<void> {
  const owner = resolve(file.path);
  for (const s of [...file.jails].reverse()) {
    const names = countedNames(s.name, s.count).filter((n) => engine.jails(lab).some((j) => j.name === n && j.owner === owner));
    if (names.length) {
      await engine.destroy(lab, names);
      say(`jail ${names.join(', ')}: removed`);
    }
  }
  const leftovers = engine
    .jails(lab)
    .filter((j) => j.owner === owner)
    .map((j) => j.name);
  if (leftovers.length) await engine.destroy(lab, leftovers);
  for (const n of engine.networks(lab).filter((x) => x.owner === owner)) {
    await engine.destroyNetwork(lab, n.name, true);
    say(`network ${n.name}: removed`);
  }
}
