// A lab's topology as plain data (pure): what the HTML report draws and `vessel-cookbook graph` prints.
import { at64, PLAN6 } from '../util/ipv6.js';

/** One network of a lab. */
export interface TopoNetwork {
  name: string;
  subnet: string;
  bridge: string;
  hostAddr: string;
  domain: string | null;
  nat: boolean;
  vlan: number | null;
  trunk: string | null;
  /** 'tagged' or 'bridge-per-vlan'. */
  vlanMode: string | null;
  routeTo: string[];
  /** Its IPv6 /64 and the lab host's address in it, when it has one. */
  subnet6?: string;
  hostAddr6?: string;
}

/** One jail of a lab. */
export interface TopoJail {
  name: string;
  network: string | null;
  addr: string | null;
  role: 'jail' | 'router';
  dhcp: boolean;
  slot: number | null;
  /** The NIC of an IP-aliased jail. */
  aliasNic: string | null;
  /** Its IPv6 address and how it gets it (slaac, dhcp, static), on a network with IPv6. */
  addr6?: string | null;
  addr6Mode?: string;
}

/** A lab at one moment. */
export interface Topology {
  lab: string;
  engine: string;
  /** 'simulated' (upstream namespaces), 'nic' (a real NIC), or null. */
  uplink: string | null;
  inetNic: string | null;
  networks: TopoNetwork[];
  jails: TopoJail[];
}

/** What a backend offers for a topology snapshot (the VesselBackend methods it needs). */
export interface TopologySource {
  getLab(id: string): { uplink: string | null; inet_nic: string | null } | undefined;
  networks(lab: string): {
    name: string;
    subnet: string;
    bridge: string;
    host_addr: string;
    domain: string | null;
    nat: number;
    vlan: number | null;
    trunk: string | null;
    vlan_mode: string | null;
    route_to: string | null;
    subnet6?: string | null;
  }[];
  jails(lab: string): {
    name: string;
    network: string | null;
    addr: string | null;
    role: 'jail' | 'router';
    dhcp: number;
    slot: number | null;
    host_if: string | null;
    addr6?: string | null;
    addr6_mode?: string | null;
  }[];
}

/** Takes a snapshot of a lab from a backend's state. */
export function topologyOf(src: TopologySource, lab: string, engine: string): Topology {
  const l = src.getLab(lab);
  return {
    lab,
    engine,
    uplink: l?.uplink ?? null,
    inetNic: l?.inet_nic ?? null,
    networks: src.networks(lab).map((n) => ({
      name: n.name,
      subnet: n.subnet,
      bridge: n.bridge,
      hostAddr: n.host_addr,
      domain: n.domain,
      nat: Boolean(n.nat),
      vlan: n.vlan,
      trunk: n.trunk,
      vlanMode: n.vlan_mode,
      routeTo: (n.route_to ?? '').split(',').filter(Boolean),
      ...(n.subnet6 ? { subnet6: n.subnet6, hostAddr6: at64(n.subnet6, PLAN6.host) } : {}),
    })),
    jails: src.jails(lab).map((j) => ({
      name: j.name,
      network: j.network,
      addr: j.addr,
      role: j.role,
      dhcp: Boolean(j.dhcp),
      slot: j.slot,
      aliasNic: j.network ? null : j.host_if,
      ...(j.addr6_mode ? { addr6: j.addr6 ?? null, addr6Mode: j.addr6_mode } : {}),
    })),
  };
}

/** Notes on what the lab's kernel features were (never claiming what did not happen). */
export function capabilityNotes(t: Topology): string[] {
  const notes: string[] = [];
  const modes = new Set(t.networks.filter((n) => n.vlan !== null).map((n) => n.vlanMode));
  if (modes.has('bridge-per-vlan')) notes.push('VLANs: per-VLAN bridge fallback (this kernel has no 802.1Q; no tag was carried)');
  if (modes.has('tagged')) notes.push('VLANs: tagged 802.1Q on the trunk');
  if (t.uplink === 'simulated') notes.push('uplink: the simulated outside (VirtualBox-style NAT 10.0.2.0/24 and www.example), inside the lab');
  else if (t.uplink === 'nic') notes.push(`uplink: ${t.inetNic ?? 'a NIC'}`);
  if (t.jails.some((j) => j.aliasNic)) notes.push(`IP-aliased jails on ${[...new Set(t.jails.filter((j) => j.aliasNic).map((j) => j.aliasNic))].join(', ')}`);
  return notes;
}

