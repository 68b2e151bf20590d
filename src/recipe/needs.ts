// Logical host packages a recipe may need, and how each maps to packages and probes per OS.

/** How one logical need is satisfied on each OS, and how its presence is detected. */
export interface NeedSpec {
  debian: string[];
  freebsd: string[];
  /** Commands on PATH, or absolute paths (with `*` allowed), any one of which proves it is there. */
  probes: string[];
}

/** Every logical need the contract's `needs:` list may name. */
export const NEEDS: Record<string, NeedSpec> = {
  ansible: { debian: ['ansible-core'], freebsd: ['py311-ansible-core'], probes: ['ansible-playbook'] },
  bash: { debian: ['bash'], freebsd: ['bash'], probes: ['bash'] },
  busybox: { debian: ['busybox'], freebsd: ['busybox'], probes: ['busybox'] },
  curl: { debian: ['curl'], freebsd: ['curl'], probes: ['curl'] },
  dig: { debian: ['bind9-dnsutils'], freebsd: ['bind-tools'], probes: ['dig'] },
  dnsmasq: { debian: ['dnsmasq-base'], freebsd: ['dnsmasq'], probes: ['dnsmasq', '/usr/sbin/dnsmasq', '/usr/local/sbin/dnsmasq'] },
  elixir: { debian: ['elixir', 'erlang-base'], freebsd: ['elixir'], probes: ['elixir'] },
  erlang: { debian: ['erlang-base'], freebsd: ['erlang'], probes: ['erl'] },
  git: { debian: ['git'], freebsd: ['git'], probes: ['git'] },
  graphviz: { debian: ['graphviz'], freebsd: ['graphviz'], probes: ['dot'] },
  haproxy: { debian: ['haproxy'], freebsd: ['haproxy'], probes: ['haproxy', '/usr/sbin/haproxy', '/usr/local/sbin/haproxy'] },
  iproute2: { debian: ['iproute2'], freebsd: [], probes: ['ip', 'ifconfig'] },
  iputils: { debian: ['iputils-ping'], freebsd: [], probes: ['ping'] },
  jq: { debian: ['jq'], freebsd: ['jq'], probes: ['jq'] },
  mininet: { debian: ['mininet', 'bridge-utils'], freebsd: [], probes: ['mn'] },
  netcat: { debian: ['netcat-openbsd'], freebsd: [], probes: ['nc'] },
  nftables: { debian: ['nftables'], freebsd: [], probes: ['nft', 'pfctl'] },
  openssh: { debian: ['openssh-server', 'openssh-client'], freebsd: [], probes: ['/usr/sbin/sshd'] },
  postgresql: {
    debian: ['postgresql'],
    freebsd: ['postgresql16-server'],
    probes: ['/usr/lib/postgresql/*/bin/postgres', '/usr/local/bin/postgres', 'postgres'],
  },
  python3: { debian: ['python3'], freebsd: ['python3'], probes: ['python3'] },
  tcpdump: { debian: ['tcpdump'], freebsd: [], probes: ['tcpdump'] },
  tmux: { debian: ['tmux'], freebsd: ['tmux'], probes: ['tmux'] },
};

/** The names of every known need. */
export const NEED_NAMES = Object.keys(NEEDS).sort();
