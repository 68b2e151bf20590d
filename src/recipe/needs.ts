// Logical host packages a recipe may need, and how each maps to packages and probes per OS.

/** How one logical need is satisfied on each OS, and how its presence is detected. */
export interface NeedSpec {
  debian: string[];
  /** FreeBSD packages; none when the base system has it, or when the recipes' FreeBSD twins do not use it. */
  freebsd: string[];
  /** Commands on PATH, or absolute paths (with `*` allowed), any one of which proves it is there. */
  probes: string[];
  /** On FreeBSD, when they differ from `probes`; empty: FreeBSD needs nothing for it (its twins use base tools). */
  freebsdProbes?: string[];
  /** Why FreeBSD installs nothing for it (the base tool, or what its twins use instead). */
  freebsdWhy?: string;
}

/** Every logical need the contract's `needs:` list may name. */
export const NEEDS: Record<string, NeedSpec> = {
  ansible: { debian: ['ansible-core'], freebsd: ['py311-ansible-core'], probes: ['ansible-playbook'] },
  bash: { debian: ['bash'], freebsd: ['bash'], probes: ['bash'] },
  // The FreeBSD twins use fetch(1) and dhclient(8) from the base system where Linux steps use busybox.
  busybox: {
    debian: ['busybox'],
    freebsd: [],
    probes: ['busybox'],
    freebsdProbes: [],
    freebsdWhy: 'the FreeBSD steps use fetch(1) and dhclient(8) of the base system',
  },
  curl: { debian: ['curl'], freebsd: ['curl'], probes: ['curl'] },
  dig: { debian: ['bind9-dnsutils'], freebsd: ['bind-tools'], probes: ['dig'] },
  // A DHCPv6 client: ISC dhclient -6 on Debian; FreeBSD's dhclient(8) speaks DHCPv4 only, so dhcpcd from packages.
  dhclient: {
    debian: ['isc-dhcp-client'],
    freebsd: ['dhcpcd'],
    probes: ['dhclient'],
    freebsdProbes: ['dhcpcd', '/usr/local/sbin/dhcpcd'],
  },
  dnsmasq: { debian: ['dnsmasq-base'], freebsd: ['dnsmasq'], probes: ['dnsmasq', '/usr/sbin/dnsmasq', '/usr/local/sbin/dnsmasq'] },
  elixir: { debian: ['elixir', 'erlang-base'], freebsd: ['elixir'], probes: ['elixir'] },
  erlang: { debian: ['erlang-base'], freebsd: ['erlang'], probes: ['erl'] },
  git: { debian: ['git'], freebsd: ['git'], probes: ['git'] },
  graphviz: { debian: ['graphviz'], freebsd: ['graphviz'], probes: ['dot'] },
  haproxy: { debian: ['haproxy'], freebsd: ['haproxy'], probes: ['haproxy', '/usr/sbin/haproxy', '/usr/local/sbin/haproxy'] },
  iproute2: { debian: ['iproute2'], freebsd: [], probes: ['ip'], freebsdProbes: ['ifconfig'], freebsdWhy: 'ifconfig(8) and route(8) are in the base system' },
  iputils: { debian: ['iputils-ping'], freebsd: [], probes: ['ping'], freebsdWhy: 'ping(8) is in the base system' },
  jq: { debian: ['jq'], freebsd: ['jq'], probes: ['jq'] },
  mininet: { debian: ['mininet', 'bridge-utils'], freebsd: [], probes: ['mn'], freebsdWhy: 'Mininet is Linux only' },
  netcat: { debian: ['netcat-openbsd'], freebsd: [], probes: ['nc'], freebsdWhy: 'nc(1) is in the base system' },
  nftables: { debian: ['nftables'], freebsd: [], probes: ['nft'], freebsdProbes: ['pfctl'], freebsdWhy: 'pf(4) and pfctl(8) are in the base system' },
  openssh: { debian: ['openssh-server', 'openssh-client'], freebsd: [], probes: ['/usr/sbin/sshd'], freebsdWhy: 'sshd(8) is in the base system' },
  postgresql: {
    debian: ['postgresql'],
    freebsd: ['postgresql16-server'],
    probes: ['/usr/lib/postgresql/*/bin/postgres', '/usr/local/bin/postgres', 'postgres'],
  },
  python3: { debian: ['python3'], freebsd: ['python3'], probes: ['python3'] },
  tcpdump: { debian: ['tcpdump'], freebsd: [], probes: ['tcpdump'], freebsdWhy: 'tcpdump(1) is in the base system' },
  tmux: { debian: ['tmux'], freebsd: ['tmux'], probes: ['tmux'] },
};

/** The names of every known need. */
export const NEED_NAMES = Object.keys(NEEDS).sort();

/** The probes of a need on an OS. */
export function needProbes(spec: NeedSpec, os: 'debian' | 'freebsd'): string[] {
  return os === 'freebsd' ? (spec.freebsdProbes ?? spec.probes) : spec.probes;
}

/** The packages that give `needs` on an OS, sorted and without repeats (unknown needs give none). */
export function packagesFor(os: 'debian' | 'freebsd', needs: string[]): string[] {
  return [...new Set(needs.flatMap((n) => NEEDS[n]?.[os] ?? []))].sort();
}
