// Names every backend shares (pure): lab ids, interface name length, bridge names, MACs.
import { createHash } from 'node:crypto';

/** The interface name limit (IFNAMSIZ - 1, on Linux and FreeBSD). */
export const IFNAMSIZ_MAX = 15;

/** The first n hex digits of a string's SHA-256 (short, stable name parts). */
export const shortHash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** Why a lab id is unusable, or undefined. Lab ids end up in netns and cgroup names. */
export function labIdProblem(id: string): string | undefined {
  return /^[a-z0-9]{1,12}$/.test(id) ? undefined : `lab id "${id}" must be 1-12 lowercase letters or digits`;
}

/** The bridge of a network, inside the lab host: `br-NAME`, or a hashed form when that is too long. */
export function bridgeName(network: string): string {
  const plain = `br-${network}`;
  return plain.length <= IFNAMSIZ_MAX ? plain : `br-${network.slice(0, 7)}-${shortHash(network, 4)}`;
}

/** The host side of a jail's veth, inside the lab host: `vh<seq>`. */
export function hostVethName(seq: number): string {
  return `vh${seq}`;
}

/** The fixed MAC of a slot's address: 52:00 followed by the address's four bytes (192.168.1.7 → 52:00:c0:a8:01:07). */
export function slotMac(ip: string): string {
  return ['52', '00', ...ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0'))].join(':');
}

/** A locally administered unicast MAC derived from a seed (stable for a jail's UUID). */
export function macFromSeed(seed: string, side: 'host' | 'jail' | 'uplink' | 'uplink-host'): string {
  const h = createHash('sha256').update(`${side}:${seed}`).digest();
  const bytes = [0x02, h[0]!, h[1]!, h[2]!, h[3]!, h[4]!];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** UUIDs made from a seed, one after another (plans: the same seed gives the same jails, MACs and plan). */
export function seededUuids(seed: string): () => string {
  let n = 0;
  return () => {
    const h = createHash('sha256').update(`${seed}:${n++}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}
