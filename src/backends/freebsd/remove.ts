// Removes FreeBSD ledger objects in teardown order (the reverse of creation), tolerating what is already gone.
import type { Host } from '../../core/host.js';
import { failed } from '../../util/errors.js';
import { forget, sharedWith, type LedgerObject } from '../../state/ledger.js';
import type { Db } from '../../state/db.js';

/** The command that removes one ledger object on FreeBSD. */
export function removalCommand(o: LedgerObject): string[] {
  switch (o.kind) {
    // jail -r runs exec.stop, kills the jail's processes, unmounts its mount.* file systems and returns vnet interfaces.
    case 'jail': {
      const [name, conf, rctl] = o.name.split('|') as [string, string, string | undefined];
      // rctl -r removes every rule naming the jail (rctl(8)).
      return rctl ? ['sh', '-c', 'jail -f "$1" -r "$2" && rctl -r "jail:$2"', 'vessel-jail', conf, name] : ['jail', '-f', conf, '-r', name];
    }
    // Destroying one end of an epair destroys both; a bridge or vlan goes alone.
    case 'ifnet':
      return ['ifconfig', o.name, 'destroy'];
    // flush removes gateway routes (the default) but not the interface route to the NIC's subnet: that one is deleted by
    // name, or the next lab to take this FIB fails to add it ("File exists"). A fixed script; the values are arguments.
    case 'fib': {
      const [fib, cidr, nic] = o.name.split('|') as [string, string, string];
      // route(8) reads an address as IPv4 unless told -6 (route.c getaddr); `route flush` empties both families.
      if (cidr.includes(':'))
        return ['sh', '-c', 'setfib "$1" route -q -6 delete -net "$2" -iface "$3"; setfib "$1" route -q flush', 'vessel-fib', fib, cidr, nic];
      return ['sh', '-c', 'setfib "$1" route -q delete -net "$2" -iface "$3"; setfib "$1" route -q flush', 'vessel-fib', fib, cidr, nic];
    }
    case 'pf-anchor':
      return ['pfctl', '-a', o.name, '-F', 'all'];
    case 'devfs-ruleset':
      return ['devfs', 'rule', '-s', o.name, 'delset'];
    // -x: never cross a mount point (a nullfs mount still in place stops the removal instead of following it).
    case 'dir':
      return ['rm', '-rf', '-x', o.name];
    default:
      throw failed(`the freebsd backend does not make ${o.kind} objects`);
  }
}

/** Removes the objects (already in teardown order) and forgets them. */
export async function removeFbObjects(db: Db, host: Host, objects: LedgerObject[]): Promise<void> {
  for (const o of objects) {
    // A ruleset, anchor or uplink bridge shared by other labs stays until the last one goes (every other interface
    // name carries its lab's tag, so only the uplink bridge can be shared).
    if (o.kind === 'devfs-ruleset' || o.kind === 'pf-anchor' || o.kind === 'ifnet') {
      if (sharedWith(db, o.kind, o.name, o.lab) > 0) {
        forget(db, [o.id]);
        continue;
      }
    }
    await host.run(removalCommand(o), { allowFail: true });
    forget(db, [o.id]);
  }
}