/** A DOT/mermaid-safe identifier for a name. */
function id(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Escapes text for a DOT double-quoted string. */
function dq(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The jail's label: name and address (or how it gets one). */
function jailLabel(j: TopoJail, nat = false): string {
  const addr = j.addr ?? (j.dhcp ? 'address by DHCP' : 'no address');
  const slot = j.slot !== null ? `slot ${j.slot}` : '';
  // (a DHCP jail without its address yet already says "address by DHCP")
  const how =
    j.role === 'router'
      ? `router: DHCP, DNS${nat ? ', NAT' : ''}`
      : j.dhcp
        ? j.addr
          ? ['dhcp', slot].filter(Boolean).join(', ')
          : slot
        : slot || (j.aliasNic ? `alias on ${j.aliasNic}` : 'static');
  const six = j.addr6Mode
    ? j.addr6
      ? `${j.addr6} (${j.addr6Mode === 'static' ? 'static' : j.addr6Mode === 'dhcp' ? 'DHCPv6' : 'SLAAC'})`
      : 'IPv6 by DHCPv6'
    : '';
  return [j.name, addr, six, how].filter(Boolean).join('\n');
}

/** True when the network's router NATs out through an uplink. */
function natsOut(t: Topology, n: Topology['networks'][number]): boolean {
  return Boolean(t.uplink && n.nat);
}

/** The topology as Graphviz DOT (rendered to SVG with `dot -Tsvg`). */
export function topologyDot(t: Topology): string {
  const L = [
    'digraph lab {',
    '  graph [rankdir=TB, bgcolor="transparent", fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.5];',
    '  node [fontname="Helvetica", fontsize=10, shape=box, style="rounded,filled", fillcolor="#ffffff", color="#5b6b7b"];',
    '  edge [color="#8796a5", arrowhead=none, fontname="Helvetica", fontsize=9];',
  ];
  if (t.uplink === 'simulated') {
    L.push(
      `  ${id('x', 'upstream')} [label="upstream (VirtualBox-style NAT)\\n10.0.2.0/24, DNS 10.0.2.3\\nwww.example 198.51.100.80", shape=cloud, fillcolor="#eef3f8"];`,
    );
  } else if (t.uplink === 'nic') {
    L.push(`  ${id('x', 'upstream')} [label="uplink ${dq(t.inetNic ?? '')}", shape=cloud, fillcolor="#eef3f8"];`);
  }
  for (const n of t.networks) {
    const mode = n.vlanMode === 'tagged' ? ' (tagged)' : n.vlanMode === 'bridge-per-vlan' ? ' (per-VLAN bridge)' : '';
    const vlan = n.vlan !== null ? `\\nVLAN ${n.vlan} on ${dq(n.trunk ?? '')}${mode}` : '';
    L.push(
      `  subgraph ${id('cluster', n.name)} {`,
      `    label="network ${dq(n.name)}  ${dq(n.subnet)}${n.subnet6 ? `  ${dq(n.subnet6)}` : ''}${n.domain ? `  ${dq(n.domain)}` : ''}"; style="rounded,filled"; fillcolor="#f6f8fa"; color="#c9d3dd";`,
    );
    L.push(
      `    ${id('b', n.name)} [label="bridge ${dq(n.bridge)}\\nhost ${dq(n.hostAddr)}${n.hostAddr6 ? `\\nhost ${dq(n.hostAddr6)}` : ''}${vlan}", shape=box, fillcolor="#e8eef5"];`,
    );
    for (const j of t.jails.filter((x) => x.network === n.name)) {
      L.push(
        `    ${id('j', j.name)} [label="${dq(jailLabel(j, natsOut(t, n)))}"${j.role === 'router' ? ', fillcolor="#fff4d6"' : ''}];`,
        `    ${id('b', n.name)} -> ${id('j', j.name)};`,
      );
    }
    L.push('  }');
    const router = t.jails.find((j) => j.network === n.name && j.role === 'router');
    if (router && t.uplink) L.push(`  ${id('j', router.name)} -> ${id('x', 'upstream')} [label="${n.nat ? 'NAT' : 'no NAT'}", fontsize=9, style=dashed];`);
    for (const other of n.routeTo) L.push(`  ${id('b', n.name)} -> ${id('b', other)} [label="routed", fontsize=9, style=dotted, constraint=false];`);
  }
  for (const j of t.jails.filter((x) => !x.network)) {
    L.push(`  ${id('j', j.name)} [label="${dq(jailLabel(j))}", fillcolor="#eaf6ea"];`);
    if (t.uplink) L.push(`  ${id('j', j.name)} -> ${id('x', 'upstream')} [label="${dq(j.aliasNic ?? '')}", fontsize=9];`);
  }
  L.push('}', '');
  return L.join('\n');
}

/** Escapes text for a mermaid quoted label. */
function mq(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, '<br/>');
}

/** The topology as mermaid flowchart text (GitHub renders it). */
export function topologyMermaid(t: Topology): string {
  const L = ['flowchart TB'];
  if (t.uplink)
    L.push(`  ${id('x', 'upstream')}(("${mq(t.uplink === 'simulated' ? 'upstream (VirtualBox-style NAT)\n10.0.2.0/24' : `uplink ${t.inetNic ?? ''}`)}"))`);
  for (const n of t.networks) {
    L.push(
      `  subgraph ${id('net', n.name)}["${mq(`network ${n.name} ${n.subnet}${n.subnet6 ? ` ${n.subnet6}` : ''}${n.vlan !== null ? ` VLAN ${n.vlan} on ${n.trunk ?? ''}` : ''}`)}"]`,
    );
    L.push(`    ${id('b', n.name)}["${mq(`bridge ${n.bridge}\nhost ${n.hostAddr}${n.hostAddr6 ? `\nhost ${n.hostAddr6}` : ''}`)}"]`);
    for (const j of t.jails.filter((x) => x.network === n.name))
      L.push(`    ${id('j', j.name)}["${mq(jailLabel(j, natsOut(t, n)))}"]`, `    ${id('b', n.name)} --- ${id('j', j.name)}`);
    L.push('  end');
    const router = t.jails.find((j) => j.network === n.name && j.role === 'router');
    if (router && t.uplink) L.push(`  ${id('j', router.name)} -. ${n.nat ? 'NAT' : 'no NAT'} .- ${id('x', 'upstream')}`);
    for (const other of n.routeTo) L.push(`  ${id('b', n.name)} -. routed .- ${id('b', other)}`);
  }
  for (const j of t.jails.filter((x) => !x.network)) {
    L.push(`  ${id('j', j.name)}["${mq(jailLabel(j))}"]`);
    if (t.uplink) L.push(`  ${id('j', j.name)} --- ${id('x', 'upstream')}`);
  }
  return L.join('\n') + '\n';
}
